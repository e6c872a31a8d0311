import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack, IngestBatch, IngestResult } from '../../protocol/index.js';
import { ManualClock } from '../../server/clock.js';
import { createLogger } from '../../server/log.js';
import { createSimulatorRunner } from '../../server/simulator/runner.js';
import { SimulationClock } from '../../server/simulator/simulation-clock.js';
import { FakePort, HOUR, MINUTE, realReference, TUESDAY } from './harness.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SimulationClock', () => {
  it('runs at its speed from the start instant and carries on from a jump', () => {
    const real = new ManualClock(1_000_000);
    const clock = new SimulationClock(real, 60, TUESDAY);
    expect(clock.now()).toBe(TUESDAY);
    real.advance(1000);
    expect(clock.now()).toBe(TUESDAY + MINUTE);
    clock.jumpTo(TUESDAY + HOUR);
    expect(clock.now()).toBe(TUESDAY + HOUR);
    real.advance(500);
    expect(clock.now()).toBe(TUESDAY + HOUR + 30_000);
  });
});

describe('simulator runner', () => {
  it('catches up with the clock following, then steps live from where it stopped', async () => {
    vi.useFakeTimers();
    const real = new ManualClock(0);
    const clock = new SimulationClock(real, 60, TUESDAY + 14 * HOUR);
    const port = new FakePort(realReference, clock);
    const runner = createSimulatorRunner({ port, clock, seed: 1 });
    await runner.catchUp(TUESDAY + 12 * HOUR, TUESDAY + 14 * HOUR);
    expect(clock.now()).toBe(TUESDAY + 14 * HOUR);
    const caughtUp = port.log.length;
    expect(caughtUp).toBeGreaterThan(50);
    expect(Math.max(...port.log.map((e) => e.at))).toBeLessThanOrEqual(TUESDAY + 14 * HOUR);

    runner.start();
    for (let i = 0; i < 30; i++) {
      real.advance(1000);
      await vi.advanceTimersByTimeAsync(1000);
    }
    await runner.stop();
    const live = port.log.slice(caughtUp);
    expect(live.length).toBeGreaterThan(10);
    expect(Math.min(...live.map((e) => e.at))).toBeGreaterThan(TUESDAY + 14 * HOUR);
    expect(Math.max(...live.map((e) => e.at))).toBeLessThanOrEqual(TUESDAY + 14 * HOUR + 30 * MINUTE);
    expect(port.refusals).toEqual([]);
  });

  it('never overlaps steps: a slow ingest makes ticks wait, and windows stay contiguous', async () => {
    vi.useFakeTimers();
    const real = new ManualClock(0);
    const clock = new SimulationClock(real, 60, TUESDAY + 15 * HOUR);
    const inner = new FakePort(realReference, clock);
    let running = 0;
    let most = 0;
    const port = {
      get state() {
        return inner.state;
      },
      execute: inner.execute.bind(inner),
      async ingest(batch: IngestBatch, actor: string): Promise<Ack<IngestResult>> {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2500)); // slower than a tick
        running--;
        return inner.ingest(batch, actor);
      },
    };
    const runner = createSimulatorRunner({ port, clock, seed: 2 });
    runner.start();
    for (let i = 0; i < 20; i++) {
      real.advance(1000);
      await vi.advanceTimersByTimeAsync(1000);
    }
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await stopped;
    expect(most).toBe(1);
    expect(inner.refusals).toEqual([]);
    // Steps ran (slowly) through contiguous windows: the feeds' facts move forward in time. (An
    // officer's command is stamped when the server receives it, after its window's earlier facts.)
    const booked = inner.log.filter((e) => e.type === 'arrest.booked');
    expect(booked.length).toBeGreaterThan(0);
    const facts = inner.log.filter((e) => e.source !== 'command');
    for (let i = 1; i < facts.length; i++) expect(facts[i]!.at).toBeGreaterThanOrEqual(facts[i - 1]!.at);
  });

  it('logs a refused batch and carries on', async () => {
    const real = new ManualClock(0);
    const clock = new SimulationClock(real, 1, TUESDAY);
    const inner = new FakePort(realReference, clock);
    let calls = 0;
    const port = {
      get state() {
        return inner.state;
      },
      execute: inner.execute.bind(inner),
      ingest: async (batch: IngestBatch, actor: string): Promise<Ack<IngestResult>> =>
        ++calls === 1 ? { ok: false, error: { code: 'internal', message: 'disk full' } } : inner.ingest(batch, actor),
    };
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
    const runner = createSimulatorRunner({ port, clock, seed: 3, log });
    await runner.catchUp(TUESDAY, TUESDAY + 2 * HOUR);
    expect(lines.map((l) => JSON.parse(l) as object)).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'simulator.ingest_refused', code: 'internal', message: 'disk full' }),
    );
    expect(inner.log.length).toBeGreaterThan(20);
  });
});
