import { longestIncreasing } from '../../../protocol/longest-increasing.js';

/**
 * Puts `elements` (children of one parent, and its only ones) into this order, moving only those
 * that must move. Each element moved costs the browser a style and layout of it (an SVG shape is
 * taken out of the page and put back): a suite that jumps ahead of a hundred others moves alone,
 * not the hundred. Returns how many moved.
 */
export function arrange(elements: readonly Element[]): number {
  const parent = elements[0]?.parentNode;
  if (!parent) return 0;
  const position = new Map<Element, number>();
  let n = 0;
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) position.set(child, n++);
  const from = elements.map((el) => position.get(el) ?? -1);
  // Positions are each one element's: those on the run stay (one not under the parent yet moves).
  const run = new Set(longestIncreasing(from));
  const stays = from.map((at) => at >= 0 && run.has(at));
  let moved = 0;
  let next: Element | null = null;
  for (let i = elements.length - 1; i >= 0; i--) {
    const el = elements[i]!;
    if (!stays[i]) {
      parent.insertBefore(el, next);
      moved++;
    }
    next = el;
  }
  return moved;
}
