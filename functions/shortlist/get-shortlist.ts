import { defineHttpFunction, json } from '../../shared/http/definition';
import { readShortlist } from '../../shared/shortlist/read-shortlist';
import { ReadShortlistQuery, ShortlistPageSchema } from '../../shared/shortlist/shortlist-schemas';
import { routeId } from '../../shared/http/route-ids';

export const getShortlistFunction = defineHttpFunction({
  name: 'get-shortlist',
  route: 'job-roles/{roleId:guid}/shortlist',
  methods: ['GET'],
  access: 'user',
  summary: "Read a role's stored shortlist, a page at a time",
  description:
    'The list the last generate-shortlist stored, in the same shape, best first by its stored rank, paged with ' +
    'limit and cursor (next_cursor) like every list: no model call, no scoring or sorting on read. Scores, reasons, ' +
    'skills and experience are as the run stored them; a profile section the candidate hid since is left out, and ' +
    'work mode, availability and location are read from the profile now. Any member of the organisation; each page ' +
    'read is audited.',
  tags: ['ai', 'shortlist'],
  query: ReadShortlistQuery,
  responses: {
    200: { description: 'One page of the stored shortlist.', schema: ShortlistPageSchema },
    404: { description: 'No such role in your organisations, or no shortlist generated for it yet.' },
  },
  handle: async ({ params, query, caller, data, clientIp }) => {
    const page = await data.run((db) => readShortlist(db, caller, routeId(params, 'roleId'), query, { ipAddress: clientIp }));
    return json(200, page, { 'cache-control': 'no-store' });
  },
});
