import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DerivedChange, DerivedCursor, DerivedUpdate, HelloDerived, LiveDerived } from '../../protocol/index.js';
import { diffDerived } from '../domain/index.js';

/** Changes kept for screens that come back: at one a second while facts flow, two minutes' worth. */
const KEPT = 120;

/**
 * One scope's derived view on this node, as a numbered series of changes (decision 58). The diff
 * is worked out here once per scope and sent to its room, never per socket; the view it starts
 * from is already filtered for the scope, so a change can only carry what the scope may see.
 */
export class DerivedFeed {
  /** This node's life and this scope: a screen's version means nothing against another feed. 72 random bits, short on the wire. */
  readonly id = randomBytes(9).toString('base64url');
  #version = 0;
  #view: LiveDerived;
  readonly #changes: { version: number; change: DerivedChange }[] = [];
  /** The current view whole, packed for the first screen that needs it and shared by the rest until the next version. */
  #packedWhole: Buffer | null = null;

  constructor(view: LiveDerived) {
    this.#view = view;
  }

  get view(): LiveDerived {
    return this.#view;
  }

  get cursor(): DerivedCursor {
    return { feed: this.id, version: this.#version };
  }

  /** Moves to the scope's newly computed view; the change to send its room, or null if none. */
  advance(view: LiveDerived): DerivedUpdate | null {
    const change = diffDerived(this.#view, view);
    if (!change) return null;
    this.#view = view;
    this.#packedWhole = null;
    this.#version++;
    this.#changes.push({ version: this.#version, change });
    if (this.#changes.length > KEPT) this.#changes.shift();
    return { kind: 'change', feed: this.id, version: this.#version, change };
  }

  /**
   * What a screen at `cursor` lacks to reach the current version: exactly the changes after it,
   * or the whole view when it holds another feed's version or one older than those kept.
   */
  since(cursor: DerivedCursor | null | undefined): DerivedUpdate[] {
    const oldest = this.#changes[0]?.version ?? this.#version + 1;
    if (!cursor || cursor.feed !== this.id || cursor.version > this.#version || cursor.version < oldest - 1) {
      return [{ kind: 'whole', feed: this.id, version: this.#version, view: this.#view }];
    }
    return this.#changes.filter((c) => c.version > cursor.version).map((c) => ({ kind: 'change', feed: this.id, version: c.version, change: c.change }));
  }

  /**
   * `since` as a hello reply carries it: the changes as they are, the whole view packed once per
   * version and the same bytes sent to every screen. A national view is a few hundred KB of JSON,
   * and after a restart or a failover a control room's worth of screens ask for it at once:
   * encoded per socket, it held up the event loop for seconds (measures 8 and 9).
   */
  forHello(cursor: DerivedCursor | null | undefined): HelloDerived {
    const updates = this.since(cursor);
    if (updates[0]?.kind !== 'whole') return updates;
    this.#packedWhole ??= packDerived(updates[0]);
    return this.#packedWhole;
  }
}

/**
 * An update as it crosses the network (protocol/derived.ts), packed once per scope, never per
 * socket. A broadcast change is a few KB and a whole view a few hundred, so compressed at once on
 * the event loop (a millisecond or two), which also keeps the room's updates in order.
 */
export const packDerived = (update: DerivedUpdate): Buffer => gzipSync(JSON.stringify(update), { level: 6 });
