import type { EntityMetadata, FieldDefinition } from '@kiban/runtime-ui';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { conditionTreeStyles } from '../shared/condition-tree-view.ts';
import { renderErrors, renderSelectControl } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { freshName, moveItem, removeAt, replaceAt, withProperty } from '../shared/immutable.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { fieldTitle, renderFieldCard } from './field-card.ts';
import { type FieldType, withType } from './field-types.ts';
import { RenameTracker } from './rename-tracker.ts';
import { renderValidations } from './validations-editor.ts';

/**
 * `<kiban-entity-editor>` edits one entity item: its label, its fields (added, renamed,
 * reordered, deleted, typed and configured) and its title field. Each edit emits
 * `item-change` with a new item; the given one is never changed. Errors from the engine's
 * validation are shown at the control their JSON pointer names.
 */
export class KibanEntityEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    entities: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    published: { attribute: false },
    announcement: { state: true },
  };

  static override styles = [editorStyles, conditionTreeStyles];

  declare item: EntityMetadata | undefined;
  /** Every entity of the app, for the targets of references and collections. */
  declare entities: EntityMetadata[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  /** The version of this entity that is live, if any: renaming one of its fields drops a column. */
  declare published: EntityMetadata | undefined;
  declare announcement: string;

  private renames = new RenameTracker();
  private focusAfterUpdate: string | undefined;

  constructor() {
    super();
    this.entities = [];
    this.errors = [];
    this.language = 'ja';
    this.announcement = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('item') as EntityMetadata | undefined;
    // Another entity opened in the same editor starts with no renames of its own.
    if (changed.has('item') && previous && previous.name !== this.item?.name) this.renames = new RenameTracker();
  }

  protected override updated(): void {
    const id = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (id) this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private change(item: EntityMetadata): void {
    this.item = item;
    emitItemChange(this, item);
  }

  private setFields(fields: FieldDefinition[]): void {
    if (this.item) this.change({ ...this.item, fields });
  }

  private addField(): void {
    if (!this.item) return;
    const fields = this.item.fields;
    const label = editorText(this.language, 'editor.entity.newFieldLabel', { number: fields.length + 1 });
    const name = freshName(
      'field',
      fields.map((field) => field.name),
    );
    this.setFields([...fields, { name, type: 'string', label: { ja: label } }]);
    this.focusAfterUpdate = `field-${fields.length}-name`;
    this.announcement = editorText(this.language, 'editor.field.added', { label });
  }

  private renameField(index: number, name: string): void {
    if (!this.item) return;
    const field = this.item.fields[index];
    this.renames.rename(field.name, name);
    const renamed = replaceAt(this.item.fields, index, { ...field, name });
    // The title field names the field, so it follows the rename.
    const titleField = this.item.titleField === field.name ? name : this.item.titleField;
    this.change(withProperty({ ...this.item, fields: renamed }, 'titleField', titleField));
  }

  private moveField(index: number, to: number): void {
    if (!this.item) return;
    const field = this.item.fields[index];
    this.setFields(moveItem(this.item.fields, index, to));
    // Focus stays on the button pressed, now on the moved card, unless that card reached the end.
    const direction = to < index ? 'up' : 'down';
    const atEnd = to === 0 || to === this.item.fields.length - 1;
    const opposite = direction === 'up' ? 'down' : 'up';
    this.focusAfterUpdate = `field-${to}-${atEnd ? opposite : direction}`;
    const label = fieldTitle({ field, language: this.language });
    this.announcement = editorText(this.language, 'editor.field.moved', { label, position: to + 1 });
  }

  private deleteField(index: number): void {
    if (!this.item) return;
    const field = this.item.fields[index];
    this.renames.forget(field.name);
    const fields = removeAt(this.item.fields, index);
    const titleField = this.item.titleField === field.name ? undefined : this.item.titleField;
    this.change(withProperty({ ...this.item, fields }, 'titleField', titleField));
    const next = Math.min(index, fields.length - 1);
    this.focusAfterUpdate = next >= 0 ? `field-${next}-heading` : 'add-field';
    this.announcement = editorText(this.language, 'editor.field.deleted', {
      label: fieldTitle({ field, language: this.language }),
    });
  }

  private changeType(index: number, type: FieldType): void {
    if (!this.item) return;
    const field = withType(this.item.fields[index], type, {
      entityName: this.item.name,
      entities: this.entities,
      firstEnumLabel: editorText(this.language, 'editor.enum.newLabel', { number: 1 }),
    });
    this.setFields(replaceAt(this.item.fields, index, field));
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const language = this.language;
    const elsewhere = unclaimedErrors(this.errors, '', ['/label', '/fields', '/titleField', '/validations']);
    return html`<h2>${editorText(language, 'editor.entity.heading', { name: item.name })}</h2>
      ${
        this.errors.length > 0
          ? html`<p class="error-count" role="status">
            ${editorText(language, 'editor.errors.summary', { count: this.errors.length })}
          </p>`
          : nothing
      }
      ${renderErrors('entity-other', elsewhere, language)}
      <div class="controls">
        ${renderI18nTextControls({
          id: 'entity-label',
          text: item.label,
          labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
          pointer: '/label',
          errors: this.errors,
          language,
          onText: (label) => this.change({ ...item, label: label ?? { ja: '' } }),
        })}
        ${this.renderTitleField(item)}
      </div>
      <h3 id="fields-heading">${editorText(language, 'editor.entity.fields')}</h3>
      ${renderErrors('fields', errorsAt(this.errors, '/fields'), language)}
      <ol class="plain" aria-labelledby="fields-heading">
        ${item.fields.map((field, index) => html`<li>${this.renderField(item, field, index)}</li>`)}
      </ol>
      <button type="button" id="add-field" @click=${() => this.addField()}>
        ${editorText(language, 'editor.entity.addField')}
      </button>
      ${renderValidations({
        validations: item.validations ?? [],
        pointer: '/validations',
        id: 'entity-validations',
        entity: item,
        entities: this.entities,
        errors: this.errors,
        language,
        onValidations: (validations) => this.change(withProperty(item, 'validations', validations)),
      })}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private renderTitleField(item: EntityMetadata) {
    const candidates = item.fields.filter((field) => field.type !== 'collection' && field.type !== 'json');
    return renderSelectControl({
      id: 'entity-title-field',
      label: editorText(this.language, 'editor.entity.titleField'),
      value: item.titleField ?? '',
      options: [
        { value: '', label: editorText(this.language, 'editor.entity.titleFieldNone') },
        ...candidates.map((field) => ({ value: field.name, label: fieldTitle({ field, language: this.language }) })),
      ],
      errors: errorsAt(this.errors, '/titleField'),
      language: this.language,
      onValue: (value) => this.change(withProperty(item, 'titleField', value === '' ? undefined : value)),
    });
  }

  private renderField(item: EntityMetadata, field: FieldDefinition, index: number) {
    const original = this.renames.originalOf(field.name);
    const published = this.published?.fields.some((candidate) => candidate.name === original) === true;
    return renderFieldCard(
      {
        field,
        index,
        count: item.fields.length,
        pointer: pointerOf('fields', index),
        id: `field-${index}`,
        errors: this.errors,
        language: this.language,
        entityName: item.name,
        entity: item,
        entities: this.entities,
        renamedFrom: published && original !== field.name ? original : undefined,
        onField: (next) => this.setFields(replaceAt(item.fields, index, next)),
        onRename: (name) => this.renameField(index, name),
        onMove: (to) => this.moveField(index, to),
        onDelete: () => this.deleteField(index),
      },
      (type) => this.changeType(index, type),
    );
  }
}
