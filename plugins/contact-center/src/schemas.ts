/** Input schemas shared by the actions (signed-in) and the public routes (anonymous visitors). */
const uuid = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
const clientId = { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' };
/** One chat message; longer text is refused (not cut), so nothing is silently lost. */
export const MAX_MESSAGE_CHARACTERS = 4000;
const body = { type: 'string', minLength: 1, maxLength: MAX_MESSAGE_CHARACTERS, pattern: '\\S' };
const languages = { enum: ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'] };
/** A chat starts in its page's language: the portal tags やさしい日本語 `ja-x-easy`, stored as `ja-easy`. */
const pageLanguages = { enum: [...languages.enum, 'ja-x-easy'] };

const object = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const startSchema = object(
  { channel: { enum: ['chat'] }, language: pageLanguages, category: { type: 'string', minLength: 1, maxLength: 40 } },
  [],
);
export const sendSchema = object({ conversationId: uuid, clientId, body }, ['conversationId', 'clientId', 'body']);
export const typingSchema = object({ conversationId: uuid, typing: { type: 'boolean' } }, ['conversationId', 'typing']);
export const readSchema = object({ conversationId: uuid, seq: { type: 'integer', minimum: 0 } }, [
  'conversationId',
  'seq',
]);
export const personSchema = object({ conversationId: uuid, shareProfile: { type: 'boolean' } }, ['conversationId']);
export const conversationSchema = object({ conversationId: uuid }, ['conversationId']);
const code = { type: 'string', pattern: '^[a-z0-9-]{1,40}$' };
const label = object({ ja: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', maxLength: 100 } }, [
  'ja',
]);
export const closeSchema = object(
  {
    conversationId: uuid,
    wrapUp: object({ code, note: { type: 'string', minLength: 1, maxLength: 2000 } }, ['code']),
  },
  ['conversationId'],
);
export const cannedReplySchema = object(
  {
    code,
    language: languages,
    queue: code,
    title: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    body,
  },
  ['code', 'language', 'title', 'body'],
);
export const cannedReplyKeySchema = object({ code, language: languages }, ['code', 'language']);
export const wrapUpCodeSchema = object(
  { code, label, active: { type: 'boolean' }, position: { type: 'integer', minimum: 0, maximum: 1000 } },
  ['code', 'label'],
);
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' };
const date = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' };
export const serviceHoursSchema = object(
  {
    weekly: {
      type: 'array',
      maxItems: 28,
      items: object({ weekday: { type: 'integer', minimum: 0, maximum: 6 }, opens: time, closes: time }, [
        'weekday',
        'opens',
        'closes',
      ]),
    },
    publicHolidaysClosed: { type: 'boolean' },
  },
  ['weekly', 'publicHolidaysClosed'],
);
export const closureDaySchema = object(
  { date, closed: { type: 'boolean' }, reason: { type: 'string', minLength: 1, maxLength: 200 } },
  ['date', 'closed'],
);
const isoInstant = {
  type: 'string',
  maxLength: 40,
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$',
};
export const callbackSchema = object(
  {
    conversationId: uuid,
    preferredAt: isoInstant,
    phone: { type: 'string', pattern: '^[0-9０-９+()（）\\- ー－]{6,30}$' },
    note: { type: 'string', minLength: 1, maxLength: 1000 },
  },
  ['conversationId', 'preferredAt'],
);
export const completeCallbackSchema = object({ id: uuid, outcome: { type: 'string', minLength: 1, maxLength: 1000 } }, [
  'id',
]);
export const alertSettingsSchema = object(
  {
    abandonmentWindowMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
    abandonmentMinCount: { type: 'integer', minimum: 1, maximum: 10000 },
    abandonmentMinRate: { type: 'number', minimum: 0, maximum: 1 },
  },
  ['abandonmentWindowMinutes', 'abandonmentMinCount', 'abandonmentMinRate'],
);
export const transferSchema = object(
  {
    conversationId: uuid,
    queue: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
    note: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  ['conversationId', 'queue'],
);
export const noteSchema = object({ conversationId: uuid, body: { type: 'string', minLength: 1, maxLength: 4000 } }, [
  'conversationId',
  'body',
]);
export const presenceSchema = object({ presence: { enum: ['available', 'busy', 'away'] } }, ['presence']);
export const queueSchema = object(
  {
    code: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
    label: object({ ja: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', maxLength: 100 } }, [
      'ja',
    ]),
    tier: { enum: ['operator', 'department'] },
    skill: { type: 'string', minLength: 1, maxLength: 60 },
    department: { type: 'string', minLength: 1, maxLength: 60 },
    category: { type: 'string', minLength: 1, maxLength: 40 },
    waitTargetSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
    overflowQueue: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
    overflowAfterSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
    nextResponseTargetSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
    resolutionTargetSeconds: { type: 'integer', minimum: 60, maximum: 2592000 },
    languages: { type: 'array', maxItems: 7, uniqueItems: true, items: languages },
    serviceHours: serviceHoursSchema,
  },
  ['code', 'label', 'tier', 'skill'],
);
export const operatorSchema = object(
  {
    principal: { type: 'string', minLength: 1, maxLength: 64 },
    displayName: { type: 'string', minLength: 1, maxLength: 60 },
    capacity: { type: 'integer', minimum: 1, maximum: 20 },
    skills: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 60 } },
    languages: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: languages },
  },
  ['principal', 'displayName', 'capacity', 'skills'],
);
export const caseSchema = object(
  {
    conversationId: uuid,
    subject: { type: 'string', minLength: 1, maxLength: 200 },
    category: { type: 'string', minLength: 1, maxLength: 40 },
    department: { type: 'string', minLength: 1, maxLength: 60 },
  },
  ['conversationId', 'subject', 'category', 'department'],
);

export interface StartInput {
  channel?: 'chat';
  language?: string;
  category?: string;
}
