/**
 * Builds client/public/geo/uk-outline.geojson: the land the map draws under the police force areas,
 * so the dashboard needs no tile server (it must work on a closed network).
 *
 * Source: Natural Earth 1:10m admin-0 countries (public domain) via npm world-atlas (ISC).
 * The UK, Ireland and the Crown Dependencies are kept whole; nearby continental coast is clipped
 * to a box around the British Isles, only so the sea east of Kent does not look empty.
 *
 * Run: npx tsx scripts/make-outline.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(root, 'node_modules/world-atlas/countries-10m.json');
const target = resolve(root, 'client/public/geo/uk-outline.geojson');

/** ISO 3166 numeric ids as world-atlas spells them. */
const HOME = new Map([
  ['826', 'United Kingdom'],
  ['372', 'Ireland'],
  ['833', 'Isle of Man'],
  ['831', 'Guernsey'],
  ['832', 'Jersey'],
]);
const CONTEXT = new Map([
  ['250', 'France'],
  ['056', 'Belgium'],
  ['528', 'Netherlands'],
  ['276', 'Germany'],
  ['208', 'Denmark'],
  ['578', 'Norway'],
]);
/** [west, south, east, north]: wider than Great Britain so wide screens still show coast. */
const CLIP: [number, number, number, number] = [-14, 47, 12, 62];

const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries);

/**
 * Rounds to `decimals` and drops the repeated points rounding creates: 3 decimals (about 100 m)
 * for the British Isles, 2 (about 1 km) for continental context, which is never looked at closely.
 */
function tidyRing(ring: Position[], decimals: number): Position[] | null {
  const k = 10 ** decimals;
  const round = (n: number) => Math.round(n * k) / k;
  const out: Position[] = [];
  for (const p of ring) {
    const q: Position = [round(p[0] ?? 0), round(p[1] ?? 0)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0] ?? 0, first[1] ?? 0]);
  return out.length >= 4 ? out : null;
}

/** Sutherland–Hodgman clip of one ring against the CLIP box (fine for a filled backdrop). */
function clipRing(ring: Position[]): Position[] {
  const [w, s, e, n] = CLIP;
  const edges: Array<{ inside: (p: Position) => boolean; cut: (a: Position, b: Position) => Position }> = [
    { inside: (p) => (p[0] ?? 0) >= w, cut: (a, b) => atX(a, b, w) },
    { inside: (p) => (p[0] ?? 0) <= e, cut: (a, b) => atX(a, b, e) },
    { inside: (p) => (p[1] ?? 0) >= s, cut: (a, b) => atY(a, b, s) },
    { inside: (p) => (p[1] ?? 0) <= n, cut: (a, b) => atY(a, b, n) },
  ];
  let points = ring.slice(0, -1);
  for (const edge of edges) {
    const input = points;
    points = [];
    input.forEach((cur, i) => {
      const prev = input[(i + input.length - 1) % input.length] ?? cur;
      if (edge.inside(cur)) {
        if (!edge.inside(prev)) points.push(edge.cut(prev, cur));
        points.push(cur);
      } else if (edge.inside(prev)) points.push(edge.cut(prev, cur));
    });
    if (points.length === 0) return [];
  }
  const first = points[0];
  return first ? [...points, first] : [];
}

function atX(a: Position, b: Position, x: number): Position {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  return [x, ay + ((by - ay) * (x - ax)) / (bx - ax)];
}
function atY(a: Position, b: Position, y: number): Position {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  return [ax + ((bx - ax) * (y - ay)) / (by - ay), y];
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

const features: Feature<MultiPolygon, { name: string; context: boolean }>[] = [];
for (const country of countries.features) {
  const id = String(country.id);
  const name = HOME.get(id) ?? CONTEXT.get(id);
  const geometry = country.geometry;
  if (!name || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
  const context = CONTEXT.has(id);
  const polygons = polygonsOf(geometry)
    .map((rings) => rings.map((r) => (context ? tidyRing(clipRing(r), 2) : tidyRing(r, 3))).filter((r): r is Position[] => r !== null))
    .filter((rings) => rings.length > 0);
  if (polygons.length === 0) continue;
  features.push({ type: 'Feature', properties: { name, context }, geometry: { type: 'MultiPolygon', coordinates: polygons } });
}

const out: FeatureCollection = { type: 'FeatureCollection', features };
const text = JSON.stringify(out);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, text + '\n');
console.log(`wrote ${target}: ${features.map((f) => f.properties.name).join(', ')}; ${(text.length / 1024).toFixed(0)} KB`);
