import type { I18nText, ReportGroupBy } from '../metadata/types.ts';
import type { Dimension } from './compile.ts';

/** How a group key reads: an enum value's label, yes/no, an age band, a fiscal year; else the key itself. */
export function keyLabel(dimension: Dimension, key: string | null): I18nText {
  if (key === null) return { ja: '（未設定）', en: '(none)' };
  const { groupBy, fact } = dimension;
  if (groupBy.ageBands) return ageBandLabel(groupBy, Number(key));
  if (groupBy.bucket === 'fiscalYear') return { ja: `${key}年度`, en: `FY${key}` };
  if (groupBy.bucket === 'week') return { ja: `${key} の週`, en: `Week of ${key}` };
  const field = fact.field;
  if (field.type === 'enum' && !groupBy.bucket) {
    const value = field.values?.find((each) => each.value === key);
    if (value) return value.label;
  }
  if (field.type === 'boolean') return key === 'true' ? { ja: 'はい', en: 'Yes' } : { ja: 'いいえ', en: 'No' };
  return { ja: key };
}

function ageBandLabel(groupBy: ReportGroupBy, lower: number): I18nText {
  const bands = groupBy.ageBands ?? [];
  if (lower < 0) return { ja: `${bands[0] - 1}歳以下`, en: `${bands[0] - 1} and under` };
  const next = bands[bands.indexOf(lower) + 1];
  if (next === undefined) return { ja: `${lower}歳以上`, en: `${lower} and over` };
  return { ja: `${lower}〜${next - 1}歳`, en: `${lower}–${next - 1}` };
}

/** A dimension's heading: the group-by's label, else the field's (through the reference, its own). */
export function dimensionLabel(dimension: Dimension): I18nText {
  if (dimension.groupBy.label) return dimension.groupBy.label;
  const { fact } = dimension;
  if (fact.source === 'reference') {
    return {
      ja: `${fact.reference.label.ja}・${fact.field.label.ja}`,
      en: `${fact.reference.label.en ?? fact.reference.name} ${fact.field.label.en ?? fact.field.name}`,
    };
  }
  return fact.field.label;
}
