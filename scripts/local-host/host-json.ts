import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A host.json time span, hh:mm:ss. */
const TimeSpan = z
  .string()
  .regex(/^\d{2}:\d{2}:\d{2}$/)
  .transform((text) => text.split(':').map(Number).reduce((total, part) => total * 60 + part, 0) * 1000);

/** The queue settings of host.json's `extensions.queues`, with the Functions runtime's defaults. */
const HostJson = z.object({
  extensions: z
    .object({
      queues: z
        .object({
          maxPollingInterval: TimeSpan.default(60_000),
          visibilityTimeout: TimeSpan.default(0),
          batchSize: z.number().int().min(1).max(32).default(16),
          maxDequeueCount: z.number().int().min(1).default(5),
          messageEncoding: z.enum(['base64', 'none']).default('base64'),
        })
        .prefault({}),
    })
    .prefault({}),
});

export type QueueHostSettings = z.output<typeof HostJson>['extensions']['queues'];

/** Reads host.json as the Functions runtime would, so the local host retries and poisons messages the same way. */
export function readQueueHostSettings(hostJsonPath: string): QueueHostSettings {
  return HostJson.parse(JSON.parse(readFileSync(hostJsonPath, 'utf8'))).extensions.queues;
}
