import { html, type TemplateResult } from 'lit';
import { type EditorError, type EditorLanguage, pointerOf, unclaimedErrors } from '../errors.ts';
import { renderErrors } from '../shared/controls.ts';
import { BLOCK_FIELD_POINTERS, type BlockFields, renderBlockFields } from './block-fields.ts';
import { pageText } from './page-messages.ts';
import type { PageComponent } from './page-types.ts';

export interface BlockCard extends Omit<BlockFields, 'id' | 'pointer' | 'block'> {
  layout: readonly PageComponent[];
  index: number;
  errors: readonly EditorError[];
  language: EditorLanguage;
  /** Moves the block to `to`; the editor then puts focus back on the pressed button. */
  onMove: (to: number, button: 'up' | 'down') => void;
  onRemove: () => void;
}

/** One block of the layout: its heading, move and remove buttons, and its type's controls. */
export function renderBlockCard(card: BlockCard): TemplateResult {
  const { layout, index, errors, language } = card;
  const block = layout[index];
  const id = `block-${index}`;
  const pointer = pointerOf('layout', index);
  const position = index + 1;
  const others = unclaimedErrors(errors, pointer, BLOCK_FIELD_POINTERS);
  return html`<li class="card block" aria-labelledby="${id}-heading">
    <h4 id="${id}-heading" tabindex="-1">
      ${pageText(language, 'editor.page.block', { position, type: pageText(language, `editor.page.type.${block.type}`) })}
    </h4>
    <div class="toolbar">
      <button type="button" id="${id}-up" ?disabled=${index === 0} @click=${() => card.onMove(index - 1, 'up')}>
        ${pageText(language, 'editor.page.block.moveUp', { position })}
      </button>
      <button type="button" id="${id}-down" ?disabled=${index === layout.length - 1}
        @click=${() => card.onMove(index + 1, 'down')}>
        ${pageText(language, 'editor.page.block.moveDown', { position })}
      </button>
      <button type="button" id="${id}-remove" class="danger" @click=${card.onRemove}>
        ${pageText(language, 'editor.page.block.remove', { position })}
      </button>
    </div>
    ${renderErrors(id, others, language)} ${renderBlockFields({ ...card, block, id, pointer })}
  </li>`;
}
