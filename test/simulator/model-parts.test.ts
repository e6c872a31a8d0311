import { describe, expect, it } from 'vitest';
import { CustodyRef } from '../../protocol/index.js';
import { casePlan } from '../../server/simulator/case-plan.js';
import { drawProfile } from '../../server/simulator/case-profile.js';
import {
  EARLY,
  EXTENDABLE_OFFENCES,
  ICE_DAY,
  ICE_LATE,
  INTEL_PRONE_OFFENCES,
  LATE,
  NIGHT,
  OFFENCE_MIX,
  suiteWeight,
} from '../../server/simulator/demand-model.js';
import { custodyRef, ingestId } from '../../server/simulator/identifiers.js';
import { Rng } from '../../server/simulator/random.js';
import { msLeftInShift, onShift, shiftRota } from '../../server/simulator/shifts.js';
import { HOUR, realReference, TUESDAY } from './harness.js';

describe('Rng', () => {
  it('repeats from a seed and differs between seeds', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    expect(new Rng(1).next()).not.toBe(new Rng(2).next());
    expect(Rng.from(1, 'case', 'MP1/A/26').next()).toBe(Rng.from(1, 'case', 'MP1/A/26').next());
    expect(Rng.from(1, 'case', 'MP1/A/26').next()).not.toBe(Rng.from(1, 'case', 'MP1/B/26').next());
  });

  it('draws Poisson counts, lognormal medians and weighted picks in proportion', () => {
    const rng = new Rng(9);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += rng.poisson(0.7);
    expect(sum / n).toBeCloseTo(0.7, 1);
    const logs = Array.from({ length: n }, () => rng.lognormal(9, 0.55)).sort((x, y) => x - y);
    expect(logs[n / 2]).toBeGreaterThan(8.5);
    expect(logs[n / 2]).toBeLessThan(9.5);
    const picks = Array.from({ length: n }, () => rng.weighted([['a', 3], ['b', 1]] as const));
    expect(picks.filter((p) => p === 'a').length / n).toBeCloseTo(0.75, 1);
  });
});

describe('shifts', () => {
  const cases: [string, typeof EARLY, number, boolean][] = [
    ['early at 07', EARLY, 7, true],
    ['early at 15', EARLY, 15, false],
    ['late at 21', LATE, 21, true],
    ['night at 23', NIGHT, 23, true],
    ['night at 03', NIGHT, 3, true],
    ['night at 07', NIGHT, 7, false],
    ['ICE day at 17', ICE_DAY, 17, true],
    ['ICE late at 11', ICE_LATE, 11, false],
  ];
  for (const [name, shift, hour, on] of cases) it(name, () => expect(onShift(shift, hour)).toBe(on));

  it('measures time left, across midnight for nights', () => {
    expect(msLeftInShift(NIGHT, 23, 30 * 60_000)).toBe(7.5 * HOUR);
    expect(msLeftInShift(EARLY, 14, 0)).toBe(HOUR);
    expect(msLeftInShift(EARLY, 16, 0)).toBe(0);
  });

  it('puts ~15% of each force’s embedded IOs on nights and splits the rest early and late', () => {
    const rota = shiftRota(realReference.officers);
    const met = realReference.officers.filter((o) => o.region === 'Metropolitan Police' && o.role === 'embedded_io');
    const names = met.map((o) => rota.get(o.id)?.name);
    expect(names.filter((n) => n === 'night').length).toBe(Math.round(met.length * 0.15));
    expect(Math.abs(names.filter((n) => n === 'early').length - names.filter((n) => n === 'late').length)).toBeLessThanOrEqual(1);
    for (const o of realReference.officers.filter((x) => x.role === 'ice_officer')) expect(rota.get(o.id)?.name).toMatch(/^ice-/);
  });
});

describe('demand and identifiers', () => {
  it('weights suites by cells, standby suites less, closed suites not at all', () => {
    expect(suiteWeight({ open: true, cells: 60, name: 'Oldbury', note: null })).toBe(60);
    expect(suiteWeight({ open: true, cells: null, name: 'Brixton', note: null })).toBe(20);
    expect(suiteWeight({ open: true, cells: null, name: 'Bloxwich', note: 'contingency suite, 2017' })).toBeCloseTo(6);
    expect(suiteWeight({ open: false, cells: 60, name: 'Steelhouse Lane', note: null })).toBe(0);
  });

  it('makes custody references the protocol accepts, different each minute', () => {
    const rng = new Rng(1);
    const refs = [0, 1, 2].map((m) => custodyRef('Greater Manchester Police', 12, TUESDAY + m * 60_000, rng));
    for (const r of refs) expect(CustodyRef.safeParse(r).success, r).toBe(true);
    expect(new Set(refs.map((r) => r.split('/')[1]!.slice(0, -2))).size).toBe(3);
    expect(CustodyRef.safeParse(custodyRef('Avon and Somerset Constabulary', 3, TUESDAY, rng)).success).toBe(true);
  });

  it('gives a fact the same id when replayed and a different one when it differs', () => {
    const a = ingestId(5, TUESDAY, 'detainee.released', { custodyRef: 'MP1/X/26', disposal: 'bailed' });
    expect(ingestId(5, TUESDAY, 'detainee.released', { custodyRef: 'MP1/X/26', disposal: 'bailed' })).toBe(a);
    expect(ingestId(5, TUESDAY, 'detainee.released', { custodyRef: 'MP1/Y/26', disposal: 'bailed' })).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,80}$/);
  });

  it('plans a case from its reference alone, within PACE', () => {
    const plan = casePlan(1, { custodyRef: 'MP1/ABC/26', relevantTime: TUESDAY, region: 'Metropolitan Police' });
    expect(casePlan(1, { custodyRef: 'MP1/ABC/26', relevantTime: TUESDAY, region: 'Metropolitan Police' })).toEqual(plan);
    expect(plan.releaseAt - TUESDAY).toBeLessThanOrEqual(plan.extension ? 35.5 * HOUR : 23.5 * HOUR);
    expect(plan.releaseAt - TUESDAY).toBeGreaterThanOrEqual(45 * 60_000);
  });
});

describe('case plans, over many references', () => {
  const plans = (region: string, n = 4000) =>
    Array.from({ length: n }, (_, i) => casePlan(7, { custodyRef: `XX1/${i.toString(36).toUpperCase()}/26`, relevantTime: TUESDAY + 17 * HOUR, region }));
  const share = <T>(items: T[], test: (x: T) => boolean) => items.filter(test).length / items.length;
  const met = plans('Metropolitan Police');
  const scotland = plans('Police Scotland');

  const limits: [string, typeof met, number][] = [
    ['England and Wales: 24 h, extended to 36 h', met, 24],
    ['Scotland: 12 h, extended to 24 h', scotland, 12],
  ];
  for (const [name, all, base] of limits)
    it(`keeps detention within the limits (${name})`, () => {
      for (const p of all) {
        const held = p.releaseAt - (TUESDAY + 17 * HOUR);
        if (!p.extension) {
          expect(held).toBeLessThanOrEqual((base - 0.5) * HOUR);
          continue;
        }
        expect(p.extension.limitHours).toBe(base + 12);
        expect(p.extension.at).toBeLessThan(TUESDAY + (17 + base) * HOUR);
        expect(held).toBeGreaterThan(base * HOUR);
        expect(held).toBeLessThanOrEqual((base + 11.5) * HOUR);
        expect(EXTENDABLE_OFFENCES.has(p.profile.offenceCategory)).toBe(true);
      }
      expect(share(all, (p) => p.extension !== null)).toBeGreaterThan(0.005);
      expect(share(all, (p) => p.extension !== null)).toBeLessThan(0.04);
    });

  it('sends most who would leave in the small hours out in the morning instead', () => {
    const hourOut = (p: (typeof met)[number]) => new Date(p.releaseAt).getUTCHours(); // GMT in November
    expect(share(met, (p) => hourOut(p) < 7)).toBeLessThan(0.2);
    expect(share(met, (p) => hourOut(p) >= 8 && hourOut(p) < 12)).toBeGreaterThan(0.3);
  });

  it('refers 85% at once, 10% late and 5% never', () => {
    const t0 = TUESDAY + 17 * HOUR;
    expect(share(met, (p) => p.referredAt !== null && p.referredAt - t0 <= 20 * 60_000)).toBeCloseTo(0.85, 1);
    expect(share(met, (p) => p.referredAt !== null && p.referredAt - t0 >= HOUR)).toBeCloseTo(0.1, 1);
    expect(share(met, (p) => p.referredAt === null)).toBeCloseTo(0.05, 1);
  });

  it('requests ACRO for most within minutes, returning 2–48 h later', () => {
    expect(share(met, (p) => p.acro !== null)).toBeCloseTo(0.9, 1);
    for (const p of met) {
      if (!p.acro) continue;
      expect(p.acro.returnedAt - p.acro.requestedAt).toBeGreaterThanOrEqual(2 * HOUR);
      expect(p.acro.returnedAt - p.acro.requestedAt).toBeLessThanOrEqual(48 * HOUR);
    }
  });

  it('moves ~2% to another suite, never in the last hour', () => {
    const moved = met.filter((p) => p.transferAt !== null);
    expect(moved.length / met.length).toBeGreaterThan(0.005);
    expect(moved.length / met.length).toBeLessThan(0.03);
    for (const p of moved) expect(p.transferAt!).toBeLessThanOrEqual(p.releaseAt - HOUR);
  });
});

describe('who is booked in', () => {
  const profiles = Array.from({ length: 20_000 }, (_, i) => drawProfile(Rng.from(3, 'profile', i)));
  const share = (test: (p: (typeof profiles)[number]) => boolean) => profiles.filter(test).length / profiles.length;

  it('draws offences in the stated mix', () => {
    for (const [category, percent] of OFFENCE_MIX) expect(share((p) => p.offenceCategory === category), category).toBeCloseTo(percent / 100, 1);
  });

  it('flags ~5% with intelligence, never with ACRO’s flag, and more often for organised and violent crime', () => {
    expect(share((p) => p.intelFlags.length > 0)).toBeGreaterThan(0.04);
    expect(share((p) => p.intelFlags.length > 0)).toBeLessThan(0.07);
    expect(share((p) => p.intelFlags.includes('overseas_convictions'))).toBe(0);
    expect(share((p) => new Set(p.intelFlags).size !== p.intelFlags.length)).toBe(0);
    const prone = profiles.filter((p) => INTEL_PRONE_OFFENCES.has(p.offenceCategory));
    expect(prone.filter((p) => p.intelFlags.length > 0).length / prone.length).toBeGreaterThan(0.1);
  });

  it('gives most few prior offences and ~3% five or more', () => {
    expect(share((p) => p.priorOffences <= 2)).toBeGreaterThan(0.8);
    expect(share((p) => p.priorOffences >= 5)).toBeGreaterThan(0.02);
    expect(share((p) => p.priorOffences >= 5)).toBeLessThan(0.045);
  });
});
