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
  for (const suite of state.suites.values()) {
    if (!visible(suite.region) || !suite.open) continue;
    const waiting = [...state.cases.values()].filter((c) => c.suiteId === suite.id && awaitingCheck(c));
    const officers = [...state.officers.values()].filter((o) => o.suiteId === suite.id);
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
      nonAttendancesSinceMeeting: [...state.closedCases.values()].filter(
        (c) => c.suiteId === suite.id && c.released !== null && c.released.at >= since && nonAttendanceOf(c) !== null,
      ).length,
    });
  }
  rows.sort((a, b) => b.pending - a.pending || b.arrivalsToday - a.arrivalsToday || a.name.localeCompare(b.name));
  return { at: now, since, rows };
}

const sum = (counts: readonly number[] | undefined) => (counts ?? []).reduce((a, b) => a + b, 0);
