import { defineHttpFunction, json } from '../../shared/http/definition';
import { idempotencyKeyFrom } from '../../shared/idempotency/idempotent-request';
import { InvitationSentSchema } from '../../shared/invitations/invitation';
import { sendInvitation, SendInvitationInput } from '../../shared/invitations/send-invitation';

export const sendInvitationFunction = defineHttpFunction({
  name: 'send-invitation',
  route: 'send-invitation',
  methods: ['POST'],
  access: 'user',
  summary: 'Invite a candidate to their AI interview by email',
  description:
    "Admins, recruiters and hiring managers of the application's organisation. The invitation, its email (outbox) " +
    'and the application moved to invited are one transaction; the email is tried at once and retried by the ' +
    'drain if that fails. The role title and company name come from the database. The link token is only ever in ' +
    'the email. Send an Idempotency-Key header to make a retried request return the first answer.',
  tags: ['invitations'],
  body: SendInvitationInput,
  bodyLimitBytes: 8 * 1024,
  requestHeaders: { 'Idempotency-Key': { description: 'Up to 200 characters of your choosing: a retry with the same key and body returns the first answer.' } },
  responses: {
    201: {
      description: 'Invitation created and its email queued (Idempotent-Replayed: true on a repeat of a key).',
      schema: InvitationSentSchema,
      headers: ['idempotent-replayed'],
    },
    403: { description: 'A member without the role to invite, or the candidate themself.' },
    404: { description: 'No such application in your organisations.' },
    409: { description: 'The candidate has no email address to send to.' },
    422: { description: 'The Idempotency-Key was used for a different request.' },
  },
  handle: async ({ body, caller, data, header, clientIp, services, log }) => {
    const outcome = await sendInvitation(data, caller, body, idempotencyKeyFrom(header('idempotency-key')), {
      ipAddress: clientIp,
      appBaseUrl: services.settings.appBaseUrl,
      outbox: services.email,
      log,
    });
    return json(201, outcome.value, outcome.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
});
