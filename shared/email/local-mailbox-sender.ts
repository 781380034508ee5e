import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailSendResult, EmailSender, OutgoingEmail } from './email-sender';

/**
 * `npm start` without Azure: each email becomes `<time>-<outbox id>.json` (every part, for scripts) and `.html`
 * (to open in a browser) under DATA_DIR/mailbox.
 */
export class LocalMailboxSender implements EmailSender {
  readonly provider = 'local-mailbox';

  constructor(private readonly directory: string) {}

  async send(email: OutgoingEmail): Promise<EmailSendResult> {
    await mkdir(this.directory, { recursive: true });
    const base = join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.outboxId}`);
    const stored = { id: email.outboxId, to: email.to, subject: email.subject, text: email.text, html: email.html };
    await writeFile(`${base}.json`, `${JSON.stringify(stored, null, 2)}\n`, 'utf8');
    await writeFile(`${base}.html`, email.html, 'utf8');
    return { providerMessageId: `local-${email.outboxId}`, location: `${base}.html` };
  }
}
