import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { isUuid, staffOf } from '../roles.ts';
import { type InboxItem, listInbox } from './inbox-store.ts';

/** The panel and the timeline show the latest notices; older ones stay in the campaign receipts. */
const LATEST = 50;

interface DeliveryRow {
  inboxId: string;
  channel: string;
  status: string;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
}

export type ResidentNotice = InboxItem & {
  deliveries: Array<{
    channel: string;
    status: string;
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
  }>;
};

/**
 * The notices a resident was sent, newest first, each with its deliveries by channel and their
 * state, for notifications staff — under a resident profile (the CRM's resident 360, its panel
 * and its timeline). Addresses and provider errors stay out: staff need the channel and the
 * state, not the mailbox. The read and its audit entry (`notifications.residentInbox.read`,
 * naming the resident) commit together.
 */
export async function residentNotices(
  ctx: PluginContext,
  actor: Actor | undefined,
  resident: string,
  language: 'ja' | 'en',
): Promise<ResidentNotice[]> {
  const staff = staffOf(actor);
  if (!isUuid(resident)) {
    const message = { ja: '住民の ID が正しくありません。', en: 'That is not a resident id.' };
    throw new PluginError('notifications.badResident', 400, message, [
      { pointer: '/resident', code: 'notifications.badResident', message },
    ]);
  }
  return ctx.transaction(staff, async () => {
    const inbox = await listInbox(ctx, resident, { language, limit: LATEST });
    const { rows } = await ctx.sql.query<DeliveryRow>(
      `select inbox_id::text as "inboxId", channel, status, sent_at as "sentAt", delivered_at as "deliveredAt",
              read_at as "readAt"
         from delivery where inbox_id = any($1::bigint[]) order by channel`,
      [inbox.map((item) => item.id)],
    );
    await ctx.audit({
      actor: staff,
      action: 'notifications.residentInbox.read',
      recordId: resident,
      details: { notices: inbox.length },
    });
    return inbox.map((item) => ({
      ...item,
      deliveries: rows
        .filter((row) => row.inboxId === item.id)
        .map(({ inboxId: _, ...delivery }) => ({
          ...delivery,
          sentAt: iso(delivery.sentAt),
          deliveredAt: iso(delivery.deliveredAt),
          readAt: iso(delivery.readAt),
        })),
    }));
  });
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
