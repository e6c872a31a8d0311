import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.2 level AA as axe-core tags its rules: every A and AA rule of 2.0, 2.1 and 2.2. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core over the page as it is now (what is shown: hidden views, closed dialogs and
 * folded details are not checked, so open them first) and fails naming every violation: rule,
 * impact, each element it found and what would fix it. `where` says which page and state.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact ?? 'unknown'}) at ${node.target.join(' ')}: ${v.help}`));
  expect(found, `axe-core on ${where}`).toEqual([]);
}
