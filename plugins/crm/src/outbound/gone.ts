import type { PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';

export const ALERT_CHANNEL = 'integration-alerts';
export const ALERT_ROOM = 'admins';

/**
 * A receiver answering 410 Gone has retired its endpoint: the system is disabled (its other
 * deliveries stay pending until an administrator enables it again) and administrators are
 * alerted live and through the `crm.system.disabled` event the notifications can pick up.
 */
export async function disableGoneSystem(ctx: PluginContext, system: RecordData, now: Date): Promise<void> {
  const reason = 'The receiver answered 410 Gone.';
  await ctx.data(SYSTEM).update(ENTITY.system, String(system.id), {
    status: 'disabled',
    disabledReason: reason,
    disabledAt: now.toISOString(),
  });
  const alert = { systemId: String(system.id), code: system.code, name: system.name, reason };
  await ctx.events.publish('system.disabled', alert);
  await ctx.realtime.emit(ALERT_CHANNEL, ALERT_ROOM, 'system.disabled', alert);
  ctx.logger.warn('A connected system answered 410 Gone and was disabled.', { system: system.code });
}
