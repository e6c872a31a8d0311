import type { PerformancePack } from '../../protocol/index.js';
import { rangeProblem } from './days.js';
import { call } from './http.js';
import { rangeOf, type PackChoice, type PackRange } from './pack-period.js';
import { Resource } from './resource.svelte.js';

/**
 * The Reports page: which period the reader chose and the performance pack for it, exactly as the
 * server counted it. The pack is read again only when the period changes.
 */
export class ReportsStore {
  readonly choice: PackChoice = $state({ mode: 'daily', day: '', month: '', from: '', to: '' });
  /** The London day "today" was last taken from: a default that was today follows the clock. */
  #today = $state('');
  readonly #pack = new Resource<PerformancePack>();

  constructor(today: string) {
    this.#today = today;
    Object.assign(this.choice, { day: today, month: today.slice(0, 7), from: `${today.slice(0, 7)}-01`, to: today });
  }

  get today(): string {
    return this.#today;
  }
  /** The days asked for; for a running month, up to today. */
  get range(): PackRange {
    return rangeOf(this.choice, this.#today);
  }
  /** Why the chosen period cannot be asked for, or null. */
  get problem(): string | null {
    return this.#problemOf(this.range);
  }
  get pack(): PerformancePack | null {
    return this.#pack.data;
  }
  get loading(): boolean {
    return this.#pack.loading;
  }
  get error(): string | null {
    return this.#pack.error;
  }
  /** Local (browser) time of the last successful read. */
  get loadedAt(): number | null {
    return this.#pack.loadedAt;
  }

  load(range: PackRange): void {
    const problem = this.#problemOf(range);
    if (problem) return this.#pack.fail(problem);
    void this.#pack.load((signal) => call('GET /api/reports/pack', { query: { from: range.from, to: range.to, format: 'json' }, signal }));
  }

  /** At London midnight, a day or month that was "today" moves on with it. */
  followToday(today: string): void {
    const was = this.#today;
    if (was === today) return;
    if (this.choice.day === was) this.choice.day = today;
    if (this.choice.month === was.slice(0, 7)) this.choice.month = today.slice(0, 7);
    if (this.choice.to === was) this.choice.to = today;
    this.#today = today;
  }

  #problemOf({ from, to }: PackRange): string | null {
    return rangeProblem(from, to) ?? (to > this.#today ? 'The period cannot end after today.' : null);
  }

  cancel(): void {
    this.#pack.cancel();
  }
}
