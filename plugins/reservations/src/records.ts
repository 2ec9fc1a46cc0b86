import type { RecordData } from '@kiban/sdk';

/** Typed views of the records of this plugin's entities, as the data API returns them. */

export const SLOT = 'Slot';
export const FACILITY = 'Facility';
export const RESERVATION = 'Reservation';

export interface SlotRecord {
  id: string;
  version: number;
  facility: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
  bookedCount: number;
  status: 'open' | 'closed';
}

export interface FacilityRecord {
  id: string;
  name: string;
  ward: string | null;
  openingHours: unknown;
  closedDates: unknown;
}

export interface ReservationRecord {
  id: string;
  version: number;
  slot: string;
  facility: string;
  partySize: number;
  status: 'confirmed' | 'cancelled';
}

export function slotOf(record: RecordData): SlotRecord {
  return {
    id: String(record.id),
    version: Number(record.version),
    facility: String(record.facility),
    date: String(record.date),
    startTime: String(record.startTime),
    endTime: String(record.endTime),
    capacity: Number(record.capacity),
    bookedCount: Number(record.bookedCount ?? 0),
    status: record.status === 'open' ? 'open' : 'closed',
  };
}

export function facilityOf(record: RecordData): FacilityRecord {
  return {
    id: String(record.id),
    name: String(record.name),
    ward: optionalString(record.ward),
    openingHours: record.openingHours,
    closedDates: record.closedDates,
  };
}

export function reservationOf(record: RecordData): ReservationRecord {
  return {
    id: String(record.id),
    version: Number(record.version),
    slot: String(record.slot),
    facility: String(record.facility),
    partySize: Number(record.partySize),
    status: record.status === 'cancelled' ? 'cancelled' : 'confirmed',
  };
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
