import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import Database from 'better-sqlite3';
import { signDevToken, type DevKeys } from '../../shared/auth/dev-issuer';
import { azuriteConnectionString, devIssuerFor } from '../../shared/config/settings';

/** The suite's shared local host, started by global-setup. */
export function baseUrl(): string {
  const url = process.env.TALENTI_TEST_URL;
  if (!url) throw new Error('TALENTI_TEST_URL is not set: run the tests with `npm test`');
  return url;
}

export function dataDir(): string {
  return process.env.DATA_DIR as string;
}

export function devKeys(): DevKeys {
  return JSON.parse(readFileSync(join(dataDir(), 'dev-issuer', 'signing-key.json'), 'utf8')) as DevKeys;
}

export function devIssuer() {
  return devIssuerFor(Number(process.env.LOCAL_HOST_PORT));
}

/** A fresh user for each test, so tests never share state. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function tokenFor(email: string): Promise<string> {
  return signDevToken(devKeys(), devIssuer(), { email });
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function api<T = Record<string, unknown>>(
  path: string,
  init: { method?: string; token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl()}${path}`, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Direct read access to the suite's SQLite file, to check what an endpoint stored (or did not). */
export function openDatabase(): Database.Database {
  const db = new Database(join(dataDir(), 'talenti.sqlite'));
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The sign-up choice "organisation", without which create-organisation answers 403; `base` for a test's own host. */
export async function chooseOrganisationAccount(token: string, base = baseUrl()): Promise<void> {
  const response = await fetch(`${base}/api/me/account-type`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ account_type: 'organisation' }),
  });
  if (response.status !== 200) throw new Error(`choosing an organisation account failed: ${response.status} ${await response.text()}`);
}

export async function createOrganisation(token: string, name = `Org ${randomUUID().slice(0, 8)}`) {
  await chooseOrganisationAccount(token);
  const response = await api<{ organisation: { id: string; name: string } }>('/api/create-organisation', {
    method: 'POST',
    token,
    json: { name },
  });
  if (response.status !== 201) throw new Error(`create-organisation failed: ${response.status} ${response.text}`);
  return response.body.organisation;
}

export function expectProblem(response: ApiResponse, status: number): Record<string, unknown> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = response.body as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), requestId: expect.any(String) });
  expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack traces
  return body;
}

/** A container of the suite's Azurite (the one the suite's host writes to), created if missing. */
export async function suiteBlobContainer(name: string): Promise<ContainerClient> {
  const blob = BlobServiceClient.fromConnectionString(azuriteConnectionString(Number(process.env.AZURITE_BLOB_PORT), Number(process.env.AZURITE_QUEUE_PORT)));
  const container = blob.getContainerClient(name);
  await container.createIfNotExists();
  return container;
}
