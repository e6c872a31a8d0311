/** en-GB, 24-hour, Europe/London formatting: every time on screen goes through here. */
import { LONDON } from '../../protocol/time.js';

const hm = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hms = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateLong = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const dayTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const regions = new Intl.DisplayNames(['en-GB'], { type: 'region' });
const whole = new Intl.NumberFormat('en-GB');
// Made once: toLocaleString with options builds a new formatter on every call.
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** "21:40" */
export const timeHM = (at: number): string => hm.format(at);
/** "21:40:05" */
export const timeHMS = (at: number): string => hms.format(at);
/** "Tue 24 Nov" */
export const dayLabel = (at: number): string => dateLong.format(at);
/** "Tue 24 Nov, 21:40" */
export const dayTimeHM = (at: number): string => dayTime.format(at);
/** "1,234" */
export const count = (n: number): string => whole.format(n);

/** A waiting time: "2 h 05 m", "35 m", "under 1 m". */
export function waited(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'under 1 m';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} m` : `${m} m`;
}

/** How old something is: "12 s", "3 min", "2 h 10 min". */
export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "Poland (PL)"; XX is how feeds say the nationality is not known. */
export function nationality(code: string): string {
  if (code === 'XX') return 'Unknown (XX)';
  let name: string | undefined;
  try {
    name = regions.of(code);
  } catch {
    name = undefined; // a code the browser's ICU data rejects: show the code alone
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** "87.5%", or an en dash when there is nothing to divide (no arrivals). */
export function percent(pct: number | null): string {
  return pct === null ? '–' : `${oneDecimal.format(pct)}%`;
}

/** A duration in whole minutes, as the server sent it: "1 h 05 m", "42 m", or an en dash. */
export function minutes(total: number | null): string {
  if (total === null) return '–';
  return waited(Math.round(total) * 60_000).replace('under 1 m', '0 m');
}

/** "Sat 23 Nov" for a London calendar day given as YYYY-MM-DD. */
export function calendarDay(day: string): string {
  return dayLabel(Date.parse(`${day}T12:00:00Z`));
}

const stampFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "24 Nov 2025, 21:40:05" in London time, for a log entry's ISO UTC time ("–" if unreadable). */
export function stamp(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '–' : stampFormat.format(at);
}
