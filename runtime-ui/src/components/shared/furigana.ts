import { html, type TemplateResult } from 'lit';
import type { EntityMetadata } from '../../metadata/index.ts';

/**
 * Name fields and the kana fields that read them. The metadata language has no explicit
 * pairing yet, so the convention is the one the example apps follow: a `kana` field named
 * `<name>Kana` reads the field `<name>` (`nameKana` reads `name`).
 */
export function furiganaPairs(entity: EntityMetadata): Map<string, string> {
  const names = new Set(entity.fields.map((field) => field.name));
  const pairs = new Map<string, string>();
  for (const field of entity.fields) {
    const base = field.type === 'kana' && field.name.endsWith('Kana') ? field.name.slice(0, -'Kana'.length) : '';
    if (base && names.has(base)) pairs.set(base, field.name);
  }
  return pairs;
}

/** A name with its reading above it; the plain name when the reading is missing. */
export function withFurigana(name: string, kana: unknown): TemplateResult | string {
  if (typeof kana !== 'string' || kana === '') return name;
  return html`<ruby>${name}<rp>(</rp><rt>${kana}</rt><rp>)</rp></ruby>`;
}
