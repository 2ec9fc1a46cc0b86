import { facilityClosed, slotAlreadyStarted, slotFull, slotNotOpen } from './errors.ts';
import type { LocalMoment } from './local-clock.ts';
import { isOpenDuring } from './opening-hours.ts';
import type { FacilityRecord, SlotRecord } from './records.ts';

/**
 * Whether `partySize` more people can book `slot` at `now`; throws the first reason they
 * cannot. The caller must hold the slot's row lock, or the capacity check would race.
 */
export function checkBookable(slot: SlotRecord, facility: FacilityRecord, partySize: number, now: LocalMoment): void {
  if (slot.status !== 'open') throw slotNotOpen();
  if (slot.date < now.date || (slot.date === now.date && slot.startTime <= now.time)) throw slotAlreadyStarted();
  if (!isOpenDuring(facility, slot.date, slot.startTime, slot.endTime)) throw facilityClosed();
  const free = Math.max(0, slot.capacity - slot.bookedCount);
  if (partySize > free) throw slotFull(free, partySize);
}
