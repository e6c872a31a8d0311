import { z } from 'zod';
import { AuditEntryView, ChainCheck, CreateIngestKey, CreateKiosk, CreateUser, IngestKeyView, KioskView, SecurityEntryView, UpdateUser, UserView, withSecret } from '../auth.js';
import { Done } from './answers.js';
import { AuditQuery, IdParams, LimitQuery } from './queries.js';
import { route } from './route.js';

const ADMIN = ['admin'] as const;

/** An administrator's work: every change is audited, every secret shown once. */
export const ADMIN_ROUTES = {
  'GET /api/admin/users': route({ tag: 'Admin', summary: 'Every user', access: ADMIN, response: z.array(UserView) }),
  'POST /api/admin/users': route({
    tag: 'Admin',
    summary: 'Add a user',
    description: 'Without a password the server generates one and shows it once.',
    access: ADMIN,
    body: CreateUser,
    response: withSecret(UserView),
  }),
  'PATCH /api/admin/users/:id': route({
    tag: 'Admin',
    summary: "Change a user's role or regions, disable them, or reset their password",
    description: 'Their sessions end and their open screens are cut within seconds.',
    access: ADMIN,
    params: IdParams,
    body: UpdateUser,
    response: withSecret(UserView),
  }),
  'GET /api/admin/kiosks': route({ tag: 'Admin', summary: 'Every wall display', access: ADMIN, response: z.array(KioskView) }),
  'POST /api/admin/kiosks': route({
    tag: 'Admin',
    summary: 'Enrol a wall display',
    description: 'The secret is the token of its one-time enrolment link.',
    access: ADMIN,
    body: CreateKiosk,
    response: withSecret(KioskView),
  }),
  'POST /api/admin/kiosks/:id/revoke': route({ tag: 'Admin', summary: 'Revoke a wall display', access: ADMIN, params: IdParams, response: Done }),
  'POST /api/admin/kiosks/:id/enrolment': route({
    tag: 'Admin',
    summary: 'A new one-time enrolment link for a replaced display',
    description: "The old link and the old device's sessions end.",
    access: ADMIN,
    params: IdParams,
    response: withSecret(KioskView),
  }),
  'GET /api/admin/ingest-keys': route({ tag: 'Admin', summary: 'Every feed key (without the keys)', access: ADMIN, response: z.array(IngestKeyView) }),
  'POST /api/admin/ingest-keys': route({
    tag: 'Admin',
    summary: 'Issue a key for a feed',
    description: 'The key is in `secret`, shown this once; only its SHA-256 is kept.',
    access: ADMIN,
    body: CreateIngestKey,
    response: withSecret(IngestKeyView),
  }),
  'POST /api/admin/ingest-keys/:id/revoke': route({ tag: 'Admin', summary: 'Revoke a feed key', access: ADMIN, params: IdParams, response: Done }),
  'GET /api/admin/audit': route({ tag: 'Admin', summary: 'The audit trail, newest first (viewing it is audited)', access: ADMIN, query: AuditQuery, response: z.array(AuditEntryView) }),
  'GET /api/admin/audit/verify': route({ tag: 'Admin', summary: "Verify the audit trail's hash chain", access: ADMIN, response: ChainCheck }),
  'GET /api/admin/security': route({ tag: 'Admin', summary: 'The security log, newest first', access: ADMIN, query: LimitQuery, response: z.array(SecurityEntryView) }),
};
