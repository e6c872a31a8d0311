/** The dashboard's views, each at its own hash so a link or a wall display can open one. */
export const ROUTES = [
  { id: 'map', hash: '#/', label: 'Map' },
  { id: 'ccu', hash: '#/ccu', label: 'CCU queue' },
  { id: 'register', hash: '#/register', label: 'Non-attendance register' },
  { id: 'coverage', hash: '#/coverage', label: 'Coverage' },
  { id: 'high-harm', hash: '#/high-harm', label: 'High Harm' },
  { id: 'admin', hash: '#/admin', label: 'Admin' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** "#/ccu/" and "#/ccu" are the same place; "", "#" and "#/" are the map. */
const path = (hash: string): string => hash.replace(/^#/, '').replace(/\?.*$/, '').replace(/\/+$/, '');

interface Place {
  route: RouteId;
  /** What follows the route's own path, e.g. "audit" in "#/admin/audit"; "" for none. */
  sub: string;
}

/**
 * Hash routing: the address bar is the state, so back and forward work and nothing is fetched
 * on navigation. An unknown hash, or a view this role may not open, shows the map.
 */
export class Router {
  readonly #allowed: readonly RouteId[];
  #place = $state<Place>({ route: 'map', sub: '' });
  readonly #onHash = () => (this.#place = this.#read(location.hash));

  constructor(allowed: readonly RouteId[]) {
    this.#allowed = allowed;
    this.#place = this.#read(location.hash);
    // A link to a view this role may not open (or a page left by someone else): show the map,
    // and say so in the address bar too.
    if (this.#place.route === 'map' && path(location.hash) !== '') history.replaceState(null, '', '#/');
    window.addEventListener('hashchange', this.#onHash);
  }

  get route(): RouteId {
    return this.#place.route;
  }
  get sub(): string {
    return this.#place.sub;
  }
  /** The views this role may open, in tab order. */
  get routes(): readonly (typeof ROUTES)[number][] {
    return ROUTES.filter((r) => this.#allowed.includes(r.id));
  }

  go(id: RouteId, sub = ''): void {
    const base = ROUTES.find((r) => r.id === id)?.hash ?? '#/';
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
    for (const r of ROUTES) {
      const own = path(r.hash);
      if (r.id === 'map' || !this.#allowed.includes(r.id)) continue;
      if (p === own) return { route: r.id, sub: '' };
      if (p.startsWith(`${own}/`)) return { route: r.id, sub: p.slice(own.length + 1) };
    }
    return { route: 'map', sub: '' };
  }
}
