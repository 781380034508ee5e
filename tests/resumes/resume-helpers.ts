import { randomInt } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../../shared/config/settings';
import { api, baseUrl, type ApiResponse } from '../support/api';

/**
 * parse-resume is limited to 5 calls a minute per IP: each call names its own client address (the local host
 * keeps a client-sent X-Forwarded-For, as Azure's front end appends to it), so tests do not share one budget.
 */
export function uniqueIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export async function newUser(token: string): Promise<string> {
  const me = await api<{ user: { id: string } }>('/api/me', { token });
  if (me.status !== 200) throw new Error(`provisioning failed: ${me.status} ${me.text}`);
  return me.body.user.id;
}

export type ResumeBody =
  | { file: Uint8Array; filename?: string; contentType?: string }
  | { raw: Uint8Array; contentType?: string }
  | { json: unknown };

/** POST /api/parse-resume as multipart (file), a raw body, or JSON, against the suite's host or another. */
export async function postResume<T = Record<string, unknown>>(
  token: string | undefined,
  body: ResumeBody,
  options: { headers?: Record<string, string>; url?: string; ip?: string; query?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? uniqueIp(), ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: FormData | Uint8Array | string;
  if ('file' in body) {
    const form = new FormData();
    form.append('file', new Blob([body.file], { type: body.contentType ?? 'application/octet-stream' }), body.filename ?? 'resume.pdf');
    payload = form;
  } else if ('raw' in body) {
    payload = body.raw;
    headers['content-type'] = body.contentType ?? 'application/octet-stream';
  } else {
    payload = JSON.stringify(body.json);
    headers['content-type'] = 'application/json';
  }
  const send = () => fetch(`${options.url ?? baseUrl()}/api/parse-resume${options.query ?? ''}`, { method: 'POST', headers, body: payload });
  // After seconds of work in this process (making a document), a pooled keep-alive connection the host has just
  // closed may be picked: the request never reached the host, so it is sent once more on a new connection.
  const response = await send().catch((error: unknown) => {
    if (error instanceof TypeError && error.cause instanceof Error && /other side closed/.test(error.cause.message)) return send();
    throw error;
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** The suite's Azurite, where the host keeps candidate-cvs. */
export function cvContainer(port = Number(process.env.AZURITE_BLOB_PORT)) {
  return BlobServiceClient.fromConnectionString(azuriteConnectionString(port)).getContainerClient('candidate-cvs');
}

export async function storeBlob(name: string, bytes: Uint8Array): Promise<void> {
  await cvContainer().getBlockBlobClient(name).uploadData(bytes);
}

export async function blobNamesOf(userId: string, port?: number): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of cvContainer(port).listBlobsFlat({ prefix: `${userId}/` })) names.push(blob.name);
  return names;
}
