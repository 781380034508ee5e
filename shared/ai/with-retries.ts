import type { APIError } from 'openai';
import { ServiceUnavailableError, UpstreamError, UpstreamTimeoutError } from '../errors';
import { openAiSdk } from '../runtime/sdk-modules';

export interface RetryPolicy {
  maxAttempts: number;
  /** Per attempt. */
  timeoutMs: number;
  /** For all attempts and waits together. */
  deadlineMs: number;
  baseDelayMs: number;
}

type Failure = { retryable: boolean; retryAfterMs?: number; final: Error };

function retryAfterMs(error: APIError): number | undefined {
  const headers = error.headers as Headers | Record<string, string> | undefined;
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? null;
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function classify(error: unknown, timedOut: boolean): Failure {
  // Only model calls get here, so the SDK is loaded already.
  const { APIConnectionError, APIConnectionTimeoutError, APIError } = openAiSdk();
  if (timedOut || error instanceof APIConnectionTimeoutError) {
    return { retryable: true, final: new UpstreamTimeoutError('The AI service did not answer in time.') };
  }
  if (error instanceof APIError && error.status === 429) {
    const wait = retryAfterMs(error);
    return {
      retryable: true,
      retryAfterMs: wait,
      final: new ServiceUnavailableError('The AI service is busy; try again shortly.', Math.max(1, Math.ceil((wait ?? 5000) / 1000))),
    };
  }
  if (error instanceof APIError && typeof error.status === 'number' && error.status >= 500) {
    return { retryable: true, retryAfterMs: retryAfterMs(error), final: new UpstreamError('The AI service failed to answer.') };
  }
  if (error instanceof APIConnectionError) {
    return { retryable: true, final: new ServiceUnavailableError('The AI service is unreachable; try again shortly.', 5) };
  }
  if (error instanceof APIError) return { retryable: false, final: new UpstreamError('The AI service refused the request.') };
  return { retryable: false, final: error instanceof Error ? error : new Error(String(error)) };
}

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
      const failure = classify(error, timeout.aborted || error instanceof openAiSdk().APIUserAbortError);
      const backoff = policy.baseDelayMs * 2 ** (n - 1);
      const wait = failure.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
      if (!failure.retryable || n >= policy.maxAttempts || Date.now() + wait >= deadline) throw failure.final;
      await sleep(wait, cancel);
    }
  }
}
