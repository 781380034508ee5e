import type { Inputs } from './inputs';

/** One resource: what the scenario asks of it at its peak, what it allows, and the share used. */
export interface CapacityRow {
  resource: string;
  demand: number;
  limit: number;
  unit: string;
}

const PER_MINUTE = 60;

/** The campus intake and the 100,000-applicant role, resource by resource; the highest share binds first. */
export function capacityRows(i: Inputs): CapacityRow[] {
  const v = <K extends keyof Inputs>(key: K) => i[key].value;
  const turnsPerSecond = v('concurrentInterviews') / v('secondsBetweenTurns');
  const requestsInFlight = turnsPerSecond * v('streamSecondsPerTurn');
  const instances = Math.ceil(requestsInFlight / v('httpConcurrencyPerInstance'));
  const sqlWorkersBusy = turnsPerSecond * v('roundTripsPerTurn') * (v('sqlMsPerRoundTrip') / 1000);
  const scoresPerMinute = v('interviewsPerDay') / (v('scoringHours') * PER_MINUTE);
  const parsesPerMinute = v('applicantsPerRole') / (v('parseDays') * 24 * PER_MINUTE);
  return [
    { resource: 'Functions instances (HTTP slots held while replies stream)', demand: instances, limit: v('maximumInstanceCount'), unit: 'instances' },
    { resource: 'Host CPU for turns', demand: (turnsPerSecond * v('hostCpuMsPerTurn')) / 1000, limit: instances, unit: 'cores' },
    { resource: 'Azure SQL workers, average (round trips × time)', demand: sqlWorkersBusy, limit: v('sqlMaxWorkers'), unit: 'workers' },
    { resource: 'Azure SQL workers, worst case (pool × instance cap)', demand: v('sqlPoolMax') * v('maximumInstanceCount'), limit: v('sqlMaxWorkers'), unit: 'workers' },
    { resource: 'Azure SQL sessions (pool × instance cap)', demand: v('sqlPoolMax') * v('maximumInstanceCount'), limit: v('sqlMaxSessions'), unit: 'sessions' },
    { resource: 'Large model tokens: interview turns', demand: turnsPerSecond * PER_MINUTE * v('tokensPerTurn'), limit: v('largeModelTpm'), unit: 'tokens/min' },
    { resource: 'Large model requests: interview turns', demand: turnsPerSecond * PER_MINUTE, limit: (v('largeModelTpm') / 1000) * v('requestsPerMinutePer1kTpm'), unit: 'requests/min' },
    { resource: 'Large model tokens: scoring', demand: scoresPerMinute * v('tokensPerScore'), limit: v('largeModelTpm'), unit: 'tokens/min' },
    { resource: 'Small model tokens: resume parses', demand: parsesPerMinute * v('tokensPerParse'), limit: v('smallModelTpm'), unit: 'tokens/min' },
    { resource: 'Speech recognitions at once', demand: v('concurrentInterviews'), limit: v('speechConcurrentRecognitions'), unit: 'streams' },
    { resource: 'Document Intelligence analyses', demand: parsesPerMinute / PER_MINUTE, limit: v('documentIntelligenceTps'), unit: 'per second' },
    { resource: 'Blob requests', demand: (v('interviewsPerDay') * v('blobRequestsPerInterview')) / (v('scoringHours') * 3600), limit: v('blobRequestsPerSecond'), unit: 'per second' },
    { resource: 'Queue messages (scoring, recordings, emails)', demand: (3 * v('interviewsPerDay')) / (v('scoringHours') * 3600), limit: v('queueMessagesPerSecond'), unit: 'per second' },
  ];
}

/** The largest SQL_POOL_MAX that keeps every instance's full pool within 80 % of the database's workers. */
export function poolMaxFor(i: Inputs): number {
  return Math.max(1, Math.floor((0.8 * i.sqlMaxWorkers.value) / i.maximumInstanceCount.value));
}

const number = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-AU') : n >= 1 ? n.toFixed(1) : n.toFixed(3));

/** The markdown table docs/capacity.md carries between its markers, most binding first. */
export function capacityTable(i: Inputs): string {
  const rows = capacityRows(i)
    .map((row) => ({ ...row, share: row.demand / row.limit }))
    .sort((a, b) => b.share - a.share);
  return [
    '| resource | demand at peak | limit | unit | share used |',
    '|---|---:|---:|---|---:|',
    ...rows.map((r) => `| ${r.resource} | ${number(r.demand)} | ${number(r.limit)} | ${r.unit} | ${Math.round(r.share * 100).toLocaleString('en-AU')} %${r.share > 1 ? ' **over**' : ''} |`),
    '',
    `SQL_POOL_MAX that keeps the instance cap's pools within 80 % of the workers: **${poolMaxFor(i)}**.`,
  ].join('\n');
}
