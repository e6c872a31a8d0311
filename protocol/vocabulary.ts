import { z } from 'zod';

/** The closed vocabularies of DOMAIN.md, shared by server, client and feeds. */
export const OfficerRole = z.enum(['embedded_io', 'ice_officer']);
export const OfficerStatus = z.enum(['off_duty', 'available', 'travelling', 'at_suite']);
/** What a rostering feed may set directly; travelling and at_suite follow from moves. */
export const RosterStatus = z.enum(['off_duty', 'available']);
export const CheckMode = z.enum(['face_to_face', 'remote']);
export const CheckOutcome = z.enum([
  'no_trace',
  'lawfully_present',
  'immigration_offender',
  'subject_to_removal',
  'deportation_conduct',
]);
export const Disposal = z.enum(['charged', 'bailed', 'released']);

export type OfficerRole = z.infer<typeof OfficerRole>;
export type OfficerStatus = z.infer<typeof OfficerStatus>;
export type RosterStatus = z.infer<typeof RosterStatus>;
export type CheckMode = z.infer<typeof CheckMode>;
export type CheckOutcome = z.infer<typeof CheckOutcome>;
export type Disposal = z.infer<typeof Disposal>;

export const OFFICER_STATUS_LABEL: Record<OfficerStatus, string> = {
  off_duty: 'Off duty',
  available: 'Available',
  travelling: 'Travelling',
  at_suite: 'At suite',
};
export const OFFICER_ROLE_LABEL: Record<OfficerRole, string> = {
  embedded_io: 'Embedded IO',
  ice_officer: 'ICE officer',
};
