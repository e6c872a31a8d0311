/**
 * Every number the simulator plays, in one place, each with where it comes from. Figures marked
 * DOMAIN.md are from shared/DOMAIN.md ("Realistic volumes") and data/facts.md; the rest are
 * modelling choices that keep the dashboard plausible, and say so.
 */
import type { CheckOutcome, Decision, Disposal, IntelFlag, OffenceCategory, TravelDocument } from '../../protocol/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

// ── What they are held for ─────────────────────────────────────────────────────────────────

/**
 * Offence mix of FN arrests, per cent (modelling choice: acquisitive, drugs, public-order and
 * driving offences dominate arrests; the gravest are rare). "Serious violence" means GBH and
 * worse (common assault is in "other"), so with intelligence and repeat offending about 14% of
 * cases are High Harm under the v1 definition (the brief's target: 8–15%).
 */
export const OFFENCE_MIX: readonly (readonly [OffenceCategory, number])[] = [
  ['theft', 20], ['drugs_supply', 10], ['public_order', 10], ['driving', 9], ['burglary', 7],
  ['fraud', 6], ['immigration_offence', 6], ['serious_violence', 3.5], ['weapons', 3.5], ['robbery', 3.5],
  ['sexual_offence_child', 1], ['rape', 1], ['modern_slavery', 0.5], ['murder', 0.3], ['other', 17.7],
];
/** Offences that come with police intelligence more often: organised supply, exploitation, weapons and gangs. */
export const INTEL_PRONE_OFFENCES: ReadonlySet<OffenceCategory> = new Set([
  'drugs_supply', 'modern_slavery', 'weapons', 'robbery', 'serious_violence',
]);
/** Chance of an intelligence flag at booking: 14% for the prone offences, 3% otherwise, ~5% overall. */
export const INTEL_FLAG_RATE = { prone: 0.14, other: 0.03 } as const;
/** Which flag, when there is one (modelling choice: terrorism interest is rare). */
export const INTEL_FLAG_MIX: readonly (readonly [IntelFlag, number])[] = [
  ['safeguarding_concern', 40], ['gang', 30], ['organised_crime', 25], ['terrorism_interest', 5],
];
/** A flagged case has a second, different flag this often. */
export const SECOND_FLAG_RATE = 0.15;
/** Prior offences, weights per cent: most have none or a few; ~3% are prolific (5+) (modelling choice). */
export const PRIOR_OFFENCES_MIX: readonly (readonly [number, number])[] = [
  [0, 50], [1, 20], [2, 13], [3, 8], [4, 6],
  [5, 1.1], [6, 0.7], [7, 0.45], [8, 0.3], [10, 0.25], [13, 0.15], [20, 0.05],
];

// ── How long they stay ─────────────────────────────────────────────────────────────────────

/**
 * DOMAIN.md: most detentions end well within the 24 h PACE limit. Lognormal, median 9 h; sigma 0.55
 * puts ~96% under 24 h. Under a shorter starting limit the median shrinks with it (Scotland, 12 h: 4.5 h).
 */
export const DETENTION_MEDIAN_MS = 9 * HOUR;
export const DETENTION_MEDIAN_FOR_LIMIT_MS = 24 * HOUR;
export const DETENTION_SIGMA = 0.55;
/** Nobody is held closer than this to their limit: custody plans the disposal ahead of the deadline. */
export const PACE_MARGIN_MS = 30 * MINUTE;
/** Booking in, fingerprints and a first interview take at least this long. */
export const DETENTION_MIN_MS = 45 * MINUTE;
/**
 * PACE Code C gives 8 h rest, normally at night, and interviews and disposals happen by day: of
 * those who would leave between midnight and 07:00 London time, 75% leave between 08:00 and 12:00.
 */
export const NIGHT_RELEASE_END_HOUR = 7;
export const NIGHT_RELEASE_DEFERRED = 0.75;
export const MORNING_RELEASE_FROM_HOUR = 8;
export const MORNING_RELEASE_MS: readonly [number, number] = [0, 4 * HOUR];

/** Offences serious (indictable) enough for detention to be extended past the starting limit. */
export const EXTENDABLE_OFFENCES: ReadonlySet<OffenceCategory> = new Set([
  'murder', 'rape', 'sexual_offence_child', 'serious_violence', 'robbery', 'weapons', 'drugs_supply', 'modern_slavery',
]);
/** DOMAIN.md: extensions are the exception; ~5% of the serious cases are extended (modelling choice). */
export const EXTENSION_RATE = 0.05;
/** A superintendent (E&W, 24 → 36 h) or a Scottish inspector (12 → 24 h) grants 12 more hours. */
export const EXTENSION_MS = 12 * HOUR;
/** The extension is granted at a review 1–3 h before the starting limit runs out. */
export const EXTENSION_BEFORE_LIMIT_MS: readonly [number, number] = [1 * HOUR, 3 * HOUR];

/** How custody ends (modelling choice; roughly a third charged). */
export const DISPOSAL_MIX: readonly (readonly [Disposal, number])[] = [
  ['charged', 0.35],
  ['bailed', 0.25],
  ['released', 0.4],
];

// ── Referral and ACRO ───────────────────────────────────────────────────────────────────────

/** DOMAIN.md step 3: police refer every FN, but not always at once: 85% within 20 min, 10% late, 5% never. */
export const REFERRAL_MIX = { prompt: 0.85, late: 0.1 } as const;
export const REFERRAL_PROMPT_MS: readonly [number, number] = [0, 20 * MINUTE];
export const REFERRAL_LATE_MS: readonly [number, number] = [1 * HOUR, 6 * HOUR];
/** DOMAIN.md step 4: ACRO checks are automated for most forces, sent a few minutes after booking. */
export const ACRO_REQUEST_RATE = 0.9;
export const ACRO_REQUEST_MS: readonly [number, number] = [3 * MINUTE, 8 * MINUTE];
/** DOMAIN.md step 4: results take hours to days; lognormal median 12 h, kept within 2–48 h. */
export const ACRO_RETURN_MEDIAN_MS = 12 * HOUR;
export const ACRO_RETURN_SIGMA = 0.8;
export const ACRO_RETURN_RANGE_MS: readonly [number, number] = [2 * HOUR, 48 * HOUR];
/** Share of ACRO returns with overseas convictions (modelling choice). */
export const OVERSEAS_CONVICTIONS_RATE = 0.12;

// ── Moves between suites ────────────────────────────────────────────────────────────────────

/** DOMAIN.md: custody is consolidated and diverts detainees; ~2% move to another suite in the force. */
export const TRANSFER_RATE = 0.02;
/** A transfer happens 1–6 h after arrival, and never in the last hour before release. */
export const TRANSFER_AFTER_MS: readonly [number, number] = [1 * HOUR, 6 * HOUR];
export const TRANSFER_BEFORE_RELEASE_MS = 1 * HOUR;

// ── Status checks ───────────────────────────────────────────────────────────────────────────

/** Status-check outcomes (modelling choice, DOMAIN.md's five outcomes; most FNs are lawfully present). */
export const OUTCOME_MIX: readonly (readonly [CheckOutcome, number])[] = [
  ['no_trace', 0.25],
  ['lawfully_present', 0.45],
  ['immigration_offender', 0.18],
  ['subject_to_removal', 0.07],
  ['deportation_conduct', 0.05],
];

/**
 * DOMAIN.md step 5: for an offender an IO must act before the police disposal. The officer who
 * checked (or one who attends after a remote check) interviews, then decides; they are busy
 * until done. Together these are the 30–90 min "follow-up" of earlier versions.
 */
export const INTERVIEW_AFTER_CHECK_MS: readonly [number, number] = [5 * MINUTE, 15 * MINUTE];
export const DECISION_AFTER_INTERVIEW_MS: readonly [number, number] = [20 * MINUTE, 60 * MINUTE];
/** What the officer decides (modelling choice). */
export const DECISION_MIX: readonly (readonly [Decision, number])[] = [
  ['papers_served', 45],
  ['detained_immigration_powers', 35],
  ['no_action', 20],
];
// ── Casework outcomes (the casework feed) ───────────────────────────────────────────────────
/**
 * Only people a status check found of interest get an outcome. An officer's decision in custody
 * becomes the outcome, recorded this long after it (papers) or after the police disposal
 * (detention, no further action).
 */
export const OUTCOME_RECORD_AFTER_MS: readonly [number, number] = [5 * MINUTE, 60 * MINUTE];
/**
 * Nobody decided in custody (no attendance): the CCU serves papers remotely for some, the rest
 * get no further action, within days of release (modelling choice).
 */
export const REMOTE_PAPERS_RATE = 0.35;
export const REMOTE_OUTCOME_AFTER_MS: readonly [number, number] = [1 * HOUR, 7 * DAY];
/**
 * Removal or deportation weeks after the first outcome. Met figures (data/facts.md §4.2): 1,077
 * departures in 2013/14 against about 4,660 offenders identified a year, so about a quarter of
 * those of interest; most of them from immigration detention.
 */
export const REMOVAL_RATE_AFTER_DETENTION = 0.7;
export const REMOVAL_RATE_AFTER_PAPERS = 0.15;
export const REMOVAL_AFTER_MS: readonly [number, number] = [7 * DAY, 90 * DAY];
/** The travel document found at interview (modelling choice: most have none with them). */
export const TRAVEL_DOCUMENT_MIX: readonly (readonly [TravelDocument, number])[] = [
  ['none', 60],
  ['valid', 25],
  ['unknown', 15],
];
/** DOMAIN.md step 6 / recommendation 4: when an ETD is required the officer applies ~70% of the time, soon after deciding. */
export const ETD_APPLY_RATE = 0.7;
export const ETD_AFTER_DECISION_MS: readonly [number, number] = [10 * MINUTE, 30 * MINUTE];
/** A country rarely agrees an ETD while the person is still in police custody. */
export const ETD_AGREED_RATE = 0.05;
export const ETD_AGREED_AFTER_MS: readonly [number, number] = [3 * HOUR, 12 * HOUR];
/** An officer only starts attending someone who will be in custody at least this much longer. */
export const ATTEND_MIN_LEFT_MS = 15 * MINUTE;
/** Nobody can be checked before booking in and fingerprints are done. */
export const BOOKING_IN_MS = 10 * MINUTE;
/** A face-to-face check by an officer at the suite (modelling choice). */
export const FACE_TO_FACE_MS: readonly [number, number] = [30 * MINUTE, 90 * MINUTE];
/** A remote check by the CCU: no travel or interview room, so quicker. */
export const REMOTE_MS: readonly [number, number] = [20 * MINUTE, 60 * MINUTE];
/**
 * CCU operators working checks at once, nationally (DOMAIN.md: CCU is called on at peaks, so small).
 * 6 keeps ~98% of referred people checked before release, leaving the evening and overnight
 * backlog to produce a few releases unchecked, and so non-attendances, each day.
 */
export const CCU_CAPACITY = 6;
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
/**
 * …and every officer on duty at least every 5 minutes, moving or not (a device's regular fix), so
 * a position that stops arriving means a silent device and shows as stale (modelling choice).
 */
export const POSITION_HEARTBEAT_MS = 5 * MINUTE;

/**
 * How soon an officer acknowledges a move on their phone (modelling choice): most within a few
 * minutes; some are driving, in an interview or have no signal, and acknowledge late, after the
 * 5-minute alert. An officer sets off when they acknowledge, so they arrive that much later.
 */
export const ACK_MS: readonly [number, number] = [0.5 * MINUTE, 4 * MINUTE];
export const LATE_ACK_SHARE = 0.15;
export const LATE_ACK_MS: readonly [number, number] = [6 * MINUTE, 20 * MINUTE];

// ── Dispatch ────────────────────────────────────────────────────────────────────────────────

/** DOMAIN.md: ICE reallocates staff by custody volume; the sim's duty manager looks every 15 minutes. */
export const DISPATCH_EVERY_MS = 15 * MINUTE;
/** A queue this long at a suite with no officer is worth sending someone. */
export const DISPATCH_MIN_QUEUE = 3;
/** DOMAIN.md step 5: so is one offender found remotely, if they will be held long enough for an officer to get there. */
export const DISPATCH_ATTEND_MIN_LEFT_MS = 45 * MINUTE;
