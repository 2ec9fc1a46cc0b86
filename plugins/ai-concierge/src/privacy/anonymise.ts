import { nameSpans } from './names.ts';
import { type PersonalDataKind, PLACEHOLDERS, patternSpans, type Span } from './patterns.ts';

export interface Anonymised {
  /** The text, NFKC-normalised, with every piece of personal data replaced by its placeholder. */
  text: string;
  /** How many pieces of each kind were masked (for the audit trail: counts, never values). */
  masked: Partial<Record<PersonalDataKind, number>>;
}

/**
 * Masks names, addresses, phone numbers, e-mail addresses, individual numbers (valid check
 * digit) and birth dates before a text leaves for an external model or into an FAQ draft.
 * Patterns run first, names last, and where two findings overlap the longer one is kept whole.
 */
export async function anonymise(input: string): Promise<Anonymised> {
  const text = input.normalize('NFKC');
  const spans = mergeSpans([...patternSpans(text), ...(await nameSpans(text))]);
  const masked: Partial<Record<PersonalDataKind, number>> = {};
  let output = '';
  let cursor = 0;
  for (const span of spans) {
    output += text.slice(cursor, span.start) + PLACEHOLDERS[span.kind];
    cursor = span.end;
    masked[span.kind] = (masked[span.kind] ?? 0) + 1;
  }
  return { text: output + text.slice(cursor), masked };
}

/** Non-overlapping spans in order: of overlapping ones the earliest-starting, then longest, absorbs the rest. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
