import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { isUuid, staffOf } from '../roles.ts';
import { listInbox } from './inbox-store.ts';

/** The panel shows the latest notices; older ones stay in the campaign receipts. */
const LATEST = 50;

interface DeliveryRow {
  inboxId: string;
  channel: string;
  status: string;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/**
 * `GET /residents/:resident/inbox` for notifications staff: the notices a resident was sent,
 * newest first, each with its deliveries by channel and their state — the panel under a
 * resident profile (the CRM's resident 360). Addresses and provider errors stay out: the panel
 * needs the channel and the state, not the mailbox. The read and its audit entry (`notifications.residentInbox.read`, naming the
 * resident) commit together.
 */
export function residentInboxRoute(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/residents/:resident/inbox', async (c) => {
    const staff = staffOf(c.get('actor'));
    const resident = c.req.param('resident');
    if (!isUuid(resident)) {
      const message = { ja: '住民の ID が正しくありません。', en: 'That is not a resident id.' };
      throw new PluginError('notifications.badResident', 400, message, [
        { pointer: '/resident', code: 'notifications.badResident', message },
      ]);
    }
    const language = c.req.query('language') === 'en' ? 'en' : 'ja';
    const items = await ctx.transaction(staff, async () => {
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
    return c.json({ items });
  });
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());
