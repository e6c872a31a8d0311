import { divIcon, layerGroup, marker, type Map as LeafletMap, type Marker } from 'leaflet';
import type { SuiteView } from '../../../protocol/index.js';
import { suiteRadius } from '../colours.js';

/** From borough level in, names are drawn beside the circles: there are no tiles to say where we are. */
const LABEL_MIN_ZOOM = 9.5;

/** A box on the map's layer, in pixels. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** A box grown by `m` pixels on every side. */
const grown = (b: Box, m: number): Box => ({ x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m });
/** A name sits 4 px from its own circle and keeps further from any other, so it cannot be read as the other's. */
const OWN_GAP = 4;
const OTHER_GAP = 10;

/** Where a name stands: right of its circle, left of it, or not drawn (no room). */
type Side = 'right' | 'left' | 'none';

/**
 * Suite names as map labels (HTML, no images), shown only when zoomed in, and never on top of
 * one another or of another suite's circle: the busiest suites are named first, each to the
 * right of its circle or else to its left; a name with no room on either side is left out (the
 * suite list and the circle's tooltip still name it).
 */
export class SuiteLabels {
  readonly #map: LeafletMap;
  readonly #minZoom: number;
  readonly #layer = layerGroup();
  readonly #labels = new Map<string, { view: SuiteView; label: Marker; outdated?: boolean }>();

  /** `minZoom`: from which zoom names are drawn (the wall, with bigger type, shows them sooner). */
  constructor(map: LeafletMap, minZoom = LABEL_MIN_ZOOM) {
    this.#map = map;
    this.#minZoom = minZoom;
    // Pixel distances between suites change only with the zoom: panning keeps the layout.
    map.on('zoomend viewreset', () => this.#toggle());
    this.#toggle();
  }

  sync(suites: ReadonlyMap<string, SuiteView>): void {
    let changed = false;
    for (const [id, entry] of this.#labels) {
      if (!suites.has(id)) {
        this.#layer.removeLayer(entry.label);
        this.#labels.delete(id);
        changed = true;
      }
    }
    for (const view of suites.values()) {
      const entry = this.#labels.get(view.id);
      if (!entry) {
        const label = marker([view.lat, view.lng], { icon: labelIcon(view), interactive: false, keyboard: false, pane: 'suites' });
        this.#labels.set(view.id, { view, label: label.addTo(this.#layer) });
        changed = true;
      } else if (entry.view.inCustody !== view.inCustody || entry.view.open !== view.open) {
        entry.view = view;
        // The circle grew: move the name out of its way. Hidden (zoomed out), only when shown.
        if (this.#map.hasLayer(this.#layer)) entry.label.setIcon(labelIcon(view));
        else entry.outdated = true;
        changed = true;
      }
    }
    if (changed) this.#place();
  }

  #toggle(): void {
    const show = this.#map.getZoom() >= this.#minZoom;
    if (show && !this.#map.hasLayer(this.#layer)) {
      for (const entry of this.#labels.values()) {
        if (entry.outdated) entry.label.setIcon(labelIcon(entry.view));
        entry.outdated = false;
      }
      this.#layer.addTo(this.#map);
    }
    else if (!show) this.#layer.remove();
    this.#place();
  }

  /** Lays every name out again: all sizes are read first, then every side is written. */
  #place(): void {
    if (!this.#map.hasLayer(this.#layer)) return;
    const entries = [...this.#labels.values()].sort((a, b) => b.view.inCustody - a.view.inCustody || a.view.name.localeCompare(b.view.name, 'en-GB'));
    const circles = new Map(entries.map(({ view }) => [view.id, circleBox(this.#map, view)]));
    const others = (id: string) => [...circles].filter(([other]) => other !== id).map(([, c]) => grown(c, OTHER_GAP));
    const names = entries.map(({ label }) => label.getElement()?.firstElementChild as HTMLElement | null | undefined);
    const sizes = names.map((el) => (el ? { w: el.offsetWidth, h: el.offsetHeight } : null));
    const taken: Box[] = [];
    entries.forEach(({ view }, i) => {
      const [el, size, circle] = [names[i], sizes[i], circles.get(view.id)!];
      if (!el || !size) return;
      const right = { x: circle.x + circle.w + OWN_GAP, y: circle.y + circle.h / 2 - size.h / 2, ...size };
      const left = { ...right, x: circle.x - OWN_GAP - size.w };
      const avoid = [...taken.map((t) => grown(t, 2)), ...others(view.id)];
      const free = (box: Box) => !avoid.some((a) => overlaps(box, a));
      const side: Side = free(right) ? 'right' : free(left) ? 'left' : 'none';
      el.dataset.side = side;
      if (side !== 'none') taken.push(side === 'right' ? right : left);
    });
  }
}

function circleBox(map: LeafletMap, view: SuiteView): Box {
  const p = map.latLngToLayerPoint([view.lat, view.lng]);
  const r = suiteRadius(view);
  return { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
}

function labelIcon(view: SuiteView) {
  const html = document.createElement('span');
  html.textContent = view.name; // text, never HTML
  html.style.setProperty('--offset', `${suiteRadius(view) + 4}px`);
  return divIcon({ html, className: `suite-label${view.open ? '' : ' closed'}`, iconSize: [0, 0], iconAnchor: [0, 0] });
}
