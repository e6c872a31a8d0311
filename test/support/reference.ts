import type { HighHarmDefinition, LoggedEvent } from '../../protocol/index.js';
import type { Reference } from '../../server/domain/index.js';

/** A small hand-made world: two London suites (one closed), one in Birmingham, three officers. */
export const reference: Reference = {
  suites: [
    { id: 'met-brixton', region: 'Metropolitan Police', name: 'Brixton', note: null, lat: 51.465, lng: -0.1121, cells: 30, openAtStart: true },
    { id: 'met-croydon', region: 'Metropolitan Police', name: 'Croydon', note: null, lat: 51.3733, lng: -0.0969, cells: null, openAtStart: true },
    { id: 'met-kilburn', region: 'Metropolitan Police', name: 'Kilburn', note: 'historic', lat: 51.534, lng: -0.2034, cells: null, openAtStart: false },
    { id: 'wmp-perry-barr', region: 'West Midlands Police', name: 'Perry Barr', note: null, lat: 52.5174, lng: -1.9068, cells: 60, openAtStart: true },
  ],
  officers: [
    { id: 'MET-IO-01', role: 'embedded_io', region: 'Metropolitan Police', homeSuiteId: 'met-brixton', baseLat: 51.465, baseLng: -0.1121 },
    { id: 'MET-ICE-01', role: 'ice_officer', region: 'Metropolitan Police', homeSuiteId: null, baseLat: 51.42, baseLng: -0.1 },
    { id: 'WMP-ICE-01', role: 'ice_officer', region: 'West Midlands Police', homeSuiteId: null, baseLat: 52.48, baseLng: -1.89 },
  ],
};

/** The national High Harm definition the product starts with (db/reference/high-harm-v1.json). */
export const highHarmV1: HighHarmDefinition = {
  national: {
    offenceCategories: ['murder', 'rape', 'sexual_offence_child', 'serious_violence', 'modern_slavery'],
    intelFlags: ['terrorism_interest', 'organised_crime'],
    repeatThreshold: 5,
  },
  regionalRepeatFloor: 3,
  regional: { 'West Midlands Police': { offenceCategories: ['robbery'], intelFlags: ['gang'], repeatThreshold: 4 } },
};
export const publishedV1 = (definition: HighHarmDefinition = highHarmV1, version = 1): Fact => ({
  type: 'high_harm.published',
  data: { version, definition, reason: 'test definition' },
});

/** 14:00 London on a November day (GMT). */
export const T0 = Date.parse('2026-11-24T14:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

type Fact = Pick<LoggedEvent, 'type' | 'data'>;

/** Stamps facts as the engine would: consecutive seqs from `firstSeq`, one minute apart. */
export function logged(facts: readonly Fact[], firstSeq = 1, start = T0): LoggedEvent[] {
  return facts.map(
    (f, i) =>
      ({
        ...f,
        seq: firstSeq + i,
        at: start + i * MINUTE,
        recordedAt: start + i * MINUTE,
        actor: 'test',
        source: 'test',
        sourceEventId: `t-${firstSeq + i}`,
      }) as LoggedEvent,
  );
}

export const booked = (
  custodyRef: string,
  suiteId = 'met-brixton',
  relevantTime = T0,
  more: Partial<Extract<LoggedEvent, { type: 'arrest.booked' }>['data']> = {},
): Fact => ({
  type: 'arrest.booked',
  data: { custodyRef, suiteId, nationality: 'PL', iabsMatch: true, relevantTime, offenceCategory: 'theft', intelFlags: [], priorOffences: 0, ...more },
});
export const checked = (custodyRef: string, officerId: string | null = 'MET-IO-01'): Fact => ({
  type: 'check.completed',
  data: { custodyRef, officerId, mode: officerId ? 'face_to_face' : 'remote', outcome: 'lawfully_present' },
});
export const released = (custodyRef: string): Fact => ({ type: 'detainee.released', data: { custodyRef, disposal: 'bailed' } });
export const onDuty = (officerId: string): Fact => ({ type: 'officer.rostered', data: { officerId, status: 'available' } });
export const arrived = (officerId: string, suiteId: string): Fact => ({ type: 'officer.arrived', data: { officerId, suiteId } });
