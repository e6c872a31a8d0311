import { circleMarker, layerGroup, point, tooltip, type CircleMarker, type LatLngTuple, type Map as LeafletMap, type Point } from 'leaflet';
import { OFFICER_ROLE_LABEL, OFFICER_STATUS_LABEL } from '../../../protocol/constants.js';
import type { OfficerView, SuiteView } from '../../../protocol/index.js';
import { OFFICER_COLOUR, OFFICER_SHAPE, suiteRadius } from '../colours.js';
import { timeHM } from '../format.js';
import { fromLabel } from '../move-origin.js';
import { positionAgeLabel, positionStale } from '../position.js';
import { textElement } from './base.js';
import { dotCanvas, type DotOptions } from './dot-canvas.js';

interface Entry {
  view: OfficerView;
  marker: CircleMarker;
  shown: boolean;
  /** Drawn as stale: the position is older than the server's NEXUS_POSITION_STALE_MINUTES. */
  stale: boolean;
  /** The suite whose ring the officer stands on, if any. */
  ring: string | null;
  /** The layer pixel the dot is drawn on. */
  x: number;
  y: number;
}

const RADIUS = 4.5;

/**
 * When a position is too old to trust: as of `now` (the server's time, moved on by the caller every
 * few seconds, so dots are restyled only then), and `clock` for the exact age a tooltip states.
 */
export interface Staleness {
  now: number;
  staleMs: number;
  clock: () => number;
}

/** A dot in its status colour; a stale one hollow (white, ringed in that colour), so it reads as "was here". */
const dotStyle = (status: OfficerView['status'], stale: boolean) =>
  stale ? { fillColor: '#ffffff', color: OFFICER_COLOUR[status], weight: 2 } : { fillColor: OFFICER_COLOUR[status], color: '#ffffff', weight: 1.2 };

/**
 * Small dots for officers, updated in place as deltas arrive. Officers standing at a suite are
 * drawn on a ring around its circle instead of on top of it, so each stays visible and the suite
 * underneath can still be clicked.
 *
 * Every officer moves every second, so the dots are painted on one canvas rather than as 1,500
 * SVG elements (whose style, layout and paint cost ≈40 ms a tick), and each tick touches only
 * what changed: a dot moves when its position does, is recoloured when its status does, and only
 * the rings that gained or lost an officer are laid out again. The canvas takes no pointer events
 * (it would hide the suites and force areas under it from the mouse), so hovering is hit-tested
 * here and one tooltip is filled in for the officer under the pointer.
 */
export class OfficerMarkers {
  readonly #map: LeafletMap;
  readonly #renderer = dotCanvas({ pane: 'officers' });
  readonly #layer = layerGroup();
  readonly #entries = new Map<string, Entry>();
  /** Officers standing at each suite, by suite id. */
  readonly #rings = new Map<string, Set<Entry>>();
  readonly #tooltip = tooltip({ direction: 'top', offset: [0, -4], className: 'officer-tooltip' });
  #suites: ReadonlyMap<string, SuiteView> = new Map();
  /** Suite ids by position key: which positions count as standing at a suite. */
  #suiteAt = new Map<number, string>();
  #showOffDuty = false;
  #drawn = -1;
  #pointer: Point | null = null;
  #hovered: { entry: Entry; view: OfficerView } | null = null;
  /** When positions count as stale, and the time for ages in the tooltip; null: not judged (a replay). */
  #staleness: Staleness | null = null;

  constructor(map: LeafletMap) {
    this.#map = map;
    this.#layer.addTo(map);
    map.getPane('officers')!.style.pointerEvents = 'none';
    // Ring offsets and drawn pixels change with the zoom (and with a reset view's pixel origin).
    map.on('zoomend viewreset', () => {
      for (const entry of this.#entries.values()) {
        entry.x = entry.y = NaN;
        if (entry.shown && !entry.ring) this.#moveTo(entry, [entry.view.lat, entry.view.lng]);
      }
      for (const id of this.#rings.keys()) this.#layout(id);
    });
    // Listened to on the container, not the map: a force area's sticky tooltip keeps its
    // mousemoves from reaching the map's own event. A held button is a drag: no tooltip then.
    const el = map.getContainer();
    const pointer = (e: MouseEvent) => (e.buttons ? null : map.mouseEventToContainerPoint(e));
    el.addEventListener('mousemove', (e) => this.#hover(pointer(e)));
    el.addEventListener('click', (e) => this.#hover(pointer(e)));
    el.addEventListener('mouseleave', () => this.#hover(null));
  }

  /**
   * Draws what the officers are now. `staleness` says when a position is too old: the caller moves
   * its `now` on every few seconds, so dots turn stale while no data arrives at all. Without it
   * (a replay of the past) positions are not judged.
   */
  sync(officers: ReadonlyMap<string, OfficerView>, suites: ReadonlyMap<string, SuiteView>, showOffDuty: boolean, staleness: Staleness | null = null): void {
    this.#staleness = staleness;
    const dirty = new Set<string>();
    const all = this.#setSuites(suites, dirty) || showOffDuty !== this.#showOffDuty;
    this.#showOffDuty = showOffDuty;
    for (const [id, entry] of this.#entries) {
      if (!officers.has(id)) {
        this.#hide(entry, dirty);
        this.#entries.delete(id);
      }
    }
    for (const view of officers.values()) {
      let entry = this.#entries.get(view.id);
      const stale = staleness !== null && positionStale(view, staleness.now, staleness.staleMs);
      // The store makes a new view for every officer that moved, so compare what is drawn.
      if (entry?.view === view && entry.stale === stale) continue;
      const before = entry?.view;
      if (entry) entry.view = view;
      else this.#entries.set(view.id, (entry = this.#create(view, stale)));
      if (before && (before.status !== view.status || entry.stale !== stale)) entry.marker.setStyle(look(view, stale));
      entry.stale = stale;
      if (!all && (!before || before.lat !== view.lat || before.lng !== view.lng || before.status !== view.status)) this.#put(entry, dirty);
    }
    if (all) for (const entry of this.#entries.values()) this.#put(entry, dirty);
    for (const id of dirty) this.#layout(id);
    this.#count();
    this.#hover(this.#pointer);
  }

  /**
   * Takes the new suites; marks the rings of suites that changed size. Returns true when a suite
   * was added, removed or moved, so every officer must be placed again.
   */
  #setSuites(suites: ReadonlyMap<string, SuiteView>, dirty: Set<string>): boolean {
    const before = this.#suites;
    if (suites === before) return false;
    this.#suites = suites;
    let moved = suites.size !== before.size;
    for (const s of suites.values()) {
      const old = before.get(s.id);
      if (old === s) continue;
      if (!old || old.lat !== s.lat || old.lng !== s.lng) moved = true;
      else if (old.inCustody !== s.inCustody && this.#rings.has(s.id)) dirty.add(s.id);
    }
    if (moved) this.#suiteAt = new Map([...suites.values()].map((s) => [key(s.lat, s.lng), s.id]));
    return moved;
  }

  /** Shows or hides one marker and puts it at its position, or on its suite's ring. */
  #put(entry: Entry, dirty: Set<string>): void {
    const { view } = entry;
    const visible = view.status !== 'off_duty' || this.#showOffDuty;
    if (!visible) return this.#hide(entry, dirty);
    const ring = this.#suiteAt.get(key(view.lat, view.lng)) ?? null;
    if (ring !== entry.ring) {
      this.#leaveRing(entry, dirty);
      if (ring) {
        let members = this.#rings.get(ring);
        if (!members) this.#rings.set(ring, (members = new Set()));
        members.add(entry);
        dirty.add(ring);
      }
      entry.ring = ring;
    }
    if (!ring) this.#moveTo(entry, [view.lat, view.lng]);
    if (!entry.shown) {
      this.#layer.addLayer(entry.marker);
      entry.shown = true;
    }
  }

  #hide(entry: Entry, dirty: Set<string>): void {
    this.#leaveRing(entry, dirty);
    entry.ring = null;
    if (entry.shown) {
      this.#layer.removeLayer(entry.marker);
      entry.shown = false;
    }
  }

  #leaveRing(entry: Entry, dirty: Set<string>): void {
    if (!entry.ring) return;
    const members = this.#rings.get(entry.ring);
    members?.delete(entry);
    if (members?.size === 0) this.#rings.delete(entry.ring);
    dirty.add(entry.ring);
  }

  /** Spaces a suite's officers evenly around its circle, in call-sign order. */
  #layout(suiteId: string): void {
    const members = this.#rings.get(suiteId);
    const suite = this.#suites.get(suiteId);
    if (!members || !suite) return;
    const centre = this.#map.latLngToLayerPoint([suite.lat, suite.lng]);
    const r = suiteRadius(suite) + RADIUS + 1;
    const slots = Math.max(members.size, 8);
    const ordered = [...members].sort((a, b) => (a.view.id < b.view.id ? -1 : 1));
    ordered.forEach((entry, i) => {
      const angle = -Math.PI / 2 + (i * 2 * Math.PI) / slots;
      const at = this.#map.layerPointToLatLng(centre.add(point(Math.cos(angle) * r, Math.sin(angle) * r)));
      this.#moveTo(entry, [at.lat, at.lng]);
    });
  }

  /**
   * Moves a dot only when it lands on another pixel: at national zoom a position tick moves most
   * officers by far less than one, and every move costs a redraw. The exact position is taken
   * up at the next zoom.
   */
  #moveTo(entry: Entry, at: LatLngTuple): void {
    const p = this.#map.latLngToLayerPoint(at);
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === entry.x && y === entry.y) return;
    entry.x = x;
    entry.y = y;
    entry.marker.setLatLng(at);
  }

  /** How many officers are on the map, on its container: the canvas has no element per dot. */
  #count(): void {
    let drawn = 0;
    for (const entry of this.#entries.values()) if (entry.shown) drawn++;
    if (drawn === this.#drawn) return;
    this.#drawn = drawn;
    this.#map.getContainer().dataset.officersDrawn = String(drawn);
  }

  /** Shows the tooltip of the officer under the pointer (the one drawn last), or hides it. */
  #hover(at: Point | null): void {
    this.#pointer = at;
    let hit: Entry | null = null;
    if (at) {
      const reach = (RADIUS + 1) ** 2;
      for (const entry of this.#entries.values()) {
        if (entry.shown && this.#map.latLngToContainerPoint(entry.marker.getLatLng()).distanceTo(at) ** 2 <= reach) hit = entry;
      }
    }
    if (!hit) {
      if (this.#hovered) {
        this.#hovered = null;
        this.#tooltip.close();
        this.#map.getContainer().classList.remove('officer-hover');
      }
      return;
    }
    this.#tooltip.setLatLng(hit.marker.getLatLng());
    // Content is built only when a different officer, or a changed one, is pointed at.
    if (this.#hovered?.entry !== hit || this.#hovered.view !== hit.view) this.#tooltip.setContent(this.#content(hit.view));
    this.#hovered = { entry: hit, view: hit.view };
    if (!this.#tooltip.isOpen()) this.#tooltip.openOn(this.#map);
    // While an officer is pointed at, the suite or force area under it keeps quiet (map.css).
    this.#map.getContainer().classList.add('officer-hover');
  }

  #create(view: OfficerView, stale: boolean): Entry {
    const marker = circleMarker([view.lat, view.lng], {
      renderer: this.#renderer,
      pane: 'officers',
      interactive: false,
      radius: RADIUS,
      fillOpacity: 1,
      ...look(view, stale),
    });
    return { view, marker, shown: false, stale, ring: null, x: NaN, y: NaN };
  }

  #content(view: OfficerView): HTMLElement {
    const suiteName = (id: string) => this.#suites.get(id)?.name ?? id;
    const suite = view.suiteId ? suiteName(view.suiteId) : null;
    const lines = [view.id, `${OFFICER_ROLE_LABEL[view.role]} · ${OFFICER_STATUS_LABEL[view.status]}`];
    if (view.status === 'travelling' && suite) lines.push(`To ${suite}${view.etaAt ? `, ETA ${timeHM(view.etaAt)}` : ''}`);
    else if (view.status === 'at_suite' && suite) lines.push(`At ${suite}`);
    if (view.status === 'travelling' && view.move) lines.push(`${capitalised(fromLabel(view.move.origin, suiteName))}${view.move.acknowledgedAt ? '' : ' · not acknowledged'}`);
    const staleness = this.#staleness;
    if (staleness && view.status !== 'off_duty') {
      const now = staleness.clock();
      lines.push(`${positionAgeLabel(view, now)}${positionStale(view, now, staleness.staleMs) ? ' (stale)' : ''}`);
    }
    return textElement(...lines);
  }
}

/** A status's colour and shape (hollow when stale); Leaflet keeps the extra `shape` option for the dot canvas. */
function look(view: OfficerView, stale: boolean): DotOptions {
  return { ...dotStyle(view.status, stale), shape: OFFICER_SHAPE[view.status] };
}

/** Positions within ~10 m count as "at" a suite: latitude and longitude to 4 places, as one number. */
function key(lat: number, lng: number): number {
  return Math.round(lat * 1e4) * 1e7 + Math.round(lng * 1e4);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
