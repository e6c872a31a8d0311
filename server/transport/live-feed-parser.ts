import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { ServerToClient } from '../../protocol/index.js';
import { EncodedJson } from './encoded-json.js';

/** Whether each server-to-client event is plain JSON by protocol (a new one must say so here); `live:derived` is gzip bytes. */
const JSON_ONLY: Record<keyof ServerToClient, boolean> = { 'sync:deltas': true, 'sync:heartbeat': true, 'live:derived': false };
const JSON_ONLY_EVENTS = new Set(Object.entries(JSON_ONLY).flatMap(([name, plain]) => (plain ? [name] : [])));

/**
 * Socket.IO's default encoder walks each payload looking for Buffers before it calls
 * JSON.stringify; on the live feed that walk is a third of the encoding time, for payloads that by
 * protocol never hold binary. This encoder writes those events straight to the same wire format
 * (`2[nsp,][id]<json>`); anything else (acks, unknown events) goes through the default.
 */
class LiveFeedEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    const encoded = packet.type === PacketType.ACK ? encodedAnswerOf(packet.data) : null;
    if (encoded) return encodeAnswer(packet, encoded);
    const name: unknown = Array.isArray(packet.data) ? packet.data[0] : undefined;
    if (packet.type !== PacketType.EVENT || typeof name !== 'string' || !JSON_ONLY_EVENTS.has(name)) return super.encode(packet);
    return [`${PacketType.EVENT}${nspOf(packet)}${packet.id ?? ''}${JSON.stringify(packet.data)}`];
  }
}

/**
 * An acknowledgement whose answer (`{ ok: true, data }`, validate.ts) was written as JSON already
 * (a hello's catch-up, encoded-json.ts): sent as it is, its binary parts as attachments.
 */
function encodedAnswerOf(data: unknown): EncodedJson | null {
  if (!Array.isArray(data) || data.length !== 1) return null;
  const answer: unknown = data[0];
  if (typeof answer !== 'object' || answer === null || !('ok' in answer) || answer.ok !== true || !('data' in answer)) return null;
  return answer.data instanceof EncodedJson ? answer.data : null;
}

function encodeAnswer(packet: Packet, encoded: EncodedJson): unknown[] {
  const n = encoded.attachments.length;
  const head = n > 0 ? `${PacketType.BINARY_ACK}${n}-` : `${PacketType.ACK}`;
  return [`${head}${nspOf(packet)}${packet.id ?? ''}[{"ok":true,"data":${encoded.json}}]`, ...encoded.attachments];
}

/** Socket.IO's wire form of a packet's namespace: nothing for the main one. */
const nspOf = (packet: Packet): string => (packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '');

/** The `parser` option of the Socket.IO server: our encoder, the default decoder (wire-compatible). */
export const liveFeedParser = { Encoder: LiveFeedEncoder, Decoder };
