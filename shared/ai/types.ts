import type { Logger } from '../observability/logger';
import type { z } from 'zod';
import type { ModelPurpose } from '../config/settings';

export type AiProviderName = 'offline' | 'azure' | 'openai-compatible';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * One AI task whose answer is JSON: the prompt (versioned), the schema the answer must satisfy, and the
 * deterministic rules the offline provider answers with instead of a model.
 */
export interface StructuredTask<TInput, TOutput> {
  name: string;
  purpose: ModelPurpose;
  promptVersion: string;
  /** Validates the model's answer; also the source of the JSON schema sent to the model. */
  schema: z.ZodType<TOutput>;
  messages(input: TInput): ChatMessage[];
  offline(input: TInput): TOutput;
  maxTokens: number;
  temperature: number;
}

export interface AiUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface AiResult<T> {
  value: T;
  provider: AiProviderName;
  model: string;
  prompt_version: string;
  usage: AiUsage;
  latency_ms: number;
}

/** Who a call is made for, so usage is metered per organisation and logs carry the request. */
export interface AiCallContext {
  organisationId: string | null;
  log: Logger;
  signal?: AbortSignal;
}

/** A task whose answer is free text streamed to the user (the interviewer's turn). */
export interface TextTask<TInput> {
  name: string;
  purpose: ModelPurpose;
  promptVersion: string;
  messages(input: TInput): ChatMessage[];
  /** The offline provider's whole answer; it is streamed word by word like a model's. */
  offline(input: TInput): string;
  maxTokens: number;
  temperature: number;
}

/** A streamed answer: text deltas as they come, then the totals once the stream has ended. */
export interface TextStream {
  deltas: AsyncIterable<string>;
  provider: AiProviderName;
  model: string;
  prompt_version: string;
}
