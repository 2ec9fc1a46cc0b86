import { PluginError } from '@kiban/sdk';
import { fundCampaign } from '../ledger/fund.ts';
import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';

export interface CampaignInput {
  name: { ja: string; en?: string };
  budget: number;
  pointsValidDays: number;
  startsAt: string;
  endsAt: string;
}

export const CAMPAIGN_INPUT = {
  type: 'object',
  required: ['name', 'budget', 'pointsValidDays', 'startsAt', 'endsAt'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'object',
      required: ['ja'],
      additionalProperties: false,
      properties: { ja: { type: 'string', minLength: 1, maxLength: 100 }, en: { type: 'string', maxLength: 100 } },
    },
    budget: { type: 'integer', minimum: 1, maximum: 100_000_000_000 },
    pointsValidDays: { type: 'integer', minimum: 1, maximum: 3650 },
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
  },
};

/** A campaign and its budget, funded from the city's issuance in the same transaction. */
export async function createCampaign(sql: Sql, input: CampaignInput, createdBy: string): Promise<string> {
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
    const message = {
      ja: 'キャンペーンの期間の終わりは始まりより後にしてください。',
      en: 'The campaign must end after it starts.',
    };
    throw new PluginError('payments.campaignPeriod', 422, message, [
      { pointer: '/endsAt', code: 'payments.campaignPeriod', message },
    ]);
  }
  const created = await sql.query<{ id: string }>(
    `insert into campaign (name_ja, name_en, budget, points_valid_days, starts_at, ends_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      input.name.ja,
      input.name.en ?? null,
      input.budget,
      input.pointsValidDays,
      input.startsAt,
      input.endsAt,
      createdBy,
    ],
  );
  const id = String(created.rows[0]?.id);
  await fundCampaign(sql, `fund:${id}`, id, input.budget);
  return id;
}

export interface Campaign {
  id: string;
  pointsValidDays: number;
  startsAt: Date;
  endsAt: Date;
}

export async function campaignOf(sql: Sql, id: string): Promise<Campaign | null> {
  const found = await sql.query<Record<string, unknown>>(
    'select id, points_valid_days, starts_at, ends_at from campaign where id = $1',
    [id],
  );
  const row = found.rows[0];
  if (!row) return null;
  return {
    id: String(row.id),
    pointsValidDays: toNumber(row.points_valid_days),
    startsAt: new Date(row.starts_at as string),
    endsAt: new Date(row.ends_at as string),
  };
}

/** When points granted at `now` by the campaign expire. */
export function expiryOf(campaign: Campaign, now: Date): Date {
  return new Date(now.getTime() + campaign.pointsValidDays * 86_400_000);
}
