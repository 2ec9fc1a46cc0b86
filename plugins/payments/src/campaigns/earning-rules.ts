import { PluginError } from '@kiban/sdk';
import type { Sql } from '../storage/sql.ts';

/** What staff may change on an earning rule: its name, points and limit, and whether it is active. */
export const RULE_UPDATE_INPUT = {
  type: 'object',
  required: ['ruleId'],
  minProperties: 2,
  additionalProperties: false,
  properties: {
    ruleId: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    points: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    /** null removes the limit. */
    perResidentLimit: { type: ['integer', 'null'], minimum: 1, maximum: 10_000 },
    active: { type: 'boolean' },
  },
};

export interface RuleUpdate {
  ruleId: string;
  name?: string;
  points?: number;
  perResidentLimit?: number | null;
  active?: boolean;
}

/**
 * Changes a rule for the events still to come; what it granted stays granted. Disabling is
 * `active: false` (the rule stops listening; it is kept, since grants name it). The campaign,
 * the event and the condition are not editable: a rule listening to something else is a new rule.
 */
export async function updateRule(sql: Sql, update: RuleUpdate): Promise<{ id: string; active: boolean }> {
  const changed = await sql.query<{ id: string; active: boolean }>(
    `update earning_rule set
       name_ja = coalesce($2, name_ja),
       points = coalesce($3, points),
       per_resident_limit = case when $4::boolean then $5::integer else per_resident_limit end,
       active = coalesce($6, active)
     where id = $1 returning id, active`,
    [
      update.ruleId,
      update.name ?? null,
      update.points ?? null,
      update.perResidentLimit !== undefined,
      update.perResidentLimit ?? null,
      update.active ?? null,
    ],
  );
  const row = changed.rows[0];
  if (!row) {
    const message = { ja: 'ポイント付与ルールが見つかりません。', en: 'There is no such earning rule.' };
    throw new PluginError('payments.unknownRule', 404, message, [
      { pointer: '/ruleId', code: 'payments.unknownRule', message },
    ]);
  }
  return { id: String(row.id), active: Boolean(row.active) };
}

/** Every rule with its campaign's name, active ones first. */
export async function listRules(sql: Sql) {
  const found = await sql.query(
    `select r.id, r.campaign_id, c.name_ja as campaign_name, r.name_ja as name, r.event, r.entity, r.condition,
            r.points, r.per_resident_limit, r.active, r.created_at
     from earning_rule r join campaign c on c.id = r.campaign_id
     order by r.active desc, r.created_at desc limit 500`,
  );
  return found.rows;
}
