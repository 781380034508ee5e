import { closeAbandonedInterviews } from '../../../shared/interviews/session/interview-ending';
import { DATABASE_SWEEP_SCHEDULE, defineTimerFunction } from '../../../shared/runtime/definitions';

export const closeAbandonedInterviewsFunction = defineTimerFunction({
  name: 'close-abandoned-interviews',
  schedule: DATABASE_SWEEP_SCHEDULE,
  description:
    'Every two hours: running interviews with no turn for INTERVIEW_ABANDONED_AFTER_MINUTES are ended as abandoned ' +
    'and, when the candidate said anything, queued for scoring with that.',
  handle: async ({ scopes, services, log }) => {
    const summary = await closeAbandonedInterviews(scopes.system, services.queues, log, services.settings.abandonedInterviewAfterMs);
    (summary.closed === 0 ? log.debug : log.info)('abandoned interviews closed', summary);
  },
});
