import type { Actor, RecordData } from '@kiban/sdk';
import { ROLE } from '../entities.ts';

/** The realtime channel of case changes: room `board` for managers, `staff:<id>` for each assignee. */
export const CASES_CHANNEL = 'cases';
export const BOARD_ROOM = 'board';

export function caseRooms(record: RecordData): string[] {
  const rooms = [BOARD_ROOM];
  if (typeof record.assignee === 'string') rooms.push(`staff:${record.assignee}`);
  return rooms;
}

/** Managers join the board; every clerk joins their own room. */
export function mayJoinCases(actor: Actor, room: string): boolean {
  if (actor.kind !== 'principal') return false;
  if (room === BOARD_ROOM) return actor.roles.includes(ROLE.manager);
  return room === `staff:${actor.id}` && (actor.roles.includes(ROLE.staff) || actor.roles.includes(ROLE.manager));
}
