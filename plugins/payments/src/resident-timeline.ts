import { PluginError, type RecordTimelineContribution } from '@kiban/sdk';
import { walletAccount } from './ledger/accounts.ts';
import { iso } from './ledger/wallet-summary.ts';
import { STAFF_ROLE, withRole } from './roles.ts';
import { toNumber } from './storage/sql.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How each movement of a wallet reads on the timeline, by the transfer's kind. */
const MOVEMENTS: Record<string, { ja: string; en: string }> = {
  grant: { ja: 'ポイント獲得', en: 'Points earned' },
  spend: { ja: 'ポイント利用', en: 'Points spent' },
  expire: { ja: 'ポイント失効', en: 'Points expired' },
  refund: { ja: 'ポイント返還', en: 'Points refunded' },
  adjust: { ja: 'ポイント調整', en: 'Points adjusted' },
  exchange: { ja: 'ポイント交換', en: 'Points exchanged' },
};

const KINDS: Record<string, string> = { grant: 'earned', spend: 'spent', expire: 'expired' };

/**
 * Points on the resident 360's timeline: one entry per movement of the resident's wallet
 * (earned, spent, expired, and refunds or adjustments), newest first, with the points moved.
 * Points staff only, like the panel's route; the read and its audit entry
 * (`payments.residentTimeline.read`, naming the resident) commit together.
 */
export const residentPointsTimeline: RecordTimelineContribution = {
  name: 'resident-points',
  label: { ja: 'ポイント', en: 'Points' },
  entities: ['ResidentProfile'],
  async read(request, ctx) {
    if (!request.resident) return [];
    const staff = withRole(ctx.actor, STAFF_ROLE);
    if (!UUID.test(request.resident)) {
      const message = { ja: '住民の ID が正しくありません。', en: 'That is not a resident id.' };
      throw new PluginError('payments.badResident', 400, message, [
        { pointer: '/resident', code: 'payments.badResident', message },
      ]);
    }
    const resident = request.resident;
    const rows = await ctx.transaction(staff, async () => {
      const movements = await ctx.sql.query<{ id: string; created_at: Date | string; kind: string; amount: string }>(
        `select p.id, p.created_at, t.kind, p.amount from posting p join transfer t on t.id = p.transfer_id
          where p.account_id = $1 order by p.id desc limit $2`,
        [walletAccount(resident), request.limit],
      );
      await ctx.audit({
        actor: staff,
        action: 'payments.residentTimeline.read',
        recordId: resident,
        details: { movements: movements.rows.length },
      });
      return movements.rows;
    });
    return rows.map((row) => {
      const points = toNumber(row.amount);
      const label = MOVEMENTS[row.kind]?.[request.language] ?? row.kind;
      return {
        id: String(row.id),
        at: iso(row.created_at),
        kind: KINDS[row.kind] ?? row.kind,
        title: `${label} ${points > 0 ? '+' : ''}${points.toLocaleString(request.language)} pt`,
      };
    });
  },
};
