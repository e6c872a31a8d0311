import { describe, expect, it } from 'vitest';
import type { OfficerView } from '../../protocol/index.js';
import { moveInPlace } from '../../client/lib/officer-moves.js';

const officer = (id: string, lat: number, lng: number): OfficerView => ({
  id,
  role: 'embedded_io',
  region: 'London',
  status: 'available',
  lat,
  lng,
  suiteId: null,
  etaAt: null,
  statusSince: 0,
  version: 1,
  move: null,
  positionAt: 0,
});

describe('officers moved in place (a position tick)', () => {
  it('sets the position on the view held, keeping the map and every view, and says someone moved', () => {
    const a = officer('A', 51.5, -0.1);
    const b = officer('B', 53.4, -2.2);
    const officers = new Map([
      ['A', a],
      ['B', b],
    ]);
    expect(moveInPlace(officers, [['A', 51.6, -0.2]])).toBe(true);
    expect(officers.get('A')).toBe(a);
    expect(a).toMatchObject({ lat: 51.6, lng: -0.2, version: 1, status: 'available' });
    expect(b).toMatchObject({ lat: 53.4, lng: -2.2 });
  });

  it('says nobody moved when every position is where it was, or the call sign is not held', () => {
    const officers = new Map([['A', officer('A', 51.5, -0.1)]]);
    expect(moveInPlace(officers, [['A', 51.5, -0.1]])).toBe(false);
    expect(moveInPlace(officers, [['OUT-OF-SCOPE', 50, 0]])).toBe(false);
    expect(officers.size).toBe(1);
  });
});
