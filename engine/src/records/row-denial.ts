import { KibanError } from '../errors.ts';
import type { EntityMetadata, Filter, I18nText } from '../metadata/index.ts';

type Language = 'ja' | 'en';

const OPERATORS: Record<string, Record<Language, string>> = {
  eq: { ja: '＝', en: '=' },
  ne: { ja: '≠', en: '≠' },
  lt: { ja: '＜', en: '<' },
  lte: { ja: '≦', en: '≤' },
  gt: { ja: '＞', en: '>' },
  gte: { ja: '≧', en: '≥' },
  in: { ja: 'が次のいずれか:', en: 'is one of' },
  contains: { ja: 'が次を含む:', en: 'contains' },
};

/**
 * A write whose record no row condition of the caller's permissions covers. The message says
 * which conditions would have allowed it, naming fields by their labels, so that a person can
 * see what to change (「区 ＝ 東灘区」) instead of only being told no.
 */
export function rowNotAllowed(entity: EntityMetadata, rowFilters: readonly Filter[] | null): KibanError {
  const conditions = {
    ja: (rowFilters ?? []).map((filter) => describeFilter(entity, filter, 'ja')).join(' または '),
    en: (rowFilters ?? []).map((filter) => describeFilter(entity, filter, 'en')).join('; or '),
  };
  const name = { ja: entity.label.ja, en: entity.label.en ?? entity.name };
  return new KibanError(
    'access.rowDenied',
    403,
    {
      ja: `この内容の${name.ja}を保存する権限がありません。許可される条件: ${conditions.ja}。`,
      en: `You may not store a ${name.en} record with these values. Allowed only when: ${conditions.en}.`,
    },
    [],
  );
}

function describeFilter(entity: EntityMetadata, filter: Filter, language: Language): string {
  const parts = Object.entries(filter).flatMap(([field, operators]) =>
    Object.entries(operators ?? {}).map(([op, value]) =>
      describeComparison(labelOf(entity, field, language), op, value, language),
    ),
  );
  return parts.join(language === 'ja' ? ' かつ ' : ' and ');
}

function describeComparison(label: string, op: string, value: unknown, language: Language): string {
  if (op === 'isNull') {
    const empty = value === true;
    if (language === 'ja') return `${label}が${empty ? '空' : '空でない'}`;
    return `${label} is ${empty ? 'empty' : 'not empty'}`;
  }
  const symbol = OPERATORS[op]?.[language] ?? op;
  return `${label} ${symbol} ${shown(value, language)}`;
}

/** A field by its label; a key through a reference (`request.ward`) by the reference's label and the field's name. */
function labelOf(entity: EntityMetadata, key: string, language: Language): string {
  const [field, ...rest] = key.split('.');
  if (field === 'owner') return language === 'ja' ? '所有者' : 'the owner';
  const label: I18nText | undefined = entity.fields.find((each) => each.name === field)?.label;
  const named = label ? (language === 'ja' ? `「${label.ja}」` : `"${label.en ?? label.ja}"`) : field;
  return rest.length > 0 ? `${named}.${rest.join('.')}` : named;
}

function shown(value: unknown, language: Language): string {
  if (Array.isArray(value)) return value.map((each) => shown(each, language)).join(', ');
  if (value === '$user' || value === '$principal.id') return language === 'ja' ? 'あなた' : 'you';
  if (typeof value === 'string' && value.startsWith('$principal.')) {
    const attribute = value.slice('$principal.'.length);
    return language === 'ja' ? `あなたの ${attribute}` : `your ${attribute}`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
