import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ORIGINAL_SCHEMA } from './original-schema';

/**
 * A Supabase-era database with every table populated and the awkward data the old schema let in: NULLs, two
 * users whose emails differ only by case, an unconfirmed email, orphans (loaded with foreign keys off, as a
 * restore might), Unicode, a 10 MB CV, a CV the bucket lost, plaintext invitation tokens, out-of-range values.
 */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const FIXTURE = {
  candidate: { id: id(1), email: 'Zoe.Candidate@Example.COM', signInEmail: 'zoe.candidate@example.com' },
  recruiter: { id: id(2), email: 'recruiter@acme.example' },
  duplicateA: { id: id(3), email: 'dup@example.com' },
  duplicateB: { id: id(4), email: 'DUP@example.com' },
  unconfirmed: { id: id(5), email: 'unconfirmed@example.com' },
  erased: { id: id(6), email: 'erased@example.com' },
  lostCv: { id: id(7), email: 'lost-cv@example.com' },
  missingUser: id(99),
  organisation: id(100),
  sameNameOrganisation: id(101),
  emptyOrganisation: id(102),
  role: id(200),
  openRole: id(201),
  roleByMissingUser: id(202),
  missingRole: id(299),
  scoredApplication: id(300),
  invitedApplication: id(301),
  lostCvApplication: id(302),
  orphanApplication: id(303),
  openInvitation: { id: id(400), token: 'a3f1'.repeat(16) },
  expiredInvitation: { id: id(401), token: 'b7c2'.repeat(16) },
  interview: id(500),
  missingInterview: id(599),
  cvBytes: 10 * 1024 * 1024,
  /** Transcript segments of the scored interview: enough pages to cut a run off in the middle. */
  segments: 3000,
};

/** A PDF of exactly `size` bytes: the header and trailer the type detection looks for, padded in between. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n% Zoë Ångström CV\n');
  const tail = Buffer.from('\n%%EOF\n');
  const body = Buffer.alloc(size - head.length - tail.length, 0x20);
  randomBytes(1024).copy(body, 0);
  return Buffer.concat([head, body, tail]);
}

const DOCX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function loadFixture(url: string, filesFolder: string): Promise<void> {
  const f = FIXTURE;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(ORIGINAL_SCHEMA);
    // A restore with triggers off is how orphans got into the old database: foreign keys are not checked.
    await client.query("set session_replication_role = 'replica'");
    const insert = async (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      const values = columns.map((c) => {
        const v = row[c];
        return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
      });
      await client.query(`insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, values);
    };
    const confirmed = '2024-03-01T10:00:00+11:00';
    const users: Array<[string, string | null, string | null, Record<string, unknown>]> = [
      [f.candidate.id, f.candidate.email, confirmed, { full_name: 'Zoë Ångström-Nguyễn' }],
      [f.recruiter.id, f.recruiter.email, confirmed, { name: 'Rita Recruiter' }],
      [f.duplicateA.id, f.duplicateA.email, confirmed, {}],
      [f.duplicateB.id, f.duplicateB.email, confirmed, {}],
      [f.unconfirmed.id, f.unconfirmed.email, null, {}],
      [f.erased.id, f.erased.email, confirmed, {}],
      [f.lostCv.id, f.lostCv.email, confirmed, {}],
      [id(8), null, null, {}],
    ];
    for (const [userId, email, confirmedAt, meta] of users) {
      await insert('auth.users', { id: userId, email, email_confirmed_at: confirmedAt, raw_user_meta_data: meta, created_at: '2024-02-29T23:59:59.123456+11:00', last_sign_in_at: null });
    }

    await insert('public.organisations', { id: f.organisation, name: 'Acme Pty Ltd', values_framework: { values: ['Ownership', 'Kindness'] }, recording_retention_days: 45 });
    await insert('public.organisations', { id: f.sameNameOrganisation, name: ' acme pty ltd', values_framework: ['Speed'], recording_retention_days: 9999 });
    await insert('public.organisations', { id: f.emptyOrganisation, name: 'Ōtautahi Labs 🚀', values_framework: null, recording_retention_days: null });
    await insert('public.org_users', { id: id(110), user_id: f.recruiter.id, organisation_id: f.organisation, role: 'admin' });
    await insert('public.org_users', { id: id(111), user_id: f.recruiter.id, organisation_id: f.sameNameOrganisation, role: 'admin' });
    await insert('public.org_users', { id: id(112), user_id: f.missingUser, organisation_id: f.organisation, role: 'viewer' });
    await insert('public.user_roles', { id: id(120), user_id: f.candidate.id, role: 'candidate' });
    await insert('public.user_roles', { id: id(121), user_id: f.recruiter.id, role: 'org_admin' });

    await insert('public.candidate_profiles', {
      id: id(130), user_id: f.candidate.id, first_name: 'Zoë', last_name: 'Ñúñez-O’Brien', email: f.candidate.email, phone: null,
      suburb: 'Surry Hills', postcode: '2010', state: 'NSW', country: null, work_mode: 'Remote', gpa_wam: 6.75,
      cv_file_path: `${f.candidate.id}/cv.pdf`, cv_uploaded_at: '2024-03-02T09:30:00Z', profile_visibility: 'visible',
    });
    await insert('public.candidate_profiles', { id: id(131), user_id: f.lostCv.id, first_name: 'Lost', cv_file_path: `${f.lostCv.id}/cv.pdf`, profile_visibility: 'private', visibility_settings: null });
    await insert('public.candidate_profiles', { id: id(132), user_id: f.duplicateA.id, first_name: '重复', cv_file_path: `candidate-cvs/${f.duplicateA.id}/cv.docx` });
    await insert('public.candidate_profiles', { id: id(133), user_id: f.erased.id, first_name: 'Erin' });
    await insert('public.candidate_profiles', { id: id(134), user_id: f.missingUser, first_name: 'Ghost' });

    await insert('public.employment_history', { id: id(140), user_id: f.candidate.id, job_title: 'Développeuse', company_name: 'Café ☕ Co', start_date: '2019-02-01', end_date: null, is_current: true, description: null });
    await insert('public.employment_history', { id: id(141), user_id: f.missingUser, job_title: 'x', company_name: 'y', start_date: '2000-01-01' });
    await insert('public.education', { id: id(150), user_id: f.candidate.id, institution: 'UNSW', degree: 'BSc', field_of_study: null, start_date: null, end_date: null, is_current: null });
    await insert('public.candidate_skills', { id: id(160), user_id: f.candidate.id, skill_name: 'TypeScript', skill_type: 'hard', proficiency_level: 'expert' });
    await insert('public.candidate_skills', { id: id(161), user_id: f.candidate.id, skill_name: 'Empathy', skill_type: 'Soft', proficiency_level: 'guru' });
    await insert('public.candidate_skills', { id: id(162), user_id: f.candidate.id, skill_name: 'Rust', skill_type: 'technical', proficiency_level: null });
    await insert('public.candidate_dei', { id: id(170), user_id: f.candidate.id, gender: ' Woman ', ethnicity: 'Vietnamese-Australian', disability_status: null, veteran_status: 'x'.repeat(150) });
    await insert('public.candidate_dei', { id: id(171), user_id: f.unconfirmed.id, gender: 'Man' });
    await insert('public.candidate_dei', { id: id(172), user_id: f.erased.id, gender: 'Non-binary' });
    await insert('public.candidate_dei', { id: id(173), user_id: f.duplicateA.id, gender: '  ', ethnicity: null });

    await insert('public.job_roles', { id: f.role, organisation_id: f.organisation, title: 'Senior Engineer', status: 'active', work_type: 'hybrid', employment_type: 'full_time', requirements: { skills: ['TypeScript'], experience: ['5 years'], qualifications: [], responsibilities: [], interviewQuestions: ['Why?'] }, interview_structure: { questions: ['Why?'], duration_minutes: 15 }, scoring_rubric: { communication: { weight: 0.5, label: 'Communication' }, technical_skills: { weight: 0.5, label: 'Technical' } }, created_by: f.recruiter.id });
    await insert('public.job_roles', { id: f.openRole, organisation_id: f.organisation, title: 'Graduate Analyst', status: 'active', created_by: f.recruiter.id });
    await insert('public.job_roles', { id: f.roleByMissingUser, organisation_id: f.sameNameOrganisation, title: 'Paused role', status: 'paused', created_by: f.missingUser });

    await insert('public.applications', { id: f.scoredApplication, candidate_id: f.candidate.id, job_role_id: f.role, status: 'reviewed', match_score: 87.456 });
    await insert('public.applications', { id: f.invitedApplication, candidate_id: f.candidate.id, job_role_id: f.openRole, status: 'invited', match_score: 150 });
    await insert('public.applications', { id: f.lostCvApplication, candidate_id: f.lostCv.id, job_role_id: f.role, status: 'applied', match_score: null });
    await insert('public.applications', { id: f.orphanApplication, candidate_id: f.candidate.id, job_role_id: f.missingRole, status: 'applied' });

    const week = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await insert('public.invitations', { id: f.openInvitation.id, application_id: f.invitedApplication, token: f.openInvitation.token, status: 'sent', email_template: 'standard', sent_at: '2024-03-03T00:00:00Z', expires_at: week });
    await insert('public.invitations', { id: f.expiredInvitation.id, application_id: f.scoredApplication, token: f.expiredInvitation.token, status: 'opened', email_template: 'standard', opened_at: '2024-03-04T00:00:00Z', expires_at: '2024-03-10T00:00:00Z' });
    await insert('public.invitations', { id: id(402), application_id: f.orphanApplication, token: 'c0ffee'.repeat(10), expires_at: week });

    await insert('public.interviews', { id: f.interview, application_id: f.scoredApplication, status: 'completed', started_at: '2024-03-05T01:00:00.123456Z', ended_at: '2024-03-05T01:14:59Z', duration_seconds: 899, anti_cheat_signals: [{ type: 'tab_switch', timestamp: '2024-03-05T01:05:00Z' }], metadata: {} });
    await insert('public.interviews', { id: id(501), application_id: f.orphanApplication, status: 'invited' });
    const speakers = ['ai', 'candidate'];
    const lines = ['Hello 👋, tell me about yourself.', 'Je suis développeuse — 我喜欢编程.', "I'd say \"ownership\"; it's O'Brien's motto.", 'Ünïcödé ✓'];
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < f.segments; i += 1) {
      const base = values.length;
      values.push(id(10_000 + i), f.interview, speakers[i % 2], `${lines[i % lines.length]} #${i}`, i * 1000, i % 3 === 0 ? null : i * 1000 + 900, i % 5 === 0 ? null : 0.91234);
      tuples.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7})`);
      if (tuples.length === 500 || i === f.segments - 1) {
        await client.query(`insert into public.transcript_segments (id, interview_id, speaker, content, start_time_ms, end_time_ms, confidence) values ${tuples.join(', ')}`, values);
        tuples.length = 0;
        values.length = 0;
      }
    }
    await insert('public.transcript_segments', { id: id(9_000), interview_id: f.missingInterview, speaker: 'ai', content: 'orphan', start_time_ms: 0 });
    await insert('public.score_dimensions', { id: id(510), interview_id: f.interview, dimension: 'communication', score: 7.5, weight: 0.5, evidence: 'Clear.', cited_quotes: ['Hello 👋'] });
    await insert('public.score_dimensions', { id: id(511), interview_id: f.interview, dimension: 'technical_skills', score: 8.25, weight: null, evidence: null, cited_quotes: [] });
    await insert('public.interview_scores', { id: id(520), interview_id: f.interview, overall_score: 78.5, narrative_summary: 'Strong.', candidate_feedback: 'Keep going.', anti_cheat_risk_level: 'low', scored_by: 'ai', human_override: false, human_override_by: f.missingUser, model_version: 'gemini-2.5-flash', prompt_version: 'v2.0', rubric_version: 'v2.0' });

    await insert('public.audit_log', { id: id(600), user_id: f.recruiter.id, organisation_id: f.organisation, action: 'role_created', entity_type: 'job_role', entity_id: f.role, new_values: { title: 'Senior Engineer' }, ip_address: '203.0.113.9' });
    await insert('public.audit_log', { id: id(601), user_id: f.missingUser, organisation_id: f.organisation, action: 'score_override', entity_type: 'interview_score', entity_id: id(520) });
    await insert('public.audit_log', { id: id(602), user_id: null, organisation_id: null, action: 'invitation_sent', entity_type: 'invitation', entity_id: null });
    await insert('public.practice_interviews', { id: id(700), user_id: f.candidate.id, sample_role_type: 'Software Engineer', status: 'completed', feedback: { questionsAnswered: 5, totalDuration: 600 } });
    await insert('public.practice_interviews', { id: id(701), user_id: f.missingUser, sample_role_type: 'Analyst', status: 'in_progress' });
    await insert('public.data_deletion_requests', { id: id(800), user_id: f.erased.id, request_type: 'anonymize', status: 'pending', reason: 'Bitte löschen' });
    await insert('public.data_deletion_requests', { id: id(801), user_id: f.missingUser, request_type: 'full_deletion', status: 'completed', processed_by: 'system' });

    const cv = pdfOfSize(f.cvBytes);
    const docx = Buffer.concat([DOCX_MAGIC, Buffer.from('not really a docx, but the old bucket took it')]);
    for (const [path, bytes] of [[`${f.candidate.id}/cv.pdf`, cv], [`${f.duplicateA.id}/cv.docx`, docx], [`${id(8)}/old.pdf`, cv.subarray(0, 2048)]] as const) {
      mkdirSync(join(filesFolder, 'candidate-cvs', path.split('/')[0] ?? ''), { recursive: true });
      writeFileSync(join(filesFolder, 'candidate-cvs', path), bytes);
      await insert('storage.objects', { bucket_id: 'candidate-cvs', name: path, metadata: { size: bytes.length, mimetype: path.endsWith('.pdf') ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } });
    }
    await insert('storage.objects', { bucket_id: 'candidate-cvs', name: `${f.lostCv.id}/cv.pdf`, metadata: { size: 1000 } });
  } finally {
    await client.end();
  }
}
