import { html, nothing, type TemplateResult } from 'lit';
import { type MessageKey, translate } from '../../i18n/index.ts';
import type { FormMetadata, Language } from '../../metadata/index.ts';
import { localizedText } from '../shared/index.ts';
import type { FormPage } from './form-pages.ts';

/** The errors of the last attempt: a count, problems of the whole form, and one line per field. */
export interface ErrorSummary {
  title: string;
  general: string[];
  fields: { field: string; text: string }[];
}

/** Everything the summary says, as one sentence sequence for the live region. */
export function summaryAnnouncement(summary: ErrorSummary): string {
  return [summary.title, ...summary.general, ...summary.fields.map((line) => line.text)].join(' ');
}

/**
 * The error summary above the form (focused after a failed attempt) with a link to each
 * field in error. In-page links do not reach into a shadow root, so `follow` moves focus.
 */
export function renderErrorSummary(summary: ErrorSummary, follow: (field: string) => void): TemplateResult {
  const onClick = (field: string) => (event: Event) => {
    event.preventDefault();
    follow(field);
  };
  return html`<div class="summary" tabindex="-1" role="group" aria-labelledby="summary-title">
    <h3 id="summary-title">${summary.title}</h3>
    <ul>
      ${summary.general.map((line) => html`<li>${line}</li>`)}
      ${summary.fields.map(
        (line) => html`<li><a href="#field-${line.field}" @click=${onClick(line.field)}>${line.text}</a></li>`,
      )}
    </ul>
  </div>`;
}

/** Where the resident is in a multi-step form: the list of steps, then the current step's heading. */
export function renderStepNavigation(
  form: FormMetadata,
  pages: FormPage[],
  pageIndex: number,
  language: Language,
): TemplateResult | typeof nothing {
  if (pages.length < 2 || !form.steps) return nothing;
  const page = pages[pageIndex];
  return html`<nav aria-label=${translate(language, 'form.steps')}>
      <ol class="steps">
        ${form.steps.map(
          (step, index) =>
            html`<li aria-current=${index === pageIndex ? 'step' : 'false'}>${localizedText(step.label, language)}</li>`,
        )}
      </ol>
    </nav>
    <h3 class="page" tabindex="-1">
      <span class="step-count">
        ${translate(language, 'form.stepOf', { current: pageIndex + 1, total: pages.length })}
      </span>
      ${page.label ? localizedText(page.label, language) : nothing}
    </h3>`;
}

export interface FormActions {
  language: Language;
  canGoBack: boolean;
  hasDraft: boolean;
  onLastPage: boolean;
  /** False where drafts make no sense (a profile): no draft buttons then. */
  drafts: boolean;
  /** What the last page's submit button says. */
  submitKey: MessageKey;
  back(): void;
  saveDraft(): void;
  discardDraft(): void;
}

/** Back, the draft buttons, and Next or Submit (the form's submit button, so Enter works too). */
export function renderActions(actions: FormActions): TemplateResult {
  const say = (key: Parameters<typeof translate>[1]) => translate(actions.language, key);
  return html`<div class="actions">
    ${actions.canGoBack ? html`<button type="button" @click=${actions.back}>${say('form.back')}</button>` : nothing}
    ${actions.drafts ? html`<button type="button" @click=${actions.saveDraft}>${say('form.saveDraft')}</button>` : nothing}
    ${
      actions.drafts && actions.hasDraft
        ? html`<button type="button" @click=${actions.discardDraft}>${say('form.discardDraft')}</button>`
        : nothing
    }
    <button type="submit" class="primary">${say(actions.onLastPage ? actions.submitKey : 'form.next')}</button>
  </div>`;
}
