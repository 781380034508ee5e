import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acsCallbacksFunction } from './acs-callbacks';
import { acsEventsFunction } from './acs-events';
import { acsTokenGeneratorFunction } from './acs-token-generator';
import { controlInterviewRecordingFunction } from './control-interview-recording';
import { downloadRecordingFunction } from './download-recording';
import { getInterviewRecordingsFunction } from './get-interview-recordings';
import { sweepRecordingDownloadsFunction } from './sweep-recording-downloads';

export const callsFunctions: FunctionDefinition[] = [
  acsTokenGeneratorFunction,
  acsEventsFunction,
  downloadRecordingFunction,
  sweepRecordingDownloadsFunction,
  getInterviewRecordingsFunction,
  controlInterviewRecordingFunction,
  acsCallbacksFunction,
];
