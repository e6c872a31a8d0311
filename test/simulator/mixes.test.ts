import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateHighHarm } from '../../server/domain/index.js';
import { readInitialHighHarm } from '../../db/reference/index.js';
import { caseFigures, ofType, realReference, simulate, type Accepted } from './harness.js';

const DAY_TWO = '2026-11-25';
/** Every other officer taken off the roster: the same suites and demand, half the people. */
const halfStaffed = { ...realReference, officers: realReference.officers.filter((_, i) => i % 2 === 0) };

describe('simulator: realistic case mixes over two simulated days', () => {
  let log: Accepted[];
  let figures: ReturnType<typeof caseFigures>;
  let shortFigures: ReturnType<typeof caseFigures>;
  beforeAll(async () => {
    const normal = await simulate({ seed: 1414, hours: 48 });
    const short = await simulate({ seed: 1414, hours: 48, reference: halfStaffed });
    log = normal.port.log;
    figures = caseFigures(normal.port.state);
    shortFigures = caseFigures(short.port.state);
  });

  it('makes 5–20% of cases High Harm under the v1 definition, as the domain judges them', () => {
    const share = figures.highHarm / figures.cases;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.2);
    // The verdicts in State are the v1 rules applied to what was booked.
    const ruleSet = { version: 1, definition: readInitialHighHarm(), publishedAt: 0, publishedBy: 'test', reason: 'test' };
    const regionOf = new Map(realReference.suites.map((s) => [s.id, s.region]));
    const judged = ofType(log, 'arrest.booked').filter((e) => evaluateHighHarm(ruleSet, e.data, regionOf.get(e.data.suiteId)!).highHarm);
    expect(Math.abs(judged.length - figures.highHarm)).toBeLessThanOrEqual(figures.cases * 0.02); // ACRO returns add a few
  });

  it('books a spread of offences, a few intelligence flags and a few prolific offenders', () => {
    const categories = new Set(ofType(log, 'arrest.booked').map((e) => e.data.offenceCategory));
    expect(categories.size).toBeGreaterThanOrEqual(12);
    expect(figures.intelFlagged / figures.cases).toBeGreaterThan(0.02);
    expect(figures.intelFlagged / figures.cases).toBeLessThan(0.1);
    expect(figures.prolific / figures.cases).toBeGreaterThan(0.01);
    expect(figures.prolific / figures.cases).toBeLessThan(0.07);
  });

  it('refers most people at once, some late and a few never', () => {
    expect(figures.referredLate / figures.cases).toBeGreaterThan(0.05);
    expect(figures.referredLate / figures.cases).toBeLessThan(0.15);
    expect(figures.neverReferred / figures.released).toBeGreaterThan(0.02);
    expect(figures.neverReferred / figures.released).toBeLessThan(0.09);
  });

  it('acts on offenders: interviews, decisions and most required ETDs, with a few extensions and transfers', () => {
    expect(figures.interviews).toBeGreaterThan(100);
    expect(figures.decisions).toBeGreaterThan(80);
    expect(figures.etdApplied).toBeGreaterThan(figures.etdRequired * 0.5);
    expect(figures.etdApplied).toBeLessThanOrEqual(figures.etdRequired);
    expect(figures.extended).toBeGreaterThan(0);
    expect(figures.transferred).toBeGreaterThan(0);
  });

  it('has some non-attendances on a normal day, and more when half the officers are missing', () => {
    const normal = figures.nonAttendancesByDay[DAY_TWO] ?? 0;
    const short = shortFigures.nonAttendancesByDay[DAY_TWO] ?? 0;
    expect(normal).toBeGreaterThan(3);
    expect(normal).toBeLessThan(40);
    expect(short).toBeGreaterThan(normal);
  });
});
