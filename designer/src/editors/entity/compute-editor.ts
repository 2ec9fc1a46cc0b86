import type { EntityMetadata, FieldDefinition } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { type EditorMessageKey, editorText } from '../i18n/index.ts';
import { factsOf } from '../rule/rule-facts.ts';
import { localizedString } from '../rule/rule-messages.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { removeAt, replaceAt } from '../shared/immutable.ts';

export type ComputeExpression = NonNullable<FieldDefinition['compute']>;
type Operation = Exclude<ComputeExpression, string | number | boolean>;

/** Operations over any number of values, over exactly two, and over each row of a collection. */
const LISTS = ['add', 'mul', 'concat'] as const;
const PAIRS = ['sub', 'div', 'addDays', 'addBusinessDays', 'daysBetween', 'ageOn'] as const;
const AGGREGATES = ['sum', 'min', 'max'] as const;
const KINDS = ['number', 'text', 'fact', 'count', ...AGGREGATES, ...LISTS, ...PAIRS] as const;
type Kind = (typeof KINDS)[number];

export interface ComputeContext {
  expression: ComputeExpression;
  /** Pointer of the expression in the item, e.g. `/fields/3/compute`. */
  pointer: string;
  /** Id of the expression's kind picker; operands add `-1`, `-2`, … */
  id: string;
  /** The entity whose facts the expression reads: the record's, or a collection's rows inside sum/min/max. */
  entity: EntityMetadata;
  entities: readonly EntityMetadata[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  onExpression: (next: ComputeExpression) => void;
}

export function kindOf(expression: ComputeExpression): Kind {
  if (typeof expression === 'number') return 'number';
  if (typeof expression !== 'object') return 'text';
  if ('fact' in expression) return expression.fact === 'count' && expression.of !== undefined ? 'count' : 'fact';
  return KINDS.find((kind) => kind in expression) ?? 'number';
}

function operandsOf(expression: ComputeExpression): ComputeExpression[] {
  const kind = kindOf(expression);
  if (!(LISTS as readonly string[]).includes(kind) && !(PAIRS as readonly string[]).includes(kind)) return [];
  return [...((expression as Record<string, ComputeExpression[]>)[kind] ?? [])];
}

/** The collections of `entity` whose rows an aggregate can read. */
function collectionsOf(entity: EntityMetadata): FieldDefinition[] {
  return entity.fields.filter((field) => field.type === 'collection' && field.target);
}

/** Plain facts: the entity's fields and one reference step (`item.fee`). */
function plainFacts(context: Pick<ComputeContext, 'entity' | 'entities' | 'language'>) {
  const entities = [context.entity, ...context.entities.filter((each) => each.name !== context.entity.name)];
  return factsOf(context.entity.name, entities, context.language).filter((fact) => fact.comparison.of === undefined);
}

/**
 * A first expression of `kind`, keeping what was there as its first operand where the kind
 * takes operands, so that wrapping `quantity` in a multiplication keeps `quantity`.
 */
export function expressionOfKind(
  kind: Kind,
  previous: ComputeExpression,
  context: Pick<ComputeContext, 'entity' | 'entities' | 'language'>,
): ComputeExpression {
  const firstFact = plainFacts(context)[0]?.comparison.fact ?? '';
  const collection = collectionsOf(context.entity)[0];
  const keep = kindOf(previous) === 'fact' || kindOf(previous) === 'number' ? previous : { fact: firstFact };
  switch (kind) {
    case 'number':
      return 0;
    case 'text':
      return '';
    case 'fact':
      return { fact: firstFact };
    case 'count':
      return { fact: 'count', of: collection?.name ?? '' };
    case 'sum':
    case 'min':
    case 'max': {
      const rows = context.entities.find((entity) => entity.name === collection?.target);
      const rowFact = rows ? (plainFacts({ ...context, entity: rows })[0]?.comparison.fact ?? '') : '';
      return { [kind]: { fact: rowFact }, of: collection?.name ?? '' } as Operation;
    }
    default:
      return { [kind]: [keep, 0] } as Operation;
  }
}

const text = (context: ComputeContext, key: EditorMessageKey, params?: Record<string, string | number>) =>
  editorText(context.language, key, params);

/**
 * One node of a computed field's expression, as controls: its kind, then what the kind takes
 * (a value, a fact, a collection, operands), each operand a node of its own. The JSON the
 * engine reads is written as the controls change; the engine's checks show at their pointers.
 */
export function renderComputeEditor(context: ComputeContext): TemplateResult {
  const { expression, pointer, id, language } = context;
  const kind = kindOf(expression);
  return html`<div class="compute-node">
    ${renderSelectControl({
      id: `${id}-kind`,
      label: text(context, 'editor.compute.kind'),
      value: kind,
      options: KINDS.map((each) => ({ value: each, label: text(context, `editor.compute.kind.${each}`) })),
      errors: errorsAt(context.errors, pointer),
      language,
      onValue: (next) => context.onExpression(expressionOfKind(next as Kind, expression, context)),
    })}
    ${renderKindControls(context, kind)}
  </div>`;
}

function renderKindControls(context: ComputeContext, kind: Kind): TemplateResult | typeof nothing {
  const { expression, pointer, id, language } = context;
  if (kind === 'number' || kind === 'text') {
    return renderTextControl({
      id: `${id}-value`,
      label: text(context, 'editor.compute.value'),
      type: kind === 'number' ? 'number' : 'text',
      value: String(expression),
      errors: [],
      language,
      onValue: (value) => context.onExpression(kind === 'number' ? Number(value) : value),
    });
  }
  if (kind === 'fact') {
    const fact = (expression as { fact: string }).fact;
    const options = plainFacts(context).map((each) => ({ value: each.comparison.fact, label: each.label }));
    if (!options.some((option) => option.value === fact)) options.unshift({ value: fact, label: fact });
    return renderSelectControl({
      id: `${id}-fact`,
      label: text(context, 'editor.compute.fact'),
      value: fact,
      options,
      errors: errorsAt(context.errors, `${pointer}/fact`),
      language,
      onValue: (next) => context.onExpression({ fact: next }),
    });
  }
  if (kind === 'count') return collectionControl(context, (of) => ({ fact: 'count', of }));
  if ((AGGREGATES as readonly string[]).includes(kind)) {
    const aggregate = expression as Record<string, ComputeExpression> & { of: string };
    const collection = collectionsOf(context.entity).find((field) => field.name === aggregate.of);
    const rows = context.entities.find((entity) => entity.name === collection?.target);
    return html`${collectionControl(context, (of) => ({ ...aggregate, of }) as Operation)}
    ${
      rows
        ? renderComputeEditor({
            ...context,
            entity: rows,
            expression: aggregate[kind],
            pointer: `${pointer}/${kind}`,
            id: `${id}-1`,
            onExpression: (next) => context.onExpression({ ...aggregate, [kind]: next } as Operation),
          })
        : nothing
    }`;
  }
  return renderOperands(context, kind);
}

function collectionControl(context: ComputeContext, write: (of: string) => ComputeExpression): TemplateResult {
  const of = (context.expression as { of?: string }).of ?? '';
  const options = collectionsOf(context.entity).map((field) => ({
    value: field.name,
    label: localizedString(field.label, context.language),
  }));
  if (!options.some((option) => option.value === of)) options.unshift({ value: of, label: of });
  return renderSelectControl({
    id: `${context.id}-of`,
    label: text(context, 'editor.compute.of'),
    value: of,
    options,
    errors: errorsAt(context.errors, `${context.pointer}/of`),
    language: context.language,
    onValue: (next) => context.onExpression(write(next)),
  });
}

function renderOperands(context: ComputeContext, kind: Kind): TemplateResult {
  const { pointer, id, language } = context;
  const operands = operandsOf(context.expression);
  const write = (next: ComputeExpression[]) => context.onExpression({ [kind]: next } as Operation);
  const isList = (LISTS as readonly string[]).includes(kind);
  return html`${renderErrors(`${id}-operands`, errorsAt(context.errors, `${pointer}/${kind}`), language)}
    <ol class="plain operands">
      ${operands.map(
        (operand, index) => html`<li>
          <p class="operand-label">${text(context, 'editor.compute.operand', { position: index + 1 })}</p>
          ${renderComputeEditor({
            ...context,
            expression: operand,
            pointer: `${pointer}/${kind}/${index}`,
            id: `${id}-${index + 1}`,
            onExpression: (next) => write(replaceAt(operands, index, next)),
          })}
          ${
            isList && operands.length > 1
              ? html`<button type="button" class="danger" id="${id}-${index + 1}-remove" @click=${() => write(removeAt(operands, index))}>
                ${text(context, 'editor.compute.removeOperand', { position: index + 1 })}
              </button>`
              : nothing
          }
        </li>`,
      )}
    </ol>
    ${
      isList
        ? html`<button type="button" id="${id}-add" @click=${() => write([...operands, 0])}>
          ${text(context, 'editor.compute.addOperand')}
        </button>`
        : nothing
    }`;
}
