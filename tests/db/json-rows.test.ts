import { jsonRows } from '../../shared/db/dialect';
import { createRecordingMssqlDatabase } from '../../shared/db/t-sql';

/**
 * JSON arrays beside a row (`jsonRows`) compile on Azure SQL to a subquery with OFFSET, which T-SQL takes only after
 * an ORDER BY: a subquery without one is refused when it is built, not by the database in production.
 */
describe('jsonRows on Azure SQL', () => {
  const { db } = createRecordingMssqlDatabase();

  it('refuses a subquery without an order by', () => {
    expect(() => jsonRows(db, db.selectFrom('consents').select('kind'))).toThrow(/order by/);
  });

  it('compiles an ordered subquery with its offset', () => {
    const query = db.selectFrom('interviews').select((eb) => [jsonRows(db, eb.selectFrom('consents').select('kind').whereRef('consents.interview_id', '=', 'interviews.id').orderBy('kind')).as('consents')]);
    expect(query.compile().sql).toMatch(/order by "kind" offset @1 rows\) as agg for json path/);
  });
});
