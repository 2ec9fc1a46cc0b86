import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { emitToConversation } from '../conversations/live.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { answeredBy, getConversation } from '../conversations/store.ts';
import { systemLine } from '../conversations/translated-message.ts';
import { dispatch } from '../routing/assign.ts';
import { type HandoffInput, handOff } from '../routing/handoff.ts';
import { isOpenAt, nextOpening } from './calendar.ts';
import { queueCalendar, readCalendar } from './store.ts';

const CITY_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
});

/** What the resident is told outside hours: when it opens again, and that they may ask to be called back. */
export function afterHoursLine(opensAt: Date | null): string {
  const when = opensAt ? `次の受付開始は ${CITY_TIME.format(opensAt)} です。` : '';
  return `ただいま受付時間外のため、職員がお答えできません。${when}折り返しのご連絡をご希望の場合は、ご希望の日時をお知らせください。`;
}

/**
 * A resident asks for a person (or starts where no first tier runs): within the hours of the queue's calendar the
 * conversation goes to the queue and is offered to operators; outside them it waits as
 * `afterHours` — not in any queue, so it is neither waiting nor abandoned in the KPIs — and the
 * resident is told when the centre opens and that they may leave a callback request. Asking
 * again once it is open queues it then. Staff transfers do not pass here: staff work when they work.
 */
export async function toPersonWithinHours(
  ctx: PluginContext,
  clock: Clock,
  conversationId: string,
  input: HandoffInput,
): Promise<ConversationRow> {
  const now = clock();
  const calendar = queueCalendar(await readCalendar(ctx), input.queue);
  if (isOpenAt(calendar, now)) {
    const queued = await handOff(ctx, clock, conversationId, input);
    await dispatch(ctx, clock);
    return queued;
  }
  const { rows } = await ctx.sql.query<ConversationRow>(
    `update conversation set status = 'afterHours', queue = $2,
       consented_profile = coalesce($3::jsonb, consented_profile)
     where id = $1 and status in ('bot', 'afterHours') returning *`,
    [conversationId, input.queue.code, input.consentedProfile ? JSON.stringify(input.consentedProfile) : null],
  );
  const waiting = rows[0] ?? (await getConversation(ctx, conversationId));
  await systemLine(
    ctx,
    clock,
    conversationId,
    `after-hours-${waiting.last_seq}`,
    afterHoursLine(nextOpening(calendar, now)),
  );
  await emitToConversation(ctx, conversationId, 'answeredBy', await answeredBy(ctx, waiting));
  return getConversation(ctx, conversationId);
}
