import { circleMarker, layerGroup, type CircleMarker, type Map as LeafletMap, type PathOptions } from 'leaflet';
import type { SuiteView } from '../../../protocol/index.js';
import { CLOSED_COLOUR, suiteColour, suiteRadius } from '../colours.js';
import { count, percent } from '../format.js';
import type { ColourBy } from '../ui.svelte.js';
import { outOfTabOrder, textElement } from './base.js';
import { arrange } from './fewest-moves.js';

interface Entry {
  view: SuiteView;
  marker: CircleMarker;
  /** The look last written to the circle (see #restyle). */
  look: string;
}

/**
 * One circle per custody suite, kept across updates: a delta restyles the markers whose suite
 * object changed (the live store replaces entities, so identity tells us) and leaves the rest.
 */
export class SuiteMarkers {
  readonly #layer = layerGroup();
  readonly #entries = new Map<string, Entry>();
  readonly #onSelect: (id: string) => void;
  #selected: string | null = null;
  #colourBy: ColourBy = 'demand';

  constructor(map: LeafletMap, onSelect: (id: string) => void) {
    this.#onSelect = onSelect;
    this.#layer.addTo(map);
  }

  sync(suites: ReadonlyMap<string, SuiteView>): void {
    for (const [id, entry] of this.#entries) {
      if (!suites.has(id)) {
        this.#layer.removeLayer(entry.marker);
        this.#entries.delete(id);
      }
    }
    let resized = false;
    for (const view of suites.values()) {
      const entry = this.#entries.get(view.id);
      if (!entry) {
        this.#entries.set(view.id, { view, marker: this.#create(view), look: lookOf(this.#style(view)) });
        resized = true;
      } else if (entry.view !== view) {
        const before = entry.view;
        entry.view = view;
        if (before.lat !== view.lat || before.lng !== view.lng) entry.marker.setLatLng([view.lat, view.lng]);
        if (before.inCustody !== view.inCustody) {
          entry.marker.setRadius(suiteRadius(view));
          resized = true;
        }
        this.#restyle(entry);
        // The tooltip's content is made from entry.view when shown: refresh it only if it is.
        if (entry.marker.isTooltipOpen()) entry.marker.getTooltip()?.update();
      }
    }
    if (resized) this.#stack();
  }

  /**
   * Small circles above big ones: where suites overlap (Liverpool, central London at national
   * zoom) each keeps a clickable part. The selected suite goes on top of all. SVG has no z-index,
   * so the order is the elements' order; only those out of it are moved (see `arrange`).
   */
  #stack(): void {
    const bySize = [...this.#entries.values()].filter((entry) => entry.view.id !== this.#selected).sort((a, b) => b.view.inCustody - a.view.inCustody);
    const selected = this.#selected ? this.#entries.get(this.#selected) : undefined;
    if (selected) bySize.push(selected);
    arrange(bySize.flatMap((entry) => entry.marker.getElement() ?? []));
  }

  /** Outlines the selected suite and brings it to the front. */
  select(id: string | null): void {
    const previous = this.#selected;
    this.#selected = id;
    for (const key of [previous, id]) {
      const entry = key ? this.#entries.get(key) : undefined;
      if (entry) this.#restyle(entry);
    }
    this.#stack();
  }

  /** Recolours every circle: by checks waiting now, or by today's coverage. */
  colourBy(by: ColourBy): void {
    if (by === this.#colourBy) return;
    this.#colourBy = by;
    for (const entry of this.#entries.values()) this.#restyle(entry);
  }

  /** Where a suite is, so the map can pan to one chosen from the list. */
  position(id: string): [number, number] | null {
    const view = this.#entries.get(id)?.view;
    return view ? [view.lat, view.lng] : null;
  }

  /**
   * Writes a suite's look to its circle only if it changed: most changes of a suite are figures
   * that leave its colour as it was, and Leaflet writes all nine attributes whatever they were.
   */
  #restyle(entry: Entry): void {
    const style = this.#style(entry.view);
    const look = lookOf(style);
    if (look === entry.look) return;
    entry.look = look;
    entry.marker.setStyle(style);
  }

  #create(view: SuiteView): CircleMarker {
    const marker = circleMarker([view.lat, view.lng], {
      pane: 'suites',
      className: 'suite-marker',
      radius: suiteRadius(view),
      ...this.#style(view),
    });
    // Made when shown, from the suite as it is then, not rebuilt on every change of its figures.
    marker.bindTooltip(() => tooltip(this.#entries.get(view.id)?.view ?? view), { direction: 'top', offset: [0, -6] });
    marker.on('click', () => this.#onSelect(view.id));
    // Leaflet makes a new <path> each time the marker is added, so tag it on every add. No
    // label: a bare SVG path may not carry one, and the suite list beside the map is its text
    // version, one button a suite (Map.svelte says so and leads there).
    marker.on('add', () => {
      const el = marker.getElement();
      el?.setAttribute('data-suite-id', view.id);
      if (el) outOfTabOrder(el);
    });
    marker.addTo(this.#layer);
    return marker;
  }

  #style(view: SuiteView): PathOptions {
    const selected = view.id === this.#selected;
    if (!view.open) {
      // Hollow, but still filled (nearly transparent) so the whole circle takes clicks.
      return { color: selected ? '#1d2329' : CLOSED_COLOUR, weight: selected ? 3 : 1.5, dashArray: '3 2', fillColor: '#ffffff', fillOpacity: 0.5 };
    }
    const fill = suiteColour(view, this.#colourBy);
    return { color: selected ? '#1d2329' : '#ffffff', weight: selected ? 3 : 1.2, dashArray: '', fillColor: fill, fillOpacity: 0.9 };
  }
}

/** The parts of a circle's style that #style varies, as one string to compare. */
const lookOf = (style: PathOptions) => `${style.color} ${style.weight} ${style.dashArray} ${style.fillColor} ${style.fillOpacity}`;

function tooltip(view: SuiteView): HTMLElement {
  const status = view.open
    ? `${count(view.inCustody)} in custody, ${count(view.pendingChecks)} waiting for a check`
    : `Closed${view.inCustody > 0 ? `, ${count(view.inCustody)} still in custody` : ''}`;
  const { arrivals, checked, coveragePct } = view.today;
  const coverage = arrivals > 0 ? `Coverage today ${percent(coveragePct)} (${count(checked)} of ${count(arrivals)} checked)` : 'No FN arrivals today';
  return textElement(view.name, status, coverage);
}
