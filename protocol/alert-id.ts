import { ALERT_KINDS } from './constants.js';

type AlertKind = (typeof ALERT_KINDS)[number];

/** An alert's id is `kind:subject`: the suite for a suite overload, the custody reference otherwise. */
export function alertId(kind: AlertKind, subject: string): string {
  return `${kind}:${subject}`;
}

/** The kind and subject an alert id names (the id's shape is checked by its schema first). */
export function alertSubject(id: string): { kind: AlertKind | null; subject: string } {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  return { kind: (ALERT_KINDS as readonly string[]).includes(kind) ? (kind as AlertKind) : null, subject: id.slice(colon + 1) };
}

/** Alerts about an officer rather than a suite or a person in custody: for screens that see officers. */
export const OFFICER_ALERT_KINDS: ReadonlySet<AlertKind> = new Set(['move_unacknowledged']);
