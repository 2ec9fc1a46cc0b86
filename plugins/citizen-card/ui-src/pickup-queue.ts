import type { OfflinePickup } from '../src/relief/offline-sync.ts';

const KEY = 'kiban-citizen-card-pickups';

/** A pickup this desk recorded without a connection, waiting to be synced for its site. */
export interface QueuedPickup extends OfflinePickup {
  site: string;
}

/**
 * The pickups a desk handed out while offline. They live in the browser's storage, so a desk
 * that is closed or reloaded before the connection returns still sends them later.
 */
export function queuedPickups(): QueuedPickup[] {
  const stored = localStorage.getItem(KEY);
  return stored ? (JSON.parse(stored) as QueuedPickup[]) : [];
}

export function queuePickup(pickup: Omit<QueuedPickup, 'clientId'>): QueuedPickup {
  const queued = { ...pickup, clientId: crypto.randomUUID() };
  localStorage.setItem(KEY, JSON.stringify([...queuedPickups(), queued]));
  return queued;
}

/** Drops the pickups the server has answered for (recorded, already synced or listed as conflicts). */
export function forgetPickups(clientIds: Set<string>): void {
  localStorage.setItem(KEY, JSON.stringify(queuedPickups().filter((pickup) => !clientIds.has(pickup.clientId))));
}
