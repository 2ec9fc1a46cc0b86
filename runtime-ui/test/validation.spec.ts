import { expect } from '@esm-bundle/chai';
import { LANGUAGES, translate } from '../src/i18n/index.ts';
import type { EntityMetadata } from '../src/metadata/index.ts';
import { conditionProblems, type FieldProblem, problemMessage, validatorOrNone } from '../src/validation/index.ts';
import { everyType, publishedCreateSchema } from './support/fixtures.ts';

const BRANCH_ID = '0b7a2f8e-4a51-4c3e-9a0e-3f1f5d2b8c01';

/** Limits everyType has no field for: minLength, upper date and decimal bounds. */
const bounded: EntityMetadata = {
  kind: 'entity',
  name: 'Bounded',
  label: { ja: '上限付き', en: 'Bounded' },
  fields: [
    { name: 'code', type: 'string', label: { ja: 'コード', en: 'Code' }, minLength: 3, pattern: '^[A-Z]+$' },
    { name: 'fee', type: 'decimal', label: { ja: '料金', en: 'Fee' }, precision: 6, scale: 0, max: 500 },
    { name: 'until', type: 'date', label: { ja: '期限', en: 'Until' }, max: '2030-12-31' },
    { name: 'at', type: 'datetime', label: { ja: '日時', en: 'At' }, min: '2024-04-01T00:00:00+09:00' },
  ],
};

type SchemaProblem = Extract<FieldProblem, { kind: 'schema' }>;

function check(entity: EntityMetadata, record: Record<string, unknown>): Record<string, SchemaProblem> {
  const validate = validatorOrNone(publishedCreateSchema(entity));
  if (!validate) throw new Error('The published schema could not be used.');
  return Object.fromEntries(validate(record).map((problem) => [problem.field, problem as SchemaProblem]));
}

describe('record validation with the published schema', () => {
  it('reports each failed keyword on its field, with the limit or format the message needs', () => {
    const problems = check(everyType, {
      name: 'あ'.repeat(51),
      nameKana: 'やまだ',
      seats: 11,
      deposit: '-1',
      birthDate: '1899-12-31',
      visitAt: 'yesterday',
      ward: 'east',
      email: 'taro@localhost',
      phone: '12345',
      postalCode: '123',
      branch: 'not-a-uuid',
    });
    const shape = (field: string) => {
      const { keyword, limit, format } = problems[field];
      return { keyword, limit, format };
    };
    expect(shape('name')).to.deep.equal({ keyword: 'maxLength', limit: 50, format: undefined });
    expect(shape('nameKana')).to.include({ keyword: 'pattern' });
    expect(shape('seats')).to.deep.equal({ keyword: 'maximum', limit: 10, format: undefined });
    expect(shape('deposit')).to.deep.equal({ keyword: 'decimalMinimum', limit: 0, format: undefined });
    expect(shape('birthDate')).to.deep.equal({ keyword: 'formatMinimum', limit: '1900-01-01', format: undefined });
    expect(shape('visitAt')).to.deep.equal({ keyword: 'format', limit: undefined, format: 'date-time' });
    expect(shape('ward')).to.include({ keyword: 'enum' });
    expect(shape('email')).to.deep.equal({ keyword: 'format', limit: undefined, format: 'email' });
    expect(shape('phone')).to.include({ keyword: 'pattern' });
    expect(shape('postalCode')).to.include({ keyword: 'pattern' });
    expect(shape('branch')).to.deep.equal({ keyword: 'format', limit: undefined, format: 'uuid' });
    expect(Object.keys(problems)).to.have.length(11);
  });

  it('names each missing required field, and a value of the wrong type', () => {
    expect(check(everyType, { seats: 'abc' })).to.deep.equal({
      name: { kind: 'schema', field: 'name', keyword: 'required' },
      seats: { kind: 'schema', field: 'seats', keyword: 'type', limit: undefined, format: undefined },
    });
  });

  it('checks minLength and the upper bounds of decimals, dates and instants', () => {
    const problems = check(bounded, { code: 'AB', fee: '501', until: '2031-01-01', at: '2024-03-31T14:59:59Z' });
    expect(Object.values(problems).map(({ field, keyword }) => [field, keyword])).to.deep.equal([
      ['code', 'minLength'],
      ['fee', 'decimalMaximum'],
      ['until', 'formatMaximum'],
      ['at', 'formatMinimum'],
    ]);
    expect(check(bounded, { code: 'ABC', fee: 500, until: '2030-12-31', at: '2024-03-31T15:00:00Z' })).to.deep.equal(
      {},
    );
  });

  it('accepts what the server accepts and refuses what it refuses, format by format', () => {
    const accepted = check(everyType, {
      name: '山田 太郎',
      email: 'taro.yamada@example.jp',
      branch: `urn:uuid:${BRANCH_ID}`,
      visitAt: '2025-04-01T09:30:00+0900',
      birthDate: '2000-02-29',
      deposit: 1200.5,
      extra: { floor: 2 },
    });
    expect(accepted).to.deep.equal({});
    const refused = check(everyType, { name: 'x', email: '"taro"@example.jp', birthDate: '2001-02-29' });
    expect(Object.keys(refused)).to.deep.equal(['birthDate', 'email']);
    // In field order, whichever check found the problem.
    const ordered = check(everyType, { email: 'x', deposit: '-1', birthDate: '1800-01-01' });
    expect(Object.keys(ordered)).to.deep.equal(['name', 'deposit', 'birthDate', 'email']);
  });

  it('leaves validation to the server when the schema holds something the browser cannot check', () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const schema = publishedCreateSchema(everyType);
      const withProperty = (property: Record<string, unknown>) => ({
        ...schema,
        properties: { ...(schema.properties as object), extra: property },
      });
      expect(validatorOrNone(withProperty({ type: 'string', unknownKeyword: 1 }))).to.equal(undefined);
      expect(validatorOrNone(withProperty({ type: 'string', format: 'not-a-format' }))).to.equal(undefined);
      expect(validatorOrNone(withProperty({ type: 'string', pattern: '(' }))).to.equal(undefined);
      expect(validatorOrNone(withProperty({ items: { type: 'string', decimalMinimum: 1 } }))).to.equal(undefined);
      expect(validatorOrNone(withProperty({ type: 'string', formatMinimum: '2020-01-01' }))).to.equal(undefined);
      expect(validatorOrNone(withProperty({ allOf: [{ type: 'string', decimalMinimum: 1 }] }))).not.to.equal(undefined);
    } finally {
      console.warn = warn;
    }
  });

  it('words every problem in each of the seven languages', () => {
    const fields = Object.fromEntries([...everyType.fields, ...bounded.fields].map((field) => [field.name, field]));
    const problems = [
      ...Object.values(check(everyType, { nameKana: 'やまだ', seats: 0, deposit: '1.234', birthDate: '1899-12-31' })),
      ...Object.values(
        check(everyType, { name: 'x', email: 'x', visitAt: 'x', branch: 'x', ward: 'x', seats: 'x', deposit: '-1' }),
      ),
      ...Object.values(check(bounded, { code: 'ab', fee: '501', until: '2031-01-01' })),
      ...Object.values(check(everyType, { name: 'x', seats: 11 })),
    ];
    const keywords = new Set(problems.map((problem) => problem.keyword));
    expect([...keywords].sort()).to.deep.equal(
      [
        'decimalMaximum',
        'decimalMinimum',
        'enum',
        'format',
        'formatMaximum',
        'formatMinimum',
        'maximum',
        'minLength',
        'minimum',
        'pattern',
        'required',
        'type',
      ].sort(),
    );
    for (const language of LANGUAGES) {
      const generic = translate(language, 'validation.invalid');
      for (const problem of problems) {
        const message = problemMessage(problem, fields[problem.field], language, 'gregory');
        expect(message, `${language} ${problem.field}`).to.be.a('string').and.not.equal(generic);
        expect(message, `${language} ${problem.field}`).not.to.match(/\{\w+\}/);
      }
    }
  });
});

/** The rule-language validations of the bulky-waste request, as the engine's record service checks them. */
const wasteRequest: EntityMetadata = {
  kind: 'entity',
  name: 'WasteRequest',
  label: { ja: '申込', en: 'Request' },
  fields: [
    {
      name: 'preferredDate',
      type: 'date',
      label: { ja: '収集希望日', en: 'Preferred date' },
      validations: [
        { condition: { fact: 'preferredDate', op: 'gte', value: { relative: '+3bd' } } },
        { condition: { fact: 'preferredDate', op: 'isBusinessDay' } },
      ],
    },
    { name: 'availableFrom', type: 'date', label: { ja: '搬出可能な初日', en: 'Available from' } },
    { name: 'availableUntil', type: 'date', label: { ja: '搬出可能な最終日', en: 'Available until' } },
  ],
  validations: [
    {
      condition: {
        any: [
          { fact: 'availableFrom', op: 'isNull' },
          { fact: 'availableUntil', op: 'isNull' },
          { fact: 'availableUntil', op: 'gte', value: { field: 'availableFrom' } },
        ],
      },
      message: {
        ja: '搬出可能な最終日は初日以降にしてください。',
        en: 'Available until must not be before available from.',
      },
    },
  ],
};

describe('rule-language validations in the browser', () => {
  // Friday 25 December 2026 in Tokyo: the year-end closure and a weekend come before the third business day.
  const now = new Date('2026-12-25T00:00:00Z');
  const problems = (record: Record<string, unknown>, language: 'ja' | 'en' = 'ja') =>
    conditionProblems(wasteRequest, record, language, now);

  it('counts business days on the city calendar, skipping the weekend and 29 December to 3 January', () => {
    expect(problems({ preferredDate: '2027-01-05' })).to.deep.equal([]);
    expect(problems({ preferredDate: '2027-01-04' })).to.deep.equal([
      {
        kind: 'server',
        field: 'preferredDate',
        message: '「収集希望日」は「収集希望日 ≥ 今日 + 3 開庁日」を満たす必要があります。',
      },
    ]);
    expect(problems({ preferredDate: '2027-01-04' }, 'en').map((p) => p.kind === 'server' && p.message)).to.deep.equal([
      'Preferred date ≥ today + 3 business days must hold.',
    ]);
  });

  it('refuses weekends and public holidays, and leaves an empty field to the required check', () => {
    expect(problems({ preferredDate: '2027-01-09' }).map((p) => p.field)).to.deep.equal(['preferredDate']);
    // Coming of Age Day, the second Monday of January.
    expect(problems({ preferredDate: '2027-01-11' })[0]).to.include({ field: 'preferredDate' });
    expect(problems({ preferredDate: '' })).to.deep.equal([]);
    expect(problems({})).to.deep.equal([]);
  });

  it('compares fields with each other, with the message the metadata gives', () => {
    expect(problems({ availableFrom: '2030-05-10', availableUntil: '2030-05-09' })).to.deep.equal([
      { kind: 'server', field: 'availableFrom', message: '搬出可能な最終日は初日以降にしてください。' },
    ]);
    expect(problems({ availableFrom: '2030-05-10', availableUntil: '2030-05-10' })).to.deep.equal([]);
    expect(problems({ availableFrom: '2030-05-10' })).to.deep.equal([]);
  });
});
