import type { ErrorDetail } from '../errors.ts';
import { pointerOf } from '../metadata/json-pointer.ts';

/**
 * How deep a JSON value may nest. Deep enough for any metadata item or form value; a deeper
 * one would overflow the recursive validators and serialisers it passes through.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The first part of a JSON value that the database cannot store or the engine cannot safely
 * walk: a string or key with U+0000 (PostgreSQL text and jsonb refuse it) or nesting deeper
 * than `MAX_JSON_DEPTH`. The walk is iterative, so the check itself cannot overflow.
 */
export function findUnstorableJson(value: unknown, base: (string | number)[] = []): ErrorDetail | undefined {
  // Nearly every value is fine, which a walk keeping no paths shows; the walk below finds where a problem is.
  if (isStorable(value)) return undefined;
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: base }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (current.includes('\0')) return nulCharacter(path);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length - base.length >= MAX_JSON_DEPTH) return tooDeep(path);
    const entries = Array.isArray(current) ? [...current.entries()] : Object.entries(current);
    if (entries.some(([key]) => typeof key === 'string' && key.includes('\0'))) return nulCharacter(path);
    // Reversed onto the stack, so that the first problem in document order is the one reported.
    for (const [key, child] of entries.reverse()) pending.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** Whether `value` has no NUL character and nests at most `MAX_JSON_DEPTH` deep, without building pointers. */
function isStorable(value: unknown): boolean {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  while (pending.length > 0) {
    const current = pending.pop();
    const depth = depths.pop() as number;
    if (typeof current === 'string') {
      if (current.includes('\0')) return false;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(current)) {
      for (const child of current) {
        pending.push(child);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key.includes('\0')) return false;
      pending.push(child);
      depths.push(depth + 1);
    }
  }
  return true;
}

function nulCharacter(path: (string | number)[]): ErrorDetail {
  return {
    pointer: pointerOf(...path),
    code: 'value.nulCharacter',
    message: { ja: '文字列に NUL 文字（U+0000）は使えません。', en: 'Text cannot contain the NUL character (U+0000).' },
  };
}

function tooDeep(path: (string | number)[]): ErrorDetail {
  return {
    pointer: pointerOf(...path),
    code: 'value.tooDeep',
    message: {
      ja: `JSON の入れ子は ${MAX_JSON_DEPTH} 段までです。`,
      en: `JSON values may nest at most ${MAX_JSON_DEPTH} levels deep.`,
    },
  };
}
