import type { Logger } from '../observability/logger';
import type { WorkMessage, WorkQueueName } from './messages';
import type { WorkQueues } from './work-queues';

/** Clocks of the queue service and of an instance differ a little; a retry message must not come before its row is due. */
const CLOCK_MARGIN_SECONDS = 5;

/** The delay for a message that should arrive once `at` has passed. */
export function secondsUntil(at: Date, now = Date.now()): number {
  return Math.max(0, Math.ceil((at.getTime() - now) / 1000)) + CLOCK_MARGIN_SECONDS;
}

/**
 * Sends the message for work a transaction has just committed. Never throws: the committed row is the source of
 * truth, and a sweeper re-enqueues rows whose message was lost. Returns whether the message went out.
 */
export async function enqueueCommittedWork<Q extends WorkQueueName>(
  queues: WorkQueues,
  log: Logger,
  queue: Q,
  message: WorkMessage<Q>,
  options: { delaySeconds?: number } = {},
): Promise<boolean> {
  try {
    await queues.send(queue, message, options);
    return true;
  } catch (error) {
    log.warn('work could not be enqueued; the sweeper will enqueue it again', { queue, ...message, error: error instanceof Error ? error.name : 'error' });
    return false;
  }
}
