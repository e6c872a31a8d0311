import type {
  AssignmentView,
  CaseView,
  Delta,
  DerivedCursor,
  DerivedUpdate,
  HighHarmRuleSetView,
  LiveDerived,
  OfficerView,
  Snapshot,
  SuiteView,
} from '../../protocol/index.js';
import { foldDerivedUpdate } from '../../protocol/derived.js';
import { londonDay } from '../../protocol/time.js';
import { moveInPlace } from './officer-moves.js';
import { CaseBook } from './case-book.js';
import { namesOf } from './suite-names.js';

/** How many recent moves the activity list keeps (the server keeps the same number). */
const ACTIVITY_KEPT = 400;

export type ApplyResult = { ok: true } | { ok: false; gapAfter: number | null };

/** Told the cases a snapshot or a batch of deltas brought, e.g. so the register can update live. */
export type CaseListener = (cases: readonly CaseView[]) => void;

const NO_DERIVED: LiveDerived = { at: 0, alerts: [], ccuQueue: [], capacity: {} };
/** One collator for every tick's ranking: `localeCompare` with a locale builds one on each call. */
const byName = new Intl.Collator('en-GB').compare;

/** A signal the readers of one suite's cases depend on, bumped when a case there is put or dropped. */
class Version {
  n = $state(0);
}

/**
 * Live state exactly as the server sent it. Entities are replaced whole, by id; the client never
 * recomputes a domain count (one count, from one log): coverage, High Harm, ETD, non-attendance,
 * alerts and the CCU queue all come from the server. Released people stay until the London day
 * they were released ends (for the register and today's figures), never in a waiting list. The
 * suites' map is `$state.raw` and replaced as a whole once per batch, so readers compare entities
 * by identity to find what changed.
 *
 * Officers are kept otherwise (decision 65): the whole fleet moves every second, and a new map and
 * a new view per officer each second cost more than everything else the tick does. Their map is
 * kept and changed in place, and a move only sets `lat`/`lng` on the view held; any change to
 * the officers bumps a version that reading `officers` depends on (the headline's counts by
 * status depend only on the one a move leaves alone). An officer whose status or
 * assignment changed still gets a new view, so identity still tells that; where an officer is
 * must be read from the view each time (the map compares the position it last drew).
 *
 * Cases are kept in place too (decision 71, `case-book.ts`): one map, and per suite its cases and
 * its waiting queue, rebuilt only for the suites a batch touched, when next read. A case view is
 * still replaced whole, so identity tells which case changed; a suite's lists keep their identity
 * until they change, and reading them depends on that suite alone. Reading `cases` depends on any
 * change.
 */
export class LiveStore {
  #suites = $state.raw(new Map<string, SuiteView>());
  /** Changed in place; `#officersVersion` says when (see above). */
  #officers = new Map<string, OfficerView>();
  #officersVersion = $state(0);
  /** Bumped when an officer's status or assignment changes, not when one only moves. */
  #rosterVersion = $state(0);
  readonly #cases = new CaseBook();
  /** Bumped when any case changes (see above). */
  #casesVersion = $state(0);
  /** One version per suite (each of the snapshot's, and any suite first seen later, which replaces the map). */
  #suiteVersions = $state.raw(new Map<string, Version>());
  #assignments = $state.raw<readonly AssignmentView[]>([]);
  #lastSeq = $state<number | null>(null);
  #derived = $state.raw<LiveDerived>(NO_DERIVED);
  /** Which feed and version `#derived` is (decision 58); null until the first whole view. */
  #derivedCursor: DerivedCursor | null = null;
  /** Local time the current derived views arrived: how old the alerts on screen are. */
  #derivedHeardAt = $state<number | null>(null);
  #highHarm = $state.raw<HighHarmRuleSetView | null>(null);
  readonly #caseListeners = new Set<CaseListener>();

  #unacknowledged = $derived(this.#derived.alerts.filter((a) => a.acknowledged === null).length);

  /** Suites busiest first: most people waiting for a check, then most in custody. */
  #ranked = $derived(
    [...this.#suites.values()].sort(
      (a, b) => b.pendingChecks - a.pendingChecks || b.inCustody - a.inCustody || byName(a.name, b.name),
    ),
  );

  /** The last names map handed out: `#suiteNames` hands the same one back while no name changed. */
  #namesHeld: ReadonlyMap<string, string> = new Map();
  #suiteNames = $derived.by(() => (this.#namesHeld = namesOf(this.#suites, this.#namesHeld)));

  /** Headline: sums of the per-suite figures the server sent (national or this role's regions), and officers by status. */
  #totals = $derived.by(() => {
    let inCustody = 0;
    let pendingChecks = 0;
    for (const s of this.#suites.values()) {
      inCustody += s.inCustody;
      pendingChecks += s.pendingChecks;
    }
    let onDuty = 0;
    let deployed = 0;
    // Statuses only: a position tick leaves these counts (and the header) alone.
    void this.#rosterVersion;
    for (const o of this.#officers.values()) {
      if (o.status !== 'off_duty') onDuty++;
      if (o.status === 'travelling' || o.status === 'at_suite') deployed++;
    }
    // For roles that receive no officers: how many the server expects at the suites it sent.
    let expected = 0;
    for (const c of Object.values(this.#derived.capacity)) expected += c.officers;
    return { inCustody, pendingChecks, onDuty, deployed, expected };
  });

  get suites(): ReadonlyMap<string, SuiteView> {
    return this.#suites;
  }
  /**
   * Suite names by id: the same map while no suite is added, gone or renamed, so what shows only
   * names (lists of moves) does not re-run with each second's figures (suite-names.ts).
   */
  get suiteNames(): ReadonlyMap<string, string> {
    return this.#suiteNames;
  }
  /** Every officer by call sign. Always the same map, changed in place: readers re-run on any change. */
  get officers(): ReadonlyMap<string, OfficerView> {
    void this.#officersVersion;
    void this.#rosterVersion;
    return this.#officers;
  }
  /** Every case by custody reference. Always the same map, changed in place: readers re-run on any change. */
  get cases(): ReadonlyMap<string, CaseView> {
    void this.#casesVersion;
    return this.#cases.byRef;
  }
  /** Recent officer moves, newest first. */
  get assignments(): readonly AssignmentView[] {
    return this.#assignments;
  }
  /** The last sequence number applied; null until the first snapshot. */
  get lastSeq(): number | null {
    return this.#lastSeq;
  }
  get ranked(): readonly SuiteView[] {
    return this.#ranked;
  }
  get totals() {
    return this.#totals;
  }
  get ready(): boolean {
    return this.#lastSeq !== null;
  }
  /** Alerts, CCU queue and capacity exactly as the server last computed them. */
  get derived(): LiveDerived {
    return this.#derived;
  }
  /** Local (browser) time the derived views last arrived; null before the first. */
  get derivedHeardAt(): number | null {
    return this.#derivedHeardAt;
  }
  get unacknowledgedAlerts(): number {
    return this.#unacknowledged;
  }
  /** The High Harm rule set in force; null before the first is published. */
  get highHarm(): HighHarmRuleSetView | null {
    return this.#highHarm;
  }
  /**
   * Who is waiting for a check at a suite (still in custody, no outcome yet), in the one queue
   * order server and screens share (High Harm, PACE left, longest wait). The same list until it changes.
   */
  waitingAt(suiteId: string): readonly CaseView[] {
    this.#dependOn(suiteId);
    return this.#cases.waitingAt(suiteId);
  }
  /** Every case held at a suite (open, or released today), in no order. The same list until it changes. */
  casesAt(suiteId: string): readonly CaseView[] {
    this.#dependOn(suiteId);
    return this.#cases.casesAt(suiteId);
  }

  #dependOn(suiteId: string): void {
    const version = this.#suiteVersions.get(suiteId);
    if (version) void version.n;
  }

  /** Tells the readers of the suites whose cases changed (their lists are rebuilt when read). */
  #bumpCaseVersions(): void {
    let versions: Map<string, Version> | null = null;
    for (const suiteId of this.#cases.takeTouched()) {
      const version = this.#suiteVersions.get(suiteId);
      if (version) version.n++;
      else (versions ??= new Map(this.#suiteVersions)).set(suiteId, new Version());
    }
    if (versions) this.#suiteVersions = versions;
    this.#casesVersion++;
  }

  /** Subscribes to cases as they arrive; returns the unsubscribe function. */
  onCases(listener: CaseListener): () => void {
    this.#caseListeners.add(listener);
    return () => this.#caseListeners.delete(listener);
  }

  /** Where the derived view stands, for the next hello; null: ask for it whole. */
  get derivedCursor(): DerivedCursor | null {
    return this.#derivedCursor;
  }

  /**
   * Applies the server's derived-view updates in order (a whole view, or numbered changes), one
   * assignment however many arrive. False when one does not follow what is held: the caller
   * says hello again without a cursor and gets the view whole.
   */
  applyDerived(updates: readonly DerivedUpdate[]): boolean {
    let held = this.#derivedCursor ? { cursor: this.#derivedCursor, view: this.#derived } : null;
    let ok = true;
    for (const update of updates) {
      const next = foldDerivedUpdate(held, update);
      if (next === 'stale') continue;
      if (next === null) {
        ok = false;
        break;
      }
      held = next;
    }
    if (held && held.view !== this.#derived) {
      this.#derived = held.view;
      this.#derivedCursor = held.cursor;
      this.#derivedHeardAt = Date.now();
    }
    if (!ok) this.#derivedCursor = null;
    return ok;
  }

  /**
   * Forgets people released before `today` (a London day): the snapshot holds only today's
   * releases, so at midnight a long-open screen drops yesterday's the same way.
   */
  dropReleasedBefore(today: string): void {
    let dropped = false;
    for (const [ref, c] of this.#cases.byRef) {
      if (!c.released || londonDay(c.released.at) >= today) continue;
      this.#cases.drop(ref);
      dropped = true;
    }
    if (dropped) this.#bumpCaseVersions();
  }

  /** Throws everything away for a snapshot: used on first connect or when too far behind. `derived`: the version of the derived view it holds. */
  replace(snapshot: Snapshot, derived: DerivedCursor): void {
    this.#suites = new Map(snapshot.suites.map((s) => [s.id, s]));
    this.#officers = new Map(snapshot.officers.map((o) => [o.id, o]));
    this.#officersVersion++;
    this.#rosterVersion++;
    this.#cases.clear();
    for (const c of snapshot.cases) this.#cases.put(c);
    this.#cases.takeTouched();
    // A version for every suite now, so a suite's first case later does not wake every reader.
    const suiteIds = new Set([...snapshot.suites.map((s) => s.id), ...snapshot.cases.map((c) => c.suiteId)]);
    this.#suiteVersions = new Map([...suiteIds].map((id) => [id, new Version()]));
    this.#casesVersion++;
    this.#assignments = snapshot.assignments.slice(0, ACTIVITY_KEPT);
    this.#highHarm = snapshot.highHarm;
    this.#derived = snapshot.derived;
    this.#derivedCursor = derived;
    this.#derivedHeardAt = Date.now();
    this.#lastSeq = snapshot.seq;
    this.#tell(snapshot.cases);
  }

  #tell(cases: readonly CaseView[]): void {
    if (cases.length > 0) for (const listener of this.#caseListeners) listener(cases);
  }

  /**
   * Applies deltas in sequence order, skipping any already applied. Stops at the first gap (a
   * missed sequence number) and reports it, so the caller can ask the server to fill it.
   */
  apply(deltas: readonly Delta[]): ApplyResult {
    if (this.#lastSeq === null) return { ok: false, gapAfter: null };
    let seq = this.#lastSeq;
    let suites: Map<string, SuiteView> | null = null;
    let officersMoved = false;
    let rosterChanged = false;
    let casesChanged = false;
    let moves: AssignmentView[] | null = null;
    let highHarm: HighHarmRuleSetView | null = null;
    const changed: CaseView[] = [];
    let gap = false;
    for (const delta of [...deltas].sort((a, b) => a.seq - b.seq)) {
      if (delta.seq <= seq) continue;
      if (delta.seq !== seq + 1) {
        gap = true;
        break;
      }
      const { patch } = delta;
      // Copy the suites at most once per batch; officers and cases are changed in place.
      if (patch.suites) {
        for (const figures of patch.suites) {
          const known = (suites ??= new Map(this.#suites)).get(figures.id);
          // Suites are reference data: every one the server can patch came in the snapshot.
          if (known) suites.set(figures.id, { ...known, ...figures });
        }
      }
      if (patch.officers) {
        for (const o of patch.officers) this.#officers.set(o.id, o);
        rosterChanged = true;
      }
      // Moves in place: the rest of each officer is unchanged (see the class comment).
      if (patch.positions && moveInPlace(this.#officers, patch.positions)) officersMoved = true;
      if (patch.cases) {
        for (const c of patch.cases) {
          this.#cases.put(c);
          changed.push(c);
        }
        casesChanged = true;
      }
      if (patch.closedCases) {
        for (const ref of patch.closedCases) this.#cases.drop(ref);
        casesChanged = true;
      }
      if (patch.assignment) {
        const move = patch.assignment;
        moves = [move, ...(moves ?? this.#assignments).filter((a) => a.seq !== move.seq)].slice(0, ACTIVITY_KEPT);
      }
      if (patch.highHarm) highHarm = patch.highHarm;
      seq = delta.seq;
    }
    if (suites) this.#suites = suites;
    if (officersMoved) this.#officersVersion++;
    if (rosterChanged) this.#rosterVersion++;
    if (casesChanged) this.#bumpCaseVersions();
    if (moves) this.#assignments = moves;
    if (highHarm) this.#highHarm = highHarm;
    this.#lastSeq = seq;
    this.#tell(changed);
    return gap ? { ok: false, gapAfter: seq } : { ok: true };
  }
}
