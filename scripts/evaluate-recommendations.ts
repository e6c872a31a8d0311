/**
 * Evidence for the recommended moves: does auto-accepting `recommendMoves` every 15 simulated
 * minutes leave fewer people released unseen than making no moves, or than a simple
 * nearest-free-officer rule? Runs the real simulator model and the real domain (decide, reduce)
 * through the in-memory engine of test/simulator/harness.ts, with the simulator's own ICE dispatch
 * switched off in every policy, so the only moves are the policy's.
 *
 *   npx tsx scripts/evaluate-recommendations.ts [--seeds 1,2,3,4,5] [--days 2] [--no-write]
 *
 * Prints a table and writes it into docs/evaluation.md (block "evaluate-recommendations").
 */
import { londonDay, travelMs, type AssignOfficer } from '../protocol/index.js';
import { awaitingAttendanceBySuite, figuresOf, nonAttendanceOf, recommendMoves, suiteQueue, type State } from '../server/domain/index.js';
import { ManualClock } from '../server/clock.js';
import { createSimulatorRunner } from '../server/simulator/runner.js';
import { SimulationClock } from '../server/simulator/simulation-clock.js';
import { DAY, FakePort, MINUTE, ofType, realReference, TUESDAY } from '../test/simulator/harness.js';
import { table, writeSection } from './evaluation-doc.js';

const EVERY_MS = 15 * MINUTE;
const WARM_UP_DAYS = 1;

type Policy = (state: State, now: number) => { command: AssignOfficer; actor: string }[];

/** (a) Nobody is moved: embedded officers stay at their suites, ICE officers at base. */
const noMoves: Policy = () => [];

/**
 * (b) What a duty manager might do by eye: per region, the suite with the most people waiting that
 * nobody is at or on the way to gets the nearest available officer; one move per region per look.
 */
const nearestFree: Policy = (state) => {
  const staffed = new Set<string>();
  for (const o of state.officers.values()) if ((o.status === 'at_suite' || o.status === 'travelling') && o.suiteId) staffed.add(o.suiteId);
  const moves: { command: AssignOfficer; actor: string }[] = [];
  const regions = [...new Set([...state.suites.values()].map((s) => s.region))].sort();
  for (const region of regions) {
    const worst = [...state.suites.values()]
      .filter((s) => s.region === region && s.open && !staffed.has(s.id))
      .map((s) => ({ s, waiting: suiteQueue(state, s.id).length }))
      .filter((x) => x.waiting > 0)
      .sort((a, b) => b.waiting - a.waiting || a.s.id.localeCompare(b.s.id))[0];
    if (!worst) continue;
    const nearest = [...state.officers.values()]
      .filter((o) => o.status === 'available' && o.region === region)
      .map((o) => ({ o, ms: travelMs(o, worst.s, region) }))
      .sort((a, b) => a.ms - b.ms || a.o.id.localeCompare(b.o.id))[0];
    if (nearest) moves.push({ command: { officerId: nearest.o.id, suiteId: worst.s.id, reason: `${worst.waiting} waiting` }, actor: 'evaluation: nearest free officer' });
  }
  return moves;
};

/** (c) Every recommendation accepted as made. */
const recommended: Policy = (state, now) =>
  recommendMoves(state, now).map((r) => ({ command: { officerId: r.officerId, suiteId: r.toSuiteId, reason: r.explanation }, actor: 'evaluation: recommendation' }));

/**
 * (d) The recommender as it was before it counted attendance: the same code, shown a state
 * without the people who only need an IO to attend (checked remotely, of interest, not seen), so
 * it plans status checks alone. Isolates what counting attendance changes.
 */
const checksOnly: Policy = (state, now) => {
  const toAttend = new Set([...awaitingAttendanceBySuite(state).values()].flat().map((c) => c.custodyRef));
  const cases = new Map([...state.cases].filter(([ref]) => !toAttend.has(ref)));
  return recommended({ ...state, cases }, now);
};

export const POLICIES: Record<string, Policy> = { 'no moves': noMoves, 'nearest free officer': nearestFree, 'recommended (checks only)': checksOnly, recommended };

export interface RunFigures {
  arrivals: number;
  checked: number;
  coveragePct: number;
  nonAttendances: number;
  /** Of those, released never checked (the rest were checked, remotely, and nobody attended). */
  neverChecked: number;
  faceToFace: number;
  moves: number;
  refusedMoves: number;
  ms: number;
}

/** Plays warm-up + `days` from `start` under one policy; figures are for the days after the warm-up. */
export async function run(seed: number, policy: Policy, days: number, start = TUESDAY): Promise<RunFigures> {
  const began = performance.now();
  const clock = new SimulationClock(new ManualClock(start), 1);
  const port = new FakePort(realReference, clock);
  const runner = createSimulatorRunner({ port, clock, seed, autoDispatch: false });
  const end = start + (WARM_UP_DAYS + days) * DAY;
  let refusedMoves = 0;
  for (let t = start; t < end; t += EVERY_MS) {
    await runner.catchUp(t, t + EVERY_MS);
    for (const { command, actor } of policy(port.state, clock.now())) {
      const ack = await port.assign(command, actor);
      if (!ack.ok) refusedMoves++;
    }
  }
  const measured = new Set(Array.from({ length: days }, (_, i) => londonDay(start + (WARM_UP_DAYS + i) * DAY + DAY / 2)));
  const tallies = [...port.state.suites.values()].flatMap((s) => Object.entries(s.days).filter(([d]) => measured.has(d)).map(([, t]) => t));
  const figures = figuresOf(tallies);
  const from = start + WARM_UP_DAYS * DAY;
  const inWindow = <T extends { at: number }>(e: T) => e.at >= from && e.at < end;
  return {
    arrivals: figures.arrivals,
    checked: figures.checked,
    coveragePct: figures.arrivals ? (100 * figures.checked) / figures.arrivals : 0,
    nonAttendances: figures.nonAttendances,
    neverChecked: [...port.state.closedCases.values()].filter((c) => c.released && measured.has(londonDay(c.released.at)) && nonAttendanceOf(c) && c.check === null).length,
    faceToFace: ofType(port.log, 'check.completed').filter((e) => inWindow(e) && e.data.mode === 'face_to_face').length,
    moves: ofType(port.log, 'officer.assigned').filter(inWindow).length,
    refusedMoves,
    ms: performance.now() - began,
  };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seeds = (argument('seeds') ?? '1,2,3,4,5').split(',').map(Number);
  const days = Number(argument('days') ?? 2);
  const results: { seed: number; policy: string; f: RunFigures }[] = [];
  for (const seed of seeds) {
    for (const [name, policy] of Object.entries(POLICIES)) {
      const f = await run(seed, policy, days);
      results.push({ seed, policy: name, f });
      console.log(`seed ${seed} ${name.padEnd(22)} arrivals ${f.arrivals} checked ${f.checked} (${f.coveragePct.toFixed(1)}%) non-attendances ${f.nonAttendances} (${f.neverChecked} never checked) face-to-face ${f.faceToFace} moves ${f.moves} (${(f.ms / 1000).toFixed(1)} s)`);
    }
  }
  const rows: (string | number)[][] = [];
  for (const name of Object.keys(POLICIES)) {
    const mine = results.filter((r) => r.policy === name);
    for (const r of mine) rows.push([name, r.seed, r.f.arrivals, r.f.checked, r.f.coveragePct.toFixed(1), r.f.nonAttendances, r.f.neverChecked, r.f.faceToFace, r.f.moves]);
    const mean = (pick: (f: RunFigures) => number) => mine.reduce((s, r) => s + pick(r.f), 0) / mine.length;
    rows.push([`**${name}**`, '**mean**', mean((f) => f.arrivals).toFixed(1), mean((f) => f.checked).toFixed(1), `**${mean((f) => f.coveragePct).toFixed(1)}**`, `**${mean((f) => f.nonAttendances).toFixed(1)}**`, mean((f) => f.neverChecked).toFixed(1), mean((f) => f.faceToFace).toFixed(1), mean((f) => f.moves).toFixed(1)]);
  }
  const text = [
    `Seeds ${seeds.join(', ')}; ${WARM_UP_DAYS}-day warm-up from ${new Date(TUESDAY).toISOString().slice(0, 10)} then ${days} measured day(s); policy applied every 15 simulated minutes; simulator ICE dispatch off.`,
    `Coverage = checked ÷ arrivals for people arriving on the measured days; non-attendances = releases on those days of people of interest no IO attended.`,
    '',
    table(['policy', 'seed', 'arrivals', 'checked', 'coverage %', 'non-attendances', 'of which never checked', 'face-to-face checks', 'moves'], rows),
  ].join('\n');
  console.log(`\n${text}`);
  if (!process.argv.includes('--no-write')) writeSection('evaluate-recommendations', text);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
