import { CHECK_OUTCOMES, DECISIONS, DISPOSALS, londonMidnight, OFFENCE_CATEGORIES, OUTCOMES_OF_INTEREST, shiftDay, type EventOf, type LoggedEvent } from '../../protocol/index.js';
import type { Reference } from '../../server/domain/index.js';
import { Rng } from '../../server/simulator/random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NATIONALITIES = ['PL', 'RO', 'AL', 'IN', 'NG', 'PK', 'LT', 'VN', 'IE', 'XX'] as const;

type CaseFactType =
  | 'arrest.booked'
  | 'case.referred'
  | 'check.completed'
  | 'decision.made'
  | 'travel_document.recorded'
  | 'etd.applied'
  | 'case.transferred'
  | 'detainee.released'
  | 'outcome.recorded';

/** One fact as a feed states it: its id, what happened and when, and when the feed got round to sending it. */
export interface HistoryFact<T extends CaseFactType = CaseFactType> {
  id: string;
  type: T;
  at: number;
  data: EventOf<T>['data'];
  /** When it is sent: its own time, or later for a fact that arrives late. */
  sentAt: number;
}

export interface YearOptions {
  /** First London day. */
  from: string;
  days: number;
  /** Cases a day, nationally (spread over the suites by chance). */
  casesPerDay: number;
  seed: number;
  reference: Reference;
}

/**
 * A period of history, fast: every case's facts drawn from a seeded generator (no simulator, no
 * clock), in the order feeds send them. Some cases are checked face to face, some remotely, some
 * never; some are decided on (papers, detention, no action) with an ETD; a few move suite; most
 * are released, a few never reported released (the log's time closes them); one fact in ten comes
 * a day or two late. Same seed, same facts.
 */
export function yearOfFacts(options: YearOptions): HistoryFact[] {
  return [...factsByDay(options)].flat().sort((a, b) => a.sentAt - b.sentAt || a.at - b.at);
}

/** The same facts a day of arrivals at a time (each day's in order of time): a bulk load never holds the year. */
export function* factsByDay({ from, days, casesPerDay, seed, reference }: YearOptions): Generator<HistoryFact[]> {
  const suites = reference.suites.filter((s) => s.openAtStart);
  const officers = new Map<string, string[]>();
  for (const o of reference.officers) officers.set(o.region, [...(officers.get(o.region) ?? []), o.id]);
  for (let d = 0; d < days; d++) {
    const facts: HistoryFact[] = [];
    const day = shiftDay(from, d);
    const midnight = londonMidnight(day);
    const length = londonMidnight(shiftDay(day, 1)) - midnight; // 23 or 25 hours on the clock-change days
    const rng = Rng.from(seed, 'day', day);
    for (let n = 0; n < casesPerDay; n++) {
      const suite = rng.pick(suites);
      const ref = `H/${day.replaceAll('-', '')}/${String(n).padStart(4, '0')}`;
      const rt = midnight + Math.floor(rng.next() * length);
      facts.push(...caseFacts(Rng.from(seed, 'case', ref), ref, rt, suite, suites, officers.get(suite.region) ?? []));
    }
    yield facts.sort((a, b) => a.at - b.at);
  }
}

function caseFacts(
  rng: Rng,
  ref: string,
  rt: number,
  suite: { id: string; region: string },
  suites: readonly { id: string; region: string }[],
  officers: readonly string[],
): HistoryFact[] {
  const out: HistoryFact[] = [];
  const add = <T extends CaseFactType>(type: T, at: number, data: EventOf<T>['data']) => {
    const late = type !== 'arrest.booked' && rng.chance(0.1);
    const outcome = type === 'outcome.recorded' ? `:${(data as { outcome: string }).outcome}` : '';
    out.push({ id: `${ref.replaceAll("/", "-")}:${type}${outcome}`, type, at, data, sentAt: late ? at + rng.int(20, 60) * HOUR : at });
  };
  const officer = () => (officers.length > 0 && rng.chance(0.6) ? rng.pick(officers) : null);
  add('arrest.booked', rt, {
    custodyRef: ref,
    suiteId: suite.id,
    nationality: rng.pick(NATIONALITIES),
    iabsMatch: rng.chance(0.7),
    relevantTime: rt,
    offenceCategory: rng.pick(OFFENCE_CATEGORIES),
    intelFlags: [],
    priorOffences: rng.int(0, 5),
  });
  const releasedAt = rng.chance(0.97) ? rt + rng.int(90, 11 * 60) * MINUTE : null;
  let decision: (typeof DECISIONS)[number] | null = null;
  const before = (at: number) => releasedAt === null || at < releasedAt;
  const referAt = rt + rng.int(5, 120) * MINUTE;
  if (rng.chance(0.8) && before(referAt)) add('case.referred', referAt, { custodyRef: ref });
  const checkAt = rt + rng.int(10, 10 * 60) * MINUTE;
  if (rng.chance(0.75) && before(checkAt)) {
    const by = officer();
    const outcome = rng.pick(CHECK_OUTCOMES);
    add('check.completed', checkAt, { custodyRef: ref, officerId: by, mode: by ? 'face_to_face' : 'remote', outcome });
    const decideAt = checkAt + rng.int(5, 60) * MINUTE;
    if ((OUTCOMES_OF_INTEREST as readonly string[]).includes(outcome) && rng.chance(0.7) && before(decideAt)) {
      decision = rng.pick(DECISIONS);
      add('decision.made', decideAt, { custodyRef: ref, officerId: officer(), decision });
      if (rng.chance(0.5) && before(decideAt + MINUTE)) add('travel_document.recorded', decideAt + MINUTE, { custodyRef: ref, document: rng.pick(['valid', 'none', 'unknown'] as const) });
      if (rng.chance(0.4) && before(decideAt + 2 * MINUTE)) add('etd.applied', decideAt + 2 * MINUTE, { custodyRef: ref, officerId: officer() });
    }
  }
  const moveAt = rt + rng.int(30, 80) * MINUTE;
  if (rng.chance(0.03) && before(moveAt)) {
    const others = suites.filter((s) => s.region === suite.region && s.id !== suite.id);
    if (others.length > 0) add('case.transferred', moveAt, { custodyRef: ref, toSuiteId: rng.pick(others).id });
  }
  if (releasedAt !== null) add('detainee.released', releasedAt, { custodyRef: ref, disposal: rng.pick(DISPOSALS) });
  // The casework feed: the decision becomes the outcome after the release; some are removed a day or two later.
  if (releasedAt !== null && decision !== null) {
    const outcome = ({ papers_served: 'papers_served', detained_immigration_powers: 'detained_immigration_powers', no_action: 'no_further_action' } as const)[decision];
    add('outcome.recorded', releasedAt + rng.int(5, 60) * MINUTE, { custodyRef: ref, outcome });
    if (outcome !== 'no_further_action' && rng.chance(0.4)) add('outcome.recorded', releasedAt + rng.int(24, 48) * HOUR, { custodyRef: ref, outcome: 'removed_or_deported' });
  }
  return out;
}

/** A fact as the log stores it (a bulk load straight into the store, past the engine). */
export function asLogged(f: HistoryFact, seq: number): LoggedEvent {
  return { seq, type: f.type, data: f.data, at: f.at, recordedAt: f.sentAt, actor: 'history', source: 'history', sourceEventId: f.id } as unknown as LoggedEvent;
}

/** The same fact as a feed sends it to POST /api/ingest. */
export function asIngestItem(f: HistoryFact): { id: string; type: string; at: string; data: object } {
  return { id: f.id, type: f.type, at: new Date(f.at).toISOString(), data: f.data };
}
