import { randomUUID } from 'node:crypto';
import type { Db } from '../database';

export interface AiUsageRecord {
  organisation_id: string | null;
  task: string;
  provider: string;
  model: string;
  prompt_version: string;
  outcome: 'ok' | 'invalid_output' | 'failed';
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: number;
}

export async function recordAiUsage(db: Db, record: AiUsageRecord, at = new Date()): Promise<void> {
  await db.insertInto('ai_usage').values({ id: randomUUID(), ...record, created_at: at }).execute();
}
