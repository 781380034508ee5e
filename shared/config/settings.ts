import { resolve } from 'node:path';
import {
  array, atLeast, atMost, coerced, either, email, int, matches, maxLength, minLength, number, object, oneOf, optional, positive, record, string, url, uuid, withDefault,
  type Check, type Checked, type Issue,
} from './checks';

/**
 * Every setting the app reads, validated once at start-up. A bad or missing one fails fast with its name
 * and what it should look like. Locally the values come from local.settings.json `Values` (or the shell);
 * on Azure from app settings.
 *
 * Checked by a table of small checks (./checks.ts) rather than a schema library: the entry point validates these at
 * start-up, before any function runs, and a cold instance pays for everything that loads (docs/performance.md).
 */
const text = string(minLength(1));
const flag = (value: 'true' | 'false') => withDefault(oneOf('true', 'false'), value);
const integer = (min: number, max: number, value: number) => withDefault(coerced(number(int, atLeast(min), atMost(max))), value);
const decimal = (min: number, max: number, value: number) => withDefault(coerced(number(atLeast(min), atMost(max))), value);
const port = (value: number) => integer(1, 65_535, value);

const trustedIssuer = object({
  issuer: url,
  jwksUri: url,
  audience: either(text, array(text, 1)),
});

const rateLimitRule = object({
  windowSeconds: number(int, positive, atMost(86_400)),
  max: number(int, positive),
  keys: optional(array(oneOf('ip', 'user'), 1)),
});

export type TrustedIssuer = Checked<typeof trustedIssuer>;
export type RateLimitRule = Checked<typeof rateLimitRule>;

const SPEECH_RESOURCE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i;
/** A phone number in E.164 form: +, a country code and up to 15 digits in all. */
const E164_NUMBER = /^\+[1-9]\d{6,14}$/;
const ACS_CONNECTION_STRING = /^endpoint=(https?:\/\/[^;]+);accesskey=([^;]+)$/i;
const REGION = /^[a-z0-9]{2,40}$/;

/** Every setting by name: how its text is checked and read, and what it is when not set. */
const SETTINGS = {
  TALENTI_ENV: optional(oneOf('local', 'azure')),
  // Set by the Functions platform itself: their presence means the app runs on Azure, whatever else is set.
  WEBSITE_SITE_NAME: optional(text),
  WEBSITE_INSTANCE_ID: optional(text),
  AI_ALLOW_OFFLINE_ON_AZURE: flag('false'),
  LOG_LEVEL: withDefault(oneOf('debug', 'info', 'warn', 'error'), 'info'),
  DATA_DIR: withDefault(text, '.data'),

  DATABASE_PROVIDER: optional(oneOf('sqlite', 'mssql')),
  SQLITE_PATH: optional(text),
  SQLITE_ROUND_TRIP_DELAY_MS: decimal(0, 100, 0),
  DATABASE_ROUND_TRIP_HEADER: flag('false'),
  SQL_SERVER: optional(text),
  SQL_DATABASE: optional(text),
  SQL_PORT: port(1433),
  SQL_AUTHENTICATION: withDefault(oneOf('managed-identity', 'default-credential', 'sql-password'), 'managed-identity'),
  SQL_USER: optional(text),
  SQL_PASSWORD: optional(text),
  SQL_POOL_MAX: integer(1, 200, 10),
  SQL_POOL_ACQUIRE_TIMEOUT_SECONDS: decimal(0.1, 120, 15),
  SQL_TRUST_SERVER_CERTIFICATE: flag('false'),

  STORAGE_CONNECTION_STRING: optional(text),
  STORAGE_ACCOUNT_URL: optional(url),
  STORAGE_QUEUE_URL: optional(url),
  AZURE_CLIENT_ID: optional(uuid),

  AUTH_ISSUERS: optional(text),
  AUTH_CLOCK_TOLERANCE_SECONDS: integer(0, 300, 30),
  AUTH_JWKS_COOLDOWN_SECONDS: integer(0, 3600, 30),

  RATE_LIMITS: optional(text),
  TRUSTED_PROXY_HOPS: integer(1, 5, 1),

  AI_PROVIDER: optional(oneOf('offline', 'azure', 'openai-compatible')),
  AZURE_OPENAI_ENDPOINT: optional(url),
  AZURE_OPENAI_API_KEY: optional(text),
  AZURE_OPENAI_API_VERSION: withDefault(text, '2024-10-21'),
  OPENAI_COMPATIBLE_BASE_URL: optional(url),
  OPENAI_COMPATIBLE_API_KEY: optional(text),
  AI_MODEL: optional(text),
  AI_MODEL_INTERVIEWER: optional(text),
  AI_MODEL_SCORING: optional(text),
  AI_MODEL_EXTRACTION: optional(text),
  AI_STRICT_SCHEMA: flag('true'),
  AI_TIMEOUT_SECONDS: decimal(1, 300, 30),
  AI_MAX_ATTEMPTS: integer(1, 10, 3),
  AI_DEADLINE_SECONDS: decimal(1, 600, 90),
  AI_RETRY_BASE_MS: integer(1, 60_000, 500),

  APP_BASE_URL: withDefault(url, 'http://localhost:5173'),
  INTERVIEW_SESSION_SECRET: optional(string(minLength(32))),
  INTERVIEW_SESSION_TTL_MINUTES: integer(5, 24 * 60, 120),
  INTERVIEW_ABANDONED_AFTER_MINUTES: integer(20, 7 * 24 * 60, 60),
  PRACTICE_INTERVIEWS_PER_DAY: integer(1, 100, 5),
  CV_RETENTION_DAYS: integer(30, 3650, 365),

  SPEECH_REGION: withDefault(string(matches(REGION)), 'australiaeast'),
  SPEECH_KEY: optional(text),
  SPEECH_ENDPOINT: optional(url),
  SPEECH_RESOURCE_ID: optional(string(matches(SPEECH_RESOURCE_ID))),
  SPEECH_MANAGED_IDENTITY_CLIENT_ID: optional(uuid),
  AVATAR_SPEECH_REGION: optional(string(matches(REGION))),
  AVATAR_SPEECH_KEY: optional(text),
  AVATAR_SPEECH_ENDPOINT: optional(url),
  AVATAR_SPEECH_RESOURCE_ID: optional(string(matches(SPEECH_RESOURCE_ID))),
  ACS_ENDPOINT: optional(url),
  ACS_CONNECTION_STRING: optional(string(matches(ACS_CONNECTION_STRING, 'must look like endpoint=https://...;accesskey=...'))),
  ACS_RESOURCE_ID: optional(uuid),
  CALLBACK_BASE_URL: optional(url),
  ACS_CALLBACK_ISSUER: withDefault(url, 'https://acscallautomation.communication.azure.com'),
  ACS_CALLBACK_JWKS_URI: withDefault(url, 'https://acscallautomation.communication.azure.com/calling/keys'),
  RECORDING_FORMAT: withDefault(oneOf('wav', 'mp3'), 'wav'),
  RECORDING_CHANNEL: withDefault(oneOf('mixed', 'unmixed'), 'mixed'),
  ACS_CALLER_NUMBER: optional(string(matches(E164_NUMBER, 'must be a phone number in E.164 form'))),
  CALL_TTS_VOICE: withDefault(string(matches(/^en-AU-[A-Za-z]+Neural$/, 'must be an en-AU neural voice')), 'en-AU-NatashaNeural'),

  DOCUMENT_INTELLIGENCE_ENDPOINT: optional(url),
  DOCUMENT_INTELLIGENCE_API_KEY: optional(text),
  SHORTLIST_RERANK_TOP_N: integer(0, 200, 20),
  SHORTLIST_RERANK_BATCH: integer(1, 50, 10),
  SCORING_CONSISTENCY_SAMPLE_SIZE: integer(1, 200, 20),

  EMAIL_PROVIDER: optional(oneOf('local-mailbox', 'acs')),
  ACS_EMAIL_ENDPOINT: optional(url),
  ACS_EMAIL_CONNECTION_STRING: optional(string(matches(/^endpoint=[^;]+;accesskey=[^;]+$/i, 'must look like endpoint=https://...;accesskey=...'))),
  EMAIL_SENDER_ADDRESS: optional(email(maxLength(320))),

  LOCAL_HOST_PORT: port(7071),
  AZURITE_BLOB_PORT: port(10000),
  AZURITE_QUEUE_PORT: port(10001),
  CORS_ALLOWED_ORIGINS: withDefault(string(), 'http://localhost:5173,http://localhost:8080,http://127.0.0.1:5173'),
};
const rawSettings = object(SETTINGS);

const HINTS: Record<string, string> = {
  TALENTI_ENV: "'local' (embedded defaults) or 'azure' (every connection setting explicit; implied on the Functions platform)",
  DATABASE_PROVIDER: "'sqlite' (local default) or 'mssql' (Azure SQL)",
  SQL_SERVER: 'the Azure SQL server host name, e.g. talenti-sql.database.windows.net',
  SQL_DATABASE: 'the database name, e.g. talenti',
  SQL_USER: 'the SQL login, needed when SQL_AUTHENTICATION=sql-password',
  SQL_PASSWORD: 'the SQL password, needed when SQL_AUTHENTICATION=sql-password',
  SQL_AUTHENTICATION: "'managed-identity', 'default-credential' or 'sql-password'",
  STORAGE_ACCOUNT_URL: 'the blob endpoint, e.g. https://talentistore.blob.core.windows.net (managed identity)',
  STORAGE_CONNECTION_STRING: 'a storage connection string (local Azurite only; use STORAGE_ACCOUNT_URL on Azure)',
  STORAGE_QUEUE_URL: 'the queue endpoint, e.g. https://talentistore.queue.core.windows.net (managed identity)',
  AUTH_ISSUERS: 'a JSON array of {"issuer","jwksUri","audience"} for each trusted Entra ID tenant',
  RATE_LIMITS: 'a JSON object of {"<function>": {"windowSeconds": 60, "max": 30, "keys": ["ip","user"]}}',
  AZURE_CLIENT_ID: 'the client id (a GUID) of the user-assigned managed identity',
  SPEECH_REGION: 'the region of the Speech resource, e.g. australiaeast',
  SPEECH_ENDPOINT: 'the custom-domain endpoint of the Speech resource, e.g. https://talenti-speech.cognitiveservices.azure.com',
  SPEECH_RESOURCE_ID: 'the Speech resource id, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.CognitiveServices/accounts/<name> (Microsoft Entra ID instead of SPEECH_KEY)',
  SPEECH_MANAGED_IDENTITY_CLIENT_ID: 'the client id (a GUID) of a managed identity that holds only Cognitive Services Speech User on the Speech resources',
  AVATAR_SPEECH_REGION: "a region that offers the real-time avatar, e.g. southeastasia (the avatar's text is then processed outside Australia)",
  AVATAR_SPEECH_ENDPOINT: 'the custom-domain endpoint of the avatar Speech resource',
  AVATAR_SPEECH_RESOURCE_ID: 'the avatar Speech resource id (Microsoft Entra ID instead of AVATAR_SPEECH_KEY)',
  ACS_ENDPOINT: 'the Communication Services endpoint, e.g. https://talenti-acs.australia.communication.azure.com (managed identity)',
  ACS_CONNECTION_STRING: 'endpoint=https://<resource>.communication.azure.com/;accesskey=<key> (access key; prefer ACS_ENDPOINT on Azure)',
  ACS_CALLER_NUMBER: 'the Communication Services phone number staff calls come from, in E.164 form, e.g. +61291234567',
  CALL_TTS_VOICE: 'an en-AU neural voice for text-to-speech played into calls, e.g. en-AU-NatashaNeural',
  AI_PROVIDER: "'offline' (rule-based, local default), 'azure' (Azure OpenAI) or 'openai-compatible'",
  AZURE_OPENAI_ENDPOINT: 'the Azure OpenAI endpoint, e.g. https://talenti-aoai.openai.azure.com',
  OPENAI_COMPATIBLE_BASE_URL: 'the base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1',
  INTERVIEW_SESSION_SECRET: 'at least 32 random characters (a Key Vault secret) that sign candidate interview session tokens',
  AI_MODEL: 'the deployment (Azure) or model name used for every AI task without its own AI_MODEL_<TASK>',
  EMAIL_PROVIDER: "'local-mailbox' (emails written under DATA_DIR/mailbox, local default) or 'acs' (Azure Communication Services Email)",
  ACS_EMAIL_ENDPOINT: 'the Communication Services endpoint, e.g. https://talenti-acs.australia.communication.azure.com (managed identity)',
  ACS_EMAIL_CONNECTION_STRING: 'endpoint=https://<resource>.communication.azure.com;accesskey=<key> (access key; prefer ACS_EMAIL_ENDPOINT on Azure)',
  EMAIL_SENDER_ADDRESS: 'the From address of a verified ACS Email domain, e.g. DoNotReply@mail.talenti.com.au',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseSettings =
  /** `roundTripDelayMs`: the benchmark's stand-in for Azure SQL's latency, waited before each round trip. */
  | { provider: 'sqlite'; path: string; acquireTimeoutMs: number; roundTripDelayMs?: number }
  | {
      provider: 'mssql';
      server: string;
      database: string;
      port: number;
      authentication: 'managed-identity' | 'default-credential' | 'sql-password';
      user?: string;
      password?: string;
      managedIdentityClientId?: string;
      poolMax: number;
      acquireTimeoutMs: number;
      trustServerCertificate: boolean;
    };

export type StorageSettings =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; managedIdentityClientId?: string };

/** Where invitation emails go: Azure Communication Services Email, or files a developer can open. */
export type EmailSettings =
  | { provider: 'local-mailbox'; mailboxDir: string }
  | { provider: 'acs'; senderAddress: string; connectionString?: string; endpoint?: string; managedIdentityClientId?: string };

export interface Settings {
  environment: 'local' | 'azure';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  dataDir: string;
  /** Local only: every response says how many database round trips it took (x-db-round-trips). */
  reportRoundTrips: boolean;
  database: DatabaseSettings;
  storage: StorageSettings;
  /** Where background work is enqueued (Storage queues): the queue endpoint, or the connection string locally. */
  queues: StorageSettings;
  auth: {
    issuers: TrustedIssuer[];
    clockToleranceSeconds: number;
    jwksCooldownSeconds: number;
    /** Local runs only: the dev issuer the local host serves and `npm run token` signs for. */
    devIssuer?: TrustedIssuer;
  };
  rateLimitOverrides: Record<string, RateLimitRule>;
  /** Proxies that append to X-Forwarded-For in front of the app (1: Azure's own front end). */
  trustedProxyHops: number;
  ai: AiSettings;
  documents: { endpoint?: string; apiKey?: string; managedIdentityClientId?: string };
  shortlist: { rerankTopN: number; rerankBatchSize: number };
  /** How many finished interviews a scoring-consistency check re-scores (the most a request may ask for). */
  scoringConsistency: { sampleSize: number };
  speech: SpeechSettings;
  acs: AcsSettings;
  /** How interview calls are recorded (always audio only): file format and one mixed or one channel per participant. */
  recording: { format: 'wav' | 'mp3'; channel: 'mixed' | 'unmixed' };
  /** Staff call control: the number phone calls come from (none: no phone calls) and the voice of text-to-speech. */
  calls: { callerNumber?: string; voice: string };
  /**
   * Call Automation's mid-call callbacks: the public base their URLs start with, and ACS as a second trusted issuer
   * (its signing keys, our resource id as audience). Null issuer without ACS_RESOURCE_ID: every callback is refused.
   */
  callbacks: { baseUrl?: string; issuer: TrustedIssuer | null };
  interviewSessions: { secret: string; ttlSeconds: number };
  /** Running interviews with no turn for this long are closed by the platform as abandoned. */
  abandonedInterviewAfterMs: number;
  /** Practice interviews a candidate may start per UTC day. */
  practiceInterviewsPerDay: number;
  /** How long a CV is kept once none of its candidate's applications is open (docs/privacy.md). */
  cvRetentionDays: number;
  email: EmailSettings;
  /** The frontend's address: invitation links point at `${appBaseUrl}/invite/<token>`. */
  appBaseUrl: string;
  localHost: { port: number; azuriteBlobPort: number; azuriteQueuePort: number; corsAllowedOrigins: string[] };
}

export type ModelPurpose = 'interviewer' | 'scoring' | 'extraction';

export interface AiSettings {
  provider: 'offline' | 'azure' | 'openai-compatible';
  azure?: { endpoint: string; apiKey?: string; apiVersion: string; managedIdentityClientId?: string };
  compatible?: { baseUrl: string; apiKey?: string };
  /** Deployment (Azure) or model name per purpose, so interviewing, scoring and extraction can differ. */
  models: Record<ModelPurpose, string>;
  strictSchema: boolean;
  timeoutMs: number;
  maxAttempts: number;
  deadlineMs: number;
  retryBaseMs: number;
}

/** One Azure Speech resource: a key, or Microsoft Entra ID (managed identity) with the resource id. */
export interface SpeechResourceSettings {
  region: string;
  key?: string;
  /** The resource's custom domain; without it the regional endpoints are used. */
  endpoint?: string;
  resourceId?: string;
}

export interface SpeechSettings {
  /** Speech to text and text to speech. */
  resource: SpeechResourceSettings;
  /** The real-time avatar, which not every region offers: the main resource unless configured separately. */
  avatar: SpeechResourceSettings;
  managedIdentityClientId?: string;
}

/** Communication Services identities: an access key (connection string) or the managed identity. */
export interface AcsSettings {
  endpoint?: string;
  accessKey?: string;
  managedIdentityClientId?: string;
}

type RawSettings = Checked<typeof rawSettings>;

function speechSettings(raw: RawSettings): SpeechSettings {
  const main = { region: raw.SPEECH_REGION, key: raw.SPEECH_KEY, endpoint: raw.SPEECH_ENDPOINT, resourceId: raw.SPEECH_RESOURCE_ID };
  const avatarRegion = raw.AVATAR_SPEECH_REGION ?? raw.SPEECH_REGION;
  // Keys and custom domains belong to one resource in one region, so the avatar either has its own or uses the main one.
  const ownAvatar = avatarRegion !== raw.SPEECH_REGION || Boolean(raw.AVATAR_SPEECH_KEY ?? raw.AVATAR_SPEECH_ENDPOINT ?? raw.AVATAR_SPEECH_RESOURCE_ID);
  return {
    resource: main,
    avatar: ownAvatar
      ? { region: avatarRegion, key: raw.AVATAR_SPEECH_KEY, endpoint: raw.AVATAR_SPEECH_ENDPOINT, resourceId: raw.AVATAR_SPEECH_RESOURCE_ID }
      : main,
    managedIdentityClientId: raw.SPEECH_MANAGED_IDENTITY_CLIENT_ID ?? raw.AZURE_CLIENT_ID,
  };
}

function acsSettings(raw: RawSettings): AcsSettings {
  const [, endpoint, accessKey] = ACS_CONNECTION_STRING.exec(raw.ACS_CONNECTION_STRING ?? '') ?? [];
  if (endpoint && accessKey) return { endpoint, accessKey };
  return { endpoint: raw.ACS_ENDPOINT, managedIdentityClientId: raw.AZURE_CLIENT_ID };
}

export const DEV_AUDIENCE = 'api://talenti-local';

export function devIssuerFor(port: number): TrustedIssuer {
  const base = `http://127.0.0.1:${port}/dev-issuer`;
  return { issuer: base, jwksUri: `${base}/.well-known/jwks.json`, audience: DEV_AUDIENCE };
}

/** Azurite's documented development account; it only ever exists on the developer's machine. */
export function azuriteConnectionString(blobPort: number, queuePort = 10001): string {
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  return (
    `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queuePort}/devstoreaccount1;`
  );
}

const describe = (issues: Issue[]) => issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');

function parseJsonSetting<T>(name: string, text: string, check: Check<T>, problems: string[]): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.push(`${name}: is not valid JSON; expected ${HINTS[name] ?? 'JSON'}`);
    return undefined;
  }
  const issues: Issue[] = [];
  const checked = check(value, '', issues);
  if (issues.length === 0) return checked;
  problems.push(`${name}: ${describe(issues)}; expected ${HINTS[name] ?? 'valid JSON'}`);
  return undefined;
}

/** Builds the settings from an environment map, or throws ConfigError naming every bad setting. */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  // A setting left empty counts as not set.
  const present: Record<string, string> = {};
  for (const name in SETTINGS) {
    const value = env[name];
    if (value !== undefined && value !== '') present[name] = value;
  }
  const issues: Issue[] = [];
  const raw = rawSettings(present, '', issues);
  if (issues.length > 0) {
    throw new ConfigError(
      issues.map((issue) => {
        const name = issue.path;
        return `${name}: ${issue.message}${HINTS[name] ? `; expected ${HINTS[name]}` : ''}`;
      }),
    );
  }
  const problems: string[] = [];
  // Fail closed: on the Functions platform every local default is refused, even if TALENTI_ENV was forgotten.
  const onPlatform = raw.WEBSITE_SITE_NAME !== undefined || raw.WEBSITE_INSTANCE_ID !== undefined;
  if (onPlatform && raw.TALENTI_ENV === 'local') problems.push(`TALENTI_ENV: 'local' is refused on the Azure Functions platform (WEBSITE_SITE_NAME is set); expected 'azure'`);
  const isAzure = raw.TALENTI_ENV === 'azure' || onPlatform;
  const environment = isAzure ? 'azure' : 'local';
  const require = (name: keyof typeof raw, why: string): void => {
    if (raw[name] === undefined) problems.push(`${name}: required ${why}; expected ${HINTS[name] ?? 'a value'}`);
  };

  const provider = raw.DATABASE_PROVIDER ?? (isAzure ? 'mssql' : 'sqlite');
  if (isAzure && provider === 'sqlite') problems.push(`DATABASE_PROVIDER: 'sqlite' is for local runs only; expected 'mssql' when TALENTI_ENV=azure`);
  if (isAzure && raw.DATABASE_ROUND_TRIP_HEADER === 'true') problems.push(`DATABASE_ROUND_TRIP_HEADER: 'true' is for local benchmarks and tests only; expected 'false' when TALENTI_ENV=azure`);
  if (provider === 'mssql') {
    require('SQL_SERVER', 'when DATABASE_PROVIDER=mssql');
    require('SQL_DATABASE', 'when DATABASE_PROVIDER=mssql');
    if (raw.SQL_AUTHENTICATION === 'sql-password') {
      require('SQL_USER', 'when SQL_AUTHENTICATION=sql-password');
      require('SQL_PASSWORD', 'when SQL_AUTHENTICATION=sql-password');
    }
  }
  if (isAzure) {
    if (!raw.STORAGE_ACCOUNT_URL && !raw.STORAGE_CONNECTION_STRING) require('STORAGE_ACCOUNT_URL', 'when TALENTI_ENV=azure');
    if (!raw.STORAGE_QUEUE_URL && !raw.STORAGE_CONNECTION_STRING) require('STORAGE_QUEUE_URL', 'when TALENTI_ENV=azure');
    require('AUTH_ISSUERS', 'when TALENTI_ENV=azure');
    require('INTERVIEW_SESSION_SECRET', 'when TALENTI_ENV=azure');
  }

  const aiProvider = raw.AI_PROVIDER ?? (isAzure ? 'azure' : 'offline');
  if (isAzure && aiProvider === 'offline' && raw.AI_ALLOW_OFFLINE_ON_AZURE !== 'true') {
    problems.push(`AI_PROVIDER: 'offline' (rule-based, not a model) would score real candidates on Azure; expected 'azure', or set AI_ALLOW_OFFLINE_ON_AZURE=true for a demo deployment`);
  }
  if (aiProvider === 'azure') require('AZURE_OPENAI_ENDPOINT', 'when AI_PROVIDER=azure');
  if (aiProvider === 'openai-compatible') require('OPENAI_COMPATIBLE_BASE_URL', 'when AI_PROVIDER=openai-compatible');
  if (aiProvider !== 'offline' && !raw.AI_MODEL && !(raw.AI_MODEL_INTERVIEWER && raw.AI_MODEL_SCORING && raw.AI_MODEL_EXTRACTION)) {
    require('AI_MODEL', `when AI_PROVIDER=${aiProvider} and not every AI_MODEL_<TASK> is set`);
  }

  if (raw.RECORDING_CHANNEL === 'unmixed' && raw.RECORDING_FORMAT !== 'wav') problems.push("RECORDING_FORMAT: an 'unmixed' recording (RECORDING_CHANNEL) is only made as 'wav'");
  if (raw.ACS_ENDPOINT && raw.ACS_CONNECTION_STRING) problems.push('ACS_CONNECTION_STRING: set either ACS_ENDPOINT (managed identity) or ACS_CONNECTION_STRING, not both');

  const issuers = raw.AUTH_ISSUERS
    ? parseJsonSetting('AUTH_ISSUERS', raw.AUTH_ISSUERS, array(trustedIssuer, 1), problems)
    : undefined;
  const rateLimitOverrides = raw.RATE_LIMITS
    ? parseJsonSetting('RATE_LIMITS', raw.RATE_LIMITS, record(rateLimitRule), problems)
    : undefined;
  const emailProvider = raw.EMAIL_PROVIDER ?? (isAzure ? 'acs' : 'local-mailbox');
  if (isAzure && emailProvider === 'local-mailbox') problems.push(`EMAIL_PROVIDER: 'local-mailbox' is for local runs only; expected 'acs' when TALENTI_ENV=azure`);
  if (emailProvider === 'acs') {
    require('EMAIL_SENDER_ADDRESS', 'when EMAIL_PROVIDER=acs');
    if (!raw.ACS_EMAIL_CONNECTION_STRING) require('ACS_EMAIL_ENDPOINT', 'when EMAIL_PROVIDER=acs and ACS_EMAIL_CONNECTION_STRING is not set');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(raw.DATA_DIR);
  const devIssuer = isAzure ? undefined : devIssuerFor(raw.LOCAL_HOST_PORT);
  const database: DatabaseSettings =
    provider === 'sqlite'
      ? { provider, path: resolve(raw.SQLITE_PATH ?? `${dataDir}/talenti.sqlite`), acquireTimeoutMs: raw.SQL_POOL_ACQUIRE_TIMEOUT_SECONDS * 1000, roundTripDelayMs: raw.SQLITE_ROUND_TRIP_DELAY_MS }
      : {
          provider,
          server: raw.SQL_SERVER as string,
          database: raw.SQL_DATABASE as string,
          port: raw.SQL_PORT,
          authentication: raw.SQL_AUTHENTICATION,
          user: raw.SQL_USER,
          password: raw.SQL_PASSWORD,
          managedIdentityClientId: raw.AZURE_CLIENT_ID,
          poolMax: raw.SQL_POOL_MAX,
          acquireTimeoutMs: raw.SQL_POOL_ACQUIRE_TIMEOUT_SECONDS * 1000,
          trustServerCertificate: raw.SQL_TRUST_SERVER_CERTIFICATE === 'true',
        };
  const storage: StorageSettings = raw.STORAGE_ACCOUNT_URL
    ? { kind: 'account-url', accountUrl: raw.STORAGE_ACCOUNT_URL, managedIdentityClientId: raw.AZURE_CLIENT_ID }
    : { kind: 'connection-string', connectionString: raw.STORAGE_CONNECTION_STRING ?? azuriteConnectionString(raw.AZURITE_BLOB_PORT, raw.AZURITE_QUEUE_PORT) };
  const queues: StorageSettings = raw.STORAGE_QUEUE_URL
    ? { kind: 'account-url', accountUrl: raw.STORAGE_QUEUE_URL, managedIdentityClientId: raw.AZURE_CLIENT_ID }
    : { kind: 'connection-string', connectionString: raw.STORAGE_CONNECTION_STRING ?? azuriteConnectionString(raw.AZURITE_BLOB_PORT, raw.AZURITE_QUEUE_PORT) };

  return {
    environment,
    logLevel: raw.LOG_LEVEL,
    reportRoundTrips: raw.DATABASE_ROUND_TRIP_HEADER === 'true',
    dataDir,
    database,
    storage,
    queues,
    auth: {
      issuers: issuers ?? (devIssuer ? [devIssuer] : []),
      clockToleranceSeconds: raw.AUTH_CLOCK_TOLERANCE_SECONDS,
      jwksCooldownSeconds: raw.AUTH_JWKS_COOLDOWN_SECONDS,
      devIssuer,
    },
    rateLimitOverrides: rateLimitOverrides ?? {},
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    ai: {
      provider: aiProvider,
      azure: raw.AZURE_OPENAI_ENDPOINT
        ? { endpoint: raw.AZURE_OPENAI_ENDPOINT, apiKey: raw.AZURE_OPENAI_API_KEY, apiVersion: raw.AZURE_OPENAI_API_VERSION, managedIdentityClientId: raw.AZURE_CLIENT_ID }
        : undefined,
      compatible: raw.OPENAI_COMPATIBLE_BASE_URL ? { baseUrl: raw.OPENAI_COMPATIBLE_BASE_URL, apiKey: raw.OPENAI_COMPATIBLE_API_KEY } : undefined,
      models: {
        interviewer: raw.AI_MODEL_INTERVIEWER ?? raw.AI_MODEL ?? 'offline',
        scoring: raw.AI_MODEL_SCORING ?? raw.AI_MODEL ?? 'offline',
        extraction: raw.AI_MODEL_EXTRACTION ?? raw.AI_MODEL ?? 'offline',
      },
      strictSchema: raw.AI_STRICT_SCHEMA === 'true',
      timeoutMs: raw.AI_TIMEOUT_SECONDS * 1000,
      maxAttempts: raw.AI_MAX_ATTEMPTS,
      deadlineMs: raw.AI_DEADLINE_SECONDS * 1000,
      retryBaseMs: raw.AI_RETRY_BASE_MS,
    },
    documents: {
      endpoint: raw.DOCUMENT_INTELLIGENCE_ENDPOINT,
      apiKey: raw.DOCUMENT_INTELLIGENCE_API_KEY,
      managedIdentityClientId: raw.AZURE_CLIENT_ID,
    },
    shortlist: { rerankTopN: raw.SHORTLIST_RERANK_TOP_N, rerankBatchSize: raw.SHORTLIST_RERANK_BATCH },
    scoringConsistency: { sampleSize: raw.SCORING_CONSISTENCY_SAMPLE_SIZE },
    speech: speechSettings(raw),
    acs: acsSettings(raw),
    recording: { format: raw.RECORDING_FORMAT, channel: raw.RECORDING_CHANNEL },
    calls: { callerNumber: raw.ACS_CALLER_NUMBER, voice: raw.CALL_TTS_VOICE },
    callbacks: {
      baseUrl: raw.CALLBACK_BASE_URL?.replace(/\/+$/, ''),
      issuer: raw.ACS_RESOURCE_ID ? { issuer: raw.ACS_CALLBACK_ISSUER, jwksUri: raw.ACS_CALLBACK_JWKS_URI, audience: raw.ACS_RESOURCE_ID } : null,
    },
    appBaseUrl: raw.APP_BASE_URL.replace(/\/+$/, ''),
    interviewSessions: {
      // Local runs only: a fixed development secret, so sessions survive a restart of `npm start`.
      secret: raw.INTERVIEW_SESSION_SECRET ?? 'local-development-only-interview-session-secret',
      ttlSeconds: raw.INTERVIEW_SESSION_TTL_MINUTES * 60,
    },
    abandonedInterviewAfterMs: raw.INTERVIEW_ABANDONED_AFTER_MINUTES * 60_000,
    practiceInterviewsPerDay: raw.PRACTICE_INTERVIEWS_PER_DAY,
    cvRetentionDays: raw.CV_RETENTION_DAYS,
    email:
      emailProvider === 'acs'
        ? {
            provider: 'acs',
            senderAddress: raw.EMAIL_SENDER_ADDRESS as string,
            connectionString: raw.ACS_EMAIL_CONNECTION_STRING,
            endpoint: raw.ACS_EMAIL_ENDPOINT,
            managedIdentityClientId: raw.AZURE_CLIENT_ID,
          }
        : { provider: 'local-mailbox', mailboxDir: resolve(dataDir, 'mailbox') },
    localHost: {
      port: raw.LOCAL_HOST_PORT,
      azuriteBlobPort: raw.AZURITE_BLOB_PORT,
      azuriteQueuePort: raw.AZURITE_QUEUE_PORT,
      corsAllowedOrigins: raw.CORS_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    },
  };
}
