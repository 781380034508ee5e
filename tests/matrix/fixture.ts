import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { api, createOrganisation, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { PERSONAS, type Persona } from './types';

/**
 * The world the authorization matrix runs in, made fresh per run: organisation A with an admin, a recruiter, a
 * hiring manager and a viewer; organisation B with its own admin; a candidate who applied to A's active role
 * and was interviewed and scored ("candidateOwner"); a candidate who applied only to B ("otherCandidate").
 * Rows are written straight into the suite's SQLite file; users are provisioned through /api/me.
 */
export interface Fixture {
  db: Database.Database;
  tokens: Record<Persona, string | undefined>;
  userIds: Record<Exclude<Persona, 'anonymous'>, string>;
  orgA: string;
  orgB: string;
  /** Active role in A the owner applied to, with requirements and a rubric. */
  roleA: string;
  /** Draft role in A nobody applied to. */
  draftRoleA: string;
  roleB: string;
  applicationA: string;
  applicationB: string;
  interviewA: string;
  /** Make a fresh draft role in organisation A (for writes that change or delete it). */
  newDraftRole(): string;
  /** Make a fresh candidate with an application to roleA; returns ids and a token. */
  newApplicant(): Promise<{ userId: string; applicationId: string; token: string }>;
  /** A completed interview of a fresh applicant to roleA. */
  newCompletedInterview(): Promise<{ interviewId: string; applicant: { userId: string; applicationId: string; token: string } }>;
  /** The current version of a row, for If-Match. */
  versionOf(table: string, id: string): string;
}

const now = () => new Date().toISOString();

async function provision(token: string): Promise<string> {
  const me = await api<{ user: { id: string } }>('/api/me', { token });
  if (me.status !== 200) throw new Error(`provisioning failed: ${me.status} ${me.text}`);
  return me.body.user.id;
}

function insert(db: Database.Database, table: string, row: Record<string, unknown>): string {
  const id = (row.id as string | undefined) ?? randomUUID();
  const full = { id, ...row };
  const columns = Object.keys(full);
  db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(
    Object.fromEntries(Object.entries(full).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : v])),
  );
  return id;
}

export const REQUIREMENTS = {
  skills: ['TypeScript', 'Azure', 'SQL'],
  experience: ['5 years building web services'],
  qualifications: ['Degree in Computer Science or similar'],
  responsibilities: ['Build APIs', 'Mentor engineers'],
  interviewQuestions: ['Tell me about a system you designed.'],
};

export const RUBRIC = {
  technical_skills: { weight: 0.4, label: 'Technical skills' },
  communication: { weight: 0.3, label: 'Communication' },
  culture_fit: { weight: 0.3, label: 'Culture fit' },
};

export async function buildFixture(): Promise<Fixture> {
  const tokens = {} as Record<Persona, string | undefined>;
  for (const persona of PERSONAS) tokens[persona] = persona === 'anonymous' ? undefined : await tokenFor(uniqueEmail(persona));
  const userIds = {} as Fixture['userIds'];
  for (const persona of PERSONAS) if (persona !== 'anonymous') userIds[persona] = await provision(tokens[persona] as string);

  const orgA = (await createOrganisation(tokens.admin as string, `Matrix A ${randomUUID().slice(0, 6)}`)).id;
  const orgB = (await createOrganisation(tokens.otherOrgAdmin as string, `Matrix B ${randomUUID().slice(0, 6)}`)).id;
  const db = openDatabase();
  db.pragma('foreign_keys = ON');
  for (const [persona, role] of [['recruiter', 'recruiter'], ['hiringManager', 'hiring_manager'], ['viewer', 'viewer']] as const) {
    insert(db, 'org_users', { user_id: userIds[persona], organisation_id: orgA, role, created_at: now() });
  }
  const role = (organisation: string, title: string, status: string) =>
    insert(db, 'job_roles', {
      organisation_id: organisation,
      title,
      status,
      description: `${title} at a fixture organisation`,
      location: 'Sydney NSW',
      work_type: 'hybrid',
      employment_type: 'full_time',
      requirements: REQUIREMENTS,
      interview_structure: { questions: REQUIREMENTS.interviewQuestions, duration_minutes: 15 },
      scoring_rubric: RUBRIC,
      created_by: userIds.admin,
      created_at: now(),
      updated_at: now(),
    });
  const roleA = role(orgA, 'Senior Engineer', 'active');
  const draftRoleA = role(orgA, 'Draft Role', 'draft');
  const roleB = role(orgB, 'Analyst', 'active');

  const candidateRows = (userId: string, first: string) => {
    insert(db, 'candidate_profiles', {
      user_id: userId, first_name: first, last_name: 'Citizen', email: `${first.toLowerCase()}@example.com`, phone: '0400 000 000',
      suburb: 'Newtown', state: 'NSW', postcode: '2042', work_rights: 'citizen', availability: 'immediate', work_mode: 'hybrid',
      linkedin_url: 'https://linkedin.example/in/x', portfolio_url: 'https://portfolio.example',
      created_at: now(), updated_at: now(),
    });
    insert(db, 'employment_history', { user_id: userId, job_title: 'Engineer', company_name: 'Acme', start_date: '2019-02-01', is_current: true, created_at: now() });
    insert(db, 'education', { user_id: userId, institution: 'UNSW', degree: 'BSc', field_of_study: 'Computer Science', created_at: now() });
    insert(db, 'candidate_skills', { user_id: userId, skill_name: 'TypeScript', skill_type: 'hard', proficiency_level: 'advanced', created_at: now() });
    insert(db, 'candidate_dei', { user_id: userId, gender: 'woman', ethnicity: 'prefer not to say', created_at: now() });
  };
  candidateRows(userIds.candidateOwner, 'Olivia');
  candidateRows(userIds.otherCandidate, 'Oscar');

  const applicationA = insert(db, 'applications', { candidate_id: userIds.candidateOwner, job_role_id: roleA, status: 'interviewed', match_score: 82.5, created_at: now(), updated_at: now() });
  const applicationB = insert(db, 'applications', { candidate_id: userIds.otherCandidate, job_role_id: roleB, status: 'applied', created_at: now(), updated_at: now() });
  const interviewA = insert(db, 'interviews', {
    application_id: applicationA, status: 'completed', started_at: now(), ended_at: now(), duration_seconds: 840,
    anti_cheat_signals: [{ type: 'tab_switch', timestamp: now() }], metadata: {}, created_at: now(), updated_at: now(),
  });
  insert(db, 'transcript_segments', { interview_id: interviewA, speaker: 'ai', content: 'Tell me about a system you designed.', start_time_ms: 0, created_at: now() });
  insert(db, 'transcript_segments', { interview_id: interviewA, speaker: 'candidate', content: 'I designed a payments API on Azure Functions.', start_time_ms: 4000, end_time_ms: 9000, created_at: now() });
  insert(db, 'interview_scores', {
    interview_id: interviewA, overall_score: 78, narrative_summary: 'Internal narrative for staff.', candidate_feedback: 'Clear answers; expand on testing.',
    anti_cheat_risk_level: 'low', anti_cheat_notes: 'One tab switch.', scored_by: 'ai', model_version: 'offline', prompt_version: 'v1', rubric_version: 'v1',
    created_at: now(), updated_at: now(),
  });
  insert(db, 'score_dimensions', { interview_id: interviewA, dimension: 'technical_skills', score: 8, weight: 0.4, evidence: 'Designed a payments API.', cited_quotes: ['I designed a payments API on Azure Functions.'], created_at: now() });
  insert(db, 'practice_interviews', { user_id: userIds.candidateOwner, sample_role_type: 'software_engineer', status: 'completed', feedback: {}, created_at: now() });
  insert(db, 'data_deletion_requests', { user_id: userIds.candidateOwner, request_type: 'recording_only', status: 'pending', requested_at: now() });

  const newApplicant = async () => {
    const token = await tokenFor(uniqueEmail('applicant'));
    const userId = await provision(token);
    const applicationId = insert(db, 'applications', { candidate_id: userId, job_role_id: roleA, status: 'applied', created_at: now(), updated_at: now() });
    return { userId, applicationId, token };
  };

  return {
    db,
    tokens,
    userIds,
    orgA,
    orgB,
    roleA,
    draftRoleA,
    roleB,
    applicationA,
    applicationB,
    interviewA,
    newDraftRole: () => role(orgA, `Draft ${randomUUID().slice(0, 6)}`, 'draft'),
    newApplicant,
    newCompletedInterview: async () => {
      const applicant = await newApplicant();
      const interviewId = insert(db, 'interviews', { application_id: applicant.applicationId, status: 'completed', created_at: now(), updated_at: now() });
      return { interviewId, applicant };
    },
    versionOf: (table, id) => {
      const row = db.prepare(`select version from ${table} where id = ?`).get(id) as { version: number } | undefined;
      if (!row) throw new Error(`no ${table} row ${id}`);
      return `"${row.version}"`;
    },
  };
}
