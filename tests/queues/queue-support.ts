import { QueueServiceClient } from '@azure/storage-queue';
import { azuriteConnectionString } from '../../shared/config/settings';
import { encodeMessage } from '../../shared/queues/work-queues';
import { waitFor } from '../invitations/helpers';

/** The Azurite queue service of a host (the suite's, unless ports are given), through the real SDK client. */
export function queueService(blobPort = Number(process.env.AZURITE_BLOB_PORT), queuePort = Number(process.env.AZURITE_QUEUE_PORT)): QueueServiceClient {
  return QueueServiceClient.fromConnectionString(azuriteConnectionString(blobPort, queuePort));
}

/** Puts a message on a queue as the app does (JSON, base64): a redelivery, or a replay by an operator. */
export async function sendRaw(queues: QueueServiceClient, queueName: string, message: object): Promise<void> {
  await queues.getQueueClient(queueName).sendMessage(encodeMessage(message));
}

export async function messageCount(queues: QueueServiceClient, queueName: string): Promise<number> {
  return (await queues.getQueueClient(queueName).getProperties()).approximateMessagesCount ?? 0;
}

/** Waits until the host has taken every message off the queue (processed and deleted, or moved to poison). */
export async function drained(queues: QueueServiceClient, queueName: string): Promise<void> {
  await waitFor(async () => (await messageCount(queues, queueName)) === 0, `queue ${queueName} to be empty`, 20_000);
}

/** Runs a non-HTTP function now through the host's admin endpoint, as Core Tools does. */
export async function runFunction(hostUrl: string, name: string, input = ''): Promise<number> {
  const response = await fetch(`${hostUrl}/admin/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) });
  return response.status;
}
