import { defineHttpFunction, json } from '../../shared/http/definition';
import { routeId } from '../../shared/http/route-ids';
import { idempotencyKeyFrom } from '../../shared/idempotency/idempotent-request';
import { InvitationSentSchema } from '../../shared/invitations/invitation';
import { inviteByEmail, InviteByEmailInput } from '../../shared/invitations/invited-candidates';

export const inviteToJobRoleFunction = defineHttpFunction({
  name: 'invite-to-job-role',
  route: 'job-roles/{roleId:guid}/invitations',
  methods: ['POST'],
  access: 'user',
  summary: 'Invite a person by email to a job role, account or not',
  description:
    "Admins, recruiters and hiring managers of the role's organisation; the role must be active. Creates the " +
    "application for that address (or reuses it) and sends the invitation as send-invitation does: one transaction " +
    'with its outbox email, the link token only in the email, Idempotency-Key honoured. The application becomes the ' +
    "person's when they sign in with that email verified.",
  tags: ['invitations'],
  body: InviteByEmailInput,
  bodyLimitBytes: 8 * 1024,
  requestHeaders: { 'Idempotency-Key': { description: 'Up to 200 characters of your choosing: a retry with the same key and body returns the first answer.' } },
  responses: {
    201: { description: 'Invitation created and its email queued (Idempotent-Replayed: true on a repeat of a key).', schema: InvitationSentSchema },
    403: { description: 'A member without the role to invite.' },
    404: { description: 'No such job role in your organisations.' },
    409: { description: 'The job role is not active.' },
    422: { description: 'The Idempotency-Key was used for a different request.' },
  },
  handle: async ({ body, caller, data, params, header, clientIp, services, log }) => {
    const outcome = await inviteByEmail(data, caller, routeId(params, 'roleId'), body, idempotencyKeyFrom(header('idempotency-key')), {
      ipAddress: clientIp,
      appBaseUrl: services.settings.appBaseUrl,
      outbox: services.email,
      log,
    });
    return json(201, outcome.value, outcome.replayed ? { 'idempotent-replayed': 'true' } : undefined);
  },
});
