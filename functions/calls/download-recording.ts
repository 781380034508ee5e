import { RECORDINGS_CONTAINER, downloadRecording } from '../../shared/calls/recording-downloads';
import { defineQueueFunction } from '../../shared/runtime/definitions';

export const downloadRecordingFunction = defineQueueFunction({
  name: 'download-recording',
  queueName: 'recording-downloads',
  description:
    'Moves one ACS recording ({"recordingId"}) into interview-recordings/<interviewId>/<recordingId>.<ext>, streamed, ' +
    'its size checked, then deletes it from ACS. The row is claimed first, so a message delivered twice copies once; ' +
    'a failed copy is retried after a growing delay up to 8 attempts (about two hours), then left failed with its reason.',
  handle: async ({ message, scopes, services, log }) => {
    const pipeline = {
      source: services.callAutomation?.getCallRecording() ?? null,
      container: services.storage.client.getContainerClient(RECORDINGS_CONTAINER),
      queues: services.queues,
    };
    const outcome = await downloadRecording(scopes.system, pipeline, log, message.recordingId);
    log.info('recording download attempted', { recordingId: message.recordingId, outcome });
  },
});
