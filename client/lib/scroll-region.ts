/**
 * The attributes that make a box which scrolls on its own reachable from the keyboard
 * (WCAG 2.1.1): a tab stop, so the arrow keys and Page Down scroll it, announced as a region
 * with a name, so a screen reader says what is in it. Spread on the scrolling element itself,
 * never on a list or table (its role would be lost): `<div {...scrollRegion("Today's moves")}>`.
 * Its focus ring is drawn inside the box (app.css, `[data-scroll-region]`). `role` null keeps
 * the element's own role, for a landmark that scrolls (the page's `<main>`).
 */
export function scrollRegion(label: string, role: 'region' | null = 'region') {
  return { tabindex: 0, ...(role ? { role } : {}), 'aria-label': label, 'data-scroll-region': '' } as const;
}
