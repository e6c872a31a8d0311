import { londonDayHour } from '../../protocol/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGION_DAILY_ARRIVALS } from '../../server/simulator/demand-model.js';
import { ofType, realReference, simulate, summarise } from './harness.js';

describe('simulator: volumes over a simulated Tuesday', () => {
  let arrivals: ReturnType<typeof ofType<'arrest.booked'>>;
  let summary: ReturnType<typeof summarise>;
  beforeAll(async () => {
    const { port } = await simulate({ seed: 20141, hours: 24 });
    arrivals = ofType(port.log, 'arrest.booked');
    summary = summarise(port.log, realReference);
  });

  it('brings the Met its ~170 foreign nationals a day', () => {
    expect(summary.arrivalsByRegion['Metropolitan Police']).toBeGreaterThanOrEqual(120);
    expect(summary.arrivalsByRegion['Metropolitan Police']).toBeLessThanOrEqual(230);
  });

  it('keeps every force near its daily figure', () => {
    for (const [region, daily] of Object.entries(REGION_DAILY_ARRIVALS)) {
      const got = summary.arrivalsByRegion[region] ?? 0;
      // Poisson spread for small forces is wide: within 3 standard deviations.
      expect(Math.abs(got - daily), region).toBeLessThanOrEqual(3 * Math.sqrt(daily) + 2);
    }
  });

  it('peaks in the afternoon and evening, not before dawn', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const e of arrivals) byHour[londonDayHour(e.at).hour]! += 1;
    const evening = byHour.slice(15, 22).reduce((a, b) => a + b, 0) / 7;
    const dawn = byHour.slice(4, 7).reduce((a, b) => a + b, 0) / 3;
    expect(evening).toBeGreaterThan(3 * dawn);
  });

  it('sends contingency suites a fraction of a main suite and closed suites nobody', () => {
    const count = (suiteId: string) => arrivals.filter((e) => e.data.suiteId === suiteId).length;
    const closed = realReference.suites.filter((s) => !s.openAtStart);
    expect(closed.length).toBeGreaterThan(0);
    for (const s of closed) expect(count(s.id)).toBe(0);
    const wmp = realReference.suites.filter((s) => s.region === 'West Midlands Police' && s.openAtStart);
    const contingency = wmp.filter((s) => /contingency/.test(s.note ?? '')).reduce((n, s) => n + count(s.id), 0);
    expect(contingency).toBeLessThan(summary.arrivalsByRegion['West Midlands Police']! * 0.25);
  });

  it('draws nationality and IABS matches in the stated proportions', () => {
    const matches = arrivals.filter((e) => e.data.iabsMatch).length / arrivals.length;
    expect(matches).toBeGreaterThan(0.25);
    expect(matches).toBeLessThan(0.45);
    const nationalities = new Set(arrivals.map((e) => e.data.nationality));
    expect(nationalities.size).toBeGreaterThan(20);
    for (const e of arrivals) if (e.data.nationality === 'XX') expect(e.data.iabsMatch).toBe(true);
  });
});
