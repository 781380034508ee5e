import { deleteOwnDei } from '../../shared/candidates/dei';
import { defineHttpFunction } from '../../shared/http/definition';

export const deleteCandidateDeiFunction = defineHttpFunction({
  name: 'delete-candidate-dei',
  route: 'candidate/dei',
  methods: ['DELETE'],
  access: 'user',
  summary: 'Withdraw your diversity information',
  description: 'Deletes your answers; they no longer count in any organisation’s summary.',
  tags: ['candidates'],
  responses: {
    204: { description: 'Deleted.' },
    404: { description: 'You have not given any.' },
  },
  handle: async ({ caller, data, clientIp }) => {
    await data.run((db) => deleteOwnDei(db, caller, { ipAddress: clientIp }));
    return { status: 204 };
  },
});
