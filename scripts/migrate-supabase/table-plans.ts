import type { Insertable } from 'kysely';
import type { Database } from '../../shared/db/schema';
import { LEGACY_ISSUER } from '../../shared/db/repositories/users';
import * as V from '../../shared/domain/value-sets';
import { hashInvitationToken } from '../../shared/interviews/session/invitation-token';
import {
  bool, boundedNumber, boundedText, dateOnly, json, jsonOr, number, oneOf, requiredText, requiredTimestamp, text, timestamp,
  type RowNotes, type SourceRow,
} from './source-values';

/**
 * One plan per target table, in foreign-key order: where its rows come from, which columns point at which
 * parents, how a source row becomes a target row, and which columns the verification checksums. Ids are kept.
 */
export type TargetTable =
  | 'users' | 'organisations' | 'org_users' | 'user_roles' | 'candidate_profiles' | 'employment_history' | 'education'
  | 'candidate_skills' | 'candidate_dei' | 'job_roles' | 'applications' | 'invitations' | 'interviews'
  | 'transcript_segments' | 'score_dimensions' | 'interview_scores' | 'audit_log' | 'practice_interviews'
  | 'data_deletion_requests';

/** A set of keys already in the target that child rows may point at: a table's ids, or one of its columns. */
export interface KeySet {
  table: TargetTable;
  column: string;
}

export interface Reference {
  column: string;
  parent: KeySet;
  /** A required reference to a missing parent skips the row; an optional one is cleared. */
  required: boolean;
  /** Why a row without its parent is skipped, when it is not simply an orphan. */
  reason?: string;
}

export type KeyKind = 'text' | 'time' | 'date' | 'number';

/** What the migration learned about a candidate's CV file before the profile batch was written. */
export type CvOutcome = { kind: 'stored'; blobName: string; size: number; sha256: string } | { kind: 'missing'; path: string };

export interface MappingContext {
  /** Old user id → the Entra identity the operator's mapping file gives it. */
  identities: ReadonlyMap<string, { issuer: string; subject: string }>;
  /** Users with a pending, running or completed erasure or anonymisation request: no DEI data is kept for them. */
  erasureRequested: ReadonlySet<string>;
  /** Candidate profile id → its CV as stored in Blob (or missing from the source storage). */
  cvFiles: ReadonlyMap<string, CvOutcome>;
}

export type Mapped<R> = { row: R } | { skip: string };

export interface TablePlan<T extends TargetTable> {
  table: T;
  /** A query whose rows carry an `id` column; read in pages ordered by id. */
  source: string;
  references: readonly Reference[];
  keyColumns: Readonly<Record<string, KeyKind>>;
  /** Rows of this table other tables point at with these columns. */
  keySets: readonly string[];
  map(row: SourceRow, notes: RowNotes, context: MappingContext): Mapped<Insertable<Database[T]>>;
}

/** The erased form the engine runs: every plan is still type-checked against its own table where it is defined. */
export interface AnyTablePlan {
  table: TargetTable;
  source: string;
  references: readonly Reference[];
  keyColumns: Readonly<Record<string, KeyKind>>;
  keySets: readonly string[];
  map(row: SourceRow, notes: RowNotes, context: MappingContext): Mapped<Record<string, unknown>>;
}

function plan<T extends TargetTable>(p: TablePlan<T>): AnyTablePlan {
  return p;
}

const ids = (table: TargetTable): KeySet => ({ table, column: 'id' });
const userRef = (column: string, required = true): Reference => ({ column, parent: ids('users'), required });
const ownedByUser = [userRef('user_id')];

/** Emails are compared case-insensitively on sign-in; kept trimmed and lower-cased. */
function normaliseEmail(value: string | null): string | null {
  const email = value?.trim().toLowerCase();
  return email ? email : null;
}

/** The name Supabase Auth kept in the user's metadata (`full_name`, else `name`), as a display name. */
function metadataName(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return null;
  for (const key of ['full_name', 'name']) {
    const value: unknown = Reflect.get(meta, key);
    if (typeof value === 'string' && value.trim()) return [...value.trim()].slice(0, 200).join('');
  }
  return null;
}

const created = (row: SourceRow) => requiredTimestamp(row, 'created_at');
const updated = (row: SourceRow) => timestamp(row, 'updated_at') ?? created(row);

const DEI_ANSWER_MAX = 100;

export const TABLE_PLANS: readonly AnyTablePlan[] = [
  plan({
    table: 'users',
    source: 'select id, email, email_confirmed_at, raw_user_meta_data, created_at, last_sign_in_at from auth.users',
    references: [],
    keySets: ['id'],
    // Not issuer, subject or email: a first sign-in rightly changes them after the cut-over.
    keyColumns: { id: 'text', created_at: 'time' },
    map(row, notes, context) {
      const id = requiredText(row, 'id');
      const mapped = context.identities.get(id);
      const confirmed = timestamp(row, 'email_confirmed_at') !== null;
      const email = normaliseEmail(text(row, 'email'));
      if (email && !confirmed) notes.add('email not confirmed: kept without email, linked only by the mapping file');
      if (!mapped && confirmed && email) notes.add('waits for first sign-in by verified email');
      if (mapped) notes.add('linked by the mapping file');
      const displayName = metadataName(row.raw_user_meta_data);
      return {
        row: {
          id,
          issuer: mapped?.issuer ?? LEGACY_ISSUER,
          subject: mapped?.subject ?? id,
          email: confirmed ? email : null,
          display_name: displayName,
          created_at: created(row),
          last_sign_in_at: timestamp(row, 'last_sign_in_at') ?? created(row),
        },
      };
    },
  }),
  plan({
    table: 'organisations',
    // The earliest admin stands in for the creator the old schema did not record; a second organisation of the
    // same name and creator gets its id in its dedupe key, so the target's unique (creator, name) key holds.
    source: `select o.*, c.created_by,
        row_number() over (partition by c.created_by, lower(btrim(o.name)) order by o.created_at, o.id) as name_rank
      from public.organisations o
      left join lateral (select ou.user_id as created_by from public.org_users ou
        where ou.organisation_id = o.id and ou.role = 'admin' order by ou.created_at, ou.id limit 1) c on true`,
    references: [userRef('created_by', false)],
    keySets: ['id'],
    keyColumns: { id: 'text', name: 'text', name_key: 'text', created_at: 'time' },
    map(row, notes) {
      const id = requiredText(row, 'id');
      const name = boundedText(row, 'name', 200, notes) ?? '';
      const key = name.trim().toLowerCase();
      const retention = number(row, 'recording_retention_days') ?? 60;
      const clamped = Math.min(3650, Math.max(1, Math.round(retention)));
      if (clamped !== retention) notes.add('recording_retention_days clamped to 1..3650');
      return {
        row: {
          id,
          name,
          name_key: number(row, 'name_rank') === 1 ? key : `${key.slice(0, 160)} #${id}`,
          industry: boundedText(row, 'industry', 100, notes),
          website: boundedText(row, 'website', 2048, notes),
          logo_url: boundedText(row, 'logo_url', 2048, notes),
          description: boundedText(row, 'description', 4000, notes),
          values_framework: json(row, 'values_framework'),
          billing_email: boundedText(row, 'billing_email', 320, notes),
          billing_address: boundedText(row, 'billing_address', 500, notes),
          recording_retention_days: clamped,
          created_by: text(row, 'created_by'),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'org_users',
    source: 'select * from public.org_users',
    references: [userRef('user_id'), { column: 'organisation_id', parent: ids('organisations'), required: true }],
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', organisation_id: 'text', role: 'text' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          organisation_id: requiredText(row, 'organisation_id'),
          role: oneOf(row, 'role', V.ORG_ROLES, 'viewer', notes),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'user_roles',
    source: 'select * from public.user_roles',
    references: ownedByUser,
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', role: 'text' },
    map(row, notes) {
      const role = oneOf(row, 'role', V.APP_ROLES, null, notes);
      if (role === null) return { skip: 'role not an app_role' };
      return { row: { id: requiredText(row, 'id'), user_id: requiredText(row, 'user_id'), role, created_at: created(row) } };
    },
  }),
  plan({
    table: 'candidate_profiles',
    source: 'select * from public.candidate_profiles',
    references: ownedByUser,
    keySets: ['user_id'],
    keyColumns: { id: 'text', user_id: 'text', email: 'text', cv_file_path: 'text', created_at: 'time' },
    map(row, notes, context) {
      const id = requiredText(row, 'id');
      const cv = context.cvFiles.get(id);
      if (cv?.kind === 'missing') notes.add('CV file missing from the source storage: cv_file_path cleared');
      const stored = cv?.kind === 'stored' ? cv : null;
      const visibility = json(row, 'visibility_settings');
      return {
        row: {
          id,
          user_id: requiredText(row, 'user_id'),
          first_name: boundedText(row, 'first_name', 100, notes),
          last_name: boundedText(row, 'last_name', 100, notes),
          email: boundedText(row, 'email', 320, notes),
          phone: boundedText(row, 'phone', 40, notes),
          suburb: boundedText(row, 'suburb', 100, notes),
          postcode: boundedText(row, 'postcode', 10, notes),
          state: boundedText(row, 'state', 50, notes),
          country: boundedText(row, 'country', 100, notes),
          work_rights: boundedText(row, 'work_rights', 50, notes),
          availability: boundedText(row, 'availability', 50, notes),
          work_mode: oneOf(row, 'work_mode', V.WORK_TYPES, null, notes),
          gpa_wam: boundedNumber(row, 'gpa_wam', { min: -99.99, max: 99.99, decimals: 2 }, notes),
          portfolio_url: boundedText(row, 'portfolio_url', 2048, notes),
          linkedin_url: boundedText(row, 'linkedin_url', 2048, notes),
          cv_file_path: stored?.blobName ?? null,
          cv_uploaded_at: stored ? timestamp(row, 'cv_uploaded_at') : null,
          cv_content_hash: stored?.sha256 ?? null,
          // An unknown visibility is treated as the most private one.
          profile_visibility: oneOf(row, 'profile_visibility', V.PROFILE_VISIBILITIES, 'hidden', notes),
          visibility_settings: visibility && visibility !== 'null' ? visibility : JSON.stringify(V.DEFAULT_VISIBILITY_SETTINGS),
          paused_at: timestamp(row, 'paused_at'),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'employment_history',
    source: 'select * from public.employment_history',
    references: ownedByUser,
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', start_date: 'date', created_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          job_title: boundedText(row, 'job_title', 200, notes) ?? '',
          company_name: boundedText(row, 'company_name', 200, notes) ?? '',
          start_date: dateOnly(row, 'start_date') ?? '',
          end_date: dateOnly(row, 'end_date'),
          is_current: bool(row, 'is_current'),
          description: text(row, 'description'),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'education',
    source: 'select * from public.education',
    references: ownedByUser,
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', start_date: 'date', created_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          institution: boundedText(row, 'institution', 200, notes) ?? '',
          degree: boundedText(row, 'degree', 200, notes) ?? '',
          field_of_study: boundedText(row, 'field_of_study', 200, notes),
          start_date: dateOnly(row, 'start_date'),
          end_date: dateOnly(row, 'end_date'),
          is_current: bool(row, 'is_current'),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'candidate_skills',
    source: 'select * from public.candidate_skills',
    references: ownedByUser,
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', skill_name: 'text', skill_type: 'text' },
    map(row, notes) {
      const skillType = oneOf(row, 'skill_type', V.SKILL_TYPES, null, notes);
      if (skillType === null) return { skip: 'skill_type not hard|soft' };
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          skill_name: boundedText(row, 'skill_name', 100, notes) ?? '',
          skill_type: skillType,
          proficiency_level: oneOf(row, 'proficiency_level', V.PROFICIENCY_LEVELS, null, notes),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'candidate_dei',
    source: 'select * from public.candidate_dei',
    // The new rules: DEI answers only beside a candidate profile, only the candidate's own, none after an
    // erasure or anonymisation request, each answer at most 100 characters (what the API accepts).
    references: [
      userRef('user_id'),
      {
        column: 'user_id',
        parent: { table: 'candidate_profiles', column: 'user_id' },
        required: true,
        reason: 'no candidate profile (DEI answers are kept only beside a profile)',
      },
    ],
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', gender: 'text', ethnicity: 'text', disability_status: 'text', veteran_status: 'text' },
    map(row, notes, context) {
      const userId = requiredText(row, 'user_id');
      if (context.erasureRequested.has(userId)) return { skip: 'erasure or anonymisation requested: DEI not kept' };
      const answer = (column: string) => {
        const value = text(row, column)?.trim() ?? '';
        if ([...value].length > DEI_ANSWER_MAX) {
          notes.add(`${column} longer than ${DEI_ANSWER_MAX} characters: withdrawn`);
          return null;
        }
        return value || null;
      };
      const answers = {
        gender: answer('gender'),
        ethnicity: answer('ethnicity'),
        disability_status: answer('disability_status'),
        veteran_status: answer('veteran_status'),
      };
      if (Object.values(answers).every((v) => v === null)) return { skip: 'no DEI answers' };
      return { row: { id: requiredText(row, 'id'), user_id: userId, ...answers, created_at: created(row) } };
    },
  }),
  plan({
    table: 'job_roles',
    source: 'select * from public.job_roles',
    references: [{ column: 'organisation_id', parent: ids('organisations'), required: true }, userRef('created_by', false)],
    keySets: ['id'],
    keyColumns: { id: 'text', organisation_id: 'text', status: 'text', created_by: 'text', created_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          organisation_id: requiredText(row, 'organisation_id'),
          title: boundedText(row, 'title', 200, notes) ?? '',
          department: boundedText(row, 'department', 100, notes),
          industry: boundedText(row, 'industry', 100, notes),
          work_type: oneOf(row, 'work_type', V.WORK_TYPES, null, notes),
          location: boundedText(row, 'location', 200, notes),
          salary_range_min: number(row, 'salary_range_min'),
          salary_range_max: number(row, 'salary_range_max'),
          employment_type: oneOf(row, 'employment_type', V.EMPLOYMENT_TYPES, null, notes),
          description: text(row, 'description'),
          requirements: json(row, 'requirements'),
          interview_structure: json(row, 'interview_structure'),
          scoring_rubric: json(row, 'scoring_rubric'),
          status: oneOf(row, 'status', V.JOB_ROLE_STATUSES, 'draft', notes),
          created_by: text(row, 'created_by'),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'applications',
    source: 'select * from public.applications',
    references: [userRef('candidate_id'), { column: 'job_role_id', parent: ids('job_roles'), required: true }],
    keySets: ['id'],
    keyColumns: { id: 'text', candidate_id: 'text', job_role_id: 'text', status: 'text', match_score: 'number' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          candidate_id: requiredText(row, 'candidate_id'),
          job_role_id: requiredText(row, 'job_role_id'),
          status: oneOf(row, 'status', V.APPLICATION_STATUSES, 'applied', notes),
          match_score: boundedNumber(row, 'match_score', { min: 0, max: 100, decimals: 2 }, notes),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'invitations',
    source: 'select * from public.invitations',
    references: [{ column: 'application_id', parent: ids('applications'), required: true }],
    keySets: [],
    keyColumns: { id: 'text', application_id: 'text', token_hash: 'text', status: 'text', expires_at: 'time' },
    map(row, notes) {
      // Only the hash is stored; links already emailed carry the plaintext, which hashes to the same value.
      return {
        row: {
          id: requiredText(row, 'id'),
          application_id: requiredText(row, 'application_id'),
          token_hash: hashInvitationToken(requiredText(row, 'token')),
          status: oneOf(row, 'status', V.INVITATION_STATUSES, 'pending', notes),
          email_template: boundedText(row, 'email_template', 50, notes),
          sent_at: timestamp(row, 'sent_at'),
          opened_at: timestamp(row, 'opened_at'),
          expires_at: requiredTimestamp(row, 'expires_at'),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'interviews',
    source: 'select * from public.interviews',
    references: [{ column: 'application_id', parent: ids('applications'), required: true }],
    keySets: ['id'],
    keyColumns: { id: 'text', application_id: 'text', status: 'text', started_at: 'time', ended_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          application_id: requiredText(row, 'application_id'),
          status: oneOf(row, 'status', V.INTERVIEW_STATUSES, 'invited', notes),
          started_at: timestamp(row, 'started_at'),
          ended_at: timestamp(row, 'ended_at'),
          duration_seconds: number(row, 'duration_seconds'),
          recording_url: boundedText(row, 'recording_url', 2048, notes),
          anti_cheat_signals: jsonOr(row, 'anti_cheat_signals', '[]'),
          metadata: jsonOr(row, 'metadata', '{}'),
          recording_deleted_at: timestamp(row, 'recording_deleted_at'),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'transcript_segments',
    source: 'select * from public.transcript_segments',
    references: [{ column: 'interview_id', parent: ids('interviews'), required: true }],
    keySets: [],
    keyColumns: { id: 'text', interview_id: 'text', speaker: 'text', start_time_ms: 'number' },
    map(row, notes) {
      const speaker = oneOf(row, 'speaker', V.SPEAKERS, null, notes);
      if (speaker === null) return { skip: 'speaker not ai|candidate' };
      return {
        row: {
          id: requiredText(row, 'id'),
          interview_id: requiredText(row, 'interview_id'),
          speaker,
          content: requiredText(row, 'content'),
          start_time_ms: number(row, 'start_time_ms') ?? 0,
          end_time_ms: number(row, 'end_time_ms'),
          confidence: boundedNumber(row, 'confidence', { min: 0, max: 1, decimals: 4 }, notes),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'score_dimensions',
    source: 'select * from public.score_dimensions',
    references: [{ column: 'interview_id', parent: ids('interviews'), required: true }],
    keySets: [],
    keyColumns: { id: 'text', interview_id: 'text', dimension: 'text', score: 'number' },
    map(row, notes) {
      const score = boundedNumber(row, 'score', { min: 0, max: 10, decimals: 1 }, notes);
      if (score === null) return { skip: 'score missing or outside 0..10' };
      return {
        row: {
          id: requiredText(row, 'id'),
          interview_id: requiredText(row, 'interview_id'),
          dimension: boundedText(row, 'dimension', 50, notes) ?? '',
          score,
          weight: boundedNumber(row, 'weight', { min: 0, max: 9.9999, decimals: 4 }, notes) ?? 1,
          evidence: text(row, 'evidence'),
          cited_quotes: jsonOr(row, 'cited_quotes', '[]'),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'interview_scores',
    source: 'select * from public.interview_scores',
    references: [{ column: 'interview_id', parent: ids('interviews'), required: true }, userRef('human_override_by', false)],
    keySets: [],
    keyColumns: { id: 'text', interview_id: 'text', overall_score: 'number', scored_by: 'text' },
    map(row, notes) {
      // The candidate's browser wrote these scores from a transcript it sent itself: kept, but marked as such.
      notes.add('client-written score marked legacy-client');
      return {
        row: {
          id: requiredText(row, 'id'),
          interview_id: requiredText(row, 'interview_id'),
          overall_score: boundedNumber(row, 'overall_score', { min: 0, max: 100, decimals: 2 }, notes),
          narrative_summary: text(row, 'narrative_summary'),
          candidate_feedback: text(row, 'candidate_feedback'),
          anti_cheat_risk_level: oneOf(row, 'anti_cheat_risk_level', V.RISK_LEVELS, null, notes),
          scored_by: LEGACY_SCORED_BY,
          human_override: bool(row, 'human_override'),
          human_override_by: text(row, 'human_override_by'),
          human_override_reason: boundedText(row, 'human_override_reason', 2000, notes),
          model_version: boundedText(row, 'model_version', 100, notes),
          prompt_version: boundedText(row, 'prompt_version', 50, notes),
          rubric_version: boundedText(row, 'rubric_version', 50, notes),
          created_at: created(row),
          updated_at: updated(row),
        },
      };
    },
  }),
  plan({
    table: 'audit_log',
    source: 'select * from public.audit_log',
    references: [userRef('user_id', false), { column: 'organisation_id', parent: ids('organisations'), required: false }],
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', organisation_id: 'text', action: 'text', created_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: text(row, 'user_id'),
          organisation_id: text(row, 'organisation_id'),
          action: boundedText(row, 'action', 100, notes) ?? '',
          entity_type: boundedText(row, 'entity_type', 100, notes) ?? '',
          entity_id: text(row, 'entity_id'),
          old_values: json(row, 'old_values'),
          new_values: json(row, 'new_values'),
          ip_address: boundedText(row, 'ip_address', 64, notes),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'practice_interviews',
    source: 'select * from public.practice_interviews',
    references: ownedByUser,
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', status: 'text', created_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          sample_role_type: boundedText(row, 'sample_role_type', 100, notes) ?? '',
          status: oneOf(row, 'status', V.PRACTICE_STATUSES, 'not_started', notes),
          started_at: timestamp(row, 'started_at'),
          ended_at: timestamp(row, 'ended_at'),
          duration_seconds: number(row, 'duration_seconds'),
          feedback: jsonOr(row, 'feedback', '{}'),
          created_at: created(row),
        },
      };
    },
  }),
  plan({
    table: 'data_deletion_requests',
    // No reference: a request must outlive the erasure it asks for.
    source: 'select * from public.data_deletion_requests',
    references: [],
    keySets: [],
    keyColumns: { id: 'text', user_id: 'text', request_type: 'text', status: 'text', requested_at: 'time' },
    map(row, notes) {
      return {
        row: {
          id: requiredText(row, 'id'),
          user_id: requiredText(row, 'user_id'),
          request_type: oneOf(row, 'request_type', V.DELETION_REQUEST_TYPES, 'full_deletion', notes),
          status: oneOf(row, 'status', V.DELETION_REQUEST_STATUSES, 'pending', notes),
          reason: boundedText(row, 'reason', 2000, notes),
          requested_at: requiredTimestamp(row, 'requested_at'),
          processed_at: timestamp(row, 'processed_at'),
          processed_by: boundedText(row, 'processed_by', 100, notes),
          notes: boundedText(row, 'notes', 4000, notes),
        },
      };
    },
  }),
];

/** scored_by of a score the old client computed and wrote itself; a rescore by the platform replaces it. */
export const LEGACY_SCORED_BY = 'legacy-client';
