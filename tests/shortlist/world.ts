import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { api, type ApiResponse } from '../support/api';

/** Rows for shortlist tests, written straight into a host's SQLite file: roles and applicants as crafted as needed. */

const now = () => new Date().toISOString();

export function insertRow(db: Database.Database, table: string, row: Record<string, unknown>): string {
  const id = (row.id as string | undefined) ?? randomUUID();
  const full = { id, ...row };
  const columns = Object.keys(full);
  db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(
    Object.fromEntries(Object.entries(full).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : typeof v === 'boolean' ? Number(v) : v])),
  );
  return id;
}

/** A stored shortlist entry, as a run would leave it (shortlist_entries is keyed by its application). */
export function insertShortlistEntry(db: Database.Database, entry: { application_id: string; job_role_id: string; match_score: number; deterministic_score: number; match_reasons: string[]; stage: string; provider: string; prompt_version: string | null }): void {
  db.prepare(
    'insert into shortlist_entries (application_id, job_role_id, match_score, deterministic_score, match_reasons, stage, provider, prompt_version, created_at) values (@application_id, @job_role_id, @match_score, @deterministic_score, @match_reasons, @stage, @provider, @prompt_version, @created_at)',
  ).run({ ...entry, match_reasons: JSON.stringify(entry.match_reasons), created_at: now() });
}

export interface RoleSpec {
  title?: string;
  work_type?: string | null;
  location?: string | null;
  skills?: string[];
  experience?: string[];
}

export function insertRole(db: Database.Database, organisationId: string, spec: RoleSpec = {}): string {
  return insertRow(db, 'job_roles', {
    organisation_id: organisationId,
    title: spec.title ?? 'Backend Engineer',
    status: 'active',
    work_type: spec.work_type === undefined ? 'hybrid' : spec.work_type,
    location: spec.location === undefined ? 'Sydney NSW' : spec.location,
    requirements: {
      skills: spec.skills ?? ['TypeScript', 'Azure', 'SQL'],
      experience: spec.experience ?? ['5+ years building web services'],
      qualifications: ['Degree in Computer Science or similar'],
      responsibilities: ['Build APIs'],
      interviewQuestions: ['Tell me about a system you designed.'],
    },
    created_at: now(),
    updated_at: now(),
  });
}

export interface JobSpec {
  title: string;
  company?: string;
  start: string;
  end?: string | null;
  current?: boolean;
  description?: string;
}

export interface ApplicantSpec {
  /** Profile columns; null for an applicant without a profile. */
  profile?: Record<string, unknown> | null;
  skills?: Array<string | [string, string]>;
  jobs?: JobSpec[];
  dei?: Record<string, string>;
  email?: string;
  display_name?: string;
}

export interface InsertedApplicant {
  userId: string;
  applicationId: string;
}

export const DEFAULT_PROFILE = {
  first_name: 'Alex',
  last_name: 'Sample',
  state: 'NSW',
  suburb: 'Newtown',
  work_mode: 'hybrid',
  availability: 'immediate',
  work_rights: 'citizen',
};

export function insertApplicant(db: Database.Database, roleId: string, spec: ApplicantSpec = {}): InsertedApplicant {
  const userId = insertRow(db, 'users', {
    issuer: 'https://tests.example/issuer',
    subject: randomUUID(),
    email: spec.email ?? `applicant-${randomUUID().slice(0, 8)}@example.com`,
    display_name: spec.display_name ?? null,
    created_at: now(),
    last_sign_in_at: now(),
  });
  if (spec.profile !== null) {
    insertRow(db, 'candidate_profiles', { user_id: userId, ...DEFAULT_PROFILE, ...spec.profile, created_at: now(), updated_at: now() });
  }
  for (const skill of spec.skills ?? []) {
    const [name, level] = typeof skill === 'string' ? [skill, 'advanced'] : skill;
    insertRow(db, 'candidate_skills', { user_id: userId, skill_name: name, skill_type: 'hard', proficiency_level: level, created_at: now() });
  }
  for (const job of spec.jobs ?? []) {
    insertRow(db, 'employment_history', {
      user_id: userId,
      job_title: job.title,
      company_name: job.company ?? 'Initech',
      start_date: job.start,
      end_date: job.end ?? null,
      is_current: job.current ?? false,
      description: job.description ?? null,
      created_at: now(),
    });
  }
  if (spec.dei) insertRow(db, 'candidate_dei', { user_id: userId, ...spec.dei, created_at: now() });
  const applicationId = insertRow(db, 'applications', { candidate_id: userId, job_role_id: roleId, status: 'applied', created_at: now(), updated_at: now() });
  return { userId, applicationId };
}

export function yearsAgo(years: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
}

/** One current backend job started `years` ago: the experience most test applicants share. */
export const backend = (years: number) => [{ title: 'Backend Engineer', start: yearsAgo(years), current: true, description: 'Built services on Azure with TypeScript.' }];

/** A fresh client address per call, so the 10-per-5-minutes limit of generate-shortlist never couples tests. */
export function freshIp(): string {
  const b = () => Math.floor(Math.random() * 250) + 1;
  return `10.${b()}.${b()}.${b()}`;
}

export interface MatchBody {
  applicationId: string;
  candidateId: string;
  rank: number;
  matchScore: number;
  deterministicScore: number;
  stage: 'deterministic' | 'offline' | 'model';
  matchReasons: string[];
  skills: string[];
  experience: string | null;
  availability: string | null;
  workMode: string | null;
  location: string | null;
}

export interface ShortlistBody {
  matches: MatchBody[];
  roleTitle: string;
  provider: string;
  promptVersion: string | null;
  generatedAt: string;
  message?: string;
  /** Only on the stored list's pages. */
  next_cursor?: string | null;
}

export async function generate(token: string | undefined, roleId: string, ip = freshIp()): Promise<ApiResponse<ShortlistBody>> {
  return api<ShortlistBody>('/api/generate-shortlist', { method: 'POST', token, json: { roleId }, headers: { 'x-forwarded-for': ip } });
}

export async function readStored(token: string | undefined, roleId: string, query = ''): Promise<ApiResponse<ShortlistBody>> {
  return api<ShortlistBody>(`/api/job-roles/${roleId}/shortlist${query}`, { token });
}

/** Every page of the stored list, `limit` at a time, following next_cursor. */
export async function readAllPages(token: string | undefined, roleId: string, limit: number): Promise<ShortlistBody[]> {
  const pages: ShortlistBody[] = [];
  for (let cursor: string | null | undefined = undefined; ; ) {
    const response = await readStored(token, roleId, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (response.status !== 200) throw new Error(`page ${pages.length + 1}: ${response.status} ${JSON.stringify(response.body)}`);
    pages.push(response.body);
    cursor = response.body.next_cursor;
    if (!cursor) return pages;
  }
}

export function matchOf(body: ShortlistBody, applicationId: string): MatchBody {
  const match = body.matches.find((m) => m.applicationId === applicationId);
  if (!match) throw new Error(`no match for ${applicationId} in ${JSON.stringify(body)}`);
  return match;
}
