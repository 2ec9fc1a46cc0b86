import type { Actor, PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY } from '../entities.ts';
import { phoneDigits, residentsByPhone } from './match-key.ts';

export const SEARCH_FIELDS = ['id', 'principal', 'fullName', 'fullNameKana', 'birthDate', 'ward', 'mergedInto'];

/** Hiragana and half-width katakana as full-width katakana, spaces gone: how kana names are compared. */
export function searchableKana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .replace(/\s/g, '');
}

/**
 * Residents for the staff search box, read as the caller (their policies decide what they
 * see): a query of six digits or more is a phone number, however it is written; anything else
 * is part of a kana name (hiragana typed at the counter finds katakana) or of a name.
 */
export async function searchResidents(ctx: PluginContext, actor: Actor, query: string): Promise<RecordData[]> {
  const text = query.trim();
  if (text === '') return [];
  const data = ctx.data(actor);
  if (phoneDigits(text).length >= 6 && /^[\d０-９\s()（）+＋‐－ー-]+$/.test(text)) {
    const principals = await residentsByPhone(ctx, text);
    if (principals.length === 0) return [];
    return data.list(ENTITY.profile, { filter: { principal: { in: principals } }, fields: SEARCH_FIELDS, limit: 20 });
  }
  const kana = searchableKana(text);
  const byKana = await data.list(ENTITY.profile, {
    filter: { fullNameKana: { contains: kana } },
    fields: SEARCH_FIELDS,
    sort: 'fullNameKana,id',
    limit: 20,
  });
  if (byKana.length > 0) return byKana;
  return data.list(ENTITY.profile, {
    filter: { fullName: { contains: text.normalize('NFKC') } },
    fields: SEARCH_FIELDS,
    sort: 'fullNameKana,id',
    limit: 20,
  });
}
