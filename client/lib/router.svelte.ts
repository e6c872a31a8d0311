/** The dashboard's views, each at its own hash so a link or a wall display can open one. */
export const ROUTES = [
  { id: 'duty', hash: '#/duty', label: 'My duty' },
  { id: 'map', hash: '#/map', label: 'Map' },
  { id: 'officers', hash: '#/officers', label: 'Officers' },
  { id: 'ccu', hash: '#/ccu', label: 'CCU queue' },
  { id: 'register', hash: '#/register', label: 'Non-attendance' },
  { id: 'coverage', hash: '#/coverage', label: 'Coverage' },
  { id: 'meeting', hash: '#/meeting', label: 'Meeting' },
  { id: 'wall', hash: '#/wall', label: 'Wall' },
  { id: 'high-harm', hash: '#/high-harm', label: 'High Harm' },
  { id: 'reports', hash: '#/reports', label: 'Reports' },
  { id: 'forum', hash: '#/forum', label: 'Forum' },
  { id: 'review', hash: '#/review', label: 'Footfall review' },
  { id: 'replay', hash: '#/replay', label: 'Point in time' },
  { id: 'admin', hash: '#/admin', label: 'Admin' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** "#/ccu/" and "#/ccu" are the same place; "", "#" and "#/" are the role's home view. */
const path = (hash: string): string => hash.replace(/^#/, '').replace(/\?.*$/, '').replace(/\/+$/, '');
/** What follows "?" in the hash, e.g. "rotate=60" in "#/wall?rotate=60". */
const queryOf = (hash: string): string => /\?(.*)$/.exec(hash)?.[1] ?? '';

interface Place {
  route: RouteId;
  /** What follows the route's own path, e.g. "audit" in "#/admin/audit"; "" for none. */
  sub: string;
  /** The hash's query, e.g. "rotate=60&regions=Kent"; "" for none. */
  query: string;
}

/**
 * Hash routing: the address bar is the state, so back and forward work and nothing is fetched
 * on navigation. No hash, an unknown hash, or a view this role may not open, shows the role's
 * first view (the map for most people, an officer's own duty screen, the wall for a wall display).
 */
export class Router {
  readonly #allowed: readonly RouteId[];
  readonly #home: RouteId;
  #place = $state<Place>({ route: 'map', sub: '', query: '' });
  readonly #onHash = () => (this.#place = this.#read(location.hash));

  constructor(allowed: readonly RouteId[]) {
    this.#allowed = allowed;
    this.#home = allowed[0] ?? 'map';
    this.#place = this.#read(location.hash);
    // A link to a view this role may not open (or a page left by someone else): show the home
    // view, and say so in the address bar too.
    const homeHash = hashOf(this.#home);
    if (this.#place.route === this.#home && path(location.hash) !== path(homeHash)) history.replaceState(null, '', homeHash);
    window.addEventListener('hashchange', this.#onHash);
  }

  get route(): RouteId {
    return this.#place.route;
  }
  get sub(): string {
    return this.#place.sub;
  }
  /** The address's query, e.g. a wall's `rotate` and `regions`. */
  get params(): URLSearchParams {
    return new URLSearchParams(this.#place.query);
  }
  /** The views this role may open, in tab order. */
  get routes(): readonly (typeof ROUTES)[number][] {
    return ROUTES.filter((r) => this.#allowed.includes(r.id));
  }

  go(id: RouteId, sub = ''): void {
    const base = hashOf(id);
    const hash = sub ? `${base}/${sub}` : base;
    if (location.hash !== hash) location.hash = hash;
    this.#place = this.#read(hash);
  }

  /** Stops following the address bar (on sign-out the whole dashboard goes). */
  destroy(): void {
    window.removeEventListener('hashchange', this.#onHash);
  }

  #read(hash: string): Place {
    const p = path(hash);
    const query = queryOf(hash);
    if (p === '') return { route: this.#home, sub: '', query };
    for (const r of ROUTES) {
      if (!this.#allowed.includes(r.id)) continue;
      const own = path(r.hash);
      if (p === own) return { route: r.id, sub: '', query };
      if (own !== '' && p.startsWith(`${own}/`)) return { route: r.id, sub: p.slice(own.length + 1), query };
    }
    return { route: this.#home, sub: '', query: '' };
  }
}

function hashOf(id: RouteId): string {
  return ROUTES.find((r) => r.id === id)?.hash ?? '#/';
}
