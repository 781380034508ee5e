import { z } from 'zod';
import { defineHttpFunction, json } from '../../shared/http/definition';

export const avatarRelayTokenFunction = defineHttpFunction({
  name: 'avatar-relay-token',
  route: 'avatar-relay-token',
  methods: ['GET'],
  access: 'user-or-session',
  summary: "The avatar's WebRTC relay (TURN) credentials",
  description:
    "Replaces the browser's direct call to Azure: Azure's `{Urls, Username, Password}` as `{urls, username, credential}`, " +
    'ready for `new RTCPeerConnection({iceServers: [...]})`, with only the TURN URLs. Fetched from the region of the ' +
    "avatar's Speech resource (AVATAR_SPEECH_REGION) and shared by all callers for a few minutes. Staff tokens or interview session tokens.",
  tags: ['tokens'],
  responses: {
    200: {
      description: 'The relay credentials.',
      schema: z
        .object({
          urls: z.array(z.string()).describe('turn: URLs only.'),
          username: z.string(),
          credential: z.string(),
        })
        .meta({ id: 'AvatarRelayToken' }),
    },
    502: { description: 'The Speech service refused, or answered without a TURN server.' },
    503: { description: "The avatar's Speech resource is not configured, or the Speech service is busy or unreachable (Retry-After)." },
  },
  handle: async ({ services, log }) => json(200, await services.speech.avatarRelayToken(log), { 'cache-control': 'no-store' }),
});
