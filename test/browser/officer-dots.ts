import type { Page } from 'playwright-core';

export interface Dot {
  /** Page coordinates of the dot's centre, for the mouse. */
  x: number;
  y: number;
}

/**
 * The officer dots of one colour that a person can see on a map, found by looking at the
 * officers' canvas the way a person looks at the screen: each dot is a small disc of its status
 * colour. Only dots inside the visible map count (Leaflet's canvas reaches past its edges).
 */
export function officerDots(page: Page, colour: string, map = '[data-testid=map]'): Promise<Dot[]> {
  return page.evaluate(
    ([colour, map]) => {
      const container = document.querySelector(map);
      const canvas = container?.querySelector<HTMLCanvasElement>('.leaflet-officers-pane canvas');
      if (!container || !canvas || canvas.width === 0) return [];
      const { data, width } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      const spots: Array<{ x0: number; y0: number; x: number; y: number; n: number }> = [];
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b || data[i + 3] !== 255) continue;
        const [x, y] = [(i / 4) % width, Math.floor(i / 4 / width)];
        let spot = spots.find((s) => Math.abs(s.x0 - x) <= 8 && Math.abs(s.y0 - y) <= 8);
        if (!spot) spots.push((spot = { x0: x, y0: y, x: 0, y: 0, n: 0 }));
        spot.x += x;
        spot.y += y;
        spot.n++;
      }
      const c = canvas.getBoundingClientRect();
      const view = container.getBoundingClientRect();
      return spots
        .map((s) => ({ x: c.left + ((s.x / s.n + 0.5) * c.width) / canvas.width, y: c.top + ((s.y / s.n + 0.5) * c.height) / canvas.height }))
        .filter((d) => d.x > view.left && d.x < view.right && d.y > view.top && d.y < view.bottom);
    },
    [colour, map] as const,
  );
}

/** How many pixels of the officers' canvas are painted at all (0 when there is no canvas). */
export function officerPixels(page: Page, map = '[data-testid=map]'): Promise<number> {
  return page.evaluate((map) => {
    const canvas = document.querySelector(map)?.querySelector<HTMLCanvasElement>('.leaflet-officers-pane canvas');
    if (!canvas || canvas.width === 0) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
    return painted;
  }, map);
}
