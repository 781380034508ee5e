import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { azureSpeechTokenFunction } from './azure-speech-token';
import { avatarRelayTokenFunction } from './avatar-relay-token';

export const speechFunctions: FunctionDefinition[] = [
  azureSpeechTokenFunction,
  avatarRelayTokenFunction,
];
