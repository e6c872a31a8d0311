import type { OfficerView, Patch } from '../../protocol/index.js';

/**
 * Moves officers in place (decision 65): sets `lat`/`lng` on the views held, so a national
 * fleet's one-second tick makes no new map and no new views. Call signs not held (out of this
 * screen's scope, or not yet in its snapshot) are skipped. Returns whether anyone moved.
 */
export function moveInPlace(officers: ReadonlyMap<string, OfficerView>, positions: NonNullable<Patch['positions']>): boolean {
  let moved = false;
  for (const [id, lat, lng] of positions) {
    const o = officers.get(id);
    if (!o || (o.lat === lat && o.lng === lng)) continue;
    o.lat = lat;
    o.lng = lng;
    moved = true;
  }
  return moved;
}
