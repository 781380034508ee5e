import type { CommunicationIdentityClient } from '@azure/communication-identity';
import type { AcsSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { acsIdentitySdk } from '../runtime/sdk-modules';

/** A few quick retries of a failed call: the browser is waiting, and it retries itself after a 503. */
const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 };

/** Plain HTTP only to this machine (a local stand-in for ACS); anything else must be HTTPS. */
function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * The Communication Services identity client, built once: the managed identity with ACS_ENDPOINT, or the access
 * key of ACS_CONNECTION_STRING (the SDK signs each request with HMAC-SHA256). Null when neither is set.
 */
export function createAcsIdentityClient(settings: AcsSettings): CommunicationIdentityClient | null {
  const { endpoint, accessKey, managedIdentityClientId } = settings;
  if (!endpoint) return null;
  const { CommunicationIdentityClient } = acsIdentitySdk();
  const options = { retryOptions: RETRY_OPTIONS, allowInsecureConnection: isLoopback(endpoint) };
  // Passing the key as a credential (not the connection string) keeps it out of the SDK's parse-error messages.
  if (accessKey) return new CommunicationIdentityClient(endpoint, { key: accessKey }, options);
  return new CommunicationIdentityClient(endpoint, appCredential(managedIdentityClientId), options);
}
