import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { listShortlistPage, type StoredShortlistMatch } from '../../shared/db/repositories/shortlist';
import { listStagedTop, rescoreStagedEntries, stageShortlistEntries, sweepShortlistRuns, switchShortlist, type ShortlistRunKey, type StagedEntry } from '../../shared/db/repositories/shortlist-runs';

/**
 * A run stages its entries a chunk at a time under its own id, and one transaction makes it the role's list
 * (docs/performance.md). A list of thousands comes back whole, ranked, with every column as it was sent, text that
 * JSON must escape included; readers never see a staged run; a failed or dead run's rows never pile up.
 */
const APPLICANTS = 2_345;
const CHUNK = 250;
const at = new Date('2026-12-03T10:00:00.000Z');

let dir: string;
let handle: DatabaseHandle;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talenti-shortlist-batches-'));
  handle = openDatabase({ provider: 'sqlite', path: join(dir, 'db.sqlite'), acquireTimeoutMs: 5000 });
  await migrateToLatest(handle.db, 'sqlite');
});
afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Applicant {
  application: string;
  candidate: string;
}

/** One organisation, a member, a role and its applicants, in application id order. */
async function seedRole(count = APPLICANTS): Promise<{ roleId: string; memberId: string; applicants: Applicant[] }> {
  const now = at.toISOString();
  const organisationId = randomUUID();
  const memberId = randomUUID();
  const roleId = randomUUID();
  const user = (id: string) => ({ id, issuer: 'test', subject: id, email: null, display_name: null, created_at: now, last_sign_in_at: now });
  await handle.db.insertInto('organisations').values({ id: organisationId, name: `Batches ${organisationId}`, name_key: `batches ${organisationId}`, created_at: now, updated_at: now }).execute();
  await handle.db.insertInto('users').values(user(memberId)).execute();
  await handle.db.insertInto('org_users').values({ id: randomUUID(), user_id: memberId, organisation_id: organisationId, role: 'recruiter', created_at: now }).execute();
  await handle.db.insertInto('job_roles').values({ id: roleId, organisation_id: organisationId, title: 'Backend Engineer', status: 'active', created_at: now, updated_at: now }).execute();
  const candidates = Array.from({ length: count }, () => randomUUID());
  const applications = Array.from({ length: count }, () => randomUUID()).sort();
  for (let i = 0; i < count; i += 200) {
    await handle.db.insertInto('users').values(candidates.slice(i, i + 200).map(user)).execute();
    await handle.db
      .insertInto('applications')
      .values(applications.slice(i, i + 200).map((id, j) => ({ id, candidate_id: candidates[i + j] as string, job_role_id: roleId, status: 'applied', created_at: now, updated_at: now })))
      .execute();
  }
  return { roleId, memberId, applicants: applications.map((application, i) => ({ application, candidate: candidates[i] as string })) };
}

/** The entry the test expects at `rank` (scores fall with the rank, so the expected order is the list's). */
function stagedAt(applicant: Applicant, rank: number): StagedEntry {
  return {
    application_id: applicant.application,
    match_score: Math.round((100 - rank / 100) * 100) / 100,
    deterministic_score: Math.round((100 - rank / 100) * 100) / 100,
    match_reasons: [`Matches 2 of 3 required skills: "C#", .NET`, 'Based in Zürich; the role is in NSW\n(relocating)', `Rank ${rank} \\ ✓`],
    stage: 'deterministic',
    provider: 'none',
    prompt_version: null,
    skills: rank % 7 === 0 ? [] : ['C#', 'Azure', `Skill ${rank}`],
    experience: rank % 5 === 0 ? null : `Backend Engineer, ${rank % 12} years`,
    shown_sections: rank % 3 === 0 ? ['skills'] : ['skills', 'employment', 'location'],
  };
}

const newRun = (roleId: string, started = at): ShortlistRunKey => ({ id: randomUUID(), job_role_id: roleId, started_at: started });

/** Stages the entries in chunks, in the order given (a run stages in application id order, not rank order). */
async function stage(run: ShortlistRunKey, entries: StagedEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) await stageShortlistEntries(handle.db, run, entries.slice(i, i + CHUNK));
}

const switchRun = (run: ShortlistRunKey) => handle.db.transaction().execute((trx) => switchShortlist(trx, run));

async function readAll(roleId: string, memberId: string): Promise<StoredShortlistMatch[]> {
  const read: StoredShortlistMatch[] = [];
  for (;;) {
    const last = read[read.length - 1];
    const page = await listShortlistPage(handle.db, { job_role_id: roleId, user_id: memberId }, last ? { rank: last.entry.rank, application_id: last.entry.application_id } : null, 500);
    read.push(...page);
    if (page.length < 500) return read;
  }
}

async function stagedRows(roleId: string): Promise<number> {
  const row = await handle.db.selectFrom('shortlist_staging_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('job_role_id', '=', roleId).executeTakeFirstOrThrow();
  return Number(row.n);
}

it('makes a staged run of many chunks the list, whole, ranked, every column as sent, and leaves nothing staged', async () => {
  const { roleId, memberId, applicants } = await seedRole();
  // Ranks run against the application id order the chunks are staged in.
  const ranked = [...applicants].reverse();
  const run = newRun(roleId);
  await stage(run, applicants.map((applicant) => stagedAt(applicant, ranked.indexOf(applicant) + 1)));
  expect(await switchRun(run)).toBe(APPLICANTS);

  const read = await readAll(roleId, memberId);
  expect(read.map((m) => m.entry)).toEqual(
    ranked.map((applicant, i) => ({ ...stagedAt(applicant, i + 1), rank: i + 1, candidate_id: applicant.candidate, job_role_id: roleId, created_at: at.toISOString() })),
  );
  const scores = await handle.db.selectFrom('applications').select(['id', 'match_score']).where('job_role_id', '=', roleId).execute();
  expect(new Map(scores.map((s) => [s.id, Number(s.match_score)]))).toEqual(new Map(ranked.map((applicant, i) => [applicant.application, stagedAt(applicant, i + 1).match_score])));
  expect(await stagedRows(roleId)).toBe(0);
});

it('ranks by the match score, then the deterministic score, then the application id', async () => {
  const { roleId, memberId, applicants } = await seedRole(5);
  const [a, b, c, d, e] = applicants.map((applicant) => applicant.application) as [string, string, string, string, string];
  const scored = (application_id: string, match_score: number, deterministic_score: number): StagedEntry => ({ ...stagedAt({ application: application_id, candidate: '' }, 1), match_score, deterministic_score });
  const run = newRun(roleId);
  await stage(run, [scored(a, 70, 60), scored(b, 80, 50), scored(c, 70, 65), scored(d, 70, 60), scored(e, 90, 10)]);
  // Before the model stage the best by the same order are the ones it re-ranks.
  expect(await listStagedTop(handle.db, run.id, 3)).toEqual([e, b, c]);
  // The model lifts b above everyone; a and d stay tied on both scores (the ids are in seeding order).
  await rescoreStagedEntries(handle.db, run.id, [{ application_id: b, match_score: 95, match_reasons: ['Model'], stage: 'model', provider: 'azure', prompt_version: 'v1' }]);
  await switchRun(run);

  const read = (await readAll(roleId, memberId)).map((m) => [m.entry.rank, m.entry.application_id, m.entry.match_score, m.entry.stage]);
  expect(read).toEqual([
    [1, b, 95, 'model'],
    [2, e, 90, 'deterministic'],
    [3, c, 70, 'deterministic'],
    [4, a, 70, 'deterministic'],
    [5, d, 70, 'deterministic'],
  ]);
});

it('shows readers the previous list until the switch, and only the switched run after it', async () => {
  const { roleId, memberId, applicants } = await seedRole(600);
  const first = newRun(roleId);
  await stage(first, applicants.map((applicant, i) => stagedAt(applicant, i + 1)));
  await switchRun(first);
  const before = await readAll(roleId, memberId);

  // A second run, half staged: the readers still see the first, whole.
  const kept = applicants.slice(0, 301).reverse();
  const second = newRun(roleId);
  await stage(second, kept.slice(0, 150).map((applicant, i) => stagedAt(applicant, i + 1)));
  expect(await readAll(roleId, memberId)).toEqual(before);
  await stage(second, kept.slice(150).map((applicant, i) => stagedAt(applicant, 151 + i)));
  expect(await readAll(roleId, memberId)).toEqual(before);

  await switchRun(second);
  const read = await readAll(roleId, memberId);
  expect(read.map((m) => m.entry.application_id)).toEqual(kept.map((k) => k.application));
  expect(read.map((m) => m.entry.rank)).toEqual(kept.map((_, i) => i + 1));
});

it('lets two runs of a role stage at once: the last to switch wins, and neither mixes into the other', async () => {
  const { roleId, memberId, applicants } = await seedRole(40);
  const early = newRun(roleId);
  const late = newRun(roleId);
  await stage(early, applicants.map((applicant, i) => stagedAt(applicant, i + 1)));
  await stage(late, applicants.slice(0, 10).map((applicant, i) => stagedAt(applicant, 10 - i)));
  expect(await switchRun(late)).toBe(10);
  expect(await switchRun(early)).toBe(40);
  expect((await readAll(roleId, memberId)).map((m) => m.entry.application_id)).toEqual(applicants.map((a) => a.application));
  expect(await stagedRows(roleId)).toBe(0);
});

it('sweeps the staged rows of a role older than the given time, and no others', async () => {
  const { roleId, applicants } = await seedRole(4);
  const other = await seedRole(2);
  const dead = newRun(roleId, new Date(at.getTime() - 60 * 60 * 1000));
  const live = newRun(roleId);
  const otherRole = newRun(other.roleId, dead.started_at);
  await stage(dead, applicants.slice(0, 2).map((applicant, i) => stagedAt(applicant, i + 1)));
  await stage(live, applicants.map((applicant, i) => stagedAt(applicant, i + 1)));
  await stage(otherRole, other.applicants.map((applicant, i) => stagedAt(applicant, i + 1)));

  await sweepShortlistRuns(handle.db, roleId, new Date(at.getTime() - 10 * 60 * 1000));
  const left = await handle.db.selectFrom('shortlist_staging_entries').select('run_id').where('job_role_id', 'in', [roleId, other.roleId]).execute();
  expect(left.map((row) => row.run_id).sort()).toEqual([...Array(4).fill(live.id), ...Array(2).fill(otherRole.id)].sort());
});
