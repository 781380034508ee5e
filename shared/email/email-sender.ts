/** One email as the outbox hands it to a sender. */
export interface OutgoingEmail {
  /** The outbox row: the provider's operation id, so a retried send names the same operation. */
  outboxId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** When the email was queued: bounds how long the provider can still recognise a repeat of the first send. */
  queuedAt: Date;
}

export interface EmailSendResult {
  providerMessageId: string;
  /** Where a developer can open the email (local mailbox only). */
  location?: string;
}

/**
 * A send that did not succeed. The message is safe to store and log: codes and statuses, never addresses.
 * Permanent failures (the provider refused this very email) are not retried; the others are, with backoff.
 */
export class EmailSendError extends Error {
  override readonly name = 'EmailSendError';

  constructor(message: string, readonly permanent = false) {
    super(message);
  }
}

/** Sends one email; resolves only when the provider has accepted and finished the send. */
export interface EmailSender {
  readonly provider: 'acs' | 'local-mailbox';
  send(email: OutgoingEmail, signal: AbortSignal): Promise<EmailSendResult>;
}
