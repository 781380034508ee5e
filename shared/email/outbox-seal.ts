import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { EmailSendError } from './email-sender';

const MARKER = /\{\{sealed:v1:([A-Za-z0-9_-]{40,400})\}\}/g;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Secrets an outbox email must carry (the invitation token in its link) are stored sealed, not in clear: AES-256-GCM
 * under a key derived from the app's secret. The queue function unseals them just before sending; once sent they are
 * removed from the stored copy. So the database alone never holds a usable link.
 */
export class OutboxSeal {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'talenti/email-outbox', 'sealed-values/v1', 32));
  }

  /** A marker that survives HTML escaping (braces, letters, digits, - and _ only). */
  seal(value: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([iv, cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `{{sealed:v1:${sealed.toString('base64url')}}}`;
  }

  /** The body as it is to be sent. A marker sealed under another key (a rotated secret) fails the send. */
  unsealAll(body: string): string {
    return body.replace(MARKER, (_marker, payload: string) => {
      const bytes = Buffer.from(payload, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new EmailSendError('a sealed value in the email cannot be unsealed (was the secret rotated?); resend the invitation', true);
      }
    });
  }
}

/** The stored copy of a sent email keeps its text but not the sealed values. */
export function withoutSealedValues(body: string): string {
  return body.replace(MARKER, '(removed after sending)');
}
