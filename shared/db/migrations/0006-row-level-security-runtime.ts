import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { PREDICATE_FUNCTIONS, SECURITY_POLICY, SECURITY_SCHEMA, TABLE_POLICIES } from './0003-row-level-security';

/**
 * Extends the row-level security policy of 0003 to the tables 0004 and 0005 added, and lets any signed-in user read
 * the organisation of an active job role (the public role view shows its name). Same rules for writing predicates
 * as 0003: inline, schema-bound, the context cast once, no column wrapped in a function, and no table read inside a
 * predicate whose own filter leads back to the table being filtered.
 *
 * A function used by a schema-bound policy cannot be altered. The organisations filter is therefore swapped to the
 * narrower member-only function, fn_organisation_access is altered while nothing uses it, and then swapped back:
 * every step fails closed (members still see their organisations; nobody sees more), also when sql/ is run batch by
 * batch outside the migrator's transaction.
 *
 * SQLite has no row-level security: this migration does nothing there.
 */

const SCOPE = 'talenti_scope';
const USER = 'talenti_user_id';

/** The caller's users.id, or NULL when unset or not a GUID (as in 0003). */
const CALLER = `TRY_CAST(SESSION_CONTEXT(N'${USER}') AS uniqueidentifier)`;
/** Platform work: every row (as in 0003). */
const SYSTEM = `CAST(SESSION_CONTEXT(N'${SCOPE}') AS nvarchar(16)) = N'system'`;

/** The caller is a member of the organisation of application `a`, reached from `from` (which must bring in `a`). */
const staffOfApplication = (from: string, where: string) => `EXISTS (
      SELECT 1 FROM ${from}
      INNER JOIN dbo.job_roles AS r ON r.id = a.job_role_id
      INNER JOIN dbo.org_users AS m ON m.organisation_id = r.organisation_id
      WHERE ${where} AND m.user_id = ${CALLER})`;

const INTERVIEW_APPLICATION = 'dbo.interviews AS i\n      INNER JOIN dbo.applications AS a ON a.id = i.application_id';

type PredicateFunction = (typeof PREDICATE_FUNCTIONS)[number];

export const ADDED_PREDICATE_FUNCTIONS: PredicateFunction[] = [
  {
    // Only staff send, resend and revoke invitations (and their emails); candidates never read the outbox.
    name: 'fn_invitation_staff_access',
    parameters: [['invitation_id', 'uniqueidentifier']],
    grants: [staffOfApplication('dbo.invitations AS i\n      INNER JOIN dbo.applications AS a ON a.id = i.application_id', 'i.id = @invitation_id')],
  },
  {
    name: 'fn_interview_staff_access',
    parameters: [['interview_id', 'uniqueidentifier']],
    grants: [staffOfApplication(INTERVIEW_APPLICATION, 'i.id = @interview_id')],
  },
  {
    name: 'fn_interview_candidate_access',
    parameters: [['interview_id', 'uniqueidentifier']],
    grants: [`EXISTS (
      SELECT 1 FROM ${INTERVIEW_APPLICATION}
      WHERE i.id = @interview_id AND a.candidate_id = ${CALLER})`],
  },
  {
    // Staff of the application's organisation, and only while the entry names the application's own role.
    name: 'fn_shortlist_access',
    parameters: [['application_id', 'uniqueidentifier'], ['job_role_id', 'uniqueidentifier']],
    grants: [staffOfApplication('dbo.applications AS a', 'a.id = @application_id AND a.job_role_id = @job_role_id')],
  },
];

const ORGANISATION_ACCESS = 'fn_organisation_access';

/** 0003's organisation rule, plus: any signed-in user may read the organisation of an active job role. */
export function organisationAccess(): PredicateFunction {
  const original = PREDICATE_FUNCTIONS.find((f) => f.name === ORGANISATION_ACCESS);
  if (!original) throw new Error(`0003 defines no ${ORGANISATION_ACCESS}`);
  return {
    ...original,
    grants: [
      ...original.grants,
      `(${CALLER} IS NOT NULL AND EXISTS (
      SELECT 1 FROM dbo.job_roles AS r
      WHERE r.organisation_id = @organisation_id AND r.status = N'active'))`,
    ],
  };
}

type TablePolicy = (typeof TABLE_POLICIES)[number];
type BlockOperation = TablePolicy['blocks'][number][1][number];

const MOVE: BlockOperation[] = ['AFTER INSERT', 'AFTER UPDATE'];
/** Readers are wider than writers: also refuse changes to rows the caller may only read. */
export const WRITE: BlockOperation[] = ['AFTER INSERT', 'AFTER UPDATE', 'BEFORE UPDATE', 'BEFORE DELETE'];

const sameForWrites = (table: string, predicate: string): TablePolicy => ({ table, filter: predicate, blocks: [[predicate, MOVE]] });

/** Every table 0004 and 0005 created. */
export const ADDED_TABLE_POLICIES: TablePolicy[] = [
  // Rows without an organisation (a candidate's own resume parse) are the platform's alone.
  sameForWrites('ai_usage', 'fn_organisation_member(organisation_id)'),
  sameForWrites('shortlist_entries', 'fn_shortlist_access(application_id, job_role_id)'),
  // Rows without an invitation are the platform's alone.
  sameForWrites('email_outbox', 'fn_invitation_staff_access(invitation_id)'),
  sameForWrites('idempotency_records', 'fn_owner_access(user_id)'),
  sameForWrites('interview_sessions', 'fn_interview_access(interview_id)'),
  // Both parties read a consent; only the candidate gives or changes it.
  { table: 'consents', filter: 'fn_interview_access(interview_id)', blocks: [['fn_interview_candidate_access(interview_id)', WRITE]] },
  sameForWrites('interview_score_revisions', 'fn_interview_staff_access(interview_id)'),
  sameForWrites('acs_identities', 'fn_owner_access(user_id)'),
];

const POLICY = `${SECURITY_SCHEMA}.${SECURITY_POLICY}`;

function defineFunction(verb: 'CREATE' | 'ALTER', f: PredicateFunction): string {
  const parameters = f.parameters.map(([name, type]) => `@${name} ${type}`).join(', ');
  const conditions = [SYSTEM, ...f.grants].join('\n    OR ');
  return `${verb} FUNCTION ${SECURITY_SCHEMA}.${f.name}(${parameters})
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
  SELECT 1 AS access_granted
  WHERE ${conditions}`;
}

export function addToPolicy({ table, filter, blocks }: TablePolicy): string {
  const clauses = [
    `ADD FILTER PREDICATE ${SECURITY_SCHEMA}.${filter} ON dbo.${table}`,
    ...blocks.flatMap(([predicate, operations]) =>
      operations.map((operation) => `ADD BLOCK PREDICATE ${SECURITY_SCHEMA}.${predicate} ON dbo.${table} ${operation}`),
    ),
  ];
  return `ALTER SECURITY POLICY ${POLICY}\n  ${clauses.join(',\n  ')}`;
}

const organisationsFilter = (predicate: string) =>
  `ALTER SECURITY POLICY ${POLICY}\n  ALTER FILTER PREDICATE ${SECURITY_SCHEMA}.${predicate} ON dbo.organisations`;

/** Each statement on its own: CREATE FUNCTION and ALTER FUNCTION must each be alone in a batch. */
export function rowLevelSecurityRuntimeStatements(): string[] {
  return [
    ...ADDED_PREDICATE_FUNCTIONS.map((f) => defineFunction('CREATE', f)),
    ...ADDED_TABLE_POLICIES.map(addToPolicy),
    organisationsFilter('fn_organisation_member(id)'),
    defineFunction('ALTER', organisationAccess()),
    organisationsFilter(`${ORGANISATION_ACCESS}(id, created_by)`),
  ];
}

export function rowLevelSecurityRuntime(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (t.dialect !== 'mssql') return;
      for (const statement of rowLevelSecurityRuntimeStatements()) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}
