import { DomEvent, latLngBounds, tooltip, type Map as LeafletMap } from 'leaflet';
import { OFFICER_STATUS_LABEL, OFFICER_STATUSES } from '../../../protocol/constants.js';
import type { OfficerView, SuiteView } from '../../../protocol/index.js';
import { count } from '../format.js';
import { textElement } from './base.js';
import { NearestSuite, placesOf, type Place } from './suite-places.js';

/** An officer as the counts see it; `near` is the suite it is counted at (null: drawn as a dot). */
export interface Counted {
  view: OfficerView;
  stale: boolean;
  near: string | null;
}

/** An officer within this many pixels of a suite's centre is counted there. */
const NEAR_PX = 24;
/** Suites closer than this share one badge, so badges never pile on one another. */
const MERGE_PX = 30;
/** How far a click on a badge zooms in at most. */
const CLOSE_ZOOM = 11;

interface Badge {
  place: Place;
  el: HTMLElement;
  members: Set<Counted>;
  shown: number;
}

/**
 * Officers counted per place (a suite, or suites drawn on top of one another at this zoom), each
 * count a small badge beside its suites: what a national view shows instead of 1,500 dots. A badge
 * is an element of its own, changed only when its count does; officers moving about near their
 * suite change nothing. Pointing at a badge says who is counted (by status and, if any, how many
 * positions are stale); clicking it zooms in to where the officers are drawn one by one.
 *
 * The badges are plain elements placed by left/top in one container, not Leaflet markers: a
 * marker was placed by a 3D transform, which made each of a hundred badges a compositor layer of
 * its own (base.ts now has Leaflet write 2D ones), and one container is hidden and refilled at
 * once. They are hidden while a zoom animates and placed again for the new zoom when it ends.
 */
export class OfficerCounts {
  readonly #map: LeafletMap;
  readonly #zoomTo: number;
  readonly #container: HTMLElement;
  readonly #tooltip = tooltip({ direction: 'top', offset: [10, -20], className: 'officer-count-tooltip' });
  #pointedAt: Badge | null = null;
  #suites: ReadonlyMap<string, SuiteView> = new Map();
  #nearest: NearestSuite | null = null;
  #badges = new Map<string, Badge>();
  readonly #dirty = new Set<Badge>();

  /** `zoomTo`: the zoom a click on a badge goes to, where officers are drawn one by one. */
  constructor(map: LeafletMap, zoomTo: number) {
    this.#map = map;
    this.#zoomTo = zoomTo;
    this.#container = document.createElement('div');
    this.#container.className = 'officer-counts';
    map.getPane('officers')!.append(this.#container);
    map.on('zoomstart', () => (this.#container.hidden = true));
  }

  get active(): boolean {
    return this.#nearest !== null;
  }

  /** Starts counting (again) for these suites at the current zoom; every officer must then be `place`d. */
  start(suites: ReadonlyMap<string, SuiteView>): void {
    this.stop();
    this.#suites = suites;
    const points = [...suites.values()]
      .sort((a, b) => b.inCustody - a.inCustody || (a.id < b.id ? -1 : 1))
      .map((s) => ({ id: s.id, ...this.#map.latLngToLayerPoint([s.lat, s.lng]) }));
    const { places, placeOf } = placesOf(points, MERGE_PX);
    this.#nearest = new NearestSuite(points, NEAR_PX);
    const badges = new Map(places.map((place) => [place, this.#badge(place)]));
    for (const [id, place] of placeOf) this.#badges.set(id, badges.get(place)!);
    this.#container.hidden = false;
  }

  /** Stops counting: every officer goes back to being a dot. */
  stop(): void {
    for (const badge of new Set(this.#badges.values())) for (const m of badge.members) m.near = null;
    this.#badges = new Map();
    this.#dirty.clear();
    this.#container.replaceChildren();
    this.#point(null);
    this.#nearest = null;
  }

  /** Suites' names for the tooltips: figures change often, names and places do not. */
  setSuites(suites: ReadonlyMap<string, SuiteView>): void {
    this.#suites = suites;
  }

  /**
   * Counts an officer at layer pixel (x, y), at the suite whose ring it stands on, or at the
   * nearest suite in reach, keeping the one it was counted at while still in reach (so an officer
   * halfway between two suites does not flicker). Returns false when none is in reach: a dot.
   */
  place(m: Counted, x: number, y: number, ring: string | null): boolean {
    if (!this.#nearest) return false;
    const near = ring ?? (m.near && this.#nearest.within(m.near, x, y) ? m.near : this.#nearest.nearest(x, y));
    if (near !== m.near) {
      this.leave(m);
      if (near) this.#join(m, near);
    }
    return near !== null;
  }

  leave(m: Counted): void {
    const badge = m.near ? this.#badges.get(m.near) : undefined;
    m.near = null;
    if (badge?.members.delete(m)) this.#dirty.add(badge);
  }

  /** A counted officer's status or staleness changed: its badge's tooltip says so. */
  changed(m: Counted): void {
    const badge = m.near ? this.#badges.get(m.near) : undefined;
    if (badge) this.#dirty.add(badge);
  }

  /** Writes the counts (and open tooltips) that changed since the last call. */
  refresh(): void {
    for (const badge of this.#dirty) {
      const n = badge.members.size;
      if (n !== badge.shown) {
        badge.el.textContent = String(n);
        badge.el.dataset.count = String(n);
        if (n === 0) badge.el.remove();
        else if (badge.shown === 0) this.#container.append(badge.el);
        badge.shown = n;
      }
      if (this.#pointedAt === badge) this.#tooltip.setContent(this.#describe(badge));
    }
    this.#dirty.clear();
  }

  #join(m: Counted, suiteId: string): void {
    const badge = this.#badges.get(suiteId);
    if (!badge) return;
    m.near = suiteId;
    badge.members.add(m);
    this.#dirty.add(badge);
  }

  #badge(place: Place): Badge {
    const el = document.createElement('span');
    el.className = 'officer-count';
    el.style.left = `${place.x}px`;
    el.style.top = `${place.y}px`;
    const badge: Badge = { place, el, members: new Set(), shown: 0 };
    el.addEventListener('mouseenter', () => this.#point(badge));
    el.addEventListener('mouseleave', () => this.#point(null));
    el.addEventListener('click', () => this.#zoomIn(badge));
    DomEvent.disableClickPropagation(el);
    return badge;
  }

  /** Opens the tooltip of the badge pointed at, or closes it. */
  #point(badge: Badge | null): void {
    this.#pointedAt = badge;
    if (!badge) {
      this.#tooltip.close();
      return;
    }
    this.#tooltip.setLatLng(this.#map.layerPointToLatLng([badge.place.x, badge.place.y])).setContent(this.#describe(badge));
    if (!this.#tooltip.isOpen()) this.#tooltip.openOn(this.#map);
  }

  /**
   * Zooms in on a badge's officers: close enough to tell apart officers standing near one suite
   * (zoom 11, ≈35 m a pixel), and never less than where they are drawn one by one.
   */
  #zoomIn(badge: Badge): void {
    this.#point(null);
    const here = [...badge.members].map((m): [number, number] => [m.view.lat, m.view.lng]);
    const bounds = latLngBounds(here.length ? here : [this.#map.layerPointToLatLng([badge.place.x, badge.place.y])]).pad(0.2);
    const zoom = Math.max(this.#zoomTo, Math.min(CLOSE_ZOOM, this.#map.getBoundsZoom(bounds)));
    this.#map.setView(bounds.getCenter(), zoom);
  }

  /** "6 officers near Brixton and Croydon", then how many are in each status, and stale positions. */
  #describe(badge: Badge): HTMLElement {
    const names = badge.place.suiteIds.map((id) => this.#suites.get(id)?.name ?? id);
    const where = names.length <= 3 ? listed(names) : `${names.slice(0, 2).join(', ')} and ${count(names.length - 2)} more suites`;
    const n = badge.members.size;
    const byStatus = new Map<string, number>();
    let stale = 0;
    for (const m of badge.members) {
      byStatus.set(m.view.status, (byStatus.get(m.view.status) ?? 0) + 1);
      if (m.stale) stale++;
    }
    const statuses = OFFICER_STATUSES.filter((s) => byStatus.has(s)).map((s) => `${count(byStatus.get(s)!)} ${OFFICER_STATUS_LABEL[s].toLowerCase()}`);
    const lines = [`${count(n)} officer${n === 1 ? '' : 's'} near ${where}`, statuses.join(' · ')];
    if (stale > 0) lines.push(`${count(stale)} position${stale === 1 ? '' : 's'} stale`);
    lines.push('Zoom in to see each officer');
    return textElement(...lines);
  }
}

const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? ''));
