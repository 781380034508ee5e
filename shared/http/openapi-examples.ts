/**
 * Examples of the main operations for the OpenAPI document, by function name: a request body (JSON, or per raw
 * content type) and response bodies by status. Kept in one place rather than in each definition; a test parses
 * every one with the operation's own zod schemas (tests/http/openapi-examples.test.ts), and Redocly checks them
 * against the emitted JSON Schema.
 */
export interface OperationExamples {
  request?: unknown;
  /** For raw-body operations: an example per content type. */
  rawRequest?: Record<string, unknown>;
  responses?: Record<number, unknown>;
}

const ORGANISATION_ID = '3f6c1a52-8d1e-4b8f-9a57-2c4de1f0b7a1';
const USER_ID = '6b2e0c4d-7f1a-4c3b-8e9d-0a1b2c3d4e5f';
const JOB_ROLE_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const APPLICATION_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const INTERVIEW_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const INVITATION_ID = 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a';
const CREATED_AT = '2026-11-30T09:15:00.000Z';
const ENDED_AT = '2026-11-30T09:29:41.000Z';

const INVITATION_SENT = { success: true, invitationId: INVITATION_ID, expiresAt: '2026-12-07T09:15:00.000Z' };

export const OPENAPI_EXAMPLES: Record<string, OperationExamples> = {
  'set-account-type': { request: { account_type: 'organisation' }, responses: { 200: { account_type: 'organisation' } } },
  'create-organisation': {
    request: { name: 'Kangaroo Labs', industry: 'Software', website: 'https://kangaroo.example.au', billing_email: 'accounts@kangaroo.example.au' },
    responses: {
      201: {
        organisation: {
          id: ORGANISATION_ID,
          name: 'Kangaroo Labs',
          industry: 'Software',
          website: 'https://kangaroo.example.au',
          logo_url: null,
          description: null,
          values_framework: null,
          billing_email: 'accounts@kangaroo.example.au',
          billing_address: null,
          recording_retention_days: 60,
          transcript_retention_days: 365,
          created_by: USER_ID,
          created_at: CREATED_AT,
          updated_at: CREATED_AT,
          version: 1,
        },
      },
    },
  },
  'create-job-role': {
    request: {
      title: 'Senior Backend Engineer',
      department: 'Engineering',
      location: 'Sydney NSW',
      work_type: 'hybrid',
      employment_type: 'full_time',
      salary_range_min: 160000,
      salary_range_max: 190000,
      description: 'Build and run the APIs behind our hiring platform on Azure Functions and Azure SQL.',
    },
  },
  'parse-resume': {
    rawRequest: { 'application/json': { filePath: `${USER_ID}/1764494100000-resume.pdf` } },
  },
  'send-invitation': { request: { applicationId: APPLICATION_ID, expiresInDays: 7 }, responses: { 201: INVITATION_SENT } },
  'invite-to-job-role': { request: { email: 'casey.candidate@example.com', name: 'Casey Candidate', expiresInDays: 7 }, responses: { 201: INVITATION_SENT } },
  'redeem-invitation': { request: { token: 'kq3V8x1mT0bYc7Zr2LwN5pHs9FdJ4aQe' } },
  'ai-interviewer': {
    request: { message: 'I led the move of our billing service to Azure SQL, with zero downtime.', clientTurnId: 'turn-3' },
    responses: {
      200: {
        message: 'Thank you. How did you keep the old and the new database in step during the cut-over?',
        detectedCompetencies: ['technical_skills'],
        competencyCovered: 'technical_skills',
        questionIndex: 3,
        interviewOver: false,
        provider: 'azure',
        partial: false,
      },
    },
  },
  'end-interview': {
    request: { reason: 'candidate_hung_up' },
    responses: { 200: { interview: { id: INTERVIEW_ID, status: 'completed', ended_at: ENDED_AT, end_reason: 'candidate_hung_up', duration_seconds: 881, scoring: 'queued' } } },
  },
  'get-session-feedback': {
    responses: {
      200: {
        interview_id: INTERVIEW_ID,
        application_id: APPLICATION_ID,
        job_role_id: JOB_ROLE_ID,
        role_title: 'Senior Backend Engineer',
        organisation_name: 'Kangaroo Labs',
        status: 'completed',
        ended_at: ENDED_AT,
        scoring: 'done',
        feedback: 'Clear, concrete answers about the migration; say more about how you tested it.',
      },
    },
  },
  'get-interview-report': {
    responses: {
      200: {
        interview: {
          id: INTERVIEW_ID,
          application_id: APPLICATION_ID,
          status: 'completed',
          started_at: '2026-11-30T09:15:00.000Z',
          ended_at: ENDED_AT,
          duration_seconds: 881,
          created_at: CREATED_AT,
          updated_at: ENDED_AT,
          has_recording: true,
          anti_cheat_signals: [],
          call_state: 'ended',
          call_started_at: '2026-11-30T09:15:00.000Z',
          call_ended_at: ENDED_AT,
          recording_refused_reason: null,
        },
        score: {
          overall_score: 72,
          effective_score: 80,
          narrative_summary: 'Strong on data migration; testing strategy described only briefly.',
          candidate_feedback: 'Clear, concrete answers about the migration; say more about how you tested it.',
          anti_cheat_risk_level: 'low',
          anti_cheat_notes: null,
          scored_by: 'ai',
          model_version: 'gpt-4o-2024-08-06',
          prompt_version: 'scoring-v3',
          rubric_version: 'r-5c1f',
          human_override: { overall_score: 80, reason: 'Panel review: the migration was larger than the AI credited.', by: USER_ID, at: '2026-11-30T11:02:00.000Z' },
          dimensions: [
            { dimension: 'technical_skills', score: 8, weight: 0.4, evidence: 'Moved billing to Azure SQL without downtime.', cited_quotes: ['I led the move of our billing service to Azure SQL, with zero downtime.'] },
          ],
          version: 2,
          created_at: '2026-11-30T09:31:10.000Z',
          updated_at: '2026-11-30T11:02:00.000Z',
        },
        transcript_summary: { question_count: 1, answer_count: 1, candidate_word_count: 14, span_ms: 11000 },
        transcript: [
          { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', speaker: 'ai', content: 'Tell me about a migration you led.', start_time_ms: 0, end_time_ms: 3000, confidence: null, client_turn_id: 'turn-2', is_partial: false },
          { id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', speaker: 'candidate', content: 'I led the move of our billing service to Azure SQL, with zero downtime.', start_time_ms: 4000, end_time_ms: 11000, confidence: 0.94, client_turn_id: 'turn-3', is_partial: false },
        ],
        recordings: [
          {
            id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b',
            state: 'stored',
            content_type: 'audio/wav',
            size_bytes: 14123008,
            duration_ms: 881000,
            created_at: '2026-11-30T09:15:05.000Z',
            link: { url: 'https://talentistore.blob.core.windows.net/interview-recordings/c1d2e3f4/rec.wav?sv=2025-01-05&sp=r&sig=...', expires_at: '2026-11-30T11:25:00.000Z' },
          },
        ],
      },
    },
  },
};
