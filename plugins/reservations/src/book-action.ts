import type { ActionContribution, RecordData } from '@kiban/sdk';
import { checkBookable } from './booking-rules.ts';
import { configuredTimeZone, localNow } from './local-clock.ts';
import { FACILITY, facilityOf, RESERVATION, SLOT, slotOf } from './records.ts';
import { callerOf, RESIDENT_ROLE, SYSTEM } from './roles.ts';

export interface BookInput {
  slotId: string;
  partySize?: number;
  contactName: string;
  contactPhone?: string;
  note?: string;
}

export interface BookResult {
  reservation: RecordData;
  slot: { id: string; capacity: number; booked: number; free: number };
}

/** Limits match the Reservation entity, so that a bad value is refused before any lock is taken. */
const BOOK_INPUT = {
  type: 'object',
  required: ['slotId', 'contactName'],
  additionalProperties: false,
  properties: {
    slotId: { type: 'string', format: 'uuid' },
    partySize: { type: 'integer', minimum: 1, maximum: 1000 },
    contactName: { type: 'string', minLength: 1, maxLength: 100 },
    // The Reservation entity's `phone` type checks the number itself.
    contactPhone: { type: 'string', minLength: 1, maxLength: 20 },
    note: { type: 'string', maxLength: 500 },
  },
};

/**
 * Books places on a slot. The slot's row lock serialises concurrent bookings of one slot,
 * so the capacity check and the increment of `bookedCount` see every earlier booking: a slot
 * can never be overbooked. Residents may not create reservations themselves (that would
 * bypass the check), so the plugin writes as the system actor and makes the caller the owner.
 */
export const bookAction: ActionContribution<BookInput, BookResult> = {
  name: 'book',
  label: { ja: '施設を予約する', en: 'Book a facility' },
  input: BOOK_INPUT,
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const caller = callerOf(ctx.actor);
    const partySize = input.partySize ?? 1;
    return ctx.transaction(SYSTEM, async (data) => {
      const slot = slotOf(await data.get(SLOT, input.slotId, { forUpdate: true }));
      const facility = facilityOf(await data.get(FACILITY, slot.facility));
      // The clock is read once the lock is held: waiting for it may take the slot past its start.
      checkBookable(slot, facility, partySize, localNow(configuredTimeZone(ctx.config)));
      const reservation = await data.create(RESERVATION, {
        slot: slot.id,
        facility: facility.id,
        partySize,
        status: 'confirmed',
        contactName: input.contactName,
        contactPhone: input.contactPhone ?? null,
        note: input.note ?? null,
        owner: caller.id,
      });
      const booked = slot.bookedCount + partySize;
      await data.update(SLOT, slot.id, { bookedCount: booked }, slot.version);
      ctx.logger.info('reservation booked', { reservationId: reservation.id, slotId: slot.id, partySize });
      return { reservation, slot: { id: slot.id, capacity: slot.capacity, booked, free: slot.capacity - booked } };
    });
  },
};
