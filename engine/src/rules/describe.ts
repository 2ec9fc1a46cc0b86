import { isRelativeDate, resolveFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, FieldDefinition, I18nText, RuleComparison, RuleCondition } from '../metadata/types.ts';

/** A message in both languages the engine answers in. */
export interface Described {
  ja: string;
  en: string;
}

const SYMBOLS: Partial<Record<RuleComparison['op'], string>> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
};

/**
 * A condition in words for people, naming fields by their labels (not their keys) and enum
 * values by theirs: `申込の状態 = 収集済み または 取消` / `Status of Request = Collected or
 * Cancelled`. Guard, lock and validation messages say with it which condition decided.
 */
export function describeCondition(
  condition: RuleCondition,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): Described {
  if ('all' in condition) return joined(condition.all, ' かつ ', ' and ', entity, entities);
  if ('any' in condition) return joined(condition.any, ' または ', ' or ', entity, entities);
  if ('not' in condition) {
    const inner = describeCondition(condition.not, entity, entities);
    return { ja: `「${inner.ja}」ではない`, en: `not (${inner.en})` };
  }
  return describeComparison(condition, entity, entities);
}

function joined(
  parts: RuleCondition[],
  ja: string,
  en: string,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): Described {
  const described = parts.map((part) => describeCondition(part, entity, entities));
  const wrap = (text: string) => (parts.length > 1 ? `(${text})` : text);
  return {
    ja: described.map((each) => wrap(each.ja)).join(ja),
    en: described.map((each) => wrap(each.en)).join(en),
  };
}

function describeComparison(
  comparison: RuleComparison,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): Described {
  const fact = resolveFact(comparison, entity, entities);
  const field = 'problem' in fact ? undefined : fact.field;
  const name: Described =
    'problem' in fact
      ? { ja: comparison.fact, en: comparison.fact }
      : fact.source === 'reference'
        ? {
            ja: `${label(fact.reference.label, 'ja')}の${label(fact.field.label, 'ja')}`,
            en: `${label(fact.field.label, 'en')} of ${label(fact.reference.label, 'en')}`,
          }
        : fact.source === 'age'
          ? { ja: `${label(fact.field.label, 'ja')}からの年齢`, en: `age from ${label(fact.field.label, 'en')}` }
          : fact.source === 'count'
            ? { ja: `${label(fact.field.label, 'ja')}の件数`, en: `number of ${label(fact.field.label, 'en')}` }
            : { ja: label(fact.field.label, 'ja'), en: label(fact.field.label, 'en') };
  const value = (lang: 'ja' | 'en', operand: unknown) => operandText(operand, lang, field, entity);
  const list = (lang: 'ja' | 'en', separator: string) =>
    ((comparison.value as unknown[]) ?? []).map((each) => value(lang, each)).join(separator);
  const symbol = SYMBOLS[comparison.op];
  if (symbol) {
    return {
      ja: `${name.ja} ${symbol} ${value('ja', comparison.value)}`,
      en: `${name.en} ${symbol} ${value('en', comparison.value)}`,
    };
  }
  switch (comparison.op) {
    case 'in':
      return { ja: `${name.ja} = ${list('ja', ' または ')}`, en: `${name.en} = ${list('en', ' or ')}` };
    case 'notIn':
      return {
        ja: `${name.ja} が ${list('ja', '・')} のいずれでもない`,
        en: `${name.en} is none of ${list('en', ', ')}`,
      };
    case 'between': {
      const [low, high] = comparison.value as [unknown, unknown];
      return {
        ja: `${value('ja', low)} ≤ ${name.ja} ≤ ${value('ja', high)}`,
        en: `${value('en', low)} ≤ ${name.en} ≤ ${value('en', high)}`,
      };
    }
    case 'isNull':
      return { ja: `${name.ja} が空`, en: `${name.en} is empty` };
    case 'isNotNull':
      return { ja: `${name.ja} が入力済み`, en: `${name.en} is given` };
    case 'isBusinessDay':
      return { ja: `${name.ja} が開庁日`, en: `${name.en} is a business day` };
    case 'withinDays':
      return {
        ja: `${name.ja} が過去 ${comparison.value} 日以内`,
        en: `${name.en} is within the last ${comparison.value} days`,
      };
    case 'contains':
      return { ja: `${name.ja} が「${comparison.value}」を含む`, en: `${name.en} contains "${comparison.value}"` };
    default:
      return {
        ja: `${name.ja} が ${value('ja', comparison.value)} を含む`,
        en: `${name.en} contains ${value('en', comparison.value)}`,
      };
  }
}

function operandText(
  operand: unknown,
  lang: 'ja' | 'en',
  field: FieldDefinition | undefined,
  entity: EntityMetadata,
): string {
  if (isRelativeDate(operand)) return relativeText(operand.relative, lang);
  if (isFieldOperand(operand)) {
    const other = entity.fields.find((each) => each.name === operand.field);
    return other ? label(other.label, lang) : operand.field;
  }
  const enumValue = field?.values?.find((each) => each.value === operand);
  if (enumValue) return label(enumValue.label, lang);
  return typeof operand === 'string' ? operand : JSON.stringify(operand);
}

/** `+3bd` → 今日 + 3 開庁日 / today + 3 business days. */
function relativeText(relative: string, lang: 'ja' | 'en'): string {
  const business = relative.endsWith('bd');
  const days = Number.parseInt(relative.slice(0, business ? -2 : -1), 10);
  if (days === 0) return lang === 'ja' ? '今日' : 'today';
  const sign = days < 0 ? '-' : '+';
  const count = Math.abs(days);
  if (lang === 'ja') return `今日 ${sign} ${count} ${business ? '開庁日' : '日'}`;
  return `today ${sign} ${count} ${business ? 'business day' : 'day'}${count === 1 ? '' : 's'}`;
}

export function isFieldOperand(value: unknown): value is { field: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;
}

function label(text: I18nText, lang: 'ja' | 'en'): string {
  return text[lang] ?? text.ja;
}
