import { z } from 'zod';
import { DELETION_REQUEST_STATUSES, DELETION_REQUEST_TYPES } from './value-sets';

export type DeletionRequestType = (typeof DELETION_REQUEST_TYPES)[number];
export type DeletionRequestStatus = (typeof DELETION_REQUEST_STATUSES)[number];

/** A candidate's request to erase, anonymise or drop recordings of their data, as the candidate sees it. */
export interface DeletionRequest {
  id: string;
  user_id: string;
  request_type: DeletionRequestType;
  status: DeletionRequestStatus;
  reason: string | null;
  requested_at: string;
  processed_at: string | null;
  /** The function that carried it out: `process-deletion-request` (the queue) or `data-retention-cleanup` (a run). */
  processed_by: string | null;
  /** What was done, or the kind of failure; never personal data. */
  notes: string | null;
}

/** What an organisation's admins see of a request: its progress, never the candidate's reason. */
export type DeletionRequestStatusView = Omit<DeletionRequest, 'reason'>;

const timestamp = z.iso.datetime({ offset: false });

const statusFields = {
  id: z.uuid(),
  user_id: z.uuid().describe('The candidate who asked.'),
  request_type: z.enum(DELETION_REQUEST_TYPES),
  status: z.enum(DELETION_REQUEST_STATUSES),
  requested_at: timestamp,
  processed_at: timestamp.nullable().describe('When it was carried out (or last failed).'),
  processed_by: z
    .string()
    .nullable()
    .describe('process-deletion-request (carried out when made) or data-retention-cleanup (the daily run or an operator).'),
  notes: z.string().nullable().describe('What was deleted, or the kind of failure (a failed request is tried again).'),
};

export const DeletionRequestSchema = z
  .object({ ...statusFields, reason: z.string().nullable() })
  .meta({ id: 'DeletionRequest' });

export const DeletionRequestStatusSchema = z.object(statusFields).meta({ id: 'DeletionRequestStatus' });
