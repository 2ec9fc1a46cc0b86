import { PluginError } from '@kiban/sdk';
import type { Sql } from '../storage/sql.ts';

export interface DefinitionInput {
  kind: 'coupon' | 'ticket';
  name: { ja: string; en?: string };
  /** A coupon's value in yen, or a ticket's service (e.g. `pool-entry`): exactly one. */
  valueYen?: number;
  service?: string;
  validFrom: string;
  validUntil: string;
  /** Shop and facility ids; empty: every approved shop and facility. */
  usableAt?: string[];
  perResidentLimit: number;
  totalStock: number;
  /** When set, residents may exchange this many points for one. */
  pointsPrice?: number;
  /** When set, a premium voucher residents buy for this many yen through the payment provider. */
  priceYen?: number;
}

/** The action's input schema; the table's CHECKs hold the same rules once more. */
export const DEFINITION_INPUT = {
  type: 'object',
  required: ['kind', 'name', 'validFrom', 'validUntil', 'perResidentLimit', 'totalStock'],
  additionalProperties: false,
  properties: {
    kind: { enum: ['coupon', 'ticket'] },
    name: {
      type: 'object',
      required: ['ja'],
      additionalProperties: false,
      properties: { ja: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', maxLength: 100 } },
    },
    valueYen: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    service: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,49}$' },
    validFrom: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string', format: 'date-time' },
    usableAt: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 1000, uniqueItems: true },
    perResidentLimit: { type: 'integer', minimum: 1, maximum: 100 },
    totalStock: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    pointsPrice: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    priceYen: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  },
};

export async function createDefinition(sql: Sql, input: DefinitionInput, createdBy: string): Promise<string> {
  if ((input.valueYen === undefined) === (input.service === undefined)) {
    const message = {
      ja: 'クーポンは金額（valueYen）、チケットはサービス（service）のどちらか一方を指定してください。',
      en: 'Give either a value in yen (valueYen) or a service (service), not both and not neither.',
    };
    throw new PluginError('payments.valueOrService', 422, message, [
      { pointer: '/valueYen', code: 'payments.valueOrService', message },
    ]);
  }
  if (Date.parse(input.validUntil) <= Date.parse(input.validFrom)) {
    const message = {
      ja: '有効期間の終わりは始まりより後にしてください。',
      en: 'The valid period must end after it starts.',
    };
    throw new PluginError('payments.validPeriod', 422, message, [
      { pointer: '/validUntil', code: 'payments.validPeriod', message },
    ]);
  }
  const result = await sql.query<{ id: string }>(
    `insert into coupon_definition (kind, name_ja, name_en, value_yen, service, valid_from, valid_until, usable_at,
       per_resident_limit, total_stock, points_price, price_yen, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13) returning id`,
    [
      input.kind,
      input.name.ja,
      input.name.en ?? null,
      input.valueYen ?? null,
      input.service ?? null,
      input.validFrom,
      input.validUntil,
      input.usableAt ?? [],
      input.perResidentLimit,
      input.totalStock,
      input.pointsPrice ?? null,
      input.priceYen ?? null,
      createdBy,
    ],
  );
  return String(result.rows[0]?.id);
}
