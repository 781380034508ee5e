import { fakeCallAutomation, type FakeCallAutomation } from './acs-call-automation';
import { startFakeAcsIdentityServer, type FakeAcsIdentityServer } from './acs-identity';
import { fakeRecordingContent, recordingProxyEnvironment, type FakeRecordingContent } from './acs-recordings';
import { fakeRooms, type FakeRooms } from './acs-rooms';

/**
 * One local Communication Services resource with everything an interview call uses: identities, rooms, Call
 * Automation and the recording content endpoints, all behind one access key (every request's HMAC is checked).
 * `npm run demo -- --calls` and its test point a host at it with `hostEnvironment()`.
 */
export interface AcsFakes {
  resource: FakeAcsIdentityServer;
  calls: FakeCallAutomation;
  rooms: FakeRooms;
  recordings: Omit<FakeRecordingContent, 'api'>;
  /** ACS_CONNECTION_STRING for this resource, and the proxy that brings recording locations here (Azurite stays direct). */
  hostEnvironment(): Record<string, string>;
  close(): Promise<void>;
}

export async function startAcsFakes(): Promise<AcsFakes> {
  const calls = fakeCallAutomation();
  const rooms = fakeRooms();
  const { api: recordingApi, ...recordings } = fakeRecordingContent();
  const resource = await startFakeAcsIdentityServer([calls.api, rooms.api, recordingApi]);
  return {
    resource,
    calls,
    rooms,
    recordings,
    // A `localhost` endpoint goes through the proxy (this same fake), as the recording requests do.
    hostEnvironment: () => ({ ACS_CONNECTION_STRING: resource.connectionString.replace('127.0.0.1', 'localhost'), ...recordingProxyEnvironment(resource.url) }),
    close: () => resource.close(),
  };
}
