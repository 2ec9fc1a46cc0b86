import { displayPath, pointerOf } from './json-pointer.ts';
import {
  expandSavedConditions,
  PARAMETER_KINDS,
  parametersIn,
  rewriteParameterComparisons,
} from './report-conditions.ts';
import { resolveReportField } from './report-fields.ts';
import { checkRuleCondition } from './rule-checks.ts';
import { type FactKind, type ResolvedFact, resolveFact } from './rule-facts.ts';
import { type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { EntityMetadata, RoleMetadata, RuleComparison, RuleCondition } from './types.ts';
import { type DashboardMetadata, groupByName, type ReportGroupBy, type ReportMetadata } from './types.ts';

type Path = (string | number)[];

const NUMERIC = new Set<FactKind>(['integer', 'decimal']);
const ORDERED = new Set<FactKind>(['integer', 'decimal', 'date', 'datetime']);

/**
 * A report names an existing entity; its filter is a valid rule condition whose parameters
 * are declared and fit their facts; group-bys and measures name fields that suit them; names
 * are unique; sort and chart name its own group-bys and measures; and every field it reads is
 * readable to at least one role that reads the entity.
 */
export function checkReport(report: ReportMetadata, context: SemanticContext): void {
  if (context.unverifiedEntities.has(report.entity)) return;
  const entity = context.entities.get(report.entity);
  if (!entity) {
    context.report(
      report,
      '/entity',
      'semantic.unknownEntity',
      unknownEntityMessage(displayPath('/entity'), report.entity, context.entities.keys()),
    );
    return;
  }
  const fail = (path: Path, code: string, ja: string, en: string) =>
    context.report(report, pointerOf(...path), `semantic.report.${code}`, { ja, en });
  const read: { fact: ResolvedFact; path: Path }[] = [];
  const resolve = (field: string, path: Path): ResolvedFact | undefined => {
    const fact = resolveReportField(field, entity, context.entities);
    if ('problem' in fact) {
      fail(
        path,
        'unknownField',
        `「${field}」はフィールドではありません。`,
        `"${field}" is not a field of ${entity.name}.`,
      );
      return undefined;
    }
    if (fact.kind === 'json') {
      fail(path, 'unsuitableField', `「${field}」は集計に使えません。`, `"${field}" cannot be aggregated.`);
      return undefined;
    }
    read.push({ fact, path });
    return fact;
  };

  checkParameters(report, fail);
  if (report.filter) {
    const filter = expandSavedConditions(report.filter, report.entity, context.items, (name, path) =>
      fail(
        ['filter', ...path, 'rule'],
        'unknownRule',
        `保存済みの条件「${name}」は、${report.entity} についてのルールではありません。`,
        `The saved condition "${name}" is not a rule about ${report.entity}.`,
      ),
    );
    checkFilter(report, entity, filter, context, fail);
  }
  const names = new Set<string>();
  const unique = (name: string, path: Path) => {
    if (names.has(name))
      fail(path, 'duplicateName', `名前「${name}」が重複しています。`, `The name "${name}" is used twice.`);
    names.add(name);
  };
  for (const [i, groupBy] of (report.groupBy ?? []).entries()) {
    unique(groupByName(groupBy), ['groupBy', i, groupBy.name === undefined ? 'field' : 'name']);
    const fact = resolve(groupBy.field, ['groupBy', i, 'field']);
    if (fact) checkGroupBy(groupBy, fact.kind, ['groupBy', i], fail);
  }
  const measures = new Map(report.measures.map((measure) => [measure.name, measure]));
  for (const [i, measure] of report.measures.entries()) {
    unique(measure.name, ['measures', i, 'name']);
    if (measure.op === 'ratio') {
      for (const side of ['numerator', 'denominator'] as const) {
        const other = measures.get(measure[side] ?? '');
        if (!other || other.op === 'ratio') {
          fail(
            ['measures', i, side],
            'unknownMeasure',
            `「${measure[side]}」はこのレポートの比以外の集計値ではありません。`,
            `"${measure[side]}" is not a measure (other than a ratio) of this report.`,
          );
        }
      }
      continue;
    }
    if (measure.field === undefined) continue;
    const fact = resolve(measure.field, ['measures', i, 'field']);
    if (!fact) continue;
    const fits =
      measure.op === 'sum' || measure.op === 'avg'
        ? NUMERIC.has(fact.kind)
        : measure.op === 'min' || measure.op === 'max'
          ? ORDERED.has(fact.kind)
          : true;
    if (!fits) {
      fail(
        ['measures', i, 'field'],
        'unsuitableField',
        `「${measure.field}」に ${measure.op} は使えません（sum・avg は数値、min・max は数値か日付）。`,
        `${measure.op} does not apply to "${measure.field}" (sum and avg take numbers, min and max numbers or dates).`,
      );
    }
  }
  for (const [i, key] of (report.sort ?? []).entries()) {
    if (!names.has(key.by)) {
      fail(
        ['sort', i, 'by'],
        'unknownName',
        `「${key.by}」は切り口でも集計値でもありません。`,
        `"${key.by}" is neither a group-by nor a measure.`,
      );
    }
  }
  if (report.chart?.measure !== undefined && !measures.has(report.chart.measure)) {
    fail(
      ['chart', 'measure'],
      'unknownMeasure',
      `「${report.chart.measure}」は集計値ではありません。`,
      `"${report.chart.measure}" is not a measure.`,
    );
  }
  if (report.chart?.type === 'map' && (report.groupBy ?? []).length !== 1) {
    fail(
      ['chart', 'type'],
      'mapNeedsOneGroupBy',
      '地図は切り口（区など）がちょうど 1 つのレポートに使えます。',
      'A map charts a report with exactly one group-by (such as the ward).',
    );
  }
  checkReadableByAnyRole(entity, read, context, fail);
}

type Fail = (path: Path, code: string, ja: string, en: string) => void;

function checkParameters(report: ReportMetadata, fail: Fail): void {
  const seen = new Set<string>();
  for (const [i, parameter] of (report.parameters ?? []).entries()) {
    if (seen.has(parameter.name)) {
      fail(
        ['parameters', i, 'name'],
        'duplicateName',
        `パラメータ「${parameter.name}」が重複しています。`,
        `There are two parameters "${parameter.name}".`,
      );
    }
    seen.add(parameter.name);
  }
}

/** The filter as a rule condition, each parameter's comparison checked for its fact and type. */
function checkFilter(
  report: ReportMetadata,
  entity: EntityMetadata,
  filter: RuleCondition,
  context: SemanticContext,
  fail: Fail,
) {
  const declared = new Map((report.parameters ?? []).map((parameter) => [parameter.name, parameter]));
  const checks: { comparison: RuleComparison }[] = [];
  // Pointers stay as written: a comparison with a parameter is checked here, its fact by the rule checks.
  const withoutParameters = rewriteParameterComparisons(filter, (comparison) => {
    checks.push({ comparison });
    return { fact: comparison.fact, ...(comparison.of === undefined ? {} : { of: comparison.of }), op: 'isNotNull' };
  });
  if (withoutParameters) checkRuleCondition(report, entity, withoutParameters, ['filter'], context);
  const paths = comparisonPaths(filter, ['filter']);
  for (const { comparison } of checks) {
    const path = paths.get(comparison) ?? ['filter'];
    const fact = resolveFact(comparison, entity, context.entities);
    for (const { name, at } of parametersIn(comparison)) {
      const parameter = declared.get(name);
      if (!parameter) {
        fail(
          [...path, 'value', ...at, 'param'],
          'unknownParameter',
          `パラメータ「${name}」は宣言されていません。`,
          `The parameter "${name}" is not declared.`,
        );
      } else if (!('problem' in fact) && !PARAMETER_KINDS[parameter.type].includes(fact.kind)) {
        fail(
          [...path, 'value', ...at, 'param'],
          'parameterMismatch',
          `パラメータ「${name}」（${parameter.type}）は事実「${comparison.fact}」と比べられません。`,
          `The parameter "${name}" (${parameter.type}) cannot be compared with the fact "${comparison.fact}".`,
        );
      }
    }
  }
}

function comparisonPaths(condition: RuleCondition, path: Path, found = new Map<RuleCondition, Path>()) {
  if ('all' in condition) {
    for (const [i, each] of condition.all.entries()) comparisonPaths(each, [...path, 'all', i], found);
  } else if ('any' in condition) {
    for (const [i, each] of condition.any.entries()) comparisonPaths(each, [...path, 'any', i], found);
  } else if ('not' in condition) {
    comparisonPaths(condition.not, [...path, 'not'], found);
  } else {
    found.set(condition, path);
  }
  return found;
}

function checkGroupBy(groupBy: ReportGroupBy, kind: FactKind, path: Path, fail: Fail): void {
  if (groupBy.bucket !== undefined && kind !== 'date' && kind !== 'datetime') {
    fail(
      [...path, 'bucket'],
      'bucketNeedsDate',
      '日付の区切りは日付か日時のフィールドにだけ使えます。',
      'A date bucket needs a date or datetime field.',
    );
  }
  if (groupBy.ageBands !== undefined) {
    if (kind !== 'date') {
      fail(
        [...path, 'ageBands'],
        'ageBandsNeedDate',
        '年齢区分は生年月日（date）のフィールドにだけ使えます。',
        'Age bands need a date field (a birth date).',
      );
    }
    if (groupBy.ageBands.some((bound, i) => i > 0 && bound <= (groupBy.ageBands?.[i - 1] ?? 0))) {
      fail(
        [...path, 'ageBands'],
        'ageBandsOrder',
        '年齢区分の下限は小さい順に書いてください。',
        'Write the age bands in ascending order.',
      );
    }
  }
}

/**
 * A field no role can read could never be reported on: a mistake to catch at publication
 * rather than a 403 for everyone at run time. Only checked when some role reads the entity.
 */
function checkReadableByAnyRole(
  entity: EntityMetadata,
  read: { fact: ResolvedFact; path: Path }[],
  context: SemanticContext,
  fail: Fail,
) {
  const roles = context.items.filter((item): item is RoleMetadata => item.kind === 'role');
  const readable = (target: string, field: string) => {
    const grants = roles.flatMap((role) =>
      role.permissions.filter((permission) => permission.entity === target && permission.actions.includes('read')),
    );
    return grants.length === 0 || grants.some((grant) => grant.fields?.[field] !== 'hidden');
  };
  for (const { fact, path } of read) {
    const pairs: [string, string][] =
      fact.source === 'reference'
        ? [
            [entity.name, fact.reference.name],
            [fact.target.name, fact.field.name],
          ]
        : fact.source === 'field'
          ? [[entity.name, fact.field.name]]
          : [];
    for (const [target, field] of pairs) {
      if (readable(target, field)) continue;
      fail(
        path,
        'fieldHidden',
        `「${target}.${field}」はどのロールにも見えないため集計できません。`,
        `No role may see "${target}.${field}", so it cannot be reported on.`,
      );
    }
  }
}

/** A dashboard lists existing reports; its shared parameters fit the reports' own; its roles exist. */
export function checkDashboard(dashboard: DashboardMetadata, context: SemanticContext): void {
  const reports = new Map(
    context.items.flatMap((item) => (item.kind === 'report' ? [[item.name, item] as const] : [])),
  );
  const fail = (path: Path, code: string, ja: string, en: string) =>
    context.report(dashboard, pointerOf(...path), `semantic.dashboard.${code}`, { ja, en });
  for (const [i, entry] of dashboard.reports.entries()) {
    const report = reports.get(entry.report);
    if (!report) {
      fail(
        ['reports', i, 'report'],
        'unknownReport',
        `レポート「${entry.report}」はありません。`,
        `There is no report "${entry.report}".`,
      );
      continue;
    }
    for (const [j, shared] of (dashboard.parameters ?? []).entries()) {
      const own = report.parameters?.find((parameter) => parameter.name === shared.name);
      if (own && own.type !== shared.type) {
        fail(
          ['parameters', j, 'type'],
          'parameterMismatch',
          `共通の条件「${shared.name}」の型がレポート「${report.name}」と違います。`,
          `The shared filter "${shared.name}" has another type than in the report "${report.name}".`,
        );
      }
    }
  }
  const roles = new Set(context.items.flatMap((item) => (item.kind === 'role' ? [item.name] : [])));
  for (const [i, role] of (dashboard.roles ?? []).entries()) {
    if (!roles.has(role))
      fail(['roles', i], 'unknownRole', `ロール「${role}」はありません。`, `There is no role "${role}".`);
  }
}
