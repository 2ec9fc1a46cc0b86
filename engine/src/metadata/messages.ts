import type { ErrorObject } from 'ajv';
import { withoutNoise } from './ajv-noise.ts';
import { pointerOf } from './json-pointer.ts';
import { describeLimit } from './limit-messages.ts';
import { MESSAGE_KEYWORD } from './message-keyword.ts';
import {
  type DescribeOptions,
  type LocalizedMessage,
  propertyName,
  type SchemaProblem,
  shown,
  subject,
} from './message-subject.ts';
import { explainPattern } from './patterns.ts';
import { FIELD_TYPES } from './types.ts';

export type { DescribeOptions, LocalizedMessage, SchemaProblem } from './message-subject.ts';

/** Options that only some field types take; naming the type explains why one is refused. */
const TYPE_SPECIFIC_FIELD_OPTIONS = new Set([
  'required',
  'unique',
  'indexed',
  'default',
  'min',
  'max',
  'minLength',
  'maxLength',
  'pattern',
  'precision',
  'scale',
  'values',
  'target',
  'inverse',
]);

/**
 * Turns ajv's errors into one problem per real mistake, worded for the people who make it:
 * staff editing metadata and residents filling in forms, in Japanese and English.
 */
export function describeAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  options: DescribeOptions = {},
): SchemaProblem[] {
  const problems = new Map<string, SchemaProblem>();
  for (const error of withoutNoise(errors ?? [])) {
    const problem = describe(error, options);
    problems.set(`${problem.pointer}\n${problem.code}\n${problem.message.en}`, problem);
  }
  return [...problems.values()];
}

function describe(error: ErrorObject, options: DescribeOptions): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  if (error.propertyName !== undefined) return describePropertyName(error, options);
  const own = ownMessage(error, options);
  if (own) return own;
  switch (error.keyword) {
    case 'required':
      return missingProperty(at, String(params.missingProperty), options);
    case 'additionalProperties':
      return unknownProperty(at, String(params.additionalProperty), options);
    case 'unevaluatedProperties':
      return unknownProperty(at, String(params.unevaluatedProperty), options);
    case 'type':
      return typeMismatch(at, String(params.type).split(','), options);
    case 'enum':
      return notAllowed(at, error.data, params.allowedValues as unknown[], options);
    case 'const':
      return notAllowed(at, error.data, [params.allowedValue], options, 'schema.const');
    case 'pattern':
      return patternMismatch(error, options);
    case 'format':
      return formatMismatch(at, String(params.format), options);
    default:
      return describeLimit(error, options) ?? fallback(error, options);
  }
}

function missingProperty(at: string, property: string, options: DescribeOptions): SchemaProblem {
  const name = propertyName(at, property, options);
  const where = subject(at, options);
  return {
    pointer: `${at}${pointerOf(property)}`,
    code: 'schema.required',
    message:
      at === ''
        ? { ja: `必須の項目「${name.ja}」がありません。`, en: `The required property "${name.en}" is missing.` }
        : {
            ja: `${where.ja}に必須の項目「${name.ja}」がありません。`,
            en: `${where.en} is missing the required property "${name.en}".`,
          },
  };
}

function unknownProperty(at: string, property: string, options: DescribeOptions): SchemaProblem {
  const where = subject(at, options);
  const pointer = `${at}${pointerOf(property)}`;
  const code = 'schema.additionalProperties';
  const fieldType = misfitFieldType(at, property, options.data);
  if (fieldType) {
    return {
      pointer,
      code,
      message: {
        ja: `${where.ja}の項目「${property}」は、型「${fieldType}」のフィールドでは使えません。`,
        en: `${where.en} has the property "${property}", which fields of type "${fieldType}" do not take.`,
      },
    };
  }
  return {
    pointer,
    code,
    message:
      at === ''
        ? { ja: `不明な項目「${property}」があります。`, en: `There is an unknown property "${property}".` }
        : {
            ja: `${where.ja}に不明な項目「${property}」があります。`,
            en: `${where.en} has an unknown property "${property}".`,
          },
  };
}

/** The field's type when `property` is an option that this type of field does not take. */
function misfitFieldType(at: string, property: string, data: unknown): string | undefined {
  if (!TYPE_SPECIFIC_FIELD_OPTIONS.has(property) || !/^\/fields\/\d+$/.test(at)) return undefined;
  const fields = (data as { fields?: unknown } | undefined)?.fields;
  const field = Array.isArray(fields) ? fields[Number(at.slice('/fields/'.length))] : undefined;
  const type = (field as { type?: unknown } | undefined)?.type;
  return (FIELD_TYPES as readonly unknown[]).includes(type) ? (type as string) : undefined;
}

const TYPE_NAMES: Record<string, LocalizedMessage> = {
  string: { ja: '文字列', en: 'a string' },
  number: { ja: '数値', en: 'a number' },
  integer: { ja: '整数', en: 'a whole number' },
  boolean: { ja: '真偽値（true または false）', en: 'true or false' },
  object: { ja: 'オブジェクト（{ }）', en: 'an object ({ })' },
  array: { ja: '配列（[ ]）', en: 'an array ([ ])' },
  null: { ja: 'null', en: 'null' },
};

function typeMismatch(at: string, types: string[], options: DescribeOptions): SchemaProblem {
  const where = subject(at, options);
  const names = types.map((type) => TYPE_NAMES[type] ?? { ja: type, en: type });
  return {
    pointer: at,
    code: 'schema.type',
    message: {
      ja: `${where.ja}は${names.map((name) => name.ja).join('または')}でなければなりません。`,
      en: `${where.en} must be ${names.map((name) => name.en).join(' or ')}.`,
    },
  };
}

function notAllowed(
  at: string,
  value: unknown,
  allowed: unknown[],
  options: DescribeOptions,
  code = 'schema.enum',
): SchemaProblem {
  const where = subject(at, options);
  const list = allowed.map((candidate) => shown(candidate)).join(', ');
  if (allowed.length === 1) {
    return {
      pointer: at,
      code,
      message: { ja: `${where.ja}は ${list} でなければなりません。`, en: `${where.en} must be ${list}.` },
    };
  }
  const rejected =
    value === undefined ? { ja: 'その値', en: 'that value' } : { ja: ` ${shown(value)} `, en: shown(value) };
  return {
    pointer: at,
    code,
    message: {
      ja: `${where.ja}に${rejected.ja}は使えません。使える値: ${list}。`,
      en: `${where.en} cannot be ${rejected.en}. Allowed values: ${list}.`,
    },
  };
}

/** A plugin field type's own sentence (`x-kiban-message`) replaces the schema's wording. */
function ownMessage(error: ErrorObject, options: DescribeOptions): SchemaProblem | undefined {
  const message = (error.parentSchema as Record<string, unknown> | undefined)?.[MESSAGE_KEYWORD] as
    | LocalizedMessage
    | undefined;
  if (!message) return undefined;
  const where = subject(error.instancePath, options);
  return {
    pointer: error.instancePath,
    code: `schema.${error.keyword}`,
    message: { ja: `${where.ja}: ${message.ja}`, en: `${where.en}: ${message.en ?? message.ja}` },
  };
}

function patternMismatch(error: ErrorObject, options: DescribeOptions): SchemaProblem {
  const at = error.instancePath;
  const value = error.data;
  const pattern = String(error.params.pattern);
  const where = subject(at, options);
  // Without ajv's `verbose` option the offending value is not on the error.
  const quoted = value === undefined ? { ja: '', en: '' } : { ja: `の ${shown(value)} `, en: `: ${shown(value)}` };
  const explanation = explainPattern(pattern) ?? explanationFrom(error.parentSchema);
  return {
    pointer: at,
    code: 'schema.pattern',
    message: explanation
      ? {
          ja: `${where.ja}${quoted.ja}は形式が正しくありません。${explanation.ja}`,
          en: `${where.en}${quoted.en} is not valid. ${explanation.en}`,
        }
      : {
          ja: `${where.ja}${quoted.ja}は決められた形式（${pattern}）に合いません。`,
          en: `${where.en}${quoted.en} does not match the required pattern ${pattern}.`,
        },
  };
}

/** A property name that fails `propertyNames`, e.g. a filter on a badly written field name. */
function describePropertyName(error: ErrorObject, options: DescribeOptions): SchemaProblem {
  const at = error.instancePath;
  const name = String(error.propertyName);
  const where = subject(at, options);
  const explanation = error.keyword === 'pattern' ? explanationFrom(error.parentSchema) : undefined;
  return {
    pointer: `${at}${pointerOf(name)}`,
    code: `schema.${error.keyword === 'pattern' ? 'pattern' : 'propertyName'}`,
    message: {
      ja: `${where.ja}の名前「${name}」は使えません。${explanation?.ja ?? ''}`.trimEnd(),
      en: `${where.en} cannot use the name "${name}". ${explanation?.en ?? ''}`.trimEnd(),
    },
  };
}

const FORMAT_NAMES: Record<string, LocalizedMessage> = {
  email: { ja: 'メールアドレス（例: name@example.jp）', en: 'an email address (e.g. name@example.jp)' },
  date: { ja: '日付（YYYY-MM-DD、例: 2025-04-01）', en: 'a date as YYYY-MM-DD (e.g. 2025-04-01)' },
  'date-time': {
    ja: 'タイムゾーン付きの日時（例: 2025-04-01T09:30:00+09:00）',
    en: 'a date and time with time zone (e.g. 2025-04-01T09:30:00+09:00)',
  },
  uuid: {
    ja: 'UUID（例: 0b6f3c1e-8a4d-4f7b-9c2e-1d5a6b7c8d9e）',
    en: 'a UUID (e.g. 0b6f3c1e-8a4d-4f7b-9c2e-1d5a6b7c8d9e)',
  },
};

function formatMismatch(at: string, format: string, options: DescribeOptions): SchemaProblem {
  const where = subject(at, options);
  const name = FORMAT_NAMES[format] ?? { ja: `「${format}」の形式`, en: `in the format "${format}"` };
  return {
    pointer: at,
    code: 'schema.format',
    message: { ja: `${where.ja}は${name.ja}で入力してください。`, en: `${where.en} must be ${name.en}.` },
  };
}

function fallback(error: ErrorObject, options: DescribeOptions): SchemaProblem {
  const where = subject(error.instancePath, options);
  const alternatives = error.keyword === 'anyOf' || error.keyword === 'oneOf';
  return {
    pointer: error.instancePath,
    code: `schema.${error.keyword}`,
    message: alternatives
      ? {
          ja: `${where.ja}は使える形のどれにも当てはまりません。`,
          en: `${where.en} does not match any of the allowed forms.`,
        }
      : {
          ja: `${where.ja}が正しくありません（${error.message}）。`,
          en: `${where.en} is not valid (${error.message}).`,
        },
  };
}

/**
 * The language's schemas describe each pattern in both languages as "日本語 / English" so that
 * the designer's editor and these messages explain it the same way. Needs ajv's `verbose`.
 * The Japanese part ends with "。", then " / " or "/ " starts the English part.
 */
function explanationFrom(schema: unknown): LocalizedMessage | undefined {
  const description = (schema as { description?: unknown } | undefined)?.description;
  if (typeof description !== 'string') return undefined;
  const [ja, en, ...rest] = description.split(/(?<=。) ?\/ /);
  if (rest.length) return undefined;
  return ja && en ? { ja, en } : undefined;
}
