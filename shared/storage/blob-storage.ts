import { BlobServiceClient } from '@azure/storage-blob';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { StorageSettings } from '../config/settings';

/** Private containers the app writes to; Bicep creates them on Azure, the local host on Azurite. */
export const CONTAINERS = ['candidate-cvs', 'interview-recordings'] as const;

export interface BlobStorage {
  client: BlobServiceClient;
  ensureContainers(): Promise<void>;
  /** A cheap read that proves the account answers and our identity may read it. */
  ping(): Promise<void>;
}

function createClient(settings: StorageSettings): BlobServiceClient {
  if (settings.kind === 'connection-string') return BlobServiceClient.fromConnectionString(settings.connectionString);
  // No shared keys on Azure: the app's managed identity holds a data-plane role on the account.
  const credential = settings.managedIdentityClientId
    ? new ManagedIdentityCredential({ clientId: settings.managedIdentityClientId })
    : new DefaultAzureCredential();
  return new BlobServiceClient(settings.accountUrl, credential);
}

export function createBlobStorage(settings: StorageSettings): BlobStorage {
  const client = createClient(settings);
  return {
    client,
    async ensureContainers() {
      for (const name of CONTAINERS) await client.getContainerClient(name).createIfNotExists();
    },
    async ping() {
      await client.getContainerClient(CONTAINERS[0]).exists({ abortSignal: AbortSignal.timeout(5000) });
    },
  };
}
