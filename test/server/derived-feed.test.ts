import { describe, expect, it } from 'vitest';
import { openHelloDerived, type LiveDerived } from '../../protocol/index.js';
import { DerivedFeed } from '../../server/transport/derived-feed.js';

const view = (at: number, queue: string[]): LiveDerived => ({
  at,
  alerts: [],
  ccuQueue: queue,
  capacity: { 'met-brixton': { officers: 2, queue: queue.length, canClear: 1 } },
});

/**
 * A hello that cannot resume its derived feed (another node, a restart, no cursor) is sent the
 * view whole. After a restart a control room's worth of screens ask at once, so the whole view is
 * packed once per version and every one of them is sent the same bytes (measures 8 and 9).
 */
describe('a derived feed answering hellos', () => {
  it('packs the whole view once per version and sends every screen the same bytes', async () => {
    const feed = new DerivedFeed(view(1_000, ['MP/0001/26']));
    const first = feed.forHello(null);
    expect(Array.isArray(first)).toBe(false);
    expect(feed.forHello({ feed: 'another-node', version: 0 })).toBe(first); // the very same buffer
    expect(feed.forHello(undefined)).toBe(first);
    expect(openHelloDerived(first)).toEqual(feed.since(null));

    feed.advance(view(2_000, ['MP/0002/26', 'MP/0001/26']));
    const second = feed.forHello(null);
    expect(second).not.toBe(first);
    expect(openHelloDerived(second)).toEqual([{ kind: 'whole', feed: feed.id, version: 1, view: view(2_000, ['MP/0002/26', 'MP/0001/26']) }]);
  });

  it('sends a screen that can resume only the changes it missed, as they are', () => {
    const feed = new DerivedFeed(view(1_000, []));
    const left = feed.cursor;
    const change = feed.advance(view(2_000, ['MP/0001/26']));
    expect(feed.forHello(left)).toEqual([change]);
    expect(feed.forHello(feed.cursor)).toEqual([]);
  });

});
