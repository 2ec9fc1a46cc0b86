import { pointerOf } from '../errors.ts';
import { type ConditionPath, isLeaf } from '../shared/condition-tree.ts';
import type { RuleComparison, RuleCondition } from './rule-types.ts';

/**
 * Edits of a rule's condition tree: the shared tree edits (`../shared/condition-tree.ts`),
 * with paths below the rule item's `condition`.
 */
export {
  appendChild,
  type ConditionPath,
  childrenOf,
  conditionAt,
  type ListKind,
  listKindOf,
  moveChild,
  removeChild,
  replaceCondition,
  setListKind,
  toggleNegation,
  wrapInGroup,
} from '../shared/condition-tree.ts';

export function isComparison(condition: RuleCondition): condition is RuleComparison {
  return isLeaf(condition);
}

/** The pointer of the node at `path` inside the rule item. */
export function pointerOfPath(path: ConditionPath): string {
  return pointerOf('condition', ...path);
}
