import { describe, expect, it } from 'vitest';
import { VIRTUAL_ABOVE_ROWS, VIRTUAL_ROW_PX, windowOf } from '../../client/lib/list-window.js';
import { NearestSuite, placesOf } from '../../client/lib/map/suite-places.js';

describe('suites sharing a count badge (placesOf)', () => {
  it('puts suites within reach of a place’s first suite in it, the rest in places of their own, each badge at the middle of its suites', () => {
    const { places, placeOf } = placesOf(
      [
        { id: 'a', x: 0, y: 0 },
        { id: 'b', x: 20, y: 0 },
        { id: 'c', x: 100, y: 0 },
        { id: 'd', x: 0, y: 29 },
      ],
      30,
    );
    expect(places.map((p) => p.suiteIds)).toEqual([['a', 'b', 'd'], ['c']]);
    expect(placeOf.get('d')).toBe(places[0]);
    expect(places[0]).toMatchObject({ x: 20 / 3, y: 29 / 3 });
    expect(places[1]).toMatchObject({ x: 100, y: 0 });
  });
});

describe('the nearest suite in reach (NearestSuite)', () => {
  const nearest = new NearestSuite(
    [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 40, y: 0 },
    ],
    24,
  );
  it('finds the nearer of two suites, across grid cells', () => {
    expect(nearest.nearest(15, 5)).toBe('a');
    expect(nearest.nearest(25, -5)).toBe('b');
  });
  it('finds none out of reach, and says whether a point is still within reach of a suite', () => {
    expect(nearest.nearest(20, 30)).toBeNull();
    expect(nearest.within('a', 23, 0)).toBe(true);
    expect(nearest.within('a', 25, 0)).toBe(false);
    expect(nearest.within('unknown', 0, 0)).toBe(false);
  });
});

describe('the rows of a long list kept in the page (windowOf)', () => {
  it('keeps a short list whole', () => {
    expect(windowOf(VIRTUAL_ABOVE_ROWS, 5_000, 600)).toEqual({ virtual: false, first: 0, last: VIRTUAL_ABOVE_ROWS, before: 0, after: 0 });
  });
  it('keeps the rows in sight and a few beyond, and the space of the rest above and below', () => {
    const w = windowOf(250, 100 * VIRTUAL_ROW_PX, 10 * VIRTUAL_ROW_PX);
    expect(w.virtual).toBe(true);
    expect(w.first).toBeLessThanOrEqual(100);
    expect(w.last).toBeGreaterThanOrEqual(110);
    expect(w.last - w.first).toBeLessThan(40);
    expect(w.before + (w.last - w.first) * VIRTUAL_ROW_PX + w.after).toBe(250 * VIRTUAL_ROW_PX);
  });
  it('reaches the last row when scrolled to the end', () => {
    const w = windowOf(250, 250 * VIRTUAL_ROW_PX - 600, 600);
    expect(w.last).toBe(250);
    expect(w.after).toBe(0);
  });
});
