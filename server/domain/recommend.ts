import { compareQueue, travelMs, type Recommendation } from '../../protocol/index.js';
import { deadlineOf, type CaseState } from './cases.js';
import { awaitingAttendanceBySuite, clearsInTime, officersFreeAt, waitingBySuite } from './queues.js';
import type { OfficerState, State, SuiteState } from './state.js';

const MINUTE = 60_000;

/** People reached in time at one suite, and how many of them are High Harm. */
interface Cleared {
  n: number;
  highHarm: number;
}

/**
 * A suite's work and when the officers planned for it can start: the plan the moves change. The
 * work is everyone an IO must reach before release: people waiting for a status check, and people
 * already found to be of immigration interest whom no IO has attended (checked remotely), in one
 * queue order.
 */
interface SuitePlan {
  suite: SuiteState;
  deadlines: number[];
  highHarm: boolean[];
  /** Of the work, how many are waiting for a check (the rest are to attend). */
  waiting: number;
  freeAt: number[];
}

/** An officer who could be moved: free now, or at a suite without being busy there. */
interface Candidate {
  officer: OfficerState;
  /** The suite they would leave (its plan loses them), or null if not at one. */
  from: string | null;
}

interface Move {
  candidate: Candidate;
  to: SuitePlan;
  travel: number;
  gain: number;
  highHarmGain: number;
  loss: number;
}

/**
 * The daily management meeting's advice: which officers to move where so that an IO reaches more
 * people of immigration interest before their release (attendance, recommendation 2): everyone
 * waiting for a status check (a face-to-face check is attendance) and everyone checked remotely
 * and found to be of interest whom no IO has seen. Pure (state and `now` only), so every screen
 * and the accept command agree on the same advice.
 *
 * Candidates are officers on duty and not deployed, and officers at a suite who are not in the
 * middle of a check or an interview there. Moving officer o to suite s (in o's own region, open,
 * with people to reach) gains: people at s reached in time with o arriving after the road journey,
 * minus those reached without o, minus those o's own suite then no longer reaches. "Reached in
 * time" is the routing plan's rule (`clearsInTime`: queue order, 45 min each, 15 min margin).
 *
 * Moves are chosen greedily by marginal gain (ties: more High Harm cases gained, then the shorter
 * journey), re-scoring after each pick against the plan with the earlier picks in it, until no move
 * gains a whole check. Sorted by gain, largest first; the id is `${officerId}>${toSuiteId}`.
 */
export function recommendMoves(state: State, now: number): Recommendation[] {
  const plans = suitePlans(state, now);
  const candidates = candidatesOf(state);
  const table = new MoveTable(candidates, plans, now);
  const chosen: { move: Move; waiting: number; toAttend: number; waitingHighHarm: number; nearest: boolean }[] = [];
  for (;;) {
    const move = table.best();
    if (!move || move.gain < 1) break;
    const waiting = move.to.waiting;
    const toAttend = move.to.deadlines.length - waiting;
    const waitingHighHarm = move.to.highHarm.filter(Boolean).length;
    const nearest = move.candidate.from === null && isNearestFree(move, candidates);
    chosen.push({ move, waiting, toAttend, waitingHighHarm, nearest });
    if (move.candidate.from) removeOne(plans.get(move.candidate.from)!.freeAt, now);
    move.to.freeAt.push(now + move.travel);
    candidates.splice(candidates.indexOf(move.candidate), 1);
    table.picked(move);
  }
  return chosen
    .map(({ move, waiting, toAttend, waitingHighHarm, nearest }) => recommendation(state, move, { waiting, toAttend, highHarm: waitingHighHarm }, nearest))
    .sort((a, b) => b.gain - a.gain || a.travelMinutes - b.travelMinutes || a.id.localeCompare(b.id));
}

/** Every open suite's people to reach and officers, as the routing plan sees them now. */
function suitePlans(state: State, now: number): Map<string, SuitePlan> {
  const waiting = waitingBySuite(state);
  const toAttend = awaitingAttendanceBySuite(state);
  const freeAt = officersFreeAt(state, now);
  const plans = new Map<string, SuitePlan>();
  const key = (c: CaseState) => ({ highHarm: c.highHarm, paceDeadline: deadlineOf(c), relevantTime: c.relevantTime, custodyRef: c.custodyRef });
  for (const suite of state.suites.values()) {
    const checks = waiting.get(suite.id) ?? [];
    const work = [...checks, ...(toAttend.get(suite.id) ?? [])].sort((a, b) => compareQueue(key(a), key(b)));
    plans.set(suite.id, {
      suite,
      deadlines: work.map(deadlineOf),
      highHarm: work.map((c) => c.highHarm.highHarm),
      waiting: checks.length,
      freeAt: [...(freeAt.get(suite.id) ?? [])],
    });
  }
  return plans;
}

/** Officers free to move: available, or at a suite and not busy with a check or interview there. */
function candidatesOf(state: State): Candidate[] {
  const busy = new Set<string>();
  for (const c of state.cases.values()) {
    if (c.check === null && c.checkStarted?.officerId) busy.add(c.checkStarted.officerId);
    if (c.interviewedBy && c.decision === null && c.released === null) busy.add(c.interviewedBy);
  }
  const candidates: Candidate[] = [];
  for (const officer of [...state.officers.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (officer.status === 'available') candidates.push({ officer, from: null });
    else if (officer.status === 'at_suite' && officer.suiteId && !busy.has(officer.id)) candidates.push({ officer, from: officer.suiteId });
  }
  return candidates;
}

function cleared(plan: SuitePlan, freeAt: readonly number[]): Cleared {
  const done = clearsInTime(plan.deadlines, freeAt);
  return { n: done.filter(Boolean).length, highHarm: done.filter((d, i) => d && plan.highHarm[i]).length };
}

/**
 * Every possible move scored against the current plan. A pick changes only two suites' plans (where
 * the officer goes and where they leave), so after it only the moves into or out of those suites
 * are scored again: the same choices as re-scoring everything each round, at a national roster's
 * scale (1,500 officers, 250 suites) in milliseconds instead of seconds.
 */
class MoveTable {
  readonly #plans: ReadonlyMap<string, SuitePlan>;
  readonly #now: number;
  /** Checks each suite clears with its planned officers, and what it loses if one leaves. */
  readonly #cleared = new Map<string, Cleared>();
  readonly #loss = new Map<string, Cleared>();
  /** Each candidate's moves by destination, and the best of them. */
  readonly #moves = new Map<Candidate, Map<string, Move>>();
  readonly #best = new Map<Candidate, Move | null>();
  readonly #byRegion = new Map<string, Set<Candidate>>();
  /** Candidates standing at each suite: their moves all change when that suite's plan does. */
  readonly #leaving = new Map<string, Set<Candidate>>();

  constructor(candidates: readonly Candidate[], plans: ReadonlyMap<string, SuitePlan>, now: number) {
    this.#plans = plans;
    this.#now = now;
    for (const c of candidates) {
      addTo(this.#byRegion, c.officer.region, c);
      if (c.from) addTo(this.#leaving, c.from, c);
      this.#moves.set(c, new Map());
      for (const to of plans.values()) if (eligible(c, to)) this.#score(c, to);
      this.#rank(c);
    }
  }

  best(): Move | null {
    let best: Move | null = null;
    for (const move of this.#best.values()) if (move && (!best || better(move, best))) best = move;
    return best;
  }

  /** The move was made: its officer is no longer free, and two suites' plans changed. */
  picked(move: Move): void {
    const { candidate } = move;
    this.#moves.delete(candidate);
    this.#best.delete(candidate);
    this.#byRegion.get(candidate.officer.region)!.delete(candidate);
    if (candidate.from) this.#leaving.get(candidate.from)!.delete(candidate);
    const changed = [move.to.suite.id, ...(candidate.from ? [candidate.from] : [])];
    for (const id of changed) {
      this.#cleared.delete(id);
      this.#loss.delete(id);
    }
    // Moves into a changed suite (only its region's officers can go there), and every move of an
    // officer who would leave one.
    const affected = new Set<Candidate>();
    for (const id of changed) {
      for (const c of this.#byRegion.get(this.#plans.get(id)!.suite.region) ?? []) if (this.#moves.get(c)!.has(id)) affected.add(c);
    }
    for (const id of changed) for (const c of this.#leaving.get(id) ?? []) affected.add(c);
    for (const c of affected) {
      const moves = this.#moves.get(c)!;
      const all = c.from !== null && changed.includes(c.from);
      for (const id of all ? [...moves.keys()] : changed.filter((x) => moves.has(x))) this.#score(c, this.#plans.get(id)!);
      this.#rank(c);
    }
  }

  #score(candidate: Candidate, to: SuitePlan): void {
    const { officer, from } = candidate;
    const lost = from ? this.#lossAt(this.#plans.get(from)!) : { n: 0, highHarm: 0 };
    const travel = travelMs(officer, to.suite, officer.region);
    const before = this.#clearedAt(to);
    const after = cleared(to, [...to.freeAt, this.#now + travel]);
    this.#moves.get(candidate)!.set(to.suite.id, {
      candidate,
      to,
      travel,
      gain: after.n - before.n - lost.n,
      highHarmGain: after.highHarm - before.highHarm - lost.highHarm,
      loss: lost.n,
    });
  }

  #rank(candidate: Candidate): void {
    let best: Move | null = null;
    for (const move of this.#moves.get(candidate)!.values()) if (!best || better(move, best)) best = move;
    this.#best.set(candidate, best);
  }

  #clearedAt(plan: SuitePlan): Cleared {
    let c = this.#cleared.get(plan.suite.id);
    if (!c) this.#cleared.set(plan.suite.id, (c = cleared(plan, plan.freeAt)));
    return c;
  }

  #lossAt(plan: SuitePlan): Cleared {
    let c = this.#loss.get(plan.suite.id);
    if (!c) this.#loss.set(plan.suite.id, (c = lossWithout(plan, this.#clearedAt(plan), this.#now)));
    return c;
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

/** Where an officer could be sent: an open suite of their region, other than their own, with people to reach. */
function eligible({ officer, from }: Candidate, to: SuitePlan): boolean {
  const { suite } = to;
  return suite.region === officer.region && suite.open && suite.id !== from && to.deadlines.length > 0;
}

/** What a suite stops clearing if one of its officers (free now) leaves. */
function lossWithout(plan: SuitePlan, before: Cleared, now: number): Cleared {
  const rest = [...plan.freeAt];
  removeOne(rest, now);
  const after = cleared(plan, rest);
  return { n: before.n - after.n, highHarm: before.highHarm - after.highHarm };
}

/** More checks in time, then more High Harm, then the shorter journey; ids make it stable. */
function better(a: Move, b: Move): boolean {
  const order =
    b.gain - a.gain ||
    b.highHarmGain - a.highHarmGain ||
    a.travel - b.travel ||
    a.candidate.officer.id.localeCompare(b.candidate.officer.id) ||
    a.to.suite.id.localeCompare(b.to.suite.id);
  return order < 0;
}

/** Whether no other free (not deployed) officer of the region is closer to the destination. */
function isNearestFree(move: Move, candidates: readonly Candidate[]): boolean {
  const { suite } = move.to;
  return candidates.every(
    (c) => c.from !== null || c.officer.region !== suite.region || travelMs(c.officer, suite, c.officer.region) >= move.travel,
  );
}

function recommendation(state: State, move: Move, work: { waiting: number; toAttend: number; highHarm: number }, nearest: boolean): Recommendation {
  const { officer, from } = move.candidate;
  const minutes = Math.round(move.travel / MINUTE);
  const fromName = from ? (state.suites.get(from)?.name ?? from) : null;
  const who = fromName
    ? `officer at ${fromName} (${move.loss > 0 ? `${move.loss} fewer checked there` : 'not needed there'})`
    : nearest
      ? 'nearest free officer'
      : 'free officer';
  const highHarm = work.highHarm > 0 ? `, ${work.highHarm} High Harm` : '';
  const attend = work.toAttend > 0 ? `, ${work.toAttend} to attend` : '';
  return {
    id: `${officer.id}>${move.to.suite.id}`,
    officerId: officer.id,
    fromSuiteId: from,
    toSuiteId: move.to.suite.id,
    travelMinutes: minutes,
    gain: move.gain,
    explanation: `${move.to.suite.name}: ${work.waiting} waiting${attend}${highHarm}, ${who} ${minutes} min away`,
  };
}

function removeOne(list: number[], value: number): void {
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
}
