import { html, type TemplateResult } from 'lit';
import { type CalendarPreference, formatDate, formatDateTime, intlLocale, translate } from '../../i18n/index.ts';
import type { FieldDefinition, Language } from '../../metadata/index.ts';
import { localizedText } from './localized.ts';

/** How values are shown to one reader. */
export interface FormatContext {
  language: Language;
  calendar: CalendarPreference;
  /** What to call referenced records, by id (a referenced record's `titleField`); ids show otherwise. */
  referenceTitles?: Record<string, string>;
}

/** A record value as a resident reads it: labels for codes, 和暦 or 西暦 dates, grouped digits. */
export function formatValue(
  field: Pick<FieldDefinition, 'type' | 'values'>,
  value: unknown,
  { language, calendar, referenceTitles }: FormatContext,
): TemplateResult | string {
  if (value === null || value === undefined || value === '') {
    return html`<span class="empty">${translate(language, 'value.empty')}</span>`;
  }
  switch (field.type) {
    case 'boolean':
      return translate(language, value ? 'value.true' : 'value.false');
    case 'enum': {
      const option = field.values?.find((candidate) => candidate.value === value);
      return option ? localizedText(option.label, language) : String(value);
    }
    case 'date':
      return formatDate(String(value), language, calendar);
    case 'datetime':
      return formatDateTime(String(value), language, calendar);
    case 'integer':
    case 'decimal':
      return formatNumber(value, language);
    case 'json':
      return html`<code>${JSON.stringify(value)}</code>`;
    case 'reference':
      return referenceTitles?.[String(value)] ?? String(value);
    case 'file': {
      const file = value as { name?: unknown; size?: unknown };
      const kilobytes = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 1 });
      return `${String(file.name)}（${kilobytes.format(Number(file.size) / 1024)} KB）`;
    }
    default:
      return String(value);
  }
}

/** Decimals may arrive as exact strings; they are grouped without passing through a float. */
function formatNumber(value: unknown, language: Language): string {
  const format = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 20 });
  if (typeof value === 'number') return format.format(value);
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? format.format(text as `${number}`) : text;
}
