/** A repeatable stream of numbers in [0, 1) from `seed` (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A number drawn evenly from [low, high) with `random`. */
export function between(random: () => number, [low, high]: readonly [number, number]): number {
  return low + random() * (high - low);
}
