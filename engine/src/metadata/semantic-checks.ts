import { checkAgent } from './agent-checks.ts';
import { checkEntity } from './entity-checks.ts';
import { checkFormAssurance } from './form-assurance-checks.ts';
import { checkForm } from './form-checks.ts';
import { checkPage } from './page-checks.ts';
import { checkRecordConditions } from './record-condition-checks.ts';
import { checkDashboard, checkReport } from './report-checks.ts';
import { checkRole } from './role-checks.ts';
import { checkRule } from './rule-checks.ts';
import { KIND_NAMES, type SemanticContext, type SemanticProblem } from './semantic-context.ts';
import type { EntityMetadata, MetadataError, MetadataItem } from './types.ts';
import { checkView } from './view-checks.ts';
import { checkWorkflow } from './workflow-checks.ts';

export interface SemanticOptions {
  /**
   * Names of entities that exist but failed shape validation: references to them are
   * trusted, checks against their fields are skipped, so one broken entity does not bury
   * its real errors under consequences.
   */
  unverifiedEntities?: Iterable<string>;
}

/**
 * Checks what a schema cannot: names that must be unique or must exist, fields that must fit
 * together, and values that must suit their field. Items must already be shape-valid.
 */
export function checkSemantics(items: MetadataItem[], options: SemanticOptions = {}): MetadataError[] {
  return collectSemanticProblems(items, options).map((problem) => problem.error);
}

/** The same checks, keeping the item each problem belongs to. */
export function collectSemanticProblems(items: MetadataItem[], options: SemanticOptions = {}): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const entities = new Map<string, EntityMetadata>();
  for (const item of items) if (item.kind === 'entity' && !entities.has(item.name)) entities.set(item.name, item);
  const context: SemanticContext = {
    entities,
    items,
    unverifiedEntities: new Set(options.unverifiedEntities),
    report: (item, pointer, code, message) =>
      problems.push({ item, error: { kind: item.kind, name: item.name, pointer, code, message } }),
  };
  const seen = new Set<string>();
  for (const item of items) {
    const key = `${item.kind}\n${item.name}`;
    if (seen.has(key)) {
      const kind = KIND_NAMES[item.kind];
      context.report(item, '/name', 'semantic.duplicateName', {
        ja: `${kind.ja}「${item.name}」は別の定義と名前が重複しています。`,
        en: `There is more than one ${kind.en} named "${item.name}".`,
      });
      continue;
    }
    seen.add(key);
    checkItem(item, context);
  }
  return problems;
}

function checkItem(item: MetadataItem, context: SemanticContext): void {
  if (item.kind === 'entity') {
    checkEntity(item, context);
    checkRecordConditions(item, context);
  } else if (item.kind === 'form') {
    checkForm(item, context);
    checkFormAssurance(item, context);
  } else if (item.kind === 'view') checkView(item, context);
  else if (item.kind === 'role') checkRole(item, context);
  else if (item.kind === 'rule') checkRule(item, context);
  else if (item.kind === 'workflow') checkWorkflow(item, context);
  else if (item.kind === 'report') checkReport(item, context);
  else if (item.kind === 'dashboard') checkDashboard(item, context);
  else if (item.kind === 'agent') checkAgent(item, context);
  else checkPage(item, context);
}
