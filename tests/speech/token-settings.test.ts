import { ConfigError, loadSettings } from '../../shared/config/settings';

function problemsOf(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const RESOURCE_ID = '/subscriptions/s/resourceGroups/g/providers/Microsoft.CognitiveServices/accounts/talenti-speech';

describe('speech and ACS settings', () => {
  it('default to Australia East with nothing configured (503 at request time)', () => {
    const { speech, acs } = loadSettings({});
    expect(speech.resource).toEqual({ region: 'australiaeast', key: undefined, endpoint: undefined, resourceId: undefined });
    expect(speech.avatar).toEqual(speech.resource);
    expect(acs.endpoint).toBeUndefined();
  });

  it('use the main Speech resource for the avatar in the same region', () => {
    const { speech } = loadSettings({ SPEECH_KEY: 'k', SPEECH_ENDPOINT: 'https://talenti.cognitiveservices.azure.com', AVATAR_SPEECH_REGION: 'australiaeast' });
    expect(speech.avatar).toEqual(speech.resource);
  });

  it("never use the main resource's key or domain for an avatar in another region (keys are valid in their region only)", () => {
    const { speech } = loadSettings({ SPEECH_KEY: 'k', SPEECH_ENDPOINT: 'https://talenti.cognitiveservices.azure.com', SPEECH_RESOURCE_ID: RESOURCE_ID, AVATAR_SPEECH_REGION: 'southeastasia' });
    expect(speech.avatar).toEqual({ region: 'southeastasia', key: undefined, endpoint: undefined, resourceId: undefined });
    expect(loadSettings({ SPEECH_KEY: 'k', AVATAR_SPEECH_REGION: 'southeastasia', AVATAR_SPEECH_KEY: 'a' }).speech.avatar).toEqual({
      region: 'southeastasia', key: 'a', endpoint: undefined, resourceId: undefined,
    });
  });

  it('take the speech identity from SPEECH_MANAGED_IDENTITY_CLIENT_ID, else AZURE_CLIENT_ID', () => {
    const app = '11111111-1111-4111-8111-111111111111';
    const speechOnly = '22222222-2222-4222-8222-222222222222';
    expect(loadSettings({ AZURE_CLIENT_ID: app }).speech.managedIdentityClientId).toBe(app);
    expect(loadSettings({ AZURE_CLIENT_ID: app, SPEECH_MANAGED_IDENTITY_CLIENT_ID: speechOnly }).speech.managedIdentityClientId).toBe(speechOnly);
  });

  it('read the ACS endpoint and access key from the connection string', () => {
    expect(loadSettings({ ACS_CONNECTION_STRING: 'endpoint=https://talenti.communication.azure.com/;accesskey=c2VjcmV0' }).acs).toEqual({
      endpoint: 'https://talenti.communication.azure.com/',
      accessKey: 'c2VjcmV0',
    });
    expect(loadSettings({ ACS_ENDPOINT: 'https://talenti.communication.azure.com' }).acs).toEqual({ endpoint: 'https://talenti.communication.azure.com', managedIdentityClientId: undefined });
  });

  it.each([
    [{ SPEECH_REGION: 'evil.example/x' }, /SPEECH_REGION: .*expected the region of the Speech resource/],
    [{ AVATAR_SPEECH_REGION: 'South East Asia' }, /AVATAR_SPEECH_REGION: .*outside Australia/],
    [{ SPEECH_RESOURCE_ID: 'talenti-speech' }, /SPEECH_RESOURCE_ID: .*\/subscriptions\//],
    [{ ACS_ENDPOINT: 'https://a.communication.azure.com', ACS_CONNECTION_STRING: 'endpoint=https://a.communication.azure.com/;accesskey=eA==' }, /set either ACS_ENDPOINT .* or ACS_CONNECTION_STRING, not both/],
  ])('reject %p', (env, expected) => {
    expect(problemsOf(env as Record<string, string>)).toMatch(expected);
  });

  it('reject a malformed connection string without repeating the key', () => {
    const message = problemsOf({ ACS_CONNECTION_STRING: 'accesskey=super-secret-key-value' });
    expect(message).toMatch(/ACS_CONNECTION_STRING: must look like endpoint=/);
    expect(message).not.toContain('super-secret-key-value');
  });
});
