import type OpenAI from 'openai';
import type { AiSettings } from '../config/settings';
import { recordAiUsage, type AiUsageRecord } from '../db/repositories/ai-usage';
import type { DbScope } from '../db/scopes';
import { UpstreamError } from '../errors';
import { createChatClient, createChatStreamTarget } from './chat-client';
import { openChatStream, type ChatStreamTarget } from './chat-stream';
import { lazy } from '../runtime/lazy';
import { toModelJsonSchema } from './model-json-schema';
import type { AiCallContext, AiResult, AiUsage, ChatMessage, StructuredTask, TextStream, TextTask } from './types';
import { withRetries, type RetryPolicy } from './with-retries';

interface Reply {
  content: string;
  usage: AiUsage;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

/**
 * The one way the app talks to a model. Every structured answer is validated by the task's zod schema; an
 * invalid one gets one repair request and is then refused (502), never stored half-valid. Every call is
 * metered (tokens, latency, outcome) per organisation and task.
 */
export class AiGateway {
  /** Built (and the openai SDK loaded) by the first structured call. */
  readonly #client: () => OpenAI | null;
  /** The streamed reply's endpoint: spoken to without the SDK (shared/ai/chat-stream.ts). */
  readonly #streamTarget: () => ChatStreamTarget | null;
  readonly #policy: RetryPolicy;

  constructor(
    private readonly settings: AiSettings,
    /** Usage is written in its own short platform scope after the call, never inside the caller's. */
    private readonly metering: DbScope,
  ) {
    this.#client = lazy(() => createChatClient(settings));
    this.#streamTarget = lazy(() => createChatStreamTarget(settings));
    this.#policy = {
      maxAttempts: settings.maxAttempts,
      timeoutMs: settings.timeoutMs,
      deadlineMs: settings.deadlineMs,
      baseDelayMs: settings.retryBaseMs,
    };
  }

  get provider() {
    return this.settings.provider;
  }

  async runStructured<I, T>(task: StructuredTask<I, T>, input: I, context: AiCallContext): Promise<AiResult<T>> {
    const started = performance.now();
    const client = this.#client();
    const model = client ? this.settings.models[task.purpose] : 'offline-rules';
    const meter = (outcome: AiUsageRecord['outcome'], usage: AiUsage) =>
      this.#meter({ organisation_id: context.organisationId, task: task.name, provider: this.settings.provider, model, prompt_version: task.promptVersion, outcome, ...usage, latency_ms: Math.round(performance.now() - started) }, context);

    if (!client) {
      const checked = task.schema.safeParse(task.offline(input));
      if (!checked.success) {
        await meter('invalid_output', { prompt_tokens: 0, completion_tokens: 0 });
        throw new UpstreamError('The offline AI rules produced an answer that failed validation; nothing was stored.');
      }
      const value = checked.data;
      await meter('ok', { prompt_tokens: 0, completion_tokens: 0 });
      return { value, provider: 'offline', model, prompt_version: task.promptVersion, usage: { prompt_tokens: 0, completion_tokens: 0 }, latency_ms: Math.round(performance.now() - started) };
    }

    const messages = task.messages(input);
    const usage: AiUsage = { prompt_tokens: 0, completion_tokens: 0 };
    const ask = async (conversation: ChatMessage[]) => {
      try {
        const reply = await this.#complete(client, task, model, conversation, context);
        usage.prompt_tokens += reply.usage.prompt_tokens;
        usage.completion_tokens += reply.usage.completion_tokens;
        return reply;
      } catch (error) {
        await meter('failed', usage);
        throw error;
      }
    };
    const first = await ask(messages);
    let result = task.schema.safeParse(parseJson(first.content));
    if (!result.success) {
      const problems = result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      const repair = await ask([
        ...messages,
        { role: 'assistant', content: first.content.slice(0, 20_000) },
        { role: 'user', content: `Your answer was not valid against the required JSON schema (${problems}). Answer again with only the corrected JSON.` },
      ]);
      result = task.schema.safeParse(parseJson(repair.content));
    }
    if (!result.success) {
      await meter('invalid_output', usage);
      throw new UpstreamError(`The AI model (${this.settings.provider}) returned an answer in the wrong format twice; nothing was stored.`);
    }
    await meter('ok', usage);
    return { value: result.data, provider: this.settings.provider, model, prompt_version: task.promptVersion, usage, latency_ms: Math.round(performance.now() - started) };
  }

  /**
   * Streams a free-text answer. Retries cover opening the stream (429, 5xx, network) before the first token;
   * once text has flowed a failure ends the stream with an error for the caller to report. Metered at the end.
   */
  async streamText<I>(task: TextTask<I>, input: I, context: AiCallContext): Promise<TextStream> {
    const started = performance.now();
    const target = this.#streamTarget();
    const model = target ? this.settings.models[task.purpose] : 'offline-rules';
    const meter = (outcome: AiUsageRecord['outcome'], usage: AiUsage) =>
      this.#meter({ organisation_id: context.organisationId, task: task.name, provider: this.settings.provider, model, prompt_version: task.promptVersion, outcome, ...usage, latency_ms: Math.round(performance.now() - started) }, context);
    const base = { provider: this.settings.provider, model, prompt_version: task.promptVersion };

    if (!target) {
      const words = task.offline(input).split(/(?<=\s)/);
      return {
        ...base,
        deltas: (async function* () {
          for (const word of words) yield word;
          await meter('ok', { prompt_tokens: 0, completion_tokens: 0 });
        })(),
      };
    }

    const stream = await withRetries(
      this.#policy,
      (signal) => openChatStream(target, { model, messages: task.messages(input), temperature: task.temperature, max_tokens: task.maxTokens }, signal),
      context.signal,
    ).catch(async (error: unknown) => {
      await meter('failed', { prompt_tokens: 0, completion_tokens: 0 });
      throw error;
    });
    return {
      ...base,
      deltas: (async function* () {
        const usage: AiUsage = { prompt_tokens: 0, completion_tokens: 0 };
        let outcome: AiUsageRecord['outcome'] = 'failed';
        try {
          for await (const part of stream) {
            if (part.text) yield part.text;
            if (part.usage) Object.assign(usage, part.usage);
          }
          outcome = 'ok';
        } catch (error) {
          throw context.signal?.aborted ? error : new UpstreamError('The AI service stopped answering mid-reply.');
        } finally {
          await meter(outcome, usage);
        }
      })(),
    };
  }

  async #complete<I, T>(client: OpenAI, task: StructuredTask<I, T>, model: string, messages: ChatMessage[], context: AiCallContext): Promise<Reply> {
    const responseFormat = this.settings.strictSchema
      ? { type: 'json_schema' as const, json_schema: { name: task.name.replace(/[^A-Za-z0-9_-]/g, '_'), strict: true, schema: toModelJsonSchema(task.schema) } }
      : { type: 'json_object' as const };
    const completion = await withRetries(
      this.#policy,
      (signal) =>
        client.chat.completions.create(
          { model, messages, temperature: task.temperature, max_tokens: task.maxTokens, response_format: responseFormat },
          { signal, timeout: this.settings.timeoutMs },
        ),
      context.signal,
    );
    // A body that is not a chat completion (an event stream, a proxy's page) has no choices: a bad gateway, not a crash.
    const content = Array.isArray(completion.choices) ? completion.choices[0]?.message?.content : undefined;
    if (typeof content !== 'string' || content.length === 0) throw new UpstreamError('The AI model returned an empty answer.');
    return {
      content,
      usage: { prompt_tokens: completion.usage?.prompt_tokens ?? 0, completion_tokens: completion.usage?.completion_tokens ?? 0 },
    };
  }

  /** Metering is bookkeeping: a failure to record usage is logged and never costs the caller a valid answer. */
  async #meter(record: AiUsageRecord, context: AiCallContext): Promise<void> {
    await this.metering.run((db) => recordAiUsage(db, record)).catch((error: unknown) => {
      context.log.warn('AI usage not recorded', { task: record.task, outcome: record.outcome, error: error instanceof Error ? error.name : 'unknown' });
    });
  }
}
