import { touchesOf, type DomainEvent } from '../../protocol/index.js';
import { findCase } from './case-reducer.js';
import type { Rejection } from './decisions.js';
import type { State } from './state.js';

/**
 * A check on one fact against the state it is about to be applied to. The engine runs it inside
 * its write queue, for every fact, on the same state the fact is applied to: a check made outside
 * the queue could judge a different state.
 */
export type EventGuard = (state: State, event: DomainEvent) => Rejection | null;

const forbidden = (message: string): Rejection => ({ code: 'forbidden', message });

/**
 * Who is limited to some regions (a regional feed key, a regional duty manager) may write only
 * facts whose every named suite, officer and case is in those regions (a case's region is the one
 * every screen files it under). Facts that change every region (a national rule set) need a national writer. What each fact
 * names comes from the event registry, so a new fact type cannot skip this check.
 */
export function withinRegions(regions: readonly string[]): EventGuard | undefined {
  if (regions.length === 0) return undefined;
  const allowed = new Set(regions);
  return (state, event) => {
    const touches = touchesOf(event);
    if (touches.national) return forbidden('Only a national account can change this.');
    const named: [string, string | undefined][] = [
      ...(touches.suites ?? []).map((id): [string, string | undefined] => [`suite ${id}`, state.suites.get(id)?.region]),
      ...(touches.officers ?? []).map((id): [string, string | undefined] => [`officer ${id}`, state.officers.get(id)?.region]),
      ...(touches.cases ?? []).map((ref): [string, string | undefined] => [`case ${ref}`, findCase(state, ref)?.region]),
    ];
    // Something the state does not know is refused by the fact's own check (unknown_…), not here.
    const outside = named.find(([, region]) => region !== undefined && !allowed.has(region));
    return outside ? forbidden(`${outside[0]} is outside ${[...allowed].join(', ')}.`) : null;
  };
}
