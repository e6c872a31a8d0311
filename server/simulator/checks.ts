import { londonDayHour } from '../../protocol/index.js';
import type { CaseState } from '../domain/index.js';
import {
  BOOKING_IN_MS,
  CCU_AFTER_WAIT_MS,
  CCU_CAPACITY,
  FACE_TO_FACE_MS,
  FOLLOW_UP_MS,
  FOLLOW_UP_OUTCOMES,
  NEAR_RELEASE_MS,
  OFFICER_DUE_SOON_MS,
  REMOTE_MS,
} from './demand-model.js';
import { msLeftInShift } from './shifts.js';
import type { StepContext } from './step-context.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Nobody starts a check that cannot finish, even at its quickest, a few minutes before the person is due out. */
const FINISH_BEFORE_RELEASE_MS = 5 * MINUTE;

interface Waiting {
  kase: CaseState;
  releaseAt: number;
}

/** Completes the checks under way that finish in this window. */
export function planCompletions(ctx: StepContext): void {
  for (const [ref, check] of ctx.checks) {
    if (check.doneAt <= ctx.to) ctx.schedule(check.doneAt, (at) => complete(ctx, ref, at));
  }
}

/** Looks for work once a minute (and at the end of the window): officers and the CCU pick up waiting cases. */
export function planCheckStarts(ctx: StepContext): void {
  for (let t = (Math.floor(ctx.from / MINUTE) + 1) * MINUTE; t < ctx.to; t += MINUTE) ctx.schedule(t, (at) => startChecks(ctx, at));
  ctx.schedule(ctx.to, (at) => startChecks(ctx, at));
}

/**
 * Free officers at a suite check its waiting cases face to face; the CCU, nationally limited,
 * takes cases at suites no officer is at or about to reach, once they have waited an hour or are
 * close to release. Both take first those custody says are about to leave, then the longest held.
 */
function startChecks(ctx: StepContext, t: number): void {
  const waiting = waitingBySuite(ctx, t);
  if (waiting.size === 0) return;
  const busy = new Set<string>();
  for (const [officerId, freeAt] of ctx.followUps) {
    if (freeAt > t) busy.add(officerId);
    else ctx.followUps.delete(officerId);
  }
  let ccuBusy = 0;
  for (const check of ctx.checks.values()) {
    if (check.officerId === null) ccuBusy++;
    else busy.add(check.officerId);
  }
  const { hour } = londonDayHour(t);

  const covered = new Set<string>();
  for (const officer of ctx.state.officers.values()) {
    if (!officer.suiteId) continue;
    if (officer.status === 'at_suite' || (officer.status === 'travelling' && (officer.etaAt ?? Infinity) <= t + OFFICER_DUE_SOON_MS))
      covered.add(officer.suiteId);
    if (officer.status !== 'at_suite' || busy.has(officer.id)) continue;
    const queue = waiting.get(officer.suiteId);
    const index = queue?.findIndex((w) => w.releaseAt - t >= FACE_TO_FACE_MS[0] + FINISH_BEFORE_RELEASE_MS) ?? -1;
    const next = queue?.[index];
    if (!queue || !next) continue;
    const duration = Math.round(ctx.rng.uniform(FACE_TO_FACE_MS[0], FACE_TO_FACE_MS[1]));
    const shift = ctx.rota.get(officer.id);
    // Not enough shift left to finish: leave it for the next officer.
    if (duration > (shift ? msLeftInShift(shift, hour, t % HOUR) : 0)) continue;
    queue.splice(index, 1);
    begin(ctx, next.kase, officer.id, t + duration);
  }

  let free = CCU_CAPACITY - ccuBusy;
  if (free <= 0) return;
  const forCcu = [...waiting]
    .filter(([suiteId]) => !covered.has(suiteId))
    .flatMap(([, queue]) => queue)
    .filter((w) => t - w.kase.relevantTime >= CCU_AFTER_WAIT_MS || w.releaseAt - t <= NEAR_RELEASE_MS)
    .filter((w) => w.releaseAt - t >= REMOTE_MS[0] + FINISH_BEFORE_RELEASE_MS)
    .sort(byPriority(t));
  for (const w of forCcu) {
    if (free-- <= 0) break;
    begin(ctx, w.kase, null, t + Math.round(ctx.rng.uniform(REMOTE_MS[0], REMOTE_MS[1])));
  }
}

function begin(ctx: StepContext, kase: CaseState, officerId: string | null, doneAt: number): void {
  const mode = officerId === null ? 'remote' : 'face_to_face';
  ctx.checks.set(kase.custodyRef, { officerId, mode, suiteId: kase.suiteId, doneAt });
  if (doneAt <= ctx.to) ctx.schedule(doneAt, (at) => complete(ctx, kase.custodyRef, at));
}

/** A check finishes, unless the case or the officer has gone in the meantime (then it is dropped). */
function complete(ctx: StepContext, ref: string, at: number): void {
  const check = ctx.checks.get(ref);
  if (!check || check.doneAt > at) return;
  ctx.checks.delete(ref);
  const kase = ctx.state.cases.get(ref);
  if (!kase || kase.check) return;
  if (check.officerId !== null) {
    const officer = ctx.state.officers.get(check.officerId);
    if (officer?.status !== 'at_suite' || officer.suiteId !== kase.suiteId) return;
  }
  const { outcome } = ctx.plan(kase);
  const done = ctx.emit(at, {
    type: 'check.completed',
    data: { custodyRef: ref, officerId: check.officerId, mode: check.mode, outcome },
  });
  if (done && check.officerId !== null && FOLLOW_UP_OUTCOMES.has(outcome))
    ctx.followUps.set(check.officerId, at + Math.round(ctx.rng.uniform(FOLLOW_UP_MS[0], FOLLOW_UP_MS[1])));
}

/** Cases booked in long enough to be seen, not checked and not being checked, by suite, in priority order. */
function waitingBySuite(ctx: StepContext, t: number): Map<string, Waiting[]> {
  const bySuite = new Map<string, Waiting[]>();
  for (const kase of ctx.state.cases.values()) {
    if (kase.check || ctx.checks.has(kase.custodyRef) || t - kase.relevantTime < BOOKING_IN_MS) continue;
    const queue = bySuite.get(kase.suiteId) ?? [];
    queue.push({ kase, releaseAt: ctx.plan(kase).releaseAt });
    bySuite.set(kase.suiteId, queue);
  }
  for (const queue of bySuite.values()) queue.sort(byPriority(t));
  return bySuite;
}

/** Due out soon (custody has said so) first, soonest first; then least PACE time left, i.e. held longest. */
function byPriority(t: number): (a: Waiting, b: Waiting) => number {
  const dueSoon = (w: Waiting) => w.releaseAt - t <= NEAR_RELEASE_MS;
  return (a, b) => {
    const urgent = Number(dueSoon(b)) - Number(dueSoon(a));
    if (urgent !== 0) return urgent;
    if (dueSoon(a)) return a.releaseAt - b.releaseAt || a.kase.custodyRef.localeCompare(b.kase.custodyRef);
    return a.kase.relevantTime - b.kase.relevantTime || a.kase.custodyRef.localeCompare(b.kase.custodyRef);
  };
}
