import { divIcon, layerGroup, marker, type Map as LeafletMap, type Marker } from 'leaflet';
import type { SuiteView } from '../../../protocol/index.js';
import { suiteRadius } from '../colours.js';

/** From borough level in, names are drawn beside the circles: there are no tiles to say where we are. */
const LABEL_MIN_ZOOM = 9.5;

/** Suite names as map labels (HTML divs, no images), shown only when zoomed in. */
export class SuiteLabels {
  readonly #map: LeafletMap;
  readonly #minZoom: number;
  readonly #layer = layerGroup();
  readonly #labels = new Map<string, { view: SuiteView; label: Marker }>();

  /** `minZoom`: from which zoom names are drawn (the wall, with bigger type, shows them sooner). */
  constructor(map: LeafletMap, minZoom = LABEL_MIN_ZOOM) {
    this.#map = map;
    this.#minZoom = minZoom;
    map.on('zoomend', () => this.#toggle());
    this.#toggle();
  }

  sync(suites: ReadonlyMap<string, SuiteView>): void {
    for (const [id, entry] of this.#labels) {
      if (!suites.has(id)) {
        this.#layer.removeLayer(entry.label);
        this.#labels.delete(id);
      }
    }
    for (const view of suites.values()) {
      const entry = this.#labels.get(view.id);
      if (!entry) {
        const label = marker([view.lat, view.lng], { icon: labelIcon(view), interactive: false, keyboard: false, pane: 'suites' });
        this.#labels.set(view.id, { view, label: label.addTo(this.#layer) });
      } else if (entry.view.inCustody !== view.inCustody || entry.view.open !== view.open) {
        entry.view = view;
        entry.label.setIcon(labelIcon(view)); // the circle grew: move the name out of its way
      }
    }
  }

  #toggle(): void {
    const show = this.#map.getZoom() >= this.#minZoom;
    if (show && !this.#map.hasLayer(this.#layer)) this.#layer.addTo(this.#map);
    else if (!show) this.#layer.remove();
  }
}

function labelIcon(view: SuiteView) {
  const html = document.createElement('span');
  html.textContent = view.name; // text, never HTML
  html.style.setProperty('--offset', `${suiteRadius(view) + 4}px`);
  return divIcon({ html, className: `suite-label${view.open ? '' : ' closed'}`, iconSize: [0, 0], iconAnchor: [0, 0] });
}
