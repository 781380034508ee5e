import { z } from 'zod';

/** The Storage queues background work goes through (Bicep creates each with its `<name>-poison` twin). */
export const WORK_QUEUE_NAMES = ['invitation-emails', 'interview-scoring', 'recording-downloads', 'deletion-requests'] as const;
export type WorkQueueName = (typeof WORK_QUEUE_NAMES)[number];

/**
 * What each queue carries: ids only. The database row (outbox email, interview) stays the source of truth, so a
 * message delivered twice, late, or after the work was done changes nothing.
 */
export interface WorkMessages {
  'invitation-emails': { outboxId: string };
  'interview-scoring': { interviewId: string };
  /** ACS's recording id (not a uuid): the recordings row keeps it unique. */
  'recording-downloads': { recordingId: string };
  /** A candidate's data deletion request, carried out as soon as it is made. */
  'deletion-requests': { deletionRequestId: string };
}

export type WorkMessage<Q extends WorkQueueName> = WorkMessages[Q];

export const WORK_MESSAGES: { [Q in WorkQueueName]: z.ZodType<WorkMessages[Q]> } = {
  'invitation-emails': z.strictObject({ outboxId: z.uuid() }),
  'interview-scoring': z.strictObject({ interviewId: z.uuid() }),
  'recording-downloads': z.strictObject({ recordingId: z.string().min(1).max(200) }),
  'deletion-requests': z.strictObject({ deletionRequestId: z.uuid() }),
};

/** Where the Functions runtime (and our local host) moves a message after maxDequeueCount failed attempts. */
export function poisonQueueOf(queueName: string): string {
  return `${queueName}-poison`;
}
