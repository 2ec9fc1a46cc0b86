import { contactCenterError } from '../errors.ts';

/** What a canned reply may say `{{…}}` for; anything else is refused when the reply is saved. */
export const PLACEHOLDERS = ['resident.name', 'operator.name', 'queue', 'today'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Refuses a reply text that names an unknown placeholder (422, located at `/body`), so a typo never reaches a resident. */
export function checkPlaceholders(body: string): void {
  const unknown = [...body.matchAll(PATTERN)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length === 0) return;
  throw contactCenterError(
    'unknownPlaceholder',
    422,
    '定型文に使えない差し込み項目があります。',
    'The reply names a placeholder that does not exist.',
    unknown.map((name) => ({
      pointer: '/body',
      code: 'contact-center.unknownPlaceholder',
      message: {
        ja: `{{${name}}} は使えません（使えるもの: ${PLACEHOLDERS.join(', ')}）`,
        en: `{{${name}}} is unknown (known: ${PLACEHOLDERS.join(', ')})`,
      },
    })),
  );
}

export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as Placeholder] : whole,
  );
}
