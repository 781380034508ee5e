import type { Settings } from '../config/settings';
import { AcsEmailSender } from './acs-email-sender';
import type { EmailSender } from './email-sender';
import { LocalMailboxSender } from './local-mailbox-sender';
import { OutboxSeal } from './outbox-seal';

/** What writing to and draining the email outbox needs: the sender, and the seal for secrets in queued emails. */
export interface EmailOutbox {
  sender: EmailSender;
  seal: OutboxSeal;
}

export function createEmailOutbox(settings: Settings): EmailOutbox {
  const sender = settings.email.provider === 'acs' ? new AcsEmailSender(settings.email) : new LocalMailboxSender(settings.email.mailboxDir);
  // The app's one Key Vault secret, under its own derived key (HKDF with a purpose label), so no second secret to manage.
  return { sender, seal: new OutboxSeal(settings.interviewSessions.secret) };
}
