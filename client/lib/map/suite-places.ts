/** A suite where the map draws it: layer pixels at the current zoom. */
export interface SuitePoint {
  id: string;
  x: number;
  y: number;
}

/** Suites drawn so close together at this zoom that one count badge stands for all of them. */
export interface Place {
  /** The suites' ids, the first the one the place was started from. */
  suiteIds: string[];
  /** Where the badge goes: the middle of its suites, in layer pixels. */
  x: number;
  y: number;
}

/**
 * Groups suites whose centres lie within `mergePx` of a place's first suite, so that badges never
 * pile on one another where suites crowd (central London, Merseyside at national zoom). Greedy and
 * in the order given: the same suites at the same zoom always give the same places.
 */
export function placesOf(points: readonly SuitePoint[], mergePx: number): { places: Place[]; placeOf: Map<string, Place> } {
  const places: { place: Place; x0: number; y0: number }[] = [];
  const placeOf = new Map<string, Place>();
  const reach = mergePx * mergePx;
  for (const p of points) {
    let home = places.find((c) => (c.x0 - p.x) ** 2 + (c.y0 - p.y) ** 2 <= reach);
    if (!home) places.push((home = { place: { suiteIds: [], x: 0, y: 0 }, x0: p.x, y0: p.y }));
    home.place.suiteIds.push(p.id);
    placeOf.set(p.id, home.place);
  }
  const at = new Map(points.map((p) => [p.id, p]));
  for (const { place } of places) {
    place.x = place.suiteIds.reduce((sum, id) => sum + at.get(id)!.x, 0) / place.suiteIds.length;
    place.y = place.suiteIds.reduce((sum, id) => sum + at.get(id)!.y, 0) / place.suiteIds.length;
  }
  return { places: places.map((c) => c.place), placeOf };
}

/**
 * The nearest suite within `reachPx` of a pixel, found through a grid of `reachPx` cells so that
 * asking for 1,500 officers a second looks at a handful of suites each, not all 250.
 */
export class NearestSuite {
  readonly #reach: number;
  readonly #cells = new Map<string, SuitePoint[]>();
  readonly #points = new Map<string, SuitePoint>();

  constructor(points: readonly SuitePoint[], reachPx: number) {
    this.#reach = reachPx;
    for (const p of points) {
      this.#points.set(p.id, p);
      const k = this.#cell(p.x, p.y);
      const list = this.#cells.get(k);
      if (list) list.push(p);
      else this.#cells.set(k, [p]);
    }
  }

  /** Whether (x, y) is still within reach of that suite. */
  within(id: string, x: number, y: number): boolean {
    const p = this.#points.get(id);
    return p !== undefined && (p.x - x) ** 2 + (p.y - y) ** 2 <= this.#reach ** 2;
  }

  nearest(x: number, y: number): string | null {
    const cx = Math.floor(x / this.#reach);
    const cy = Math.floor(y / this.#reach);
    let best: string | null = null;
    let bestD = this.#reach ** 2;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const p of this.#cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = (p.x - x) ** 2 + (p.y - y) ** 2;
          if (d <= bestD) [best, bestD] = [p.id, d];
        }
      }
    }
    return best;
  }

  #cell(x: number, y: number): string {
    return `${Math.floor(x / this.#reach)},${Math.floor(y / this.#reach)}`;
  }
}
