import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types';

/**
 * One person, two tenants (issue 13): staff sign in with the workforce tenant, candidates with External ID, and
 * someone who is both signs in to each with the same verified email. The first identity stays on `users`; each
 * further one is linked here to the same user, so their candidate data and memberships are one account.
 * Platform-level like `users` (read in system scope at sign-in), so no row-level security policy.
 */
export function linkedSignIns(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('user_identities')
        .addColumn('id', t.uuid, (c) => c.primaryKey().notNull())
        .addColumn('issuer', t.text(256), (c) => c.notNull())
        .addColumn('subject', t.text(256), (c) => c.notNull())
        .addColumn('user_id', t.uuid, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
        // Unique, not the clustered key: two 256-character texts are over SQL Server's 900-byte clustered key limit.
        .addUniqueConstraint('uq_user_identities_issuer_subject', ['issuer', 'subject'])
        .addForeignKeyConstraint('fk_user_identities_user', ['user_id'], 'users', ['id'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('ix_user_identities_user').on('user_identities').column('user_id').execute();
      // A first sign-in of a second tenant looks the person up by verified email.
      await db.schema.createIndex('ix_users_email').on('users').column('email').execute();
    },
  };
}
