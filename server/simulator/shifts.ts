import type { OfficerRole } from '../../protocol/index.js';
import { EARLY, EMBEDDED_NIGHT_SHARE, ICE_DAY, ICE_LATE, ICE_LATE_SHARE, LATE, NIGHT, type Shift } from './demand-model.js';

const HOUR = 3_600_000;

/**
 * Who works which shift, by quota within each force and role rather than by chance, so a small
 * force is never left with everyone on nights. Embedded IOs alternate early/late in call-sign
 * order (two IOs at one suite then cover the day); the last ~15% work nights.
 */
export function shiftRota(officers: Iterable<{ id: string; role: OfficerRole; region: string }>): Map<string, Shift> {
  const groups = new Map<string, string[]>();
  for (const o of officers) {
    const key = `${o.region}|${o.role}`;
    groups.set(key, [...(groups.get(key) ?? []), o.id]);
  }
  const rota = new Map<string, Shift>();
  for (const [key, ids] of groups) {
    ids.sort();
    const embedded = key.endsWith('|embedded_io');
    const evening = Math.round(ids.length * (embedded ? EMBEDDED_NIGHT_SHARE : ICE_LATE_SHARE));
    ids.forEach((id, i) => {
      const last = i >= ids.length - evening;
      rota.set(id, embedded ? (last ? NIGHT : i % 2 === 0 ? EARLY : LATE) : last ? ICE_LATE : ICE_DAY);
    });
  }
  return rota;
}

/** Whether a London hour (0–23) is inside the shift. */
export function onShift(shift: Shift, hour: number): boolean {
  return shift.start < shift.end ? hour >= shift.start && hour < shift.end : hour >= shift.start || hour < shift.end;
}

/**
 * Time left in the shift, from the London hour and how far into it we are; used so an officer
 * does not start a check they cannot finish. Off shift, 0.
 */
export function msLeftInShift(shift: Shift, hour: number, msIntoHour: number): number {
  if (!onShift(shift, hour)) return 0;
  const hoursLeft = (shift.end - hour + 24) % 24 || 24;
  return hoursLeft * HOUR - msIntoHour;
}
