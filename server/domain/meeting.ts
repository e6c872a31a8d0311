import { londonDay, previousDay, type MeetingRow, type MeetingView } from '../../protocol/index.js';
import { awaitingCheck, deadlineOf, nonAttendanceOf } from './cases.js';
import { forecastSuite } from './forecast.js';
import type { State } from './state.js';
import { figuresOf } from './tallies.js';

const MINUTE = 60_000;

/**
 * The daily management meeting's table: per suite, today against yesterday and the forecast, the
 * queue and its urgency, officers there and on the way, coverage, and non-attendances since the
 * last meeting. Every figure comes from the same state as the map.
 */
export function meetingView(state: State, now: number, since: number, visible: (region: string) => boolean = () => true): MeetingView {
  const today = londonDay(now);
  const yesterday = previousDay(today);
  const rows: MeetingRow[] = [];
  // Grouped once, not filtered per suite: national scale is hundreds of suites, thousands of cases.
  const waitingAt = groupBy([...state.cases.values()].filter(awaitingCheck), (c) => c.suiteId);
  const officersAt = groupBy([...state.officers.values()], (o) => o.suiteId);
  const nonAttendancesAt = groupBy(
    [...state.closedCases.values()].filter((c) => c.released !== null && c.released.at >= since && nonAttendanceOf(c) !== null),
    (c) => c.suiteId,
  );
  for (const suite of state.suites.values()) {
    if (!visible(suite.region) || !suite.open) continue;
    const waiting = waitingAt.get(suite.id) ?? [];
    const officers = officersAt.get(suite.id) ?? [];
    const arrivalsToday = sum(suite.footfall[today]);
    const forecast = forecastSuite(state, suite.id, now);
    const restOfToday = forecast.hours.filter((h) => h.at > now && londonDay(h.at) === today).reduce((n, h) => n + h.expected, 0);
    const todayTally = suite.days[today];
    rows.push({
      suiteId: suite.id,
      name: suite.name,
      region: suite.region,
      arrivalsToday,
      arrivalsYesterday: sum(suite.footfall[yesterday]),
      forecastToday: Math.round((arrivalsToday + restOfToday) * 10) / 10,
      pending: waiting.length,
      oldestWaitMinutes: waiting.length ? Math.round(Math.max(...waiting.map((c) => now - c.relevantTime)) / MINUTE) : null,
      leastPaceLeftMinutes: waiting.length ? Math.round(Math.min(...waiting.map((c) => deadlineOf(c) - now)) / MINUTE) : null,
      officersThere: officers.filter((o) => o.status === 'at_suite').length,
      officersTravelling: officers.filter((o) => o.status === 'travelling').length,
      coveragePct: figuresOf(todayTally ? [todayTally] : []).coveragePct,
      nonAttendancesSinceMeeting: nonAttendancesAt.get(suite.id)?.length ?? 0,
    });
  }
  rows.sort((a, b) => b.pending - a.pending || b.arrivalsToday - a.arrivalsToday || a.name.localeCompare(b.name));
  return { at: now, since, rows };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const sum = (counts: readonly number[] | undefined) => (counts ?? []).reduce((a, b) => a + b, 0);
