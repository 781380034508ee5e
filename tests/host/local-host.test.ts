import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalHost, type LocalHost } from '../../scripts/local-host/host';
import { createAppServices, type AppServices } from '../../shared/app-services';
import { loadSettings } from '../../shared/config/settings';
import { migrateToLatest } from '../../shared/db/migrate';
import { defineHttpFunction } from '../../shared/http/definition';
import { defineEventGridFunction, defineTimerFunction, type AnyHttpFunction, type GridEvent } from '../../shared/runtime/definitions';
import { loadedFunction } from '../../shared/runtime/registrations';
import { api, openDatabase } from '../support/api';

describe('local host with the suite app', () => {
  it('runs a timer function on POST /admin/functions/<name>, as Core Tools does', async () => {
    const db = openDatabase();
    db.prepare('insert into rate_limit_counters (bucket_key, window_start, hits, expires_at) values (?, 0, 1, 1)').run('expired:test');
    const response = await api('/admin/functions/purge-rate-limits', { method: 'POST', json: { input: '' } });
    expect(response.status).toBe(202);
    expect(db.prepare('select count(*) as n from rate_limit_counters where bucket_key = ?').get('expired:test')).toEqual({ n: 0 });
    db.close();
  });

  it('answers 404 for an unknown admin function', async () => {
    expect((await api('/admin/functions/nope', { method: 'POST' })).status).toBe(404);
  });
});

describe('local host with its own functions', () => {
  let host: LocalHost;
  let services: AppServices;
  const received: GridEvent[] = [];
  const timerRuns: number[] = [];
  let releaseStream: () => void = () => undefined;

  const streamFunction = defineHttpFunction({
    name: 'test-stream',
    route: 'test/stream',
    methods: ['GET'],
    access: 'anonymous',
    summary: 'streams two events',
    tags: [],
    responses: {},
    handle: async () => {
      const encoder = new TextEncoder();
      const released = new Promise<void>((resolve) => (releaseStream = resolve));
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode('event: delta\ndata: first\n\n'));
            await released;
            controller.enqueue(encoder.encode('event: done\ndata: second\n\n'));
            controller.close();
          },
        }),
      };
    },
  });

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talenti-host-'));
    const settings = loadSettings({ DATA_DIR: dataDir, AZURITE_BLOB_PORT: process.env.AZURITE_BLOB_PORT });
    services = createAppServices(settings);
    await migrateToLatest(services.database.db, services.database.dialect);
    host = await startLocalHost({
      port: 0,
      services,
      corsAllowedOrigins: [],
      log: () => undefined,
      functions: [
        streamFunction as AnyHttpFunction,
        defineEventGridFunction({ name: 'test-events', description: 'records events', handle: async ({ event }) => void received.push(event) }),
        defineTimerFunction({ name: 'every-second', schedule: '* * * * * *', description: 'ticks', handle: async () => void timerRuns.push(Date.now()) }),
      ].map(loadedFunction),
    });
  });

  afterAll(async () => {
    await host.close();
    await services.close();
  });

  it('streams a response body chunk by chunk', async () => {
    const response = await fetch(`${host.url}/api/test/stream`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('event: delta\ndata: first\n\n');
    releaseStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('event: done\ndata: second\n\n');
  });

  it('answers the Event Grid subscription validation handshake', async () => {
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=test-events`, {
      method: 'POST',
      headers: { 'aeg-event-type': 'SubscriptionValidation', 'content-type': 'application/json' },
      body: JSON.stringify([{ id: '1', subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: new Date().toISOString(), data: { validationCode: 'abc-123' } }]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ validationResponse: 'abc-123' });
    expect(received).toHaveLength(0);
  });

  it('delivers each event of an Event Grid batch to the function', async () => {
    const events = ['a', 'b'].map((id) => ({ id, subject: `/calls/${id}`, eventType: 'Microsoft.Communication.CallEnded', eventTime: new Date().toISOString(), data: { callId: id } }));
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=test-events`, {
      method: 'POST',
      headers: { 'aeg-event-type': 'Notification', 'content-type': 'application/json' },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(200);
    expect(received.map((e) => [e.id, e.eventType, e.data])).toEqual([
      ['a', 'Microsoft.Communication.CallEnded', { callId: 'a' }],
      ['b', 'Microsoft.Communication.CallEnded', { callId: 'b' }],
    ]);
  });

  it('delivers CloudEvents 1.0 to the function in the same shape, and answers their OPTIONS handshake', async () => {
    const origin = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=test-events`, { method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    expect(origin.status).toBe(200);
    expect(origin.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
    const event = { specversion: '1.0', id: 'c1', source: '/subscriptions/s/resourceGroups/g', subject: '/calls/c1', type: 'Microsoft.Communication.CallEnded', time: '2026-12-01T10:00:00.000Z', data: { callId: 'c1' } };
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=test-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(200);
    expect(received.at(-1)).toMatchObject({ id: 'c1', topic: event.source, subject: '/calls/c1', eventType: 'Microsoft.Communication.CallEnded', eventTime: event.time, data: { callId: 'c1' } });
  });

  it.each([
    ['invalid JSON', '[{"id":', 400],
    ['events without required fields', JSON.stringify([{ id: 'x' }]), 400],
  ])('refuses an Event Grid delivery with %s', async (_case, body, status) => {
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=test-events`, { method: 'POST', body });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses Event Grid deliveries for a function that is not an Event Grid function', async () => {
    const response = await fetch(`${host.url}/runtime/webhooks/eventgrid?functionName=every-second`, { method: 'POST', body: '[]' });
    expect(response.status).toBe(404);
  });

  it('fires timers on their schedule', async () => {
    const before = timerRuns.length;
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(timerRuns.length - before).toBeGreaterThanOrEqual(1);
  });
});
