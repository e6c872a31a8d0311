import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { Delta, HelloReply } from '../../protocol/index.js';
import { filterDeltas, scopeFor } from '../../server/security/views.js';
import { DeltaJson } from '../../server/transport/delta-json.js';
import { encodeHelloReply } from '../../server/transport/hello-reply.js';
import { liveFeedParser } from '../../server/transport/live-feed-parser.js';

const delta = (seq: number): Delta => ({
  seq,
  at: 1_000 * seq,
  actor: 'PS 1234 Smith',
  source: 'custody',
  type: 'officers.moved',
  patch: { positions: [['MP-101', 51.5, -0.1]] },
});

/** What a socket.io-client receives for an encoded packet: the decoder's packet, attachments put back. */
function received(encoded: unknown[]): Packet {
  const decoder = new Decoder();
  let packet: Packet | null = null;
  decoder.on('decoded', (p: Packet) => (packet = p));
  for (const part of encoded) decoder.add(part as string);
  if (!packet) throw new Error('nothing decoded');
  return packet;
}

/** The same answer the way Socket.IO's own encoder sends a plain object. */
const plain = (reply: HelloReply): Packet => received(new Encoder().encode({ type: PacketType.ACK, nsp: '/', id: 7, data: [{ ok: true, data: reply }] }));
const ours = (encoded: ReturnType<typeof encodeHelloReply>): Packet =>
  received(new liveFeedParser.Encoder().encode({ type: PacketType.ACK, nsp: '/', id: 7, data: [{ ok: true, data: encoded }] }));

/**
 * A hello's reply is written as JSON text from each delta's text, made once per scope (so a crowd of
 * screens catching up costs one encoding of each delta, not one per socket): on the wire it must be
 * exactly the HelloReply Socket.IO would have sent, binary parts included.
 */
describe('a hello reply written once per delta', () => {
  const wall = scopeFor('wall', []);
  const filter = (ds: readonly Delta[]) => filterDeltas(ds, wall, () => 'met', () => 'met');

  it('reaches the client as the same reply, with the deltas as the scope sees them', () => {
    const missed = [delta(4), delta(5)];
    const derived = [{ kind: 'change' as const, feed: 'f', version: 3, change: { at: 5_000 } }];
    const got = ours(encodeHelloReply(new DeltaJson(filter).list(missed), derived));
    expect(got).toEqual(plain({ mode: 'deltas', deltas: filter(missed), derived }));
  });

  it('carries a packed snapshot and a packed whole derived view as attachments', () => {
    const gzip = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
    const whole = Buffer.from([0x1f, 0x8b, 9, 9]);
    const packed = { seq: 3, gzip, derived: { feed: 'f', version: 2 } };
    const encoded = encodeHelloReply(new DeltaJson(filter).list([delta(4)]), whole, packed);
    const wire = new liveFeedParser.Encoder().encode({ type: PacketType.ACK, nsp: '/', id: 7, data: [{ ok: true, data: encoded }] });
    expect(wire).toHaveLength(3); // the text, then each attachment as it is
    expect(String(wire[0])).toMatch(/^62-7\[/);
    expect(wire.slice(1)).toEqual(expect.arrayContaining([gzip, whole]));
    const got = ours(encoded);
    expect(got).toEqual(plain({ mode: 'snapshot', packed, deltas: filter([delta(4)]), derived: whole }));
  });

  it('writes each delta once and gives every later reply the same text', () => {
    let filtered = 0;
    const json = new DeltaJson((ds) => ((filtered += ds.length), filter(ds)));
    const [a, b, c] = [delta(1), delta(2), delta(3)];
    const first = json.list([a!, b!]);
    expect(JSON.parse(first)).toEqual(filter([a!, b!]));
    expect(json.list([b!, c!])).toBe(`[${JSON.stringify(filter([b!])[0])},${JSON.stringify(filter([c!])[0])}]`);
    expect(json.list([a!, b!, c!])).toBe(`${first.slice(0, -1)},${JSON.stringify(filter([c!])[0])}]`);
    expect(filtered).toBe(3);
    expect(json.list([])).toBe('[]');
  });
});
