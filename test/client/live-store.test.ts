import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, Delta, OfficerView, Snapshot } from '../../protocol/index.js';
import { compareQueue } from '../../protocol/queue-order.js';
import type { LiveStore } from '../../client/lib/live.svelte.js';
import { compiledClient, compileRunes } from '../support/compiled-client.js';

/**
 * What a screen's components read, as effects: per suite its queue and its cases (how often each
 * was worked out again, and how often what it showed changed), every case, and the headline.
 */
const SCREEN = `
export function watch(live, suites) {
  const worked = {};
  const shown = {};
  const count = (table, key) => (table[key] = (table[key] ?? 0) + 1);
  $effect.root(() => {
    for (const s of suites) {
      const waiting = $derived.by(() => (count(worked, 'waiting ' + s), live.waitingAt(s)));
      const cases = $derived.by(() => (count(worked, 'cases ' + s), live.casesAt(s)));
      $effect(() => void (waiting, count(shown, 'waiting ' + s)));
      $effect(() => void (cases, count(shown, 'cases ' + s)));
    }
    $effect(() => void (live.cases, count(worked, 'every case')));
    $effect(() => void (live.totals.onDuty, count(worked, 'headline')));
  });
  return { worked, shown };
}`;
/**
 * Runs the effects due, in the runtime the compiled store uses. Under Node \`svelte\` is the server
 * build, whose flushSync does nothing, and Svelte refuses its internals in source; its compiled
 * output imports them anyway, so the line is added after compiling.
 */
const FLUSH = "\nexport { flush } from 'svelte/internal/client';\n";

interface Screen {
  worked: Record<string, number>;
  shown: Record<string, number>;
}
type Store = new () => LiveStore;

let cleanup: () => void;
let Live: Store;
let watch: (live: LiveStore, suites: string[]) => Screen;
let flush: () => void;

beforeAll(async () => {
  const client = compiledClient();
  cleanup = client.cleanup;
  writeFileSync(join(client.dir, 'screen.svelte.js'), compileRunes(SCREEN, 'screen.svelte.js') + FLUSH);
  ({ LiveStore: Live } = await import(join(client.dir, 'client/lib/live.svelte.js')));
  ({ watch, flush } = await import(join(client.dir, 'screen.svelte.js')));
});
afterAll(() => cleanup?.());

const T0 = Date.UTC(2026, 11, 4, 9);
const kase = (custodyRef: string, suiteId: string, o: Partial<CaseView> = {}) =>
  ({ custodyRef, suiteId, released: null, check: null, highHarm: { highHarm: false }, paceDeadline: T0 + 3_600_000, relevantTime: T0, ...o }) as CaseView;
const officer = (id: string) => ({ id, status: 'available', lat: 51.5, lng: -0.1 }) as OfficerView;
const SUITES = ['met-brixton', 'met-croydon', 'gmp-bootle'];

function opened(): { live: LiveStore; screen: Screen } {
  const live = new Live();
  const screen = watch(live, SUITES);
  const snapshot = {
    seq: 1,
    suites: SUITES.map((id) => ({ id })),
    officers: [officer('MET-ICE-01')],
    cases: [kase('A1', 'met-brixton'), kase('A2', 'met-brixton', { relevantTime: T0 - 60_000 }), kase('B1', 'met-croydon'), kase('B2', 'met-croydon', { released: { at: T0, disposal: 'charged' } })],
    assignments: [],
    highHarm: null,
    derived: { at: 0, alerts: [], ccuQueue: [], capacity: {} },
  } as unknown as Snapshot;
  live.replace(snapshot, { feed: 'test', version: 0 });
  flush();
  return { live, screen };
}

let seq = 1;
/** Applies one batch and says, per reader, how many more times it was worked out and shown. */
function tick(live: LiveStore, screen: Screen, ...patches: Delta['patch'][]) {
  const worked = { ...screen.worked };
  const shown = { ...screen.shown };
  expect(live.apply(patches.map((patch) => ({ seq: ++seq, at: T0, patch }) as Delta)).ok).toBe(true);
  flush();
  const more = (now: Record<string, number>, was: Record<string, number>) =>
    Object.fromEntries(Object.keys(now).flatMap((k) => (now[k] !== was[k] ? [[k, now[k]! - (was[k] ?? 0)]] : [])));
  return { worked: more(screen.worked, worked), shown: more(screen.shown, shown) };
}

describe('the live store, read by a screen (decision 71)', () => {
  it('works out again only the suites a batch changed, and shows a new list only where it differs', () => {
    const { live, screen } = opened();
    seq = 1;
    expect(live.waitingAt('met-brixton').map((c) => c.custodyRef)).toEqual(['A2', 'A1']);

    // An arrival at Bootle: its lists, and every case, and nothing else.
    expect(tick(live, screen, { cases: [kase('C1', 'gmp-bootle')] })).toEqual({
      worked: { 'waiting gmp-bootle': 1, 'cases gmp-bootle': 1, 'every case': 1 },
      shown: { 'waiting gmp-bootle': 1, 'cases gmp-bootle': 1 },
    });
    // A released person's case changes at Croydon: its queue is worked out but stays the same list.
    expect(tick(live, screen, { cases: [kase('B2', 'met-croydon', { released: { at: T0 + 1, disposal: 'bailed' } })] })).toEqual({
      worked: { 'waiting met-croydon': 1, 'cases met-croydon': 1, 'every case': 1 },
      shown: { 'cases met-croydon': 1 },
    });
    // A transfer from Brixton to Croydon, then a close at Croydon.
    expect(tick(live, screen, { cases: [kase('A1', 'met-croydon')] }, { closedCases: ['B1'] }).shown).toEqual({
      'waiting met-brixton': 1,
      'cases met-brixton': 1,
      'waiting met-croydon': 1,
      'cases met-croydon': 1,
    });
    expect(live.waitingAt('met-croydon').map((c) => c.custodyRef)).toEqual(['A1']);
    expect(live.waitingAt('met-brixton').map((c) => c.custodyRef)).toEqual(['A2']);
    const fromScratch = [...live.cases.values()].filter((c) => c.suiteId === 'met-croydon' && !c.released && !c.check).sort(compareQueue);
    expect(live.waitingAt('met-croydon')).toEqual(fromScratch);
  });

  it('a position tick reaches no reader of cases, nor the headline', () => {
    const { live, screen } = opened();
    seq = 1;
    expect(tick(live, screen, { positions: [['MET-ICE-01', 51.6, -0.2]] })).toEqual({ worked: {}, shown: {} });
    expect(live.officers.get('MET-ICE-01')).toMatchObject({ lat: 51.6, lng: -0.2 });
    // A status change does reach the headline.
    expect(tick(live, screen, { officers: [{ ...officer('MET-ICE-01'), status: 'off_duty' }] }).worked).toEqual({ headline: 1 });
    expect(live.totals.onDuty).toBe(0);
  });
});
