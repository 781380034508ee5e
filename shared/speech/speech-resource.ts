import { UpstreamError } from '../errors';
import type { Logger } from '../observability/logger';
import { normaliseRelayToken, type AvatarRelayToken } from './avatar-relay-token';
import { SingleFlightCache, type Expiring } from './single-flight-cache';
import { callSpeechService } from './speech-upstream';
import { isPlausibleStsToken, stsTokenExpiry } from './sts-token';

/** What the browser's Speech SDK takes: `SpeechConfig.fromAuthorizationToken(token, region)`. */
export interface SpeechToken {
  token: string;
  region: string;
  /** Seconds the token stays valid. */
  expiresIn: number;
}

/** How we authenticate to a Speech resource: its key, or a Microsoft Entra token of our managed identity. */
export type SpeechAuth =
  | { kind: 'key'; key: string }
  | { kind: 'entra'; resourceId: string; entraToken: (log: Logger) => Promise<Expiring<string>> };

/** A token is handed out until a minute before it ends, so the browser always gets one it can use for a while. */
const REFRESH_MARGIN_MS = 60_000;
/**
 * Azure does not say how long relay credentials last (the Communication Services relay behind them issues
 * credentials valid for hours), so one is reused for five minutes only.
 */
const RELAY_REUSE_MS = 5 * 60_000;

/** One Azure Speech resource: browser tokens and avatar relay credentials, each cached and fetched once at a time. */
export class SpeechResource {
  readonly #stsTokens: SingleFlightCache<string>;
  readonly #relayTokens: SingleFlightCache<AvatarRelayToken>;

  constructor(
    readonly region: string,
    private readonly endpoint: string | undefined,
    private readonly auth: SpeechAuth,
    private readonly now: () => number = Date.now,
  ) {
    this.#stsTokens = new SingleFlightCache(REFRESH_MARGIN_MS, now);
    this.#relayTokens = new SingleFlightCache(0, now);
  }

  /** With a key: an STS token (ten minutes). With Entra ID: `aad#<resource id>#<Entra token>`, as the Speech SDK takes it. */
  async browserToken(log: Logger): Promise<SpeechToken> {
    const auth = this.auth;
    const { value, expiresAt } =
      auth.kind === 'key'
        ? await this.#stsTokens.get(() => this.#issueStsToken(auth.key, log))
        : await auth.entraToken(log).then((entra) => ({ value: `aad#${auth.resourceId}#${entra.value}`, expiresAt: entra.expiresAt }));
    return { token: value, region: this.region, expiresIn: Math.max(0, Math.floor((expiresAt - this.now()) / 1000)) };
  }

  async relayToken(log: Logger): Promise<AvatarRelayToken> {
    const { value } = await this.#relayTokens.get(() => this.#fetchRelayToken(log));
    return value;
  }

  #url(regionalHost: string, customDomainPath: string, path: string): string {
    return this.endpoint ? `${this.endpoint.replace(/\/+$/, '')}${customDomainPath}${path}` : `https://${this.region}.${regionalHost}${path}`;
  }

  async #issueStsToken(key: string, log: Logger): Promise<Expiring<string>> {
    const issuedAt = this.now();
    const response = await callSpeechService(
      this.#url('api.cognitive.microsoft.com', '', '/sts/v1.0/issueToken'),
      { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': key, 'content-type': 'application/x-www-form-urlencoded' } },
      'a speech token',
      log,
    );
    const token = (await response.text()).trim();
    if (!isPlausibleStsToken(token)) throw new UpstreamError('The speech service answered with something that is not a token.');
    return { value: token, expiresAt: stsTokenExpiry(token, issuedAt) };
  }

  async #fetchRelayToken(log: Logger): Promise<Expiring<AvatarRelayToken>> {
    const headers: Record<string, string> =
      this.auth.kind === 'key'
        ? { 'Ocp-Apim-Subscription-Key': this.auth.key }
        : { authorization: `Bearer aad#${this.auth.resourceId}#${(await this.auth.entraToken(log)).value}` };
    const fetchedAt = this.now();
    const response = await callSpeechService(
      this.#url('tts.speech.microsoft.com', '/tts', '/cognitiveservices/avatar/relay/token/v1'),
      { method: 'GET', headers: { ...headers, accept: 'application/json' } },
      'avatar relay credentials',
      log,
    );
    const token = normaliseRelayToken(await response.json().catch(() => null));
    if (!token) throw new UpstreamError('The speech service answered with relay credentials we cannot use (no TURN server).');
    return { value: token, expiresAt: fetchedAt + RELAY_REUSE_MS };
  }
}
