import type { InvocationContext, StorageQueueHandler } from '@azure/functions';
import type { DequeuedMessageItem, QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { errorSummary } from '../../shared/observability/error-summary';
import { poisonQueueOf } from '../../shared/queues/messages';
import type { QueueHostSettings } from './host-json';

/** How long a message stays hidden while its handler runs (the runtime's lease; functionTimeout is 10 minutes). */
const LEASE_SECONDS = 10 * 60;
/** The first wait after an empty poll; it doubles up to host.json's maxPollingInterval, as the runtime backs off. */
const FIRST_POLL_MS = 100;

export interface QueueTriggerOptions {
  client: QueueServiceClient;
  functions: QueueFunction[];
  settings: QueueHostSettings;
  contextFor(functionName: string, triggerMetadata: Record<string, unknown>): InvocationContext;
  log(line: string): void;
}

/** A queue-triggered function as the host registered it. */
export interface QueueFunction {
  name: string;
  queueName: string;
  handler: StorageQueueHandler;
}

export interface QueueTriggers {
  stop(): Promise<void>;
}

/** The message text the handler gets: decoded as the runtime decodes it (host.json messageEncoding). */
function decode(messageText: string, encoding: QueueHostSettings['messageEncoding']): string {
  return encoding === 'base64' ? Buffer.from(messageText, 'base64').toString('utf8') : messageText;
}

/**
 * Serves queue-triggered functions from Azurite's queue service as the Functions runtime serves them from Storage:
 * poll (backing off while the queue is empty), run the handler, delete the message on success; on a failure make it
 * visible again after host.json's visibilityTimeout, and once it has been dequeued maxDequeueCount times move it to
 * `<queue>-poison`.
 */
export function startQueueTriggers(options: QueueTriggerOptions): QueueTriggers {
  const { settings, log } = options;
  const stopping = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      stopping.signal.addEventListener('abort', wake);
    });

  async function moveToPoison(queue: QueueClient, poison: QueueClient, message: DequeuedMessageItem): Promise<void> {
    await poison.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, message.popReceipt);
    log(`[warn] queue ${queue.name}: message ${message.messageId} moved to ${poison.name} after ${message.dequeueCount} attempts`);
  }

  async function processMessage(definition: QueueFunction, queue: QueueClient, poison: QueueClient, message: DequeuedMessageItem): Promise<void> {
    if (message.dequeueCount > settings.maxDequeueCount) return moveToPoison(queue, poison, message);
    const metadata = {
      id: message.messageId,
      dequeueCount: message.dequeueCount,
      insertionTime: message.insertedOn.toISOString(),
      expirationTime: message.expiresOn.toISOString(),
      nextVisibleTime: message.nextVisibleOn.toISOString(),
      popReceipt: message.popReceipt,
    };
    try {
      await definition.handler(decode(message.messageText, settings.messageEncoding), options.contextFor(definition.name, metadata));
    } catch (error) {
      log(`[error] ${definition.name}: message ${message.messageId} failed (attempt ${message.dequeueCount}): ${errorSummary(error)}`);
      if (message.dequeueCount >= settings.maxDequeueCount) return moveToPoison(queue, poison, message);
      await queue.updateMessage(message.messageId, message.popReceipt, undefined, Math.round(settings.visibilityTimeout / 1000));
      return;
    }
    await queue.deleteMessage(message.messageId, message.popReceipt);
  }

  async function poll(definition: QueueFunction): Promise<void> {
    const queue = options.client.getQueueClient(definition.queueName);
    const poison = options.client.getQueueClient(poisonQueueOf(definition.queueName));
    let wait = FIRST_POLL_MS;
    while (!stopping.signal.aborted) {
      let messages: DequeuedMessageItem[] = [];
      try {
        const received = await queue.receiveMessages({ numberOfMessages: settings.batchSize, visibilityTimeout: LEASE_SECONDS });
        messages = received.receivedMessageItems;
      } catch (error) {
        if (!stopping.signal.aborted) log(`[error] queue ${definition.queueName}: ${errorSummary(error)}`);
      }
      if (messages.length === 0) {
        await sleep(wait);
        wait = Math.min(wait * 2, settings.maxPollingInterval);
        continue;
      }
      wait = FIRST_POLL_MS;
      await Promise.all(
        messages.map((message) =>
          processMessage(definition, queue, poison, message).catch((error: unknown) => log(`[error] queue ${definition.queueName}: ${errorSummary(error)}`)),
        ),
      );
    }
  }

  const loops = options.functions.map((definition) => poll(definition));
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(loops);
    },
  };
}
