import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { liveFeedParser } from '../../server/transport/live-feed-parser.js';

const ours = new liveFeedParser.Encoder();
const stock = new Encoder();

describe('the live feed encoder', () => {
  it('writes the live events exactly as the default encoder does', () => {
    const packets = [
      { type: PacketType.EVENT, nsp: '/', data: ['sync:deltas', [{ seq: 1, patch: { positions: [['MET-IO-01', 51.5, -0.1]] } }]] },
      { type: PacketType.EVENT, nsp: '/', data: ['sync:heartbeat', { seq: 9, serverTime: 1 }] },
      { type: PacketType.EVENT, nsp: '/admin', id: 12, data: ['live:derived', { at: 1, alerts: [], note: 'quote " and \u2028' }] },
    ];
    for (const p of packets) expect(ours.encode(p)).toEqual(stock.encode(p));
  });

  it('leaves acks and binary payloads to the default encoder', () => {
    const ack = { type: PacketType.ACK, nsp: '/', id: 3, data: [{ ok: true, data: Buffer.from('x') }] };
    expect(ours.encode(ack)).toEqual(stock.encode(ack));
    expect(ours.encode(ack)).toHaveLength(2); // a binary ack: header plus one attachment
  });
});
