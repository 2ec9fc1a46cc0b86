import type { RecordTimelineContribution } from '@kiban/sdk';
import { residentReservations } from './resident-reservations.ts';
import { callerOf } from './roles.ts';

/** The labels of `Reservation.status` in the metadata, for the timeline's one line. */
const STATES: Record<string, { ja: string; en: string }> = {
  confirmed: { ja: '予約済み', en: 'Confirmed' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
};

/**
 * The resident's reservations on the resident 360's timeline: the same read as the panel's
 * (booking staff only, their policies, audited), one entry per reservation when it was made.
 */
export const residentReservationTimeline: RecordTimelineContribution = {
  name: 'resident-reservations',
  label: { ja: '施設予約', en: 'Facility reservations' },
  entities: ['ResidentProfile'],
  async read(request, ctx) {
    if (!request.resident) return [];
    const { items } = await residentReservations(ctx, callerOf(ctx.actor), request.resident);
    return items.slice(0, request.limit).map((item) => ({
      id: item.id,
      at: String(item.createdAt),
      kind: 'reservation',
      title: [item.facility?.name, item.slot && `${item.slot.date} ${item.slot.startTime}–${item.slot.endTime}`]
        .filter(Boolean)
        .join(' '),
      state: STATES[String(item.status)]?.[request.language] ?? null,
    }));
  },
};
