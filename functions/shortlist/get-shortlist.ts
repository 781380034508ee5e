import { defineHttpFunction, json } from '../../shared/http/definition';
import { readShortlist } from '../../shared/shortlist/read-shortlist';
import { ShortlistSchema } from '../../shared/shortlist/shortlist-schemas';
import { routeId } from '../../shared/http/route-ids';

export const getShortlistFunction = defineHttpFunction({
  name: 'get-shortlist',
  route: 'job-roles/{roleId:guid}/shortlist',
  methods: ['GET'],
  access: 'user',
  summary: "Read a role's stored shortlist",
  description:
    'The list the last generate-shortlist stored, in the same shape, without a model call; applicant details are ' +
    'what staff may see of each profile now. Any member of the organisation; the read is audited.',
  tags: ['ai', 'shortlist'],
  responses: {
    200: { description: 'The stored shortlist.', schema: ShortlistSchema },
    404: { description: 'No such role in your organisations, or no shortlist generated for it yet.' },
  },
  handle: async ({ params, caller, data, clientIp }) => {
    const shortlist = await data.run((db) => readShortlist(db, caller, routeId(params, 'roleId'), { ipAddress: clientIp }));
    return json(200, shortlist, { 'cache-control': 'no-store' });
  },
});
