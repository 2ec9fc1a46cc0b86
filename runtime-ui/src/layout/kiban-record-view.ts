import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { ApiProblemError, fetchRecord, fetchWorkflowStatus, makeTransition } from '../api/index.ts';
import type { HistoryEntry, KibanTransitionDetail, WorkflowView } from '../components/index.ts';
import { baseStyles, localizedString } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, translate } from '../i18n/index.ts';
import type { Language, RecordData } from '../metadata/index.ts';
import { entityMetadata, type PortalEntity, type WorkflowStatus } from '../portal/portal-types.ts';
import { referenceTitles } from './reference-titles.ts';
import { renderCommentPrompt } from './transition-comment.ts';

/**
 * `<kiban-record-view>`: one record with its workflow, for a page's `detail` block and the
 * portals' detail pages. It loads the record, the names of what it refers to and, when its
 * entity has a workflow, the state, the transitions the reader may make and the history.
 * A transition is POSTed; one that needs a comment asks for it first.
 */
export class KibanRecordView extends LitElement {
  static override properties = {
    entity: { attribute: false },
    entities: { attribute: false },
    recordId: { attribute: 'record-id' },
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    record: { state: true },
    workflow: { state: true },
    titles: { state: true },
    status: { state: true },
    asking: { state: true },
    message: { state: true },
    failure: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      form.comment {
        display: grid;
        gap: 0.5rem;
        max-width: 40rem;
        margin-top: 1.5rem;
      }
      .actions {
        display: flex;
        gap: 1rem;
      }
      label {
        font-weight: bold;
      }
    `,
  ];

  declare entity: PortalEntity | undefined;
  /** Every entity of the portal, to name referenced records. */
  declare entities: Record<string, PortalEntity>;
  declare recordId: string;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare record: RecordData | undefined;
  declare workflow: WorkflowStatus | undefined;
  declare titles: Record<string, string>;
  declare status: 'loading' | 'ready' | 'failed';
  /** The transition waiting for its comment. */
  declare asking: WorkflowStatus['transitions'][number] | undefined;
  declare message: string;
  declare failure: string;

  constructor() {
    super();
    this.entities = {};
    this.recordId = '';
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.titles = {};
    this.status = 'loading';
    this.message = '';
    this.failure = '';
  }

  private get options() {
    return { apiBase: this.apiBase, language: this.language };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('entity') || changed.has('recordId')) && this.entity && this.recordId) void this.load();
  }

  private async load(): Promise<void> {
    const entity = this.entity as PortalEntity;
    this.status = 'loading';
    try {
      const [record, workflow] = await Promise.all([
        fetchRecord(entity.name, this.recordId, this.options),
        entity.workflow ? fetchWorkflowStatus(entity.name, this.recordId, this.options) : undefined,
      ]);
      this.record = record;
      this.workflow = workflow;
      this.status = 'ready';
      this.titles = await referenceTitles(entity, record, this.entities, this.options);
    } catch {
      this.status = 'failed';
    }
  }

  private onTransition(event: CustomEvent<KibanTransitionDetail>): void {
    const transition = this.workflow?.transitions.find((each) => each.name === event.detail.name);
    if (!transition) return;
    this.message = '';
    this.failure = '';
    if (transition.commentRequired) {
      this.asking = transition;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#comment')?.focus());
      return;
    }
    void this.transition(transition);
  }

  private async transition(transition: WorkflowStatus['transitions'][number], comment?: string): Promise<void> {
    const entity = this.entity as PortalEntity;
    try {
      this.workflow = await makeTransition(
        { entity: entity.name, id: this.recordId, transition: transition.name, comment },
        this.options,
      );
      this.asking = undefined;
      this.record = await fetchRecord(entity.name, this.recordId, this.options);
      this.message = translate(this.language, 'workflow.done', {
        label: localizedString(transition.label, this.language),
      });
    } catch (error) {
      this.failure =
        error instanceof ApiProblemError && error.problem.detail
          ? error.problem.detail
          : translate(this.language, 'workflow.failed');
    }
  }

  /** State names in the history read as their labels. */
  private stateLabel(name: string | null): string | undefined {
    if (name === null) return undefined;
    const state = this.entity?.workflow?.states.find((each) => each.name === name);
    return state ? localizedString(state.label, this.language) : name;
  }

  private workflowView(): WorkflowView | undefined {
    const workflow = this.workflow;
    if (!workflow) return undefined;
    return {
      state: workflow.state.name,
      stateLabel: localizedString(workflow.state.label, this.language),
      transitions: workflow.transitions.map((each) => ({
        name: each.name,
        label: localizedString(each.label, this.language),
      })),
    };
  }

  private historyView(): HistoryEntry[] {
    return (this.workflow?.history ?? []).map((entry) => ({
      at: entry.at,
      actor: entry.actor.name ?? '',
      from: this.stateLabel(entry.from),
      to: this.stateLabel(entry.to),
      comment: entry.comment ?? undefined,
    }));
  }

  override render() {
    if (this.status === 'loading') return html`<p role="status">${translate(this.language, 'page.loading')}</p>`;
    if (this.status === 'failed' || !this.entity || !this.record) {
      return html`<p role="alert">${translate(this.language, 'record.loadFailed')}</p>`;
    }
    const asking = this.asking;
    return html`<kiban-detail
        .entity=${entityMetadata(this.entity)}
        .record=${this.record}
        .workflow=${this.workflowView()}
        .history=${this.historyView()}
        .referenceTitles=${this.titles}
        language=${this.language}
        calendar=${this.calendar}
        @kiban-transition=${this.onTransition}
      ></kiban-detail>
      ${
        asking
          ? renderCommentPrompt({
              language: this.language,
              label: localizedString(asking.label, this.language),
              submit: (comment) => void this.transition(asking, comment),
              cancel: () => {
                this.asking = undefined;
              },
            })
          : nothing
      }
      <p role="status">${this.message}</p>
      <p role="alert">${this.failure}</p>`;
  }
}
