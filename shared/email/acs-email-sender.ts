import type { EmailClient, EmailClientOptions } from '@azure/communication-email';
import { appCredential } from '../identity/app-credential';
import { acsEmailSdk } from '../runtime/sdk-modules';
import type { EmailSettings } from '../config/settings';
import { EmailSendError, type EmailSendResult, type EmailSender, type OutgoingEmail } from './email-sender';

type AcsEmailSettings = Extract<EmailSettings, { provider: 'acs' }>;

/** ACS tracks a repeated request for 5 minutes; past that, repeatability headers would be refused with 412. */
const REPEATABILITY_WINDOW_MS = 4.5 * 60 * 1000;
const POLL_INTERVAL_MS = 500;

/** Plain HTTP only to this machine (a local fake of ACS in tests); anything else must be HTTPS. */
function isLoopback(endpoint: string): boolean {
  const { protocol, hostname } = new URL(endpoint);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
}

function createClient(settings: AcsEmailSettings): EmailClient {
  const { EmailClient } = acsEmailSdk();
  const endpoint = settings.connectionString ? (/endpoint=([^;]+)/i.exec(settings.connectionString)?.[1] ?? '') : (settings.endpoint ?? '');
  const options: EmailClientOptions = {
    // The outbox is the retry loop (with backoff across invocations); the pipeline's own retries would only stretch
    // one attempt past its time bound.
    retryOptions: { maxRetries: 0 },
    allowInsecureConnection: isLoopback(endpoint),
  };
  if (settings.connectionString) return new EmailClient(settings.connectionString, options);
  return new EmailClient(endpoint, appCredential(settings.managedIdentityClientId), options);
}

/**
 * The documented way to make the Email Send API idempotent (OASIS Repeatable Requests): a retry of the same outbox
 * row within ACS's tracking window gets the first request's answer instead of a second email.
 */
function repeatabilityHeaders(email: OutgoingEmail, now: number): Record<string, string> {
  if (now - email.queuedAt.getTime() > REPEATABILITY_WINDOW_MS) return {};
  return { 'Repeatability-Request-Id': email.outboxId, 'Repeatability-First-Sent': email.queuedAt.toUTCString() };
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,80}$/;
const FAILED_OPERATION = /^The long-running operation has failed(?:\. ([A-Za-z0-9_.-]{1,80})\.)?/;

/**
 * What went wrong, in terms safe to store and log: the HTTP status and ACS error code, never the response text
 * (it can name the recipient). ACS finishing the operation as Failed, or refusing the request as malformed, is
 * final for this email: a repeat of it would get the same answer.
 */
export function toSendError(error: unknown, signal: AbortSignal): EmailSendError {
  if (signal.aborted) return new EmailSendError('timed out before ACS finished the send');
  if (error instanceof EmailSendError) return error;
  const { statusCode, code, message } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const codeSuffix = typeof code === 'string' && SAFE_CODE.test(code) ? ` (${code})` : '';
  if (typeof statusCode === 'number') return new EmailSendError(`ACS answered HTTP ${statusCode}${codeSuffix}`, statusCode === 400);
  const failed = typeof message === 'string' ? FAILED_OPERATION.exec(message) : null;
  if (failed) return new EmailSendError(`the ACS send operation failed${failed[1] ? ` (${failed[1]})` : ''}`, true);
  return new EmailSendError(`${error instanceof Error ? error.name : 'unknown error'}${codeSuffix} while calling ACS`);
}

/** Azure Communication Services Email: beginSend, then poll the operation until it is done. */
export class AcsEmailSender implements EmailSender {
  readonly provider = 'acs';
  readonly #client: EmailClient;

  constructor(private readonly settings: AcsEmailSettings) {
    this.#client = createClient(settings);
  }

  async send(email: OutgoingEmail, signal: AbortSignal): Promise<EmailSendResult> {
    try {
      const poller = await this.#client.beginSend(
        {
          senderAddress: this.settings.senderAddress,
          recipients: { to: [{ address: email.to }] },
          content: { subject: email.subject, html: email.html, plainText: email.text },
        },
        {
          operationId: email.outboxId,
          updateIntervalInMs: POLL_INTERVAL_MS,
          abortSignal: signal,
          requestOptions: { customHeaders: repeatabilityHeaders(email, Date.now()) },
        },
      );
      const result = await poller.pollUntilDone({ abortSignal: signal });
      if (result.status !== 'Succeeded') throw new EmailSendError(`the ACS send operation ended ${result.status}`, true);
      return { providerMessageId: result.id };
    } catch (error) {
      throw toSendError(error, signal);
    }
  }
}
