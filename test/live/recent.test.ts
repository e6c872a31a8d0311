import { describe, expect, it } from 'vitest';
import { recent } from '../../server/live/recent.js';

describe('recent', () => {
  it('answers from memory while the log has not moved and the time is close, and afresh otherwise', () => {
    const engine = { seq: 1, at: 0, now() { return this.at; } };
    let computed = 0;
    const answer = recent(engine, 5_000, () => ++computed);
    expect([answer(), answer()]).toEqual([1, 1]);
    engine.at = 4_999;
    expect(answer()).toBe(1);
    engine.at = 5_000; // too old
    expect(answer()).toBe(2);
    engine.seq = 2; // something happened
    expect(answer()).toBe(3);
    engine.at = 1_000; // the clock went back (a replayed simulation): not trusted
    expect(answer()).toBe(4);
  });
});
