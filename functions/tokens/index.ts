import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { acsTokenGeneratorFunction } from './acs-token-generator';
import { avatarRelayTokenFunction } from './avatar-relay-token';
import { azureSpeechTokenFunction } from './azure-speech-token';

export const tokensFunctions: FunctionDefinition[] = [
  azureSpeechTokenFunction as FunctionDefinition,
  avatarRelayTokenFunction as FunctionDefinition,
  acsTokenGeneratorFunction as FunctionDefinition,
];
