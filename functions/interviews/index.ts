import type { FunctionDefinition } from '../../shared/runtime/definitions';
import { redeemInvitationFunction } from './session/redeem-invitation';
import { getInterviewSessionFunction } from './session/get-interview-session';
import { recordConsentFunction } from './session/record-consent';
import { recordSignalsFunction } from './session/record-signals';
import { endInterviewFunction } from './session/end-interview';
import { closeAbandonedInterviewsFunction } from './session/close-abandoned-interviews';
import { getSessionFeedbackFunction } from './feedback/get-session-feedback';
import { listCandidateFeedbackFunction } from './feedback/list-candidate-feedback';
import { aiInterviewerFunction } from './turn/ai-interviewer';
import { getInterviewFunction } from './review/get-interview';
import { getInterviewReportFunction } from './review/get-interview-report';
import { listInterviewConsentsFunction } from './review/list-interview-consents';
import { listApplicationInterviewsFunction } from './review/list-application-interviews';
import { overrideInterviewScoreFunction } from './review/override-interview-score';
import { scoreInterviewFunction } from './scoring/score-interview';
import { listScoreRevisionsFunction } from './scoring/list-score-revisions';
import { scoreFinishedInterviewFunction } from './scoring/score-finished-interview';
import { sweepScoringQueueFunction } from './scoring/sweep-scoring-queue';
import { createPracticeInterviewFunction } from './practice/practice-interviews-create';
import { listPracticeInterviewsFunction } from './practice/practice-interviews-list';
import { getPracticeInterviewFunction } from './practice/practice-interviews-get';

export const interviewsFunctions: FunctionDefinition[] = [
  redeemInvitationFunction,
  getInterviewSessionFunction,
  recordConsentFunction,
  recordSignalsFunction,
  endInterviewFunction,
  closeAbandonedInterviewsFunction,
  getSessionFeedbackFunction,
  listCandidateFeedbackFunction,
  aiInterviewerFunction,
  getInterviewFunction,
  getInterviewReportFunction,
  listInterviewConsentsFunction,
  listApplicationInterviewsFunction,
  overrideInterviewScoreFunction,
  scoreInterviewFunction,
  listScoreRevisionsFunction,
  scoreFinishedInterviewFunction,
  sweepScoringQueueFunction,
  createPracticeInterviewFunction,
  listPracticeInterviewsFunction,
  getPracticeInterviewFunction,
];
