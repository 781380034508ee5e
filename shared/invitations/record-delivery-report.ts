import { z } from 'zod';
import type { Db } from '../db/database';
import { appendAudit } from '../db/repositories/audit-log';
import { findInvitationOfEmail, markInvitationBounced, markInvitationDelivered } from '../db/repositories/invitations';
import type { Logger } from '../observability/logger';
import type { GridEvent } from '../runtime/definitions';

export const EMAIL_DELIVERY_REPORT = 'Microsoft.Communication.EmailDeliveryReportReceived';

/** The fields of AcsEmailDeliveryReportReceivedEventData we use; sender and recipient are not kept. */
const DeliveryReportSchema = z.object({
  messageId: z.string().min(1).max(200),
  status: z.string().min(1).max(50),
  // ACS's sample payloads spell it TimeStamp; the SDK models say Timestamp.
  deliveryAttemptTimeStamp: z.string().max(64).optional(),
  deliveryAttemptTimestamp: z.string().max(64).optional(),
});

/** Any status other than Delivered means the email did not arrive; Expanded (a distribution list) is not an outcome. */
const NOT_DELIVERED = ['Bounced', 'Suppressed', 'Failed', 'Quarantined', 'FilteredSpam'];

export type DeliveryReportOutcome = 'delivered' | 'bounced' | 'unchanged' | 'superseded' | 'unknown-message' | 'not-an-outcome' | 'other-event' | 'invalid';

function attemptTime(data: z.infer<typeof DeliveryReportSchema>, event: GridEvent): Date {
  for (const candidate of [data.deliveryAttemptTimeStamp, data.deliveryAttemptTimestamp, event.eventTime]) {
    const at = candidate ? new Date(candidate) : null;
    if (at && !Number.isNaN(at.getTime())) return at;
  }
  return new Date();
}

/**
 * ACS's report on an invitation email moves the invitation to delivered or bounced. Only forwards: a report never
 * undoes an opened, revoked or expired invitation, and a repeated delivery of the same event changes nothing (the
 * move is conditional on the current status), so Event Grid's at-least-once delivery is harmless. Events that cannot
 * be used are logged and acknowledged: redelivering them would never help.
 */
export async function recordDeliveryReport(db: Db, event: GridEvent, log: Logger): Promise<DeliveryReportOutcome> {
  if (event.eventType !== EMAIL_DELIVERY_REPORT) {
    log.info('event ignored: not an email delivery report', { eventId: event.id, eventType: event.eventType });
    return 'other-event';
  }
  const parsed = DeliveryReportSchema.safeParse(event.data);
  if (!parsed.success) {
    log.warn('email delivery report rejected: invalid data', { eventId: event.id, problems: parsed.error.issues.map((i) => i.path.join('.') || '(data)').join(', ') });
    return 'invalid';
  }
  const report = parsed.data;
  const delivered = report.status === 'Delivered';
  if (!delivered && !NOT_DELIVERED.includes(report.status)) {
    log.info('email delivery report without an outcome', { eventId: event.id, deliveryStatus: report.status });
    return 'not-an-outcome';
  }
  const outcome = await db.transaction().execute(async (trx): Promise<DeliveryReportOutcome> => {
    const target = await findInvitationOfEmail(trx, report.messageId);
    if (!target) return 'unknown-message';
    // A report on an email a resend has replaced says nothing about the link the candidate has now.
    if (!target.is_latest_email) return 'superseded';
    const at = attemptTime(report, event);
    const moved = delivered ? await markInvitationDelivered(trx, target.invitation_id, at) : await markInvitationBounced(trx, target.invitation_id);
    if (!moved) return 'unchanged';
    const status = delivered ? 'delivered' : 'bounced';
    await appendAudit(trx, {
      user_id: null,
      organisation_id: target.organisation_id,
      action: delivered ? 'invitation_delivered' : 'invitation_bounced',
      entity_type: 'invitation',
      entity_id: target.invitation_id,
      old_values: { status: target.status },
      new_values: { status, delivery_status: report.status, event_id: event.id },
    });
    return status;
  });
  const properties = { eventId: event.id, messageId: report.messageId, deliveryStatus: report.status, outcome };
  if (outcome === 'unknown-message') log.warn('email delivery report for a message we did not send; ignored', properties);
  else log.info('email delivery report processed', properties);
  return outcome;
}
