import type { HelloDerived, PackedSnapshot } from '../../protocol/index.js';
import { EncodedJson, placeholder } from './encoded-json.js';

/**
 * A HelloReply (protocol/socket.ts) as JSON text around the deltas' text, which the scope's
 * DeltaJson wrote once for every screen; the packed snapshot and a packed whole derived view go
 * as binary attachments, as Socket.IO would send them.
 */
export function encodeHelloReply(deltasJson: string, derived: HelloDerived, packed?: PackedSnapshot): EncodedJson {
  const attachments: (ArrayBuffer | Uint8Array)[] = [];
  const binary = (bytes: ArrayBuffer | Uint8Array): string => placeholder(attachments.push(bytes) - 1);
  const derivedJson = Array.isArray(derived) ? JSON.stringify(derived) : binary(derived);
  if (!packed) return new EncodedJson(`{"mode":"deltas","deltas":${deltasJson},"derived":${derivedJson}}`, attachments);
  const packedJson = `{"seq":${packed.seq},"gzip":${binary(packed.gzip)},"derived":${JSON.stringify(packed.derived)}}`;
  return new EncodedJson(`{"mode":"snapshot","packed":${packedJson},"deltas":${deltasJson},"derived":${derivedJson}}`, attachments);
}
