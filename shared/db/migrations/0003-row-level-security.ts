import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * Row-level security on Azure SQL: defense in depth behind the application's own scoping (which the tests prove
 * on SQLite). shared/db/request-scope.ts sets two SESSION_CONTEXT keys on the pinned connection of every unit of
 * work: `talenti_user_id` (users.id of the caller, as text) and `talenti_scope` (`user` or `system`). The
 * predicates below let `system` see and write everything, and a user only the rows the rules of
 * docs/database.md ("Row-level security on Azure SQL") give them. A connection with no context sees nothing.
 *
 * Rules for writing predicates here (docs: Row-Level Security, best practices):
 * - inline table-valued functions WITH SCHEMABINDING, two-part names, no functions applied to table columns, so
 *   every lookup is an index seek on keys that 0001 already indexes;
 * - the context is cast once to the column's type (SESSION_CONTEXT returns sql_variant, and a sql_variant
 *   holding nvarchar never equals a uniqueidentifier); TRY_CAST so a malformed value denies instead of failing;
 * - tables read inside a predicate are filtered by their own predicates, so the reads must form no cycle. The only
 *   self-reference is org_users (direct recursion, which the optimizer detects); every other edge points towards
 *   org_users: interviews -> applications -> job_roles -> org_users. job_roles therefore cannot look at
 *   applications, which is why any signed-in user may read a job role that is not a draft (an applicant must
 *   still read the role of their application after it closes).
 *
 * SQLite has no row-level security: this migration does nothing there.
 */

const SCOPE = 'talenti_scope';
const USER = 'talenti_user_id';

/** The caller's users.id, or NULL when unset or not a GUID. */
const CALLER = `TRY_CAST(SESSION_CONTEXT(N'${USER}') AS uniqueidentifier)`;
/** Platform work (timers, Event Grid, anonymous endpoints): every row. */
const SYSTEM = `CAST(SESSION_CONTEXT(N'${SCOPE}') AS nvarchar(16)) = N'system'`;

/** The caller is a member of the organisation given by the SQL expression. */
const memberOf = (organisation: string, extra = '') =>
  `EXISTS (SELECT 1 FROM dbo.org_users AS m WHERE m.organisation_id = ${organisation} AND m.user_id = ${CALLER}${extra})`;

/** The caller is a member of an organisation the candidate applied to. */
const staffOfCandidate = (candidate: string) => `EXISTS (
      SELECT 1 FROM dbo.applications AS a
      INNER JOIN dbo.job_roles AS r ON r.id = a.job_role_id
      INNER JOIN dbo.org_users AS m ON m.organisation_id = r.organisation_id
      WHERE a.candidate_id = ${candidate} AND m.user_id = ${CALLER})`;

/** The caller is the application's candidate or a member of its role's organisation (a = the application). */
const applicationParty = `(a.candidate_id = ${CALLER} OR EXISTS (
        SELECT 1 FROM dbo.job_roles AS r
        INNER JOIN dbo.org_users AS m ON m.organisation_id = r.organisation_id
        WHERE r.id = a.job_role_id AND m.user_id = ${CALLER}))`;

interface PredicateFunction {
  name: string;
  parameters: Array<[name: string, type: string]>;
  /** Conditions besides system scope, OR-ed together. */
  grants: string[];
}

export const PREDICATE_FUNCTIONS: PredicateFunction[] = [
  {
    name: 'fn_organisation_member',
    parameters: [['organisation_id', 'uniqueidentifier']],
    grants: [memberOf('@organisation_id')],
  },
  {
    // Members, candidates with an application to one of its roles, and its creator (create-organisation reads
    // the new row back before the admin membership exists).
    name: 'fn_organisation_access',
    parameters: [['organisation_id', 'uniqueidentifier'], ['created_by', 'uniqueidentifier']],
    grants: [
      `@created_by = ${CALLER}`,
      memberOf('@organisation_id'),
      `EXISTS (
      SELECT 1 FROM dbo.applications AS a
      INNER JOIN dbo.job_roles AS r ON r.id = a.job_role_id
      WHERE r.organisation_id = @organisation_id AND a.candidate_id = ${CALLER})`,
    ],
  },
  {
    // Adding or moving a membership: the caller belongs to the organisation through another membership row, or
    // created the organisation (its first admin). Joining a foreign organisation yourself is refused.
    name: 'fn_membership_write',
    parameters: [['organisation_id', 'uniqueidentifier'], ['membership_id', 'uniqueidentifier']],
    grants: [
      memberOf('@organisation_id', ' AND m.id <> @membership_id'),
      `EXISTS (SELECT 1 FROM dbo.organisations AS o WHERE o.id = @organisation_id AND o.created_by = ${CALLER})`,
    ],
  },
  {
    name: 'fn_job_role_access',
    parameters: [['organisation_id', 'uniqueidentifier'], ['status', 'nvarchar(20)']],
    grants: [`(@status <> N'draft' AND ${CALLER} IS NOT NULL)`, memberOf('@organisation_id')],
  },
  {
    // For the applications table itself, from its own columns (reading applications here would recurse).
    name: 'fn_application_row_access',
    parameters: [['candidate_id', 'uniqueidentifier'], ['job_role_id', 'uniqueidentifier']],
    grants: [
      `@candidate_id = ${CALLER}`,
      `EXISTS (
      SELECT 1 FROM dbo.job_roles AS r
      INNER JOIN dbo.org_users AS m ON m.organisation_id = r.organisation_id
      WHERE r.id = @job_role_id AND m.user_id = ${CALLER})`,
    ],
  },
  {
    name: 'fn_application_access',
    parameters: [['application_id', 'uniqueidentifier']],
    grants: [`EXISTS (
      SELECT 1 FROM dbo.applications AS a
      WHERE a.id = @application_id AND ${applicationParty})`],
  },
  {
    name: 'fn_interview_access',
    parameters: [['interview_id', 'uniqueidentifier']],
    grants: [`EXISTS (
      SELECT 1 FROM dbo.interviews AS i
      INNER JOIN dbo.applications AS a ON a.id = i.application_id
      WHERE i.id = @interview_id AND ${applicationParty})`],
  },
  {
    name: 'fn_candidate_data_access',
    parameters: [['user_id', 'uniqueidentifier']],
    grants: [`@user_id = ${CALLER}`, staffOfCandidate('@user_id')],
  },
  {
    name: 'fn_owner_access',
    parameters: [['user_id', 'uniqueidentifier']],
    grants: [`@user_id = ${CALLER}`],
  },
  {
    // Audit rows a user's request may write: about no organisation, or one the caller has standing in.
    name: 'fn_audit_write',
    parameters: [['organisation_id', 'uniqueidentifier']],
    grants: [
      '@organisation_id IS NULL',
      memberOf('@organisation_id'),
      `EXISTS (
      SELECT 1 FROM dbo.applications AS a
      INNER JOIN dbo.job_roles AS r ON r.id = a.job_role_id
      WHERE r.organisation_id = @organisation_id AND a.candidate_id = ${CALLER})`,
    ],
  },
];

type BlockOperation = 'AFTER INSERT' | 'AFTER UPDATE' | 'BEFORE UPDATE' | 'BEFORE DELETE';

interface TablePolicy {
  table: string;
  filter: string;
  blocks: Array<[predicate: string, operations: BlockOperation[]]>;
}

const MOVE: BlockOperation[] = ['AFTER INSERT', 'AFTER UPDATE'];
/** Tables readers may see but not change: also refuse changes to rows the caller may only read. */
const WRITE: BlockOperation[] = ['AFTER INSERT', 'AFTER UPDATE', 'BEFORE UPDATE', 'BEFORE DELETE'];

const candidateData = (table: string): TablePolicy => ({
  table,
  filter: 'fn_candidate_data_access(user_id)',
  blocks: [['fn_owner_access(user_id)', WRITE]],
});

const ownerOnly = (table: string): TablePolicy => ({
  table,
  filter: 'fn_owner_access(user_id)',
  blocks: [['fn_owner_access(user_id)', MOVE]],
});

const throughInterview = (table: string): TablePolicy => ({
  table,
  filter: 'fn_interview_access(interview_id)',
  blocks: [['fn_interview_access(interview_id)', MOVE]],
});

/**
 * Every organisation- or candidate-owned table. users, user_roles, rate_limit_counters and Kysely's own tables
 * have no policy.
 */
export const TABLE_POLICIES: TablePolicy[] = [
  {
    table: 'organisations',
    filter: 'fn_organisation_access(id, created_by)',
    blocks: [['fn_organisation_member(id)', ['BEFORE UPDATE', 'BEFORE DELETE']]],
  },
  {
    table: 'org_users',
    filter: 'fn_organisation_member(organisation_id)',
    blocks: [['fn_membership_write(organisation_id, id)', MOVE]],
  },
  {
    table: 'job_roles',
    filter: 'fn_job_role_access(organisation_id, status)',
    blocks: [['fn_organisation_member(organisation_id)', WRITE]],
  },
  {
    table: 'applications',
    filter: 'fn_application_row_access(candidate_id, job_role_id)',
    blocks: [['fn_application_row_access(candidate_id, job_role_id)', MOVE]],
  },
  {
    table: 'invitations',
    filter: 'fn_application_access(application_id)',
    blocks: [['fn_application_access(application_id)', MOVE]],
  },
  {
    table: 'interviews',
    filter: 'fn_application_access(application_id)',
    blocks: [['fn_application_access(application_id)', MOVE]],
  },
  throughInterview('transcript_segments'),
  throughInterview('score_dimensions'),
  throughInterview('interview_scores'),
  {
    table: 'audit_log',
    filter: 'fn_organisation_member(organisation_id)',
    blocks: [['fn_audit_write(organisation_id)', ['AFTER INSERT']]],
  },
  candidateData('candidate_profiles'),
  candidateData('employment_history'),
  candidateData('education'),
  candidateData('candidate_skills'),
  ownerOnly('candidate_dei'),
  ownerOnly('practice_interviews'),
  candidateData('data_deletion_requests'),
];

export const SECURITY_SCHEMA = 'security';
export const SECURITY_POLICY = 'talenti_row_access';

function createFunction(f: PredicateFunction): string {
  const parameters = f.parameters.map(([name, type]) => `@${name} ${type}`).join(', ');
  const conditions = [SYSTEM, ...f.grants].join('\n    OR ');
  return `CREATE FUNCTION ${SECURITY_SCHEMA}.${f.name}(${parameters})
RETURNS TABLE
WITH SCHEMABINDING
AS
RETURN
  SELECT 1 AS access_granted
  WHERE ${conditions}`;
}

function createPolicy(): string {
  const clauses = TABLE_POLICIES.flatMap(({ table, filter, blocks }) => [
    `ADD FILTER PREDICATE ${SECURITY_SCHEMA}.${filter} ON dbo.${table}`,
    ...blocks.flatMap(([predicate, operations]) =>
      operations.map((operation) => `ADD BLOCK PREDICATE ${SECURITY_SCHEMA}.${predicate} ON dbo.${table} ${operation}`),
    ),
  ]);
  return `CREATE SECURITY POLICY ${SECURITY_SCHEMA}.${SECURITY_POLICY}
  ${clauses.join(',\n  ')}
  WITH (STATE = ON, SCHEMABINDING = ON)`;
}

/** Each statement on its own: CREATE SCHEMA, CREATE FUNCTION and CREATE SECURITY POLICY must each be alone in a batch. */
export function rowLevelSecurityStatements(): string[] {
  return [`CREATE SCHEMA ${SECURITY_SCHEMA}`, ...PREDICATE_FUNCTIONS.map(createFunction), createPolicy()];
}

export function rowLevelSecurity(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (t.dialect !== 'mssql') return;
      for (const statement of rowLevelSecurityStatements()) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}
