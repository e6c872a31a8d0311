/**
 * Distances and road-travel estimates, shared so the dialog's "about 24 min" is the ETA the
 * server records. Straight-line distance times a road factor; the first stretch at town speed
 * (slow in London), the rest at trunk-road speed, plus time to get going.
 */

const EARTH_RADIUS_KM = 6371;
/** Roads are longer than the crow flies; 1.3–1.4 is typical for UK trips. */
export const ROAD_FACTOR = 1.35;
/** Town driving, km/h: London traffic is slow; other cities less so. */
const TOWN_SPEED_KMH: Record<string, number> = { 'Metropolitan Police': 22 };
const DEFAULT_TOWN_SPEED_KMH = 35;
/** Road kilometres driven at town speed before reaching trunk roads. */
const TOWN_KM = 12;
/** Average on motorways and A roads between cities. */
const TRUNK_SPEED_KMH = 80;
/** Getting to the car, out of the building and parked again. */
const SETUP_MS = 5 * 60_000;

export interface Point {
  lat: number;
  lng: number;
}

export function haversineKm(a: Point, b: Point): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Estimated road journey time in milliseconds for an officer of `region`. */
export function travelMs(from: Point, to: Point, region: string): number {
  const km = haversineKm(from, to) * ROAD_FACTOR;
  const townKm = Math.min(km, TOWN_KM);
  const hours = townKm / (TOWN_SPEED_KMH[region] ?? DEFAULT_TOWN_SPEED_KMH) + (km - townKm) / TRUNK_SPEED_KMH;
  return Math.round(SETUP_MS + hours * 3_600_000);
}

/** The point a fraction `t` (0–1) of the way from `a` to `b`; short trips, so linear is fine. */
export function interpolate(a: Point, b: Point, t: number): Point {
  const k = Math.max(0, Math.min(1, t));
  return { lat: a.lat + (b.lat - a.lat) * k, lng: a.lng + (b.lng - a.lng) * k };
}
