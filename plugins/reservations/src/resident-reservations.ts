import type { PluginContext, RecordData } from '@kiban/sdk';
import { invalidResident, residentStaffOnly } from './errors.ts';
import { listAll, recordsById } from './list-all.ts';
import { FACILITY, RESERVATION, SLOT } from './records.ts';
import { isReservationsStaff, type Principal } from './roles.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResidentReservation {
  id: string;
  status: unknown;
  partySize: unknown;
  createdAt: unknown;
  cancelledAt: unknown;
  facility: { id: string; name: unknown } | null;
  slot: { id: string; date: unknown; startTime: unknown; endTime: unknown } | null;
}

/**
 * One resident's reservations for booking staff (the panel under the CRM's resident 360),
 * newest first. Read with the staff member's own data API, so their role's row and field
 * policies decide what comes back; the read and its audit entry
 * (`reservations.residentReservations.read`, naming the resident) commit together.
 */
export async function residentReservations(
  ctx: PluginContext,
  staff: Principal,
  resident: string,
): Promise<{ items: ResidentReservation[] }> {
  if (!isReservationsStaff(staff)) throw residentStaffOnly();
  if (!UUID.test(resident)) throw invalidResident();
  return ctx.transaction(staff, async (data) => {
    const reservations = await listAll(data, RESERVATION, { filter: { owner: { eq: resident } }, sort: '-createdAt' });
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
    await ctx.audit({
      actor: staff,
      action: 'reservations.residentReservations.read',
      recordId: resident,
      details: { reservations: reservations.length },
    });
    return {
      items: reservations.map((r) => describe(r, slots.get(String(r.slot)), facilities.get(String(r.facility)))),
    };
  });
}

function describe(reservation: RecordData, slot?: RecordData, facility?: RecordData): ResidentReservation {
  return {
    id: String(reservation.id),
    status: reservation.status,
    partySize: reservation.partySize,
    createdAt: reservation.createdAt,
    cancelledAt: reservation.cancelledAt,
    facility: facility ? { id: String(facility.id), name: facility.name } : null,
    slot: slot ? { id: String(slot.id), date: slot.date, startTime: slot.startTime, endTime: slot.endTime } : null,
  };
}
