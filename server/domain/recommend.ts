import { travelMs, type Recommendation } from '../../protocol/index.js';
import { deadlineOf } from './cases.js';
import { clearsInTime, officersFreeAt, waitingBySuite } from './queues.js';
import type { OfficerState, State, SuiteState } from './state.js';

const MINUTE = 60_000;

/** Checks done in time at one suite, and how many of them are High Harm. */
interface Cleared {
  n: number;
  highHarm: number;
}

/** A suite's queue and when the officers planned for it can start: the plan the moves change. */
interface SuitePlan {
  suite: SuiteState;
  deadlines: number[];
  highHarm: boolean[];
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
 * The daily management meeting's advice: which officers to move where so that more status checks
 * are done before PACE clocks run out. Pure (state and `now` only), so every screen and the
 * accept command agree on the same advice.
 *
 * Candidates are officers on duty and not deployed, and officers at a suite who are not in the
 * middle of a check or an interview there. Moving officer o to suite s (in o's own region, open,
 * with people waiting) gains: cases at s cleared in time with o arriving after the road journey,
 * minus those cleared without o, minus those o's own suite then no longer clears. "Cleared in time"
 * is the routing plan's rule (`clearsInTime`: queue order, 45 min a check, 15 min margin).
 *
 * Moves are chosen greedily by marginal gain (ties: more High Harm cases gained, then the shorter
 * journey), re-scoring after each pick against the plan with the earlier picks in it, until no move
 * gains a whole check. Sorted by gain, largest first; the id is `${officerId}>${toSuiteId}`.
 */
export function recommendMoves(state: State, now: number): Recommendation[] {
  const plans = suitePlans(state, now);
  const candidates = candidatesOf(state);
  const chosen: { move: Move; waiting: number; waitingHighHarm: number; nearest: boolean }[] = [];
  for (;;) {
    const move = bestMove(candidates, plans, now);
    if (!move || move.gain < 1) break;
    const waiting = move.to.deadlines.length;
    const waitingHighHarm = move.to.highHarm.filter(Boolean).length;
    const nearest = move.candidate.from === null && isNearestFree(move, candidates);
    chosen.push({ move, waiting, waitingHighHarm, nearest });
    if (move.candidate.from) removeOne(plans.get(move.candidate.from)!.freeAt, now);
    move.to.freeAt.push(now + move.travel);
    candidates.splice(candidates.indexOf(move.candidate), 1);
  }
  return chosen
    .map(({ move, waiting, waitingHighHarm, nearest }) => recommendation(state, move, waiting, waitingHighHarm, nearest))
    .sort((a, b) => b.gain - a.gain || a.travelMinutes - b.travelMinutes || a.id.localeCompare(b.id));
}

/** Every open suite's queue and officers, as the routing plan sees them now. */
function suitePlans(state: State, now: number): Map<string, SuitePlan> {
  const waiting = waitingBySuite(state);
  const freeAt = officersFreeAt(state, now);
  const plans = new Map<string, SuitePlan>();
  for (const suite of state.suites.values()) {
    const queue = waiting.get(suite.id) ?? [];
    plans.set(suite.id, {
      suite,
      deadlines: queue.map(deadlineOf),
      highHarm: queue.map((c) => c.highHarm.highHarm),
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

/** The best single move against the current plan, or null if there is no possible move. */
function bestMove(candidates: readonly Candidate[], plans: ReadonlyMap<string, SuitePlan>, now: number): Move | null {
  const without = new Map<string, Cleared>();
  const baseline = (plan: SuitePlan) => {
    let c = without.get(plan.suite.id);
    if (!c) without.set(plan.suite.id, (c = cleared(plan, plan.freeAt)));
    return c;
  };
  let best: Move | null = null;
  for (const candidate of candidates) {
    const { officer, from } = candidate;
    const home = from ? plans.get(from) : undefined;
    const lost = home ? lossWithout(home, baseline(home), now) : { n: 0, highHarm: 0 };
    for (const to of plans.values()) {
      const { suite } = to;
      if (suite.region !== officer.region || !suite.open || suite.id === from || to.deadlines.length === 0) continue;
      const travel = travelMs(officer, suite, officer.region);
      const before = baseline(to);
      const after = cleared(to, [...to.freeAt, now + travel]);
      const move: Move = {
        candidate,
        to,
        travel,
        gain: after.n - before.n - lost.n,
        highHarmGain: after.highHarm - before.highHarm - lost.highHarm,
        loss: lost.n,
      };
      if (!best || better(move, best)) best = move;
    }
  }
  return best;
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

function recommendation(state: State, move: Move, waiting: number, waitingHighHarm: number, nearest: boolean): Recommendation {
  const { officer, from } = move.candidate;
  const minutes = Math.round(move.travel / MINUTE);
  const fromName = from ? (state.suites.get(from)?.name ?? from) : null;
  const who = fromName
    ? `officer at ${fromName} (${move.loss > 0 ? `${move.loss} fewer checked there` : 'not needed there'})`
    : nearest
      ? 'nearest free officer'
      : 'free officer';
  const highHarm = waitingHighHarm > 0 ? `, ${waitingHighHarm} High Harm` : '';
  return {
    id: `${officer.id}>${move.to.suite.id}`,
    officerId: officer.id,
    fromSuiteId: from,
    toSuiteId: move.to.suite.id,
    travelMinutes: minutes,
    gain: move.gain,
    explanation: `${move.to.suite.name}: ${waiting} waiting${highHarm}, ${who} ${minutes} min away`,
  };
}

function removeOne(list: number[], value: number): void {
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
}
