import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * The app's one Microsoft Entra credential, shared by every client (SQL, Blob, queues, OpenAI, Speech, ACS,
 * Document Intelligence) so tokens are cached once per process. The user-assigned managed identity when its
 * client id is configured (Azure), otherwise DefaultAzureCredential (a developer's `az login`). Built on the first
 * token request: @azure/identity is heavy to load and a local run never asks for a token.
 */
class LazyAppCredential implements TokenCredential {
  #inner: TokenCredential | null = null;

  constructor(private readonly clientId: string | undefined) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.#inner ??= this.#create();
    return this.#inner.getToken(scopes, options);
  }

  #create(): TokenCredential {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const identity = require('@azure/identity') as typeof import('@azure/identity');
    return this.clientId ? new identity.ManagedIdentityCredential({ clientId: this.clientId }) : new identity.DefaultAzureCredential();
  }
}

const credentials = new Map<string, TokenCredential>();

/** The shared credential for this managed identity (one per process). */
export function appCredential(managedIdentityClientId?: string): TokenCredential {
  const key = managedIdentityClientId ?? '';
  let credential = credentials.get(key);
  if (!credential) {
    credential = new LazyAppCredential(managedIdentityClientId);
    credentials.set(key, credential);
  }
  return credential;
}
