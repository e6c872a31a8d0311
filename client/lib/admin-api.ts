import type {
  Ack,
  AuditEntryView,
  ChainCheck,
  CreateIngestKey,
  CreateKiosk,
  CreateUser,
  IngestKeyView,
  KioskView,
  SecurityEntryView,
  UpdateUser,
  UserView,
  WithSecret,
} from '../../protocol/index.js';
import { query, request } from './http.js';

/** The administrator's HTTP API, typed (protocol/auth.ts); the server checks every field. */

export const listUsers = () => request<UserView[]>('/api/admin/users');
export const createUser = (body: CreateUser) => request<WithSecret<UserView>>('/api/admin/users', { method: 'POST', body });
/**
 * A change of role or regions, disabling, or a new password. The answer may carry a secret (a
 * new password) to show once; the item is re-read from the list either way.
 */
export const updateUser = (id: number, body: UpdateUser) =>
  request<WithSecret<UserView> | UserView>(`/api/admin/users/${id}`, { method: 'PATCH', body });

export const listKiosks = () => request<KioskView[]>('/api/admin/kiosks');
export const createKiosk = (body: CreateKiosk) => request<WithSecret<KioskView>>('/api/admin/kiosks', { method: 'POST', body });
export const revokeKiosk = (id: number) => request<unknown>(`/api/admin/kiosks/${id}/revoke`, { method: 'POST' });
/** A new one-time enrolment link for a display (the old link and the old device's session end). */
export const renewKioskLink = (id: number) => request<WithSecret<KioskView>>(`/api/admin/kiosks/${id}/enrolment`, { method: 'POST' });

export const listIngestKeys = () => request<IngestKeyView[]>('/api/admin/ingest-keys');
export const createIngestKey = (body: CreateIngestKey) =>
  request<WithSecret<IngestKeyView>>('/api/admin/ingest-keys', { method: 'POST', body });
export const revokeIngestKey = (id: number) => request<unknown>(`/api/admin/ingest-keys/${id}/revoke`, { method: 'POST' });

export interface AuditQuery {
  actor: string;
  action: string;
  /** ISO 8601 instants (UTC), or empty for no bound. */
  from: string;
  to: string;
}
export const AUDIT_LIMIT = 200;
export const fetchAudit = (q: AuditQuery, signal?: AbortSignal) =>
  request<AuditEntryView[]>(`/api/admin/audit?${query({ ...q, limit: AUDIT_LIMIT })}`, { signal });
export const verifyAudit = () => request<ChainCheck>('/api/admin/audit/verify');

export const SECURITY_LIMIT = 200;
export const fetchSecurity = (signal?: AbortSignal) => request<SecurityEntryView[]>(`/api/admin/security?limit=${SECURITY_LIMIT}`, { signal });

/** The secret in an answer that made or reset something; null when there is none. */
export function secretOf(reply: Ack<unknown>): string | null {
  if (!reply.ok || typeof reply.data !== 'object' || reply.data === null || !('secret' in reply.data)) return null;
  const secret = (reply.data as { secret: unknown }).secret;
  return typeof secret === 'string' && secret !== '' ? secret : null;
}
