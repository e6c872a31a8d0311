import { z } from 'zod';
import { FootfallReview, ForumView, PerformancePack } from '../meeting.js';
import { CoverageReport, EtdReport, NonAttendanceRegister } from '../views.js';
import { DEMAND_READERS, MANAGERS } from './live-routes.js';
import { CasesExportQuery, CoverageQuery, DaysQuery, ForumQuery, PackQuery, RegisterQuery } from './queries.js';
import { PROGRESS_MEDIA_TYPE } from '../constants.js';
import { route } from './route.js';

/**
 * The reports, for any period from one London day to several years: answered from the database's
 * read models (decision 57), each limited to the regions the caller may see.
 */
export const REPORT_ROUTES = {
  'GET /api/non-attendances': route({
    tag: 'Reports',
    summary: 'The non-attendance register (audited)',
    description: 'Releases without IO attendance by London day of release (default the last 7 days), with counts by reason, suite and day.',
    access: ['duty_manager', 'ccu_operator'],
    query: RegisterQuery,
    response: NonAttendanceRegister,
  }),
  'GET /api/coverage': route({
    tag: 'Reports',
    summary: 'Coverage per suite or region over London days (default today)',
    description: 'Arrivals, checked, coverage %, median minutes to check and non-attendances.',
    access: DEMAND_READERS,
    query: CoverageQuery,
    response: CoverageReport,
  }),
  'GET /api/etd': route({
    tag: 'Reports',
    summary: 'ETD completion per suite and per deciding officer (default the last 7 days)',
    access: ['duty_manager', 'ccu_operator'],
    query: DaysQuery,
    response: EtdReport,
  }),
  'GET /api/reports/pack': route({
    tag: 'Reports',
    summary: 'The performance pack per region and suite (audited)',
    description: "Arrivals, checks, coverage, median time to check, non-attendances by reason, ETD and High Harm over London days (default today). With format=csv, a file whose cells a spreadsheet would run as a formula are prefixed with '.",
    access: MANAGERS,
    query: PackQuery,
    response: PerformancePack,
    download: { mediaType: 'text/csv', description: 'The same pack as CSV (format=csv).' },
  }),
  'GET /api/footfall-review': route({
    tag: 'Reports',
    summary: 'Arrivals and officer-hours per suite by hour of the week (default the last 28 days)',
    description: `Reads the log's arrivals and officer movements over the period a week at a time, so a long period takes a while: ask with \`Accept: ${PROGRESS_MEDIA_TYPE}\` to see progress.`,
    access: ['admin', 'duty_manager', 'ccu_operator', 'police_liaison'],
    query: DaysQuery,
    response: FootfallReview,
    progress: { unit: 'days read' },
  }),
  'GET /api/reports/forum': route({
    tag: 'Reports',
    summary: 'The monthly forum: a month against the month before and the same month a year earlier (audited)',
    description: 'The performance pack of three months side by side, nationally, per region and per suite, with outcomes. Default: this month so far. With format=csv, the same figures as CSV.',
    access: MANAGERS,
    query: ForumQuery,
    response: ForumView,
    download: { mediaType: 'text/csv', description: 'The forum as CSV (format=csv).' },
  }),
  'GET /api/reports/cases': route({
    tag: 'Reports',
    summary: 'Every case that arrived in a period, one row each, as CSV (audited)',
    description: 'Streamed from the database a page at a time, so a year is no burden: custody reference, nationality, suites, times, check, release, non-attendance, decision and outcome.',
    access: MANAGERS,
    query: CasesExportQuery,
    response: z.never(),
    download: { mediaType: 'text/csv', description: 'The cases as CSV.' },
  }),
};
