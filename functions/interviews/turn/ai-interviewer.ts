import type { HttpResponseBodyInit } from '@azure/functions';
import { DomainError } from '../../../shared/errors';
import { defineHttpFunction, json } from '../../../shared/http/definition';
import { problemFromError } from '../../../shared/http/problem';
import { coalescedDeltas, SSE_HEADERS, sseEvent, wantsEventStream } from '../../../shared/http/sse';
import { InterviewTurnInput, prepareTurn, TurnResultSchema, type PreparedTurn, type TurnResult } from '../../../shared/interviews/turn/interview-turn';
import type { Logger } from '../../../shared/observability/logger';

/** After the first delta, the model's tokens go out together at most this often (coalescedDeltas). */
const DELTA_INTERVAL_MS = 50;

/**
 * Streams a turn as SSE: `delta` events with text, then `done` with the whole result. Every failure ends the
 * stream with an `error` event (a thrown error would hang a streamed response), and a client that goes away
 * leaves its partial reply stored and marked partial.
 */
function streamTurn(turn: Extract<PreparedTurn, { kind: 'generate' }>, abort: AbortController, requestId: string, log: Logger): ReadableStream<Uint8Array> {
  const iterator = coalescedDeltas(turn.deltas, DELTA_INTERVAL_MS);
  let text = '';
  // Once the model is done (or failed) the stream belongs to its ending: a late cancel must not store it twice.
  let ending = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let failure: unknown = null;
      // The last text and the closing event go out in one write.
      const closing: Uint8Array[] = [];
      try {
        const next = await iterator.next();
        if (!next.done) {
          text += next.value;
          controller.enqueue(sseEvent('delta', { text: next.value }));
          return;
        }
        text += next.value;
        if (next.value) closing.push(sseEvent('delta', { text: next.value }));
      } catch (error) {
        failure = error;
      }
      ending = true;
      try {
        if (failure === null) closing.push(sseEvent('done', await turn.finish(text, false)));
        else await turn.finish(text, true).catch((error: unknown) => log.warn('partial reply not stored', { error: String(error) }));
      } catch (error) {
        failure = error;
      }
      if (failure !== null) {
        if (!(failure instanceof DomainError)) log.error('interview turn failed mid-stream', { error: failure instanceof Error ? failure.message : String(failure) });
        closing.push(sseEvent('error', JSON.parse(String(problemFromError(failure, requestId).body))));
      }
      controller.enqueue(Buffer.concat(closing));
      controller.close();
    },
    async cancel() {
      if (ending) return;
      ending = true;
      abort.abort(new Error('the client went away'));
      await turn.finish(text, true).catch((error: unknown) => log.warn('partial reply not stored', { error: String(error) }));
    },
  });
}

function replayStream(result: TurnResult): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(sseEvent('delta', { text: result.message }));
      controller.enqueue(sseEvent('done', result));
      controller.close();
    },
  });
}

export const aiInterviewerFunction = defineHttpFunction({
  name: 'ai-interviewer',
  route: 'ai-interviewer',
  methods: ['POST'],
  access: 'session-or-practice',
  // The turn's one read checks the session (invitedConversation.load), so none is read before it.
  sessionProvenByHandler: true,
  summary: 'One interviewer turn, streamed or as JSON',
  description:
    'The server owns the conversation: send only the candidate\'s new message and a clientTurnId (the interview comes ' +
    'from the session). With `Accept: text/event-stream` the reply streams as SSE `delta` events ({text}: the first token ' +
    'at once, then what the model wrote in each 50 ms together) then `done` ' +
    '(the JSON result below), or `error` (a problem) if the model fails mid-reply; otherwise JSON. A retried clientTurnId ' +
    'returns the stored reply without a new model call. Needs consent to AI processing. Rate limited per IP and candidate. ' +
    'A practice interview\'s session (from POST /api/candidate/practice-interviews) takes the same turns: five ' +
    'questions, each after a tip on the last answer; its wrap-up turn writes the feedback.',
  tags: ['interview-session', 'ai'],
  body: InterviewTurnInput,
  bodyLimitBytes: 16 * 1024,
  requestHeaders: { Accept: { description: '`text/event-stream` streams the reply; anything else answers JSON.', values: ['text/event-stream', 'application/json'] } },
  responses: {
    200: {
      description: 'The turn (JSON), or an SSE stream of it (text/event-stream).',
      schema: TurnResultSchema,
      alternatives: {
        'text/event-stream':
          'Server-sent events: `delta` ({"text"}) as the reply is written, then `done` (this JSON result) or `error` (a problem+json body) if the model fails mid-reply.',
      },
    },
    403: { description: 'Consent to AI processing has not been given.' },
    409: { description: 'The interview has finished, or the turn id was reused for another message.' },
  },
  handle: async ({ body, session, data, services, header, requestId, log }) => {
    const abort = new AbortController();
    const turn = await prepareTurn(data, services, session, body, log, abort.signal);
    const streamed = wantsEventStream(header('accept'));
    if (turn.kind === 'replay') {
      return streamed ? { status: 200, headers: SSE_HEADERS, body: replayStream(turn.result) as HttpResponseBodyInit } : json(200, turn.result);
    }
    if (streamed) return { status: 200, headers: SSE_HEADERS, body: streamTurn(turn, abort, requestId, log) as HttpResponseBodyInit };
    let text = '';
    for await (const delta of turn.deltas) text += delta;
    return json(200, await turn.finish(text, false));
  },
});
