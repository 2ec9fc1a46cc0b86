import type { EntityMetadata, FieldDefinition } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { newComparison } from '../rule/comparison-view.ts';
import { renderConditionTree } from '../rule/condition-view.ts';
import { factsOf } from '../rule/rule-facts.ts';
import { renderErrors } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { removeAt, replaceAt, withProperty } from '../shared/immutable.ts';

type Validation = NonNullable<FieldDefinition['validations']>[number];

export interface ValidationsContext {
  validations: readonly Validation[];
  /** Pointer of the list in the item: `/fields/2/validations` or `/validations`. */
  pointer: string;
  /** Id prefix of the list's controls, unique in the editor. */
  id: string;
  /** The entity as edited: conditions are about its fields (and one reference step). */
  entity: EntityMetadata;
  entities: readonly EntityMetadata[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  /** A field's checks start a new condition on the field itself. */
  field?: string;
  /** The new list; undefined when the last check is removed, which drops the key. */
  onValidations: (next: Validation[] | undefined) => void;
}

/**
 * A field's or a record's checks: each a condition of the rule language, edited as the rule
 * editor's tree (facts of the entity as edited, so new fields are offered at once), with an
 * optional message in Japanese and English.
 */
export function renderValidations(context: ValidationsContext): TemplateResult {
  const { validations, pointer, id, language, errors } = context;
  const entities = [context.entity, ...context.entities.filter((each) => each.name !== context.entity.name)];
  const all = factsOf(context.entity.name, entities, language);
  const own = all.filter((fact) => fact.comparison.fact === context.field && fact.comparison.of === undefined);
  const facts = [...own, ...all.filter((fact) => !own.includes(fact))];
  const set = (index: number, next: Validation) => context.onValidations(replaceAt(validations, index, next));
  const remove = (index: number) => {
    const rest = removeAt(validations, index);
    context.onValidations(rest.length > 0 ? rest : undefined);
  };
  return html`<fieldset class="validations" id=${id}>
    <legend>${editorText(language, 'editor.validations.legend')}</legend>
    ${renderErrors(id, errorsAt(errors, pointer), language)}
    <ol class="plain">
      ${validations.map((validation, index) => {
        const at = `${pointer}/${index}`;
        const position = index + 1;
        return html`<li><div class="card validation" role="group" aria-label=${editorText(language, 'editor.validations.item', { position })}>
          ${renderErrors(`${id}-${index}`, errorsAt(errors, at), language)}
          ${renderConditionTree({
            root: validation.condition,
            facts,
            errors,
            language,
            pointer: `${at}/condition`,
            id: `${id}-${index}-node`,
            onRoot: (condition) => set(index, { ...validation, condition }),
          })}
          <div class="controls">
            ${renderI18nTextControls({
              id: `${id}-${index}-message`,
              text: validation.message,
              labelKeys: { ja: 'editor.validations.messageJa', en: 'editor.validations.messageEn' },
              pointer: `${at}/message`,
              errors,
              language,
              onText: (message) => set(index, withProperty(validation, 'message', message)),
            })}
          </div>
          <button type="button" class="danger" id="${id}-${index}-delete" @click=${() => remove(index)}>
            ${editorText(language, 'editor.validations.delete', { position })}
          </button>
        </div></li>`;
      })}
    </ol>
    <button
      type="button"
      id="${id}-add"
      @click=${() => context.onValidations([...validations, { condition: newComparison(facts) }])}
    >
      ${editorText(language, 'editor.validations.add')}
    </button>
  </fieldset>`;
}
