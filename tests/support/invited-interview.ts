import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { newInvitationToken } from '../../shared/interviews/session/invitation-token';

export interface OpenedInterview {
  /** The interview session token (Authorization: Bearer for the interview endpoints). */
  token: string;
  interviewId: string;
}

/**
 * A new candidate invited to `roleId` (rows written straight into the host's SQLite file), then, over HTTP as a
 * candidate would: the invitation redeemed, AI processing consented to and the opening turn read to its end.
 * For the benchmarks and the load run, which open many interviews at once.
 */
export async function openInvitedInterview(db: Database.Database, hostUrl: string, roleId: string, issuer: string): Promise<OpenedInterview> {
  const now = new Date().toISOString();
  const user = randomUUID();
  const application = randomUUID();
  db.prepare(`insert into users (id, issuer, subject, created_at, last_sign_in_at) values (?, ?, ?, ?, ?)`).run(user, issuer, user, now, now);
  db.prepare(`insert into applications (id, candidate_id, job_role_id, status, created_at, updated_at) values (?, ?, ?, 'invited', ?, ?)`).run(application, user, roleId, now, now);
  const { token, hash } = newInvitationToken();
  db.prepare(`insert into invitations (id, application_id, token_hash, status, expires_at, created_at) values (?, ?, ?, 'sent', ?, ?)`).run(randomUUID(), application, hash, new Date(Date.now() + 86_400_000).toISOString(), now);
  const redeemed = (await (await fetch(`${hostUrl}/api/invitations/redeem`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).json()) as {
    session_token: string;
    interview: { id: string };
    lobby: { consent: { policy_version: string } };
  };
  const headers = { authorization: `Bearer ${redeemed.session_token}`, 'content-type': 'application/json', accept: 'text/event-stream' };
  await fetch(`${hostUrl}/api/interview-session/consent`, { method: 'POST', headers, body: JSON.stringify({ policy_version: redeemed.lobby.consent.policy_version, ai_processing: true, recording: false }) });
  await (await fetch(`${hostUrl}/api/ai-interviewer`, { method: 'POST', headers, body: JSON.stringify({ message: '', clientTurnId: 'opening' }) })).text();
  return { token: redeemed.session_token, interviewId: redeemed.interview.id };
}
