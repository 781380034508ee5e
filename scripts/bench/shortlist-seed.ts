import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Caller } from '../../shared/auth/caller';
import type { StoredApplicant } from '../../shared/shortlist/applicant';

/**
 * Seeds the shortlist benchmark's SQLite file (already migrated) with one organisation, one member who runs the
 * list, one role and its synthetic applicants, and prints the role id and the member as JSON. It runs in a
 * process of its own (`node shortlist-seed.js FILE COUNT`), so the benchmark's peak RSS is the generation's and
 * the paged read's, not the seeding's.
 */

export interface Seeded {
  roleId: string;
  caller: Caller;
}

/** mulberry32: a small seeded generator, so every run scores the same synthetic applicants. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKILLS = [
  'JavaScript', 'JS', 'TypeScript', 'ts', 'Node', 'React', 'reactjs', 'Python', 'Java', 'C#', '.NET', 'Go', 'SQL', 'T-SQL',
  'Postgres', 'Azure', 'Microsoft Azure', 'AWS', 'Docker', 'k8s', 'Kubernetes', 'Terraform', 'CI/CD', 'GitHub Actions', 'REST',
  'GraphQL', 'Agile', 'Scrum', 'Leadership', 'Communication', 'Excel', 'Power BI', 'Salesforce', 'Customer Service', 'Figma',
  'Photoshop', 'Forklift licence', 'Bookkeeping', 'Xero', 'Nursing', 'Rust', 'Kotlin', 'Swift', 'Machine Learning', 'Tableau',
];
const TITLES = [
  'Backend Engineer', 'Senior Software Engineer', 'Frontend Developer', 'Full Stack Developer', 'Data Analyst', 'DevOps Engineer',
  'Platform Engineer', 'Barista', 'Retail Assistant', 'Project Manager', 'QA Engineer', 'Cloud Engineer', 'Account Manager',
];
const WORDS = [
  'built', 'maintained', 'designed', 'services', 'APIs', 'for', 'a', 'team', 'of', 'engineers', 'using', 'with', 'and', 'on', 'the',
  'customer', 'platform', 'migrated', 'legacy', 'systems', 'to', 'cloud', 'Azure', 'AWS', 'TypeScript', 'Node.js', 'React', 'SQL',
  'Kubernetes', 'Terraform', 'mentored', 'juniors', 'reporting', 'dashboards', 'Power BI', 'payments', 'booking', 'mobile', 'apps',
];
const MODES = ['onsite', 'hybrid', 'remote', null];
const STATES = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT', 'New South Wales', null];
const AVAILABILITY = ['immediate', '2_weeks', '1_month', '3 months', null];
const RIGHTS = ['citizen', 'permanent_resident', 'visa', 'working holiday visa', null];

/** The applicants, one at a time, so seeding never holds them all. */
function* syntheticApplicants(count: number): Generator<StoredApplicant> {
  const random = seeded(20_240_601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const date = (yearsBack: number) => `${2025 - Math.floor(yearsBack)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`;
  for (let i = 0; i < count; i++) {
    const jobs = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, j) => {
      const start = 1 + j * 3 + random() * 3;
      return {
        job_title: pick(TITLES),
        company_name: `Company ${Math.floor(random() * 500)}`,
        start_date: date(start),
        end_date: j === 0 ? null : date(start - 2),
        is_current: j === 0,
        description: Array.from({ length: 30 + Math.floor(random() * 40) }, () => pick(WORDS)).join(' '),
      };
    });
    yield {
      application_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      candidate_id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      profile: {
        profile_visibility: random() < 0.03 ? 'hidden' : 'visible',
        visibility_settings: random() < 0.1 ? { skills: false } : null,
        work_mode: pick(MODES),
        availability: pick(AVAILABILITY),
        work_rights: pick(RIGHTS),
        suburb: 'Suburb',
        state: pick(STATES),
        first_name: `First${i}`,
        last_name: `Last${i}`,
        email: `applicant${i}@example.com`,
        phone: '0400 000 000',
      },
      account: { email: `applicant${i}@example.com`, display_name: null },
      skills: Array.from({ length: 3 + Math.floor(random() * 8) }, () => ({ skill_name: pick(SKILLS), proficiency_level: pick(['beginner', 'intermediate', 'advanced', 'expert', null]) })),
      employment: jobs,
    };
  }
}

/** One organisation, one member who runs the list, one role and its applicants, written straight to the file. */
function seed(path: string, applicants: number): Seeded {
  const db = new Database(path);
  const now = new Date().toISOString();
  const organisationId = randomUUID();
  const roleId = randomUUID();
  const userId = randomUUID();
  const insert = (table: string, row: Record<string, unknown>) =>
    db.prepare(`insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row).map((c) => `@${c}`).join(', ')})`).run(row);
  db.transaction(() => {
    insert('organisations', { id: organisationId, name: 'Bench Co', name_key: 'bench co', created_at: now, updated_at: now });
    insert('users', { id: userId, issuer: 'bench', subject: userId, email: 'bench@example.com', created_at: now, last_sign_in_at: now });
    insert('org_users', { id: randomUUID(), user_id: userId, organisation_id: organisationId, role: 'recruiter', created_at: now });
    insert('job_roles', {
      id: roleId, organisation_id: organisationId, title: 'Senior Backend Engineer', status: 'active', work_type: 'hybrid', location: 'Sydney NSW', created_at: now, updated_at: now,
      requirements: JSON.stringify({
        skills: ['TypeScript', 'Node.js', 'Azure', 'SQL', 'Kubernetes', 'REST APIs', 'Terraform', 'Communication'],
        experience: ['5+ years building backend services', 'Experience with cloud platforms'],
        qualifications: ['Degree in Computer Science or similar'],
      }),
    });
    for (const a of syntheticApplicants(applicants)) {
      insert('users', { id: a.candidate_id, issuer: 'bench', subject: a.candidate_id, email: a.account.email, created_at: now, last_sign_in_at: now });
      const p = a.profile;
      if (p) {
        insert('candidate_profiles', {
          id: randomUUID(), user_id: a.candidate_id, profile_visibility: p.profile_visibility, visibility_settings: JSON.stringify(p.visibility_settings ?? {}),
          work_mode: p.work_mode, availability: p.availability, work_rights: p.work_rights, suburb: p.suburb, state: p.state,
          first_name: p.first_name, last_name: p.last_name, email: p.email, phone: p.phone, created_at: now, updated_at: now,
        });
      }
      for (const s of a.skills) insert('candidate_skills', { id: randomUUID(), user_id: a.candidate_id, skill_name: s.skill_name, skill_type: 'hard', proficiency_level: s.proficiency_level, created_at: now });
      for (const j of a.employment) {
        insert('employment_history', {
          id: randomUUID(), user_id: a.candidate_id, job_title: j.job_title, company_name: j.company_name, start_date: j.start_date, end_date: j.end_date,
          is_current: j.is_current ? 1 : 0, description: j.description, created_at: now,
        });
      }
      insert('applications', { id: a.application_id, candidate_id: a.candidate_id, job_role_id: roleId, status: 'applied', created_at: now, updated_at: now });
    }
  })();
  db.close();
  const caller: Caller = {
    user: { id: userId, email: 'bench@example.com', display_name: null, created_at: now, last_sign_in_at: now },
    memberships: [{ organisation_id: organisationId, organisation_name: 'Bench Co', role: 'recruiter', joined_at: now }],
    operator: false,
    verified_email: null,
  };
  return { roleId, caller };
}

const [path, count] = process.argv.slice(2);
if (!path || !count) throw new Error('usage: node shortlist-seed.js FILE COUNT');
process.stdout.write(JSON.stringify(seed(path, Number(count))));
