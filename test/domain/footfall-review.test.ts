import { describe, expect, it } from 'vitest';
import { footfallReview, hourOfWeek, initialState } from '../../server/domain/index.js';
import { arrived, booked, HOUR, logged, MINUTE, onDuty, reference } from '../support/reference.js';

// Tuesday 24 November 2026, 14:00 GMT: hour of week 24 + 14.
const TUE_14 = Date.parse('2026-11-24T14:00:00Z');

describe('footfall review: demand against officer-hours by hour of the week', () => {
  it('numbers the week from Monday 00:00 London, in BST too', () => {
    expect(hourOfWeek(TUE_14)).toBe(38);
    expect(hourOfWeek(Date.parse('2026-07-06T23:30:00Z'))).toBe(24); // 00:30 BST on Tuesday 7 July
  });

  it('counts arrivals in their hour and officer time at the suite, split across hours', () => {
    const events = logged([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton'), booked('A1', 'met-brixton', TUE_14 + 10 * MINUTE)], 1, TUE_14 + 30 * MINUTE);
    // The officer arrived at 14:31 and is still there at 16:31 (the end of the period).
    const [brixton] = footfallReview(initialState(reference), events, TUE_14, TUE_14 + 2.5 * HOUR + MINUTE);
    expect(brixton!.suiteId).toBe('met-brixton');
    expect(brixton!.demand[38]).toBe(1);
    expect(brixton!.officerHours[38]).toBeCloseTo(29 / 60, 5);
    expect(brixton!.officerHours[39]).toBeCloseTo(1, 5);
    expect(brixton!.officerHours[40]).toBeCloseTo(31 / 60, 5);
  });

  it('stops counting an officer who leaves (sent elsewhere or off duty)', () => {
    const events = [
      ...logged([onDuty('MET-IO-01'), arrived('MET-IO-01', 'met-brixton')], 1, TUE_14),
      ...logged([{ type: 'officer.rostered', data: { officerId: 'MET-IO-01', status: 'off_duty' } }], 3, TUE_14 + 30 * MINUTE),
    ];
    const brixton = footfallReview(initialState(reference), events, TUE_14, TUE_14 + 3 * HOUR).find((r) => r.suiteId === 'met-brixton')!;
    expect(brixton.officerHours.reduce((a, b) => a + b, 0)).toBeCloseTo((30 - 1) / 60, 5);
  });
});
