import { z } from 'zod';
import { DeletionRequestSchema } from '../../shared/domain/privacy-deletion-requests';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { announceDeletionRequest, CreateDeletionRequestInput, createDeletionRequest } from '../../shared/privacy/deletion-requests';

export const createDeletionRequestFunction = defineHttpFunction({
  name: 'create-deletion-request',
  route: 'candidate/deletion-requests',
  methods: ['POST'],
  access: 'user',
  summary: 'Ask for your data to be deleted, anonymised, or your recordings removed',
  description:
    'Records a pending request of the caller. While a request of the same type is pending or processing, ' +
    'another is refused with 409. The request is carried out at once through the deletion-requests queue; the daily ' +
    'retention run catches any left, within 30 days at most.',
  tags: ['candidates', 'privacy'],
  body: CreateDeletionRequestInput,
  bodyLimitBytes: 8 * 1024,
  responses: {
    201: { description: 'The request.', schema: z.object({ deletion_request: DeletionRequestSchema }) },
    409: { description: 'A request of this type is already pending or processing.' },
  },
  handle: async ({ caller, data, body, clientIp, services, log }) => {
    const request = await data.run((db) => createDeletionRequest(db, caller, body, { ipAddress: clientIp, now: services.clock() }));
    await announceDeletionRequest(services.queues, log, request.id);
    return json(201, { deletion_request: request });
  },
});
