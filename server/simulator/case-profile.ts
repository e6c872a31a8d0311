import type { IntelFlag, OffenceCategory } from '../../protocol/index.js';
import {
  INTEL_FLAG_MIX,
  INTEL_FLAG_RATE,
  INTEL_PRONE_OFFENCES,
  OFFENCE_MIX,
  PRIOR_OFFENCES_MIX,
  SECOND_FLAG_RATE,
} from './demand-model.js';
import type { Rng } from './random.js';

/** What custody records at booking about why the person is held: what High Harm is judged on. */
export interface CaseProfile {
  offenceCategory: OffenceCategory;
  intelFlags: IntelFlag[];
  priorOffences: number;
}

/** Draws the offence, any intelligence flags (likelier for organised and violent crime) and prior offences. */
export function drawProfile(rng: Rng): CaseProfile {
  const offenceCategory = rng.weighted(OFFENCE_MIX);
  const rate = INTEL_PRONE_OFFENCES.has(offenceCategory) ? INTEL_FLAG_RATE.prone : INTEL_FLAG_RATE.other;
  const intelFlags: IntelFlag[] = [];
  if (rng.chance(rate)) {
    const first = rng.weighted(INTEL_FLAG_MIX);
    intelFlags.push(first);
    if (rng.chance(SECOND_FLAG_RATE)) {
      intelFlags.push(rng.weighted(INTEL_FLAG_MIX.filter(([flag]) => flag !== first)));
    }
  }
  return { offenceCategory, intelFlags, priorOffences: rng.weighted(PRIOR_OFFENCES_MIX) };
}
