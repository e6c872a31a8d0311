import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUMP_EVERY_MS, PUMP_FRAME_FALLBACK_MS, PUMP_HURRY_MS, UpdatePump } from '../../client/lib/update-pump.js';

/** Timers on vitest's fake clock; animation frames held here and painted by hand with `frame`. */
function fakeTimers() {
  const frames = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => (frames.set(next, run), next++));
  vi.stubGlobal('cancelAnimationFrame', (h: number) => void frames.delete(h));
  return {
    advance: (ms: number) => vi.advanceTimersByTime(ms),
    frame() {
      const runs = [...frames.values()];
      frames.clear();
      for (const run of runs) run();
    },
    get framesAsked() {
      return frames.size;
    },
  };
}

function pumpWith() {
  const clock = fakeTimers();
  const log: string[] = [];
  const pump = new UpdatePump(() => log.push('tick'));
  return { pump, log, clock };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.UTC(2026, 11, 3, 12, 0, 0, 20)); // where a run lands: a second then is one second on
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the update pump (one frame a second)', () => {
  it('lands each run just after a second begins, however late the frame before it came', () => {
    const clock = fakeTimers();
    vi.setSystemTime(5_000_400); // 0.4 s into a second
    const ticks: number[] = [];
    const pump = new UpdatePump(() => ticks.push(Date.now()));
    pump.start();
    clock.advance(619);
    expect(clock.framesAsked).toBe(0);
    clock.advance(1); // 20 ms into the next second
    expect(clock.framesAsked).toBe(1);
    clock.advance(80); // a slow frame: 0.1 s into the second
    clock.frame();
    clock.advance(919);
    expect(clock.framesAsked).toBe(0);
    clock.advance(1);
    clock.frame();
    expect(ticks.map((t) => t % 1000)).toEqual([100, 20]);
    pump.stop();
  });

  it('applies what arrived during a second in one frame, after the clock’s tick, in arrival order', () => {
    const { pump, log, clock } = pumpWith();
    pump.start();
    pump.queue(() => log.push('deltas'));
    clock.advance(300);
    pump.queue(() => log.push('derived'));
    pump.queue(() => log.push('heartbeat'));
    expect(log).toEqual([]);
    clock.advance(PUMP_EVERY_MS - 300);
    expect(clock.framesAsked).toBe(1);
    clock.frame();
    expect(log).toEqual(['tick', 'deltas', 'derived', 'heartbeat']);
  });

  it('ticks the clock every second with nothing arriving, and asks for one frame each time', () => {
    const { pump, log, clock } = pumpWith();
    pump.start();
    for (let s = 0; s < 3; s++) {
      clock.advance(PUMP_EVERY_MS);
      expect(clock.framesAsked).toBe(1);
      clock.frame();
    }
    expect(log).toEqual(['tick', 'tick', 'tick']);
  });

  it('runs without an animation frame when none comes (a hidden or unfocused screen)', () => {
    const { pump, log, clock } = pumpWith();
    pump.start();
    pump.queue(() => log.push('deltas'));
    clock.advance(PUMP_EVERY_MS + PUMP_FRAME_FALLBACK_MS);
    expect(log).toEqual(['tick', 'deltas']);
    // The frame that comes late finds nothing to do.
    clock.frame();
    expect(log).toEqual(['tick', 'deltas']);
  });

  it('shows what a command brings at the next frame for a few seconds, then waits for the second again', () => {
    const { pump, log, clock } = pumpWith();
    pump.start();
    clock.advance(100);
    pump.hurry();
    pump.queue(() => log.push('my move'));
    clock.frame();
    expect(log).toEqual(['tick', 'my move']);
    clock.advance(PUMP_HURRY_MS);
    log.length = 0;
    pump.queue(() => log.push('later'));
    clock.frame();
    expect(log).toEqual([]);
    clock.advance(PUMP_EVERY_MS);
    clock.frame();
    expect(log).toEqual(['tick', 'later']);
  });

  it('runs the rest of a second’s work when one piece throws, then reports the failure', () => {
    const { pump, log, clock } = pumpWith();
    pump.start();
    pump.queue(() => {
      throw new Error('bad message');
    });
    pump.queue(() => log.push('next'));
    clock.advance(PUMP_EVERY_MS);
    expect(() => clock.frame()).toThrow('bad message');
    expect(log).toEqual(['tick', 'next']);
  });

  it('runs work at once before it starts and drops what is queued when stopped', () => {
    const { pump, log, clock } = pumpWith();
    pump.queue(() => log.push('early'));
    expect(log).toEqual(['early']);
    pump.start();
    pump.queue(() => log.push('dropped'));
    pump.stop();
    clock.advance(PUMP_EVERY_MS * 3);
    clock.frame();
    expect(log).toEqual(['early']);
  });
});
