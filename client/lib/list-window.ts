/** A list longer than this keeps only the rows in sight in the page; a shorter one is cheap whole. */
export const VIRTUAL_ABOVE_ROWS = 100;
/** Every row of a windowed list is this tall (SuiteList's CSS says the same), so a row's place is its index times this. */
export const VIRTUAL_ROW_PX = 48;
/** Rows kept beyond each edge of the view, so a quick scroll or a keypress rarely shows a gap. */
const OVERSCAN = 8;

export interface ListWindow {
  virtual: boolean;
  /** Index of the first row in the page, and one past the last. */
  first: number;
  last: number;
  /** Space kept for the rows above and below the window, in pixels. */
  before: number;
  after: number;
}

/**
 * Which rows of a list of `rows` to put in the page when it is scrolled to `scrollTop` and shows
 * at most `height` pixels. At national scale the suite list has 250 rows, re-ranked every second: with all
 * of them in the page each tick re-laid and re-checked 250 rows (content-visibility still watches
 * each one); a window keeps it to the thirty or so a person can see.
 */
export function windowOf(rows: number, scrollTop: number, height: number): ListWindow {
  if (rows <= VIRTUAL_ABOVE_ROWS) return { virtual: false, first: 0, last: rows, before: 0, after: 0 };
  const view = Math.max(height, 0);
  const first = Math.max(0, Math.min(rows - 1, Math.floor(scrollTop / VIRTUAL_ROW_PX) - OVERSCAN));
  const last = Math.min(rows, Math.ceil((scrollTop + view) / VIRTUAL_ROW_PX) + OVERSCAN);
  return { virtual: true, first, last, before: first * VIRTUAL_ROW_PX, after: (rows - last) * VIRTUAL_ROW_PX };
}
