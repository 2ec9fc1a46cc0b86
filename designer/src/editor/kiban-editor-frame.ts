import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { type DesignerApi, DesignerApiError } from '../api/designer-api.ts';
import { designerStyles } from '../app/designer-styles.ts';
import { problemLines } from '../app/problem-lines.ts';
import { say, serverText } from '../i18n/index.ts';
import type { ItemError, MetadataItem } from '../model/types.ts';
import type { PublishRefusal } from '../publish/kiban-publish-panel.ts';
import { type EditorTab, renderTabs } from './editor-tabs.ts';
import { draftErrors, publishErrors } from './item-errors.ts';
import { renderVisualEditor } from './visual-editor.ts';

type Panel = 'none' | 'publish' | 'history';

/**
 * `<kiban-editor-frame>`: one item open for editing. One item state shared by the Visual tab
 * (the kind's editor from `src/editors/`) and the JSON tab (monaco, loaded when first opened):
 * an `item-change` from either replaces it and the other follows. Saves drafts over their
 * revision (a 412 keeps the local edit and offers a reload), shows validation errors on
 * their fields, and opens the publish and history panels. Emits `draft-saved` and `published`.
 */
export class KibanEditorFrame extends LitElement {
  static override properties = {
    api: { attribute: false },
    item: { attribute: false },
    items: { attribute: false },
    published: { attribute: false },
    revision: { type: Number },
    language: {},
    tab: { state: true },
    jsonOpened: { state: true },
    errors: { state: true },
    panel: { state: true },
    dirty: { state: true },
    busy: { state: true },
    conflict: { state: true },
    message: { state: true },
    problem: { state: true },
  };

  static override styles = [
    designerStyles,
    css`
      .tabs {
        display: flex;
        gap: 0.25rem;
        border-bottom: 2px solid var(--kiban-accent);
        margin-top: 1rem;
      }
      [role='tab'] {
        border-radius: 0.5rem 0.5rem 0 0;
      }
      [role='tab'][aria-selected='true'] {
        background: var(--kiban-accent);
        color: #ffffff;
      }
      [role='tabpanel'] {
        padding: 1rem 0;
      }
    `,
  ];

  declare api: DesignerApi;
  declare item: MetadataItem;
  /** Every published item, for the visual editors (entities, roles, rules). */
  declare items: MetadataItem[];
  /** The item as published, if it is; the entity editor tells renames and removals by it. */
  declare published: MetadataItem | undefined;
  /** The draft's revision; 0 while the item has no draft. */
  declare revision: number;
  declare language: Language;
  declare tab: EditorTab;
  declare jsonOpened: boolean;
  declare errors: ItemError[];
  declare panel: Panel;
  declare dirty: boolean;
  declare busy: boolean;
  declare conflict: boolean;
  declare message: string;
  declare problem: string[];

  constructor() {
    super();
    this.items = [];
    this.revision = 0;
    this.language = DEFAULT_LANGUAGE;
    this.tab = 'visual';
    this.jsonOpened = false;
    this.errors = [];
    this.panel = 'none';
    this.dirty = false;
    this.busy = false;
    this.conflict = false;
    this.message = '';
    this.problem = [];
  }

  /** Leaving the page with unsaved changes asks first (the browser's own prompt). */
  private readonly guard = (event: BeforeUnloadEvent) => {
    if (this.dirty) event.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.guard);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.guard);
  }

  private get key() {
    return { kind: this.item.kind, name: this.item.name };
  }

  private onItemChange(event: CustomEvent<{ item: MetadataItem }>): void {
    event.stopPropagation();
    this.item = event.detail.item;
    this.dirty = true;
    this.message = '';
  }

  private chooseTab(tab: EditorTab): void {
    this.tab = tab;
    if (tab === 'json') this.jsonOpened = true;
  }

  async saveDraft(): Promise<void> {
    this.busy = true;
    this.problem = [];
    this.message = '';
    try {
      const saved = await this.api.saveDraft(this.item, this.revision);
      this.revision = saved.revision;
      this.errors = draftErrors(saved, this.key);
      this.dirty = false;
      this.conflict = false;
      this.message = say(this.language, 'editor.saved', { revision: saved.revision });
      // The item as written here: the server's copy has the same content, but its keys come back in
      // the database's order, and the JSON view would jump under the cursor.
      const detail = { ...saved, item: this.item };
      this.dispatchEvent(new CustomEvent('draft-saved', { detail, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof DesignerApiError && error.status === 412) this.conflict = true;
      else this.problem = problemLines(error, this.language, 'editor.saveFailed');
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.conflict, .problem')?.focus();
  }

  /** After a conflict: the draft as the other person saved it, replacing the local edit. */
  private async reload(): Promise<void> {
    try {
      const draft = await this.api.draft(this.key);
      this.item = draft.item;
      this.revision = draft.revision;
      this.conflict = false;
      this.dirty = false;
      this.errors = [];
    } catch (error) {
      this.problem = problemLines(error, this.language, 'app.loadFailed');
    }
  }

  private togglePanel(panel: Panel): void {
    this.panel = this.panel === panel ? 'none' : panel;
  }

  private onPublishRefused(event: CustomEvent<PublishRefusal>): void {
    this.errors = publishErrors(event.detail.errors, this.key);
  }

  private onPublished(): void {
    this.errors = [];
    this.dirty = false;
    this.revision = 0;
  }

  /** An old version was published again: it is the item now, with no draft over it. */
  private onRestored(event: CustomEvent<{ item: MetadataItem }>): void {
    this.item = event.detail.item;
    this.onPublished();
  }

  private renderStatus(): TemplateResult {
    const language = this.language;
    const status =
      this.revision > 0
        ? say(language, 'editor.draftStatus', { revision: this.revision })
        : say(language, this.published ? 'editor.publishedStatus' : 'editor.newStatus');
    return html`<p>
        <span class="badge">${say(language, `kind.${this.item.kind}`)}</span> ${status}
        ${this.dirty ? html` — <strong>${say(language, 'editor.unsaved')}</strong>` : nothing}
      </p>
      <p role="status" class="saved">${this.busy ? say(language, 'editor.saving') : this.message}</p>
      ${
        this.conflict
          ? html`<div class="notice alert conflict" role="alert" tabindex="-1">
            <p>${say(language, 'editor.conflict')}</p>
            <button type="button" @click=${this.reload}>${say(language, 'editor.reload')}</button>
          </div>`
          : nothing
      }
      ${
        this.problem.length > 0
          ? html`<div class="notice alert problem" role="alert" tabindex="-1">${this.problem.map((line) => html`<p>${line}</p>`)}</div>`
          : nothing
      }
      ${
        this.errors.length > 0
          ? html`<div class="notice alert errors" aria-labelledby="errors-title">
            <h2 id="errors-title">${say(language, 'editor.errors', { count: this.errors.length })}</h2>
            <ul>
              ${this.errors.map((error) => html`<li><code>${error.pointer || '/'}</code>: ${serverText(error.message, language)}</li>`)}
            </ul>
          </div>`
          : nothing
      }`;
  }

  override render() {
    const language = this.language;
    return html`<div lang=${language} @item-change=${this.onItemChange}>
      <h1>${this.item.name}</h1>
      ${this.renderStatus()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.saveDraft}>${say(language, 'editor.saveDraft')}</button>
        <button type="button" aria-expanded=${this.panel === 'publish'} @click=${() => this.togglePanel('publish')}>${say(language, 'editor.publish')}</button>
        <button type="button" aria-expanded=${this.panel === 'history'} @click=${() => this.togglePanel('history')}>${say(language, 'editor.history')}</button>
      </div>
      ${
        this.panel === 'publish'
          ? html`<kiban-publish-panel
            .api=${this.api}
            .items=${[this.item]}
            language=${language}
            @publish-refused=${this.onPublishRefused}
            @published=${this.onPublished}
          ></kiban-publish-panel>`
          : nothing
      }
      ${
        this.panel === 'history'
          ? html`<kiban-history-panel
            .api=${this.api}
            .itemKey=${this.key}
            .current=${this.item}
            language=${language}
            @restored=${this.onRestored}
          ></kiban-history-panel>`
          : nothing
      }
      ${renderTabs({
        selected: this.tab,
        label: say(language, 'editor.tabs'),
        text: (tab) => say(language, tab === 'visual' ? 'editor.visual' : 'editor.json'),
        choose: (tab) => this.chooseTab(tab),
      })}
      <div role="tabpanel" id="panel-visual" aria-labelledby="tab-visual" ?hidden=${this.tab !== 'visual'}>
        ${renderVisualEditor({
          item: this.item,
          items: this.items,
          published: this.published,
          errors: this.errors,
          language,
          preview: (rule) => this.api.previewRule(rule),
          previewReport: (report) => this.api.previewReport(report),
          pluginParts: () => this.api.pluginParts(),
          runningActions: () => this.api.runningActions(),
        })}
      </div>
      <div role="tabpanel" id="panel-json" aria-labelledby="tab-json" ?hidden=${this.tab !== 'json'}>
        ${
          this.jsonOpened
            ? html`<kiban-json-editor .value=${this.item} .errors=${this.errors} language=${language}></kiban-json-editor>`
            : nothing
        }
      </div>
    </div>`;
  }
}
