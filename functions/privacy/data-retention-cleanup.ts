import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';
import { authorizeRetentionRun, cleanupRecordings, processDeletionRequests, RetentionRunInput, runRetention, sweepStaleCvs } from '../../shared/privacy/retention';
import { defineTimerFunction } from '../../shared/runtime/definitions';

export const dataRetentionCleanupFunction = defineHttpFunction({
  name: 'data-retention-cleanup',
  route: 'privacy/retention-runs',
  methods: ['POST'],
  access: 'user',
  summary: 'Run the retention job now',
  description:
    'Platform operators (app role Talenti.Operator) for every organisation or one; an organisation admin for their ' +
    'own organisation only. `cleanup_recordings` deletes recordings and transcripts past the organisation’s ' +
    'retention; `process_deletion_requests` carries out open deletion requests. One run at a time (409 otherwise).',
  tags: ['privacy', 'platform'],
  body: RetentionRunInput,
  bodyLimitBytes: 1024,
  responses: {
    200: { description: 'What the run did, in the original function’s shape.', schema: z.record(z.string(), z.unknown()) },
    403: { description: 'Neither an operator nor an admin of the named organisation.' },
    404: { description: 'No such organisation, or not visible to the caller.' },
    409: { description: 'Another retention run is in progress.' },
  },
  handle: async ({ caller, body, services, log }) => {
    const target = authorizeRetentionRun(caller, body.organisation_id);
    const deps = { scopes: services.database.scopes, storage: services.storage, log, now: services.clock };
    return json(200, await runRetention(deps, target, body.action));
  },
});

/**
 * Daily at 02:00 Australia/Sydney. Timers run in UTC, so this is 15:00 UTC: 02:00 in daylight time (AEDT, UTC+11)
 * and 01:00 in standard time (AEST, UTC+10), both well outside business hours.
 */
export const dataRetentionTimerFunction = defineTimerFunction({
  name: 'data-retention-cleanup-daily',
  schedule: '0 0 15 * * *',
  description: 'Daily backstop: recordings and transcripts past retention, every open deletion request, then CVs past retention.',
  handle: async ({ scopes, services, log }) => {
    const deps = { scopes, storage: services.storage, log, now: services.clock };
    await cleanupRecordings(deps, { organisationId: null });
    await processDeletionRequests(deps, { organisationId: null, userId: null });
    await sweepStaleCvs(deps, services.settings.cvRetentionDays);
  },
});
