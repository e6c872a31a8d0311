import { ArrestBooked, type IngestBatch, type IngestItem, type OfficerPosition } from '../../protocol/index.js';
import { buildReference } from '../../db/reference/index.js';
import type { OfficerRef, Reference, SuiteRef } from '../../server/domain/index.js';

/** A small deterministic PRNG (mulberry32): the same run feeds the same facts. */
export class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** The shipped reference data: 72 suites in 11 forces, ~120 officers. */
export const realReference = (): Reference => buildReference().reference;

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/**
 * A national-scale world with the same types: the real suites plus synthetic ones spread over
 * Great Britain, and a roster of `officers` call signs (half embedded IOs, half ICE officers).
 */
export function nationalReference(suiteCount = 250, officerCount = 1500): Reference {
  const real = realReference();
  const rng = new Rng(250);
  const regions = [...new Set(real.suites.map((s) => s.region))];
  const suites: SuiteRef[] = real.suites.map((s) => ({ ...s, openAtStart: true }));
  for (let i = suites.length; i < suiteCount; i++) {
    suites.push({
      id: `syn-${String(i).padStart(4, '0')}`,
      region: rng.pick(regions),
      name: `Synthetic suite ${i}`,
      note: null,
      lat: round5(50.6 + rng.next() * 6.8),
      lng: round5(-4.8 + rng.next() * 6.2),
      cells: 10 + rng.int(50),
      openAtStart: true,
    });
  }
  const officers: OfficerRef[] = [];
  for (let i = 0; i < officerCount; i++) {
    const home = suites[i % suites.length]!;
    const embedded = i % 2 === 0;
    officers.push({
      id: `NAT-${embedded ? 'IO' : 'ICE'}-${String(i + 1).padStart(4, '0')}`,
      role: embedded ? 'embedded_io' : 'ice_officer',
      region: home.region,
      homeSuiteId: embedded ? home.id : null,
      baseLat: home.lat,
      baseLng: home.lng,
    });
  }
  return { suites, officers };
}

/**
 * Arrests carry an offence category in newer protocol versions (a required enum) and not in older
 * ones (where a strict schema refuses unknown keys): read which from the schema itself, so the
 * bench feeds valid arrests to either.
 */
const OFFENCES: readonly string[] | null =
  ((ArrestBooked.shape as Record<string, unknown>)['offenceCategory'] as { options?: readonly string[] } | undefined)?.options ?? null;

const NATIONALITIES = ['RO', 'PL', 'AL', 'IN', 'PK', 'NG', 'LT', 'IE', 'VN', 'XX', 'BG', 'ER', 'IQ', 'SO', 'BR'];
const OUTCOMES = ['no_trace', 'lawfully_present', 'immigration_offender', 'subject_to_removal', 'deportation_conduct'] as const;
const DISPOSALS = ['charged', 'bailed', 'released'] as const;

const clampLat = (x: number) => Math.min(60.9, Math.max(49.1, x));
const clampLng = (x: number) => Math.min(2.9, Math.max(-8.9, x));

/**
 * A stream of valid facts as the custody, rostering and location feeds send them: arrests,
 * checks and releases against the cases it has opened, roster changes, arrivals and small
 * position batches. It tracks open cases itself, so every fact it makes fits the state.
 */
export class FactStream {
  readonly #ref: Reference;
  readonly #rng: Rng;
  readonly #prefix: string;
  #id = 0;
  #caseNo = 0;
  readonly #unchecked: string[] = [];
  readonly #checked: string[] = [];
  readonly #pos = new Map<string, { lat: number; lng: number }>();
  /** Closed suites take no arrivals. */
  readonly #open: readonly SuiteRef[];

  constructor(reference: Reference, seed = 1, prefix = 'B') {
    this.#ref = reference;
    this.#open = reference.suites.filter((s) => s.openAtStart);
    this.#rng = new Rng(seed);
    this.#prefix = prefix;
    for (const o of reference.officers) this.#pos.set(o.id, { lat: o.baseLat, lng: o.baseLng });
  }

  get openCases(): number {
    return this.#unchecked.length + this.#checked.length;
  }

  #item(type: IngestItem['type'], data: unknown): IngestItem {
    return { id: `${this.#prefix}${++this.#id}`, type, at: new Date().toISOString(), data } as IngestItem;
  }

  arrest(): IngestItem {
    const suite = this.#rng.pick(this.#open);
    const custodyRef = `${this.#prefix}${String(++this.#caseNo).padStart(7, '0')}/26`;
    this.#unchecked.push(custodyRef);
    return this.#item('arrest.booked', {
      custodyRef,
      suiteId: suite.id,
      nationality: this.#rng.pick(NATIONALITIES),
      iabsMatch: this.#rng.next() < 0.3,
      relevantTime: Date.now() - this.#rng.int(3_600_000),
      ...(OFFENCES ? { offenceCategory: this.#rng.pick(OFFENCES) } : {}),
    });
  }

  check(): IngestItem {
    const custodyRef = this.#take(this.#unchecked);
    if (!custodyRef) return this.arrest();
    this.#checked.push(custodyRef);
    const remote = this.#rng.next() < 0.4;
    return this.#item('check.completed', {
      custodyRef,
      officerId: remote ? null : this.#rng.pick(this.#ref.officers).id,
      mode: remote ? 'remote' : 'face_to_face',
      outcome: this.#rng.pick(OUTCOMES),
    });
  }

  release(): IngestItem {
    const custodyRef = this.#take(this.#checked) ?? this.#take(this.#unchecked);
    if (!custodyRef) return this.arrest();
    return this.#item('detainee.released', { custodyRef, disposal: this.#rng.pick(DISPOSALS) });
  }

  rostered(status: 'available' | 'off_duty' = 'available', officerId = this.#rng.pick(this.#ref.officers).id): IngestItem {
    return this.#item('officer.rostered', { officerId, status });
  }

  arrived(): IngestItem {
    return this.#item('officer.arrived', { officerId: this.#rng.pick(this.#ref.officers).id, suiteId: this.#rng.pick(this.#ref.suites).id });
  }

  /** Every officer (or `count` of them) moves a little: one GPS feed tick. */
  moved(count = this.#ref.officers.length): IngestItem {
    const officers = count >= this.#ref.officers.length ? this.#ref.officers : Array.from({ length: count }, () => this.#rng.pick(this.#ref.officers));
    const seen = new Set<string>();
    const positions: OfficerPosition[] = [];
    for (const o of officers) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      const p = this.#pos.get(o.id)!;
      const next = { lat: clampLat(round5(p.lat + (this.#rng.next() - 0.5) * 0.002)), lng: clampLng(round5(p.lng + (this.#rng.next() - 0.5) * 0.003)) };
      this.#pos.set(o.id, next);
      positions.push({ officerId: o.id, ...next });
    }
    return this.#item('officers.moved', { positions });
  }

  /** A realistic mix: demand facts most of the time, with roster, arrivals and a few positions. */
  mixed(n: number): IngestItem[] {
    const items: IngestItem[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.#rng.next();
      if (r < 0.32) items.push(this.arrest());
      else if (r < 0.57) items.push(this.check());
      else if (r < 0.8) items.push(this.release());
      else if (r < 0.85) items.push(this.rostered());
      else if (r < 0.9) items.push(this.arrived());
      else items.push(this.moved(12));
    }
    return items;
  }

  /** Puts the whole roster on duty, in batches the ingest limit allows. */
  onDutyBatches(source = 'bench-roster'): IngestBatch[] {
    const batches: IngestBatch[] = [];
    const officers = this.#ref.officers;
    for (let i = 0; i < officers.length; i += 500) {
      batches.push({ source, events: officers.slice(i, i + 500).map((o) => this.rostered('available', o.id)) });
    }
    return batches;
  }

  #take(list: string[]): string | undefined {
    if (list.length === 0) return undefined;
    const i = this.#rng.int(list.length);
    const value = list[i]!;
    list[i] = list[list.length - 1]!;
    list.pop();
    return value;
  }
}
