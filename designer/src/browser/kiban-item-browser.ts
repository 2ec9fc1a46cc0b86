import { DEFAULT_LANGUAGE, type I18nText, type Language, localize } from '@kiban/runtime-ui';
import { html, LitElement, nothing } from 'lit';
import { designerStyles } from '../app/designer-styles.ts';
import { say } from '../i18n/index.ts';
import { validName } from '../model/templates.ts';
import { type DraftRecord, type ItemKey, KINDS, type Kind, type MetadataItem, sameKey } from '../model/types.ts';

interface Row {
  key: ItemKey;
  label: string;
  published: boolean;
  draft: DraftRecord | undefined;
}

export const itemHref = (key: ItemKey) =>
  `/designer/items/${encodeURIComponent(key.kind)}/${encodeURIComponent(key.name)}`;

/**
 * `<kiban-item-browser>`: every published item and every draft, grouped by kind, each a link
 * to its editor; and a form that creates a new item of a kind from a template (emits
 * `create-item` with `{ kind, name }`).
 */
export class KibanItemBrowser extends LitElement {
  static override properties = {
    published: { attribute: false },
    drafts: { attribute: false },
    language: {},
    nameError: { state: true },
  };

  static override styles = designerStyles;

  declare published: MetadataItem[];
  declare drafts: DraftRecord[];
  declare language: Language;
  declare nameError: string;

  constructor() {
    super();
    this.published = [];
    this.drafts = [];
    this.language = DEFAULT_LANGUAGE;
    this.nameError = '';
  }

  private rows(kind: Kind): Row[] {
    const keys = [...this.published, ...this.drafts.map((draft) => draft.item)]
      .filter((item) => item.kind === kind)
      .map((item) => ({ kind: item.kind, name: item.name }))
      .filter((key, index, all) => all.findIndex((other) => sameKey(other, key)) === index)
      .sort((a, b) => a.name.localeCompare(b.name));
    return keys.map((key) => {
      const published = this.published.find((item) => sameKey(item, key));
      const draft = this.drafts.find((each) => sameKey(each.item, key));
      const source = (draft?.item ?? published) as { label?: I18nText } | undefined;
      const label = typeof source?.label?.ja === 'string' ? localize(source.label, this.language).text : '';
      return { key, label, published: published !== undefined, draft };
    });
  }

  private create(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const kind = String(data.get('kind')) as Kind;
    const name = String(data.get('name') ?? '').trim();
    const taken = [...this.published, ...this.drafts.map((draft) => draft.item)].some((item) =>
      sameKey(item, { kind, name }),
    );
    this.nameError = !validName(kind, name)
      ? say(this.language, 'browser.nameInvalid')
      : taken
        ? say(this.language, 'browser.nameTaken')
        : '';
    if (this.nameError) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#new-name')?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('create-item', { detail: { kind, name }, bubbles: true, composed: true }));
  }

  private renderKind(kind: Kind) {
    const language = this.language;
    const rows = this.rows(kind);
    return html`<section aria-labelledby=${`kind-${kind}`} class="kind" data-kind=${kind}>
      <h2 id=${`kind-${kind}`}>${say(language, `kind.${kind}`)} <span class="count">(${say(language, 'browser.count', { count: rows.length })})</span></h2>
      ${
        rows.length === 0
          ? html`<p class="empty">${say(language, 'browser.empty')}</p>`
          : html`<table aria-labelledby=${`kind-${kind}`}>
            <thead>
              <tr>
                <th scope="col">${say(language, 'browser.name')}</th>
                <th scope="col">${say(language, 'browser.status')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) => html`<tr>
                  <td><a href=${itemHref(row.key)}><code>${row.key.name}</code></a> ${row.label}</td>
                  <td>
                    ${row.published ? html`<span class="badge">${say(language, 'browser.published')}</span>` : nothing}
                    ${row.draft ? html`<span class="badge draft">${say(language, 'browser.draftOf', { revision: row.draft.revision })}</span>` : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
    </section>`;
  }

  override render() {
    const language = this.language;
    return html`<div lang=${language}>
      <h1>${say(language, 'browser.title')}</h1>
      <section class="panel" aria-labelledby="new-title">
        <h2 id="new-title">${say(language, 'browser.newTitle')}</h2>
        <form @submit=${this.create} novalidate>
          <div class="field">
            <label for="new-kind">${say(language, 'browser.newKind')}</label>
            <select id="new-kind" name="kind">
              ${KINDS.map((kind) => html`<option value=${kind}>${say(language, `kind.${kind}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="new-name">${say(language, 'browser.newName')}</label>
            <input
              id="new-name"
              name="name"
              required
              autocomplete="off"
              aria-invalid=${this.nameError ? 'true' : 'false'}
              aria-describedby=${this.nameError ? 'new-name-error' : nothing}
            />
            ${this.nameError ? html`<p id="new-name-error" class="error">${this.nameError}</p>` : nothing}
          </div>
          <button type="submit" class="primary">${say(language, 'browser.create')}</button>
        </form>
      </section>
      ${KINDS.map((kind) => this.renderKind(kind))}
    </div>`;
  }
}
