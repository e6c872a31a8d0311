import { z } from 'zod';
import { AuditEntryView, ChainCheck, CreateIngestKey, CreateKiosk, CreateUser, IngestKeyView, KioskSignIn, KioskView, Login, Me, SecurityEntryView, UpdateUser, UserView } from '../auth.js';
import { ERROR_CODES } from '../constants.js';
import { IngestItem, LoggedEvent } from '../event-registry.js';
import { HighHarmDefinition, HighHarmVerdict } from '../high-harm.js';
import { IngestBatch, IngestResult } from '../ingest.js';
import { FootfallReview, MeetingRow, MeetingView, PackRow, PerformancePack, Recommendation, SuiteForecast } from '../meeting.js';
import { LivenessReport, ReadinessReport } from '../ops.js';
import {
  AlertView,
  AssignmentView,
  CaseView,
  CoverageFigures,
  OutcomeCounts,
  CoverageReport,
  DayFootfall,
  EtdReport,
  EtdRow,
  HighHarmRuleSetView,
  LiveDerived,
  NonAttendanceRegister,
  OfficerView,
  Snapshot,
  SuiteView,
  TimelineEntry,
} from '../views.js';
import { ClientConfig, Done, Health, HighHarmHistory } from './answers.js';
import { AnswerLine, ProgressLine } from './progress.js';

/** Every refusal, on every route: the protocol's error envelope. */
export const Refusal = z
  .strictObject({
    ok: z.literal(false),
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().describe('A sentence a person or a feed developer can act on.') }),
  })
  .describe('A refusal: nothing was changed.');

/**
 * The schemas the API description names (and links to) rather than repeating them inline: what
 * callers send, described as they may send it (defaults may be left out)…
 */
export const REQUEST_COMPONENTS = { Login, KioskSignIn, CreateUser, UpdateUser, CreateKiosk, CreateIngestKey, IngestBatch, IngestItem };

/** …and what the server answers, described as it answers. */
export const RESPONSE_COMPONENTS = {
  Refusal,
  ProgressLine,
  AnswerLine,
  Done,
  Health,
  ClientConfig,
  Me,
  Snapshot,
  SuiteView,
  DayFootfall,
  CoverageFigures,
  OutcomeCounts,
  OfficerView,
  CaseView,
  HighHarmVerdict,
  AlertView,
  LiveDerived,
  AssignmentView,
  HighHarmRuleSetView,
  HighHarmDefinition,
  HighHarmHistory,
  LoggedEvent,
  TimelineEntry,
  NonAttendanceRegister,
  CoverageReport,
  EtdReport,
  EtdRow,
  MeetingView,
  MeetingRow,
  Recommendation,
  SuiteForecast,
  PerformancePack,
  PackRow,
  FootfallReview,
  IngestResult,
  UserView,
  KioskView,
  IngestKeyView,
  AuditEntryView,
  SecurityEntryView,
  ChainCheck,
  LivenessReport,
  ReadinessReport,
};
