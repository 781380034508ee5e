import { z } from 'zod';

/** The avatar's WebRTC relay (TURN) credentials in the shape RTCPeerConnection's iceServers take. */
export interface AvatarRelayToken {
  urls: string[];
  username: string;
  credential: string;
}

/** What Azure's relay token endpoint answers (PascalCase, `Password` for the credential). */
const AzureRelayTokenSchema = z.object({
  Urls: z.array(z.string().max(500)).min(1).max(20),
  Username: z.string().min(1).max(2000),
  Password: z.string().min(1).max(2000),
});

/** The docs advise passing only the TURN URLs to the peer connection; STUN ones are dropped. */
const TURN_URL = /^turns?:/i;

/** Our shape from Azure's, or null when the answer is not a relay token with at least one TURN URL. */
export function normaliseRelayToken(body: unknown): AvatarRelayToken | null {
  const parsed = AzureRelayTokenSchema.safeParse(body);
  if (!parsed.success) return null;
  const urls = parsed.data.Urls.filter((url) => TURN_URL.test(url));
  return urls.length > 0 ? { urls, username: parsed.data.Username, credential: parsed.data.Password } : null;
}
