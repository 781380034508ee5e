import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acsCallbacksFunction } from './acs-callbacks';
import { acsEventsFunction } from './acs-events';
import { acsTokenGeneratorFunction } from './acs-token-generator';
import { controlInterviewRecordingFunction } from './control-interview-recording';
import { downloadRecordingFunction } from './download-recording';
import { getInterviewRecordingsFunction } from './get-interview-recordings';
import { getInterviewCallFunction, startInterviewCallFunction } from './interview-call';
import { hangUpInterviewCallFunction, playIntoInterviewCallFunction } from './interview-call-media';
import { addCallParticipantFunction, muteCallParticipantFunction, removeCallParticipantFunction } from './interview-call-participants';
import { sweepRecordingDownloadsFunction } from './sweep-recording-downloads';

export const callsFunctions: FunctionDefinition[] = [
  acsTokenGeneratorFunction,
  acsEventsFunction,
  downloadRecordingFunction,
  sweepRecordingDownloadsFunction,
  getInterviewRecordingsFunction,
  controlInterviewRecordingFunction,
  acsCallbacksFunction,
  getInterviewCallFunction,
  startInterviewCallFunction,
  hangUpInterviewCallFunction,
  playIntoInterviewCallFunction,
  addCallParticipantFunction,
  removeCallParticipantFunction,
  muteCallParticipantFunction,
];
