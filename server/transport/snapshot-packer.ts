import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { packSnapshot, type DerivedCursor, type PackedSnapshot, type Snapshot } from '../../protocol/index.js';

const gzipAsync = promisify(gzip);


/** How long a packed snapshot serves later hellos at the same sequence number (alerts age with time). */
const FRESH_MS = 1_000;

/**
 * Packs each scope's snapshot once per sequence number, for every screen that asks: after a
 * restart a whole control room reconnects at once, and each would otherwise cost a national
 * snapshot's build and encoding. The columns are built and encoded on the event loop; gzip runs
 * on libuv's thread pool, so a large snapshot does not hold up the live feed.
 */
export class SnapshotPacker {
  readonly #cache = new Map<string, { seq: number; at: number; packed: Promise<PackedSnapshot> }>();

  /** `build` names the version of the scope's derived view the snapshot holds, for the changes after it. */
  packed(scopeKey: string, seq: number, build: () => { snapshot: Snapshot; derived: DerivedCursor }): Promise<PackedSnapshot> {
    const now = Date.now();
    const hit = this.#cache.get(scopeKey);
    if (hit && hit.seq === seq && now - hit.at < FRESH_MS) return hit.packed;
    const { snapshot, derived } = build();
    const json = JSON.stringify(packSnapshot(snapshot));
    const packed = gzipAsync(json, { level: 4 }).then((bytes) => ({ seq: snapshot.seq, gzip: bytes, derived }));
    this.#cache.set(scopeKey, { seq, at: now, packed });
    // A failed compression must not be served again.
    packed.catch(() => {
      if (this.#cache.get(scopeKey)?.packed === packed) this.#cache.delete(scopeKey);
    });
    return packed;
  }
}
