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

/**
 * An officer writes only as themselves, and only about the people at their own suite: every
 * officer a fact names must be their call sign, and every case it names must be at the suite they
 * are at or on their way to. Read from the registry's `touches`, like the region check, so a new
 * fact an officer could send is covered without a new rule. An account not linked to a call sign
 * writes nothing.
 */
export function asOfficer(callSign: string | null): EventGuard {
  return (state, event) => {
    if (callSign === null) return forbidden('Your account is not linked to a call sign; ask an admin to link it.');
    const touches = touchesOf(event);
    if (touches.national) return forbidden('Only a national account can change this.');
    const other = (touches.officers ?? []).find((id) => id !== callSign);
    if (other !== undefined) return forbidden(`You act for ${callSign}, not for ${other}.`);
    const suiteId = state.officers.get(callSign)?.suiteId ?? null;
    for (const ref of touches.cases ?? []) {
      const kase = findCase(state, ref);
      if (kase && kase.suiteId !== suiteId) return forbidden(`Case ${ref} is not at your suite.`);
    }
    return null;
  };
}
