/**
 * Every number the simulator plays, in one place, each with where it comes from. Figures marked
 * DOMAIN.md are from shared/DOMAIN.md ("Realistic volumes") and data/facts.md; the rest are
 * modelling choices that keep the dashboard plausible, and say so.
 */
import type { CheckOutcome, Disposal } from '../../protocol/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ── Arrivals ────────────────────────────────────────────────────────────────────────────────

/** FN arrivals a day per force. DOMAIN.md: ~185k FN arrests/yr in E&W, a third by the Met (~170/day); others scaled to force size. */
export const REGION_DAILY_ARRIVALS: Readonly<Record<string, number>> = {
  'Metropolitan Police': 170,
  'West Midlands Police': 45,
  'Greater Manchester Police': 45,
  'West Yorkshire Police': 25,
  'Merseyside Police': 20,
  'Kent Police': 18,
  'Police Scotland': 25,
  'South Wales Police': 15,
  'Gwent Police': 6,
  'Cheshire Constabulary': 10,
  'Cleveland Police': 8,
};
/** A force not in the table (added to the reference later) gets a small-force volume. */
export const UNKNOWN_REGION_DAILY_ARRIVALS = 10;

/** Relative arrivals by Europe/London hour. DOMAIN.md: arrivals peak in the afternoon and evening; quiet before dawn. */
const HOUR_PROFILE = [
  1.0, 0.8, 0.6, 0.45, 0.3, 0.25, 0.25, 0.35, 0.5, 0.7, 0.9, 1.05, // 00–11
  1.15, 1.25, 1.35, 1.5, 1.6, 1.65, 1.65, 1.6, 1.5, 1.4, 1.25, 1.1, // 12–23
];
const HOUR_PROFILE_SUM = HOUR_PROFILE.reduce((a, b) => a + b, 0);

/** Relative arrivals by weekday (Sunday first), averaging 1. Modelling choice: busier Friday and Saturday nights. */
const WEEKDAY_FACTOR = [0.98, 0.95, 0.95, 0.97, 1.0, 1.05, 1.1];

/** Share of a force's arrivals a suite takes: by cells. Suites with unknown cells count as a typical 20. */
export const DEFAULT_CELLS = 20;
/** Contingency, overflow and ancillary suites open for peaks only (facts.md: Met "overflow" suites, Glasgow Cathcart "normally closed"). */
export const STANDBY_SUITE_FACTOR = 0.3;
const STANDBY_WORDS = /contingency|overflow|ancillary/i;

/** How much of its force's demand a suite draws: 0 when closed, so arrivals divert to the others. */
export function suiteWeight(suite: { open: boolean; cells: number | null; name: string; note: string | null }): number {
  if (!suite.open) return 0;
  const standby = STANDBY_WORDS.test(`${suite.name} ${suite.note ?? ''}`);
  return (suite.cells ?? DEFAULT_CELLS) * (standby ? STANDBY_SUITE_FACTOR : 1);
}

/** Expected FN arrivals per hour for a force at a London hour and weekday (0 = Sunday). */
export function regionArrivalsPerHour(region: string, hour: number, weekday: number): number {
  const daily = REGION_DAILY_ARRIVALS[region] ?? UNKNOWN_REGION_DAILY_ARRIVALS;
  return (daily * (WEEKDAY_FACTOR[weekday] ?? 1) * (HOUR_PROFILE[hour] ?? 1)) / HOUR_PROFILE_SUM;
}

// ── Who arrives ─────────────────────────────────────────────────────────────────────────────

/** DOMAIN.md: an IABS fingerprint match or a stated non-British nationality makes an FN; ~35% are matches (modelling choice). */
export const IABS_MATCH_RATE = 0.35;

/** Nationality mix, per mille, roughly the order of FN arrests in England and Wales [UNCERTAIN: approximate ranking]. */
export const NATIONALITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['PL', 140], ['RO', 130], ['AL', 60], ['LT', 55], ['IE', 45], ['IN', 40], ['PK', 35], ['BG', 35],
  ['NG', 30], ['SO', 25], ['IT', 25], ['PT', 25], ['JM', 22], ['LV', 22], ['IQ', 20], ['AF', 20],
  ['ER', 20], ['FR', 18], ['BR', 18], ['IR', 18], ['ES', 15], ['VN', 15], ['SD', 15], ['TR', 15],
  ['SK', 15], ['CN', 12], ['GH', 12], ['CZ', 12], ['HU', 12], ['ZW', 10], ['DE', 10], ['NL', 8],
  ['US', 8],
];
/** Nationality not known at booking (XX): ~3% of FN arrivals, all identified by an IABS match. */
export const UNKNOWN_NATIONALITY_SHARE = 0.03;

// ── How long they stay ─────────────────────────────────────────────────────────────────────

/** DOMAIN.md: most detentions end well within the 24 h PACE limit. Lognormal, median 9 h; sigma 0.55 puts ~96% under 24 h. */
export const DETENTION_MEDIAN_MS = 9 * HOUR;
export const DETENTION_SIGMA = 0.55;
/** Nobody is held past 23.5 h: the sim does not model PACE extensions. */
export const DETENTION_MAX_MS = 23.5 * HOUR;
/** Booking in, fingerprints and a first interview take at least this long. */
export const DETENTION_MIN_MS = 45 * MINUTE;

/** How custody ends (modelling choice; roughly a third charged). */
export const DISPOSAL_MIX: readonly (readonly [Disposal, number])[] = [
  ['charged', 0.35],
  ['bailed', 0.25],
  ['released', 0.4],
];

// ── Status checks ───────────────────────────────────────────────────────────────────────────

/** Status-check outcomes (modelling choice, DOMAIN.md's five outcomes; most FNs are lawfully present). */
export const OUTCOME_MIX: readonly (readonly [CheckOutcome, number])[] = [
  ['no_trace', 0.25],
  ['lawfully_present', 0.45],
  ['immigration_offender', 0.18],
  ['subject_to_removal', 0.07],
  ['deportation_conduct', 0.05],
];

/** DOMAIN.md: for an offender an IO must act before the police disposal (serve papers, detain, interview); the officer is busy meanwhile. */
export const FOLLOW_UP_OUTCOMES: ReadonlySet<CheckOutcome> = new Set(['immigration_offender', 'subject_to_removal', 'deportation_conduct']);
export const FOLLOW_UP_MS: readonly [number, number] = [30 * MINUTE, 90 * MINUTE];
/** Nobody can be checked before booking in and fingerprints are done. */
export const BOOKING_IN_MS = 10 * MINUTE;
/** A face-to-face check by an officer at the suite (modelling choice). */
export const FACE_TO_FACE_MS: readonly [number, number] = [30 * MINUTE, 90 * MINUTE];
/** A remote check by the CCU: no travel or interview room, so quicker. */
export const REMOTE_MS: readonly [number, number] = [20 * MINUTE, 60 * MINUTE];
/**
 * CCU operators working checks at once, nationally (DOMAIN.md: CCU is called on at peaks, so small).
 * 5 leaves some people released unchecked on busy days (92–97% coverage), as the inspection found.
 */
export const CCU_CAPACITY = 5;
/** The CCU takes a case at a suite with no officer once it has waited this long… */
export const CCU_AFTER_WAIT_MS = 60 * MINUTE;
/**
 * …or sooner, when custody says the person is due out within this long. Until then nobody knows
 * when a detention will end: checks go by PACE time left (oldest first), and only these jump the queue.
 */
export const NEAR_RELEASE_MS = 2 * HOUR;
/** An officer due at the suite within this long counts as present: the CCU leaves the case to them. */
export const OFFICER_DUE_SOON_MS = 30 * MINUTE;

// ── Officers ────────────────────────────────────────────────────────────────────────────────

/** A shift in Europe/London hours; `end` is exclusive and may be past midnight (end < start). */
export interface Shift {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}
/** Embedded IOs: early and late shifts overlapping at 14:00 for handover (modelling choice). */
export const EARLY: Shift = { name: 'early', start: 7, end: 15 };
export const LATE: Shift = { name: 'late', start: 14, end: 22 };
export const NIGHT: Shift = { name: 'night', start: 22, end: 7 };
/** ICE teams work mostly office hours, with a few covering the evening peak. */
export const ICE_DAY: Shift = { name: 'ice-day', start: 8, end: 18 };
export const ICE_LATE: Shift = { name: 'ice-late', start: 12, end: 22 };
/** DOMAIN.md: suites were "staffed only some hours"; ~15% of embedded IOs on nights. */
export const EMBEDDED_NIGHT_SHARE = 0.15;
/** ICE officers on the late shift. */
export const ICE_LATE_SHARE = 0.15;

/** The location feed reports officers on the road every 15 s of simulated time, like vehicle tracking (AVL) does. */
export const POSITION_EVERY_MS = 15_000;

// ── Dispatch ────────────────────────────────────────────────────────────────────────────────

/** DOMAIN.md: ICE reallocates staff by custody volume; the sim's duty manager looks every 15 minutes. */
export const DISPATCH_EVERY_MS = 15 * MINUTE;
/** A queue this long at a suite with no officer is worth sending someone. */
export const DISPATCH_MIN_QUEUE = 3;
