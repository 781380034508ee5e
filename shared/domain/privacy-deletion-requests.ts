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
  processed_at: timestamp.nullable(),
};

export const DeletionRequestSchema = z
  .object({ ...statusFields, reason: z.string().nullable() })
  .meta({ id: 'DeletionRequest' });

export const DeletionRequestStatusSchema = z.object(statusFields).meta({ id: 'DeletionRequestStatus' });
