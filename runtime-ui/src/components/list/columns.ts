import type { TemplateResult } from 'lit';
import { translate } from '../../i18n/index.ts';
import {
  type EntityMetadata,
  type FieldDefinition,
  type FilterOperator,
  type Language,
  SYSTEM_FIELDS,
  type ViewMetadata,
} from '../../metadata/index.ts';
import { localizedText } from '../shared/index.ts';

/** A column of a view with what it needs to format its cells and name its header. */
export interface ColumnView {
  name: string;
  field: Pick<FieldDefinition, 'type' | 'values'>;
  label(language: Language): TemplateResult | string;
}

/** Columns name entity fields or the system columns every record has (`createdAt`, …). */
export function columnViews(view: ViewMetadata, entity: EntityMetadata): ColumnView[] {
  return view.columns.map((column) => {
    const field = entity.fields.find((candidate) => candidate.name === column.field);
    const system = SYSTEM_FIELDS[column.field];
    const label = column.label ?? field?.label;
    return {
      name: column.field,
      field: field ?? { type: system?.type ?? 'string' },
      label: (language: Language) =>
        label ? localizedText(label, language) : system ? translate(language, system.label) : column.field,
    };
  });
}

/** Text is searched by part; codes, numbers, dates and references are matched exactly. */
export function filterOperator(field: FieldDefinition): FilterOperator {
  switch (field.type) {
    case 'string':
    case 'text':
    case 'kana':
    case 'email':
    case 'phone':
      return 'contains';
    default:
      return 'eq';
  }
}
