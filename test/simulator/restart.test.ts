import { describe, expect, it } from 'vitest';
import { deserialiseState, serialiseState } from '../../server/domain/index.js';
import { casePlan } from '../../server/simulator/case-plan.js';
import { HOUR, ofType, simulate, TUESDAY } from './harness.js';

describe('simulator: restart', () => {
  it('continues from the stored state with no reused custody reference or ingest id', async () => {
    const seed = 42;
    const first = await simulate({ seed, hours: 10 });
    const { port, clock } = first;
    const stoppedAt = port.state.lastEventAt!;
    const inCustody = [...port.state.cases.values()];
    expect(inCustody.length).toBeGreaterThan(30);
    const logBefore = port.log.length;

    // A restart: the state comes back from a checkpoint; the model's memory does not.
    port.state = deserialiseState(JSON.parse(JSON.stringify(serialiseState(port.state))));
    const second = await simulate({ seed, start: stoppedAt, hours: 14, port, clock });

    expect(port.refusals).toEqual([]);
    expect([...first.warnings, ...second.warnings]).toEqual([]);
    const refs = ofType(port.log, 'arrest.booked').map((e) => e.data.custodyRef);
    expect(new Set(refs).size).toBe(refs.length);
    const ids = port.log.flatMap((e) => (e.sourceEventId ? [e.sourceEventId] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(port.log.length).toBeGreaterThan(logBefore + 500);

    // People held over the restart leave when their plan says, not when the new run happens to.
    const released = new Map(ofType(port.log, 'detainee.released').map((e) => [e.data.custodyRef, e.at]));
    for (const kase of inCustody) {
      const { releaseAt } = casePlan(seed, kase);
      if (releaseAt <= TUESDAY + 24 * HOUR) expect(released.get(kase.custodyRef)).toBe(releaseAt);
    }
    // Nothing that happened before the restart happens again after it.
    const once = ['case.referred', 'acro.requested', 'acro.returned', 'check.started', 'check.completed', 'interview.held', 'decision.made', 'etd.applied', 'pace.extended', 'case.transferred'];
    const seen = new Set<string>();
    for (const e of port.log) {
      if (!once.includes(e.type) || !('custodyRef' in e.data)) continue;
      const key = `${e.type} ${e.data.custodyRef}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    // Checks under way at the restart are finished after it, by whoever started them.
    const underWay = inCustody.filter((c) => c.checkStarted && !c.check);
    expect(underWay.length).toBeGreaterThan(0);
    const completions = new Map(ofType(port.log, 'check.completed').map((e) => [e.data.custodyRef, e]));
    for (const c of underWay) {
      const done = completions.get(c.custodyRef);
      if (done) expect([done.data.mode, done.data.officerId]).toEqual([c.checkStarted!.mode, c.checkStarted!.officerId]);
    }
    expect(underWay.filter((c) => completions.has(c.custodyRef)).length).toBeGreaterThan(0);
    // And those waiting at the restart are checked after it.
    const checkedAfter = ofType(port.log, 'check.completed').filter((e) => e.at > stoppedAt).map((e) => e.data.custodyRef);
    expect(inCustody.filter((c) => !c.check && checkedAfter.includes(c.custodyRef)).length).toBeGreaterThan(5);
  });
});
