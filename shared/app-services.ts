import type { CommunicationIdentityClient } from '@azure/communication-identity';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import type { RoomsClient } from '@azure/communication-rooms';
import { CallbackTokens } from './calls/callback-tokens';
import { createAcsIdentityClient, createCallAutomationClient, createRoomsClient } from './calls/acs-clients';
import { AiGateway } from './ai/gateway';
import { KnownUsers } from './auth/known-users';
import { TokenValidator } from './auth/token-validator';
import type { Settings } from './config/settings';
import { watchHeldConnections } from './db/connection-guard';
import { openDatabase, type DatabaseHandle } from './db/database';
import { createLogger } from './observability/logger';
import { errorSummary } from './observability/error-summary';
import { createEmailOutbox, type EmailOutbox } from './email/email-outbox';
import { RateLimiter } from './http/rate-limiter';
import { createWorkQueues, type WorkQueues } from './queues/work-queues';
import { SessionTokens } from './interviews/session/session-tokens';
import { SpeechTokens } from './speech/speech-tokens';
import { createBlobStorage, type BlobStorage } from './storage/blob-storage';
import { lazy } from './runtime/lazy';
import { systemClock, type Clock } from './runtime/clock';

/** Every client the functions use, built once per process and shared by all invocations. */
export interface AppServices {
  settings: Settings;
  database: DatabaseHandle;
  storage: BlobStorage;
  tokens: TokenValidator;
  rateLimiter: RateLimiter;
  /** Users this instance provisioned lately: their requests skip the provisioning read. */
  knownUsers: KnownUsers;
  ai: AiGateway;
  sessionTokens: SessionTokens;
  speech: SpeechTokens;
  /** Null when Communication Services is not configured (local runs). */
  acsIdentity: CommunicationIdentityClient | null;
  /** Calls and recordings; null when Communication Services is not configured. */
  callAutomation: CallAutomationClient | null;
  /** Interview rooms; null when Communication Services is not configured. */
  rooms: RoomsClient | null;
  /** Call Automation callbacks: ACS's signed JWT (null without ACS_RESOURCE_ID) and our per-call URL tokens. */
  acsCallbacks: { acs: TokenValidator | null; tokens: CallbackTokens };
  email: EmailOutbox;
  /** Storage queues for background work (queue-triggered functions). */
  queues: WorkQueues;
  /** The wall clock; replaced in time-travel tests. */
  clock: Clock;
  close(): Promise<void>;
}

/** The message the connection guard logs; tests look for it in the host's log. */
export const HELD_CONNECTION_MESSAGE = 'network call while holding a database connection';

/**
 * Clients whose SDKs only some functions need are built by the first invocation that uses them (cold start,
 * docs/performance.md); the database handle and token validators are cheap to build and needed by nearly all.
 */
export function createAppServices(settings: Settings): AppServices {
  // Opening is cheap: Azure SQL connects on first query, so start-up stays inside Flex's 30 s host init.
  const processLog = createLogger(console, settings.logLevel, { component: 'database' });
  const database = openDatabase(settings.database, {
    onResetError: (error) => processLog.error('connection reset after release failed', { error: errorSummary(error) }),
  });
  watchHeldConnections((violation) => processLog.error(HELD_CONNECTION_MESSAGE, { ...violation }));
  const queues = createWorkQueues(settings.queues);
  const acsIdentity = lazy(() => createAcsIdentityClient(settings.acs));
  const callAutomation = lazy(() => createCallAutomationClient(settings.acs));
  const rooms = lazy(() => createRoomsClient(settings.acs));
  const email = lazy(() => createEmailOutbox(settings, queues));
  const rateLimiter = new RateLimiter(database.dialect, settings.rateLimitOverrides, database.scopes.system, createLogger(console, settings.logLevel, { component: 'rate-limits' }));
  return {
    settings,
    database,
    storage: createBlobStorage(settings.storage),
    tokens: new TokenValidator(settings.auth.issuers, settings.auth),
    rateLimiter,
    knownUsers: new KnownUsers(),
    ai: new AiGateway(settings.ai, database.scopes.system),
    sessionTokens: new SessionTokens(settings.interviewSessions.secret, settings.interviewSessions.ttlSeconds),
    speech: new SpeechTokens(settings.speech),
    acsCallbacks: {
      acs: settings.callbacks.issuer ? new TokenValidator([settings.callbacks.issuer], { ...settings.auth, requiredClaims: ['exp'] }) : null,
      tokens: new CallbackTokens(settings.interviewSessions.secret, settings.callbacks.baseUrl),
    },
    get acsIdentity() {
      return acsIdentity();
    },
    get callAutomation() {
      return callAutomation();
    },
    get rooms() {
      return rooms();
    },
    get email() {
      return email();
    },
    queues,
    clock: systemClock,
    // The hits admitted since the last flush are written before the connections close.
    close: () => rateLimiter.close().finally(() => database.close()),
  };
}
