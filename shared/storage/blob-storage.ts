import type { BlobServiceClient } from '@azure/storage-blob';
import type { StorageSettings } from '../config/settings';
import { ServiceUnavailableError } from '../errors';
import { appCredential } from '../identity/app-credential';
import { lazy } from '../runtime/lazy';
import { storageBlobSdk } from '../runtime/sdk-modules';

/** Private containers the app writes to; Bicep creates them on Azure, the local host on Azurite. */
export const CONTAINERS = ['candidate-cvs', 'interview-recordings'] as const;

export interface BlobStorage {
  /** Built (and the SDK loaded) on first use. */
  readonly client: BlobServiceClient;
  ensureContainers(): Promise<void>;
  /** A cheap read that proves the account answers and our identity may read it. */
  ping(): Promise<void>;
  /** A read-only link to one blob that stops working after `ttlSeconds` (a short-lived SAS). */
  readLink(container: string, blobName: string, ttlSeconds: number): Promise<{ url: string; expires_at: string }>;
}

/** Blob storage gave no answer (refused, reset, timed out) or a server error: the caller may retry, the request cannot. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof storageBlobSdk().RestError)) return false;
  return error.statusCode === undefined || error.statusCode >= 500;
}

/** Runs one Blob call for a request: an unreachable or failing account is a 503 naming Blob storage, not a 500. */
export async function callBlobStorage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isUnavailable(error)) throw new ServiceUnavailableError('Blob storage is unreachable; try again shortly.', 5);
    throw error;
  }
}

/**
 * Three quick tries (about 0.75 s of waiting) instead of the SDK's four with 4 s back-off (about 16 s): a request
 * answers 503 with Retry-After promptly when Blob is down, and background work retries from its queue with its own
 * back-off anyway.
 */
const RETRY_OPTIONS = { maxTries: 3, retryDelayInMs: 250, maxRetryDelayInMs: 2000 };

function createClient(settings: StorageSettings): BlobServiceClient {
  const { BlobServiceClient } = storageBlobSdk();
  const options = { retryOptions: RETRY_OPTIONS };
  if (settings.kind === 'connection-string') return BlobServiceClient.fromConnectionString(settings.connectionString, options);
  // No shared keys on Azure: the app's managed identity holds a data-plane role on the account.
  return new BlobServiceClient(settings.accountUrl, appCredential(settings.managedIdentityClientId), options);
}

export function createBlobStorage(settings: StorageSettings): BlobStorage {
  const lazyClient = lazy(() => createClient(settings));
  return {
    get client() {
      return lazyClient();
    },
    async ensureContainers() {
      const client = lazyClient();
      for (const name of CONTAINERS) await client.getContainerClient(name).createIfNotExists();
    },
    async ping() {
      await lazyClient().getContainerClient(CONTAINERS[0]).exists({ abortSignal: AbortSignal.timeout(5000) });
    },
    async readLink(container, blobName, ttlSeconds) {
      const { BlobSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters, SASProtocol } = storageBlobSdk();
      const client = lazyClient();
      const blob = client.getContainerClient(container).getBlobClient(blobName);
      // A little clock skew allowance at the start; the end is what the caller asked for.
      const startsOn = new Date(Date.now() - 60_000);
      const expiresOn = new Date(Date.now() + ttlSeconds * 1000);
      const permissions = BlobSASPermissions.parse('r');
      if (client.credential instanceof StorageSharedKeyCredential) {
        return { url: await blob.generateSasUrl({ permissions, startsOn, expiresOn }), expires_at: expiresOn.toISOString() };
      }
      // Keyless accounts sign with a user delegation key obtained through the managed identity.
      const key = await callBlobStorage(() => client.getUserDelegationKey(startsOn, expiresOn));
      const sas = generateBlobSASQueryParameters(
        { containerName: container, blobName, permissions, startsOn, expiresOn, protocol: SASProtocol.Https },
        key,
        client.accountName,
      );
      return { url: `${blob.url}?${sas.toString()}`, expires_at: expiresOn.toISOString() };
    },
  };
}
