import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { html, LitElement, nothing } from 'lit';
import type { DesignerApi } from '../api/designer-api.ts';
import { designerStyles } from '../app/designer-styles.ts';
import { problemLines } from '../app/problem-lines.ts';
import { say } from '../i18n/index.ts';
import { jsonDiff } from '../model/json-diff.ts';
import type { ItemKey, MetadataItem, VersionRecord } from '../model/types.ts';
import { renderDiffTable } from './diff-table.ts';

/**
 * `<kiban-history-panel>`: the published versions of one item, the differences between any
 * two of them, and restoring an old one (published again through `<kiban-publish-panel>`,
 * dry run and confirmation included); emits `restored` (`{ item }`) once it is live.
 */
export class KibanHistoryPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    itemKey: { attribute: false },
    current: { attribute: false },
    language: {},
    versions: { state: true },
    from: { state: true },
    to: { state: true },
    restoring: { state: true },
    problem: { state: true },
  };

  static override styles = designerStyles;

  declare api: DesignerApi;
  declare itemKey: ItemKey;
  /** The item as it is being edited; compared as version 0 ("being edited"). */
  declare current: MetadataItem | undefined;
  declare language: Language;
  declare versions: VersionRecord[] | undefined;
  declare from: number;
  declare to: number;
  declare restoring: VersionRecord | undefined;
  declare problem: string[];

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.from = 0;
    this.to = 0;
    this.problem = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.versions = await this.api.versions(this.itemKey);
      // What the edit changes against the live version, when there is an edit to compare.
      this.from = this.versions[0]?.version ?? 0;
      this.to = this.current ? 0 : (this.versions[1]?.version ?? this.from);
    } catch (error) {
      this.problem = problemLines(error, this.language, 'app.loadFailed');
    }
  }

  private body(version: number): unknown {
    if (version === 0) return this.current ?? null;
    return this.versions?.find((each) => each.version === version)?.body ?? null;
  }

  private async restore(version: VersionRecord): Promise<void> {
    this.restoring = version;
    await this.updateComplete;
    this.renderRoot.querySelector('kiban-publish-panel')?.scrollIntoView?.();
  }

  /** The old body is live again: the editor shows it (`restored`, `{ item }`). */
  private restored(): void {
    const item = this.restoring?.body;
    this.restoring = undefined;
    void this.load();
    if (item) this.dispatchEvent(new CustomEvent('restored', { detail: { item }, bubbles: true, composed: true }));
  }

  private versionSelect(id: string, labelKey: 'history.from' | 'history.to', value: number, set: (v: number) => void) {
    return html`<div class="field">
      <label for=${id}>${say(this.language, labelKey)}</label>
      <select id=${id} @change=${(event: Event) => set(Number((event.target as HTMLSelectElement).value))}>
        ${this.current ? html`<option value="0" ?selected=${value === 0}>${say(this.language, 'history.current')}</option>` : nothing}
        ${(this.versions ?? []).map(
          (each) => html`<option value=${each.version} ?selected=${each.version === value}>${each.version}</option>`,
        )}
      </select>
    </div>`;
  }

  private renderVersions(versions: VersionRecord[]) {
    const language = this.language;
    return html`<table>
        <thead>
          <tr>
            <th scope="col">${say(language, 'history.version')}</th>
            <th scope="col">${say(language, 'history.publishedAt')}</th>
            <th scope="col">${say(language, 'history.publishedBy')}</th>
            <th scope="col"><span class="visually-hidden">${say(language, 'history.restore')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${versions.map(
            (each, index) => html`<tr>
              <td>${each.version}${each.body === null ? html` <span class="badge">${say(language, 'history.removed')}</span>` : nothing}</td>
              <td>${new Date(each.publishedAt).toLocaleString(language === 'en' ? 'en' : 'ja', { timeZone: 'Asia/Tokyo' })}</td>
              <td>${each.publishedBy ?? '—'}</td>
              <td>
                ${
                  index > 0 && each.body !== null
                    ? html`<button
                      type="button"
                      aria-label=${`${say(language, 'history.restore')} (${say(language, 'history.version')} ${each.version})`}
                      @click=${() => this.restore(each)}
                    >
                      ${say(language, 'history.restore')}
                    </button>`
                    : nothing
                }
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      <h3>${say(language, 'history.compare')}</h3>
      <div class="actions">
        ${this.versionSelect('diff-from', 'history.from', this.from, (v) => {
          this.from = v;
        })}
        ${this.versionSelect('diff-to', 'history.to', this.to, (v) => {
          this.to = v;
        })}
      </div>
      <div class="diff">${renderDiffTable(jsonDiff(this.body(this.from), this.body(this.to)), language)}</div>`;
  }

  override render() {
    const language = this.language;
    const versions = this.versions;
    return html`<section class="panel" aria-labelledby="history-title" lang=${language}>
      <h2 id="history-title">${say(language, 'history.title')}</h2>
      ${this.problem.length > 0 ? html`<p class="notice alert" role="alert">${this.problem.join(' ')}</p>` : nothing}
      ${versions === undefined && this.problem.length === 0 ? html`<p role="status">${say(language, 'app.loading')}</p>` : nothing}
      ${versions?.length === 0 ? html`<p>${say(language, 'history.empty')}</p>` : nothing}
      ${versions && versions.length > 0 ? this.renderVersions(versions) : nothing}
      ${
        this.restoring?.body
          ? html`<kiban-publish-panel
            .api=${this.api}
            .items=${[this.restoring.body]}
            heading=${say(language, 'publish.restoreTitle', { version: this.restoring.version })}
            language=${language}
            @published=${() => this.restored()}
          ></kiban-publish-panel>`
          : nothing
      }
    </section>`;
  }
}
