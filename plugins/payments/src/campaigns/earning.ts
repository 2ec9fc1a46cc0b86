import { grantPoints } from '../ledger/grant.ts';
import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { campaignOf, expiryOf } from './campaigns.ts';

export const RULE_INPUT = {
  type: 'object',
  required: ['campaignId', 'name', 'event', 'points'],
  additionalProperties: false,
  properties: {
    campaignId: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    event: { enum: ['record.created', 'record.updated'] },
    entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
    /** A rule of the rule language the record must match (e.g. status is completed). */
    condition: { type: 'object' },
    points: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    perResidentLimit: { type: 'integer', minimum: 1, maximum: 10_000 },
  },
};

export interface RuleInput {
  campaignId: string;
  name: string;
  event: string;
  entity?: string;
  condition?: Record<string, unknown>;
  points: number;
  perResidentLimit?: number;
}

export async function createRule(sql: Sql, input: RuleInput, createdBy: string): Promise<string> {
  const created = await sql.query<{ id: string }>(
    `insert into earning_rule (campaign_id, name_ja, event, entity, condition, points, per_resident_limit, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      input.campaignId,
      input.name,
      input.event,
      input.entity ?? null,
      input.condition ? JSON.stringify(input.condition) : null,
      input.points,
      input.perResidentLimit ?? null,
      createdBy,
    ],
  );
  return String(created.rows[0]?.id);
}

export interface EarningRule {
  id: string;
  campaignId: string;
  entity: string | null;
  condition: Record<string, unknown> | null;
  points: number;
  perResidentLimit: number | null;
}

/** Active rules listening to an event type (and the entity it is about, when it names one). */
export async function rulesFor(sql: Sql, event: string, entity: string | undefined): Promise<EarningRule[]> {
  const found = await sql.query<Record<string, unknown>>(
    `select id, campaign_id, entity, condition, points, per_resident_limit from earning_rule
     where active and event = $1 and (entity is null or entity = $2) order by created_at, id`,
    [event, entity ?? null],
  );
  return found.rows.map((row) => ({
    id: String(row.id),
    campaignId: String(row.campaign_id),
    entity: (row.entity as string | null) ?? null,
    condition: (typeof row.condition === 'string'
      ? JSON.parse(row.condition)
      : row.condition) as EarningRule['condition'],
    points: toNumber(row.points),
    perResidentLimit: row.per_resident_limit === null ? null : toNumber(row.per_resident_limit),
  }));
}

export type EarnOutcome = 'granted' | 'limitReached' | 'outsideCampaign' | 'budgetExhausted';

/**
 * Grants a rule's points for one event to one resident: under the rule's per-resident limit,
 * within the campaign's period and budget, and once per event (the event id is in the key).
 */
export async function earn(
  sql: Sql,
  rule: EarningRule,
  occurrence: { eventId: string; residentId: string; now: Date },
): Promise<EarnOutcome> {
  const campaign = await campaignOf(sql, rule.campaignId);
  if (!campaign || occurrence.now < campaign.startsAt || occurrence.now >= campaign.endsAt) return 'outsideCampaign';
  // Locked, so that the grant below cannot find the budget spent by a concurrent one.
  const budget = await sql.query<{ balance: string }>('select balance from account where id = $1 for update', [
    `campaign:${rule.campaignId}`,
  ]);
  if (toNumber(budget.rows[0]?.balance) < rule.points) return 'budgetExhausted';
  if (rule.perResidentLimit !== null) {
    const counted = await sql.query(
      `insert into earning_count (rule_id, resident_id, earned) values ($1, $2, 1)
       on conflict (rule_id, resident_id) do update set earned = earning_count.earned + 1
       where earning_count.earned < $3 returning earned`,
      [rule.id, occurrence.residentId, rule.perResidentLimit],
    );
    if (counted.rowCount === 0) return 'limitReached';
  }
  await grantPoints(sql, {
    idempotencyKey: `earn:${rule.id}:${occurrence.eventId}`,
    campaignId: rule.campaignId,
    residentId: occurrence.residentId,
    points: rule.points,
    expiresAt: expiryOf(campaign, occurrence.now),
    reason: `rule:${rule.id}`,
  });
  return 'granted';
}
