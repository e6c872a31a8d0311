import { compareQueue } from '../../protocol/index.js';
import { awaitingCheck, deadlineOf, ioAttended, ofImmigrationInterest, type CaseState } from './cases.js';
import type { State } from './state.js';

const MINUTE = 60_000;
/** Planning figure for one face-to-face status check, travel inside the suite included. */
export const CHECK_MS = 45 * MINUTE;
/** A check must finish this long before the PACE clock runs out, to leave time to act on it. */
export const ACTION_MARGIN_MS = 15 * MINUTE;

export interface Routing {
  /** Per suite: officers there or on the way, the queue, and how many of it they can clear. */
  capacity: Record<string, { officers: number; queue: number; canClear: number }>;
  /** Cases no embedded officer will reach in time, most urgent first: the CCU's work. */
  ccuQueue: CaseState[];
}

/** Sort keys computed once per case, not once per comparison. */
interface Queued {
  kase: CaseState;
  key: { highHarm: CaseState['highHarm']; paceDeadline: number; relevantTime: number; custodyRef: string };
}

const queued = (kase: CaseState): Queued => ({
  kase,
  key: { highHarm: kase.highHarm, paceDeadline: deadlineOf(kase), relevantTime: kase.relevantTime, custodyRef: kase.custodyRef },
});

function inQueueOrder(list: Queued[]): Queued[] {
  return list.sort((a, b) => compareQueue(a.key, b.key));
}

/** A suite's pending-checks queue: in custody, not checked, not being checked; in queue order. */
export function suiteQueue(state: State, suiteId: string): CaseState[] {
  const waiting = [...state.cases.values()].filter((c) => c.suiteId === suiteId && awaitingCheck(c) && c.checkStarted === null);
  return inQueueOrder(waiting.map(queued)).map((q) => q.kase);
}

/** Cases matching `wanted`, by the suite they are at, each list in queue order. */
function bySuiteInQueueOrder(state: State, wanted: (c: CaseState) => boolean): Map<string, CaseState[]> {
  const queues = new Map<string, Queued[]>();
  for (const c of state.cases.values()) {
    if (!wanted(c)) continue;
    const list = queues.get(c.suiteId);
    if (list) list.push(queued(c));
    else queues.set(c.suiteId, [queued(c)]);
  }
  return new Map([...queues].map(([suiteId, list]) => [suiteId, inQueueOrder(list).map((q) => q.kase)]));
}

/**
 * Waiting cases (in custody, not checked, not being checked) by the suite they are at, each list
 * in queue order: what the routing plan and the recommended moves both work through.
 */
export function waitingBySuite(state: State): Map<string, CaseState[]> {
  return bySuiteInQueueOrder(state, (c) => awaitingCheck(c) && c.checkStarted === null);
}

/**
 * People found to be of immigration interest (checked remotely, or checked and not followed up)
 * whom no IO has yet attended, by suite, in queue order: an officer must reach them before the
 * police disposal, or the release is a non-attendance (DOMAIN.md step 5).
 */
export function awaitingAttendanceBySuite(state: State): Map<string, CaseState[]> {
  return bySuiteInQueueOrder(state, (c) => c.released === null && c.check !== null && ofImmigrationInterest(c) && !ioAttended(c));
}

/**
 * The one timing rule behind the routing plan and the recommended moves: taking the queue in
 * order (`deadlines` are the PACE deadlines in queue order), the officer free soonest takes the
 * next case if a 45-minute check then finishes 15 minutes before its deadline; otherwise the case
 * is left (for the CCU) and that officer's time is not spent. Returns, per case, whether it clears.
 */
export function clearsInTime(deadlines: readonly number[], freeAt: readonly number[]): boolean[] {
  const officers = [...freeAt];
  return deadlines.map((deadline) => {
    const slot = officers.indexOf(Math.min(...officers));
    const finish = slot >= 0 ? officers[slot]! + CHECK_MS : Infinity;
    if (finish > deadline - ACTION_MARGIN_MS) return false;
    officers[slot] = finish;
    return true;
  });
}

/**
 * When each officer at (or on their way to) each suite can start checking: now if there, else on
 * arrival. Officers elsewhere, available or off duty are not counted.
 */
export function officersFreeAt(state: State, now: number): Map<string, number[]> {
  const freeAt = new Map<string, number[]>();
  for (const o of state.officers.values()) {
    if (!o.suiteId || (o.status !== 'at_suite' && o.status !== 'travelling')) continue;
    const from = o.status === 'at_suite' ? now : Math.max(now, o.etaAt ?? now);
    freeAt.set(o.suiteId, [...(freeAt.get(o.suiteId) ?? []), from]);
  }
  return freeAt;
}

/**
 * Recommendation 1: which waiting cases the officers at (or on their way to) each suite can check
 * before the clock runs out, taking the queue in order and each officer as soon as they are free.
 * The rest (no officer, outside staffed hours, more than they can clear, or someone an officer
 * there said they cannot attend) go to the CCU.
 */
export function routeChecks(state: State, now: number): Routing {
  const freeAt = officersFreeAt(state, now);
  const capacity: Routing['capacity'] = {};
  const ccu: Queued[] = [];
  for (const [suiteId, all] of waitingBySuite(state)) {
    const waiting = all.filter((kase) => kase.declined === null);
    for (const kase of all) if (kase.declined !== null) ccu.push(queued(kase));
    const cleared = clearsInTime(waiting.map(deadlineOf), freeAt.get(suiteId) ?? []);
    waiting.forEach((kase, i) => {
      if (!cleared[i]) ccu.push(queued(kase));
    });
    capacity[suiteId] = { officers: freeAt.get(suiteId)?.length ?? 0, queue: waiting.length, canClear: cleared.filter(Boolean).length };
  }
  for (const [suiteId, list] of freeAt) capacity[suiteId] ??= { officers: list.length, queue: 0, canClear: 0 };
  return { capacity, ccuQueue: inQueueOrder(ccu).map((q) => q.kase) };
}
