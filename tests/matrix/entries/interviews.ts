import { randomUUID } from 'node:crypto';
import { statuses, type MatrixEntry } from '../types';
import type { Fixture } from '../fixture';

const INTERNAL = [
  'transcript',
  'score',
  'interview.anti_cheat_signals',
  'interview.has_recording',
  'interview.call_state',
  'interview.recording_refused_reason',
  'narrative_summary',
  'anti_cheat_notes',
];

/** A fresh scored interview of a fresh applicant to role A, so each override starts from version 1. */
function scoredInterview(fx: Fixture, applicationId: string): string {
  const at = new Date().toISOString();
  const interviewId = randomUUID();
  fx.db.prepare(`insert into interviews (id, application_id, status, created_at, updated_at) values (?, ?, 'completed', ?, ?)`).run(interviewId, applicationId, at, at);
  fx.db.prepare(`insert into interview_scores (id, interview_id, overall_score, created_at, updated_at) values (?, ?, 61, ?, ?)`).run(randomUUID(), interviewId, at, at);
  return interviewId;
}

export const entries: MatrixEntry[] = [
  {
    function: 'get-interview',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
    absentFields: { candidateOwner: INTERNAL },
  },
  {
    function: 'get-interview-report',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/report` }),
    expect: statuses(200, { anonymous: 401, candidateOwner: 404, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
  {
    function: 'list-interview-consents',
    method: 'GET',
    request: (fx) => ({ path: `/api/interviews/${fx.interviewA}/consents` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
  {
    function: 'list-application-interviews',
    method: 'GET',
    request: (fx) => ({ path: `/api/applications/${fx.applicationA}/interviews` }),
    expect: statuses(200, { anonymous: 401, otherCandidate: 404, otherOrgAdmin: 404 }),
  },
  {
    function: 'override-interview-score',
    method: 'POST',
    request: async (fx) => {
      const { applicationId } = await fx.newApplicant();
      return {
        path: `/api/interviews/${scoredInterview(fx, applicationId)}/score-override`,
        json: { overall_score: 70, reason: 'Strong system design answer the AI underrated.' },
        headers: { 'if-match': '"1"' },
      };
    },
    expect: statuses(404, { anonymous: 401, admin: 200, recruiter: 200, hiringManager: 403, viewer: 403 }),
  },
  {
    function: 'list-candidate-feedback',
    method: 'GET',
    request: () => ({ path: '/api/candidate/feedback' }),
    expect: statuses(200, { anonymous: 401 }),
    absentFields: { candidateOwner: ['items.overall_score', 'items.narrative_summary', 'items.anti_cheat_notes', 'items.dimensions'] },
  },
];
