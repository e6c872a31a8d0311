import { londonDay } from '../../protocol/index.js';
import { hash32, type Rng } from './random.js';

/** Two-letter force prefixes for custody references, as custody systems print them. */
const FORCE_PREFIX: Readonly<Record<string, string>> = {
  'Metropolitan Police': 'MP',
  'West Midlands Police': 'WM',
  'Greater Manchester Police': 'GM',
  'West Yorkshire Police': 'WY',
  'Merseyside Police': 'MY',
  'Kent Police': 'KT',
  'Police Scotland': 'PS',
  'South Wales Police': 'SW',
  'Gwent Police': 'GW',
  'Cheshire Constabulary': 'CH',
  'Cleveland Police': 'CL',
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function forcePrefix(region: string): string {
  const known = FORCE_PREFIX[region];
  if (known) return known;
  const initials = region
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase())
    .join('');
  return initials.slice(0, 3) || 'XX';
}

/**
 * A custody reference such as `MP3/HN2K4QZ/26`: force, suite number, the booking minute in base
 * 36 plus two random characters, and the year. The minute makes references from different times
 * differ, so a restarted simulator cannot reissue an old one; the random pair separates two
 * bookings at one suite in the same minute (the caller still checks the open cases).
 */
export function custodyRef(region: string, suiteNumber: number, at: number, rng: Rng): string {
  const minute = Math.floor(at / 60_000).toString(36).toUpperCase();
  const pair = rng.pick([...ALPHABET]) + rng.pick([...ALPHABET]);
  const year = londonDay(at).slice(2, 4);
  return `${forcePrefix(region)}${suiteNumber}/${minute}${pair}/${year}`;
}

/**
 * The ingest id of a fact: seed, time and a hash of its content. The same fact replayed after a
 * restart gets the same id (and the engine acknowledges it as a duplicate); a different fact at
 * the same moment gets a different one.
 */
export function ingestId(seed: number, at: number, type: string, data: unknown): string {
  return `sim-${seed}-${at}-${hash32(`${type}|${JSON.stringify(data)}`).toString(36)}`;
}
