import type { ClientConfig, OfficerStatus, OfficerView } from '../../protocol/index.js';
import { regionsOf } from './group.js';
import type { LiveStore } from './live.svelte.js';

export type BoardColumn = 'id' | 'region' | 'status' | 'since' | 'acknowledged' | 'suite' | 'position';

/** Travelling and not acknowledged first: that is what a duty manager chases. */
const ACK_ORDER = { unacknowledged: 0, acknowledged: 1, none: 2 } as const;
const STATUS_ORDER: Record<OfficerStatus, number> = { travelling: 0, at_suite: 1, available: 2, off_duty: 3 };

export type Acknowledgement = keyof typeof ACK_ORDER;

/** Whether an officer's current move is acknowledged: only a move still under way can be chased. */
export function acknowledgementOf(o: OfficerView): Acknowledgement {
  if (!o.move || o.status === 'off_duty' || o.status === 'available') return 'none';
  return o.move.acknowledgedAt === null && o.status === 'travelling' ? 'unacknowledged' : 'acknowledged';
}

/** Whether a position is too old to trust (an officer off duty is not expected to report one). */
export function positionStale(o: OfficerView, now: number, staleMs: number): boolean {
  return o.status !== 'off_duty' && (o.positionAt === null || now - o.positionAt > staleMs);
}

/**
 * The duty manager's board of officers, as CAD users expect one: every officer the server sent
 * this role, filtered by region (and off duty shown or not), sorted by the column chosen. Rows are
 * the live store's views; times in status and position ages are worked out on screen from the
 * server's clock, so sorting by them sorts by the instants behind them.
 */
export class StatusBoard {
  readonly #live: LiveStore;
  #region = $state('');
  #showOffDuty = $state(false);
  #sort = $state<{ column: BoardColumn; descending: boolean }>({ column: 'acknowledged', descending: false });
  #staleMs = $state(10 * 60_000);

  #regions = $derived.by(() => regionsOf(this.#live.officers.values()));

  #rows = $derived.by((): OfficerView[] => {
    const { column, descending } = this.#sort;
    const suiteName = (o: OfficerView) => (o.suiteId ? (this.#live.suites.get(o.suiteId)?.name ?? o.suiteId) : '');
    const key = (o: OfficerView): string | number => {
      switch (column) {
        case 'id':
          return o.id;
        case 'region':
          return o.region;
        case 'status':
          return STATUS_ORDER[o.status];
        case 'since':
          return o.statusSince; // earlier = longer in status
        case 'acknowledged':
          return ACK_ORDER[acknowledgementOf(o)];
        case 'suite':
          return suiteName(o) || '\uffff';
        case 'position':
          return o.positionAt ?? -Infinity; // never reported = oldest
      }
    };
    const rows = [...this.#live.officers.values()].filter((o) => (this.#showOffDuty || o.status !== 'off_duty') && (!this.#region || o.region === this.#region));
    return rows.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'en-GB') : x - Number(y);
      return (descending ? -order : order) || a.id.localeCompare(b.id);
    });
  });

  constructor(live: LiveStore, config: Promise<ClientConfig>) {
    this.#live = live;
    void config.then((c) => (this.#staleMs = c.positionStaleMs));
  }

  get rows(): readonly OfficerView[] {
    return this.#rows;
  }
  get regions(): readonly string[] {
    return this.#regions;
  }
  get region(): string {
    return this.#region;
  }
  set region(region: string) {
    this.#region = region;
  }
  get showOffDuty(): boolean {
    return this.#showOffDuty;
  }
  set showOffDuty(show: boolean) {
    this.#showOffDuty = show;
  }
  get sort(): { column: BoardColumn; descending: boolean } {
    return this.#sort;
  }
  /** How old a position may be before it is called stale (the server's NEXUS_POSITION_STALE_MINUTES). */
  get staleMs(): number {
    return this.#staleMs;
  }

  /** The same column again reverses the order; "longest in status" and "oldest position" come first. */
  sortBy(column: BoardColumn): void {
    this.#sort = { column, descending: this.#sort.column === column ? !this.#sort.descending : false };
  }
}
