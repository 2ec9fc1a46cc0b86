import { html, type TemplateResult } from 'lit';
import { translate } from '../../i18n/index.ts';
import type { FieldDefinition, Language } from '../../metadata/index.ts';
import { localizedString, localizedText } from '../shared/index.ts';

const INPUT_TYPES: Partial<Record<FieldDefinition['type'], string>> = {
  integer: 'number',
  decimal: 'number',
  date: 'date',
};

/** One filter control: a choice for codes and yes/no, a native input for everything else. */
export function renderFilter(
  field: FieldDefinition,
  text: string,
  language: Language,
  onText: (text: string) => void,
): TemplateResult {
  const id = `filter-${field.name}`;
  const changed = (event: Event) => onText((event.target as HTMLInputElement).value);
  const label = html`<label for=${id}>${localizedText(field.label, language)}</label>`;
  if (field.type === 'enum' || field.type === 'boolean') {
    const options =
      field.type === 'enum'
        ? (field.values ?? []).map((option) => ({
            value: option.value,
            label: localizedString(option.label, language),
          }))
        : [
            { value: 'true', label: translate(language, 'value.true') },
            { value: 'false', label: translate(language, 'value.false') },
          ];
    return html`<div class="filter">
      ${label}
      <select id=${id} @change=${changed}>
        <option value="" ?selected=${text === ''}>${translate(language, 'list.any')}</option>
        ${options.map((option) => html`<option value=${option.value} ?selected=${text === option.value}>${option.label}</option>`)}
      </select>
    </div>`;
  }
  return html`<div class="filter">
    ${label}
    <input id=${id} type=${INPUT_TYPES[field.type] ?? 'text'} .value=${text} @input=${changed} />
  </div>`;
}
