/**
 * Where each JSON pointer's value sits in a JSON text, for putting markers on it. A small
 * scanner over well-formed JSON (the designer only locates pointers in text that parsed);
 * each entry is the value's start and end offset, and for object members, the key's start.
 */
export interface TextSpan {
  start: number;
  end: number;
}

export function jsonLocations(text: string): Map<string, TextSpan> {
  const spans = new Map<string, TextSpan>();
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const escapeSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
  const readValue = (pointer: string, keyStart?: number): void => {
    skipSpace();
    const start = at;
    const char = text[at];
    if (char === '{') {
      at++;
      skipSpace();
      while (text[at] !== '}' && at < text.length) {
        skipSpace();
        const memberStart = at;
        const key = readString();
        skipSpace();
        at++; // ':'
        readValue(`${pointer}/${escapeSegment(key)}`, memberStart);
        skipSpace();
        if (text[at] === ',') at++;
        skipSpace();
      }
      at++;
    } else if (char === '[') {
      at++;
      let index = 0;
      skipSpace();
      while (text[at] !== ']' && at < text.length) {
        readValue(`${pointer}/${index++}`);
        skipSpace();
        if (text[at] === ',') at++;
        skipSpace();
      }
      at++;
    } else if (char === '"') {
      readString();
    } else {
      while (at < text.length && /[^\s,\]}]/.test(text[at] ?? '')) at++;
    }
    spans.set(pointer, { start: keyStart ?? start, end: at });
  };
  readValue('');
  return spans;
}

/** The span of `pointer`, or of its nearest ancestor that exists (a missing member's parent). */
export function locatePointer(spans: Map<string, TextSpan>, pointer: string): TextSpan | undefined {
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
    const span = spans.get(current);
    if (span) return span;
    if (current === '') return undefined;
  }
}
