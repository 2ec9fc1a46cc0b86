import { html, type TemplateResult } from 'lit';
import type { EditorLanguage } from '../errors.ts';
import { localizedString, pageText } from './page-messages.ts';
import type { MetadataItem, PageComponent, PageMetadata } from './page-types.ts';

/** The longest part of a text block the preview quotes. */
const QUOTE_LENGTH = 60;

export interface LayoutPreview {
  page: PageMetadata;
  /** Published forms, views and entities, to show their labels rather than bare names. */
  items: readonly MetadataItem[];
  language: EditorLanguage;
}

/**
 * The page's structure at a glance: its title, and per block a heading and what it shows.
 * The form builder has the full form preview; this only tells the blocks apart.
 */
export function renderLayoutPreview({ page, items, language }: LayoutPreview): TemplateResult {
  return html`<section class="preview" aria-labelledby="page-preview-heading">
    <h3 id="page-preview-heading">${pageText(language, 'editor.page.preview')}</h3>
    <p class="preview-title">${localizedString(page.label, language)}</p>
    <ol class="preview-blocks">
      ${page.layout.map(
        (block, index) => html`<li>
          <h4>
            ${pageText(language, 'editor.page.block', {
              position: index + 1,
              type: pageText(language, `editor.page.type.${block.type}`),
            })}
          </h4>
          <p>${describeBlock(block, items, language)}</p>
        </li>`,
      )}
    </ol>
  </section>`;
}

function describeBlock(block: PageComponent, items: readonly MetadataItem[], language: EditorLanguage): string {
  const unset = pageText(language, 'editor.page.preview.unset');
  const named = (kind: string, name: string) => {
    if (name === '') return unset;
    const item = items.find((each) => each.kind === kind && each.name === name);
    return item ? localizedString(item.label, language) : name;
  };
  switch (block.type) {
    case 'markdown': {
      const text = localizedString(block.content, language).replace(/\s+/g, ' ').trim();
      const quote = text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
      return pageText(language, 'editor.page.preview.markdown', { text: quote || unset });
    }
    case 'form':
      return pageText(language, 'editor.page.preview.form', { name: named('form', block.form) });
    case 'list':
      return pageText(language, 'editor.page.preview.list', { name: named('view', block.view) });
    case 'detail':
      return pageText(language, 'editor.page.preview.detail', { name: named('entity', block.entity) });
    case 'component':
      return pageText(language, 'editor.page.preview.component', { name: block.tag || unset });
  }
}
