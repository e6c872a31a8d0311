import { z } from 'zod';
import { LoggedEvent } from '../event-registry.js';
import { MeetingView, Recommendation, SuiteForecast } from '../meeting.js';
import { Snapshot, TimelineEntry } from '../views.js';
import { ClientConfig, Health, HighHarmHistory } from './answers.js';
import { CaseParams, EventsQuery, MeetingQuery, ReplayQuery, SuiteParams } from './queries.js';
import { PROGRESS_MEDIA_TYPE } from '../constants.js';
import { route } from './route.js';

const CASE_WORKERS = ['duty_manager', 'ccu_operator', 'officer'] as const;
export const MANAGERS = ['admin', 'duty_manager', 'ccu_operator'] as const;
export const DEMAND_READERS = ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] as const;
const EVERY_SCREEN = [...DEMAND_READERS, 'wall'] as const;

/** The live picture, each answer limited to what the caller may see (the reports: report-routes.ts). */
export const LIVE_ROUTES = {
  'GET /api/health': route({ tag: 'Live', summary: "The log's last sequence number and the protocol version", access: 'public', response: Health }),
  'GET /api/config': route({
    tag: 'Live',
    summary: 'What the dashboard needs to start',
    description: 'Protocol version, the optional tile layer, the simulator speed.',
    access: 'public',
    response: ClientConfig,
  }),
  'GET /api/snapshot': route({
    tag: 'Live',
    summary: 'The current snapshot, cut to what the caller may see',
    description: 'Dashboards receive it packed over Socket.IO (docs/protocol.md); this is the same picture as plain JSON.',
    access: 'signed-in',
    response: Snapshot,
  }),
  'GET /api/events': route({ tag: 'Live', summary: 'The raw log after a sequence number (audited)', access: ['admin'], query: EventsQuery, response: z.array(LoggedEvent) }),
  'GET /api/cases/:custodyRef/timeline': route({
    tag: 'Live',
    summary: "One case's ERF timeline (audited)",
    description: 'Every stored event about one custody reference, in the order it happened, with when it was recorded and by whom.',
    access: CASE_WORKERS,
    params: CaseParams,
    response: z.array(TimelineEntry),
    refusals: ['unknown_case'],
  }),
  'GET /api/high-harm': route({
    tag: 'Live',
    summary: 'The High Harm rule set in force and its history',
    access: ['admin', 'duty_manager', 'ccu_operator', 'officer'],
    response: HighHarmHistory,
  }),
  'GET /api/meeting': route({ tag: 'Live', summary: "The daily management meeting's table, per suite", access: EVERY_SCREEN, query: MeetingQuery, response: MeetingView }),
  'GET /api/recommendations': route({
    tag: 'Live',
    summary: 'Recommended officer moves in the caller\'s regions, best first',
    description: 'Each with its expected gain and a one-line explanation; the advice is shared for 5 s while the log has not moved.',
    access: ['duty_manager'],
    response: z.array(Recommendation),
  }),
  'GET /api/forecast/:suiteId': route({
    tag: 'Live',
    summary: 'Expected and actual arrivals per hour at one suite: today so far and the next 12 hours',
    access: EVERY_SCREEN,
    params: SuiteParams,
    response: SuiteForecast,
    refusals: ['unknown_suite'],
  }),
  'GET /api/replay': route({
    tag: 'Reports',
    summary: 'The snapshot as it was at an instant, rebuilt from the log (audited)',
    description: `Folds the whole log, so it takes longer as the log grows: ask with \`Accept: ${PROGRESS_MEDIA_TYPE}\` to see progress.`,
    access: MANAGERS,
    query: ReplayQuery,
    progress: { unit: 'events read' },
    response: Snapshot,
  }),
};
