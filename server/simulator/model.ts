import { planCasework } from './casework.js';
import { planCheckStarts, planCompletions } from './checks.js';
import { planBookings, planReleases } from './custody.js';
import { dispatchIce } from './dispatch.js';
import { planFollowUps } from './follow-up.js';
import { planOutcomes } from './outcomes.js';
import type { Rng } from './random.js';
import { planRoster } from './roster.js';
import { StepContext } from './step-context.js';
import { moveTravellers, planOfficerArrivals } from './travel.js';
import type { SimWorld, StepResult } from './world.js';

/**
 * Everything that happens in the simulated window (from, to]: the custody, casework, rostering
 * and location feeds' facts in time order, and the sim duty manager's commands. Pure: it reads the
 * world and the random stream and mutates neither, so the same world, window and stream give the
 * same result. The caller ingests the facts, sends the commands, and passes `memory` to the next step.
 */
export function step(world: SimWorld, from: number, to: number, rng: Rng): StepResult {
  const ctx = new StepContext(world, from, to, rng);
  if (to <= from) return ctx.result();
  planRoster(ctx);
  planOfficerArrivals(ctx);
  planReleases(ctx);
  planCasework(ctx);
  planFollowUps(ctx);
  planOutcomes(ctx);
  planCompletions(ctx);
  planBookings(ctx);
  planCheckStarts(ctx);
  ctx.runAgenda();
  moveTravellers(ctx);
  if (world.autoDispatch) dispatchIce(ctx);
  return ctx.result();
}
