import type { FieldDefinition, FormField, FormMetadata, FormSection } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, pointerOf, unclaimedErrors } from '../errors.ts';
import { editorText } from '../i18n/index.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { renderI18nTextControls } from '../shared/i18n-text-controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { carriesField } from './drag-data.ts';
import type { PlacementAt } from './form-changes.ts';
import { renderPlacementRow } from './placement-row.ts';

/** What the form builder does when a section or one of its fields is edited. */
export interface SectionActions {
  changeSection: (index: number, section: FormSection) => void;
  removeSection: (index: number) => void;
  changePlacement: (at: PlacementAt, placement: FormField) => void;
  reorderPlacement: (at: PlacementAt, to: number) => void;
  removePlacement: (at: PlacementAt) => void;
  /** A field dropped on the section, to land before position `index`. */
  drop: (event: DragEvent, at: PlacementAt) => void;
  setDropTarget: (section: number | undefined) => void;
}

export interface SectionView {
  form: FormMetadata;
  index: number;
  fields: readonly FieldDefinition[];
  errors: readonly EditorError[];
  language: EditorLanguage;
  /** Whether a drag is over this section, to highlight where the field will land. */
  dropTarget: boolean;
  actions: SectionActions;
}

function sectionLabel(section: FormSection, language: EditorLanguage): string {
  return section.label[language] ?? section.label.ja ?? section.name;
}

/** Where in the list a drop lands: before the row under the pointer, or at the end. */
function dropIndex(event: DragEvent, count: number): number {
  const row = (event.target as Element).closest?.('[data-index]');
  return row ? Number(row.getAttribute('data-index')) : count;
}

function stepControl(view: SectionView, section: FormSection): TemplateResult | typeof nothing {
  const steps = view.form.steps;
  if (!steps) return nothing;
  return renderSelectControl({
    id: `section-${view.index}-step`,
    label: editorText(view.language, 'editor.section.step'),
    value: section.step ?? steps[0]?.name ?? '',
    options: steps.map((step) => ({ value: step.name, label: step.label[view.language] ?? step.label.ja })),
    errors: errorsAt(view.errors, pointerOf('sections', view.index, 'step')),
    language: view.language,
    onValue: (step) => view.actions.changeSection(view.index, { ...section, step }),
  });
}

function fieldList(view: SectionView, section: FormSection, label: string): TemplateResult {
  const { index, actions, language } = view;
  const onDragOver = (event: DragEvent) => {
    if (!carriesField(event)) return;
    // Accepting the drop is done by cancelling dragover.
    event.preventDefault();
    actions.setDropTarget(index);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    actions.drop(event, { section: index, index: dropIndex(event, section.fields.length) });
  };
  return html`<ol
    class="plain drop-zone ${view.dropTarget ? 'drop-target' : ''}"
    aria-label=${editorText(language, 'editor.section.fields', { label })}
    @dragover=${onDragOver}
    @dragleave=${() => actions.setDropTarget(undefined)}
    @drop=${onDrop}
  >
    ${section.fields.length === 0 ? html`<li class="empty">${editorText(language, 'editor.section.empty')}</li>` : nothing}
    ${section.fields.map((placement, fieldIndex) => {
      const at = { section: index, index: fieldIndex };
      return renderPlacementRow({
        placement,
        at,
        count: section.fields.length,
        fields: view.fields,
        pointer: pointerOf('sections', index, 'fields', fieldIndex),
        errors: view.errors,
        language,
        onPlacement: (next) => actions.changePlacement(at, next),
        onMove: (to) => actions.reorderPlacement(at, to),
        onRemove: () => actions.removePlacement(at),
      });
    })}
  </ol>`;
}

/** One section: its name, heading, help and step, then its fields as a drop zone. */
export function renderSectionEditor(view: SectionView): TemplateResult {
  const { index, language, actions } = view;
  const section = view.form.sections[index];
  const pointer = pointerOf('sections', index);
  const label = sectionLabel(section, language);
  const id = `section-${index}`;
  const change = (next: FormSection) => actions.changeSection(index, next);
  const claimed = ['/name', '/label', '/help', '/step', '/fields'];
  return html`<section class="card section" aria-labelledby="${id}-heading">
    <h4 id="${id}-heading" tabindex="-1">${editorText(language, 'editor.section.heading', { label })}</h4>
    ${renderErrors(`${id}-other`, unclaimedErrors(view.errors, pointer, claimed), language)}
    <div class="controls">
      ${renderTextControl({
        id: `${id}-name`,
        label: editorText(language, 'editor.section.name'),
        value: section.name,
        commitOn: 'change',
        errors: errorsAt(view.errors, `${pointer}/name`),
        language,
        onValue: (name) => change({ ...section, name }),
      })}
      ${renderI18nTextControls({
        id: `${id}-label`,
        text: section.label,
        labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
        pointer: `${pointer}/label`,
        errors: view.errors,
        language,
        onText: (text) => change({ ...section, label: text ?? { ja: '' } }),
      })}
      ${renderI18nTextControls({
        id: `${id}-help`,
        text: section.help,
        labelKeys: { ja: 'editor.placement.helpJa', en: 'editor.placement.helpEn' },
        pointer: `${pointer}/help`,
        errors: view.errors,
        language,
        onText: (help) => change(withProperty(section, 'help', help)),
      })}
      ${stepControl(view, section)}
    </div>
    ${renderErrors(`${id}-fields`, errorsAt(view.errors, `${pointer}/fields`), language)}
    ${fieldList(view, section, label)}
    <button type="button" class="danger" id="${id}-remove" @click=${() => actions.removeSection(index)}>
      ${editorText(language, 'editor.section.remove', { label })}
    </button>
  </section>`;
}
