import { z } from 'zod';
import {
  ALERT_KINDS,
  CANNOT_ATTEND_REASONS,
  CASE_OUTCOMES,
  CHECK_MODES,
  CHECK_OUTCOMES,
  DECISIONS,
  DISPOSALS,
  INTEL_FLAGS,
  NON_ATTENDANCE_REASONS,
  OFFENCE_CATEGORIES,
  OFFICER_ROLES,
  OFFICER_STATUSES,
  ROSTER_STATUSES,
  TRAVEL_DOCUMENTS,
} from './constants.js';

/** The closed vocabularies of DOMAIN.md as schemas; the values themselves are in constants.ts. */
export const OfficerRole = z.enum(OFFICER_ROLES);
export const OfficerStatus = z.enum(OFFICER_STATUSES);
export const RosterStatus = z.enum(ROSTER_STATUSES);
export const CheckMode = z.enum(CHECK_MODES);
export const CheckOutcome = z.enum(CHECK_OUTCOMES);
export const Disposal = z.enum(DISPOSALS);
export const Decision = z.enum(DECISIONS);
export const TravelDocument = z.enum(TRAVEL_DOCUMENTS);
export const OffenceCategory = z.enum(OFFENCE_CATEGORIES);
export const IntelFlag = z.enum(INTEL_FLAGS);
export const NonAttendanceReason = z.enum(NON_ATTENDANCE_REASONS);
export const AlertKind = z.enum(ALERT_KINDS);
export const CannotAttendReason = z.enum(CANNOT_ATTEND_REASONS);
export const CaseOutcome = z.enum(CASE_OUTCOMES);

export type OfficerRole = z.infer<typeof OfficerRole>;
export type OfficerStatus = z.infer<typeof OfficerStatus>;
export type RosterStatus = z.infer<typeof RosterStatus>;
export type CheckMode = z.infer<typeof CheckMode>;
export type CheckOutcome = z.infer<typeof CheckOutcome>;
export type Disposal = z.infer<typeof Disposal>;
export type Decision = z.infer<typeof Decision>;
export type TravelDocument = z.infer<typeof TravelDocument>;
export type OffenceCategory = z.infer<typeof OffenceCategory>;
export type IntelFlag = z.infer<typeof IntelFlag>;
export type NonAttendanceReason = z.infer<typeof NonAttendanceReason>;
export type AlertKind = z.infer<typeof AlertKind>;
export type CannotAttendReason = z.infer<typeof CannotAttendReason>;
export type CaseOutcome = z.infer<typeof CaseOutcome>;
