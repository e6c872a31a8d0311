import { Browser, geoJSON, latLngBounds, map as leafletMap, tileLayer, type LatLngBounds, type Map as LeafletMap, type Path, type PathOptions } from 'leaflet';
import type { FeatureCollection } from 'geojson';
import type { ClientConfig } from '../../../protocol/index.js';

export const ONS_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2016';
export const NATURAL_EARTH_ATTRIBUTION = 'Natural Earth (world-atlas)';

/** Great Britain, roughly: what a national duty manager wants to see first. */
export const GB_BOUNDS: [[number, number], [number, number]] = [
  [50, -6.5],
  [58.7, 2],
];
/** Beyond this nothing is drawn, so there is nothing to pan to. */
const MAX_BOUNDS: [[number, number], [number, number]] = [
  [46, -16],
  [63, 14],
];

/** Layer order, bottom to top (Leaflet's own tile pane is 200, overlays 400, tooltips 650). */
const PANES = { land: 250, forces: 300, suites: 450, officers: 460 } as const;
export type PaneName = keyof typeof PANES;

/**
 * Leaflet places its panes, layers, markers and tooltips with 3D transforms, and Chromium gives
 * each 3D-transformed element a compositor layer of its own, and then everything drawn over one
 * (count badges, the legend, the controls) more layers to stay on top: two dozen layers on the
 * national map and one per suite name zoomed in, which every frame pays for (measure 6). Leaflet
 * writes 2D transforms for the browsers it flags `ie3d`; it is asked to for all, and map.css
 * keeps a layer only for the officers' canvas and for what moves while the map moves. The zoom
 * animation is unchanged (a transition of the transform).
 */
Object.assign(Browser, { ie3d: true });

/**
 * A map with no tile server: a sea-coloured background and vector layers from our own origin,
 * so on a closed network no request leaves the machine. Tiles are added only if configured.
 */
export function createBaseMap(el: HTMLElement): LeafletMap {
  const map = leafletMap(el, {
    zoomSnap: 0.25,
    minZoom: 5,
    // Without tiles there is nothing to see closer than a borough; tiles raise this.
    maxZoom: 12,
    maxBounds: MAX_BOUNDS,
    maxBoundsViscosity: 0.8,
    // Suites and force areas stay SVG: few, clickable, and each an element tests and screen
    // readers can find. Officers, 1,500 dots moving every second, use their own canvas.
    preferCanvas: false,
  });
  map.attributionControl.setPrefix('Leaflet');
  for (const [name, z] of Object.entries(PANES)) map.createPane(name).style.zIndex = String(z);
  map.fitBounds(GB_BOUNDS);
  return map;
}

/** Light for desks; dark for the JOC wall display (high contrast in a lit room, from across it). */
export type MapTheme = 'light' | 'dark';

const STYLES: Record<MapTheme, { land: PathOptions; context: PathOptions; forces: PathOptions }> = {
  light: {
    land: { stroke: true, color: '#b9b4a6', weight: 0.6, fillColor: '#f3f1ea', fillOpacity: 1 },
    context: { stroke: true, color: '#b9b4a6', weight: 0.6, fillColor: '#e6e3da', fillOpacity: 1 },
    forces: { color: '#7d8b99', weight: 0.8, opacity: 0.9, fillColor: '#dbe4ee', fillOpacity: 0.18 },
  },
  dark: {
    land: { stroke: true, color: '#4a5d70', weight: 0.8, fillColor: '#1e2b38', fillOpacity: 1 },
    context: { stroke: true, color: '#3a4a5a', weight: 0.6, fillColor: '#17212b', fillOpacity: 1 },
    forces: { color: '#5d7389', weight: 1, opacity: 0.9, fillColor: '#2a3a4a', fillOpacity: 0.15 },
  },
};

/** Adds the optional tiles, the land outline and the police force areas; failures leave the sea. */
export async function addBaseLayers(map: LeafletMap, config: Promise<ClientConfig>, theme: MapTheme = 'light'): Promise<void> {
  const { land: LAND, context: CONTEXT_LAND, forces: FORCES } = STYLES[theme];
  const [cfg, land, forces] = await Promise.all([config, fetchGeo('/geo/uk-outline.geojson'), fetchGeo('/geo/police-force-areas.geojson')]);
  const tiles = cfg.tileUrl !== null;
  if (cfg.tileUrl) {
    tileLayer(cfg.tileUrl, { attribution: cfg.tileAttribution ?? '', maxZoom: 18 }).addTo(map);
    map.setMaxZoom(18);
  }
  if (land) {
    geoJSON(land, {
      pane: 'land',
      interactive: false,
      attribution: NATURAL_EARTH_ATTRIBUTION,
      // Over tiles the outline is only a coastline; without them it is the land itself.
      style: (f) => ({ ...(f?.properties?.context ? CONTEXT_LAND : LAND), fillOpacity: tiles ? 0 : 1 }),
    }).addTo(map);
  }
  if (forces) {
    geoJSON(forces, {
      pane: 'forces',
      attribution: ONS_ATTRIBUTION,
      style: () => FORCES,
      onEachFeature: (feature, layer) => {
        const name: unknown = feature.properties?.PFA16NM;
        if (typeof name === 'string') layer.bindTooltip(textElement(name), { sticky: true, className: 'force-tooltip' });
        layer.on('add', () => {
          const el = (layer as Path).getElement();
          if (el) outOfTabOrder(el);
        });
      },
    }).addTo(map);
  }
}

async function fetchGeo(url: string): Promise<FeatureCollection | null> {
  try {
    const res = await fetch(url);
    return res.ok ? ((await res.json()) as FeatureCollection) : null;
  } catch {
    return null;
  }
}

/**
 * Chromium makes any SVG shape with a focus listener a tab stop, and Leaflet gives every shape
 * with a tooltip one: 46 force areas and 72 suites, unnamed, between the map and its controls.
 * They stay clickable; the keyboard goes by the suite list instead (the map's text version).
 */
export function outOfTabOrder(el: Element): void {
  el.setAttribute('tabindex', '-1');
}

/** Tooltip content as a DOM node: Leaflet would treat a string as HTML. */
export function textElement(...lines: string[]): HTMLElement {
  const el = document.createElement('div');
  lines.forEach((line, i) => {
    const row = document.createElement(i === 0 ? 'strong' : 'div');
    row.textContent = line;
    el.append(row);
  });
  return el;
}

/**
 * Where a map should start: the whole of Great Britain, or for someone limited to some regions
 * (a police liaison, a regional wall), the suites they were sent, with a margin.
 */
export function homeBounds(regional: boolean, suites: Iterable<{ lat: number; lng: number }>): LatLngBounds | typeof GB_BOUNDS {
  const points = [...suites].map((s): [number, number] => [s.lat, s.lng]);
  return regional && points.length > 0 ? latLngBounds(points).pad(0.25) : GB_BOUNDS;
}
