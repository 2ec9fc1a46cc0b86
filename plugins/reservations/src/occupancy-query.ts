import type { PluginContext } from '@kiban/sdk';
import { invalidDate, staffOnly } from './errors.ts';
import { listAll, recordsById } from './list-all.ts';
import { configuredTimeZone, isCalendarDate, localNow } from './local-clock.ts';
import { type OccupancyReport, occupancyReport } from './occupancy.ts';
import { FACILITY, facilityOf, SLOT, slotOf } from './records.ts';
import { isReservationsStaff, type Principal } from './roles.ts';

/**
 * Capacity, booked and free places of every slot on `date` (today in the city's time zone
 * when absent), per facility. Staff only; read with the staff member's own data API.
 */
export async function occupancyOn(
  ctx: PluginContext,
  caller: Principal,
  date: string | undefined,
): Promise<OccupancyReport> {
  if (!isReservationsStaff(caller)) throw staffOnly();
  if (date !== undefined && !isCalendarDate(date)) throw invalidDate(date);
  const day = date ?? localNow(configuredTimeZone(ctx.config)).date;
  const data = ctx.data(caller);
  const slots = (await listAll(data, SLOT, { filter: { date: { eq: day } }, sort: 'startTime' })).map(slotOf);
  const facilityRecords = await recordsById(
    data,
    FACILITY,
    slots.map((slot) => slot.facility),
  );
  const facilities = new Map([...facilityRecords].map(([id, record]) => [id, facilityOf(record)]));
  return occupancyReport(day, slots, facilities);
}
