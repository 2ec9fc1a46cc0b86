import type { ActionContribution, RecordData } from '@kiban/sdk';
import { RESERVATION, reservationOf, SLOT, slotOf } from './records.ts';
import { callerOf, RESIDENT_ROLE, STAFF_ROLE, SYSTEM } from './roles.ts';

export interface CancelInput {
  reservationId: string;
}

export interface CancelResult {
  reservation: RecordData;
  /** False when the reservation had been cancelled before: cancelling again changes nothing. */
  cancelledNow: boolean;
}

/**
 * Cancels a reservation and frees its places. Whether the caller may cancel it is decided by
 * reading it with the caller's own data API: the row policy shows residents only their own
 * reservations (anyone else's is "not found") and staff every one. The write itself runs as
 * the system actor because only the plugin may change `bookedCount`.
 */
export const cancelAction: ActionContribution<CancelInput, CancelResult> = {
  name: 'cancel',
  label: { ja: '予約を取り消す', en: 'Cancel a reservation' },
  input: {
    type: 'object',
    required: ['reservationId'],
    additionalProperties: false,
    properties: { reservationId: { type: 'string', format: 'uuid' } },
  },
  roles: [RESIDENT_ROLE, STAFF_ROLE],
  async handler(input, ctx) {
    const caller = callerOf(ctx.actor);
    // The owner and the slot of a reservation never change, so this check cannot go stale.
    const visible = reservationOf(await ctx.data(caller).get(RESERVATION, input.reservationId));
    return ctx.transaction(SYSTEM, async (data) => {
      // Slot first, then reservation: the same lock order as booking, so the two never deadlock.
      const slot = slotOf(await data.get(SLOT, visible.slot, { forUpdate: true }));
      const current = await data.get(RESERVATION, visible.id, { forUpdate: true });
      const reservation = reservationOf(current);
      if (reservation.status === 'cancelled') return { reservation: current, cancelledNow: false };
      const booked = Math.max(0, slot.bookedCount - reservation.partySize);
      await data.update(SLOT, slot.id, { bookedCount: booked }, slot.version);
      const cancelled = await data.update(
        RESERVATION,
        reservation.id,
        { status: 'cancelled', cancelledAt: new Date().toISOString() },
        reservation.version,
      );
      ctx.logger.info('reservation cancelled', { reservationId: reservation.id, slotId: slot.id });
      return { reservation: cancelled, cancelledNow: true };
    });
  },
};
