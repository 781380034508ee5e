import type { CallAutomationClient } from '@azure/communication-call-automation';
import type { CommunicationIdentityClient } from '@azure/communication-identity';
import type { RoomsClient } from '@azure/communication-rooms';
import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { AcsSettings } from '../config/settings';
import { appCredential } from '../identity/app-credential';
import { acsIdentitySdk, callAutomationSdk, roomsSdk } from '../runtime/sdk-modules';

/** A few quick retries of a failed call: the browser is waiting, and it retries itself after a 503. */
const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 };

/** Plain HTTP only to this machine (a local stand-in for ACS); anything else must be HTTPS. */
function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

interface AcsConnection {
  endpoint: string;
  credential: KeyCredential | TokenCredential;
  options: { retryOptions: typeof RETRY_OPTIONS; allowInsecureConnection: boolean };
}

/**
 * How every Communication Services client connects: the managed identity with ACS_ENDPOINT, or the access key of
 * ACS_CONNECTION_STRING (the SDK signs each request with HMAC-SHA256). Null when neither is set. The key goes in
 * as a credential, not the connection string, which keeps it out of the SDK's parse-error messages.
 */
function acsConnection(settings: AcsSettings): AcsConnection | null {
  const { endpoint, accessKey, managedIdentityClientId } = settings;
  if (!endpoint) return null;
  return {
    endpoint,
    credential: accessKey ? { key: accessKey } : appCredential(managedIdentityClientId),
    options: { retryOptions: RETRY_OPTIONS, allowInsecureConnection: isLoopback(endpoint) },
  };
}

/** Identities and their tokens (acs-token-generator), built once. */
export function createAcsIdentityClient(settings: AcsSettings): CommunicationIdentityClient | null {
  const connection = acsConnection(settings);
  if (!connection) return null;
  const { endpoint, credential, options } = connection;
  const { CommunicationIdentityClient } = acsIdentitySdk();
  // Its constructor overloads take one credential kind each.
  return 'key' in credential ? new CommunicationIdentityClient(endpoint, credential, options) : new CommunicationIdentityClient(endpoint, credential, options);
}

/** Calls and recordings (start, pause, resume, stop, download, delete), built once. */
export function createCallAutomationClient(settings: AcsSettings): CallAutomationClient | null {
  const connection = acsConnection(settings);
  if (!connection) return null;
  const { CallAutomationClient } = callAutomationSdk();
  return new CallAutomationClient(connection.endpoint, connection.credential, connection.options);
}

/** Interview rooms, built once. */
export function createRoomsClient(settings: AcsSettings): RoomsClient | null {
  const connection = acsConnection(settings);
  if (!connection) return null;
  const { RoomsClient } = roomsSdk();
  return new RoomsClient(connection.endpoint, connection.credential, connection.options);
}
