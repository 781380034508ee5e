import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../../shared/config/settings';
import { AcsEmailSender } from '../../shared/email/acs-email-sender';
import { LocalMailboxSender } from '../../shared/email/local-mailbox-sender';
import { retryDelayMs } from '../../shared/email/outbox-delivery';
import { OutboxSeal, withoutSealedValues } from '../../shared/email/outbox-seal';
import { escapeHtml, formatAustralianTime, renderInvitationEmail } from '../../shared/invitations/invitation-email';
import { startFakeAcsEmail } from '../support/fakes/acs-email';

const content = {
  candidate_first_name: 'Olivia',
  role_title: 'Senior Engineer',
  company_name: 'Acme Recruiting',
  link: 'https://talenti.example/invite/abc',
  expires_at: new Date('2026-12-02T06:00:00Z'),
  contact: { name: 'Jane Smith', email: 'jane@acme.example' },
};

describe('the invitation email', () => {
  it('gives the expiry in Sydney time, daylight saving included', () => {
    expect(formatAustralianTime(new Date('2026-12-02T06:00:00Z'))).toBe('Wednesday 2 December 2026, 5:00 pm AEDT');
    expect(formatAustralianTime(new Date('2026-07-02T07:30:00Z'))).toBe('Thursday 2 July 2026, 5:30 pm AEST');
  });

  it('says the same in both parts: greeting, role, company, link, expiry, what to expect, who to contact', () => {
    const email = renderInvitationEmail(content);
    expect(email.subject).toBe('Interview invitation: Senior Engineer at Acme Recruiting');
    expect(email.text).toMatch(/^Hi Olivia,\n\nAcme Recruiting has invited you to an interview for the Senior Engineer role\.\n\nStart your interview: https:\/\/talenti\.example\/invite\/abc\n\n/);
    expect(email.text).toContain('expires on Wednesday 2 December 2026, 5:00 pm AEDT');
    expect(email.text).toContain('Questions? Contact Jane Smith (jane@acme.example) at Acme Recruiting.');
    for (const line of email.text.split('\n').filter((l) => l.startsWith('- '))) expect(email.html).toContain(`<li>${escapeHtml(line.slice(2))}</li>`);
    expect(email.html).toContain('<a href="https://talenti.example/invite/abc"');
    expect(email.html).toContain('<html lang="en-AU">');
  });

  it('escapes every interpolated value in the HTML part and keeps the subject one line', () => {
    const email = renderInvitationEmail({
      ...content,
      candidate_first_name: '<script>alert(1)</script>',
      role_title: 'Dev <img src=x onerror=alert(1)>\r\nBcc: victim@example.com',
      company_name: 'Smith & "Sons"',
      contact: { name: null, email: null },
    });
    expect(email.html).not.toMatch(/<script>|<img/);
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('Smith &amp; &quot;Sons&quot;');
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text).toContain('Questions? Contact the recruitment team at Smith & "Sons".');
  });

  it('shortens a subject that would not fit the outbox column', () => {
    const email = renderInvitationEmail({ ...content, role_title: 'R'.repeat(200), company_name: 'C'.repeat(200) });
    expect(email.subject).toHaveLength(300);
    expect(email.subject.endsWith('…')).toBe(true);
  });
});

describe('sealed values in queued emails', () => {
  it('round-trips through HTML escaping, and is removed from the stored copy once sent', () => {
    const seal = new OutboxSeal('a-secret-of-at-least-thirty-two-characters');
    const token = 'x'.repeat(43);
    const body = `<a href="${escapeHtml(`https://app/invite/${seal.seal(token)}`)}">go</a>`;
    expect(body).not.toContain(token);
    expect(seal.unsealAll(body)).toBe(`<a href="https://app/invite/${token}">go</a>`);
    expect(withoutSealedValues(body)).toBe('<a href="https://app/invite/(removed after sending)">go</a>');
  });

  it('refuses a value sealed under another secret', () => {
    const sealed = new OutboxSeal('one-secret-of-at-least-thirty-two-characters').seal('token');
    expect(() => new OutboxSeal('another-secret-of-at-least-thirty-two-chars').unsealAll(sealed)).toThrow(/cannot be unsealed/);
  });
});

describe('retry backoff', () => {
  it('doubles from one minute with ±20 % jitter, up to 30 minutes', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(4, () => 0)).toBe(0.8 * 480_000);
    expect(retryDelayMs(4, () => 1)).toBe(1.2 * 480_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(30 * 60_000);
  });
});

describe('email settings', () => {
  it('defaults to the local mailbox under DATA_DIR locally', () => {
    const settings = loadSettings({ DATA_DIR: '/tmp/talenti-data' });
    expect(settings.email).toEqual({ provider: 'local-mailbox', mailboxDir: '/tmp/talenti-data/mailbox' });
  });

  it('needs a sender address and an endpoint or connection string for ACS', () => {
    expect(() => loadSettings({ EMAIL_PROVIDER: 'acs' })).toThrow(/EMAIL_SENDER_ADDRESS: required when EMAIL_PROVIDER=acs[\s\S]*ACS_EMAIL_ENDPOINT: required/);
    expect(() => loadSettings({ EMAIL_PROVIDER: 'acs', EMAIL_SENDER_ADDRESS: 'nope', ACS_EMAIL_ENDPOINT: 'https://x.communication.azure.com' })).toThrow(/EMAIL_SENDER_ADDRESS/);
    expect(() => loadSettings({ EMAIL_PROVIDER: 'acs', EMAIL_SENDER_ADDRESS: 'a@b.example', ACS_EMAIL_CONNECTION_STRING: 'accesskey=only' })).toThrow(/ACS_EMAIL_CONNECTION_STRING/);
    const settings = loadSettings({ EMAIL_PROVIDER: 'acs', EMAIL_SENDER_ADDRESS: 'a@b.example', ACS_EMAIL_ENDPOINT: 'https://x.communication.azure.com', AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555' });
    expect(settings.email).toMatchObject({ provider: 'acs', senderAddress: 'a@b.example', endpoint: 'https://x.communication.azure.com', managedIdentityClientId: '11111111-2222-4333-8444-555555555555' });
  });

  it('uses ACS on Azure and refuses the local mailbox there', () => {
    const azure = { TALENTI_ENV: 'azure', SQL_SERVER: 's', SQL_DATABASE: 'd', STORAGE_ACCOUNT_URL: 'https://a.blob.core.windows.net', STORAGE_QUEUE_URL: 'https://a.queue.core.windows.net', AUTH_ISSUERS: '[{"issuer":"https://i.example","jwksUri":"https://i.example/k","audience":"a"}]', INTERVIEW_SESSION_SECRET: 'x'.repeat(32), AZURE_OPENAI_ENDPOINT: 'https://o.openai.azure.com', AI_MODEL: 'gpt-4o' };
    expect(() => loadSettings(azure)).toThrow(/EMAIL_SENDER_ADDRESS: required when EMAIL_PROVIDER=acs/);
    expect(() => loadSettings({ ...azure, EMAIL_PROVIDER: 'local-mailbox' })).toThrow(/'local-mailbox' is for local runs only/);
  });
});

describe('the ACS sender against the fake ACS endpoint', () => {
  it('is refused when its access key is wrong: the fake checks the HMAC signature as ACS does', async () => {
    const fake = await startFakeAcsEmail();
    try {
      const wrongKey = Buffer.alloc(32, 7).toString('base64');
      const sender = new AcsEmailSender({ provider: 'acs', senderAddress: 'a@b.example', connectionString: fake.connectionString.replace(/accesskey=.*/, `accesskey=${wrongKey}`) });
      const email = { outboxId: randomUUID(), to: 'c@d.example', subject: 's', html: '<p>h</p>', text: 'h', queuedAt: new Date() };
      await expect(sender.send(email, AbortSignal.timeout(5000))).rejects.toThrow('ACS answered HTTP 401 (Denied)');
      expect(fake.rejectedSignatures).toBe(1);
      expect(fake.accepted).toHaveLength(0);
      const right = new AcsEmailSender({ provider: 'acs', senderAddress: 'a@b.example', connectionString: fake.connectionString });
      await expect(right.send(email, AbortSignal.timeout(5000))).resolves.toEqual({ providerMessageId: email.outboxId });
    } finally {
      await fake.close();
    }
  });

  it('reports a send that outlives its time bound as timed out', async () => {
    const fake = await startFakeAcsEmail();
    try {
      fake.setLatency(500);
      const sender = new AcsEmailSender({ provider: 'acs', senderAddress: 'a@b.example', connectionString: fake.connectionString });
      const email = { outboxId: randomUUID(), to: 'c@d.example', subject: 's', html: '<p>h</p>', text: 'h', queuedAt: new Date() };
      await expect(sender.send(email, AbortSignal.timeout(100))).rejects.toThrow('timed out before ACS finished the send');
    } finally {
      await fake.close();
    }
  });
});

describe('the local mailbox', () => {
  it('never shows a reader polling the folder a half-written email (a large body is written while it reads)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'talenti-mailbox-'));
    try {
      const sender = new LocalMailboxSender(folder);
      const html = `<p>${'x'.repeat(1_000_000)}</p>`;
      let polling = true;
      const seen = new Set<string>();
      const poll = (async () => {
        while (polling) {
          // Each email is read the moment it appears (once: re-reading the others would only slow the writer down).
          for (const name of readdirSync(folder).filter((file) => file.endsWith('.json') && !seen.has(file))) {
            expect(JSON.parse(readFileSync(join(folder, name), 'utf8')).html).toBe(html);
            seen.add(name);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      for (let i = 0; i < 5; i += 1) {
        await sender.send({ outboxId: randomUUID(), to: 'c@d.example', subject: 's', html, text: 'h', queuedAt: new Date() });
      }
      polling = false;
      await poll;
      expect(seen.size).toBeGreaterThan(0);
      expect(readdirSync(folder).filter((file) => file.endsWith('.partial'))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
