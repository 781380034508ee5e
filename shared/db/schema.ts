import type { ColumnType } from 'kysely';

/**
 * Row shapes as the drivers hand them over. Repositories turn these into domain types; nothing above
 * shared/db sees a row. Timestamps arrive as Date (tedious) or ISO text (SQLite); booleans as bit or 0/1.
 */
type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date | string, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date | string, Date | string | undefined, Date | string>;
type Bool = ColumnType<boolean | number, boolean | undefined, boolean>;
/** JSON documents are stored as text and checked as JSON by the database. */
type Json = ColumnType<string, string | undefined, string>;
type NullableJson = ColumnType<string | null, string | null | undefined, string | null>;
type Text = string | null;
type Num = ColumnType<number | null, number | null | undefined, number | null>;
type DateOnly = ColumnType<Date | string, string, string>;
type NullableDateOnly = ColumnType<Date | string | null, string | null | undefined, string | null>;
type Default<T> = ColumnType<T, T | undefined, T>;
/** Optimistic-concurrency counter: starts at 1, every update adds one. */
type Version = ColumnType<number, number | undefined, number>;

export interface UsersTable {
  id: string;
  issuer: string;
  subject: string;
  email: Text;
  display_name: Text;
  created_at: CreatedAt;
  last_sign_in_at: Timestamp;
  /** The sign-up choice (ACCOUNT_TYPES), null until made. */
  account_type: Text;
}

/** A further sign-in (another tenant's issuer and subject) of the same person, linked by verified email. */
export interface UserIdentitiesTable {
  id: string;
  issuer: string;
  subject: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface CandidateProfilesTable {
  id: string;
  user_id: string;
  first_name: Text;
  last_name: Text;
  email: Text;
  phone: Text;
  suburb: Text;
  postcode: Text;
  state: Text;
  country: Default<Text>;
  work_rights: Text;
  availability: Text;
  work_mode: Text;
  gpa_wam: Num;
  portfolio_url: Text;
  linkedin_url: Text;
  cv_file_path: Text;
  cv_uploaded_at: NullableTimestamp;
  profile_visibility: Default<string>;
  visibility_settings: Json;
  paused_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Version;
  cv_content_hash: Text;
  cv_parsed_at: NullableTimestamp;
  manual_fields: Json;
}

export interface EmploymentHistoryTable {
  id: string;
  user_id: string;
  job_title: string;
  company_name: string;
  start_date: DateOnly;
  end_date: NullableDateOnly;
  is_current: Bool;
  description: Text;
  created_at: CreatedAt;
  version: Version;
  source: Default<string>;
}

export interface EducationTable {
  id: string;
  user_id: string;
  institution: string;
  degree: string;
  field_of_study: Text;
  start_date: NullableDateOnly;
  end_date: NullableDateOnly;
  is_current: Bool;
  created_at: CreatedAt;
  version: Version;
  source: Default<string>;
}

export interface CandidateSkillsTable {
  id: string;
  user_id: string;
  skill_name: string;
  skill_type: string;
  proficiency_level: Text;
  created_at: CreatedAt;
  version: Version;
  source: Default<string>;
}

export interface CandidateDeiTable {
  id: string;
  user_id: string;
  gender: Text;
  ethnicity: Text;
  disability_status: Text;
  veteran_status: Text;
  created_at: CreatedAt;
  version: Version;
}

export interface UserRolesTable {
  id: string;
  user_id: string;
  role: string;
  created_at: CreatedAt;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  /** Lower-cased, trimmed name: one creator cannot make the same organisation twice. */
  name_key: string;
  industry: Text;
  website: Text;
  logo_url: Text;
  description: Text;
  values_framework: NullableJson;
  billing_email: Text;
  billing_address: Text;
  recording_retention_days: Default<number>;
  transcript_retention_days: Default<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Version;
}

export interface OrgUsersTable {
  id: string;
  user_id: string;
  organisation_id: string;
  role: Default<string>;
  created_at: CreatedAt;
  version: Version;
}

export interface JobRolesTable {
  id: string;
  organisation_id: string;
  title: string;
  department: Text;
  industry: Text;
  work_type: Text;
  location: Text;
  salary_range_min: Num;
  salary_range_max: Num;
  employment_type: Text;
  description: Text;
  requirements: NullableJson;
  interview_structure: NullableJson;
  scoring_rubric: NullableJson;
  status: Default<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Version;
}

export interface ApplicationsTable {
  id: string;
  candidate_id: string;
  job_role_id: string;
  status: Default<string>;
  match_score: Num;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Version;
}

export interface InvitationsTable {
  id: string;
  application_id: string;
  /** SHA-256 of the one-time token; the token itself is only ever in the email. */
  token_hash: string;
  status: Default<string>;
  email_template: Text;
  sent_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  expires_at: Timestamp;
  created_at: CreatedAt;
  created_by: string | null;
  delivered_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  interview_id: string | null;
}

export interface InterviewsTable {
  id: string;
  application_id: string;
  status: Default<string>;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_seconds: Num;
  recording_url: Text;
  anti_cheat_signals: Json;
  metadata: Json;
  recording_deleted_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  is_practice: Bool;
  question_index: Default<number>;
  competencies_covered: Json;
  scoring_status: Text;
  scoring_attempts: Default<number>;
  scoring_next_attempt_at: NullableTimestamp;
  scoring_last_error: Text;
  acs_room_id: Text;
  acs_server_call_id: Text;
  call_state: Text;
  call_started_at: NullableTimestamp;
  call_ended_at: NullableTimestamp;
  recording_refused_reason: Text;
  end_reason: Text;
  acs_room_valid_until: NullableTimestamp;
  acs_recording_id: Text;
  recording_state: Text;
  acs_call_connection_id: Text;
  call_connection_state: Text;
  call_play_state: Text;
  acs_call_server_call_id: Text;
}

export interface TranscriptSegmentsTable {
  id: string;
  interview_id: string;
  speaker: string;
  content: string;
  start_time_ms: number;
  end_time_ms: Num;
  confidence: Num;
  created_at: CreatedAt;
  client_turn_id: Text;
  is_partial: Bool;
}

export interface ScoreDimensionsTable {
  id: string;
  interview_id: string;
  dimension: string;
  score: number;
  weight: Default<number>;
  evidence: Text;
  cited_quotes: Json;
  created_at: CreatedAt;
}

export interface InterviewScoresTable {
  id: string;
  interview_id: string;
  overall_score: Num;
  narrative_summary: Text;
  candidate_feedback: Text;
  anti_cheat_risk_level: Text;
  anti_cheat_notes: Text;
  scored_by: Default<Text>;
  human_override: Bool;
  human_override_by: string | null;
  human_override_reason: Text;
  model_version: Text;
  prompt_version: Text;
  rubric_version: Text;
  human_override_score: Num;
  human_override_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Version;
}

export interface AuditLogTable {
  id: string;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: NullableJson;
  new_values: NullableJson;
  ip_address: Text;
  created_at: CreatedAt;
}

export interface PracticeInterviewsTable {
  id: string;
  user_id: string;
  sample_role_type: string;
  status: Default<string>;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_seconds: Num;
  feedback: Json;
  created_at: CreatedAt;
  end_reason: Text;
  question_index: Default<number>;
  transcript: Json;
}

export interface DataDeletionRequestsTable {
  id: string;
  user_id: string;
  request_type: Default<string>;
  status: Default<string>;
  reason: Text;
  requested_at: CreatedAt;
  processed_at: NullableTimestamp;
  processed_by: Text;
  notes: Text;
}

export interface AiUsageTable {
  id: string;
  organisation_id: string | null;
  task: string;
  provider: string;
  model: string;
  prompt_version: string;
  outcome: string;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
  created_at: CreatedAt;
}

export interface ShortlistEntriesTable {
  application_id: string;
  job_role_id: string;
  match_score: number;
  deterministic_score: number;
  match_reasons: Json;
  stage: string;
  provider: string;
  prompt_version: string | null;
  created_at: CreatedAt;
  /** 1 for the best of the run; with application_id, the keyset of the paged read. */
  rank: Default<number>;
  /** The skills the view shows, as a JSON array. */
  skills: Json;
  experience: string | null;
  /** The profile sections (skills, employment, location) shown when the run read the applicant, as a JSON array. */
  shown_sections: Json;
}

/** A run's entries before it replaces the role's list: unranked, under the run's id (migration 0025). */
export interface ShortlistStagingEntriesTable extends Omit<ShortlistEntriesTable, 'rank' | 'created_at'> {
  run_id: string;
  /** When the run started: a later run of the role sweeps rows older than any run lasts. */
  created_at: Date | string;
}

export interface EmailOutboxTable {
  id: string;
  invitation_id: string | null;
  to_address: string;
  subject: string;
  html_body: string;
  text_body: string;
  status: Default<string>;
  attempts: Default<number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  last_error: Text;
  provider_message_id: Text;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export interface IdempotencyRecordsTable {
  user_id: string;
  function_name: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number | null;
  response_body: Text;
  created_at: CreatedAt;
}

export interface InterviewSessionsTable {
  id: string;
  interview_id: string;
  invitation_id: string | null;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface ConsentsTable {
  id: string;
  interview_id: string;
  kind: string;
  policy_version: string;
  granted_at: Timestamp;
  ip_address: Text;
}

export interface InterviewScoreRevisionsTable {
  id: string;
  interview_id: string;
  snapshot: Json;
  replaced_at: Timestamp;
}

export interface AcsIdentitiesTable {
  user_id: string;
  communication_user_id: string;
  created_at: CreatedAt;
}

export interface RateLimitCountersTable {
  bucket_key: string;
  /** Start of the fixed window, in whole seconds since the epoch. */
  window_start: number;
  hits: number;
  expires_at: number;
}

/** One row per background job: whoever holds an unexpired lease is the only instance running it. */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}

export interface ProcessedEventsTable {
  event_id: string;
  event_type: string;
  outcome: string;
  processed_at: Timestamp;
}

/** One participant of an interview's call, by ACS raw id (`8:acs:…` for an identity, `4:+61…` for a phone). */
export interface CallParticipantsTable {
  id: string;
  interview_id: string;
  raw_id: string;
  kind: string;
  state: string;
  muted: Bool;
  last_event_at: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RecordingsTable {
  id: string;
  interview_id: string;
  recording_id: string;
  state: Default<string>;
  content_location: Text;
  delete_location: Text;
  content_type: Text;
  chunk_count: Default<number>;
  duration_ms: Num;
  size_bytes: Num;
  blob_path: Text;
  attempts: Default<number>;
  last_error: Text;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ScoringConsistencyChecksTable {
  id: string;
  organisation_id: string;
  job_role_id: string | null;
  requested_by: string | null;
  sample_size: number;
  eligible: number;
  rubric_changed: number;
  compared: number;
  failed: number;
  band_changed: number;
  mean_absolute_difference: Num;
  created_at: CreatedAt;
}

export interface ScoringConsistencyResultsTable {
  id: string;
  check_id: string;
  organisation_id: string;
  interview_id: string;
  outcome: string;
  original_score: Num;
  rescored_score: Num;
  original_band: string;
  rescored_band: Text;
  band_changed: Bool;
  absolute_difference: Num;
  model_version: Text;
  error: Text;
  created_at: CreatedAt;
}

export interface MemberInvitationsTable {
  id: string;
  organisation_id: string;
  /** Lower-cased: compared with the invitee's verified email. */
  email: string;
  role: string;
  status: string;
  invited_by: string | null;
  accepted_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface Database {
  users: UsersTable;
  user_identities: UserIdentitiesTable;
  candidate_profiles: CandidateProfilesTable;
  employment_history: EmploymentHistoryTable;
  education: EducationTable;
  candidate_skills: CandidateSkillsTable;
  candidate_dei: CandidateDeiTable;
  user_roles: UserRolesTable;
  organisations: OrganisationsTable;
  org_users: OrgUsersTable;
  job_roles: JobRolesTable;
  applications: ApplicationsTable;
  invitations: InvitationsTable;
  interviews: InterviewsTable;
  transcript_segments: TranscriptSegmentsTable;
  score_dimensions: ScoreDimensionsTable;
  interview_scores: InterviewScoresTable;
  audit_log: AuditLogTable;
  practice_interviews: PracticeInterviewsTable;
  data_deletion_requests: DataDeletionRequestsTable;
  rate_limit_counters: RateLimitCountersTable;
  ai_usage: AiUsageTable;
  shortlist_entries: ShortlistEntriesTable;
  shortlist_staging_entries: ShortlistStagingEntriesTable;
  email_outbox: EmailOutboxTable;
  idempotency_records: IdempotencyRecordsTable;
  interview_sessions: InterviewSessionsTable;
  consents: ConsentsTable;
  interview_score_revisions: InterviewScoreRevisionsTable;
  acs_identities: AcsIdentitiesTable;
  job_leases: JobLeasesTable;
  processed_events: ProcessedEventsTable;
  recordings: RecordingsTable;
  call_participants: CallParticipantsTable;
  scoring_consistency_checks: ScoringConsistencyChecksTable;
  scoring_consistency_results: ScoringConsistencyResultsTable;
  member_invitations: MemberInvitationsTable;
}
