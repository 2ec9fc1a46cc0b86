import { pointerOf } from '../errors.ts';
import { insertAt, moveItem, removeAt } from '../shared/immutable.ts';
import type { RuleComparison, RuleCondition } from './rule-types.ts';

/**
 * Copy-on-write edits of a rule's condition tree. A node is addressed by its path of keys
 * below `condition` (`['all', 1, 'not']`), the same path its JSON pointer spells, so the
 * engine's errors find the node they are about.
 */
export type ConditionPath = readonly (string | number)[];
export type ListKind = 'all' | 'any';

export function isComparison(condition: RuleCondition): condition is RuleComparison {
  return !('all' in condition) && !('any' in condition) && !('not' in condition);
}

export function listKindOf(condition: RuleCondition): ListKind | undefined {
  if ('all' in condition) return 'all';
  if ('any' in condition) return 'any';
  return undefined;
}

export function childrenOf(condition: RuleCondition): RuleCondition[] {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  return [];
}

/** The pointer of the node at `path` inside the rule item. */
export function pointerOfPath(path: ConditionPath): string {
  return pointerOf('condition', ...path);
}

export function conditionAt(root: RuleCondition, path: ConditionPath): RuleCondition {
  return path.reduce<RuleCondition>(
    (node, key) => (node as unknown as Record<string | number, RuleCondition>)[key] as RuleCondition,
    root,
  );
}

/** `root` with the node at `path` replaced by `next`. */
export function replaceCondition(root: RuleCondition, path: ConditionPath, next: RuleCondition): RuleCondition {
  if (path.length === 0) return next;
  const [key, index, ...rest] = path;
  if (key === 'not') return { not: replaceCondition((root as { not: RuleCondition }).not, path.slice(1), next) };
  const list = childrenOf(root).map((child, at) => (at === index ? replaceCondition(child, rest, next) : child));
  return { [key as ListKind]: list } as RuleCondition;
}

function withChildren(group: RuleCondition, children: RuleCondition[]): RuleCondition {
  return { [listKindOf(group) ?? 'all']: children } as RuleCondition;
}

export function appendChild(root: RuleCondition, groupPath: ConditionPath, child: RuleCondition): RuleCondition {
  const group = conditionAt(root, groupPath);
  const children = childrenOf(group);
  return replaceCondition(root, groupPath, withChildren(group, insertAt(children, children.length, child)));
}

export function removeChild(root: RuleCondition, groupPath: ConditionPath, index: number): RuleCondition {
  const group = conditionAt(root, groupPath);
  return replaceCondition(root, groupPath, withChildren(group, removeAt(childrenOf(group), index)));
}

export function moveChild(root: RuleCondition, groupPath: ConditionPath, from: number, to: number): RuleCondition {
  const group = conditionAt(root, groupPath);
  return replaceCondition(root, groupPath, withChildren(group, moveItem(childrenOf(group), from, to)));
}

export function setListKind(root: RuleCondition, groupPath: ConditionPath, kind: ListKind): RuleCondition {
  const children = childrenOf(conditionAt(root, groupPath));
  return replaceCondition(root, groupPath, { [kind]: children } as RuleCondition);
}

/** Wraps the node at `path` in `not`, or, when it is a `not`, puts its inner condition back. */
export function toggleNegation(root: RuleCondition, path: ConditionPath): RuleCondition {
  const node = conditionAt(root, path);
  return replaceCondition(root, path, 'not' in node ? node.not : { not: node });
}

/** Puts the node at `path` as the only member of an `all` group, so siblings can be added. */
export function wrapInGroup(root: RuleCondition, path: ConditionPath): RuleCondition {
  return replaceCondition(root, path, { all: [conditionAt(root, path)] });
}
