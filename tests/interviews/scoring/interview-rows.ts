import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase as openKysely } from '../../../shared/db/database';
import { queueScoring } from '../../../shared/interviews/scoring/scoring-queue';

/** Interviews with transcripts written straight into a host's SQLite file, as the interviewer would leave them. */
export interface Line {
  speaker: 'ai' | 'candidate';
  content: string;
  /** An AI reply cut off mid-stream, as the interviewer stores it when the stream breaks. */
  is_partial?: boolean;
}

export interface InterviewOptions {
  status?: string;
  anti_cheat_signals?: Array<{ type: 'tab_switch' | 'silence' | 'latency'; timestamp: string }>;
}

/** The candidate's real answers in most tests: verifiable sentences for technical skills, communication and culture fit. */
export const GOOD_ANSWERS: Line[] = [
  { speaker: 'ai', content: 'Welcome! Tell me about a system you designed.' },
  {
    speaker: 'candidate',
    content:
      'I designed a payments API in TypeScript on Azure Functions. I reduced the p99 latency by 40% because we moved reads to a cache, ' +
      'and then I wrote the SQL migrations with the team.',
  },
  { speaker: 'ai', content: 'How do you work with your colleagues when you disagree?' },
  {
    speaker: 'candidate',
    content: 'First I listen to their reasons, then we agree on a small experiment together. I mentor two junior engineers and we share feedback every week.',
  },
];

export function insertInterview(db: Database.Database, applicationId: string, lines: Line[], options: InterviewOptions = {}): string {
  const at = new Date().toISOString();
  const interviewId = randomUUID();
  db.prepare(
    `insert into interviews (id, application_id, status, started_at, ended_at, duration_seconds, anti_cheat_signals, metadata, created_at, updated_at)
     values (?, ?, ?, ?, ?, 600, ?, '{}', ?, ?)`,
  ).run(interviewId, applicationId, options.status ?? 'completed', at, at, JSON.stringify(options.anti_cheat_signals ?? []), at, at);
  const insert = db.prepare(`insert into transcript_segments (id, interview_id, speaker, content, start_time_ms, is_partial, created_at) values (?, ?, ?, ?, ?, ?, ?)`);
  lines.forEach((line, index) => insert.run(randomUUID(), interviewId, line.speaker, line.content, index * 7000, line.is_partial ? 1 : 0, at));
  return interviewId;
}

export function setApplicationStatus(db: Database.Database, applicationId: string, status: string): void {
  db.prepare('update applications set status = ? where id = ?').run(status, applicationId);
}

/** Queues an interview through queueScoring, as the interviewer does when an interview ends. */
export async function queueForScoring(dataDir: string, interviewId: string): Promise<void> {
  const handle = openKysely({ provider: 'sqlite', path: join(dataDir, 'talenti.sqlite'), acquireTimeoutMs: 5000 });
  try {
    expect(await queueScoring(handle.db, interviewId)).toBe(true);
  } finally {
    await handle.close();
  }
}

export function scoringState(db: Database.Database, interviewId: string) {
  return db.prepare('select scoring_status, scoring_attempts, scoring_next_attempt_at, scoring_last_error from interviews where id = ?').get(interviewId) as {
    scoring_status: string | null;
    scoring_attempts: number;
    scoring_next_attempt_at: string | null;
    scoring_last_error: string | null;
  };
}

/** A different client address per call, so calls do not share score-interview's per-IP limit (10 in 5 minutes). */
export function freshIp(): Record<string, string> {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  return { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` };
}
