import { londonMidnight } from '../../protocol/time.js';
import type { AuditEntryView, ChainCheck, SecurityEntryView } from '../../protocol/index.js';
import { call } from './http.js';
import { RemoteList, Resource } from './resource.svelte.js';

/** At most this many entries are read at once, newest first. */
export const AUDIT_LIMIT = 200;
export const SECURITY_LIMIT = 200;

export interface AuditFilters {
  actor: string;
  action: string;
  /** London calendar days (YYYY-MM-DD), either may be empty. */
  from: string;
  to: string;
}

/** The audit log as the server holds it, filtered, and whether its hash chain is intact. */
export class AuditStore extends RemoteList<AuditEntryView> {
  readonly filters: AuditFilters = $state({ actor: '', action: '', from: '', to: '' });
  readonly #check = new Resource<ChainCheck>();
  /** Actors and actions met so far, offered as suggestions: the filters match them exactly. */
  #seen = $state.raw<{ actors: string[]; actions: string[] }>({ actors: [], actions: [] });

  /** The last verification, null before the first. */
  get check(): ChainCheck | null {
    return this.#check.data;
  }
  get checking(): boolean {
    return this.#check.loading;
  }
  get checkError(): string | null {
    return this.#check.error;
  }

  load(): void {
    const f = this.filters;
    if (f.from && f.to && f.from > f.to) return this.list.fail('"From" is after "to".');
    const query = { actor: f.actor.trim(), action: f.action.trim(), from: dayStart(f.from), to: dayEnd(f.to), limit: AUDIT_LIMIT };
    void this.list.load((signal) => call('GET /api/admin/audit', { query, signal })).then(() => this.#remember(this.list.data ?? []));
  }

  get seen(): { actors: readonly string[]; actions: readonly string[] } {
    return this.#seen;
  }

  #remember(entries: readonly AuditEntryView[]): void {
    const add = (old: readonly string[], more: string[]) => [...new Set([...old, ...more])].sort();
    this.#seen = { actors: add(this.#seen.actors, entries.map((e) => e.actor)), actions: add(this.#seen.actions, entries.map((e) => e.action)) };
  }

  verify(): void {
    void this.#check.load(() => call('GET /api/admin/audit/verify'));
  }

  cancel(): void {
    this.list.cancel();
    this.#check.cancel();
  }
}

/** The security log (sign-in failures, refusals, rate limits), newest first as the server sends it. */
export class SecurityStore extends RemoteList<SecurityEntryView> {

  load(): void {
    void this.list.load((signal) => call('GET /api/admin/security', { query: { limit: SECURITY_LIMIT }, signal }));
  }

  cancel(): void {
    this.list.cancel();
  }
}

/** A London day's first instant as ISO UTC ("" stays ""): the log's times are UTC. */
function dayStart(day: string): string {
  return day ? new Date(londonMidnight(day)).toISOString() : '';
}

/** A London day's last millisecond as ISO UTC, so "to" includes the whole day. */
function dayEnd(day: string): string {
  if (!day) return '';
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return new Date(londonMidnight(next) - 1).toISOString();
}
