import { html, LitElement, nothing } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, unclaimedErrors } from '../errors.ts';
import { renderErrors } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { renderBlockCard } from './block-card.ts';
import { renderLayoutPreview } from './layout-preview.ts';
import { pageEditorStyles } from './page-editor-styles.ts';
import { addBlock, BLOCK_TYPES, type BlockType, moveBlock, newBlock, removeBlock, replaceBlock } from './page-edits.ts';
import { localizedString, pageText } from './page-messages.ts';
import { renderPageSettings, SETTINGS_POINTERS } from './page-settings.ts';
import type { EntityMetadata, MetadataItem, PageMetadata } from './page-types.ts';
import type { PluginPart } from './plugin-parts.ts';

/**
 * `<kiban-page-editor>` edits one page: its title, portal, route, roles and menu place, and
 * its layout as a list of blocks that are added by type, moved with buttons and removed.
 * Each edit emits `item-change` with a new item.
 */
export class KibanPageEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    items: { attribute: false },
    entities: { attribute: false },
    roles: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    pluginParts: { attribute: false },
    parts: { state: true },
    invalidProps: { state: true },
    announcement: { state: true },
  };

  static override styles = [editorStyles, pageEditorStyles];

  declare item: PageMetadata | undefined;
  /** Every published item: the forms and views a block may show. */
  declare items: MetadataItem[];
  declare entities: EntityMetadata[];
  /** Role names of the app. */
  declare roles: string[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  /** Loads the elements plugins contribute; without it, component tags are typed only. */
  declare pluginParts: (() => Promise<PluginPart[]>) | undefined;
  declare parts: PluginPart[];
  /** Indexes of component blocks whose props text is not a JSON object (and so not in the item). */
  declare invalidProps: ReadonlySet<number>;
  /** Read out after a block is added, moved or removed, which a screen reader would not notice. */
  declare announcement: string;

  private focusAfterUpdate: string | undefined;

  constructor() {
    super();
    this.items = [];
    this.entities = [];
    this.roles = [];
    this.errors = [];
    this.language = 'ja';
    this.invalidProps = new Set();
    this.announcement = '';
    this.parts = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A catalog that cannot be read leaves the tag to be typed, as without plugins.
    this.pluginParts?.().then(
      (parts) => {
        this.parts = parts;
      },
      () => {},
    );
  }

  protected override updated(): void {
    const id = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (id) this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  private change(item: PageMetadata): void {
    this.item = item;
    emitItemChange(this, item);
  }

  /** A change that shifts blocks: the props marks belong to indexes, so they no longer apply. */
  private changeLayout(item: PageMetadata, announcement: string, focus: string): void {
    this.invalidProps = new Set();
    this.announcement = announcement;
    this.focusAfterUpdate = focus;
    this.change(item);
  }

  private of(kind: string): MetadataItem[] {
    return this.items.filter((item) => item.kind === kind);
  }

  private add(page: PageMetadata, type: BlockType): void {
    const first = (list: readonly MetadataItem[]) => list[0]?.name;
    const block = newBlock(type, {
      form: first(this.of('form')),
      view: first(this.of('view')),
      entity: first(this.entities),
    });
    const index = page.layout.length;
    const typeName = pageText(this.language, `editor.page.type.${type}`);
    this.changeLayout(
      addBlock(page, block),
      pageText(this.language, 'editor.page.block.added', { position: index + 1, type: typeName }),
      `block-${index}-heading`,
    );
  }

  private move(page: PageMetadata, from: number, to: number, button: 'up' | 'down'): void {
    // Focus follows the block; at either end its pressed button is disabled, so the other one takes it.
    const atEnd = to === 0 || to === page.layout.length - 1;
    const focused = atEnd ? (button === 'up' ? 'down' : 'up') : button;
    this.changeLayout(
      moveBlock(page, from, to),
      pageText(this.language, 'editor.page.block.moved', { position: to + 1 }),
      `block-${to}-${focused}`,
    );
  }

  private removeBlockAt(page: PageMetadata, index: number): void {
    // The pressed button leaves with its block: focus goes to the block taking its place, or the add buttons.
    const remaining = page.layout.length - 1;
    const neighbour = Math.min(index, remaining - 1);
    this.changeLayout(
      removeBlock(page, index),
      pageText(this.language, 'editor.page.block.removed', { position: index + 1 }),
      neighbour >= 0 ? `block-${neighbour}-remove` : `add-${BLOCK_TYPES[0]}`,
    );
  }

  private markProps(index: number, invalid: boolean): void {
    const next = new Set(this.invalidProps);
    if (invalid) next.add(index);
    else next.delete(index);
    this.invalidProps = next;
  }

  override render() {
    const page = this.item;
    if (!page) return nothing;
    const { language, errors } = this;
    const other = unclaimedErrors(errors, '', [...SETTINGS_POINTERS, '/layout']);
    return html`<section aria-labelledby="page-heading">
      <h2 id="page-heading">${pageText(language, 'editor.page.heading')}: ${localizedString(page.label, language)}</h2>
      ${
        other.length > 0
          ? html`<div class="card">
              <h3>${pageText(language, 'editor.page.otherErrors')}</h3>
              ${renderErrors('page-other', other, language)}
            </div>`
          : nothing
      }
      ${renderPageSettings({ page, roles: this.roles, errors, language, onPage: (next) => this.change(next) })}
      ${this.renderLayout(page)}
      ${renderLayoutPreview({ page, items: [...this.items, ...this.entities], language })}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  private renderLayout(page: PageMetadata) {
    const { language, errors } = this;
    return html`<section aria-labelledby="layout-heading">
      <h3 id="layout-heading">${pageText(language, 'editor.page.layout')}</h3>
      ${renderErrors('layout', errorsAt(errors, '/layout'), language)}
      ${page.layout.length === 0 ? html`<p>${pageText(language, 'editor.page.layout.empty')}</p>` : nothing}
      <ol class="plain" aria-labelledby="layout-heading">
        ${page.layout.map((_, index) =>
          renderBlockCard({
            layout: page.layout,
            index,
            route: page.route,
            forms: this.of('form'),
            views: this.of('view'),
            entities: this.entities,
            parts: this.parts,
            propsInvalid: this.invalidProps.has(index),
            errors,
            language,
            onBlock: (block) => this.change(replaceBlock(page, index, block)),
            onPropsInvalid: (invalid) => this.markProps(index, invalid),
            onMove: (to, button) => this.move(page, index, to, button),
            onRemove: () => this.removeBlockAt(page, index),
          }),
        )}
      </ol>
      <div class="toolbar" role="group" aria-label=${pageText(language, 'editor.page.add')}>
        ${BLOCK_TYPES.map(
          (type) => html`<button type="button" id="add-${type}" @click=${() => this.add(page, type)}>
            ${pageText(language, `editor.page.add.${type}`)}
          </button>`,
        )}
      </div>
    </section>`;
  }
}
