import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

/**
 * One part of a gzip stream made of parts compressed on their own, so a part that did not change
 * is not compressed again. Each part is raw deflate ending in a sync flush (byte-aligned, not the
 * last block), so parts join into one deflate stream, closed by `gzipOf`: the result is a single
 * ordinary gzip member that any decompressor opens (the browser's DecompressionStream included).
 */
export interface GzipPart {
  /** The part's bytes before compression, as UTF-8. */
  readonly bytes: Buffer;
  /** Its deflate blocks. */
  readonly deflated: Promise<Buffer>;
}

/** Parts shorter than this are stored, not compressed: a thread-pool trip costs more than the bytes saved. */
const STORE_BELOW = 2_048;

/** Compresses on libuv's thread pool, so a large part does not hold up the live feed. */
export function gzipPart(text: string, level: number): GzipPart {
  const bytes = Buffer.from(text, 'utf8');
  const deflated = bytes.length < STORE_BELOW ? Promise.resolve(stored(bytes)) : deflateRawAsync(bytes, { level, finishFlush: constants.Z_SYNC_FLUSH });
  return { bytes, deflated };
}

/** The parts, in order, as one gzip member. */
export async function gzipOf(parts: readonly GzipPart[]): Promise<Buffer> {
  const blocks = await Promise.all(parts.map((p) => p.deflated));
  let crc = 0;
  let size = 0;
  for (const p of parts) {
    crc = crc32(p.bytes, crc);
    size += p.bytes.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return Buffer.concat([HEADER, ...blocks, LAST_BLOCK, trailer]);
}

/** Gzip header: deflate, no name, no time, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** An empty final block (fixed Huffman codes: the header bits, then end-of-block). */
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

/** Bytes as stored (uncompressed) deflate blocks, not the last one: at most 65,535 bytes a block. */
function stored(bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += 65_535) {
    const block = bytes.subarray(at, at + 65_535);
    const head = Buffer.alloc(5);
    head.writeUInt8(0x00, 0); // BFINAL 0, BTYPE 00 (stored), padded to the byte
    head.writeUInt16LE(block.length, 1);
    head.writeUInt16LE(~block.length & 0xffff, 3);
    out.push(head, block);
    if (bytes.length === 0) break;
  }
  return Buffer.concat(out);
}
