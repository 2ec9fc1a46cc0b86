import { localize } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { errorsAt, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { withProperty } from '../shared/immutable.ts';
import type { FieldContext } from './field-context.ts';
import { LANGUAGE_POINTERS, renderFieldLanguage } from './field-language.ts';
import { renderFieldOptions } from './field-options.ts';
import { CLASSIFICATIONS, type Classification, FIELD_TYPES, type FieldType, OPTIONS_OF_TYPE } from './field-types.ts';

/** The field's label in the designer's language, for headings and button names. */
export function fieldTitle(context: Pick<FieldContext, 'field' | 'language'>): string {
  return localize(context.field.label, context.language).text || context.field.name;
}

/** The built-in types, and a plugin's type (`<plugin>.<name>`) when the field has one, shown by its name. */
function typeOptions(context: FieldContext): { value: string; label: string }[] {
  const builtIn = FIELD_TYPES.map((type) => ({
    value: type,
    label: editorText(context.language, `editor.type.${type}`),
  }));
  const isBuiltIn = FIELD_TYPES.includes(context.field.type);
  return isBuiltIn ? builtIn : [...builtIn, { value: context.field.type, label: context.field.type }];
}

/** Pointers (relative to the field) that a control of the card shows; other errors go on top of the card. */
function claimedPointers(type: FieldType): string[] {
  const options = OPTIONS_OF_TYPE[type] ?? [];
  return [
    '/name',
    '/type',
    '/label',
    '/classification',
    ...options.map((option) => `/${option}`),
    ...LANGUAGE_POINTERS,
  ];
}

function moveButtons(context: FieldContext, title: string): TemplateResult {
  return html`<div class="toolbar">
    <button
      type="button"
      id="${context.id}-up"
      ?disabled=${context.index === 0}
      @click=${() => context.onMove(context.index - 1)}
    >
      ${editorText(context.language, 'editor.field.moveUp', { label: title })}
    </button>
    <button
      type="button"
      id="${context.id}-down"
      ?disabled=${context.index === context.count - 1}
      @click=${() => context.onMove(context.index + 1)}
    >
      ${editorText(context.language, 'editor.field.moveDown', { label: title })}
    </button>
    <button type="button" class="danger" id="${context.id}-delete" @click=${context.onDelete}>
      ${editorText(context.language, 'editor.field.delete', { label: title })}
    </button>
  </div>`;
}

/** One field of the entity: identity, type, classification, the type's options and the move/delete buttons. */
export function renderFieldCard(context: FieldContext, onType: (type: FieldType) => void): TemplateResult {
  const { field, language } = context;
  const title = fieldTitle(context);
  const headingId = `${context.id}-heading`;
  const renameWarning = context.renamedFrom
    ? editorText(language, 'editor.field.renameWarning', { original: context.renamedFrom })
    : undefined;
  return html`<section class="card field" aria-labelledby=${headingId}>
    <h4 id=${headingId} tabindex="-1">
      ${editorText(language, 'editor.field.heading', { position: context.index + 1, label: title })}
    </h4>
    ${renderErrors(`${context.id}-other`, unclaimedErrors(context.errors, context.pointer, claimedPointers(field.type)), language)}
    <div class="controls">
      ${renderTextControl({
        id: `${context.id}-name`,
        label: editorText(language, 'editor.field.name'),
        value: field.name,
        commitOn: 'change',
        note: renameWarning,
        errors: errorsAt(context.errors, `${context.pointer}/name`),
        language,
        onValue: context.onRename,
      })}
      ${renderI18nTextControls({
        id: `${context.id}-label`,
        text: field.label,
        labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
        pointer: `${context.pointer}/label`,
        errors: context.errors,
        language,
        onText: (label) => context.onField({ ...field, label: label ?? { ja: '' } }),
      })}
      ${renderSelectControl({
        id: `${context.id}-type`,
        label: editorText(language, 'editor.field.type'),
        value: field.type,
        options: typeOptions(context),
        errors: errorsAt(context.errors, `${context.pointer}/type`),
        language,
        onValue: (type) => onType(type as FieldType),
      })}
      ${renderSelectControl({
        id: `${context.id}-classification`,
        label: editorText(language, 'editor.field.classification'),
        value: field.classification ?? 'none',
        options: CLASSIFICATIONS.map((value) => ({
          value,
          label: editorText(language, `editor.classification.${value}`),
        })),
        errors: errorsAt(context.errors, `${context.pointer}/classification`),
        language,
        // `none` is the default, so choosing it removes the key instead of writing it.
        onValue: (value) =>
          context.onField(
            withProperty(field, 'classification', value === 'none' ? undefined : (value as Classification)),
          ),
      })}
    </div>
    ${FIELD_TYPES.includes(field.type) ? renderFieldOptions(context) : nothing}
    ${renderFieldLanguage(context)}
    ${moveButtons(context, title)}
  </section>`;
}
