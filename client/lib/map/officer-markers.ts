import { point, tooltip, type Map as LeafletMap, type Point } from 'leaflet';
import { OFFICER_ROLE_LABEL, OFFICER_STATUS_LABEL } from '../../../protocol/constants.js';
import type { OfficerView, SuiteView } from '../../../protocol/index.js';
import { OFFICER_COLOUR, OFFICER_SHAPE, suiteRadius } from '../colours.js';
import { timeHM } from '../format.js';
import { fromLabel } from '../move-origin.js';
import { positionAgeLabel, positionStale } from '../position.js';
import { textElement } from './base.js';
import { drawDot, paintedCanvas, type DotOptions } from './dot-canvas.js';
import { OfficerCounts, type Counted } from './officer-counts.js';

interface Entry extends Counted {
  shown: boolean;
  /** The suite whose ring the officer stands on, if any. */
  ring: string | null;
  /** The layer pixel the officer is at (its own position, or its place on a ring); NaN: not placed. */
  x: number;
  y: number;
  /** The position it was last placed from: the store moves officers in place, so the view alone cannot tell. */
  lat: number;
  lng: number;
}

const RADIUS = 4.5;
/**
 * Below this zoom (a region or more on screen), a crowd of officers is shown as a count per
 * suite rather than dot by dot...
 */
export const COUNT_BELOW_ZOOM = 9;
/** ...when more officers than this are on the map: a few hundred dots are still legible, and cheap. */
export const COUNT_ABOVE_OFFICERS = 300;

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
 * Officers on the map, updated in place as deltas arrive. Zoomed in, each is a small dot in its
 * status's colour and shape; officers standing at a suite are drawn on a ring around its circle
 * instead of on top of it, so each stays visible and the suite underneath can still be clicked.
 * At national zoom a crowd of officers is counted per suite instead (OfficerCounts): 1,500 dots
 * there overlap into a smear, and a count says more.
 *
 * Every officer moves every second, so the dots are painted on one canvas rather than as 1,500
 * SVG elements, and each tick touches only what changed: an officer's place is worked out again
 * when its position does, and the canvas is redrawn (once per animation frame at most) only when
 * a dot it shows lands on another pixel or changes look. Officers counted in a badge change
 * nothing on screen while they move about near their suite. The canvas takes no pointer events
 * (it would hide the suites and force areas under it from the mouse), so hovering is hit-tested
 * here and one tooltip is filled in for the officer under the pointer.
 */
export class OfficerMarkers {
  readonly #map: LeafletMap;
  readonly #canvas = paintedCanvas({ pane: 'officers', paint: (ctx, min, max) => this.#paint(ctx, min, max) });
  readonly #counts: OfficerCounts;
  readonly #entries = new Map<string, Entry>();
  /** Officers standing at each suite, by suite id. */
  readonly #rings = new Map<string, Set<Entry>>();
  readonly #tooltip = tooltip({ direction: 'top', offset: [0, -4], className: 'officer-tooltip' });
  #suites: ReadonlyMap<string, SuiteView> = new Map();
  /** Suite ids by position key: which positions count as standing at a suite. */
  #suiteAt = new Map<number, string>();
  #showOffDuty = false;
  #shownCount = 0;
  /** Degrees a position may drift from where it was last placed before it is placed again (see #movedVisibly). */
  #step = 0;
  #drawn = '';
  #pointer: Point | null = null;
  #hovered: { entry: Entry; view: OfficerView } | null = null;
  /** When positions count as stale, and the time for ages in the tooltip; null: not judged (a replay). */
  #staleness: Staleness | null = null;

  constructor(map: LeafletMap) {
    this.#map = map;
    this.#canvas.addTo(map);
    this.#counts = new OfficerCounts(map, COUNT_BELOW_ZOOM);
    map.getPane('officers')!.style.pointerEvents = 'none';
    // Pixels, ring offsets and which suites share a badge all change with the zoom (and with a
    // reset view's pixel origin): place everyone again, then count again or draw again.
    this.#step = subPixelDegrees(map.getZoom());
    map.on('zoomend viewreset', () => {
      this.#step = subPixelDegrees(map.getZoom());
      this.#counts.stop();
      for (const entry of this.#entries.values()) {
        entry.x = entry.y = NaN;
        if (entry.shown && !entry.ring) this.#moveTo(entry, [entry.view.lat, entry.view.lng]);
      }
      for (const id of this.#rings.keys()) this.#layout(id);
      this.#chooseCounting();
      this.#canvas.invalidate();
      this.#count();
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
    const moved = this.#setSuites(suites, dirty);
    const all = moved || showOffDuty !== this.#showOffDuty;
    this.#showOffDuty = showOffDuty;
    // Suites added or moved change the places officers are counted at.
    if (moved) this.#counts.stop();
    for (const [id, entry] of this.#entries) {
      if (!officers.has(id)) {
        this.#hide(entry, dirty);
        this.#entries.delete(id);
      }
    }
    for (const view of officers.values()) {
      let entry = this.#entries.get(view.id);
      const stale = staleness !== null && positionStale(view, staleness.now, staleness.staleMs);
      // The store moves an officer in place and makes a new view for any other change: an officer
      // is looked at again only when its view or its position is not the one last drawn.
      const moved = entry !== undefined && this.#movedVisibly(entry, view);
      if (entry?.view === view && entry.stale === stale && !moved) continue;
      const before = entry?.view;
      if (entry) entry.view = view;
      else this.#entries.set(view.id, (entry = { view, stale, near: null, shown: false, ring: null, x: NaN, y: NaN, lat: view.lat, lng: view.lng }));
      if (before && (before.status !== view.status || entry.stale !== stale)) this.#restyled(entry);
      entry.stale = stale;
      if (!all && (!before || moved || before.status !== view.status)) this.#put(entry, dirty);
    }
    if (all) for (const entry of this.#entries.values()) this.#put(entry, dirty);
    for (const id of dirty) this.#layout(id);
    this.#chooseCounting();
    this.#counts.refresh();
    this.#count();
    this.#hover(this.#pointer);
  }

  /**
   * Whether an officer moved far enough from where it was last placed to need placing again. At
   * national zoom a pixel is a kilometre or two and a tick moves most officers by a few metres:
   * projecting each of 1,500 every second to find the same pixel is most of the layer's work.
   * The drift is measured from the last placement, so it adds up until it shows. An officer on a
   * ring is placed again on any move (it may have left its suite).
   */
  #movedVisibly(entry: Entry, view: OfficerView): boolean {
    const step = entry.ring ? 0 : this.#step;
    return Math.abs(entry.lat - view.lat) > step || Math.abs(entry.lng - view.lng) > step;
  }

  /**
   * Counts per suite when zoomed out with a crowd on the map, dots otherwise; starts or stops
   * counting when that changes (or when counting was stopped for a new zoom or new suites).
   */
  #chooseCounting(): void {
    const counting = this.#map.getZoom() < COUNT_BELOW_ZOOM && this.#shownCount > COUNT_ABOVE_OFFICERS;
    if (counting === this.#counts.active) return;
    if (counting) {
      this.#counts.start(this.#suites);
      for (const entry of this.#entries.values()) if (entry.shown) this.#counts.place(entry, entry.x, entry.y, entry.ring);
    } else this.#counts.stop();
    this.#counts.refresh();
    this.#canvas.invalidate();
  }

  /**
   * Takes the new suites; marks the rings of suites that changed size. Returns true when a suite
   * was added, removed or moved, so every officer must be placed again.
   */
  #setSuites(suites: ReadonlyMap<string, SuiteView>, dirty: Set<string>): boolean {
    const before = this.#suites;
    if (suites === before) return false;
    this.#suites = suites;
    this.#counts.setSuites(suites);
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

  /** Shows or hides one officer and puts it at its position, or on its suite's ring. */
  #put(entry: Entry, dirty: Set<string>): void {
    const { view } = entry;
    entry.lat = view.lat;
    entry.lng = view.lng;
    const visible = view.status !== 'off_duty' || this.#showOffDuty;
    if (!visible) return this.#hide(entry, dirty);
    if (!entry.shown) {
      entry.shown = true;
      this.#shownCount++;
    }
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
  }

  #hide(entry: Entry, dirty: Set<string>): void {
    this.#leaveRing(entry, dirty);
    entry.ring = null;
    if (!entry.shown) return;
    entry.shown = false;
    this.#shownCount--;
    if (entry.near) this.#counts.leave(entry);
    else this.#canvas.invalidate();
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
      this.#moveTo(entry, centre.add(point(Math.cos(angle) * r, Math.sin(angle) * r)));
    });
  }

  /**
   * Moves an officer only when it lands on another pixel: at national zoom a position tick moves
   * most officers by far less than one. The exact position is taken up at the next zoom. A dot
   * that moved needs a redraw; a counted officer may only change badge.
   */
  #moveTo(entry: Entry, at: [number, number] | Point): void {
    const p = Array.isArray(at) ? this.#map.latLngToLayerPoint(at) : at;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === entry.x && y === entry.y) return;
    const wasDot = !entry.near && !Number.isNaN(entry.x);
    entry.x = x;
    entry.y = y;
    if (this.#counts.active && this.#counts.place(entry, x, y, entry.ring)) {
      if (wasDot) this.#canvas.invalidate();
    } else this.#canvas.invalidate();
  }

  /** A status or staleness change: a dot is drawn again, a badge's tooltip says it. */
  #restyled(entry: Entry): void {
    if (entry.near) this.#counts.changed(entry);
    else if (entry.shown) this.#canvas.invalidate();
  }

  /** Every officer drawn as a dot, in the order they came (the last on top). */
  #paint(ctx: CanvasRenderingContext2D, min: Point, max: Point): number {
    const reach = RADIUS * 2 + 2;
    let drawn = 0;
    for (const entry of this.#entries.values()) {
      if (!entry.shown || entry.near || Number.isNaN(entry.x)) continue;
      if (entry.x < min.x - reach || entry.x > max.x + reach || entry.y < min.y - reach || entry.y > max.y + reach) continue;
      drawDot(ctx, entry.x, entry.y, RADIUS, look(entry.view, entry.stale));
      drawn++;
    }
    return drawn;
  }

  /**
   * How many officers are on the map (as dots or in a count) and how many as dots, on its
   * container: the canvas has no element per dot.
   */
  #count(): void {
    let dots = 0;
    for (const entry of this.#entries.values()) if (entry.shown && !entry.near) dots++;
    const drawn = `${this.#shownCount} ${dots}`;
    if (drawn === this.#drawn) return;
    this.#drawn = drawn;
    const { dataset } = this.#map.getContainer();
    dataset.officersDrawn = String(this.#shownCount);
    dataset.officerDots = String(dots);
  }

  /** Shows the tooltip of the officer dot under the pointer (the one drawn last), or hides it. */
  #hover(at: Point | null): void {
    this.#pointer = at;
    let hit: Entry | null = null;
    if (at) {
      const p = this.#map.containerPointToLayerPoint(at);
      const reach = (RADIUS + 1) ** 2;
      for (const entry of this.#entries.values()) {
        if (entry.shown && !entry.near && (entry.x - p.x) ** 2 + (entry.y - p.y) ** 2 <= reach) hit = entry;
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
    this.#tooltip.setLatLng(this.#map.layerPointToLatLng([hit.x, hit.y]));
    // Content is built only when a different officer, or a changed one, is pointed at.
    if (this.#hovered?.entry !== hit || this.#hovered.view !== hit.view) this.#tooltip.setContent(this.#content(hit.view));
    this.#hovered = { entry: hit, view: hit.view };
    if (!this.#tooltip.isOpen()) this.#tooltip.openOn(this.#map);
    // While an officer is pointed at, the suite or force area under it keeps quiet (map.css).
    this.#map.getContainer().classList.add('officer-hover');
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

/** A status's colour and shape (hollow when stale). */
function look(view: OfficerView, stale: boolean): DotOptions {
  return { ...dotStyle(view.status, stale), shape: OFFICER_SHAPE[view.status] };
}

/**
 * Half a pixel at this zoom, in degrees, in the direction that stretches most: Web Mercator draws
 * a degree of latitude as far north as Shetland about twice as long as a degree of longitude. A
 * dot is then at most a pixel from where it is (half of drift, half of rounding).
 */
function subPixelDegrees(zoom: number): number {
  return (0.5 * 360) / (256 * 2 ** zoom) / 2.1;
}

/** Positions within ~10 m count as "at" a suite: latitude and longitude to 4 places, as one number. */
function key(lat: number, lng: number): number {
  return Math.round(lat * 1e4) * 1e7 + Math.round(lng * 1e4);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
