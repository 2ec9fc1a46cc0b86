import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { html, LitElement, nothing } from 'lit';
import { type DesignerApi, DesignerApiError } from '../api/designer-api.ts';
import { designerStyles } from '../app/designer-styles.ts';
import { problemLines } from '../app/problem-lines.ts';
import { say } from '../i18n/index.ts';
import type { MetadataItem, PublishOutcome } from '../model/types.ts';
import { renderPlanTable } from './plan-table.ts';

export interface PublishRefusal {
  errors: { pointer: string; code?: string; message: string }[];
}

/**
 * `<kiban-publish-panel>`: publishes `items` the careful way — a dry run first shows the
 * migration plan; destructive steps need the confirmation box ticked; then the real publish
 * with `confirmDestructive`. Emits `published` (the outcome) and `publish-refused` (the
 * 422's located errors, pointers into the whole app).
 */
export class KibanPublishPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    items: { attribute: false },
    heading: {},
    language: {},
    plan: { state: true },
    confirmed: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
  };

  static override styles = designerStyles;

  declare api: DesignerApi;
  declare items: MetadataItem[];
  declare heading: string;
  declare language: Language;
  declare plan: PublishOutcome | undefined;
  declare confirmed: boolean;
  declare busy: boolean;
  declare message: string;
  declare problem: string[];

  constructor() {
    super();
    this.items = [];
    this.heading = '';
    this.language = DEFAULT_LANGUAGE;
    this.confirmed = false;
    this.busy = false;
    this.message = '';
    this.problem = [];
  }

  override firstUpdated(): void {
    void this.dryRun();
  }

  /** Validates and plans; nothing is written. */
  async dryRun(): Promise<void> {
    await this.run(async () => {
      this.plan = await this.api.publish(this.items, { dryRun: true });
      this.confirmed = false;
    });
  }

  private async publish(): Promise<void> {
    await this.run(async () => {
      const outcome = await this.api.publish(this.items, {
        dryRun: false,
        confirmDestructive: this.plan?.plan.destructive === true && this.confirmed,
      });
      this.plan = undefined;
      this.message = say(this.language, 'publish.done', { id: outcome.publicationId ?? '—' });
      this.dispatchEvent(new CustomEvent('published', { detail: outcome, bubbles: true, composed: true }));
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = '';
    this.problem = [];
    try {
      await work();
    } catch (error) {
      this.plan = undefined;
      this.problem = problemLines(error, this.language, 'publish.failed');
      if (error instanceof DesignerApiError && error.status === 422) {
        const detail: PublishRefusal = { errors: error.problem.errors ?? [] };
        this.dispatchEvent(new CustomEvent('publish-refused', { detail, bubbles: true, composed: true }));
      }
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  private canPublish(): boolean {
    const plan = this.plan?.plan;
    if (!plan || this.busy || plan.blocked) return false;
    return !plan.destructive || this.confirmed;
  }

  private renderPlan() {
    const outcome = this.plan;
    if (!outcome) return nothing;
    const unchanged = outcome.changed.length === 0 && outcome.removed.length === 0;
    return html`<h3 id="plan-title" tabindex="-1" data-focus>${say(this.language, 'publish.planTitle')}</h3>
      ${unchanged ? html`<p>${say(this.language, 'publish.noChange')}</p>` : nothing}
      ${renderPlanTable(outcome.plan, this.language, 'plan-title')}
      ${
        outcome.plan.destructive
          ? html`<p class="check">
            <input
              type="checkbox"
              id="confirm"
              .checked=${this.confirmed}
              @change=${(event: Event) => {
                this.confirmed = (event.target as HTMLInputElement).checked;
              }}
            /><label for="confirm">${say(this.language, 'publish.confirm')}</label>
          </p>`
          : nothing
      }
      <div class="actions">
        <button type="button" class="primary" ?disabled=${!this.canPublish()} @click=${this.publish}>
          ${say(this.language, 'publish.submit')}
        </button>
      </div>`;
  }

  override render() {
    const language = this.language;
    return html`<section class="panel" aria-labelledby="publish-title" lang=${language}>
      <h2 id="publish-title">${this.heading || say(language, 'publish.title')}</h2>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${this.dryRun}>${say(language, 'publish.check')}</button>
      </div>
      <p role="status">${this.busy ? say(language, 'publish.checking') : this.message}</p>
      ${
        this.problem.length > 0
          ? html`<div class="notice alert" role="alert" tabindex="-1" data-focus>
            <p>${say(language, 'publish.invalid')}</p>
            <ul>
              ${this.problem.map((line) => html`<li>${line}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${this.renderPlan()}
    </section>`;
  }
}
