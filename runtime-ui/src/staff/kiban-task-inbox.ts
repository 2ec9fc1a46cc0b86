import { css, html, nothing } from 'lit';
import { ApiProblemError, fetchTasks, reassignTask } from '../api/index.ts';
import { localizedString, localizedText } from '../components/shared/index.ts';
import { formatDateTime, type MessageKey, translate } from '../i18n/index.ts';
import type { AssignTo, PortalEntity, Task } from '../portal/portal-types.ts';
import { StaffAdminElement } from './staff-admin-element.ts';

type AssigneeKind = 'role' | 'department' | 'principal';

/**
 * `<kiban-task-inbox>`: the open workflow tasks of the signed-in staff member (theirs, their
 * roles' and their department's), each linking to its record, with reassignment to another
 * role, department or person.
 */
export class KibanTaskInbox extends StaffAdminElement {
  static override properties = {
    entities: { attribute: false },
    tasks: { state: true },
    reassigning: { state: true },
    message: { state: true },
    failure: { state: true },
  };

  static override styles = [
    ...StaffAdminElement.styles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 36rem;
        margin-top: 2rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: bold;
      }
      .actions {
        display: flex;
        gap: 1rem;
      }
    `,
  ];

  declare entities: Record<string, PortalEntity>;
  declare tasks: Task[];
  declare reassigning: Task | undefined;
  declare message: string;
  declare failure: string;

  constructor() {
    super();
    this.entities = {};
    this.tasks = [];
    this.message = '';
    this.failure = '';
  }

  protected async fetch(): Promise<void> {
    this.tasks = await fetchTasks('open', this.options);
  }

  private async startReassign(task: Task): Promise<void> {
    this.reassigning = task;
    this.message = '';
    this.failure = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#assign-kind')?.focus();
  }

  private async onReassign(event: Event): Promise<void> {
    event.preventDefault();
    const task = this.reassigning as Task;
    const data = new FormData(event.target as HTMLFormElement);
    const kind = String(data.get('kind')) as AssigneeKind;
    const value = String(data.get('value') ?? '').trim();
    if (!value) return;
    try {
      await reassignTask(
        task.id,
        { [kind]: value } as AssignTo,
        String(data.get('comment') ?? '').trim(),
        this.options,
      );
      this.reassigning = undefined;
      this.message = this.say('tasks.reassigned');
      await this.reload();
    } catch (error) {
      this.failure =
        error instanceof ApiProblemError && error.problem.detail ? error.problem.detail : this.say('workflow.failed');
    }
  }

  override render() {
    const notice = this.statusNotice();
    if (notice) return notice;
    return html`${this.tasks.length === 0 ? html`<p>${this.say('tasks.empty')}</p>` : this.renderTable()}
      ${this.reassigning ? this.renderReassign(this.reassigning) : nothing}
      <p role="status">${this.message}</p>
      <p role="alert">${this.failure}</p>`;
  }

  private renderTable() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.say('tasks.task')}</th>
          <th scope="col">${this.say('tasks.record')}</th>
          <th scope="col">${this.say('tasks.assignee')}</th>
          <th scope="col">${this.say('tasks.createdAt')}</th>
          <th scope="col">${this.say('tasks.dueAt')}</th>
          <th scope="col"><span class="visually-hidden">${this.say('tasks.reassign')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.tasks.map((task) => this.renderTask(task))}
      </tbody>
    </table>`;
  }

  private renderTask(task: Task) {
    const entity = this.entities[task.entity];
    const href = `/staff/data/${encodeURIComponent(task.entity)}/${encodeURIComponent(task.recordId)}`;
    const when = (value: string | null) =>
      value ? html`<time datetime=${value}>${formatDateTime(value, this.language, this.calendar)}</time>` : '';
    return html`<tr>
      <td><a href=${href}>${localizedText(task.label, this.language)}</a></td>
      <td>${entity ? localizedText(entity.label, this.language) : task.entity}</td>
      <td>${this.assigneeText(task)}</td>
      <td>${when(task.createdAt)}</td>
      <td>${when(task.dueAt)}</td>
      <td>
        <button type="button" @click=${() => this.startReassign(task)}>
          ${this.say('tasks.reassign')}<span class="visually-hidden">: ${localizedString(task.label, this.language)}</span>
        </button>
      </td>
    </tr>`;
  }

  /** `役割: librarian`: what kind of assignee, in the reader's language, then who. */
  private assigneeText(task: Task): string {
    const kinds: Record<string, MessageKey> = {
      role: 'tasks.kindRole',
      department: 'tasks.kindDepartment',
      principal: 'tasks.kindPrincipal',
    };
    const kind = kinds[task.assignee.kind];
    return `${kind ? this.say(kind) : task.assignee.kind}: ${task.assignee.value}`;
  }

  private renderReassign(task: Task) {
    return html`<form @submit=${this.onReassign} aria-labelledby="reassign-title">
      <h2 id="reassign-title">
        ${translate(this.language, 'tasks.reassignTitle', { label: localizedString(task.label, this.language) })}
      </h2>
      <label
        >${this.say('tasks.assignKind')}
        <select id="assign-kind" name="kind">
          <option value="role">${this.say('tasks.kindRole')}</option>
          <option value="department">${this.say('tasks.kindDepartment')}</option>
          <option value="principal">${this.say('tasks.kindPrincipal')}</option>
        </select>
      </label>
      <label>${this.say('tasks.assignValue')}<input name="value" required /></label>
      <label>${this.say('tasks.comment')}<textarea name="comment" rows="3"></textarea></label>
      <div class="actions">
        <button type="submit" class="primary">${this.say('workflow.confirm')}</button>
        <button type="button" @click=${() => (this.reassigning = undefined)}>${this.say('workflow.cancel')}</button>
      </div>
    </form>`;
  }
}
