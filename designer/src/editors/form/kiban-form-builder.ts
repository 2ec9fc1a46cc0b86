import type { EntityMetadata, FormMetadata } from '@kiban/runtime-ui';
import { css, html, LitElement, nothing } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { conditionTreeStyles } from '../shared/condition-tree-view.ts';
import { renderErrors } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { draggedItem } from './drag-data.ts';
import { placeableFields, renderFieldPalette } from './field-palette.ts';
import * as changes from './form-changes.ts';
import { placedFieldTitle } from './placement-row.ts';
import { renderSectionEditor, type SectionActions } from './section-editor.ts';
import { renderStepsEditor } from './steps-editor.ts';

/**
 * `<kiban-form-builder>` edits one form item: fields of its entity are dragged (or added with
 * a button) from a palette into sections, sections and steps are added, renamed and removed,
 * and each placed field's display is set. A live preview renders the result with the portal's
 * own `<kiban-form>`. Each edit emits `item-change` with a new item.
 */
export class KibanFormBuilder extends LitElement {
  static override properties = {
    item: { attribute: false },
    entities: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    targetSection: { state: true },
    dropSection: { state: true },
    announcement: { state: true },
  };

  static override styles = [
    editorStyles,
    conditionTreeStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(14rem, 1fr) minmax(24rem, 3fr);
        gap: 1rem;
        align-items: start;
      }
      .drop-zone {
        min-height: 3rem;
        padding: 0.25rem;
        border: 2px dashed var(--editor-border);
        border-radius: 0.5rem;
      }
      .drop-zone.drop-target {
        border-color: var(--editor-accent);
        background: #e8f1fe;
      }
      .palette-field,
      .placement {
        cursor: grab;
      }
      .palette-field {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      summary {
        min-height: 2.75rem;
        cursor: pointer;
      }
    `,
  ];

  declare item: FormMetadata | undefined;
  /** Every entity of the app; the form's own is found by name. */
  declare entities: EntityMetadata[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  declare targetSection: number;
  declare dropSection: number | undefined;
  declare announcement: string;

  private focusAfterUpdate: string | undefined;

  constructor() {
    super();
    this.entities = [];
    this.errors = [];
    this.language = 'ja';
    this.targetSection = 0;
    this.announcement = '';
  }

  protected override updated(): void {
    const id = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (id) this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private get entity(): EntityMetadata | undefined {
    return this.entities.find((entity) => entity.name === this.item?.entity);
  }

  private change(next: FormMetadata): void {
    this.item = next;
    emitItemChange(this, next);
  }

  private edit(apply: (form: FormMetadata) => FormMetadata): void {
    if (this.item) this.change(apply(this.item));
  }

  private fieldTitle(name: string): string {
    return placedFieldTitle(this.entity?.fields ?? [], name, this.language);
  }

  private sectionTitle(index: number): string {
    const label = this.item?.sections[index]?.label;
    return label ? (label[this.language] ?? label.ja) : '';
  }

  private addToTarget(field: string): void {
    const section = this.targetSection;
    // The pressed button leaves with its field; focus goes to the neighbour that takes its place.
    const remaining = placeableFields(this.entity?.fields ?? [], this.item as FormMetadata).map((each) => each.name);
    const at = remaining.indexOf(field);
    const neighbour = remaining[at + 1] ?? remaining[at - 1];
    this.focusAfterUpdate = neighbour ? `palette-add-${neighbour}` : 'palette-target';
    this.edit((form) => changes.addPlacement(form, section, field));
    this.announcement = editorText(this.language, 'editor.palette.added', {
      field: this.fieldTitle(field),
      section: this.sectionTitle(section),
    });
  }

  private drop(event: DragEvent, to: changes.PlacementAt): void {
    this.dropSection = undefined;
    const dragged = draggedItem(event);
    if (!dragged) return;
    this.edit((form) =>
      dragged.kind === 'palette'
        ? changes.addPlacement(form, to.section, dragged.field, to.index)
        : changes.movePlacement(form, dragged.at, to),
    );
  }

  private readonly sectionActions: SectionActions = {
    changeSection: (index, section) => this.edit((form) => changes.replaceSection(form, index, section)),
    removeSection: (index) => {
      this.edit((form) => changes.removeSection(form, index));
      this.targetSection = 0;
    },
    changePlacement: (at, placement) => this.edit((form) => changes.replacePlacement(form, at, placement)),
    reorderPlacement: (at, to) => {
      this.edit((form) => changes.reorderPlacement(form, at.section, at.index, to));
      // Focus stays on the button pressed, now on the moved row, unless the row reached the end.
      const count = this.item?.sections[at.section]?.fields.length ?? 0;
      const direction = to < at.index ? 'up' : 'down';
      const atEnd = to === 0 || to === count - 1;
      this.focusAfterUpdate = `placement-${at.section}-${to}-${atEnd ? (direction === 'up' ? 'down' : 'up') : direction}`;
    },
    removePlacement: (at) => {
      const field = this.item?.sections[at.section]?.fields[at.index]?.field ?? '';
      this.edit((form) => changes.removePlacement(form, at));
      this.announcement = editorText(this.language, 'editor.placement.removed', { label: this.fieldTitle(field) });
    },
    drop: (event, at) => this.drop(event, at),
    setDropTarget: (section) => {
      this.dropSection = section;
    },
  };

  override render() {
    const form = this.item;
    if (!form) return nothing;
    const language = this.language;
    const entity = this.entity;
    const fields = entity?.fields ?? [];
    return html`<h2>${editorText(language, 'editor.form.heading', { name: form.name })}</h2>
      <p>
        ${
          entity
            ? editorText(language, 'editor.form.entity', { entity: entity.label[language] ?? entity.label.ja })
            : editorText(language, 'editor.form.unknownEntity', { entity: form.entity })
        }
      </p>
      ${
        this.errors.length > 0
          ? html`<p role="status">${editorText(language, 'editor.errors.summary', { count: this.errors.length })}</p>`
          : nothing
      }
      ${renderErrors('form-other', unclaimedErrors(this.errors, '', ['/label', '/steps', '/sections']), language)}
      <div class="controls">
        ${renderI18nTextControls({
          id: 'form-label',
          text: form.label,
          labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
          pointer: '/label',
          errors: this.errors,
          language,
          onText: (label) => this.change({ ...form, label: label ?? { ja: '' } }),
        })}
      </div>
      ${renderStepsEditor({
        form,
        errors: this.errors,
        language,
        onAdd: () =>
          this.edit((next) =>
            changes.addStep(
              next,
              editorText(language, 'editor.step.newLabel', { number: (next.steps?.length ?? 0) + 1 }),
            ),
          ),
        onChange: (index, step) => this.edit((next) => changes.replaceStep(next, index, step)),
        onRemove: (index) => this.edit((next) => changes.removeStep(next, index)),
      })}
      <div class="layout">
        ${renderFieldPalette({
          form,
          fields,
          language,
          targetSection: Math.min(this.targetSection, form.sections.length - 1),
          onTarget: (section) => {
            this.targetSection = section;
          },
          onAdd: (field) => this.addToTarget(field),
        })}
        <section aria-labelledby="sections-heading">
          <h3 id="sections-heading">${editorText(language, 'editor.sections.heading')}</h3>
          ${renderErrors('sections', errorsAt(this.errors, '/sections'), language)}
          ${form.sections.map((_, index) =>
            renderSectionEditor({
              form,
              index,
              fields,
              errors: this.errors,
              language,
              dropTarget: this.dropSection === index,
              actions: this.sectionActions,
            }),
          )}
          <button type="button" id="add-section" @click=${() => this.addSection()}>
            ${editorText(language, 'editor.section.add')}
          </button>
        </section>
      </div>
      <kiban-form-preview .entity=${entity} .form=${form} language=${language}></kiban-form-preview>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private addSection(): void {
    this.edit((form) =>
      changes.addSection(
        form,
        editorText(this.language, 'editor.section.newLabel', { number: form.sections.length + 1 }),
      ),
    );
    this.targetSection = (this.item?.sections.length ?? 1) - 1;
  }
}
