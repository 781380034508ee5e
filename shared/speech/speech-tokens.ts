import { appCredential } from '../identity/app-credential';
import type { SpeechResourceSettings, SpeechSettings } from '../config/settings';
import { ServiceUnavailableError } from '../errors';
import type { Logger } from '../observability/logger';
import type { AvatarRelayToken } from './avatar-relay-token';
import { SingleFlightCache, type Expiring } from './single-flight-cache';
import { SpeechResource, type SpeechAuth, type SpeechToken } from './speech-resource';

/** Which Speech resource a browser token is for: speech to text and text to speech, or the avatar. */
export type SpeechPurpose = 'speech' | 'avatar';

const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
const ENTRA_REFRESH_MARGIN_MS = 60_000;

function sameResource(a: SpeechResourceSettings, b: SpeechResourceSettings): boolean {
  return a.region === b.region && a.key === b.key && a.endpoint === b.endpoint && a.resourceId === b.resourceId;
}

/**
 * The Speech tokens the browser needs, built once per process so their caches are shared by every request.
 * A resource without a key or a resource id answers 503 naming the setting to add (e.g. under `npm start`).
 */
export class SpeechTokens {
  readonly #speech: SpeechResource | string;
  readonly #avatar: SpeechResource | string;
  readonly #entraTokens: SingleFlightCache<string>;

  constructor(
    private readonly settings: SpeechSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.#entraTokens = new SingleFlightCache(ENTRA_REFRESH_MARGIN_MS, now);
    this.#speech = this.#resource(settings.resource, 'SPEECH');
    this.#avatar = sameResource(settings.avatar, settings.resource) ? this.#speech : this.#resource(settings.avatar, 'AVATAR_SPEECH');
  }

  browserToken(purpose: SpeechPurpose, log: Logger): Promise<SpeechToken> {
    return this.#configured(purpose === 'avatar' ? this.#avatar : this.#speech).browserToken(log);
  }

  avatarRelayToken(log: Logger): Promise<AvatarRelayToken> {
    return this.#configured(this.#avatar).relayToken(log);
  }

  #configured(resource: SpeechResource | string): SpeechResource {
    if (typeof resource === 'string') throw new ServiceUnavailableError(resource);
    return resource;
  }

  #resource(settings: SpeechResourceSettings, prefix: 'SPEECH' | 'AVATAR_SPEECH'): SpeechResource | string {
    const auth: SpeechAuth | null = settings.key
      ? { kind: 'key', key: settings.key }
      : settings.resourceId
        ? { kind: 'entra', resourceId: settings.resourceId, entraToken: (log) => this.#entraToken(log) }
        : null;
    if (!auth) {
      const which = prefix === 'SPEECH' ? 'Speech' : `The avatar's Speech resource (${settings.region})`;
      return `${which} is not configured on this server: set ${prefix}_KEY, or ${prefix}_RESOURCE_ID to use Microsoft Entra ID.`;
    }
    return new SpeechResource(settings.region, settings.endpoint, auth, this.now);
  }

  #entraToken(log: Logger): Promise<Expiring<string>> {
    return this.#entraTokens.get(async () => {
      const accessToken = await appCredential(this.settings.managedIdentityClientId).getToken(COGNITIVE_SERVICES_SCOPE).catch((error: unknown) => {
        log.warn('no Microsoft Entra token for speech', { reason: error instanceof Error ? error.name : 'unknown' });
        return null;
      });
      if (!accessToken) throw new ServiceUnavailableError('Could not get a Microsoft Entra token for the speech service; try again shortly.', 5);
      return { value: accessToken.token, expiresAt: accessToken.expiresOnTimestamp };
    });
  }
}
