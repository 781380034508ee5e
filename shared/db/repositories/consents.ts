import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { isUniqueViolation } from '../errors';
import { readTimestamp } from '../values';

export type ConsentKind = 'ai_processing' | 'recording';

export interface Consent {
  kind: ConsentKind;
  policy_version: string;
  granted_at: string;
}

export async function listConsents(db: Db, interviewId: string): Promise<Consent[]> {
  const rows = await db.selectFrom('consents').select(['kind', 'policy_version', 'granted_at']).where('interview_id', '=', interviewId).execute();
  return rows.map((r) => ({ kind: r.kind as ConsentKind, policy_version: r.policy_version, granted_at: readTimestamp(r.granted_at) }));
}

/** Records a consent once; giving it again keeps the first record. */
export async function recordConsent(
  db: Db,
  consent: { interview_id: string; kind: ConsentKind; policy_version: string; granted_at: Date; ip_address: string },
): Promise<void> {
  try {
    await db.insertInto('consents').values({ id: randomUUID(), ...consent }).execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
