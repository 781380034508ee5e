/**
 * The inputs of docs/capacity.md, each with where it comes from: a measurement here (a bench, docs/performance.md),
 * the Bicep, the migration plan, a published Azure limit (its page), or an assumption still to be measured
 * (`source` says so). Change a figure here, run `npm run capacity`, paste the table; tests/docs/capacity.test.ts
 * fails until docs/capacity.md shows what this file computes.
 */
export interface Input {
  value: number;
  source: string;
}

const FUNCTIONS_FLEX = 'https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan';
const SQL_LIMITS = 'https://learn.microsoft.com/en-us/azure/azure-sql/database/resource-limits-vcore-single-databases';
const OPENAI_QUOTAS = 'https://learn.microsoft.com/en-us/azure/ai-services/openai/quotas-limits';
const SPEECH_QUOTAS = 'https://learn.microsoft.com/en-us/azure/ai-services/speech-service/speech-services-quotas-and-limits';
const DOC_INTELLIGENCE_LIMITS = 'https://learn.microsoft.com/en-us/azure/ai-services/document-intelligence/service-limits';
const STORAGE_TARGETS = 'https://learn.microsoft.com/en-us/azure/storage/common/scalability-targets-standard-account';
const QUEUE_TARGETS = 'https://learn.microsoft.com/en-us/azure/storage/queues/scalability-targets';

export const INPUTS = {
  // The campus intake and the large role (issue 18).
  concurrentInterviews: { value: 1_000, source: 'issue 18: campus intake, 1,000 at once' },
  interviewsPerDay: { value: 10_000, source: 'issue 18: campus intake, 10,000 in a day' },
  applicantsPerRole: { value: 100_000, source: 'issue 18: a role with 100,000 applicants' },
  secondsBetweenTurns: { value: 20, source: 'assumption: a candidate answers for about 20 s per turn (to measure from transcript_segments)' },
  streamSecondsPerTurn: { value: 4, source: 'assumption: a reply streams for about 4 s (model time to first token plus about 150 tokens)' },

  // The backend, measured or targeted here.
  hostCpuMsPerTurn: { value: 6, source: 'docs/performance.md: host CPU per turn measured 3.5–5.4 ms at 10 and 50 interviews (the highest, rounded up; target 2 ms, not met); 8.5–13 ms at one interview alone, where a lone request runs on cold caches and an instance is idle, so it binds nothing' },
  roundTripsPerTurn: { value: 7, source: "docs/performance.md: a turn's statements at the driver, 1 before the model stream (enforced by a test), then the candidate's words, usage metering and the reply's transaction (begin, insert, update, commit); rate limits are written about once a second per instance, not per turn" },
  sqlMsPerRoundTrip: { value: 2, source: 'assumption: about 1 ms network plus 1 ms execution in-region (the bench delay mode uses 1 ms)' },

  // Functions on Flex Consumption, as the Bicep deploys it.
  httpConcurrencyPerInstance: { value: 16, source: `default HTTP per-instance concurrency for 2,048 MB instances (bicep/main.bicep instanceMemoryMB), ${FUNCTIONS_FLEX}` },
  maximumInstanceCount: { value: 40, source: 'bicep/main.bicep maximumInstanceCount (the plan allows up to 1,000 per app)' },
  sqlPoolMax: { value: 10, source: 'SQL_POOL_MAX default, shared/config/settings.ts (the Bicep does not set it)' },

  // Azure SQL: GP_S_Gen5 with sqlMaxVCores = 1 (bicep/modules/sql.bicep, bicep/main.bicep).
  sqlMaxWorkers: { value: 75, source: `GP_S_Gen5_1 max concurrent workers, ${SQL_LIMITS}` },
  sqlMaxSessions: { value: 30_000, source: `GP_S_Gen5_1 max concurrent sessions, ${SQL_LIMITS}` },

  // Model tokens: the migration plan's deployments.
  largeModelTpm: { value: 150_000, source: '../shared migration plan: 150K TPM for the large model (bicep/main.bicep today sizes 50K interviewer + 30K scoring)' },
  smallModelTpm: { value: 300_000, source: '../shared migration plan: 300K TPM for the small model (bicep/main.bicep today sizes 30K extraction)' },
  requestsPerMinutePer1kTpm: { value: 6, source: `Standard deployments: 6 requests per minute per 1,000 TPM, ${OPENAI_QUOTAS}` },
  tokensPerTurn: { value: 2_500, source: 'assumption: system prompt, plan and transcript so far plus about 150 completion tokens (to measure from ai_usage)' },
  tokensPerScore: { value: 9_000, source: 'assumption: the whole transcript plus the rubric and about 1,000 completion tokens (to measure from ai_usage)' },
  tokensPerParse: { value: 4_500, source: 'assumption: a two-page resume in and the structured profile out, small model (to measure from ai_usage)' },
  scoringHours: { value: 8, source: 'assumption: the day\'s interviews are scored within the working day they happen' },
  parseDays: { value: 7, source: 'assumption: a large role\'s applicants apply over about a week' },

  // Speech, Document Intelligence, Storage.
  speechConcurrentRecognitions: { value: 100, source: `Speech S0 real-time speech to text, default concurrent requests, ${SPEECH_QUOTAS}` },
  documentIntelligenceTps: { value: 15, source: `Document Intelligence S0 analyze transactions per second (default), ${DOC_INTELLIGENCE_LIMITS}` },
  blobRequestsPerSecond: { value: 20_000, source: `standard storage account request rate, ${STORAGE_TARGETS}` },
  queueMessagesPerSecond: { value: 2_000, source: `single queue target (1 KB messages), ${QUEUE_TARGETS}` },
  blobRequestsPerInterview: { value: 10, source: 'assumption: recording download in blocks, CV links, transcript export' },
} satisfies Record<string, Input>;

export type Inputs = { [K in keyof typeof INPUTS]: Input };
