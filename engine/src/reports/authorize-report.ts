import type { EntityManager } from '@mikro-orm/postgresql';
import { personalFieldsIn } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import { rewriteParameterComparisons } from '../metadata/report-conditions.ts';
import { resolveReportField } from '../metadata/report-fields.ts';
import type { ResolvedFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, ReportMetadata, RuleMetadata } from '../metadata/types.ts';
import { markDenial, type RecordScope } from '../records/index.ts';
import { authorization } from '../records/scope.ts';
import { authorizeRuleFacts } from '../rules/index.ts';

interface Refusal {
  pointer: string;
  entity: string;
  field: string;
}

/** What the report may read for this caller; throws 403 when it reads a field they may not see. */
export function authorizeReport(scope: RecordScope, em: EntityManager, report: ReportMetadata) {
  // The filter's facts are checked as written (a parameter's comparison by its fact), so pointers match the item.
  const shape = report.filter
    ? rewriteParameterComparisons(report.filter, (comparison) => ({
        fact: comparison.fact,
        ...(comparison.of === undefined ? {} : { of: comparison.of }),
        op: 'isNotNull',
      }))
    : null;
  const rule: RuleMetadata = {
    kind: 'rule',
    name: report.name,
    label: report.label,
    entity: report.entity,
    condition: shape ?? { all: [] },
  };
  let facts: ReturnType<typeof authorizeRuleFacts>;
  try {
    facts = authorizeRuleFacts(scope, em, rule);
  } catch (error) {
    if (error instanceof KibanError && error.code === 'access.fieldHidden') {
      throw new KibanError(
        error.code,
        error.status,
        { ja: 'レポートが参照できない項目を使っています。', en: 'The report reads fields you may not see.' },
        error.details.map((detail) => ({
          ...detail,
          pointer: detail.pointer.replace(/^\/rule\/condition/, '/filter'),
        })),
      );
    }
    throw error;
  }
  const entity = scope.live.entities.get(report.entity) as EntityMetadata;
  const personal = new Map(facts.personalFields);
  const refused: Refusal[] = [];
  const read = (target: EntityMetadata, field: string, pointer: string) => {
    const auth = authorization(scope, target, 'read');
    if (!auth.allowed || auth.hiddenFields.has(field)) refused.push({ pointer, entity: target.name, field });
    const names = personalFieldsIn(target, [field]);
    if (names.length > 0) personal.set(target.name, [...new Set([...(personal.get(target.name) ?? []), ...names])]);
  };
  const check = (name: string, pointer: string) => {
    const fact = resolveReportField(name, entity, scope.live.entities) as ResolvedFact;
    if (fact.source === 'field') read(entity, fact.field.name, pointer);
    if (fact.source === 'reference') {
      read(entity, fact.reference.name, pointer);
      read(fact.target, fact.field.name, pointer);
    }
  };
  for (const [i, groupBy] of (report.groupBy ?? []).entries()) check(groupBy.field, `/groupBy/${i}/field`);
  for (const [i, measure] of report.measures.entries()) if (measure.field) check(measure.field, `/measures/${i}/field`);
  if (refused.length > 0) {
    const error = new KibanError(
      'access.fieldHidden',
      403,
      { ja: 'レポートが参照できない項目を集計しています。', en: 'The report aggregates fields you may not see.' },
      refused.map(({ pointer, field }) => ({
        pointer,
        code: 'access.fieldHidden',
        message: { ja: `項目「${field}」は参照できません。`, en: `You may not see the field "${field}".` },
      })),
    );
    throw markDenial(error, { entity: report.entity, fields: [...new Set(refused.map((each) => each.field))] });
  }
  return { entity, readableIds: facts.readableIds, readableRows: facts.readableRows, personal };
}
