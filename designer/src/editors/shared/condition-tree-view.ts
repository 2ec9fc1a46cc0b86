import { css, html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, pointerOf, unclaimedErrors } from '../errors.ts';
import { ruleText } from '../rule/rule-messages.ts';
import {
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
  type TreeNode,
  toggleNegation,
  wrapInGroup,
} from './condition-tree.ts';
import { renderErrors, renderSelectControl } from './controls.ts';

/** One comparison of the tree, as the editor of its language is given it. */
export interface ComparisonNode<C extends TreeNode> {
  /** Id prefix of the comparison's controls, e.g. `node-all-1` (`-field`, `-op`, `-value` follow). */
  id: string;
  comparison: C;
  /** Its pointer inside the item. */
  pointer: string;
  onComparison: (next: C) => void;
}

/**
 * A condition tree of some language: the rule language (facts) and the form language
 * (`visibleWhen`, fields) share the groups and their tools and differ in their comparisons.
 */
export interface ConditionTreeContext<C extends TreeNode> {
  root: C;
  /** The root's pointer inside the item, e.g. `/condition` or `/sections/0/fields/2/visibleWhen`. */
  pointer: string;
  /** The root node's id; a node below it is `${id}-all-1-not`, the path of keys it sits at. */
  id: string;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onRoot: (next: C) => void;
  /** The comparison "add condition" adds (and "add group" starts with). */
  newComparison: () => C;
  /** The comparison's own controls, which show the errors at their pointers. */
  renderComparison: (node: ComparisonNode<C>) => TemplateResult;
  /** The errors inside the comparison that none of its controls shows: listed on the node. */
  comparisonErrors: (node: ComparisonNode<C>) => EditorError[];
}

/**
 * Where a node sits: as a member of a group (what moving and removing it need), at the root,
 * or inside a `not`, whose own tools stand for it (negating again would only double it).
 */
type Placement = { groupPath: ConditionPath; index: number; count: number } | 'root' | 'insideNot';

const LIST_KINDS: readonly ListKind[] = ['all', 'any'];

/** The nesting made visible: groups with a bar in the accent colour, negations in the warning colour. */
export const conditionTreeStyles = css`
  fieldset.node {
    border: 1px solid var(--editor-border);
    border-radius: 0.5rem;
    margin: 0.5rem 0;
    padding: 0.5rem 1rem;
  }
  fieldset.node.group {
    border-inline-start: 6px solid var(--editor-accent);
  }
  fieldset.node.not {
    border-inline-start: 6px solid var(--editor-warning);
  }
  fieldset.node > legend {
    font-weight: bold;
  }
  .children > li {
    margin-inline-start: 0.5rem;
  }
`;

/**
 * The condition tree as nested fieldsets: each group and comparison is named by its position
 * (1.2.1) so a screen reader user knows where they are, with its own tools beside it.
 */
export function renderConditionTree<C extends TreeNode>(context: ConditionTreeContext<C>): TemplateResult {
  return renderNode(context, [], '1', 'root');
}

function renderNode<C extends TreeNode>(
  context: ConditionTreeContext<C>,
  path: ConditionPath,
  position: string,
  placement: Placement,
): TemplateResult {
  const node = conditionAt(context.root, path);
  if ('not' in node) return renderNot(context, path, position, placement);
  const kind = listKindOf(node);
  if (kind) return renderGroup(context, path, position, placement, kind, childrenOf(node));
  return renderComparison(context, path, node, position, placement);
}

function idOf(context: { id: string }, path: ConditionPath): string {
  return [context.id, ...path].join('-');
}

function pointerOfPath(context: { pointer: string }, path: ConditionPath): string {
  return `${context.pointer}${pointerOf(...path)}`;
}

function renderComparison<C extends TreeNode>(
  context: ConditionTreeContext<C>,
  path: ConditionPath,
  comparison: C,
  position: string,
  placement: Placement,
) {
  const node: ComparisonNode<C> = {
    id: idOf(context, path),
    comparison,
    pointer: pointerOfPath(context, path),
    onComparison: (next) => context.onRoot(replaceCondition(context.root, path, next)),
  };
  return html`<fieldset class="node comparison" data-pointer=${node.pointer}>
    <legend>${ruleText(context.language, 'editor.rule.comparisonNode', { position })}</legend>
    ${renderErrors(`${node.id}-node`, context.comparisonErrors(node), context.language)}
    ${context.renderComparison(node)} ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

function renderGroup<C extends TreeNode>(
  context: ConditionTreeContext<C>,
  path: ConditionPath,
  position: string,
  placement: Placement,
  kind: ListKind,
  children: readonly C[],
) {
  const { language } = context;
  const pointer = pointerOfPath(context, path);
  const id = idOf(context, path);
  const own = unclaimedErrors(
    context.errors,
    pointer,
    children.map((_, index) => `/${kind}/${index}`),
  );
  const add = (child: C) => context.onRoot(appendChild(context.root, path, child));
  return html`<fieldset class="node group" data-pointer=${pointer}>
    <legend>${ruleText(language, 'editor.rule.groupNode', { position })}</legend>
    <div class="controls">${renderSelectControl({
      id: `${id}-kind`,
      label: ruleText(language, 'editor.rule.groupKind'),
      value: kind,
      options: LIST_KINDS.map((each) => ({ value: each, label: ruleText(language, `editor.rule.group.${each}`) })),
      errors: own,
      language,
      onValue: (next) => context.onRoot(setListKind(context.root, path, next as ListKind)),
    })}</div>
    ${children.length === 0 ? html`<p class="note">${ruleText(language, 'editor.rule.emptyGroup')}</p>` : nothing}
    <ol class="plain children">
      ${children.map(
        (_, index) =>
          html`<li>
            ${renderNode(context, [...path, kind, index], `${position}.${index + 1}`, {
              groupPath: path,
              index,
              count: children.length,
            })}
          </li>`,
      )}
    </ol>
    <div class="toolbar">
      <button type="button" class="add-comparison" id=${`${id}-add-comparison`}
        @click=${() => add(context.newComparison())}>
        ${ruleText(language, 'editor.rule.addComparison')}
      </button>
      <button type="button" class="add-group" id=${`${id}-add-group`}
        @click=${() => add({ all: [context.newComparison()] } as unknown as C)}>
        ${ruleText(language, 'editor.rule.addGroup')}
      </button>
    </div>
    ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

function renderNot<C extends TreeNode>(
  context: ConditionTreeContext<C>,
  path: ConditionPath,
  position: string,
  placement: Placement,
) {
  const pointer = pointerOfPath(context, path);
  const own = unclaimedErrors(context.errors, pointer, ['/not']);
  return html`<fieldset class="node not" data-pointer=${pointer}>
    <legend>${ruleText(context.language, 'editor.rule.group.not')}</legend>
    ${renderErrors(`${idOf(context, path)}-node`, own, context.language)}
    ${renderNode(context, [...path, 'not'], position, 'insideNot')}
    ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

/**
 * Negate (or stop negating), reorder and remove a member of a group; the root, which has no
 * siblings, can instead become a group so that conditions can be added beside it.
 */
function renderNodeTools<C extends TreeNode>(
  context: ConditionTreeContext<C>,
  path: ConditionPath,
  placement: Placement,
) {
  const { language, root } = context;
  const change = (next: C) => context.onRoot(next);
  if (placement === 'insideNot') return nothing;
  const node = conditionAt(root, path);
  const negated = 'not' in node;
  const negation = html`<button type="button" class=${negated ? 'unwrap-not' : 'negate'}
    @click=${() => change(toggleNegation(root, path))}>
    ${ruleText(language, negated ? 'editor.rule.unwrapNot' : 'editor.rule.negate')}
  </button>`;
  if (placement === 'root') {
    return html`<div class="toolbar node-tools">
      ${negation}
      ${
        listKindOf(node)
          ? nothing
          : html`<button type="button" class="wrap" @click=${() => change(wrapInGroup(root, path))}>
              ${ruleText(language, 'editor.rule.wrapInGroup')}
            </button>`
      }
    </div>`;
  }
  const { groupPath, index, count } = placement;
  return html`<div class="toolbar node-tools">
    ${negation}
    <button type="button" class="move-up" ?disabled=${index === 0}
      @click=${() => change(moveChild(root, groupPath, index, index - 1))}>
      ${ruleText(language, 'editor.rule.moveUp')}
    </button>
    <button type="button" class="move-down" ?disabled=${index === count - 1}
      @click=${() => change(moveChild(root, groupPath, index, index + 1))}>
      ${ruleText(language, 'editor.rule.moveDown')}
    </button>
    <button type="button" class="danger remove" ?disabled=${count === 1}
      @click=${() => change(removeChild(root, groupPath, index))}>
      ${ruleText(language, 'editor.rule.remove')}
    </button>
  </div>`;
}
