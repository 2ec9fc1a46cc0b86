import type { TemplateResult } from 'lit';
import type { EditorError, EditorLanguage } from '../errors.ts';
import { type ComparisonNode, renderConditionTree as renderTree } from '../shared/condition-tree-view.ts';
import { comparisonLevelErrors, newComparison, renderComparisonControls } from './comparison-view.ts';
import type { FactOption } from './rule-facts.ts';
import type { RuleComparison, RuleCondition } from './rule-types.ts';

export interface TreeContext {
  root: RuleCondition;
  facts: readonly FactOption[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onRoot: (next: RuleCondition) => void;
  /** Where the condition is in the item, `/condition` unless given (a validation's is deeper). */
  pointer?: string;
  /** Id of the root node, `node` unless given; unique in the editor. */
  id?: string;
}

/**
 * The rule's condition as the shared condition tree (`../shared/condition-tree-view.ts`),
 * its comparisons about the facts of the rule's entity.
 */
export function renderConditionTree(context: TreeContext): TemplateResult {
  const { facts, errors, language } = context;
  const comparisonContext = (node: ComparisonNode<RuleCondition>) => ({
    id: node.id,
    comparison: node.comparison as RuleComparison,
    pointer: node.pointer,
    facts,
    errors,
    language,
    onComparison: node.onComparison,
  });
  return renderTree<RuleCondition>({
    root: context.root,
    pointer: context.pointer ?? '/condition',
    id: context.id ?? 'node',
    errors,
    language,
    onRoot: context.onRoot,
    newComparison: () => newComparison(facts),
    renderComparison: (node) => renderComparisonControls(comparisonContext(node)),
    comparisonErrors: (node) => comparisonLevelErrors(comparisonContext(node)),
  });
}
