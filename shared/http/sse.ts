/** Server-sent events: `event: <name>` and one JSON `data:` line per event. */
const encoder = new TextEncoder();

export function sseEvent(name: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Proxies (and Static Web Apps' linked backends) must not buffer the stream.
  'x-accel-buffering': 'no',
};

export function wantsEventStream(accept: string | null): boolean {
  return (accept ?? '').toLowerCase().includes('text/event-stream');
}

type Settled<T> = { result: IteratorResult<T> } | { error: unknown };

/**
 * A stream of text deltas as it should go out over SSE: the first at once, then whatever arrived in each
 * `intervalMs`, joined; the text that arrived with the end is the return value, to go out with the closing event.
 * A model streams about a token a chunk, and each event is a write to the socket that costs far more CPU than the
 * token it carries (docs/performance.md); the first byte is never held back.
 */
export async function* coalescedDeltas(deltas: AsyncIterable<string>, intervalMs: number): AsyncGenerator<string, string, undefined> {
  const iterator = deltas[Symbol.asyncIterator]();
  const settle = (): Promise<Settled<string>> => iterator.next().then((result) => ({ result }), (error: unknown) => ({ error }));
  const first = await settle();
  if ('error' in first) throw first.error;
  if (first.result.done) return '';
  yield first.result.value;
  let pending = settle();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const due = new Promise<null>((resolve) => (timer = setTimeout(resolve, intervalMs, null)));
    let text = '';
    let ended: Settled<string> | null = null;
    while (!ended) {
      const next = await Promise.race([pending, due]);
      if (next === null) break;
      if ('error' in next || next.result.done) ended = next;
      else {
        text += next.result.value;
        pending = settle();
      }
    }
    clearTimeout(timer);
    if (!ended) {
      if (text) yield text;
      continue;
    }
    if (!('error' in ended)) return text;
    // What arrived before a failure still goes out: the partial reply stored is what the candidate saw.
    if (text) yield text;
    throw ended.error;
  }
}
