import type { Settings } from '../config/settings';
import type { WorkQueues } from '../queues/work-queues';
import { AcsEmailSender } from './acs-email-sender';
import type { EmailSender } from './email-sender';
import { LocalMailboxSender } from './local-mailbox-sender';
import { OutboxSeal } from './outbox-seal';

/** What writing to and delivering the email outbox needs: the sender, the seal for secrets in queued emails, the work queues. */
export interface EmailOutbox {
  sender: EmailSender;
  seal: OutboxSeal;
  queues: WorkQueues;
}

export function createEmailOutbox(settings: Settings, queues: WorkQueues): EmailOutbox {
  const sender = settings.email.provider === 'acs' ? new AcsEmailSender(settings.email) : new LocalMailboxSender(settings.email.mailboxDir);
  // The app's one Key Vault secret, under its own derived key (HKDF with a purpose label), so no second secret to manage.
  return { sender, seal: new OutboxSeal(settings.interviewSessions.secret), queues };
}
