import type { QueryField } from './query-fields.ts';
import { canonicalDate, canonicalDateTime, canonicalDecimal, canonicalUuid } from './values.ts';

export type Coerced = { ok: true; value: unknown } | { ok: false; code: string; message: { ja: string; en: string } };

/** The value that stands for the signed-in principal's id in filters and row policies. */
export const CURRENT_USER = '$user';

const INTEGER = /^[-+]?\d+$/;

const invalid = (ja: string, en: string): Coerced => ({ ok: false, code: 'filter.invalidValue', message: { ja, en } });

/**
 * Converts one filter value to the property's type. Values from a query string arrive as
 * strings ("3", "true"), values from JSON bodies and metadata with their own types.
 * `userId` replaces `"$user"`; pass `undefined` where `"$user"` has no meaning (cursors).
 */
export function coerceValue(field: QueryField, raw: unknown, user: { userId?: string } | undefined): Coerced {
  if (user && raw === CURRENT_USER) {
    if (user.userId === undefined) {
      return {
        ok: false,
        code: 'filter.noUser',
        message: {
          ja: '"$user" はサインインしているときだけ使えます。',
          en: '"$user" can only be used when signed in.',
        },
      };
    }
    return coerceValue(field, user.userId, undefined);
  }
  switch (field.kind) {
    case 'text':
      return coerceText(field, raw);
    case 'integer': {
      const value = typeof raw === 'string' && INTEGER.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return { ok: true, value };
      return invalid('整数を指定してください。', 'Expected an integer.');
    }
    case 'decimal': {
      const value = canonicalDecimal(raw);
      return value === undefined ? invalid('数値を指定してください。', 'Expected a number.') : { ok: true, value };
    }
    case 'boolean':
      if (raw === true || raw === 'true') return { ok: true, value: true };
      if (raw === false || raw === 'false') return { ok: true, value: false };
      return invalid('true か false を指定してください。', 'Expected true or false.');
    case 'date': {
      const value = canonicalDate(raw);
      return value === undefined
        ? invalid('日付を YYYY-MM-DD の形式で指定してください。', 'Expected a date as YYYY-MM-DD.')
        : { ok: true, value };
    }
    case 'datetime': {
      const value = canonicalDateTime(raw);
      return value === undefined
        ? invalid(
            '日時をタイムゾーン付きの ISO 8601 形式で指定してください。',
            'Expected an ISO 8601 date-time with a time zone.',
          )
        : { ok: true, value };
    }
    case 'uuid': {
      const value = canonicalUuid(raw);
      return value === undefined
        ? invalid('ID（UUID）を指定してください。', 'Expected an id (UUID).')
        : { ok: true, value };
    }
    default:
      return invalid('この項目は値で比較できません。', 'This property cannot be compared with a value.');
  }
}

function coerceText(field: QueryField, raw: unknown): Coerced {
  const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof value !== 'string') return invalid('文字列を指定してください。', 'Expected a string.');
  if (value.includes('\0'))
    return invalid('文字列に NUL 文字は使えません。', 'A string cannot contain NUL characters.');
  if (field.values && !field.values.includes(value)) {
    const allowed = field.values.join(', ');
    return invalid(`次のいずれかを指定してください：${allowed}`, `Expected one of: ${allowed}.`);
  }
  return { ok: true, value };
}
