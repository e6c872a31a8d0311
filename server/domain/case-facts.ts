import type { DomainEvent } from '../../protocol/index.js';
import { findCase } from './case-reducer.js';
import { detentionLimits } from './pace.js';
import type { Rejection } from './decisions.js';
import type { State } from './state.js';

type CaseFact = Exclude<Extract<DomainEvent, { data: { custodyRef: string } }>, { type: 'arrest.booked' }>;

/**
 * Whether a fact about an existing case fits it. Facts may arrive late and out of order, so a
 * fact timed before the release is still welcome after it; one timed after the release, a second
 * release or a second completed check is impossible and refused.
 */
export function checkCaseFact(state: State, fact: CaseFact, at: number): Rejection | null {
  const ref = fact.data.custodyRef;
  const kase = findCase(state, ref);
  if (!kase) return { code: 'unknown_case', message: `No case with custody reference ${ref} (booking must come first).` };
  // A release "not recorded" was the server's inference, not a fact: the real one replaces it.
  if (fact.type === 'detainee.released' && kase.released && kase.released.disposal !== 'not_recorded')
    return { code: 'case_released', message: `${ref} was already released at ${new Date(kase.released.at).toISOString()}.` };
  if (kase.released && at > kase.released.at && fact.type !== 'non_attendance.reason_set' && fact.type !== 'outcome.recorded')
    return { code: 'case_released', message: `${ref} was released before this ${fact.type} (${new Date(at).toISOString()}).` };
  switch (fact.type) {
    case 'check.completed':
      return kase.check ? { code: 'already_checked', message: `${ref} has already been checked.` } : officer(state, fact.data.officerId);
    case 'check.started':
    case 'decision.made':
    case 'etd.applied':
      return officer(state, fact.data.officerId);
    case 'interview.held':
      return officer(state, fact.data.officerId);
    case 'case.transferred': {
      const to = state.suites.get(fact.data.toSuiteId);
      if (!to) return { code: 'unknown_suite', message: `No custody suite with id ${fact.data.toSuiteId}.` };
      if (!to.open) return { code: 'suite_closed', message: `${to.name} is closed and cannot take transfers.` };
      if (to.id === kase.suiteId) return { code: 'impossible_transition', message: `${ref} is already at ${to.name}.` };
      return null;
    }
    case 'pace.extended': {
      const { baseHours, maxHours } = detentionLimits(kase.region);
      const hours = fact.data.limitHours;
      if (hours <= baseHours || hours > maxHours)
        return { code: 'impossible_transition', message: `Detention in ${kase.region} can be extended beyond ${baseHours} h up to ${maxHours} h, not to ${hours} h.` };
      return null;
    }
    case 'attendance.declined':
      return officer(state, fact.data.officerId);
    case 'outcome.recorded': {
      const same = kase.outcomes.find((o) => o.outcome === fact.data.outcome);
      return same
        ? { code: 'impossible_transition', message: `${ref} already has the outcome ${fact.data.outcome} (${new Date(same.at).toISOString()}).` }
        : null;
    }
    case 'check.released':
    case 'non_attendance.reason_set':
    case 'case.referred':
    case 'acro.requested':
    case 'acro.returned':
    case 'travel_document.recorded':
    case 'etd.agreed':
    case 'detainee.released':
      return null;
    default: {
      const never: never = fact;
      throw new Error(`checkCaseFact: unhandled fact ${JSON.stringify(never)}`);
    }
  }
}

function officer(state: State, id: string | null): Rejection | null {
  return id === null || state.officers.has(id) ? null : { code: 'unknown_officer', message: `No officer with call sign ${id}.` };
}
