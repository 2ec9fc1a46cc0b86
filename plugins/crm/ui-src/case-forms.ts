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

/** A colleague to hand a case to, as `GET /staff` lists them. */
export interface Colleague {
  id: string;
  name: string;
  department: string | null;
}

/** What the handover picker searches enabled staff by: a department (empty: all) and part of a name. */
export interface ColleagueSearch {
  department: string;
  name: string;
}

/**
 * Handover: pick a colleague, searched by department (the case's at first) and part of the
 * name; changing either, or the search button, reloads the list. The search is also each
 * input's default, so the form's reset after a handover leaves it showing what was searched.
 */
export function handOverForm(
  t: Texts,
  picker: ColleagueSearch & { staff: Colleague[]; choose: (search: ColleagueSearch) => void },
  submit: FormSubmit,
  status: string,
): TemplateResult {
  const search = (event: Event) => {
    const form = (event.target as HTMLInputElement | HTMLButtonElement).form;
    const value = (id: string) => (form?.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
    picker.choose({ department: value('crm-handover-department'), name: value('crm-handover-name') });
  };
  return html`<form aria-labelledby="crm-handover-heading" @submit=${submit}>
    <h3 id="crm-handover-heading">${t.handOver}</h3>
    <label for="crm-handover-department">${t.handOverDepartment}</label>
    <input
      id="crm-handover-department"
      maxlength="100"
      value=${picker.department}
      .value=${picker.department}
      @change=${search}
    />
    <label for="crm-handover-name">${t.handOverName}</label>
    <input
      id="crm-handover-name"
      type="search"
      maxlength="100"
      value=${picker.name}
      .value=${picker.name}
      @change=${search}
    />
    <button type="button" @click=${search}>${t.findColleagues}</button>
    <label for="crm-handover-to">${t.handOverTo}</label>
    <select id="crm-handover-to" name="to" required>
      <option value="">${picker.staff.length === 0 ? t.noColleagues : t.chooseColleague}</option>
      ${picker.staff.map(
        (member) =>
          html`<option value=${member.id}>${member.department ? `${member.name}（${member.department}）` : member.name}</option>`,
      )}
    </select>
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
