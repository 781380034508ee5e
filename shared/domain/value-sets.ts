/** Closed sets of values: the database CHECK constraints and the API schemas are built from these same lists. */
export const ORG_ROLES = ['admin', 'recruiter', 'hiring_manager', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** The sign-up choice: came to apply for roles, or to hire for an organisation. */
export const ACCOUNT_TYPES = ['candidate', 'organisation'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const APP_ROLES = ['org_admin', 'org_recruiter', 'org_viewer', 'candidate'] as const;
export const INTERVIEW_STATUSES = ['invited', 'scheduled', 'in_progress', 'completed', 'cancelled', 'expired'] as const;
/** Why an interview ended: its plan ran out, the time cap, the candidate hung up, or nobody took a turn for too long. */
/** The interview's call as Event Grid reported it: `ended_early` when it ended before the interview completed. */
export const CALL_STATES = ['started', 'ended', 'ended_early'] as const;
export const INTERVIEW_END_REASONS = ['questions_done', 'time_up', 'candidate_hung_up', 'abandoned'] as const;
export type InterviewEndReason = (typeof INTERVIEW_END_REASONS)[number];
export const INVITATION_STATUSES = ['pending', 'sent', 'delivered', 'opened', 'bounced', 'expired', 'failed', 'revoked'] as const;
export const JOB_ROLE_STATUSES = ['draft', 'active', 'paused', 'closed'] as const;
export const WORK_TYPES = ['onsite', 'hybrid', 'remote'] as const;
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'casual'] as const;
export const APPLICATION_STATUSES = [
  'applied', 'shortlisted', 'invited', 'interviewed', 'scoring', 'reviewed', 'rejected', 'hired',
] as const;
/** An application in one of these is over: its CV is no longer needed for it (docs/privacy.md, CV retention). */
export const CLOSED_APPLICATION_STATUSES = ['rejected', 'hired'] as const satisfies readonly (typeof APPLICATION_STATUSES)[number][];
export const SPEAKERS = ['ai', 'candidate'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const SKILL_TYPES = ['hard', 'soft'] as const;
export const PROFICIENCY_LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export const PROFILE_VISIBILITIES = ['visible', 'hidden', 'deactivated'] as const;
export const PRACTICE_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export const DELETION_REQUEST_TYPES = ['full_deletion', 'recording_only', 'anonymize'] as const;
export const DELETION_REQUEST_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;

/** Which fields of a candidate profile staff may see unless the candidate changes it (original default). */
export const DEFAULT_VISIBILITY_SETTINGS = {
  name: true, location: true, education: true, employment: true, skills: true, portfolio: true, linkedin: true,
  email: false, phone: false,
} as const;
