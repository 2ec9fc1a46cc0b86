import { html, type TemplateResult } from 'lit';
import { tomorrowMorning } from './format.ts';
import type { Texts } from './texts.ts';

export type FormSubmit = (event: SubmitEvent) => void;

/** The note, follow-up and handover forms of a case: each a labelled form with its own status line. */
export function noteForm(t: Texts, submit: FormSubmit, status: string): TemplateResult {
  return html`<form aria-labelledby="crm-note-heading" @submit=${submit}>
    <h3 id="crm-note-heading">${t.addNote}</h3>
    <label for="crm-note-body">${t.note}</label>
    <textarea id="crm-note-body" name="body" required maxlength="4000" rows="3"></textarea>
    <button type="submit">${t.write}</button>
    <p role="status">${status}</p>
  </form>`;
}

export function followUpForm(t: Texts, submit: FormSubmit, status: string): TemplateResult {
  return html`<form aria-labelledby="crm-follow-heading" @submit=${submit}>
    <h3 id="crm-follow-heading">${t.followUp}</h3>
    <label for="crm-follow-at">${t.when}</label>
    <input id="crm-follow-at" name="at" type="datetime-local" required value=${tomorrowMorning()} />
    <label for="crm-follow-body">${t.memo}</label>
    <input id="crm-follow-body" name="body" required maxlength="4000" />
    <button type="submit">${t.schedule}</button>
    <p role="status">${status}</p>
  </form>`;
}

export function handOverForm(t: Texts, submit: FormSubmit, status: string): TemplateResult {
  return html`<form aria-labelledby="crm-handover-heading" @submit=${submit}>
    <h3 id="crm-handover-heading">${t.handOver}</h3>
    <label for="crm-handover-to">${t.handOverTo}</label>
    <input id="crm-handover-to" name="to" required maxlength="64" autocomplete="off" />
    <label for="crm-handover-body">${t.handOverNote}</label>
    <textarea id="crm-handover-body" name="body" required maxlength="4000" rows="2"></textarea>
    <button type="submit">${t.handOver}</button>
    <p role="status">${status}</p>
  </form>`;
}

export function answerForm(t: Texts, answer: string, submit: FormSubmit, status: string): TemplateResult {
  return html`<form aria-labelledby="crm-answer-heading" @submit=${submit}>
    <h3 id="crm-answer-heading">${t.answer}</h3>
    <label for="crm-answer-text">${t.answer}</label>
    <textarea id="crm-answer-text" name="answer" maxlength="8000" rows="4" .value=${answer}></textarea>
    <button type="submit">${t.saveAnswer}</button>
    <p role="status">${status}</p>
  </form>`;
}
