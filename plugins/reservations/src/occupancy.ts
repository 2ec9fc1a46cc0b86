import type { FacilityRecord, SlotRecord } from './records.ts';

/** Places of one slot or of a whole facility on one day. */
export interface Places {
  capacity: number;
  booked: number;
  free: number;
  /** booked / capacity in percent, one decimal. */
  percentage: number;
}

export interface SlotOccupancy extends Places {
  id: string;
  startTime: string;
  endTime: string;
  status: SlotRecord['status'];
}

export interface FacilityOccupancy extends Places {
  facility: { id: string; name: string; ward: string | null };
  slots: SlotOccupancy[];
}

export interface OccupancyReport {
  date: string;
  facilities: FacilityOccupancy[];
}

/** Groups one day's slots by facility (by name), each facility's slots by start time. */
export function occupancyReport(date: string, slots: SlotRecord[], facilities: Map<string, FacilityRecord>) {
  const byFacility = new Map<string, SlotRecord[]>();
  for (const slot of slots) byFacility.set(slot.facility, [...(byFacility.get(slot.facility) ?? []), slot]);
  const rows: FacilityOccupancy[] = [];
  for (const [facilityId, facilitySlots] of byFacility) {
    const facility = facilities.get(facilityId);
    const sorted = facilitySlots.sort((a, b) => a.startTime.localeCompare(b.startTime));
    rows.push({
      facility: { id: facilityId, name: facility?.name ?? '', ward: facility?.ward ?? null },
      ...places(sum(sorted, 'capacity'), sum(sorted, 'bookedCount')),
      slots: sorted.map((slot) => ({
        id: slot.id,
        startTime: slot.startTime,
        endTime: slot.endTime,
        status: slot.status,
        ...places(slot.capacity, slot.bookedCount),
      })),
    });
  }
  rows.sort((a, b) => a.facility.name.localeCompare(b.facility.name, 'ja'));
  return { date, facilities: rows } satisfies OccupancyReport;
}

function places(capacity: number, booked: number): Places {
  const percentage = capacity > 0 ? Math.round((booked * 1000) / capacity) / 10 : 0;
  // Staff may lower a capacity below what is already booked; such a slot has no free place.
  return { capacity, booked, free: Math.max(0, capacity - booked), percentage };
}

function sum(slots: SlotRecord[], key: 'capacity' | 'bookedCount'): number {
  return slots.reduce((total, slot) => total + slot[key], 0);
}
