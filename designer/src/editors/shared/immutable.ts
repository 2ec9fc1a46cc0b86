/**
 * Copy-on-write helpers. The editors never change the item they were given: every edit
 * builds a new object, so the shell can keep the previous version for undo and diffing.
 */

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, at) => (at === index ? item : existing));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}

export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/** `list` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return [...list];
  const rest = removeAt(list, from);
  return insertAt(rest, target, list[from]);
}

/** `object` with `key` set to `value`, or without `key` when `value` is undefined. */
export function withProperty<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A name like `field3` that `taken` does not hold yet. */
export function freshName(prefix: string, taken: readonly string[], separator = ''): string {
  for (let number = taken.length + 1; ; number++) {
    const name = `${prefix}${separator}${number}`;
    if (!taken.includes(name)) return name;
  }
}
