import { PluginError } from '@kiban/sdk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { CatalogueItem } from './eligibility.ts';

const ajv = new Ajv2020({ allErrors: true, coerceTypes: true });
addFormats.default(ajv);

export const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'] as const;

/** The conditions "my benefits and events" can be searched by; every one optional. */
export interface CatalogueSearch {
  q?: string;
  category?: string;
  kind?: 'benefit' | 'event';
  /** Items open on some day from `from` to `to` (inclusive, city days). */
  from?: string;
  to?: string;
  /** Items whose place lies within `withinKm` of `near` ("latitude,longitude"). */
  near?: string;
  withinKm?: number;
  language?: (typeof LANGUAGES)[number];
}

const validSearch = ajv.compile<CatalogueSearch>({
  type: 'object',
  additionalProperties: false,
  dependentRequired: { near: ['withinKm'], withinKm: ['near'] },
  properties: {
    q: { type: 'string', maxLength: 200 },
    category: { type: 'string', maxLength: 50 },
    kind: { enum: ['benefit', 'event'] },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    near: { type: 'string', pattern: '^-?[0-9]{1,2}(\\.[0-9]+)?,-?[0-9]{1,3}(\\.[0-9]+)?$' },
    withinKm: { type: 'number', exclusiveMinimum: 0, maximum: 500 },
    language: { enum: [...LANGUAGES] },
  },
});

/** The query string as a search, or a 400 naming each bad parameter. */
export function parseSearch(query: Record<string, string>): CatalogueSearch {
  const search: Record<string, unknown> = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  if (validSearch(search)) return search;
  throw new PluginError(
    'notifications.invalidSearch',
    400,
    { ja: '検索条件が正しくありません。', en: 'The search conditions are not valid.' },
    (validSearch.errors ?? []).map((error) => ({
      pointer:
        error.instancePath || `/${String(error.params.missingProperty ?? error.params.additionalProperty ?? '')}`,
      code: `notifications.search.${error.keyword}`,
      message: { ja: '条件が正しくありません', en: error.message ?? 'invalid' },
    })),
  );
}

/** The first and last day an item is open, as ISO days; `undefined` when open-ended. */
export function periodOf(item: CatalogueItem): { start?: string; end?: string } {
  const start = (item.record.periodStart ?? item.record.startsAt) as string | null;
  const end = (item.record.periodEnd ?? item.record.endsAt) as string | null;
  return { start: start ? cityDay(start) : undefined, end: end ? cityDay(end) : undefined };
}

/** The day in Asia/Tokyo of a date or a timestamp. */
export function cityDay(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(new Date(value).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Kilometres along the Earth's surface (haversine, mean radius). */
export function distanceKm(from: [number, number], to: [number, number]): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const [lat1, lon1] = from.map(radians) as [number, number];
  const [lat2, lon2] = to.map(radians) as [number, number];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function coordinatesOf(item: CatalogueItem): [number, number] | undefined {
  const { latitude, longitude } = item.record;
  if (latitude === null || latitude === undefined || longitude === null || longitude === undefined) return undefined;
  return [Number(latitude), Number(longitude)];
}

/** The item's texts in the reader's language, Japanese where a translation is missing. */
export function textsOf(item: CatalogueItem, language: string): { title: string; summary: string; body: string } {
  const translations = (item.record.translations ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const translated = language === 'ja' ? undefined : translations[language];
  const pick = (field: 'title' | 'summary' | 'body') => {
    const value = translated?.[field];
    return typeof value === 'string' && value !== '' ? value : String(item.record[field] ?? '');
  };
  return { title: pick('title'), summary: pick('summary'), body: pick('body') };
}

/** Whether the item meets every condition of the search (eligibility aside). */
export function meets(item: CatalogueItem, search: CatalogueSearch, today: string): boolean {
  const { start, end } = periodOf(item);
  if (end && end < today) return false;
  if (search.kind && (item.entity === 'CatalogueBenefit' ? 'benefit' : 'event') !== search.kind) return false;
  if (search.category && item.record.category !== search.category) return false;
  if (search.from && end && end < search.from) return false;
  if (search.to && start && start > search.to) return false;
  if (search.q) {
    const needle = search.q.toLowerCase();
    const texts = [textsOf(item, 'ja'), textsOf(item, search.language ?? 'ja')].flatMap(Object.values);
    if (!texts.some((text) => text.toLowerCase().includes(needle))) return false;
  }
  if (search.near && search.withinKm) {
    const place = coordinatesOf(item);
    const [lat, lon] = search.near.split(',').map(Number) as [number, number];
    if (!place || distanceKm([lat, lon], place) > search.withinKm) return false;
  }
  return true;
}
