import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { withTranslation } from '../shared/i18n-text-controls.ts';
import { withProperty } from '../shared/immutable.ts';
import { routeHasId } from './page-edits.ts';
import { localizedString, type PageMessageKey, pageText } from './page-messages.ts';
import type { I18nText, MetadataItem, PageComponent } from './page-types.ts';
import type { PluginPart } from './plugin-parts.ts';

/** Pointers inside a block that its fields show; anything else is listed with the whole block. */
export const BLOCK_FIELD_POINTERS = ['/type', '/content', '/form', '/view', '/entity', '/tag', '/props'];

export interface BlockFields {
  block: PageComponent;
  /** Id prefix of the block's controls, e.g. `block-2`. */
  id: string;
  /** Pointer of the block, e.g. `/layout/2`. */
  pointer: string;
  route: string;
  forms: readonly MetadataItem[];
  views: readonly MetadataItem[];
  entities: readonly MetadataItem[];
  /** Elements plugins contribute, offered for component blocks. */
  parts: readonly PluginPart[];
  /** Whether the props text last typed was not a JSON object (it is then not in the item). */
  propsInvalid: boolean;
  errors: readonly EditorError[];
  language: EditorLanguage;
  onBlock: (block: PageComponent) => void;
  onPropsInvalid: (invalid: boolean) => void;
}

/** The controls of one block, by its type. */
export function renderBlockFields(fields: BlockFields): TemplateResult {
  const { block } = fields;
  switch (block.type) {
    case 'markdown':
      return renderMarkdown(fields, block.content);
    case 'form':
      return renderPicker(fields, 'editor.page.form', 'form', block.form, fields.forms);
    case 'list':
      return renderPicker(fields, 'editor.page.list', 'view', block.view, fields.views);
    case 'detail':
      return renderPicker(fields, 'editor.page.detail', 'entity', block.entity, fields.entities);
    case 'component':
      return renderComponent(fields, block);
  }
}

function renderMarkdown(fields: BlockFields, content: I18nText): TemplateResult {
  const { id, pointer, errors, language } = fields;
  return html`${(['ja', 'en'] as const).map((key) => {
    const controlId = `${id}-content-${key}`;
    const shown = [
      ...(key === 'ja' ? errorsAt(errors, `${pointer}/content`) : []),
      ...errorsAt(errors, `${pointer}/content/${key}`),
    ];
    // Japanese is required by the language, so an emptied Japanese text stays as "" for the engine to report.
    const onInput = (event: Event) => {
      const value = (event.target as HTMLTextAreaElement).value;
      const next = key === 'ja' ? { ...content, ja: value } : (withTranslation(content, key, value) ?? content);
      fields.onBlock({ type: 'markdown', content: next as I18nText });
    };
    return html`<div class="control">
      <label for=${controlId}>${pageText(language, `editor.page.markdown.${key}`)}</label>
      <textarea id=${controlId} rows="5" .value=${live(content[key] ?? '')}
        aria-invalid=${ifDefined(shown.length > 0 ? 'true' : undefined)}
        aria-describedby=${ifDefined(shown.length > 0 ? `${controlId}-errors` : undefined)}
        @input=${onInput}></textarea>
      ${renderErrors(controlId, shown, language)}
    </div>`;
  })}`;
}

/** A select of the published items a block may show; a name not among them is kept and marked. */
function renderPicker(
  fields: BlockFields,
  labelKey: PageMessageKey,
  key: 'form' | 'view' | 'entity',
  value: string,
  choices: readonly MetadataItem[],
): TemplateResult {
  const { block, id, pointer, route, errors, language } = fields;
  const options = [
    { value: '', label: pageText(language, 'editor.page.choose') },
    ...choices.map((item) => ({ value: item.name, label: `${localizedString(item.label, language)}（${item.name}）` })),
  ];
  if (value !== '' && !choices.some((item) => item.name === value)) {
    options.push({ value, label: pageText(language, 'editor.page.unpublished', { name: value }) });
  }
  const needsId = block.type === 'detail' && !routeHasId(route);
  return renderSelectControl({
    id: `${id}-${key}`,
    label: pageText(language, labelKey),
    value,
    options,
    note: needsId ? pageText(language, 'editor.page.detail.needsId') : undefined,
    errors: errorsAt(errors, `${pointer}/${key}`),
    language,
    onValue: (name) => fields.onBlock({ ...block, [key]: name } as PageComponent),
  });
}

function renderComponent(fields: BlockFields, block: Extract<PageComponent, { type: 'component' }>): TemplateResult {
  const { id, pointer, errors, language } = fields;
  const propsId = `${id}-props`;
  const shown = errorsAt(errors, `${pointer}/props`);
  const invalidNote = fields.propsInvalid ? pageText(language, 'editor.page.component.propsInvalid') : '';
  const described = [invalidNote ? `${propsId}-note` : '', shown.length > 0 ? `${propsId}-errors` : ''].filter(Boolean);
  // Bound without live(): text that is not JSON yet stays in the box while the item keeps the last good props.
  const propsText = block.props ? JSON.stringify(block.props, null, 2) : '';
  const onChange = (event: Event) => {
    const props = parseProps((event.target as HTMLTextAreaElement).value);
    fields.onPropsInvalid(props === false);
    if (props !== false) fields.onBlock(withProperty(block, 'props', props));
  };
  return html`${renderPluginChoice(fields, block)}${renderTextControl({
    id: `${id}-tag`,
    label: pageText(language, 'editor.page.component.tag'),
    value: block.tag,
    errors: errorsAt(errors, `${pointer}/tag`),
    language,
    commitOn: 'change',
    onValue: (tag) => fields.onBlock({ ...block, tag }),
  })}
    <div class="control">
      <label for=${propsId}>${pageText(language, 'editor.page.component.props')}</label>
      <textarea id=${propsId} rows="4" class="code" .value=${propsText}
        aria-invalid=${ifDefined(invalidNote || shown.length > 0 ? 'true' : undefined)}
        aria-describedby=${ifDefined(described.join(' ') || undefined)}
        @change=${onChange}></textarea>
      ${invalidNote ? html`<p class="note" id="${propsId}-note">${invalidNote}</p>` : ''}
      ${renderErrors(propsId, shown, language)}
    </div>`;
}

/** The plugins' elements as a choice that fills in the tag; absent when no plugin contributes any. */
function renderPluginChoice(fields: BlockFields, block: Extract<PageComponent, { type: 'component' }>) {
  const { id, language, parts } = fields;
  if (parts.length === 0) return nothing;
  const options = parts.map((part) => ({
    value: part.tag,
    label: `${part.tag}（${part.plugin}・${pageText(language, `editor.page.component.kind.${part.kind}`)}）`,
  }));
  const known = parts.some((part) => part.tag === block.tag);
  return renderSelectControl({
    id: `${id}-plugin`,
    label: pageText(language, 'editor.page.component.plugin'),
    value: known ? block.tag : '',
    options: [{ value: '', label: pageText(language, 'editor.page.choose') }, ...options],
    errors: [],
    language,
    onValue: (tag) => {
      if (tag !== '') fields.onBlock({ ...block, tag });
    },
  });
}

/** The props of `text`: undefined when blank, false when it is not a JSON object. */
function parseProps(text: string): Record<string, unknown> | undefined | false {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : false;
  } catch {
    return false;
  }
}
