import { z } from 'zod';
import { checkHealth } from '../../shared/health/check-health';
import { defineHttpFunction, json } from '../../shared/http/definition';

const HealthReportSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: z.enum(['ok', 'failing']), storage: z.enum(['ok', 'failing']) }),
    checked_at: z.iso.datetime(),
  })
  .meta({ id: 'HealthReport' });

export const healthFunction = defineHttpFunction({
  name: 'health',
  route: 'health',
  methods: ['GET'],
  access: 'anonymous',
  summary: 'Liveness and dependency check',
  description: 'Checks that the database and blob storage answer. Reveals no configuration.',
  tags: ['platform'],
  responses: {
    200: { description: 'Every dependency answers.', schema: HealthReportSchema },
    503: { description: 'A dependency is failing.', schema: HealthReportSchema },
  },
  handle: async ({ services }) => {
    const report = await checkHealth(services);
    return json(report.status === 'ok' ? 200 : 503, report, { 'cache-control': 'no-store' });
  },
});
