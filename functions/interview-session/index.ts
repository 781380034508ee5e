import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { aiInterviewerFunction } from './ai-interviewer';
import { getInterviewSessionFunction } from './get-interview-session';
import { recordConsentFunction } from './record-consent';
import { recordSignalsFunction } from './record-signals';
import { redeemInvitationFunction } from './redeem-invitation';

export const interviewSessionFunctions: FunctionDefinition[] = [
  redeemInvitationFunction as FunctionDefinition,
  getInterviewSessionFunction as FunctionDefinition,
  recordConsentFunction as FunctionDefinition,
  recordSignalsFunction as FunctionDefinition,
  aiInterviewerFunction as FunctionDefinition,
];
