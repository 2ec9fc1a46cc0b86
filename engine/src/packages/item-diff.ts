import { isDeepStrictEqual } from 'node:util';
import { canonicalize, canonicalKeyOrder } from './canonical-json.ts';

/**
 * One difference between two JSON documents. Pointers follow the new document, except the
 * index of a removed array element, which only the old one has: `- /fields/1` and
 * `+ /fields/1` both appear when one field replaces another.
 */
export interface DiffEntry {
  op: '+' | '-' | '~';
  pointer: string;
  before?: unknown;
  after?: unknown;
}

/** The differences from `before` to `after`, down to the smallest changed value. */
export function diffJson(before: unknown, after: unknown, pointer = ''): DiffEntry[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, pointer);
  if (isRecord(before) && isRecord(after)) return diffObjects(before, after, pointer);
  return [{ op: '~', pointer, before, after }];
}

function diffObjects(before: Record<string, unknown>, after: Record<string, unknown>, pointer: string): DiffEntry[] {
  const keys = canonicalKeyOrder([...new Set([...Object.keys(before), ...Object.keys(after)])]);
  return keys.flatMap((key): DiffEntry[] => {
    const at = `${pointer}/${escapeSegment(key)}`;
    if (!Object.hasOwn(after, key)) return [{ op: '-', pointer: at, before: before[key] }];
    if (!Object.hasOwn(before, key)) return [{ op: '+', pointer: at, after: after[key] }];
    return diffJson(before[key], after[key], at);
  });
}

/**
 * Aligns the elements by identity (a field's `name`, a form field's `field`, an enum
 * `value`, else the whole element) along their longest common subsequence, so inserting a
 * field in the middle reads as one addition rather than a change of every later field.
 */
function diffArrays(before: unknown[], after: unknown[], pointer: string): DiffEntry[] {
  const a = before.map(identityOf);
  const b = after.map(identityOf);
  const common = lcsTable(a, b);
  const entries: DiffEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      entries.push(...diffJson(before[i], after[j], `${pointer}/${j}`));
      i++;
      j++;
    } else if (i < a.length && (j === b.length || common[i + 1][j] >= common[i][j + 1])) {
      entries.push({ op: '-', pointer: `${pointer}/${i}`, before: before[i] });
      i++;
    } else {
      entries.push({ op: '+', pointer: `${pointer}/${j}`, after: after[j] });
      j++;
    }
  }
  return entries;
}

/** `table[i][j]` is the length of the longest common subsequence of `a[i..]` and `b[j..]`. */
function lcsTable(a: string[], b: string[]): number[][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  return table;
}

function identityOf(element: unknown): string {
  if (isRecord(element)) {
    for (const key of ['name', 'field', 'value']) {
      if (typeof element[key] === 'string') return `${key}:${element[key]}`;
    }
  }
  return `json:${JSON.stringify(canonicalize(element))}`;
}

/** One line as plans show it: `~ /fields/2/maxLength: 100 → 200`, `+ /fields/5 {…}`. */
export function formatDiffEntry(entry: DiffEntry): string {
  if (entry.op === '~') return `~ ${entry.pointer}: ${shortValue(entry.before)} → ${shortValue(entry.after)}`;
  return `${entry.op} ${entry.pointer} ${shortValue(entry.op === '+' ? entry.after : entry.before)}`;
}

/** Nested values are elided but keep their name, which is what people recognise them by. */
function shortValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : '[…]';
  if (isRecord(value)) return typeof value.name === 'string' ? `{ name: ${JSON.stringify(value.name)}, … }` : '{…}';
  return JSON.stringify(value) ?? 'undefined';
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
