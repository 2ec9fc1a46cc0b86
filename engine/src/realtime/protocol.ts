import { Ajv2020 } from 'ajv/dist/2020.js';
import type { LocalizedMessage } from '../errors.ts';

/**
 * What clients and the server say to each other on a realtime socket. A client sends
 * `kiban:join` / `kiban:leave`; the server sends `kiban:message`, `kiban:joined` (with the
 * room's `lastId`, to catch up from after a reconnect) and, for anything it refuses,
 * `kiban:error` — and nothing else happens.
 */
export const REALTIME_PATH = '/realtime';
export const CLIENT_EVENTS = { join: 'kiban:join', leave: 'kiban:leave' } as const;
export const SERVER_EVENTS = {
  message: 'kiban:message',
  joined: 'kiban:joined',
  left: 'kiban:left',
  error: 'kiban:error',
} as const;

export interface JoinRequest {
  channel: string;
  room: string;
  /** The last message id the client saw in this room; later ones are sent before `kiban:joined`. */
  since?: number;
  /**
   * A guest socket's proof that it may hear this room (an anonymous chat's conversation token),
   * checked by the channel's `authorizeGuest`; a signed-in socket's joins ignore it.
   */
  credential?: string;
}

export type LeaveRequest = Omit<JoinRequest, 'since' | 'credential'>;

const NAME = { type: 'string', minLength: 1, maxLength: 200 };
const ajv = new Ajv2020({ allErrors: true, strict: true });

export const isJoinRequest = ajv.compile<JoinRequest>({
  type: 'object',
  properties: {
    channel: NAME,
    room: NAME,
    since: { type: 'integer', minimum: 0 },
    credential: { type: 'string', minLength: 1, maxLength: 512 },
  },
  required: ['channel', 'room'],
  additionalProperties: false,
});

export const isLeaveRequest = ajv.compile<LeaveRequest>({
  type: 'object',
  properties: { channel: NAME, room: NAME },
  required: ['channel', 'room'],
  additionalProperties: false,
});

export interface RealtimeProblem {
  code: string;
  message: LocalizedMessage;
  /** The request it answers, when it named a channel and room. */
  channel?: string;
  room?: string;
}

export const PROBLEMS = {
  unauthenticated: {
    code: 'realtime.unauthenticated',
    message: { ja: 'サインインが必要です。', en: 'Sign-in is required.' },
  },
  sessionEnded: {
    code: 'realtime.sessionEnded',
    message: { ja: 'セッションが終了しました。', en: 'The session has ended.' },
  },
  invalidRequest: {
    code: 'realtime.invalidRequest',
    message: {
      ja: 'リクエストの形式が正しくありません。',
      en: 'The request is malformed: it needs a channel and a room (and optionally since).',
    },
  },
  unknownEvent: {
    code: 'realtime.unknownEvent',
    message: { ja: '不明なイベントです。', en: 'Unknown event: only kiban:join and kiban:leave are accepted.' },
  },
  tooManyRooms: {
    code: 'realtime.tooManyRooms',
    message: {
      ja: '一つの接続で参加できるルームの数を超えています。',
      en: 'This socket is in as many rooms as one socket may be; leave one first.',
    },
  },
  rateLimited: {
    code: 'realtime.rateLimited',
    message: {
      ja: '接続が多すぎます。しばらくしてからもう一度お試しください。',
      en: 'Too many connections or joins without signing in from this address; try again in a minute.',
    },
  },
  forbidden: {
    code: 'realtime.forbidden',
    message: { ja: 'このルームに参加する権限がありません。', en: 'You may not join this room.' },
  },
} satisfies Record<string, RealtimeProblem>;

/** Socket.io rooms are strings; a channel name never contains a NUL, so the pair stays unambiguous. */
export function roomKey(channel: string, room: string): string {
  return `${channel}\u0000${room}`;
}
