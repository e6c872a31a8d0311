import type { Ack, CannotAttendReason, CaseView, CheckOutcome, OfficerView, RosterStatus, SuiteView } from '../../protocol/index.js';
import type { Connection } from './connection.svelte.js';
import type { LiveStore } from './live.svelte.js';

const NO_CASES: readonly CaseView[] = [];
type Reply = Promise<Ack<{ seq: number }>>;

/**
 * One officer's duty, read from the live store the server filled for their role (nothing is
 * fetched apart): who they are on the roster, where they are or are going, who sent them, and who
 * waits at that suite in queue order. The actions send the officer's own commands; the server
 * decides, and the screen shows what the next delta says, not what it hoped.
 */
export class Duty {
  readonly #live: LiveStore;
  readonly #connection: Connection;
  /** The call sign this account is linked to (null: not linked, so nothing can be done). */
  readonly callSign: string | null;

  #officer = $derived.by((): OfficerView | undefined => (this.callSign ? this.#live.officers.get(this.callSign) : undefined));
  #suite = $derived.by((): SuiteView | undefined => {
    const id = this.#officer?.suiteId;
    return id ? this.#live.suites.get(id) : undefined;
  });
  #waiting = $derived.by(() => (this.#suite ? this.#live.waitingAt(this.#suite.id) : NO_CASES));

  constructor(live: LiveStore, connection: Connection, callSign: string | null) {
    this.#live = live;
    this.#connection = connection;
    this.callSign = callSign;
  }

  get officer(): OfficerView | undefined {
    return this.#officer;
  }
  /** The suite they are at, or on their way to. */
  get suite(): SuiteView | undefined {
    return this.#suite;
  }
  /** People at that suite still needing a check, in the queue order every screen shares. */
  get waiting(): readonly CaseView[] {
    return this.#waiting;
  }
  /** A move they have not acknowledged yet. */
  get unacknowledged(): boolean {
    const o = this.#officer;
    return o?.status === 'travelling' && o.move !== null && o.move.acknowledgedAt === null;
  }
  /** Whether this check is theirs to record. */
  isMine(c: CaseView): boolean {
    return this.callSign !== null && c.checkStarted?.officerId === this.callSign;
  }
  /** Whether someone else (another officer, the CCU) holds this check. */
  takenByOther(c: CaseView): boolean {
    return c.checkStarted !== null && !this.isMine(c);
  }

  acknowledge(moveSeq: number): Reply {
    return this.#connection.send('officer:acknowledge', { officerId: this.#id(), moveSeq });
  }
  arrive(suiteId: string): Reply {
    return this.#connection.send('officer:arrive', { officerId: this.#id(), suiteId });
  }
  setStatus(status: RosterStatus): Reply {
    return this.#connection.send('officer:set-status', { officerId: this.#id(), status });
  }
  startCheck(custodyRef: string): Reply {
    return this.#connection.send('case:start-check', { custodyRef, mode: 'face_to_face' });
  }
  recordCheck(custodyRef: string, outcome: CheckOutcome): Reply {
    return this.#connection.send('case:record-check', { custodyRef, mode: 'face_to_face', outcome });
  }
  cannotAttend(custodyRef: string, reason: CannotAttendReason, note: string | null): Reply {
    return this.#connection.send('case:cannot-attend', { custodyRef, officerId: this.#id(), reason, note });
  }

  /** The call sign commands are sent for; an unlinked account sends none the server would take. */
  #id(): string {
    return this.callSign ?? 'NOT-LINKED';
  }
}
