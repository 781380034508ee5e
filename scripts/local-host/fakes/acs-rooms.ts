import { answered, error, type FakeAcsApi } from './acs-identity';

/**
 * The Rooms REST API (api-version 2025-03-13) as @azure/communication-rooms calls it, served beside the identity
 * fake on the same signed resource: `POST /rooms`, `PATCH /rooms/{id}`, `GET /rooms/{id}`, `DELETE /rooms/{id}`.
 * Checks what ACS checks: a window that ends after it starts, participants keyed by raw id with a known role.
 */
export interface FakeRoom {
  id: string;
  validFrom: string;
  validUntil: string;
  participants: Record<string, { role: string }>;
}

export interface FakeRooms {
  api: FakeAcsApi;
  rooms: Map<string, FakeRoom>;
  created: number;
  deleted: string[];
  /** Room creation waits this long (to make concurrent first reads overlap). */
  setCreateDelayMs(ms: number): void;
}

const API_VERSION = '2025-03-13';
const ROLES = new Set(['Presenter', 'Attendee', 'Consumer', 'Collaborator']);

export function fakeRooms(): FakeRooms {
  const rooms = new Map<string, FakeRoom>();
  const deleted: string[] = [];
  const state = { created: 0, createDelayMs: 0 };
  const send = (res: Parameters<FakeAcsApi>[3], status: number, room: FakeRoom) =>
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: room.id, createdAt: room.validFrom, validFrom: room.validFrom, validUntil: room.validUntil, pstnDialOutEnabled: false }));

  const api: FakeAcsApi = (req, url, body, res) => {
    const [collection, roomId, ...rest] = url.pathname.split('/').filter(Boolean);
    if (collection !== 'rooms' || rest.length > 0) return false;
    if (url.searchParams.get('api-version') !== API_VERSION) return answered(() => error(res, 400, 'BadRequest', 'Unsupported api-version.'));
    const input = (body ? JSON.parse(body) : {}) as { validFrom?: string; validUntil?: string; participants?: Record<string, { role?: string }> };
    if (req.method === 'POST' && !roomId) {
      const validFrom = input.validFrom ?? new Date().toISOString();
      const validUntil = input.validUntil ?? new Date(Date.parse(validFrom) + 180 * 60_000).toISOString();
      if (!(Date.parse(validUntil) > Date.parse(validFrom))) return answered(() => error(res, 400, 'BadRequest', 'validUntil must be after validFrom.'));
      const participants = input.participants ?? {};
      if (!Object.entries(participants).every(([rawId, p]) => rawId.startsWith('8:acs:') && ROLES.has(p.role ?? ''))) {
        return answered(() => error(res, 400, 'BadRequest', 'Invalid participants.'));
      }
      const room: FakeRoom = { id: String(Math.floor(Math.random() * 9e17) + 1e17), validFrom, validUntil, participants: participants as FakeRoom['participants'] };
      setTimeout(() => {
        rooms.set(room.id, room);
        state.created += 1;
        send(res, 201, room);
      }, state.createDelayMs);
      return true;
    }
    const room = roomId ? rooms.get(roomId) : undefined;
    if (!room) return answered(() => error(res, 404, 'NotFound', `No room ${roomId ?? ''}.`));
    if (req.method === 'GET') return answered(() => send(res, 200, room));
    if (req.method === 'DELETE') {
      rooms.delete(room.id);
      deleted.push(room.id);
      return answered(() => res.writeHead(204).end());
    }
    if (req.method === 'PATCH') {
      if (input.validUntil) room.validUntil = input.validUntil;
      return answered(() => send(res, 200, room));
    }
    return answered(() => error(res, 405, 'MethodNotAllowed', 'Not supported.'));
  };
  return {
    api,
    rooms,
    get created() {
      return state.created;
    },
    deleted,
    setCreateDelayMs: (ms) => void (state.createDelayMs = ms),
  };
}
