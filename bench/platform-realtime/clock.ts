/** Milliseconds since the epoch with sub-millisecond resolution; every process on the machine reads the same clock. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
