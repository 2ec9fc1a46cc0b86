/**
 * Waits before each retry of a failed delivery (after attempt 1, 2, …), the last one repeated:
 * a receiver that is down for an hour gets its deliveries within about an hour and a half of
 * coming back, and the default 12 attempts span about two days before a delivery is dead.
 */
const WAITS_MS = [
  5_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000,
];

export function retryDelayMs(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), WAITS_MS.length) - 1;
  return WAITS_MS[index] ?? WAITS_MS[WAITS_MS.length - 1] ?? 60_000;
}
