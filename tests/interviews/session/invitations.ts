import { randomUUID } from 'node:crypto';
import { newInvitationToken } from '../../../shared/interviews/session/invitation-token';
import { api } from '../../support/api';
import type { Fixture } from '../../matrix/fixture';

/** An invitation for a fresh applicant to role A, written straight into the database (the token is known only here). */
export async function inviteFreshApplicant(fx: Fixture, options: { expiresInMs?: number; status?: string; revoked?: boolean } = {}) {
  const applicant = await fx.newApplicant();
  // As send-invitation leaves it.
  fx.db.prepare(`update applications set status = 'invited' where id = ?`).run(applicant.applicationId);
  const { token, hash } = newInvitationToken();
  const invitationId = randomUUID();
  const now = new Date();
  fx.db
    .prepare(`insert into invitations (id, application_id, token_hash, status, expires_at, revoked_at, created_at) values (?, ?, ?, ?, ?, ?, ?)`)
    .run(invitationId, applicant.applicationId, hash, options.status ?? 'sent', new Date(now.getTime() + (options.expiresInMs ?? 7 * 86_400_000)).toISOString(), options.revoked ? now.toISOString() : null, now.toISOString());
  return { ...applicant, invitationToken: token, invitationId };
}

export interface Redemption {
  session_token: string;
  expires_at: string;
  interview: { id: string; status: string };
  lobby: { role_title: string; company_name: string; question_count: number; duration_minutes: number; consent: { policy_version: string; ai_processing: boolean; recording: boolean } };
}

export async function redeem(token: string) {
  return api<Redemption>('/api/invitations/redeem', { method: 'POST', json: { token } });
}

/** Redeems and consents to AI processing: ready for interview turns. */
export async function startSession(fx: Fixture, consent = { recording: false }) {
  const invited = await inviteFreshApplicant(fx);
  const redemption = (await redeem(invited.invitationToken)).body;
  const response = await api('/api/interview-session/consent', {
    method: 'POST',
    token: redemption.session_token,
    json: { policy_version: redemption.lobby.consent.policy_version, ai_processing: true, recording: consent.recording },
  });
  if (response.status !== 200) throw new Error(`consent failed: ${response.status} ${response.text}`);
  return { ...invited, sessionToken: redemption.session_token, interviewId: redemption.interview.id };
}
