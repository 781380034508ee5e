import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSettings } from '../../shared/config/settings';
import { freePort, runScript } from '../support/processes';

function problemsOf(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

/** Every setting a complete Azure deployment gives the app (TALENTI_ENV aside). */
const COMPLETE_AZURE = {
    SQL_SERVER: 'talenti.database.windows.net',
    SQL_DATABASE: 'talenti',
    STORAGE_ACCOUNT_URL: 'https://talenti.blob.core.windows.net',
    STORAGE_QUEUE_URL: 'https://talenti.queue.core.windows.net',
    AZURE_OPENAI_ENDPOINT: 'https://talenti-aoai.openai.azure.com',
    AI_MODEL: 'gpt-4o',
    INTERVIEW_SESSION_SECRET: 'a-long-random-secret-from-key-vault-0123456789',
    ACS_EMAIL_ENDPOINT: 'https://talenti-acs.australia.communication.azure.com',
    EMAIL_SENDER_ADDRESS: 'DoNotReply@mail.talenti.com.au',
    AUTH_ISSUERS: JSON.stringify([{ issuer: 'https://login.microsoftonline.com/t/v2.0', jwksUri: 'https://login.microsoftonline.com/t/discovery/v2.0/keys', audience: 'api://talenti' }]),
};

describe('settings', () => {
  it('runs locally on embedded defaults: SQLite, Azurite, the dev issuer', () => {
    const settings = loadSettings({});
    expect(settings.environment).toBe('local');
    expect(settings.database.provider).toBe('sqlite');
    expect(settings.storage.kind).toBe('connection-string');
    expect(settings.auth.issuers).toEqual([settings.auth.devIssuer]);
  });

  it('records interview calls as audio in wav, mixed, unless told otherwise; unmixed only as wav', () => {
    expect(loadSettings({}).recording).toEqual({ format: 'wav', channel: 'mixed' });
    expect(loadSettings({ RECORDING_FORMAT: 'mp3' }).recording).toEqual({ format: 'mp3', channel: 'mixed' });
    expect(() => loadSettings({ RECORDING_FORMAT: 'mp4' })).toThrow(/RECORDING_FORMAT/);
    expect(() => loadSettings({ RECORDING_FORMAT: 'mp3', RECORDING_CHANNEL: 'unmixed' })).toThrow(/RECORDING_FORMAT: an 'unmixed' recording/);
  });

  it('places staff calls from an E.164 caller number, if any, and speaks in an en-AU voice; anything else refused on Azure too', () => {
    expect(loadSettings({}).calls).toEqual({ callerNumber: undefined, voice: 'en-AU-NatashaNeural' });
    expect(loadSettings({ ACS_CALLER_NUMBER: '+61291234567', CALL_TTS_VOICE: 'en-AU-WilliamNeural' }).calls).toEqual({ callerNumber: '+61291234567', voice: 'en-AU-WilliamNeural' });
    expect(() => loadSettings({ ACS_CALLER_NUMBER: '02 9123 4567' })).toThrow(/ACS_CALLER_NUMBER: must be a phone number in E.164 form; expected the Communication Services phone number/);
    expect(problemsOf({ TALENTI_ENV: 'azure', ACS_CALLER_NUMBER: '0291234567' })).toMatch(/ACS_CALLER_NUMBER: must be a phone number in E.164 form/);
    expect(() => loadSettings({ CALL_TTS_VOICE: 'en-US-JennyNeural' })).toThrow(/CALL_TTS_VOICE: must be an en-AU neural voice/);
  });

  it('names each missing setting an Azure deployment needs and what it should look like', () => {
    const message = problemsOf({ TALENTI_ENV: 'azure' });
    expect(message).toMatch(/SQL_SERVER: required when DATABASE_PROVIDER=mssql; expected the Azure SQL server host name/);
    expect(message).toMatch(/SQL_DATABASE: required/);
    expect(message).toMatch(/STORAGE_ACCOUNT_URL: required/);
    expect(message).toMatch(/STORAGE_QUEUE_URL: required when TALENTI_ENV=azure; expected the queue endpoint/);
    expect(message).toMatch(/AUTH_ISSUERS: required/);
    expect(message).toMatch(/AZURE_OPENAI_ENDPOINT: required when AI_PROVIDER=azure/);
    expect(message).toMatch(/AI_MODEL: required/);
  });

  it('accepts a complete Azure configuration without a dev issuer', () => {
    const settings = loadSettings({ TALENTI_ENV: 'azure', ...COMPLETE_AZURE });
    expect(settings.database).toMatchObject({ provider: 'mssql', authentication: 'managed-identity', port: 1433 });
    expect(settings.auth.devIssuer).toBeUndefined();
    expect(settings.queues).toEqual({ kind: 'account-url', accountUrl: 'https://talenti.queue.core.windows.net', managedIdentityClientId: undefined });
    expect(settings.ai).toMatchObject({ provider: 'azure', models: { interviewer: 'gpt-4o', scoring: 'gpt-4o', extraction: 'gpt-4o' } });
  });

  it.each([
    [{ DATABASE_PROVIDER: 'postgres' }, /DATABASE_PROVIDER: .*expected 'sqlite' \(local default\) or 'mssql'/],
    [{ LOCAL_HOST_PORT: 'seventy' }, /LOCAL_HOST_PORT/],
    [{ AUTH_ISSUERS: '[{"issuer": 1}]' }, /AUTH_ISSUERS: .*expected a JSON array/],
    [{ AUTH_ISSUERS: 'not json' }, /AUTH_ISSUERS: is not valid JSON/],
    [{ RATE_LIMITS: '{"ai-interviewer": {"windowSeconds": 0, "max": 1}}' }, /RATE_LIMITS: ai-interviewer.windowSeconds/],
    [{ DATABASE_PROVIDER: 'mssql', SQL_SERVER: 's', SQL_DATABASE: 'd', SQL_AUTHENTICATION: 'sql-password' }, /SQL_USER: required when SQL_AUTHENTICATION=sql-password/],
    [{ TALENTI_ENV: 'azure', DATABASE_PROVIDER: 'sqlite' }, /'sqlite' is for local runs only/],
  ])('rejects %p', (env, expected) => {
    expect(problemsOf(env as Record<string, string>)).toMatch(expected);
  });

  describe('fails closed on the Azure Functions platform', () => {
    // What the platform sets on every Function App; TALENTI_ENV deliberately left out (the forgotten setting).
    const platform = { WEBSITE_SITE_NAME: 'func-talenti-dev', WEBSITE_INSTANCE_ID: '0123abcd' };
    const without = (name: keyof typeof COMPLETE_AZURE) => Object.fromEntries(Object.entries(COMPLETE_AZURE).filter(([key]) => key !== name));

    it('treats the platform as Azure even when TALENTI_ENV is missing', () => {
      const settings = loadSettings({ ...platform, ...COMPLETE_AZURE });
      expect(settings.environment).toBe('azure');
      expect(settings.auth.devIssuer).toBeUndefined();
      expect(settings.database.provider).toBe('mssql');
    });

    it.each([
      ['TALENTI_ENV=local', { ...COMPLETE_AZURE, TALENTI_ENV: 'local' }, /TALENTI_ENV: 'local' is refused on the Azure Functions platform/],
      ['the dev issuer (no AUTH_ISSUERS)', without('AUTH_ISSUERS'), /AUTH_ISSUERS: required/],
      ['the fixed local session secret', without('INTERVIEW_SESSION_SECRET'), /INTERVIEW_SESSION_SECRET: required/],
      ['SQLite', { ...COMPLETE_AZURE, DATABASE_PROVIDER: 'sqlite' }, /DATABASE_PROVIDER: 'sqlite' is for local runs only/],
      ['the local mailbox', { ...COMPLETE_AZURE, EMAIL_PROVIDER: 'local-mailbox' }, /EMAIL_PROVIDER: 'local-mailbox' is for local runs only/],
      ['the offline AI provider', { ...COMPLETE_AZURE, AI_PROVIDER: 'offline' }, /AI_PROVIDER: 'offline' .*AI_ALLOW_OFFLINE_ON_AZURE=true/],
      ['Azurite (no storage account)', without('STORAGE_ACCOUNT_URL'), /STORAGE_ACCOUNT_URL: required/],
      ['Azurite queues (no queue endpoint)', without('STORAGE_QUEUE_URL'), /STORAGE_QUEUE_URL: required/],
    ])('refuses %s', (_what, env, message) => {
      expect(problemsOf({ ...platform, ...env })).toMatch(message);
    });

    it('allows the offline AI provider only by the setting named for it', () => {
      const settings = loadSettings({ ...platform, ...COMPLETE_AZURE, AI_PROVIDER: 'offline', AI_ALLOW_OFFLINE_ON_AZURE: 'true' });
      expect(settings.ai.provider).toBe('offline');
    });
  });

  it('stops `npm start` with the missing setting named, before anything starts', async () => {
    const { code, stderr, stdout } = await runScript('start.js', [], {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'talenti-config-')),
      LOCAL_HOST_PORT: String(await freePort()),
      DATABASE_PROVIDER: 'mssql',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid configuration:\n\s+- SQL_SERVER: required when DATABASE_PROVIDER=mssql/);
    expect(stdout).not.toContain('ready');
  });
});
