import { css, html, LitElement, nothing } from 'lit';
import { type CalendarPreference, DEFAULT_LANGUAGE, formatDateTime, translate } from '../../i18n/index.ts';
import type { EntityMetadata, Language, RecordData } from '../../metadata/index.ts';
import { baseStyles, formatValue, furiganaPairs, localizedText, withFurigana } from '../shared/index.ts';
import type { HistoryEntry, KibanTransitionDetail, WorkflowView } from './workflow-types.ts';

/**
 * `<kiban-detail>` shows one record: each field with its label, names with their reading,
 * the workflow state with the transitions allowed now (as buttons that emit
 * `kiban-transition`) and the history. The slots `workflow` and `history` replace the
 * built-in renderings when a page has richer ones.
 */
export class KibanDetail extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
    workflow: { attribute: false },
    history: { attribute: false },
    referenceTitles: { attribute: false },
    language: { reflect: true },
    calendar: {},
  };

  static override styles = [
    baseStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: 0.5rem 1.5rem;
        margin: 0;
      }
      dt {
        font-weight: bold;
      }
      dd {
        margin: 0;
      }
      .transitions {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        padding: 0.5rem;
        border-bottom: 1px solid #767676;
        text-align: start;
      }
    `,
  ];

  declare entity: EntityMetadata | undefined;
  declare record: RecordData | undefined;
  declare workflow: WorkflowView | undefined;
  declare history: HistoryEntry[];
  /** Titles of referenced records by id, so references read as names rather than ids. */
  declare referenceTitles: Record<string, string>;
  declare language: Language;
  declare calendar: CalendarPreference;

  constructor() {
    super();
    this.history = [];
    this.referenceTitles = {};
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
  }

  override render() {
    if (!this.entity || !this.record) return nothing;
    return html`<article lang=${this.language} aria-labelledby="detail-title">
      <h2 id="detail-title">${this.heading()}</h2>
      <slot name="workflow">${this.renderWorkflow()}</slot>
      <h3>${translate(this.language, 'detail.fields')}</h3>
      ${this.renderFields(this.entity, this.record)}
      <slot name="history">${this.renderHistory()}</slot>
    </article>`;
  }

  private heading() {
    const entity = this.entity as EntityMetadata;
    const titleValue = entity.titleField ? this.record?.[entity.titleField] : undefined;
    return typeof titleValue === 'string' && titleValue !== ''
      ? titleValue
      : localizedText(entity.label, this.language);
  }

  private renderFields(entity: EntityMetadata, record: RecordData) {
    const pairs = furiganaPairs(entity);
    const readings = new Set(pairs.values());
    const fields = entity.fields.filter(
      (field) => field.type !== 'collection' && !readings.has(field.name) && field.name in record,
    );
    return html`<dl>
      ${fields.map((field) => {
        const value = formatValue(field, record[field.name], this);
        const kanaField = pairs.get(field.name);
        const shown = kanaField && typeof value === 'string' ? withFurigana(value, record[kanaField]) : value;
        if (field.type === 'file' && record[field.name] && record.id) {
          // The download passes the record's own policies; the link's text names the file.
          const href = `/api/data/${encodeURIComponent(entity.name)}/${encodeURIComponent(String(record.id))}/files/${encodeURIComponent(field.name)}`;
          return html`<dt>${localizedText(field.label, this.language)}</dt>
            <dd><a href=${href} download>${shown}</a></dd>`;
        }
        return html`<dt>${localizedText(field.label, this.language)}</dt>
          <dd>${shown}</dd>`;
      })}
    </dl>`;
  }

  private renderWorkflow() {
    if (!this.workflow) return nothing;
    const { stateLabel, transitions } = this.workflow;
    return html`<section aria-labelledby="workflow-title">
      <h3 id="workflow-title">${translate(this.language, 'detail.workflow')}</h3>
      <p>${translate(this.language, 'detail.state')}: <strong>${stateLabel}</strong></p>
      ${
        transitions.length > 0
          ? html`<div class="transitions" role="group" aria-label=${translate(this.language, 'detail.actions')}>
            ${transitions.map(
              (transition) =>
                html`<button type="button" class="primary" @click=${() => this.emitTransition(transition.name)}>
                  ${transition.label}
                </button>`,
            )}
          </div>`
          : nothing
      }
    </section>`;
  }

  private emitTransition(name: string): void {
    this.dispatchEvent(
      new CustomEvent<KibanTransitionDetail>('kiban-transition', { detail: { name }, bubbles: true, composed: true }),
    );
  }

  private renderHistory() {
    if (this.history.length === 0) return nothing;
    const say = (key: Parameters<typeof translate>[1]) => translate(this.language, key);
    return html`<section aria-labelledby="history-title">
      <h3 id="history-title">${say('detail.history')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">${say('detail.at')}</th>
            <th scope="col">${say('detail.actor')}</th>
            <th scope="col">${say('detail.from')}</th>
            <th scope="col">${say('detail.to')}</th>
            <th scope="col">${say('detail.comment')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.history.map(
            (entry) =>
              html`<tr>
                <td><time datetime=${entry.at}>${formatDateTime(entry.at, this.language, this.calendar)}</time></td>
                <td>${entry.actor}</td>
                <td>${entry.from ?? ''}</td>
                <td>${entry.to ?? ''}</td>
                <td>${entry.comment ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
