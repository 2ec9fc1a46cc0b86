import type { PluginContext } from '@kiban/sdk';
import { emitToStaff, SUPERVISOR_ROOM } from '../conversations/live.ts';
import type { Principal } from '../roles.ts';
import { SYSTEM } from '../roles.ts';

export interface AlertSettings {
  abandonmentWindowMinutes: number;
  abandonmentMinCount: number;
  abandonmentMinRate: number;
}

/** Until supervisors set them: five or more abandonments making up 30 % or more of the last 15 minutes. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  abandonmentWindowMinutes: 15,
  abandonmentMinCount: 5,
  abandonmentMinRate: 0.3,
};

export async function readAlertSettings(ctx: PluginContext): Promise<AlertSettings> {
  const { rows } = await ctx.sql.query<{ w: number; c: number; r: number }>(
    'select abandonment_window_minutes as w, abandonment_min_count as c, abandonment_min_rate as r from alert_setting',
  );
  const row = rows[0];
  return row
    ? { abandonmentWindowMinutes: row.w, abandonmentMinCount: row.c, abandonmentMinRate: Number(row.r) }
    : DEFAULT_ALERT_SETTINGS;
}

export async function saveAlertSettings(ctx: PluginContext, by: Principal, input: AlertSettings) {
  await ctx.sql.query(
    `insert into alert_setting (id, abandonment_window_minutes, abandonment_min_count, abandonment_min_rate)
     values (1, $1, $2, $3)
     on conflict (id) do update set abandonment_window_minutes = excluded.abandonment_window_minutes,
       abandonment_min_count = excluded.abandonment_min_count, abandonment_min_rate = excluded.abandonment_min_rate`,
    [input.abandonmentWindowMinutes, input.abandonmentMinCount, input.abandonmentMinRate],
  );
  await ctx.audit({ actor: by, action: 'contact-center.saveAlertSettings', details: { ...input } });
  return readAlertSettings(ctx);
}

/**
 * Alerts the supervisors (`alert`, kind `abandonmentSpike`, on the supervisors' room; audited)
 * when abandonments in the last window reach the count and the share of the conversations
 * decided in it (answered or abandoned) that the settings name — at most once per window, so a
 * spike is one alert, not one every ten seconds.
 */
export async function alertOnAbandonmentSpike(ctx: PluginContext, now: Date): Promise<boolean> {
  const settings = await readAlertSettings(ctx);
  const since = new Date(now.getTime() - settings.abandonmentWindowMinutes * 60_000);
  const { rows } = await ctx.sql.query<{ abandoned: string; answered: string }>(
    `select count(*) filter (where status = 'abandoned' and closed_at >= $1) as abandoned,
            count(*) filter (where assigned_at >= $1) as answered
     from conversation where closed_at >= $1 or assigned_at >= $1`,
    [since],
  );
  const abandoned = Number(rows[0]?.abandoned ?? 0);
  const decided = abandoned + Number(rows[0]?.answered ?? 0);
  const rate = decided === 0 ? 0 : abandoned / decided;
  if (abandoned < settings.abandonmentMinCount || rate < settings.abandonmentMinRate) return false;
  const claimed = await ctx.sql.query(
    `insert into alert_state (kind, last_alert_at) values ('abandonmentSpike', $1)
     on conflict (kind) do update set last_alert_at = excluded.last_alert_at
       where alert_state.last_alert_at < $2
     returning kind`,
    [now, since],
  );
  if (claimed.rows.length === 0) return false;
  const details = { abandoned, rate, windowMinutes: settings.abandonmentWindowMinutes };
  await ctx.audit({ actor: SYSTEM, action: 'contact-center.abandonmentSpike', details });
  await emitToStaff(ctx, SUPERVISOR_ROOM, 'alert', { kind: 'abandonmentSpike', at: now.toISOString(), ...details });
  return true;
}
