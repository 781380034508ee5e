import { z } from 'zod';
import { DeletionRequestSchema } from '../../shared/domain/privacy-deletion-requests';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { announceDeletionRequest, DeleteAccountInput, requestAccountDeletion } from '../../shared/privacy/deletion-requests';

export const deleteCandidateAccountFunction = defineHttpFunction({
  name: 'delete-candidate-account',
  route: 'candidate/account',
  methods: ['DELETE'],
  access: 'user',
  summary: 'Close your account: everything of it is erased',
  description:
    'Body `{"confirm": true, "reason"?}`. Records a full_deletion request, carried out at once through the ' +
    'deletion-requests queue as docs/privacy.md says (applications, interviews, recordings, CV, profile erased; audit ' +
    'rows kept without personal details). Asking again while it is open answers the same request. Follow it with ' +
    'GET /api/candidate/deletion-requests. Members of an organisation must leave it first (409).',
  tags: ['candidates', 'privacy'],
  body: DeleteAccountInput,
  bodyLimitBytes: 8 * 1024,
  responses: {
    202: { description: 'The full_deletion request, accepted (new or already open).', schema: z.object({ deletion_request: DeletionRequestSchema }) },
    409: { description: 'The caller belongs to an organisation.' },
  },
  handle: async ({ caller, data, body, clientIp, services, log }) => {
    const { request, created } = await data.run((db) => requestAccountDeletion(db, caller, body, { ipAddress: clientIp, now: services.clock() }));
    // A repeat re-sends the message too: harmless (the request is claimed under its lease), and it revives a lost one.
    await announceDeletionRequest(services.queues, log, request.id);
    log.info('account deletion requested', { deletionRequestId: request.id, created });
    return json(202, { deletion_request: request });
  },
});
