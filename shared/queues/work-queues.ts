import type { QueueServiceClient } from '@azure/storage-queue';
import type { StorageSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { lazy } from '../runtime/lazy';
import { storageQueueSdk } from '../runtime/sdk-modules';
import { poisonQueueOf, WORK_QUEUE_NAMES, type WorkMessage, type WorkQueueName } from './messages';

/** Storage queues keep a message invisible for at most seven days. */
const LONGEST_DELAY_SECONDS = 7 * 24 * 60 * 60;

export interface WorkQueues {
  /** Built (and the SDK loaded) on first use. */
  readonly client: QueueServiceClient;
  /**
   * Enqueues one message for a queue-triggered function, JSON in base64 as the Functions runtime reads it by
   * default. `delaySeconds` keeps it invisible until then (a retry after backoff). Never call it holding a
   * database connection: it is a network call.
   */
  send<Q extends WorkQueueName>(queue: Q, message: WorkMessage<Q>, options?: { delaySeconds?: number; signal?: AbortSignal }): Promise<void>;
  /** Local runs: creates every work queue and its poison queue on Azurite (Bicep creates them on Azure). */
  ensureQueues(): Promise<void>;
}

/** The queue body the Functions runtime expects by default (host.json `messageEncoding: base64`). */
export function encodeMessage(message: object): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

function createClient(settings: StorageSettings): QueueServiceClient {
  const { QueueServiceClient } = storageQueueSdk();
  if (settings.kind === 'connection-string') return QueueServiceClient.fromConnectionString(settings.connectionString);
  // No shared keys on Azure: the managed identity holds Storage Queue Data Contributor on the account.
  return new QueueServiceClient(settings.accountUrl, appCredential(settings.managedIdentityClientId));
}

export function createWorkQueues(settings: StorageSettings): WorkQueues {
  const lazyClient = lazy(() => createClient(settings));
  return {
    get client() {
      return lazyClient();
    },
    async send(queue, message, options = {}) {
      const client = lazyClient();
      const delay = Math.min(Math.max(0, Math.ceil(options.delaySeconds ?? 0)), LONGEST_DELAY_SECONDS);
      await client.getQueueClient(queue).sendMessage(encodeMessage(message), {
        visibilityTimeout: delay > 0 ? delay : undefined,
        abortSignal: options.signal ?? AbortSignal.timeout(10_000),
      });
    },
    async ensureQueues() {
      const client = lazyClient();
      for (const name of WORK_QUEUE_NAMES) {
        await client.getQueueClient(name).createIfNotExists();
        await client.getQueueClient(poisonQueueOf(name)).createIfNotExists();
      }
    },
  };
}
