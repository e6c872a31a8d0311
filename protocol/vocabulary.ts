import { z } from 'zod';
import { CHECK_MODES, CHECK_OUTCOMES, DISPOSALS, OFFICER_ROLES, OFFICER_STATUSES, ROSTER_STATUSES } from './constants.js';

/** The closed vocabularies of DOMAIN.md as schemas; the values themselves are in constants.ts. */
export const OfficerRole = z.enum(OFFICER_ROLES);
export const OfficerStatus = z.enum(OFFICER_STATUSES);
export const RosterStatus = z.enum(ROSTER_STATUSES);
export const CheckMode = z.enum(CHECK_MODES);
export const CheckOutcome = z.enum(CHECK_OUTCOMES);
export const Disposal = z.enum(DISPOSALS);

export type OfficerRole = z.infer<typeof OfficerRole>;
export type OfficerStatus = z.infer<typeof OfficerStatus>;
export type RosterStatus = z.infer<typeof RosterStatus>;
export type CheckMode = z.infer<typeof CheckMode>;
export type CheckOutcome = z.infer<typeof CheckOutcome>;
export type Disposal = z.infer<typeof Disposal>;
