import { joinPointer } from './json-pointer.ts';

export interface DiffEntry {
  pointer: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The differences between two JSON values, one entry per JSON pointer where they part:
 * members and array elements are compared position by position; a value of another type
 * (or a scalar) that differs is one `changed` entry.
 */
export function jsonDiff(before: unknown, after: unknown, path: (string | number)[] = []): DiffEntry[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => member(before, after, key, [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => index).flatMap((index) =>
      member(before, after, index, [...path, index]),
    );
  }
  return sameJson(before, after) ? [] : [{ pointer: joinPointer(path), op: 'changed', before, after }];
}

function member(
  before: Record<string, unknown> | unknown[],
  after: Record<string, unknown> | unknown[],
  key: string | number,
  path: (string | number)[],
): DiffEntry[] {
  const inBefore = Object.hasOwn(before, key);
  const inAfter = Object.hasOwn(after, key);
  const valueBefore = (before as Record<string, unknown>)[key];
  const valueAfter = (after as Record<string, unknown>)[key];
  if (!inBefore) return [{ pointer: joinPointer(path), op: 'added', after: valueAfter }];
  if (!inAfter) return [{ pointer: joinPointer(path), op: 'removed', before: valueBefore }];
  return jsonDiff(valueBefore, valueAfter, path);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
