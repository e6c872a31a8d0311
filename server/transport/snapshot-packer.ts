import type { DerivedCursor, PackedSnapshot, Snapshot } from '../../protocol/index.js';
import { KeptSnapshotParts } from './kept-snapshot-parts.js';

/** How long a packed snapshot serves later hellos at the same sequence number (alerts age with time). */
const FRESH_MS = 1_000;
/**
 * How far a hello may be served the scope's last packed snapshot plus the deltas since, instead of
 * a snapshot packed for it: at most this old and this many events behind. Two seconds of a busy
 * national feed is a few position ticks, so the deltas stay smaller than the snapshot.
 */
const BASE_MAX_AGE_MS = 2_000;
const BASE_MAX_EVENTS = 400;

interface Packing {
  seq: number;
  at: number;
  packed: Promise<PackedSnapshot>;
}

/**
 * Packs each scope's snapshot once per sequence number, for every screen that asks: after a
 * restart a whole control room reconnects at once, and each would otherwise cost a national
 * snapshot's build and encoding. Each scope keeps its snapshot's encoded and compressed parts
 * between packings, so a packing encodes and compresses only the chunks that changed
 * (kept-snapshot-parts.ts); compression runs on libuv's thread pool, so a large snapshot does not
 * hold up the live feed.
 *
 * While facts flow, each hello arrives at a new sequence number. Rather than packing for each
 * one, a hello may take the scope's last packed snapshot (`recent`) and the deltas after it, and
 * the packer packs a newer one afterwards, at most once a second per scope (`refresh`): a burst of
 * screens costs one packing a second, not one each (decision 59).
 */
export class SnapshotPacker {
  readonly #cache = new Map<string, Packing>();
  readonly #parts = new Map<string, KeptSnapshotParts>();

  /** `build` names the version of the scope's derived view the snapshot holds, for the changes after it. */
  packed(scopeKey: string, seq: number, build: () => { snapshot: Snapshot; derived: DerivedCursor }): Promise<PackedSnapshot> {
    const now = Date.now();
    const hit = this.#cache.get(scopeKey);
    if (hit && hit.seq === seq && now - hit.at < FRESH_MS) return hit.packed;
    const { snapshot, derived } = build();
    let parts = this.#parts.get(scopeKey);
    if (!parts) this.#parts.set(scopeKey, (parts = new KeptSnapshotParts()));
    const packed = parts.pack(snapshot).then((bytes) => ({ seq: snapshot.seq, gzip: bytes, derived }));
    this.#cache.set(scopeKey, { seq, at: now, packed });
    // A failed compression must not be served again, nor any part of it kept.
    packed.catch(() => {
      if (this.#cache.get(scopeKey)?.packed === packed) this.#cache.delete(scopeKey);
      if (this.#parts.get(scopeKey) === parts) this.#parts.delete(scopeKey);
    });
    return packed;
  }

  /** The scope's last packed snapshot, if it is recent enough to serve a hello at `seq` with the deltas since. */
  recent(scopeKey: string, seq: number): { seq: number; packed: Promise<PackedSnapshot> } | null {
    const hit = this.#cache.get(scopeKey);
    if (!hit || hit.seq > seq || seq - hit.seq > BASE_MAX_EVENTS || Date.now() - hit.at >= BASE_MAX_AGE_MS) return null;
    return hit;
  }

  /** Packs a newer snapshot after the current turn, if the scope's last is behind `seq` and a second old. */
  refresh(scopeKey: string, seq: number, currentSeq: () => number, build: () => { snapshot: Snapshot; derived: DerivedCursor }): void {
    const hit = this.#cache.get(scopeKey);
    if (!hit || hit.seq === seq || Date.now() - hit.at < FRESH_MS) return;
    setImmediate(() => {
      const latest = this.#cache.get(scopeKey);
      if (latest === hit) void this.packed(scopeKey, currentSeq(), build).catch(() => undefined);
    });
  }
}
