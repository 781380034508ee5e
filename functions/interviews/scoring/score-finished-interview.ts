import { scoreFromQueue } from '../../../shared/interviews/scoring/scoring-queue';
import { defineQueueFunction } from '../../../shared/runtime/definitions';

export const scoreFinishedInterviewFunction = defineQueueFunction({
  name: 'score-finished-interview',
  queueName: 'interview-scoring',
  description:
    'Scores one interview that ended ({"interviewId"}). The interview is claimed first, so a message delivered twice ' +
    'scores once; a failed run is retried after a growing delay up to 5 attempts, then marked failed.',
  handle: async ({ message, scopes, services, log }) => {
    const outcome = await scoreFromQueue(scopes.system, services.ai, services.queues, log, message.interviewId);
    log.info('interview scoring attempted', { interviewId: message.interviewId, outcome });
  },
});
