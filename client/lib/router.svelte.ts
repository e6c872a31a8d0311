/** The dashboard's views, each at its own hash so a link or a wall display can open one. */
export const ROUTES = [
  { id: 'map', hash: '#/', label: 'Map' },
  { id: 'ccu', hash: '#/ccu', label: 'CCU queue' },
  { id: 'register', hash: '#/register', label: 'Non-attendance register' },
  { id: 'coverage', hash: '#/coverage', label: 'Coverage' },
  { id: 'high-harm', hash: '#/high-harm', label: 'High Harm' },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** "#/ccu/" and "#/ccu" are the same place; "", "#" and "#/" are the map. */
const path = (hash: string): string => hash.replace(/^#/, '').replace(/\/+$/, '');

function fromHash(hash: string): RouteId {
  return ROUTES.find((r) => path(r.hash) === path(hash))?.id ?? 'map';
}

/**
 * Hash routing: the address bar is the state, so back and forward work and nothing is fetched
 * on navigation. An unknown hash shows the map.
 */
export class Router {
  #route = $state<RouteId>(fromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.#route = fromHash(location.hash)));
  }

  get route(): RouteId {
    return this.#route;
  }

  go(id: RouteId): void {
    const hash = ROUTES.find((r) => r.id === id)?.hash ?? '#/';
    if (location.hash !== hash) location.hash = hash;
    this.#route = id;
  }
}
