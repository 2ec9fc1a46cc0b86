import type { PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { TemplateValueError } from '../campaigns/template.ts';
import { type ChannelSender, type DeliveryChannel, type SendOutcome, senderFor } from '../channels/index.ts';
import { noticeTexts } from '../notices/notice-store.ts';
import { dropGoneBrowser } from '../push/browsers.ts';
import { readSettings } from '../settings.ts';
import { composer, type DueEntry } from './compose.ts';
import { deferQuietHours } from './quiet-hours.ts';
import { allowance, spend } from './rate-limit.ts';
import { signToken } from './signed-token.ts';

const TIME_ZONE = 'Asia/Tokyo';

interface DueRow extends DueEntry {
  id: string;
  address: string;
  attempts: number;
  category: string;
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
  /** Whether due messages are left (the batch was full or the rate limit was reached). */
  more: boolean;
  /** The earliest back-off of a message to try again, when there is one. */
  retryAt?: Date;
}

/**
 * Sends one batch of due messages of `channel`: quiet hours first (deferred, not dropped), then
 * at most the rate limit's allowance, oldest first. Rows are locked with SKIP LOCKED so parallel
 * jobs take different messages. A provider's refusal or timeout is recorded per message and
 * never fails the batch; the outcomes are written in one statement at the end, with the job's
 * completion. A batch repeated after a crash sends with the same idempotency keys, which LINE
 * (and the LINE sandbox) drop as repeats.
 */
export async function deliverDue(ctx: PluginContext, channel: DeliveryChannel, now = new Date()): Promise<DeliveryRun> {
  const settings = await readSettings(ctx);
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0, deferred: 0, more: false };
  const configured = senderFor(channel, settings, { onPushGone: (endpoint) => dropGoneBrowser(ctx, endpoint) });
  if ('missing' in configured) {
    ctx.logger.warn('channel not configured; its messages wait', { channel, missing: configured.missing });
    return run;
  }
  run.deferred = await deferQuietHours(ctx, channel, now, TIME_ZONE);
  const batchSize = settings.batchSize ?? 100;
  const allowed = await allowance(ctx, channel, settings.rateLimits?.[channel], now);
  const limit = Math.min(batchSize, allowed);
  if (limit === 0) {
    run.more = true;
    return run;
  }
  const { rows } = await ctx.sql.query<DueRow>(
    `select d.id::text as id, d.address, d.attempts, entry.recipient, entry.campaign_id as "campaignId",
            entry.notice_id as "noticeId", entry.message, entry.category, coalesce(contact.language, 'ja') as language
       from delivery d
       join inbox entry on entry.id = d.inbox_id
       left join contact on contact.recipient = entry.recipient and contact.channel = d.channel
      where d.channel = $1 and d.status = 'created' and d.next_attempt_at <= $2
      order by d.next_attempt_at, d.id
      limit $3
      for update of d skip locked`,
    [channel, now, limit],
  );
  run.more = rows.length === limit;
  if (rows.length === 0) return run;

  const compose = await composer(ctx.data(SYSTEM), (ids) => noticeTexts(ctx, ids), rows);
  const maxAttempts = settings.retry?.maxAttempts ?? 5;
  const backoff = settings.retry?.backoffSeconds ?? 30;
  const outcomes: Array<{ id: string; status: string; reference: string | null; error: string | null; next: Date }> =
    [];
  try {
    for (const row of rows) {
      const outcome = await sendOne(
        configured.sender,
        channel,
        row,
        compose,
        settings.unsubscribeSecret,
        settings.publicBaseUrl,
      );
      const attempts = row.attempts + 1;
      if (outcome.status === 'retry') {
        const exhausted = attempts >= maxAttempts;
        outcomes.push({
          id: row.id,
          status: exhausted ? 'temporary-failure' : 'created',
          reference: null,
          error: outcome.error,
          next: new Date(now.getTime() + backoff * 1000 * 2 ** (attempts - 1)),
        });
        if (exhausted) run.failed += 1;
        else {
          run.retrying += 1;
          const next = outcomes.at(-1)?.next;
          if (next && (!run.retryAt || next < run.retryAt)) run.retryAt = next;
        }
      } else if (outcome.status === 'permanent-failure') {
        outcomes.push({ id: row.id, status: outcome.status, reference: null, error: outcome.error, next: now });
        run.failed += 1;
      } else if (outcome.status === 'sending' || outcome.status === 'delivered') {
        outcomes.push({
          id: row.id,
          status: outcome.status,
          reference: outcome.reference ?? null,
          error: null,
          next: now,
        });
        run.sent += 1;
      }
    }
  } finally {
    configured.sender.close?.();
  }
  await ctx.sql.query(
    `update delivery d
        set status = o.status, provider_reference = coalesce(o.reference, d.provider_reference), last_error = o.error,
            attempts = d.attempts + 1, next_attempt_at = o.next,
            sent_at = case when o.status in ('sending', 'delivered') then $6::timestamptz else d.sent_at end
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) as o (id, status, reference, error, next)
      where d.id = o.id`,
    [
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.reference),
      outcomes.map((o) => o.error),
      outcomes.map((o) => o.next),
      now,
    ],
  );
  await spend(ctx, channel, rows.length);
  return run;
}

/**
 * Stable across retries and across a rolled-back fan-out that is run again (the engine may run a
 * round of jobs together and then each alone): the notice or campaign, the resident and the
 * channel — never the row's serial id, which a re-run fan-out gives anew.
 */
function idempotencyKeyOf(row: DueRow, channel: DeliveryChannel): string {
  const source = row.noticeId
    ? `notice-${row.noticeId}`
    : row.campaignId
      ? `campaign-${row.campaignId}`
      : `delivery-${row.id}`;
  return `kiban-${source}-${row.recipient}-${channel}`;
}

async function sendOne(
  sender: ChannelSender,
  channel: DeliveryChannel,
  row: DueRow,
  compose: Awaited<ReturnType<typeof composer>>,
  unsubscribeSecret: string | undefined,
  publicBaseUrl: string | undefined,
): Promise<SendOutcome> {
  let text: ReturnType<typeof compose>;
  try {
    text = compose(row, channel);
  } catch (error) {
    if (error instanceof TemplateValueError) return { status: 'permanent-failure', error: error.message };
    throw error;
  }
  const unsubscribeUrl =
    channel === 'email' && !text.official && unsubscribeSecret && publicBaseUrl
      ? new URL(
          `/api/public/notifications/unsubscribe?token=${signToken(unsubscribeSecret, { r: row.recipient, c: text.category })}`,
          publicBaseUrl,
        ).toString()
      : undefined;
  return sender.send({
    idempotencyKey: idempotencyKeyOf(row, channel),
    address: row.address,
    language: row.language,
    subject: text.subject,
    body: unsubscribeUrl ? `${text.body}\n\n配信停止 / Unsubscribe: ${unsubscribeUrl}` : text.body,
    unsubscribeUrl,
  });
}
