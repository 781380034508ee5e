import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';
import { addToPolicy } from './0006-row-level-security-runtime';

/**
 * Membership by invitation (issue 17): adding a member by email no longer finds an account; it records an
 * invitation to that address, which the person accepts when signed in with that verified email.
 *
 * Members of the organisation see its invitations (the service lets only admins list and revoke them). The invitee
 * is not a member yet: their own invitations are read and accepted in system scope, matched by their verified email.
 */
export function memberInvitations(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('member_invitations')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('organisation_id', t.uuid, (c) => c.notNull())
        .addColumn('email', t.text(320), (c) => c.notNull())
        .addColumn('role', t.text(20), (c) => c.notNull())
        .addColumn('status', t.text(20), (c) => c.notNull())
        .addColumn('invited_by', t.uuid)
        .addColumn('accepted_by', t.uuid)
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('decided_at', t.timestamp)
        .addForeignKeyConstraint('fk_member_invitations_organisation', ['organisation_id'], 'organisations', ['id'], (fk) => fk.onDelete('cascade'))
        .addCheckConstraint('ck_member_invitations_status', sql`status in ('pending', 'accepted', 'revoked')`)
        .addCheckConstraint('ck_member_invitations_role', sql`role in ('admin', 'recruiter', 'hiring_manager', 'viewer')`)
        .execute();
      await db.schema.createIndex('ix_member_invitations_organisation').on('member_invitations').columns(['organisation_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('ix_member_invitations_email').on('member_invitations').columns(['email', 'status']).execute();

      if (t.dialect !== 'mssql') return;
      const predicate = 'fn_organisation_member(organisation_id)';
      await sql.raw(addToPolicy({ table: 'member_invitations', filter: predicate, blocks: [[predicate, ['AFTER INSERT', 'AFTER UPDATE']]] })).execute(db);
    },
  };
}
