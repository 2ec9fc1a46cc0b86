import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fileLimits } from '../../../../engine/src/metadata/file-fields.ts';
import { translate } from '../../i18n/index.ts';
import type { EntityMetadata, Language, RecordData } from '../../metadata/index.ts';
import type { FieldProblem } from '../../validation/index.ts';
import { describedBy, type FieldView } from './field-view.ts';

/** A file chosen in the form, sent after the record is created. */
export type ChosenFile = File;

/** `2.5 MB`, `300 KB`: sizes as people read them. */
export function formatSize(bytes: number, language: Language): string {
  const units: [number, string][] = [
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  const [divisor, unit] = units.find(([size]) => bytes >= size) ?? [1, 'B'];
  const amount = new Intl.NumberFormat(language === 'ja-x-easy' ? 'ja' : language, { maximumFractionDigits: 1 });
  return `${amount.format(bytes / divisor)} ${unit}`;
}

/**
 * A file field: a native file input (keyboard and screen readers know it), the accepted types
 * and size as help, and the chosen file's name. The server decides the type from the bytes;
 * the browser's guess only spares the resident a round trip.
 */
export function renderFileRow(view: FieldView, help: unknown, error: unknown, requiredMark: unknown): TemplateResult {
  const { maxSize, accept } = fileLimits(view.field);
  const hintId = `${view.id}-file-hint`;
  const chosen = view.value instanceof File ? view.value : undefined;
  const types = accept.map((type) => type.split('/')[1].toUpperCase()).join(', ');
  return html`<div class="field">
    <label for=${view.id}>${view.label}${requiredMark}</label>
    ${help} ${error}
    <p class="help" id=${hintId}>
      ${translate(view.language, 'form.fileHint', { types, size: formatSize(maxSize, view.language) })}
    </p>
    <input
      id=${view.id}
      type="file"
      accept=${accept.join(',')}
      aria-describedby=${[hintId, describedBy(view)].filter(Boolean).join(' ')}
      aria-invalid=${ifDefined(view.errorMessage ? 'true' : undefined)}
      ?disabled=${view.readOnly}
      @change=${(event: Event) => view.onValue((event.target as HTMLInputElement).files?.[0])}
    />
    ${
      chosen
        ? html`<p class="file-chosen">
            ${translate(view.language, 'form.fileChosen', {
              name: chosen.name,
              size: formatSize(chosen.size, view.language),
            })}
          </p>`
        : nothing
    }
  </div>`;
}

/** The form's values split into the record to create and the files to send after it. */
export function splitFiles(
  entity: EntityMetadata | undefined,
  values: RecordData,
): { record: RecordData; files: Record<string, ChosenFile> } {
  const record: RecordData = {};
  const files: Record<string, ChosenFile> = {};
  const fileFields = new Set(entity?.fields.filter((field) => field.type === 'file').map((field) => field.name));
  for (const [name, value] of Object.entries(values)) {
    if (!fileFields.has(name)) record[name] = value;
    else if (value instanceof File) files[name] = value;
  }
  return { record, files };
}

/** What the browser can tell before sending: a required file missing, too large, or plainly of another type. */
export function fileProblems(entity: EntityMetadata | undefined, values: RecordData, visible: ReadonlySet<string>) {
  const problems: FieldProblem[] = [];
  for (const field of entity?.fields ?? []) {
    if (field.type !== 'file' || !visible.has(field.name)) continue;
    const value = values[field.name];
    const { maxSize, accept } = fileLimits(field);
    if (!(value instanceof File)) {
      if (field.required) problems.push({ kind: 'schema', field: field.name, keyword: 'required' });
    } else if (value.size > maxSize) {
      problems.push({ kind: 'schema', field: field.name, keyword: 'fileTooLarge', limit: formatSize(maxSize, 'ja') });
    } else if (value.type !== '' && !accept.includes(value.type)) {
      problems.push({ kind: 'schema', field: field.name, keyword: 'fileType' });
    }
  }
  return problems;
}
