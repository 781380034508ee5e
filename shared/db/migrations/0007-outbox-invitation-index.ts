import type { Kysely, Migration } from 'kysely';

/** Resend and revoke look up an invitation's queued emails. */
export function outboxInvitationIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('ix_email_outbox_invitation_id').on('email_outbox').columns(['invitation_id']).execute();
    },
  };
}
