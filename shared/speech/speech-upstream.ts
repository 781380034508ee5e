import { ServiceUnavailableError, UpstreamError } from '../errors';
import type { Logger } from '../observability/logger';

/** How long we wait for the Speech service before telling the browser to retry. */
const UPSTREAM_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_AFTER_SECONDS = 5;

function retryAfterOf(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isInteger(seconds) && seconds > 0 ? Math.min(seconds, 300) : DEFAULT_RETRY_AFTER_SECONDS;
}

/**
 * Calls the Speech service and returns a successful response. Failures become our own problems: busy or down
 * (429, 5xx, unreachable, too slow) is a 503 with Retry-After, a refusal (e.g. 401 for a wrong key) is a 502.
 * Neither the upstream body nor the credentials sent reach the caller or the log, only the status.
 */
export async function callSpeechService(url: string, init: RequestInit, what: string, log: Logger): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'unknown';
    log.warn('speech service unreachable', { what, reason });
    throw new ServiceUnavailableError(`The speech service could not be reached for ${what}; try again shortly.`, DEFAULT_RETRY_AFTER_SECONDS);
  }
  if (response.ok) return response;
  await response.body?.cancel();
  log.warn('speech service refused', { what, status: response.status });
  if (response.status === 429 || response.status >= 500) {
    throw new ServiceUnavailableError(`The speech service is busy or unavailable for ${what} (status ${response.status}); try again shortly.`, retryAfterOf(response));
  }
  throw new UpstreamError(`The speech service refused to issue ${what} (status ${response.status}).`);
}
