import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../shared/db/database';
import { migrateToLatest } from '../../shared/db/migrate';
import { listShortlistPage, replaceShortlist, type StoredShortlistMatch } from '../../shared/db/repositories/shortlist';
import type { ShortlistEntry } from '../../shared/shortlist/shortlist-entry';

/**
 * A run stores its entries a batch of 1,000 at a time, each batch one JSON parameter (docs/performance.md). A
 * list longer than two batches comes back whole, in rank order, with every column as it was sent, text that
 * JSON must escape included.
 */
const APPLICANTS = 2_345;
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

/** One organisation, a member, a role and its applicants; returns the role, the member and the application ids. */
async function seedRole(): Promise<{ roleId: string; memberId: string; applicants: Array<{ application: string; candidate: string }> }> {
  const now = at.toISOString();
  const organisationId = randomUUID();
  const memberId = randomUUID();
  const roleId = randomUUID();
  const user = (id: string) => ({ id, issuer: 'test', subject: id, email: null, display_name: null, created_at: now, last_sign_in_at: now });
  await handle.db.insertInto('organisations').values({ id: organisationId, name: `Batches ${organisationId}`, name_key: `batches ${organisationId}`, created_at: now, updated_at: now }).execute();
  await handle.db.insertInto('users').values(user(memberId)).execute();
  await handle.db.insertInto('org_users').values({ id: randomUUID(), user_id: memberId, organisation_id: organisationId, role: 'recruiter', created_at: now }).execute();
  await handle.db.insertInto('job_roles').values({ id: roleId, organisation_id: organisationId, title: 'Backend Engineer', status: 'active', created_at: now, updated_at: now }).execute();
  const candidates = Array.from({ length: APPLICANTS }, () => randomUUID());
  const applications = candidates.map(() => randomUUID());
  for (let i = 0; i < APPLICANTS; i += 200) {
    await handle.db.insertInto('users').values(candidates.slice(i, i + 200).map(user)).execute();
    await handle.db
      .insertInto('applications')
      .values(applications.slice(i, i + 200).map((id, j) => ({ id, candidate_id: candidates[i + j] as string, job_role_id: roleId, status: 'applied', created_at: now, updated_at: now })))
      .execute();
  }
  return { roleId, memberId, applicants: applications.map((application, i) => ({ application, candidate: candidates[i] as string })) };
}

function entryOf(applicant: { application: string; candidate: string }, roleId: string, rank: number): ShortlistEntry {
  const reranked = rank <= 20;
  return {
    application_id: applicant.application,
    candidate_id: applicant.candidate,
    job_role_id: roleId,
    rank,
    match_score: Math.round((100 - rank / 100) * 100) / 100,
    deterministic_score: Math.round((90 - rank / 100) * 100) / 100,
    match_reasons: [`Matches 2 of 3 required skills: "C#", .NET`, 'Based in Zürich; the role is in NSW\n(relocating)', `Rank ${rank} \\ ✓`],
    stage: reranked ? 'offline' : 'deterministic',
    provider: reranked ? 'offline' : 'none',
    prompt_version: reranked ? 'rank-v2' : null,
    created_at: at.toISOString(),
    skills: rank % 7 === 0 ? [] : ['C#', 'Azure', `Skill ${rank}`],
    experience: rank % 5 === 0 ? null : `Backend Engineer, ${rank % 12} years`,
    shown_sections: rank % 3 === 0 ? ['skills'] : ['skills', 'employment', 'location'],
  };
}

async function readAll(roleId: string, memberId: string): Promise<StoredShortlistMatch[]> {
  const read: StoredShortlistMatch[] = [];
  for (;;) {
    const last = read[read.length - 1];
    const page = await listShortlistPage(handle.db, { job_role_id: roleId, user_id: memberId }, last ? { rank: last.entry.rank, application_id: last.entry.application_id } : null, 500);
    read.push(...page);
    if (page.length < 500) return read;
  }
}

it('stores a list of more than two batches whole, in rank order, every column as sent', async () => {
  const { roleId, memberId, applicants } = await seedRole();
  const entries = applicants.map((applicant, i) => entryOf(applicant, roleId, i + 1));
  await handle.db.transaction().execute((trx) => replaceShortlist(trx, roleId, entries, at));

  const read = await readAll(roleId, memberId);
  expect(read).toHaveLength(APPLICANTS);
  expect(read.map((m) => m.entry)).toEqual(entries);
  const scores = await handle.db.selectFrom('applications').select(['id', 'match_score']).where('job_role_id', '=', roleId).execute();
  expect(new Map(scores.map((s) => [s.id, Number(s.match_score)]))).toEqual(new Map(entries.map((e) => [e.application_id, e.match_score])));
});

it('replaces the stored list on a second run: only the new entries remain', async () => {
  const { roleId, memberId, applicants } = await seedRole();
  await handle.db.transaction().execute((trx) => replaceShortlist(trx, roleId, applicants.map((applicant, i) => entryOf(applicant, roleId, i + 1)), at));
  const kept = applicants.slice(0, 1_001).reverse();
  await handle.db.transaction().execute((trx) => replaceShortlist(trx, roleId, kept.map((applicant, i) => entryOf(applicant, roleId, i + 1)), at));

  const read = await readAll(roleId, memberId);
  expect(read.map((m) => m.entry.application_id)).toEqual(kept.map((k) => k.application));
  expect(read.map((m) => m.entry.rank)).toEqual(kept.map((_, i) => i + 1));
});
