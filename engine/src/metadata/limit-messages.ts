import type { ErrorObject } from 'ajv';
import { pointerOf } from './json-pointer.ts';
import { type DescribeOptions, type SchemaProblem, subject } from './message-subject.ts';

/** How each limit keyword is worded; exclusive and inclusive bounds share a code. */
type LimitWording = { code: string; ja: (limit: string) => string; en: (limit: string) => string };

const LIMITS: Record<string, LimitWording> = {
  minLength: {
    code: 'schema.minLength',
    ja: (n) => `は ${n} 文字以上にしてください`,
    en: (n) => `must be at least ${n} characters long`,
  },
  maxLength: {
    code: 'schema.maxLength',
    ja: (n) => `は ${n} 文字以下にしてください`,
    en: (n) => `must be at most ${n} characters long`,
  },
  minimum: { code: 'schema.minimum', ja: (n) => `は ${n} 以上にしてください`, en: (n) => `must be ${n} or more` },
  exclusiveMinimum: {
    code: 'schema.minimum',
    ja: (n) => `は ${n} より大きくしてください`,
    en: (n) => `must be more than ${n}`,
  },
  maximum: { code: 'schema.maximum', ja: (n) => `は ${n} 以下にしてください`, en: (n) => `must be ${n} or less` },
  exclusiveMaximum: {
    code: 'schema.maximum',
    ja: (n) => `は ${n} 未満にしてください`,
    en: (n) => `must be less than ${n}`,
  },
  decimalMinimum: {
    code: 'schema.minimum',
    ja: (n) => `は ${n} 以上にしてください`,
    en: (n) => `must be ${n} or more`,
  },
  decimalMaximum: {
    code: 'schema.maximum',
    ja: (n) => `は ${n} 以下にしてください`,
    en: (n) => `must be ${n} or less`,
  },
  formatMinimum: {
    code: 'schema.minimum',
    ja: (d) => `は ${d} 以降にしてください`,
    en: (d) => `must be ${d} or later`,
  },
  formatExclusiveMinimum: {
    code: 'schema.minimum',
    ja: (d) => `は ${d} より後にしてください`,
    en: (d) => `must be after ${d}`,
  },
  formatMaximum: {
    code: 'schema.maximum',
    ja: (d) => `は ${d} 以前にしてください`,
    en: (d) => `must be ${d} or earlier`,
  },
  formatExclusiveMaximum: {
    code: 'schema.maximum',
    ja: (d) => `は ${d} より前にしてください`,
    en: (d) => `must be before ${d}`,
  },
  minItems: {
    code: 'schema.minItems',
    ja: (n) => `には ${n} 件以上必要です`,
    en: (n) => `must have at least ${n} ${n === '1' ? 'entry' : 'entries'}`,
  },
  maxItems: {
    code: 'schema.maxItems',
    ja: (n) => `は ${n} 件までです`,
    en: (n) => `must have at most ${n} ${n === '1' ? 'entry' : 'entries'}`,
  },
  minProperties: {
    code: 'schema.minProperties',
    ja: (n) => `には ${n} 個以上の項目が必要です`,
    en: (n) => `must have at least ${n} ${n === '1' ? 'property' : 'properties'}`,
  },
};

/** Messages for length, range, count and uniqueness limits; undefined for other keywords. */
export function describeLimit(error: ErrorObject, options: DescribeOptions): SchemaProblem | undefined {
  const wording = LIMITS[error.keyword];
  if (!wording) return error.keyword === 'uniqueItems' ? duplicateItems(error, options) : undefined;
  const where = subject(error.instancePath, options);
  const limit = String(error.params.limit);
  if (error.keyword === 'minLength' && limit === '1') {
    return {
      pointer: error.instancePath,
      code: wording.code,
      message: { ja: `${where.ja}を空にはできません。`, en: `${where.en} must not be empty.` },
    };
  }
  return {
    pointer: error.instancePath,
    code: wording.code,
    message: { ja: `${where.ja}${wording.ja(limit)}。`, en: `${where.en} ${wording.en(limit)}.` },
  };
}

function duplicateItems(error: ErrorObject, options: DescribeOptions): SchemaProblem {
  const [first, second] = [Number(error.params.j), Number(error.params.i)].sort((a, b) => a - b);
  const where = subject(error.instancePath, options);
  return {
    pointer: `${error.instancePath}${pointerOf(second ?? 0)}`,
    code: 'schema.uniqueItems',
    message: {
      ja: `${where.ja}の ${first} 番目と ${second} 番目（0 から数えて）が重複しています。`,
      en: `${where.en} has the same entry at positions ${first} and ${second} (counting from 0).`,
    },
  };
}
