import { mkdir, rename, writeFile } from 'node:fs/promises';
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
    await writeWhole(`${base}.html`, email.html);
    // The .json is written last: scripts watching the folder take its presence to mean the email is complete.
    await writeWhole(`${base}.json`, `${JSON.stringify(stored, null, 2)}\n`);
    return { providerMessageId: `local-${email.outboxId}`, location: `${base}.html` };
  }
}

/** A reader polling the folder never sees a half-written file: write beside it, then rename into place. */
async function writeWhole(path: string, content: string): Promise<void> {
  const partial = `${path}.partial`;
  await writeFile(partial, content, 'utf8');
  await rename(partial, path);
}
