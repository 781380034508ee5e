import { defineHttpFunction, json } from '../../shared/http/definition';
import { InvitationSentSchema } from '../../shared/invitations/invitation';
import { resendInvitation, ResendInvitationInput } from '../../shared/invitations/resend-invitation';
import { routeId } from '../../shared/http/route-ids';

export const resendInvitationFunction = defineHttpFunction({
  name: 'resend-invitation',
  route: 'invitations/{invitationId:guid}/resend',
  methods: ['POST'],
  access: 'user',
  summary: 'Send an invitation again with a new link',
  description:
    'Admins, recruiters and hiring managers. A new token and expiry: the previous link stops working at once. The ' +
    'email goes to the address the last one went to. The body is optional. A revoked invitation cannot be resent.',
  tags: ['invitations'],
  body: ResendInvitationInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'A new email with the new link is queued.', schema: InvitationSentSchema },
    403: { description: 'A member without the role, or the candidate themself.' },
    404: { description: 'No such invitation in your organisations.' },
    409: { description: 'The invitation was revoked, or the candidate has no email address.' },
  },
  handle: async ({ body, caller, data, params, clientIp, services, log }) =>
    json(
      200,
      await resendInvitation(data, caller, routeId(params, 'invitationId'), body, {
        ipAddress: clientIp,
        appBaseUrl: services.settings.appBaseUrl,
        outbox: services.email,
        log,
      }),
    ),
});
