import type { ActionContribution } from '@kiban/sdk';
import { RESIDENT_ROLE, residentOf } from '../roles.ts';

const channel = { enum: ['email', 'line', 'sms', 'push'] };
const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'];

/** One channel's contact: its address in that channel's form. */
const contactOf = (name: string, address: Record<string, unknown>) => ({
  required: ['channel', 'address'],
  additionalProperties: false,
  properties: {
    channel: { const: name },
    address: { type: 'string', minLength: 3, maxLength: 254, ...address },
    language: { enum: LANGUAGES },
  },
});

const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };

/** Switches one category off (or on again) for one channel; official notices ignore the switch. */
export const setPreference: ActionContribution<{ category: string; channel: string; enabled: boolean }> = {
  name: 'setPreference',
  label: { ja: '受け取り方を設定する', en: 'Set a preference' },
  input: {
    type: 'object',
    required: ['category', 'channel', 'enabled'],
    additionalProperties: false,
    properties: { category: { type: 'string', minLength: 1, maxLength: 50 }, channel, enabled: { type: 'boolean' } },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    await ctx.sql.query(
      `insert into preference (recipient, category, channel, enabled) values ($1, $2, $3, $4)
       on conflict (recipient, category, channel) do update set enabled = excluded.enabled`,
      [resident.id, input.category, input.channel, input.enabled],
    );
    return { ...input };
  },
};

/**
 * Where the resident is reached on a channel: an email address, a LINE user id (as the LINE
 * login of the portal links it), or a mobile number in E.164.
 */
export const setContact: ActionContribution<{ channel: string; address: string; language?: string }> = {
  name: 'setContact',
  label: { ja: '連絡先を登録する', en: 'Set a contact address' },
  input: {
    type: 'object',
    oneOf: [
      contactOf('email', { format: 'email' }),
      contactOf('line', { pattern: '^U[0-9a-f]{32}$' }),
      contactOf('sms', { pattern: '^\\+[1-9][0-9]{6,14}$' }),
    ],
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    await ctx.sql.query(
      `insert into contact (recipient, channel, address, language) values ($1, $2, $3, $4)
       on conflict (recipient, channel) do update set address = excluded.address, language = excluded.language`,
      [resident.id, input.channel, input.address, input.language ?? 'ja'],
    );
    return { channel: input.channel };
  },
};

/** Quiet hours in the city's time, e.g. 21:00–08:00; `null` times turn them off. */
export const setQuietHours: ActionContribution<{ starts: string | null; ends: string | null }> = {
  name: 'setQuietHours',
  label: { ja: '通知しない時間帯', en: 'Quiet hours' },
  input: {
    type: 'object',
    required: ['starts', 'ends'],
    additionalProperties: false,
    properties: { starts: { oneOf: [time, { type: 'null' }] }, ends: { oneOf: [time, { type: 'null' }] } },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    if (input.starts === null || input.ends === null) {
      await ctx.sql.query('delete from quiet_hours where recipient = $1', [resident.id]);
      return { quietHours: null };
    }
    await ctx.sql.query(
      `insert into quiet_hours (recipient, starts, ends) values ($1, $2, $3)
       on conflict (recipient) do update set starts = excluded.starts, ends = excluded.ends`,
      [resident.id, input.starts, input.ends],
    );
    return { quietHours: { starts: input.starts, ends: input.ends } };
  },
};

/** Official notices always reach the inbox; this chooses the channel they also come by. */
export const setOfficialChannel: ActionContribution<{ channel: string }> = {
  name: 'setOfficialChannel',
  label: { ja: '公式通知の受け取り方', en: 'Channel for official notices' },
  input: {
    type: 'object',
    required: ['channel'],
    additionalProperties: false,
    properties: { channel: { enum: ['inbox', 'email', 'line', 'sms'] } },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    await ctx.sql.query(
      `insert into official_channel (recipient, channel) values ($1, $2)
       on conflict (recipient) do update set channel = excluded.channel`,
      [resident.id, input.channel],
    );
    return { channel: input.channel };
  },
};

export const preferenceActions = [setPreference, setContact, setQuietHours, setOfficialChannel];
