import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createAjv } from './create-ajv.ts';
import { describeAjvErrors } from './messages.ts';

describe('describeAjvErrors', () => {
  it('reports a failed anyOf once instead of once per branch', () => {
    const validate = createAjv().compile({
      type: 'object',
      properties: { amount: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }] } },
    });
    validate({ amount: 'many' });
    expect(describeAjvErrors(validate.errors)).toEqual([
      {
        pointer: '/amount',
        code: 'schema.anyOf',
        message: {
          ja: 'amount は使える形のどれにも当てはまりません。',
          en: 'amount does not match any of the allowed forms.',
        },
      },
    ]);
  });

  it('still reads well for an ajv without the verbose option (API request schemas)', () => {
    const validate = new Ajv2020({ allErrors: true }).compile({
      type: 'object',
      properties: { mode: { enum: ['a', 'b'] }, code: { type: 'string', pattern: '^[0-9]+$' } },
    });
    validate({ mode: 'c', code: 'x' });
    expect(describeAjvErrors(validate.errors).map((problem) => problem.message.ja)).toEqual([
      'mode にその値は使えません。使える値: "a", "b"。',
      'code は決められた形式（^[0-9]+$）に合いません。',
    ]);
  });

  it('calls properties by their labels and the whole by the given name', () => {
    const validate = createAjv().compile({ type: 'object', properties: { age: { type: 'integer' } } });
    validate([]);
    expect(describeAjvErrors(validate.errors, { root: { ja: '申請', en: 'The application' } })[0].message).toEqual({
      ja: '申請はオブジェクト（{ }）でなければなりません。',
      en: 'The application must be an object ({ }).',
    });
    validate({ age: 'twenty' });
    expect(describeAjvErrors(validate.errors, { propertyLabels: { age: { ja: '年齢' } } })[0].message).toEqual({
      ja: '「年齢」は整数でなければなりません。',
      en: '"年齢" must be a whole number.',
    });
  });

  it('words every kind of limit', () => {
    const validate = createAjv().compile({
      type: 'object',
      properties: {
        count: { type: 'integer', maximum: 9 },
        share: { type: 'number', exclusiveMaximum: 1 },
        day: { type: 'string', format: 'date', formatMinimum: '2025-01-01' },
        tags: { type: 'array', maxItems: 2 },
        options: { type: 'object', minProperties: 2 },
      },
    });
    validate({ count: 10, share: 1, day: '2024-12-31', tags: [1, 2, 3], options: { a: 1 } });
    expect(
      describeAjvErrors(validate.errors).map(({ pointer, code, message }) => [pointer, code, message.ja, message.en]),
    ).toEqual([
      ['/count', 'schema.maximum', 'count は 9 以下にしてください。', 'count must be 9 or less.'],
      ['/share', 'schema.maximum', 'share は 1 未満にしてください。', 'share must be less than 1.'],
      ['/day', 'schema.minimum', 'day は 2025-01-01 以降にしてください。', 'day must be 2025-01-01 or later.'],
      ['/tags', 'schema.maxItems', 'tags は 2 件までです。', 'tags must have at most 2 entries.'],
      [
        '/options',
        'schema.minProperties',
        'options には 2 個以上の項目が必要です。',
        'options must have at least 2 properties.',
      ],
    ]);
  });
});
