import { z } from 'zod';
import { AuditLogEntrySchema } from '../../shared/domain/organisation-audit-log';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { AuditLogQuery, listOrganisationAuditLog } from '../../shared/organisations/audit-log';
import { routeId } from '../../shared/http/route-ids';

export const listOrganisationAuditLogFunction = defineHttpFunction({
  name: 'list-organisation-audit-log',
  route: 'organisations/{organisationId:guid}/audit-log',
  methods: ['GET'],
  access: 'user',
  summary: "Read an organisation's audit log",
  description:
    'Admins only. Newest first, filtered by action, entity_type, user_id and a time range (from inclusive, to exclusive). ' +
    'Personal data appears only as "(changed)".',
  tags: ['organisations'],
  query: AuditLogQuery,
  responses: {
    200: {
      description: 'A page of audit rows.',
      schema: z.object({ items: z.array(AuditLogEntrySchema), next_cursor: z.string().nullable() }).meta({ id: 'AuditLogPage' }),
    },
    403: { description: 'Only admins may read the audit log.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
  },
  handle: async ({ params, caller, data, query }) =>
    json(200, await data.run((db) => listOrganisationAuditLog(db, caller, routeId(params, 'organisationId'), query)), { 'cache-control': 'no-store' }),
});
