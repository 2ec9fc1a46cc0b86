import { insertAt, moveItem, removeAt } from './immutable.ts';

/**
 * Copy-on-write edits of a condition tree: comparisons (leaves, any shape without `all`,
 * `any` or `not`) combined by `{ all: [] }`, `{ any: [] }` and `{ not: … }`. Both the rule
 * language and the form language (`visibleWhen`) are such trees; only their comparisons
 * differ. A node is addressed by its path of keys below the tree's root (`['all', 1, 'not']`),
 * the same path its JSON pointer spells, so the engine's errors find the node they are about.
 */
export type ConditionPath = readonly (string | number)[];
export type ListKind = 'all' | 'any';

/** What every tree node is, whatever its comparisons look like. */
export type TreeNode = object;

export function isLeaf(condition: TreeNode): boolean {
  return !('all' in condition) && !('any' in condition) && !('not' in condition);
}

export function listKindOf(condition: TreeNode): ListKind | undefined {
  if ('all' in condition) return 'all';
  if ('any' in condition) return 'any';
  return undefined;
}

export function childrenOf<C extends TreeNode>(condition: C): C[] {
  if ('all' in condition) return condition.all as C[];
  if ('any' in condition) return condition.any as C[];
  return [];
}

export function conditionAt<C extends TreeNode>(root: C, path: ConditionPath): C {
  return path.reduce<C>((node, key) => (node as unknown as Record<string | number, C>)[key] as C, root);
}

/** `root` with the node at `path` replaced by `next`. */
export function replaceCondition<C extends TreeNode>(root: C, path: ConditionPath, next: C): C {
  if (path.length === 0) return next;
  const [key, index, ...rest] = path;
  if (key === 'not') return { not: replaceCondition((root as { not: C }).not, path.slice(1), next) } as unknown as C;
  const list = childrenOf(root).map((child, at) => (at === index ? replaceCondition(child, rest, next) : child));
  return { [key as ListKind]: list } as unknown as C;
}

function withChildren<C extends TreeNode>(group: C, children: C[]): C {
  return { [listKindOf(group) ?? 'all']: children } as unknown as C;
}

export function appendChild<C extends TreeNode>(root: C, groupPath: ConditionPath, child: C): C {
  const group = conditionAt(root, groupPath);
  const children = childrenOf(group);
  return replaceCondition(root, groupPath, withChildren(group, insertAt(children, children.length, child)));
}

export function removeChild<C extends TreeNode>(root: C, groupPath: ConditionPath, index: number): C {
  const group = conditionAt(root, groupPath);
  return replaceCondition(root, groupPath, withChildren(group, removeAt(childrenOf(group), index)));
}

export function moveChild<C extends TreeNode>(root: C, groupPath: ConditionPath, from: number, to: number): C {
  const group = conditionAt(root, groupPath);
  return replaceCondition(root, groupPath, withChildren(group, moveItem(childrenOf(group), from, to)));
}

export function setListKind<C extends TreeNode>(root: C, groupPath: ConditionPath, kind: ListKind): C {
  const children = childrenOf(conditionAt(root, groupPath));
  return replaceCondition(root, groupPath, { [kind]: children } as unknown as C);
}

/** Wraps the node at `path` in `not`, or, when it is a `not`, puts its inner condition back. */
export function toggleNegation<C extends TreeNode>(root: C, path: ConditionPath): C {
  const node = conditionAt(root, path);
  return replaceCondition(root, path, ('not' in node ? node.not : { not: node }) as C);
}

/** Puts the node at `path` as the only member of an `all` group, so siblings can be added. */
export function wrapInGroup<C extends TreeNode>(root: C, path: ConditionPath): C {
  return replaceCondition(root, path, { all: [conditionAt(root, path)] } as unknown as C);
}
