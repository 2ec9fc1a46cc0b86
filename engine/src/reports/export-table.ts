import type { EntityMetadata, I18nText, ReportMetadata, RuleCondition } from '../metadata/types.ts';
import { describeCondition } from '../rules/index.ts';
import type { ReportResult, ReportRow } from './result.ts';

export type ExportLanguage = 'ja' | 'en';
export type ExportCell = string | number | null;

/** What an export writes: the conditions the numbers were made under, then the table. */
export interface ExportTable {
  title: string;
  conditions: [string, string][];
  header: string[];
  rows: ExportCell[][];
}

/** The mark of a suppressed cell, as Japanese statistical tables print it. */
export const SUPPRESSED_MARK = '＊';

/**
 * The result as rows of text and numbers: the report, when it ran, its parameters, its filter
 * in words (with the parameters bound), the disclosure rule; then one row per cell, the
 * subtotals and the total. Suppressed values are written as ＊, never as their number.
 */
export function exportTable(
  result: ReportResult,
  report: ReportMetadata,
  filter: RuleCondition | null,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  language: ExportLanguage,
): ExportTable {
  const text = (value: I18nText) => (language === 'en' ? (value.en ?? value.ja) : value.ja);
  const words = language === 'en' ? EN : JA;
  const conditions: [string, string][] = [
    [words.report, text(result.report.label)],
    [words.entity, text(entity.label)],
    [words.ranAt, result.ranAt],
  ];
  for (const parameter of report.parameters ?? []) {
    const value = result.parameters[parameter.name];
    conditions.push([
      `${words.parameter}: ${text(parameter.label)}`,
      value === undefined ? words.notGiven : String(value),
    ]);
  }
  conditions.push([words.filter, filter ? text(describeCondition(filter, entity, entities)) : words.none]);
  if (result.minimumCellSize !== undefined)
    conditions.push([words.disclosure, words.suppressed(result.minimumCellSize)]);
  if (result.truncated) conditions.push([words.truncated, text(result.truncated.message)]);
  const header = [
    ...result.dimensions.map((dimension) => text(dimension.label)),
    ...result.measures.map((measure) => text(measure.label)),
  ];
  const line = (labels: string[], row: ReportRow): ExportCell[] => [
    ...labels,
    ...row.values.map((value) => (row.suppressed ? SUPPRESSED_MARK : value)),
  ];
  const rows: ExportCell[][] = result.cells.map((row) => line(row.labels.map(text), row));
  for (const subtotal of result.subtotals) {
    rows.push(
      line(
        subtotal.labels.map((label, i) => (i === subtotal.dimension ? text(label) : words.total)),
        subtotal,
      ),
    );
  }
  if (result.total)
    rows.push(
      line(
        result.dimensions.map(() => words.total),
        result.total,
      ),
    );
  return { title: text(result.report.label), conditions, header, rows };
}

const JA = {
  report: 'レポート',
  entity: '対象',
  ranAt: '集計日時',
  parameter: '条件',
  notGiven: '（指定なし）',
  filter: '絞り込み',
  none: '（なし）',
  disclosure: '秘匿',
  suppressed: (minimum: number) =>
    `件数が ${minimum} 未満のセルと、合計から逆算できるセルは ${SUPPRESSED_MARK} で示しています。`,
  truncated: '打ち切り',
  total: '計',
};

const EN: typeof JA = {
  report: 'Report',
  entity: 'Records',
  ranAt: 'Computed at',
  parameter: 'Parameter',
  notGiven: '(not given)',
  filter: 'Filter',
  none: '(none)',
  disclosure: 'Disclosure control',
  suppressed: (minimum: number) =>
    `Cells counting fewer than ${minimum} records, and cells that totals would reveal, are shown as ${SUPPRESSED_MARK}.`,
  truncated: 'Truncated',
  total: 'Total',
};
