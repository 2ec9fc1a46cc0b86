/**
 * Personalisation fields in a template's texts: `{{name}}`, `{{deadline|wareki}}`. A field is a
 * value of the recipient's record or of the campaign; a filter formats it. Rendering refuses a
 * missing value instead of sending `{{name}}` to a resident.
 */

export const CHANNELS = ['inbox', 'email', 'line', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ChannelText {
  subject?: string;
  body: string;
}

/** `{ inbox: { ja: { subject, body }, en: … }, email: … }` as the template record stores it. */
export type TemplateContent = Partial<Record<Channel, Record<string, ChannelText>>>;

export interface Placeholder {
  field: string;
  filter?: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*(?:\|\s*([a-z]+)\s*)?\}\}/g;

type Formatter = (value: unknown, language: string) => string;

const asDate = (value: unknown): Date => {
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new TemplateValueError(`not a date: ${String(value)}`);
  return date;
};

const FILTERS: Record<string, Formatter> = {
  // 令和8年12月6日: the Japanese era calendar of the city's letters.
  wareki: (value) =>
    new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'Asia/Tokyo',
    }).format(asDate(value)),
  date: (value, language) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(asDate(value)),
  yen: (value) => `${new Intl.NumberFormat('ja-JP').format(Number(value))}円`,
};

export const FILTER_NAMES = Object.keys(FILTERS);

export class TemplateValueError extends Error {}

export function placeholdersOf(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map(([, field, filter]) => ({ field: String(field), filter }));
}

/** Every placeholder of every channel and language, with where it occurs. */
export function placeholdersOfContent(content: TemplateContent): Array<Placeholder & { pointer: string }> {
  const found: Array<Placeholder & { pointer: string }> = [];
  for (const [channel, languages] of Object.entries(content)) {
    for (const [language, text] of Object.entries(languages ?? {})) {
      for (const part of ['subject', 'body'] as const) {
        const value = text[part];
        if (typeof value !== 'string') continue;
        for (const placeholder of placeholdersOf(value)) {
          found.push({ ...placeholder, pointer: `/content/${channel}/${language}/${part}` });
        }
      }
    }
  }
  return found;
}

const lookup = (values: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      values,
    );

export function render(text: string, values: Record<string, unknown>, language: string): string {
  return text.replace(PLACEHOLDER, (_match, field: string, filter?: string) => {
    const value = lookup(values, field);
    if (value === undefined || value === null || value === '') {
      throw new TemplateValueError(`no value for {{${field}}}`);
    }
    if (!filter) return String(value);
    const format = FILTERS[filter];
    if (!format) throw new TemplateValueError(`unknown filter ${filter}`);
    return format(value, language);
  });
}

/**
 * Renders what it can and leaves each placeholder without a value as written, naming its field:
 * a preview against a real record shows staff the gaps instead of failing on the first.
 */
export function renderShowingGaps(
  text: string,
  values: Record<string, unknown>,
  language: string,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const rendered = text.replace(PLACEHOLDER, (placeholder, field: string) => {
    try {
      return render(placeholder, values, language);
    } catch (error) {
      if (!(error instanceof TemplateValueError)) throw error;
      if (!missing.includes(field)) missing.push(field);
      return placeholder;
    }
  });
  return { text: rendered, missing };
}

/** The text of `channel` in `language`, falling back to Japanese, the template's required language. */
export function textFor(content: TemplateContent, channel: Channel, language: string): ChannelText | undefined {
  const languages = content[channel];
  return languages?.[language] ?? languages?.ja;
}
