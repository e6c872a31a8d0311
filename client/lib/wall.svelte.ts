import type { ViewRegion } from './wall-figures.js';

/** One view the wall shows: everything it was sent, or one region. */
export interface WallView {
  id: string;
  region: ViewRegion;
  label: string;
}

export interface WallSettings {
  /** How long each view stays; null pins the first view ("stay"). */
  rotateMs: number | null;
  /** The views asked for in the address ("national", region names), or null for all. */
  wanted: string[] | null;
  /** Past this age a tile says STALE. */
  staleMs: number;
}

export const DEFAULT_ROTATE_S = 30;
export const DEFAULT_STALE_S = 60;
const NATIONAL = 'national';

/**
 * Reads `#/wall?rotate=60&regions=national,Kent&stale=90`: `rotate` in seconds (at least 5) or
 * "stay"; `regions` a comma-separated list of views; `stale` in seconds (at least 10).
 */
export function parseWallParams(params: URLSearchParams): WallSettings {
  const rotate = params.get('rotate');
  const seconds = rotate === null ? DEFAULT_ROTATE_S : Number(rotate);
  const rotateMs = rotate === 'stay' || seconds === 0 ? null : Number.isFinite(seconds) ? Math.max(5, seconds) * 1000 : DEFAULT_ROTATE_S * 1000;
  const list = (params.get('regions') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const stale = Number(params.get('stale') ?? DEFAULT_STALE_S);
  return { rotateMs, wanted: list.length ? list : null, staleMs: (Number.isFinite(stale) ? Math.max(10, stale) : DEFAULT_STALE_S) * 1000 };
}

/** The views in rotation order: the whole scope first, then each region (A to Z), or as asked. */
export function wallViews(regions: readonly string[], allLabel: string, wanted: string[] | null): WallView[] {
  const sorted = [...regions].sort((a, b) => a.localeCompare(b, 'en-GB'));
  const all: WallView = { id: NATIONAL, region: null, label: sorted.length === 1 ? (sorted[0] ?? allLabel) : allLabel };
  const each = sorted.length > 1 ? sorted.map((r): WallView => ({ id: r, region: r, label: r })) : [];
  if (!wanted) return [all, ...each];
  const picked = wanted.flatMap((w): WallView[] => {
    if (w.toLowerCase() === NATIONAL) return [all];
    const match = each.find((v) => v.id.toLowerCase() === w.toLowerCase());
    return match ? [match] : [];
  });
  // Nothing asked for is here (a typo, or outside this screen's scope): show everything.
  return picked.length ? picked : [all, ...each];
}

/**
 * Which view the wall shows and when it moves on. Driven by the one-second clock (`tick`), so
 * there is no timer of its own to leak; the index survives a change in the list of regions.
 */
export class WallRotation {
  #index = $state(0);
  /** Local time the current view came up. */
  #shownAt = $state(Date.now());
  readonly #views: () => readonly WallView[];
  readonly #rotateMs: () => number | null;

  constructor(views: () => readonly WallView[], rotateMs: () => number | null) {
    this.#views = views;
    this.#rotateMs = rotateMs;
  }

  get views(): readonly WallView[] {
    return this.#views();
  }
  get index(): number {
    const n = this.#views().length;
    return n === 0 ? 0 : this.#index % n;
  }
  get current(): WallView | undefined {
    return this.#views()[this.index];
  }

  /** Seconds until the next view, or null when pinned or there is only one. */
  secondsToNext(localNow: number): number | null {
    const every = this.#rotateMs();
    if (every === null || this.#views().length < 2) return null;
    return Math.max(0, Math.ceil((this.#shownAt + every - localNow) / 1000));
  }

  /**
   * Moves on when the current view's time is up. `paused` (the data is stale) holds the view and
   * its full time: a room glancing at a frozen screen should not see it change as if live.
   */
  tick(localNow: number, paused = false): void {
    const every = this.#rotateMs();
    if (every === null || this.#views().length < 2) return;
    if (paused) {
      this.#shownAt = localNow;
      return;
    }
    if (localNow - this.#shownAt >= every) {
      this.#index = (this.index + 1) % this.#views().length;
      this.#shownAt = localNow;
    }
  }
}
