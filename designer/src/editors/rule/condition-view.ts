import { html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, unclaimedErrors } from '../errors.ts';
import { renderErrors, renderSelectControl } from '../shared/controls.ts';
import { comparisonLevelErrors, newComparison, renderComparisonControls } from './comparison-view.ts';
import {
  appendChild,
  type ConditionPath,
  childrenOf,
  conditionAt,
  isComparison,
  type ListKind,
  listKindOf,
  moveChild,
  pointerOfPath,
  removeChild,
  replaceCondition,
  setListKind,
  toggleNegation,
  wrapInGroup,
} from './condition-tree.ts';
import type { FactOption } from './rule-facts.ts';
import { ruleText } from './rule-messages.ts';
import type { RuleComparison, RuleCondition } from './rule-types.ts';

export interface TreeContext {
  root: RuleCondition;
  facts: readonly FactOption[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onRoot: (next: RuleCondition) => void;
}

/**
 * Where a node sits: as a member of a group (what moving and removing it need), at the root,
 * or inside a `not`, whose own tools stand for it (negating again would only double it).
 */
type Placement = { groupPath: ConditionPath; index: number; count: number } | 'root' | 'insideNot';

const LIST_KINDS: readonly ListKind[] = ['all', 'any'];

/**
 * The condition tree as nested fieldsets: each group and comparison is named by its position
 * (1.2.1) so a screen reader user knows where they are, with its own tools beside it.
 */
export function renderConditionTree(context: TreeContext) {
  return renderNode(context, [], '1', 'root');
}

function renderNode(
  context: TreeContext,
  path: ConditionPath,
  position: string,
  placement: Placement,
): TemplateResult | typeof nothing {
  const node = conditionAt(context.root, path);
  if ('not' in node) return renderNot(context, path, position, placement);
  const kind = listKindOf(node);
  if (kind) return renderGroup(context, path, position, placement, kind, childrenOf(node));
  return isComparison(node) ? renderComparison(context, path, node, position, placement) : nothing;
}

function idOf(path: ConditionPath): string {
  return ['node', ...path].join('-');
}

function renderComparison(
  context: TreeContext,
  path: ConditionPath,
  node: RuleComparison,
  position: string,
  placement: Placement,
) {
  const comparisonContext = {
    id: idOf(path),
    comparison: node,
    pointer: pointerOfPath(path),
    facts: context.facts,
    errors: context.errors,
    language: context.language,
    onComparison: (next: RuleCondition) => context.onRoot(replaceCondition(context.root, path, next)),
  };
  return html`<fieldset class="node comparison" data-pointer=${pointerOfPath(path)}>
    <legend>${ruleText(context.language, 'editor.rule.comparisonNode', { position })}</legend>
    ${renderErrors(`${idOf(path)}-node`, comparisonLevelErrors(comparisonContext), context.language)}
    ${renderComparisonControls(comparisonContext)} ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

function renderGroup(
  context: TreeContext,
  path: ConditionPath,
  position: string,
  placement: Placement,
  kind: ListKind,
  children: readonly RuleCondition[],
) {
  const { language } = context;
  const pointer = pointerOfPath(path);
  const own = unclaimedErrors(
    context.errors,
    pointer,
    children.map((_, index) => `/${kind}/${index}`),
  );
  const add = (child: RuleCondition) => context.onRoot(appendChild(context.root, path, child));
  return html`<fieldset class="node group" data-pointer=${pointer}>
    <legend>${ruleText(language, 'editor.rule.groupNode', { position })}</legend>
    <div class="controls">${renderSelectControl({
      id: `${idOf(path)}-kind`,
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
      <button type="button" class="add-comparison" @click=${() => add(newComparison(context.facts))}>
        ${ruleText(language, 'editor.rule.addComparison')}
      </button>
      <button type="button" class="add-group" @click=${() => add({ all: [newComparison(context.facts)] })}>
        ${ruleText(language, 'editor.rule.addGroup')}
      </button>
    </div>
    ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

function renderNot(context: TreeContext, path: ConditionPath, position: string, placement: Placement) {
  const pointer = pointerOfPath(path);
  const own = unclaimedErrors(context.errors, pointer, ['/not']);
  return html`<fieldset class="node not" data-pointer=${pointer}>
    <legend>${ruleText(context.language, 'editor.rule.group.not')}</legend>
    ${renderErrors(`${idOf(path)}-node`, own, context.language)}
    ${renderNode(context, [...path, 'not'], position, 'insideNot')}
    ${renderNodeTools(context, path, placement)}
  </fieldset>`;
}

/**
 * Negate (or stop negating), reorder and remove a member of a group; the root, which has no
 * siblings, can instead become a group so that conditions can be added beside it.
 */
function renderNodeTools(context: TreeContext, path: ConditionPath, placement: Placement) {
  const { language, root } = context;
  const change = (next: RuleCondition) => context.onRoot(next);
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
