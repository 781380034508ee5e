import { coalescedDeltas } from '../../shared/http/sse';

async function collect(deltas: AsyncIterable<string>): Promise<{ events: string[]; error: unknown }> {
  const events: string[] = [];
  try {
    for await (const text of deltas) events.push(text);
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}

describe('coalescedDeltas', () => {
  it('sends the first delta alone and joins what arrives together after it', async () => {
    async function* tokens() {
      yield 'Hello ';
      yield 'and ';
      yield 'welcome.';
    }
    expect(await collect(coalescedDeltas(tokens(), 50))).toEqual({ events: ['Hello ', 'and welcome.'], error: null });
  });

  it('keeps deltas apart that arrive in different intervals', async () => {
    async function* tokens() {
      yield 'One. ';
      yield 'Two. ';
      await new Promise((resolve) => setTimeout(resolve, 60));
      yield 'Three.';
    }
    const { events } = await collect(coalescedDeltas(tokens(), 20));
    expect(events[0]).toBe('One. ');
    expect(events.join('')).toBe('One. Two. Three.');
    expect(events).toContain('Three.');
  });

  it('sends what arrived before a failure, then fails', async () => {
    const failure = new Error('the model stopped');
    async function* tokens() {
      yield 'Partial ';
      yield 'reply ';
      yield 'text';
      throw failure;
    }
    expect(await collect(coalescedDeltas(tokens(), 50))).toEqual({ events: ['Partial ', 'reply text'], error: failure });
  });

  it('ends without an event for an empty stream, and fails at once when the first delta fails', async () => {
    async function* none() {}
    const failure = new Error('unreachable');
    // eslint-disable-next-line require-yield
    async function* failing() {
      throw failure;
    }
    expect(await collect(coalescedDeltas(none(), 50))).toEqual({ events: [], error: null });
    expect(await collect(coalescedDeltas(failing(), 50))).toEqual({ events: [], error: failure });
  });
});
