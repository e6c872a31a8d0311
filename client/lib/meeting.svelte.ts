import type { MeetingRow, MeetingView } from '../../protocol/index.js';
import { lastMeeting, londonInstant, londonParts } from './days.js';
import { call } from './http.js';
import { Refresher } from './refresher.js';
import { Resource } from './resource.svelte.js';

export type MeetingColumn = Exclude<keyof MeetingRow, 'suiteId'>;

const EVERY_MS = 30_000;
/** After a delta, at most one re-read per 5 s. */
const MIN_GAP_MS = 5_000;

/** Columns read most urgent first when lowest (PACE left, coverage) or when text (A to Z). */
const ASCENDING_FIRST: ReadonlySet<MeetingColumn> = new Set(['name', 'region', 'leastPaceLeftMinutes', 'coveragePct']);

/**
 * The meeting table (GET /api/meeting) as the server counted it, re-read every 30 s and soon
 * after live changes, sorted by whichever column the reader chose (busiest first to start).
 * "Since" (for non-attendances) starts at the last 09:00 London meeting.
 */
export class MeetingStore {
  /** The "since" inputs: a London day and a 24-hour time. */
  readonly since: { day: string; time: string } = $state({ day: '', time: '' });
  #sort = $state<{ column: MeetingColumn; descending: boolean }>({ column: 'pending', descending: true });
  readonly #resource = new Resource<MeetingView>();
  readonly #refresher = new Refresher(() => this.#load(), { everyMs: EVERY_MS, minGapMs: MIN_GAP_MS });

  /** The "since" of the last read asked for. */
  #askedFor = Number.NaN;

  #sinceAt = $derived(londonInstant(this.since.day, this.since.time));

  #rows = $derived.by((): MeetingRow[] => {
    const view = this.#resource.data;
    if (!view) return [];
    const { column, descending } = this.#sort;
    return [...view.rows].sort((a, b) => {
      const [x, y] = [a[column], b[column]];
      // Blanks (nobody waiting, no arrivals) go last either way.
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'en-GB') : x === null ? 1 : -1;
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'en-GB') : x - Number(y);
      return (descending ? -order : order) || a.name.localeCompare(b.name, 'en-GB');
    });
  });

  constructor(now: number) {
    Object.assign(this.since, londonParts(lastMeeting(now)));
  }

  get view(): MeetingView | null {
    return this.#resource.data;
  }
  get rows(): readonly MeetingRow[] {
    return this.#rows;
  }
  get sort(): { column: MeetingColumn; descending: boolean } {
    return this.#sort;
  }
  get error(): string | null {
    return this.#resource.error;
  }
  get loading(): boolean {
    return this.#resource.loading;
  }
  get loadedAt(): number | null {
    return this.#resource.loadedAt;
  }
  /** The "since" instant the inputs say; NaN while they are incomplete. */
  get sinceAt(): number {
    return this.#sinceAt;
  }

  /** The same column again reverses the order; a new column starts most urgent first. */
  sortBy(column: MeetingColumn): void {
    const descending = this.#sort.column === column ? !this.#sort.descending : !ASCENDING_FIRST.has(column);
    this.#sort = { column, descending };
  }

  /** Back to the last 09:00 meeting. */
  resetSince(now: number): void {
    Object.assign(this.since, londonParts(lastMeeting(now)));
  }

  start(): void {
    this.#refresher.start();
  }
  /** "Since" may have changed: if it is not what was last asked for, read again now. */
  follow(since: number): void {
    if (since !== this.#askedFor) this.#refresher.now();
  }
  nudge(): void {
    this.#refresher.nudge();
  }
  stop(): void {
    this.#refresher.stop();
    this.#resource.cancel();
  }

  #load(): void {
    const since = this.#sinceAt;
    this.#askedFor = since;
    if (Number.isNaN(since)) return this.#resource.fail('Choose the date and time of the last meeting.');
    void this.#resource.load((signal) => call('GET /api/meeting', { query: { since }, signal }));
  }
}
