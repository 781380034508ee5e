import { randomUUID } from 'node:crypto';
import { api, expectProblem, openDatabase, tokenFor, uniqueEmail } from '../support/api';
import { createActiveRole, staffWorld, type StaffWorld } from '../job-roles/staff-world';

interface Latest {
  interview: { id: string; status: string };
  score: { overall_score: number | null; effective_score: number | null; human_override: { overall_score: number; reason: string } | null; dimensions: Array<{ dimension: string; score: number }> } | null;
}
interface Page {
  items: Array<{ id: string; latest_interview?: Latest | null }>;
  next_cursor: string | null;
}

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
});

async function apply(roleId: string): Promise<string> {
  const response = await api<{ application: { id: string } }>(`/api/job-roles/${roleId}/applications`, { method: 'POST', token: await tokenFor(uniqueEmail('applicant')) });
  if (response.status !== 201) throw new Error(`apply failed: ${response.status} ${response.text}`);
  return response.body.application.id;
}

/** An interview of the application created at `createdAt`, scored when `score` is given, with two dimensions. */
function interview(applicationId: string, createdAt: string, score?: { overall: number; override?: number }): string {
  const db = openDatabase();
  try {
    const id = randomUUID();
    db.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'completed', ?, ?)`).run(id, applicationId, createdAt, createdAt);
    if (score) {
      db.prepare(
        `insert into interview_scores (id, interview_id, overall_score, human_override, human_override_score, human_override_reason, human_override_by, human_override_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(randomUUID(), id, score.overall, score.override === undefined ? 0 : 1, score.override ?? null, score.override === undefined ? null : 'Panel agreed', null, score.override === undefined ? null : createdAt, createdAt, createdAt);
      for (const [dimension, value] of [['communication', 7], ['technical_skills', 6.5]] as const) {
        db.prepare('insert into score_dimensions (id, interview_id, dimension, score, weight, created_at) values (?, ?, ?, ?, ?, ?)').run(randomUUID(), id, dimension, value, 0.5, createdAt);
      }
    }
    return id;
  } finally {
    db.close();
  }
}

const auditOf = (roleId: string) => {
  const db = openDatabase();
  try {
    return db.prepare(`select action, new_values from audit_log where entity_id = ? and action = 'role_interviews_viewed'`).all(roleId) as Array<{ action: string; new_values: string }>;
  } finally {
    db.close();
  }
};

describe('GET /api/job-roles/{roleId}/applications?include=latest_interview', () => {
  it("embeds each application's latest interview with its score, dimensions and override, paged, audited once per page", async () => {
    const role = await createActiveRole(world);
    const [a, b, c] = [await apply(role.id), await apply(role.id), await apply(role.id)];
    interview(a, '2026-01-01T00:00:00.000Z', { overall: 40 });
    const latestA = interview(a, '2026-02-01T00:00:00.000Z', { overall: 62.5, override: 70 });
    const latestB = interview(b, '2026-01-15T00:00:00.000Z');

    const first = await api<Page>(`/api/job-roles/${role.id}/applications?include=latest_interview&limit=2`, { token: world.tokens.viewer });
    expect(first.status).toBe(200);
    const second = await api<Page>(`/api/job-roles/${role.id}/applications?include=latest_interview&limit=2&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`, { token: world.tokens.viewer });
    const byId = new Map([...first.body.items, ...second.body.items].map((item) => [item.id, item.latest_interview]));
    expect(byId.size).toBe(3);

    expect(byId.get(a)).toMatchObject({
      interview: { id: latestA, status: 'completed' },
      score: { overall_score: 62.5, effective_score: 70, human_override: { overall_score: 70, reason: 'Panel agreed' } },
    });
    expect(byId.get(a)?.score?.dimensions.map((d) => [d.dimension, d.score])).toEqual([['communication', 7], ['technical_skills', 6.5]]);
    expect(byId.get(b)).toEqual({ interview: expect.objectContaining({ id: latestB }), score: null });
    expect(byId.get(c)).toBeNull();

    // One audit row per page that showed interviews, naming them; none per applicant.
    const audit = auditOf(role.id);
    expect(audit.flatMap((row) => JSON.parse(row.new_values).interview_ids as string[]).sort()).toEqual([latestA, latestB].sort());
    expect(audit.length).toBeLessThanOrEqual(2);
  });

  it('embeds nothing and audits nothing without include, and refuses an unknown include', async () => {
    const role = await createActiveRole(world);
    interview(await apply(role.id), '2026-02-01T00:00:00.000Z', { overall: 50 });
    const plain = await api<Page>(`/api/job-roles/${role.id}/applications`, { token: world.tokens.viewer });
    expect(plain.body.items[0]).not.toHaveProperty('latest_interview');
    expect(auditOf(role.id)).toEqual([]);
    expectProblem(await api(`/api/job-roles/${role.id}/applications?include=transcript`, { token: world.tokens.viewer }), 400);
  });
});
