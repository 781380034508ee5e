import type { APIError } from 'openai';
import { ServiceUnavailableError, UpstreamError, UpstreamTimeoutError } from '../errors';
import { openAiSdk } from '../runtime/sdk-modules';
import { ModelConnectionError, ModelProtocolError, ModelStatusError } from './chat-stream';

export interface RetryPolicy {
  maxAttempts: number;
  /** Per attempt. */
  timeoutMs: number;
  /** For all attempts and waits together. */
  deadlineMs: number;
  baseDelayMs: number;
}

type Failure = { retryable: boolean; retryAfterMs?: number; final: Error };

function retryAfterMs(error: APIError | ModelStatusError): number | undefined {
  const headers = error.headers as Headers | Record<string, string | string[] | undefined> | undefined;
  const get = (name: string) => String((headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? '');
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** A failure by what it says about the service: the SDK's errors and the streamed reply's (chat-stream.ts) alike. */
function classify(error: unknown, timedOut: boolean): Failure {
  if (timedOut) return { retryable: true, final: new UpstreamTimeoutError('The AI service did not answer in time.') };
  if (error instanceof ModelStatusError) return classifyStatus(error);
  if (error instanceof ModelConnectionError) {
    return { retryable: true, final: new ServiceUnavailableError('The AI service is unreachable; try again shortly.', 5) };
  }
  if (error instanceof ModelProtocolError) return { retryable: false, final: new UpstreamError('The AI service answered in a form it does not use.') };
  // Structured calls go through the SDK, so it is loaded when one of its errors gets here.
  const { APIConnectionError, APIConnectionTimeoutError, APIError } = openAiSdk();
  if (error instanceof APIConnectionTimeoutError) return classify(error, true);
  if (error instanceof APIError && typeof error.status === 'number') return classifyStatus(error);
  if (error instanceof APIConnectionError) return classify(new ModelConnectionError(error), false);
  if (error instanceof APIError) return { retryable: false, final: new UpstreamError('The AI service refused the request.') };
  return { retryable: false, final: error instanceof Error ? error : new Error(String(error)) };
}

function classifyStatus(error: (APIError & { status: number }) | ModelStatusError): Failure {
  if (error.status === 429) {
    const wait = retryAfterMs(error);
    return {
      retryable: true,
      retryAfterMs: wait,
      final: new ServiceUnavailableError('The AI service is busy; try again shortly.', Math.max(1, Math.ceil((wait ?? 5000) / 1000))),
    };
  }
  if (error.status >= 500) return { retryable: true, retryAfterMs: retryAfterMs(error), final: new UpstreamError('The AI service failed to answer.') };
  return { retryable: false, final: new UpstreamError('The AI service refused the request.') };
}

/** The SDK's own abort error, checked only when the SDK is the one that threw (it is loaded then). */
const isUserAbort = (error: unknown) => error instanceof Error && error.name === 'APIUserAbortError' && error instanceof openAiSdk().APIUserAbortError;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * Calls `attempt` until it succeeds, retrying 429, 5xx, timeouts and network errors with jittered exponential
 * backoff that honours Retry-After, within a total deadline. A caller's abort ends it at once.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (signal: AbortSignal) => Promise<T>, cancel?: AbortSignal): Promise<T> {
  const deadline = Date.now() + policy.deadlineMs;
  for (let n = 1; ; n++) {
    const remaining = deadline - Date.now();
    const timeout = AbortSignal.timeout(Math.max(1, Math.min(policy.timeoutMs, remaining)));
    const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
    try {
      return await attempt(signal);
    } catch (error) {
      if (cancel?.aborted) throw error;
      const failure = classify(error, timeout.aborted || isUserAbort(error));
      const backoff = policy.baseDelayMs * 2 ** (n - 1);
      const wait = failure.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
      if (!failure.retryable || n >= policy.maxAttempts || Date.now() + wait >= deadline) throw failure.final;
      await sleep(wait, cancel);
    }
  }
}
