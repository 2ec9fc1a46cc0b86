/** RFC 6901 JSON pointers: split, join, and the item-relative pointer of an engine error. */

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(segments: (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * A publish refusal points into the whole app (`/entity/Branch/fields/0/type`); the part
 * after the item's kind and name is the pointer inside the item, or undefined when the
 * error is about another item.
 */
export function itemPointer(appPointer: string, kind: string, name: string): string | undefined {
  const prefix = joinPointer([kind, name]);
  if (appPointer === prefix) return '';
  return appPointer.startsWith(`${prefix}/`) ? appPointer.slice(prefix.length) : undefined;
}
