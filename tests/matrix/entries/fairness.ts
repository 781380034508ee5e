import { randomUUID } from 'node:crypto';
import type { Fixture } from '../fixture';
import { statuses, type MatrixEntry } from '../types';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A stored scoring-consistency check of organisation A, written straight into the database. */
function storedCheck(fx: Fixture): string {
  const id = randomUUID();
  fx.db
    .prepare(
      `insert into scoring_consistency_checks (id, organisation_id, sample_size, eligible, rubric_changed, compared, failed, band_changed, created_at)
       values (?, ?, 1, 0, 0, 0, 0, 0, ?)`,
    )
    .run(id, fx.orgA, new Date().toISOString());
  return id;
}

/** The fairness report and scoring consistency: admins of A only; every other member is refused, everyone else does not see A. */
export const entries: MatrixEntry[] = [
  {
    function: 'get-fairness-report',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/fairness-report?from=${day(-1)}&to=${day(1)}` }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 200 }),
  },
  {
    function: 'run-scoring-consistency-check',
    method: 'POST',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/scoring-consistency-checks`, json: { sample_size: 1 } }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 201 }),
  },
  {
    function: 'get-scoring-consistency-check',
    method: 'GET',
    request: (fx) => ({ path: `/api/organisations/${fx.orgA}/scoring-consistency-checks/${storedCheck(fx)}` }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 200 }),
  },
];
