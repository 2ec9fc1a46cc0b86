import { html, nothing } from 'lit';
import { act, getJson, problemText, send } from './api.ts';
import {
  answerForm,
  type Colleague,
  type ColleagueSearch,
  followUpForm,
  handOverForm,
  noteForm,
} from './case-forms.ts';
import { dateTime, fromLocalInput } from './format.ts';
import { StaffElement } from './page-element.ts';

type Labelled = { ja?: string; en?: string };
interface Transition {
  name: string;
  label: Labelled;
  commentRequired: boolean;
}
interface WorkflowView {
  state: { name: string; label: Labelled; final: boolean };
  transitions: Transition[];
  history: Array<{
    at: string;
    kind: string;
    from: string | null;
    to: string;
    actor: { name: string | null };
    comment: string | null;
  }>;
}
interface Note {
  id: string;
  kind: string;
  body: string;
  author: string;
  fromAssignee?: string | null;
  toAssignee?: string | null;
  createdAt: string;
}
interface TimelineItem {
  at: string;
  kind: string;
  who: string;
  text: string;
  line?: string;
}

/**
 * `<crm-case-detail>`: one case — its fields, the workflow actions the clerk may take now, the
 * answer, and one timeline of notes, handovers (from → to, kept), follow-ups and state
 * changes — with forms to add a note, schedule a follow-up and hand over. Each form reports
 * in its own status line; refusals show the server's message.
 */
export class CaseDetail extends StaffElement {
  static override properties = {
    caseId: { attribute: false },
    record: { state: true },
    workflow: { state: true },
    notes: { state: true },
    statuses: { state: true },
    colleagues: { state: true },
  };

  declare caseId: string;
  declare record: Record<string, unknown> | undefined;
  declare workflow: WorkflowView | undefined;
  declare notes: Note[];
  declare statuses: Record<string, string>;
  /** The handover picker: what was searched for and the staff found. */
  declare colleagues: (ColleagueSearch & { staff: Colleague[] }) | undefined;

  constructor() {
    super();
    this.notes = [];
    this.statuses = {};
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('caseId') && this.caseId) void this.load();
  }

  private async load(): Promise<void> {
    const id = encodeURIComponent(this.caseId);
    try {
      const [record, workflow, notes] = await Promise.all([
        getJson<Record<string, unknown>>(`/api/data/Case/${id}`, this.language),
        getJson<WorkflowView>(`/api/workflows/Case/${id}`, this.language),
        getJson<{ items: Note[] }>(`/api/data/CaseNote?filter[case][eq]=${id}&sort=createdAt&limit=200`, this.language),
      ]);
      this.record = record;
      this.workflow = workflow;
      this.notes = notes.items;
      if (!this.colleagues) await this.findColleagues({ department: String(record.department ?? ''), name: '' });
    } catch (error) {
      this.statuses = { ...this.statuses, page: problemText(error, this.t.failed) };
    }
  }

  private async findColleagues(search: ColleagueSearch): Promise<void> {
    try {
      const query = new URLSearchParams();
      if (search.department) query.set('department', search.department);
      if (search.name) query.set('name', search.name);
      const { items } = await getJson<{ items: Colleague[] }>(`/api/plugins/crm/staff?${query}`, this.language);
      this.colleagues = { ...search, staff: items };
    } catch (error) {
      this.statuses = { ...this.statuses, handover: problemText(error, this.t.failed) };
    }
  }

  private async run(key: string, form: HTMLFormElement, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
      form.reset();
      this.statuses = { ...this.statuses, [key]: this.t.saved };
      await this.load();
    } catch (error) {
      this.statuses = { ...this.statuses, [key]: problemText(error, this.t.failed) };
    }
  }

  private handler(key: string, work: (values: FormData) => Promise<unknown>) {
    return (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      void this.run(key, form, () => work(new FormData(form)));
    };
  }

  private transition(transition: Transition): void {
    const comment = (this.querySelector('#crm-transition-comment') as HTMLInputElement | null)?.value.trim() ?? '';
    const body = comment ? { comment } : {};
    const form = this.querySelector('#crm-workflow-form') as HTMLFormElement;
    void this.run('workflow', form, () =>
      send(
        'POST',
        `/api/workflows/Case/${encodeURIComponent(this.caseId)}/transitions/${transition.name}`,
        body,
        this.language,
      ),
    );
  }

  private label(text: Labelled): string {
    return (this.language === 'en' ? text.en : text.ja) ?? text.ja ?? text.en ?? '';
  }

  private timeline(): TimelineItem[] {
    const t = this.t;
    const notes = this.notes.map((note) => ({
      at: note.createdAt,
      kind: t.noteKinds[note.kind] ?? note.kind,
      who: note.author,
      text: note.body,
      line: note.kind === 'handover' ? t.handoverLine(note.fromAssignee ?? '', note.toAssignee ?? '') : undefined,
    }));
    const states = (this.workflow?.history ?? [])
      .filter((entry) => entry.kind === 'transition')
      .map((entry) => ({
        at: entry.at,
        kind: t.noteKinds.workflow,
        who: entry.actor.name ?? '',
        text: entry.comment ?? '',
        line: t.transitioned(t.statuses[entry.from ?? ''] ?? entry.from ?? '', t.statuses[entry.to] ?? entry.to),
      }));
    return [...notes, ...states].sort((a, b) => b.at.localeCompare(a.at));
  }

  private facts() {
    const t = this.t;
    const r = this.record ?? {};
    const row = (term: string, value: unknown) => html`<dt>${term}</dt><dd>${value ?? ''}</dd>`;
    const resident = typeof r.resident === 'string' ? r.resident : '';
    return html`<dl>
      ${row(t.status, this.workflow ? this.label(this.workflow.state.label) : '')}
      ${row(t.channel, t.channels[String(r.channel)])} ${row(t.category, t.categories[String(r.category)])}
      ${row(t.department, r.department)} ${row(t.assignee, r.assignee)}
      ${row(t.due, dateTime(r.dueAt, this.language, this.calendar))} ${row(t.followUpAt, dateTime(r.followUpAt, this.language, this.calendar))}
      <dt>${t.resident}</dt>
      <dd>
        ${
          resident
            ? html`<a href=${`/staff/plugins/crm/resident?resident=${encodeURIComponent(resident)}`}>${t.openResident}</a>`
            : t.anonymous
        }
      </dd>
    </dl>
    ${r.body ? html`<p>${r.body}</p>` : nothing}`;
  }

  protected override render() {
    const t = this.t;
    if (!this.record) return html`<p role="status">${this.statuses.page ?? ''}</p>`;
    const closed = this.workflow?.state.final ?? false;
    const transitions = this.workflow?.transitions ?? [];
    return html`<article aria-labelledby="crm-case-heading">
      <h2 id="crm-case-heading">${this.record.subject}</h2>
      ${this.facts()}
      <form id="crm-workflow-form" aria-labelledby="crm-workflow-heading" @submit=${(event: Event) => event.preventDefault()}>
        <h3 id="crm-workflow-heading">${t.workflow}</h3>
        ${
          transitions.length === 0
            ? html`<p>${t.noTransitions}</p>`
            : html`<label for="crm-transition-comment">${t.comment}</label>
              <input id="crm-transition-comment" name="comment" maxlength="2000" />
              ${transitions.map(
                (transition) =>
                  html`<button type="button" @click=${() => this.transition(transition)}>${this.label(transition.label)}</button>`,
              )}`
        }
        <p role="status">${this.statuses.workflow ?? ''}</p>
      </form>
      ${
        closed
          ? nothing
          : html`${answerForm(
              t,
              String(this.record.answer ?? ''),
              this.handler('answer', (values) =>
                send(
                  'PATCH',
                  `/api/data/Case/${encodeURIComponent(this.caseId)}`,
                  { answer: values.get('answer') },
                  this.language,
                  // The version read: a colleague's change in between is refused, not overwritten.
                  { 'if-match': `"${String(this.record?.version)}"` },
                ),
              ),
              this.statuses.answer ?? '',
            )}
          ${noteForm(
            t,
            this.handler('note', (values) =>
              act('addNote', { caseId: this.caseId, body: values.get('body') }, this.language),
            ),
            this.statuses.note ?? '',
          )}
          ${followUpForm(
            t,
            this.handler('followUp', (values) =>
              act(
                'scheduleFollowUp',
                { caseId: this.caseId, at: fromLocalInput(String(values.get('at'))), body: values.get('body') },
                this.language,
              ),
            ),
            this.statuses.followUp ?? '',
          )}
          ${handOverForm(
            t,
            {
              department: this.colleagues?.department ?? '',
              name: this.colleagues?.name ?? '',
              staff: this.colleagues?.staff ?? [],
              choose: (search) => void this.findColleagues(search),
            },
            this.handler('handover', (values) =>
              act(
                'handOver',
                { caseId: this.caseId, to: String(values.get('to')).trim(), body: values.get('body') },
                this.language,
              ),
            ),
            this.statuses.handover ?? '',
          )}`
      }
      <section aria-labelledby="crm-timeline-heading">
        <h3 id="crm-timeline-heading">${t.timeline}</h3>
        <ol class="crm-timeline">
          ${this.timeline().map(
            (item) => html`<li>
              <time datetime=${item.at}>${dateTime(item.at, this.language, this.calendar)}</time> <strong>${item.kind}</strong> ${item.line ?? ''}
              ${item.who ? html`（${item.who}）` : nothing}
              ${item.text ? html`<p>${item.text}</p>` : nothing}
            </li>`,
          )}
        </ol>
      </section>
    </article>`;
  }
}
