import { describe, expect, it } from 'vitest';
import { initialState, serialiseState } from '../../server/domain/index.js';
import { step } from '../../server/simulator/model.js';
import { Rng } from '../../server/simulator/random.js';
import { emptyMemory } from '../../server/simulator/world.js';
import { HOUR, ofType, realReference, simulate, TUESDAY } from './harness.js';

describe('simulator: determinism', () => {
  it('plays the same day twice from the same seed', async () => {
    const a = await simulate({ seed: 7, hours: 24 });
    const b = await simulate({ seed: 7, hours: 24 });
    expect(a.port.log.length).toBeGreaterThan(1000);
    expect(b.port.log).toEqual(a.port.log);
  });

  it('plays a different day from a different seed', async () => {
    const a = await simulate({ seed: 7, hours: 24 });
    const b = await simulate({ seed: 8, hours: 24 });
    const refs = (log: typeof a.port.log) => new Set(ofType(log, 'arrest.booked').map((e) => e.data.custodyRef));
    const shared = [...refs(a.port.log)].filter((r) => refs(b.port.log).has(r));
    expect(shared).toEqual([]);
    expect(ofType(b.port.log, 'arrest.booked').length).not.toBe(ofType(a.port.log, 'arrest.booked').length);
  });

  it('a step reads the world without changing it, and repeats exactly', () => {
    const state = initialState(realReference);
    const before = JSON.stringify(serialiseState(state));
    const world = { seed: 3, state, memory: emptyMemory(), autoDispatch: true };
    const from = TUESDAY + 15 * HOUR;
    const first = step(world, from, from + HOUR, Rng.from(3, 'x'));
    const second = step(world, from, from + HOUR, Rng.from(3, 'x'));
    expect(first.actions.length).toBeGreaterThan(20);
    expect(second).toEqual(first);
    expect(JSON.stringify(serialiseState(state))).toBe(before);
    expect(world.memory.checks.size).toBe(0);
  });
});
