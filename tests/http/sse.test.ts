import { coalescedDeltas } from '../../shared/http/sse';

/** The events sent as the stream goes, the text sent with its end, or its failure. */
async function collect(deltas: AsyncGenerator<string, string>): Promise<{ events: string[]; last: string | null; error: unknown }> {
  const events: string[] = [];
  try {
    for (let next = await deltas.next(); ; next = await deltas.next()) {
      if (next.done) return { events, last: next.value, error: null };
      events.push(next.value);
    }
  } catch (error) {
    return { events, last: null, error };
  }
}

describe('coalescedDeltas', () => {
  it('sends the first delta alone and joins what arrives together after it, the text that came with the end kept for the closing event', async () => {
    async function* tokens() {
      yield 'Hello ';
      yield 'and ';
      yield 'welcome.';
    }
    expect(await collect(coalescedDeltas(tokens(), 50))).toEqual({ events: ['Hello '], last: 'and welcome.', error: null });
  });

  it('keeps deltas apart that arrive in different intervals', async () => {
    async function* tokens() {
      yield 'One. ';
      yield 'Two. ';
      await new Promise((resolve) => setTimeout(resolve, 300));
      yield 'Three.';
    }
    const { events, last } = await collect(coalescedDeltas(tokens(), 10));
    expect(events).toEqual(['One. ', 'Two. ']);
    expect(last).toBe('Three.');
  });

  it('sends what arrived before a failure, then fails', async () => {
    const failure = new Error('the model stopped');
    async function* tokens() {
      yield 'Partial ';
      yield 'reply ';
      yield 'text';
      throw failure;
    }
    expect(await collect(coalescedDeltas(tokens(), 50))).toEqual({ events: ['Partial ', 'reply text'], last: null, error: failure });
  });

  it('ends without an event for an empty stream, and fails at once when the first delta fails', async () => {
    async function* none() {}
    const failure = new Error('unreachable');
    // eslint-disable-next-line require-yield
    async function* failing() {
      throw failure;
    }
    expect(await collect(coalescedDeltas(none(), 50))).toEqual({ events: [], last: '', error: null });
    expect(await collect(coalescedDeltas(failing(), 50))).toEqual({ events: [], last: null, error: failure });
  });
});
