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
