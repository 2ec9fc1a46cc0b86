import type { FieldDefinition, RecordData } from '../../metadata/index.ts';
import type { FieldProblem } from '../../validation/index.ts';

/** Full-width digits (０–９), which Japanese input methods produce, as ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/**
 * What an input's text means as a record value; `undefined` for an empty input, so that the
 * field is left out of the record and its default applies. Text that cannot be converted is
 * kept as it is, for validation to reject with a message.
 */
export function valueFromInput(field: FieldDefinition, text: string): unknown {
  if (text.trim() === '') return undefined;
  switch (field.type) {
    case 'integer': {
      const digits = asciiDigits(text.trim());
      return /^-?\d+$/.test(digits) ? Number(digits) : text;
    }
    case 'decimal':
      return asciiDigits(text.trim());
    case 'postalCode':
      // Stored as seven digits; people write 100-0001 or １００－０００１.
      return asciiDigits(text).replace(/[\s\-－‐ー]/g, '');
    case 'phone':
      return asciiDigits(text)
        .replace(/[－‐ー]/g, '-')
        .trim();
    case 'datetime': {
      const instant = new Date(text);
      return Number.isNaN(instant.getTime()) ? text : instant.toISOString();
    }
    default:
      return text;
  }
}

/** The text an input shows for a record value. */
export function inputText(field: FieldDefinition, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'datetime' && typeof value === 'string') return localDateTime(value);
  return String(value);
}

/** `datetime-local` inputs speak the device's local time without a zone. */
function localDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

/** The record to validate and submit: the values of the fields the resident can see. */
export function recordOf(values: RecordData, visible: ReadonlySet<string>): RecordData {
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => visible.has(name) && value !== undefined));
}

/** What a field's input shows: JSON pretty-printed, everything else as `inputText` says. */
export function displayText(field: FieldDefinition, value: unknown): string {
  return field.type === 'json' && value !== undefined ? JSON.stringify(value, null, 2) : inputText(field, value);
}

/** JSON typed into a json field; empty text is no value. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** JSON fields whose text does not parse have no value the schema could check; this says so. */
export function unparsedJsonProblems(texts: Record<string, string>, visible: ReadonlySet<string>): FieldProblem[] {
  return Object.entries(texts)
    .filter(([name, text]) => visible.has(name) && !parseJson(text).ok)
    .map(([name]) => ({ kind: 'schema', field: name, keyword: 'json' }));
}
