import { circleMarker, layerGroup, point, type CircleMarker, type LatLngTuple, type Map as LeafletMap } from 'leaflet';
import { OFFICER_ROLE_LABEL, OFFICER_STATUS_LABEL } from '../../../protocol/constants.js';
import type { OfficerView, SuiteView } from '../../../protocol/index.js';
import { OFFICER_COLOUR, suiteRadius } from '../colours.js';
import { timeHM } from '../format.js';
import { textElement } from './base.js';

interface Entry {
  view: OfficerView;
  marker: CircleMarker;
  shown: boolean;
}

const RADIUS = 4.5;

/**
 * Small dots for officers, updated in place as deltas arrive. Officers standing at a suite are
 * drawn on a ring around its circle instead of on top of it, so each stays visible and the suite
 * underneath can still be clicked.
 */
export class OfficerMarkers {
  readonly #map: LeafletMap;
  readonly #layer = layerGroup();
  readonly #entries = new Map<string, Entry>();
  #suites: ReadonlyMap<string, SuiteView> = new Map();
  #showOffDuty = false;

  constructor(map: LeafletMap) {
    this.#map = map;
    this.#layer.addTo(map);
    // Ring offsets are in pixels, so they change with the zoom.
    map.on('zoomend', () => this.#place());
  }

  sync(officers: ReadonlyMap<string, OfficerView>, suites: ReadonlyMap<string, SuiteView>, showOffDuty: boolean): void {
    this.#suites = suites;
    this.#showOffDuty = showOffDuty;
    for (const [id, entry] of this.#entries) {
      if (!officers.has(id)) {
        this.#layer.removeLayer(entry.marker);
        this.#entries.delete(id);
      }
    }
    for (const view of officers.values()) {
      const entry = this.#entries.get(view.id);
      if (!entry) this.#entries.set(view.id, { view, marker: this.#create(view), shown: false });
      else if (entry.view !== view) {
        entry.view = view;
        entry.marker.setStyle({ fillColor: OFFICER_COLOUR[view.status] });
        entry.marker.setTooltipContent(this.#tooltip(view));
      }
    }
    this.#place();
  }

  /** Shows or hides each marker and puts it at its position (or on its suite's ring). */
  #place(): void {
    const rings = new Map<string, Entry[]>();
    const atSuite = new Map<string, SuiteView>();
    for (const s of this.#suites.values()) atSuite.set(key(s.lat, s.lng), s);
    for (const entry of this.#entries.values()) {
      const visible = entry.view.status !== 'off_duty' || this.#showOffDuty;
      if (visible !== entry.shown) {
        if (visible) this.#layer.addLayer(entry.marker);
        else this.#layer.removeLayer(entry.marker);
        entry.shown = visible;
      }
      if (!visible) continue;
      const k = key(entry.view.lat, entry.view.lng);
      if (atSuite.has(k)) rings.set(k, [...(rings.get(k) ?? []), entry]);
      else moveTo(entry.marker, [entry.view.lat, entry.view.lng]);
    }
    for (const [k, entries] of rings) {
      const suite = atSuite.get(k);
      if (!suite) continue;
      const centre = this.#map.latLngToLayerPoint([suite.lat, suite.lng]);
      const r = suiteRadius(suite) + RADIUS + 1;
      const slots = Math.max(entries.length, 8);
      entries.sort((a, b) => a.view.id.localeCompare(b.view.id));
      entries.forEach((entry, i) => {
        const angle = -Math.PI / 2 + (i * 2 * Math.PI) / slots;
        const at = this.#map.layerPointToLatLng(centre.add(point(Math.cos(angle) * r, Math.sin(angle) * r)));
        moveTo(entry.marker, [at.lat, at.lng]);
      });
    }
  }

  #create(view: OfficerView): CircleMarker {
    const marker = circleMarker([view.lat, view.lng], {
      pane: 'officers',
      className: 'officer-marker',
      radius: RADIUS,
      color: '#ffffff',
      weight: 1.2,
      fillColor: OFFICER_COLOUR[view.status],
      fillOpacity: 1,
    });
    marker.bindTooltip(this.#tooltip(view), { direction: 'top', offset: [0, -4] });
    marker.on('add', () => marker.getElement()?.setAttribute('data-officer-id', view.id));
    return marker;
  }

  #tooltip(view: OfficerView): HTMLElement {
    const suite = view.suiteId ? this.#suites.get(view.suiteId)?.name ?? view.suiteId : null;
    const lines = [view.id, `${OFFICER_ROLE_LABEL[view.role]} · ${OFFICER_STATUS_LABEL[view.status]}`];
    if (view.status === 'travelling' && suite) lines.push(`To ${suite}${view.etaAt ? `, ETA ${timeHM(view.etaAt)}` : ''}`);
    else if (view.status === 'at_suite' && suite) lines.push(`At ${suite}`);
    return textElement(...lines);
  }
}

/** Positions within ~10 m count as "at" a suite. */
function key(lat: number, lng: number): string {
  return `${lat.toFixed(4)},${lng.toFixed(4)}`;
}

function moveTo(marker: CircleMarker, at: LatLngTuple): void {
  const now = marker.getLatLng();
  if (now.lat !== at[0] || now.lng !== at[1]) marker.setLatLng(at);
}
