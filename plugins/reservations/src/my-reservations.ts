import type { PluginContext, RecordData } from '@kiban/sdk';
import { listAll, recordsById } from './list-all.ts';
import { FACILITY, RESERVATION, SLOT } from './records.ts';
import type { Principal } from './roles.ts';

export interface MyReservation {
  id: string;
  status: unknown;
  partySize: unknown;
  contactName: unknown;
  contactPhone: unknown;
  note: unknown;
  createdAt: unknown;
  cancelledAt: unknown;
  slot: { id: string; date: unknown; startTime: unknown; endTime: unknown; status: unknown } | null;
  facility: { id: string; name: unknown; ward: unknown; address: unknown } | null;
}

/**
 * The caller's reservations with their slot and facility, soonest slot first. Everything is
 * read with the caller's own data API, so the role's row and field policies apply.
 */
export async function myReservations(ctx: PluginContext, caller: Principal): Promise<{ items: MyReservation[] }> {
  const data = ctx.data(caller);
  const reservations = await listAll(data, RESERVATION, { filter: { owner: { eq: caller.id } }, sort: '-createdAt' });
  const slots = await recordsById(
    data,
    SLOT,
    reservations.map((r) => String(r.slot)),
  );
  const facilities = await recordsById(
    data,
    FACILITY,
    reservations.map((r) => String(r.facility)),
  );
  const items = reservations.map((r) => describe(r, slots.get(String(r.slot)), facilities.get(String(r.facility))));
  items.sort((a, b) => startOf(a).localeCompare(startOf(b)));
  return { items };
}

function describe(reservation: RecordData, slot?: RecordData, facility?: RecordData): MyReservation {
  return {
    id: String(reservation.id),
    status: reservation.status,
    partySize: reservation.partySize,
    contactName: reservation.contactName,
    contactPhone: reservation.contactPhone,
    note: reservation.note,
    createdAt: reservation.createdAt,
    cancelledAt: reservation.cancelledAt,
    slot: slot
      ? {
          id: String(slot.id),
          date: slot.date,
          startTime: slot.startTime,
          endTime: slot.endTime,
          status: slot.status,
        }
      : null,
    facility: facility
      ? { id: String(facility.id), name: facility.name, ward: facility.ward, address: facility.address }
      : null,
  };
}

function startOf(item: MyReservation): string {
  return item.slot ? `${item.slot.date} ${item.slot.startTime}` : '';
}
