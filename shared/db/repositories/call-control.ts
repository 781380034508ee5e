import type { Db } from '../database';
import { readBoolean } from '../values';

export type CallConnectionState = 'connecting' | 'connected' | 'disconnected';
export type CallPlayState = 'playing' | 'completed' | 'failed';
export type ParticipantKind = 'acs_user' | 'phone' | 'other';
export type ParticipantState = 'invited' | 'joined' | 'failed' | 'removing' | 'removed';

export interface InterviewCallControl {
  organisation_id: string;
  candidate_id: string;
  status: string;
  acs_call_connection_id: string | null;
  call_connection_state: string | null;
  call_play_state: string | null;
}

/** The call the server placed or answered for an interview, with whom the interview belongs to (staff controls). */
export async function findCallControl(db: Db, interviewId: string): Promise<InterviewCallControl | null> {
  const row = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('job_roles', 'job_roles.id', 'applications.job_role_id')
    .select([
      'job_roles.organisation_id',
      'applications.candidate_id',
      'interviews.status',
      'interviews.acs_call_connection_id',
      'interviews.call_connection_state',
      'interviews.call_play_state',
    ])
    .where('interviews.id', '=', interviewId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Keeps a new call connection on the interview; false when a call is still live there (another request placed or
 * answered one first). The server call id is kept only when the interview has none yet, so events of an earlier
 * rooms call still find it.
 */
export async function claimCallConnection(db: Db, interviewId: string, call: { connectionId: string; serverCallId: string | null }, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set((eb) => ({
      acs_call_connection_id: call.connectionId,
      call_connection_state: 'connecting',
      call_play_state: null,
      acs_server_call_id: eb.fn.coalesce('acs_server_call_id', eb.val(call.serverCallId)),
      acs_call_server_call_id: call.serverCallId,
      updated_at: now,
    }))
    .where('id', '=', interviewId)
    .where((eb) => eb.or([eb('call_connection_state', 'is', null), eb('call_connection_state', '=', 'disconnected')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The server call id ACS names once the call connected (placing may not give one yet), kept for that call
 * connection so its Event Grid events find it; an id already kept stays. The interview keeps it as its own call's
 * too when it has none yet, as when placing.
 */
export async function keepCallServerCallId(db: Db, interviewId: string, connectionId: string, serverCallId: string, now: Date): Promise<void> {
  await db
    .updateTable('interviews')
    .set((eb) => ({
      acs_call_server_call_id: eb.fn.coalesce('acs_call_server_call_id', eb.val(serverCallId)),
      acs_server_call_id: eb.fn.coalesce('acs_server_call_id', eb.val(serverCallId)),
      updated_at: now,
    }))
    .where('id', '=', interviewId)
    .where('acs_call_connection_id', '=', connectionId)
    .execute();
}

/** Moves the interview's call (only that call connection) from one of `from` to `to`; false when it was not. */
export async function moveCallConnectionState(db: Db, interviewId: string, connectionId: string, from: CallConnectionState[], to: CallConnectionState, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ call_connection_state: to, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_call_connection_id', '=', connectionId)
    .where('call_connection_state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How the last text-to-speech into the interview's call (that call connection) went. */
export async function setCallPlayState(db: Db, interviewId: string, connectionId: string, state: CallPlayState, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('interviews')
    .set({ call_play_state: state, updated_at: now })
    .where('id', '=', interviewId)
    .where('acs_call_connection_id', '=', connectionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CallParticipant {
  id: string;
  raw_id: string;
  kind: ParticipantKind;
  state: ParticipantState;
  muted: boolean;
}

const toParticipant = (row: { id: string; raw_id: string; kind: string; state: string; muted: boolean | number }): CallParticipant => ({
  id: row.id,
  raw_id: row.raw_id,
  kind: row.kind as ParticipantKind,
  state: row.state as ParticipantState,
  muted: readBoolean(row.muted),
});

export async function listCallParticipants(db: Db, interviewId: string): Promise<CallParticipant[]> {
  const rows = await db
    .selectFrom('call_participants')
    .select(['id', 'raw_id', 'kind', 'state', 'muted'])
    .where('interview_id', '=', interviewId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toParticipant);
}

export async function findCallParticipant(db: Db, interviewId: string, participantId: string): Promise<CallParticipant | null> {
  const row = await db
    .selectFrom('call_participants')
    .select(['id', 'raw_id', 'kind', 'state', 'muted'])
    .where('interview_id', '=', interviewId)
    .where('id', '=', participantId)
    .executeTakeFirst();
  return row ? toParticipant(row) : null;
}

/** A new call starts with no one in it: the participants of the interview's previous call are forgotten. */
export async function clearCallParticipants(db: Db, interviewId: string): Promise<void> {
  await db.deleteFrom('call_participants').where('interview_id', '=', interviewId).execute();
}

/**
 * Moves a participant of the interview's call to `state` as of `at` (staff action, callback or event), adding the
 * participant when unknown. An older change than the last one applied changes nothing (events come out of order);
 * false then. `muted` is kept unless given.
 */
export async function applyParticipantState(
  db: Db,
  change: { id: string; interviewId: string; rawId: string; kind: ParticipantKind; state: ParticipantState; muted?: boolean },
  at: Date,
): Promise<boolean> {
  const existing = await db.selectFrom('call_participants').select('id').where('interview_id', '=', change.interviewId).where('raw_id', '=', change.rawId).executeTakeFirst();
  if (!existing) {
    await db
      .insertInto('call_participants')
      .values({ id: change.id, interview_id: change.interviewId, raw_id: change.rawId, kind: change.kind, state: change.state, muted: change.muted ?? false, last_event_at: at, created_at: at, updated_at: at })
      .execute();
    return true;
  }
  const result = await db
    .updateTable('call_participants')
    .set({ state: change.state, ...(change.muted === undefined ? {} : { muted: change.muted }), last_event_at: at, updated_at: at })
    .where('id', '=', existing.id)
    .where('last_event_at', '<=', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The call ended: everyone still invited to or in it has left (a change newer than the end is kept). */
export async function endCallParticipants(db: Db, interviewId: string, at: Date): Promise<void> {
  await db
    .updateTable('call_participants')
    .set({ state: 'removed', last_event_at: at, updated_at: at })
    .where('interview_id', '=', interviewId)
    .where('state', 'in', ['invited', 'joined', 'removing'])
    .where('last_event_at', '<=', at)
    .execute();
}

/** Mutes a participant still in the call. */
export async function markParticipantMuted(db: Db, participantId: string, now: Date): Promise<void> {
  await db.updateTable('call_participants').set({ muted: true, updated_at: now }).where('id', '=', participantId).execute();
}

export interface IncomingCallInterview {
  status: string;
  call_connection_state: string | null;
  /** The candidate's own ACS identity (the one acs-token-generator keeps), null when they have none. */
  candidate_communication_user_id: string | null;
  /** An interview session of the interview that is neither revoked nor expired at `now`. */
  has_live_session: boolean;
}

/** What decides whether an incoming call for this interview is answered: whose call it may be, and whether one is expected. */
export async function findIncomingCallInterview(db: Db, interviewId: string, now: Date): Promise<IncomingCallInterview | null> {
  const row = await db
    .selectFrom('interviews')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .leftJoin('acs_identities', 'acs_identities.user_id', 'applications.candidate_id')
    .select((eb) => [
      'interviews.status',
      'interviews.call_connection_state',
      'acs_identities.communication_user_id',
      // CASE, not a bare EXISTS: T-SQL takes EXISTS only in a condition.
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('interview_sessions')
              .select('interview_sessions.id')
              .whereRef('interview_sessions.interview_id', '=', 'interviews.id')
              .where('interview_sessions.revoked_at', 'is', null)
              .where('interview_sessions.expires_at', '>', now),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('has_live_session'),
    ])
    .where('interviews.id', '=', interviewId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: row.status,
    call_connection_state: row.call_connection_state,
    candidate_communication_user_id: row.communication_user_id,
    has_live_session: Number(row.has_live_session) === 1,
  };
}
