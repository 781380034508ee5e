import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { CandidateInvitationSchema, listCandidateInvitations, ListCandidateInvitationsQuery } from '../../shared/invitations/candidate-invitations';

export const listCandidateInvitationsFunction = defineHttpFunction({
  name: 'list-candidate-invitations',
  route: 'candidate/invitations',
  methods: ['GET'],
  access: 'user',
  summary: "The signed-in candidate's open invitations",
  description:
    "The invitations of the caller's own applications that were emailed to the address their sign-in verifies and " +
    'can still be opened (not withdrawn, not expired, interview not over), newest first, with the role title, the ' +
    'organisation and the expiry. Never the token.',
  tags: ['invitations'],
  query: ListCandidateInvitationsQuery,
  responses: {
    200: {
      description: 'One page of invitations.',
      schema: z.object({ items: z.array(CandidateInvitationSchema), next_cursor: z.string().nullable() }).meta({ id: 'CandidateInvitationPage' }),
    },
    403: { description: 'The sign-in does not verify an email address.' },
  },
  // Platform scope: where an invitation was sent is in the staff-only outbox; the query keeps to the caller's own.
  handle: async ({ caller, query, services }) =>
    json(200, await services.database.scopes.system.run((db) => listCandidateInvitations(db, caller, query)), { 'cache-control': 'no-store' }),
});
