import { londonDayHour, type CheckMode } from '../../protocol/index.js';
import type { CaseState } from '../domain/index.js';
import { attend } from './attendance.js';
import { CCU_AFTER_WAIT_MS, CCU_CAPACITY, FACE_TO_FACE_MS, NEAR_RELEASE_MS, OFFICER_DUE_SOON_MS, REMOTE_MS } from './demand-model.js';
import { busyWithFollowUps, ofInterest, scheduleFollowUp } from './follow-up.js';
import { Rng } from './random.js';
import { msLeftInShift } from './shifts.js';
import type { StepContext } from './step-context.js';
import { awaitingAttendance, byPriority, waitingChecks } from './work-lists.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Nobody starts a check that cannot finish, even at its quickest, a few minutes before the person is due out. */
const FINISH_BEFORE_RELEASE_MS = 5 * MINUTE;

/**
 * How long a check takes, from the case and the moment it began: a restarted simulator that
 * finds a check started in State knows when it will finish.
 */
export function checkDurationMs(seed: number, custodyRef: string, startedAt: number, mode: CheckMode): number {
  const [min, max] = mode === 'remote' ? REMOTE_MS : FACE_TO_FACE_MS;
  return Math.round(Rng.from(seed, 'check', custodyRef, startedAt).uniform(min, max));
}

/** Completes the checks under way that finish in this window, first taking up any State shows started. */
export function planCompletions(ctx: StepContext): void {
  resumeChecks(ctx);
  for (const [ref, check] of ctx.checks) {
    if (check.doneAt <= ctx.to) ctx.schedule(check.doneAt, (at) => complete(ctx, ref, at));
  }
}

/** Looks for work once a minute (and at the end of the window): officers and the CCU pick up waiting cases. */
export function planCheckStarts(ctx: StepContext): void {
  for (let t = (Math.floor(ctx.from / MINUTE) + 1) * MINUTE; t < ctx.to; t += MINUTE) ctx.schedule(t, (at) => startWork(ctx, at));
  ctx.schedule(ctx.to, (at) => startWork(ctx, at));
}

/**
 * Free officers at a suite first attend anyone there already found to be of interest, then check
 * its waiting cases face to face. The CCU, nationally limited, takes referred cases at suites no
 * officer is at or about to reach once they have waited an hour, and anywhere those close to
 * release that no officer there was free to take.
 */
function startWork(ctx: StepContext, t: number): void {
  const waiting = waitingChecks(ctx, t);
  const attendance = awaitingAttendance(ctx, t);
  if (waiting.size === 0 && attendance.size === 0) return;
  const busy = busyWithFollowUps(ctx, t);
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
    const shift = ctx.rota.get(officer.id);
    const shiftLeft = shift ? msLeftInShift(shift, hour, t % HOUR) : 0;
    if (attend(ctx, officer.id, attendance.get(officer.suiteId), t, shiftLeft)) continue;
    const queue = waiting.get(officer.suiteId);
    const index = queue?.findIndex((w) => w.releaseAt - t >= FACE_TO_FACE_MS[0] + FINISH_BEFORE_RELEASE_MS) ?? -1;
    const next = queue?.[index];
    if (!queue || !next) continue;
    const duration = checkDurationMs(ctx.seed, next.kase.custodyRef, t, 'face_to_face');
    // Not enough shift left to finish: leave it for the next officer.
    if (duration > shiftLeft) continue;
    queue.splice(index, 1);
    begin(ctx, next.kase, officer.id, t, duration);
  }

  let free = CCU_CAPACITY - ccuBusy;
  if (free <= 0) return;
  // Where nobody is coming, the CCU takes a case after an hour's wait; where the officers had no one
  // free for it this minute, only one due out soon.
  const forCcu = [...waiting]
    .flatMap(([suiteId, queue]) => queue.map((w) => ({ w, covered: covered.has(suiteId) })))
    .filter(({ w, covered }) => w.releaseAt - t <= NEAR_RELEASE_MS || (!covered && t - w.kase.relevantTime >= CCU_AFTER_WAIT_MS))
    .map(({ w }) => w)
    .filter((w) => w.kase.referredAt !== null && w.releaseAt - t >= REMOTE_MS[0] + FINISH_BEFORE_RELEASE_MS)
    .sort(byPriority(t));
  for (const w of forCcu) {
    if (free-- <= 0) break;
    begin(ctx, w.kase, null, t, checkDurationMs(ctx.seed, w.kase.custodyRef, t, 'remote'));
  }
}

/** An officer starts a check on their phone (a command); the CCU's checks come from its own system (a feed). */
function begin(ctx: StepContext, kase: CaseState, officerId: string | null, t: number, duration: number): void {
  const mode = officerId === null ? 'remote' : 'face_to_face';
  const custodyRef = kase.custodyRef;
  const started =
    officerId === null ? ctx.emit(t, { type: 'check.started', data: { custodyRef, officerId, mode } }) : ctx.act(t, { kind: 'start-check', officerId, custodyRef });
  if (!started) return;
  const doneAt = t + duration;
  ctx.checks.set(kase.custodyRef, { officerId, mode, suiteId: kase.suiteId, doneAt });
  if (doneAt <= ctx.to) ctx.schedule(doneAt, (at) => complete(ctx, kase.custodyRef, at));
}

/** A check finishes, unless the case or the officer has gone in the meantime (then it is dropped). */
function complete(ctx: StepContext, ref: string, at: number): void {
  const check = ctx.checks.get(ref);
  if (!check || check.doneAt > at) return;
  ctx.checks.delete(ref);
  const kase = ctx.inCustody(ref);
  if (!kase || kase.check) return;
  if (check.officerId !== null) {
    const officer = ctx.state.officers.get(check.officerId);
    if (officer?.status !== 'at_suite' || officer.suiteId !== kase.suiteId) return;
  }
  const { outcome } = ctx.plan(kase);
  const done =
    check.officerId === null
      ? ctx.emit(at, { type: 'check.completed', data: { custodyRef: ref, officerId: null, mode: check.mode, outcome } })
      : ctx.act(at, { kind: 'record-check', officerId: check.officerId, custodyRef: ref, outcome });
  if (done && check.officerId !== null && ofInterest(outcome)) scheduleFollowUp(ctx, ref);
}

/**
 * Checks State shows started but this simulator does not remember (it restarted) carry on, if
 * their officer is still with the person and they had not yet been due to finish.
 */
function resumeChecks(ctx: StepContext): void {
  for (const kase of ctx.state.cases.values()) {
    const started = kase.checkStarted;
    if (!started || kase.check || ctx.checks.has(kase.custodyRef)) continue;
    const doneAt = started.at + checkDurationMs(ctx.seed, kase.custodyRef, started.at, started.mode);
    if (doneAt <= ctx.from) continue;
    if (started.officerId !== null) {
      const officer = ctx.state.officers.get(started.officerId);
      if (officer?.status !== 'at_suite' || officer.suiteId !== kase.suiteId) continue;
    }
    ctx.checks.set(kase.custodyRef, { officerId: started.officerId, mode: started.mode, suiteId: kase.suiteId, doneAt });
  }
}
