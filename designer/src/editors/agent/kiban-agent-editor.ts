import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderCheckboxControl, renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { renderI18nTextControls, withTranslation } from '../shared/i18n-text-controls.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { agentEditorText } from './agent-editor-text.ts';
import type { RunningAction } from './running-actions.ts';

type Text = { ja: string; en?: string };

/** An agent as `metadata/schema/agent.json` defines it. */
export interface AgentItem {
  kind: 'agent';
  name: string;
  label: Text;
  description?: Text;
  roles?: string[];
  instructions: Text;
  knowledge: { kinds: string[]; classifications?: string[] };
  tools?: string[];
  answerer: 'extractive' | 'model';
  model?: string;
  limits?: { maxToolCalls?: number; maxTokens?: number; timeoutMs?: number };
}

const KINDS = ['faq', 'benefit', 'article'] as const;
const CLASSIFICATIONS = ['public', 'staff', 'confidential'] as const;
const LIMITS = ['maxToolCalls', 'maxTokens', 'timeoutMs'] as const;

type OptionalKey = 'model' | 'tools' | 'roles' | 'limits';

/** `item` with the optional `key` set, or left out when `value` is undefined (the JSON carries no empty key). */
function withOptional<K extends OptionalKey>(item: AgentItem, key: K, value: AgentItem[K] | undefined): AgentItem {
  const next = { ...item };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** `list` with `value` added or taken out, in the order of `order`. */
function toggled(list: readonly string[] | undefined, value: string, on: boolean, order: readonly string[]) {
  const next = new Set(list ?? []);
  if (on) next.add(value);
  else next.delete(value);
  return order.filter((each) => next.has(each));
}

/**
 * `<kiban-agent-editor>`: a form for an agent — label, instructions, the knowledge it answers
 * from, its answerer and model, the actions it may call, who may use it and its limits. Each
 * control carries the errors of what it edits; the JSON view edits the same item.
 */
export class KibanAgentEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    roles: { attribute: false },
    runningActions: { attribute: false },
    actions: { state: true },
    errors: { attribute: false },
    language: { reflect: true },
  };

  static override styles = [
    editorStyles,
    css`
      fieldset { border: 1px solid var(--editor-border); border-radius: 0.5rem; margin: 0.5rem 0; padding: 0.5rem 1rem; }
      legend { font-weight: bold; }
      textarea { width: 100%; box-sizing: border-box; font: inherit; }
    `,
  ];

  declare item: AgentItem | undefined;
  declare roles: string[];
  declare runningActions: (() => Promise<RunningAction[]>) | undefined;
  /** The actions that run here, offered as checkboxes; other names are typed. */
  declare actions: RunningAction[];
  declare errors: EditorError[];
  declare language: EditorLanguage;

  constructor() {
    super();
    this.roles = [];
    this.actions = [];
    this.errors = [];
    this.language = 'ja';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Without the list (an error, or no plugins), every tool is typed.
    this.runningActions?.().then(
      (actions) => {
        this.actions = actions;
      },
      () => {},
    );
  }

  private change(item: AgentItem): void {
    this.item = item;
    emitItemChange(this, item);
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const text = agentEditorText(this.language);
    return html`<section aria-labelledby="agent-heading">
      <h2 id="agent-heading">${text.heading}: ${item.label.ja}</h2>
      ${renderI18nTextControls({
        id: 'agent-label',
        text: item.label,
        labelKeys: { ja: 'editor.label.ja', en: 'editor.label.en' },
        pointer: '/label',
        errors: this.errors,
        language: this.language,
        onText: (label) => this.change({ ...item, label: (label ?? { ja: '' }) as Text }),
      })}
      ${this.renderInstructions(item)} ${this.renderKnowledge(item)} ${this.renderAnswerer(item)}
      ${this.renderRoles(item)} ${this.renderLimits(item)}
    </section>`;
  }

  private textarea(id: string, label: string, value: string, pointer: string, onValue: (value: string) => void) {
    const errors = errorsAt(this.errors, pointer);
    return html`<div class="control">
      <label for=${id}>${label}</label>
      <textarea
        id=${id}
        rows="4"
        .value=${live(value)}
        aria-invalid=${ifDefined(errors.length > 0 ? 'true' : undefined)}
        aria-describedby=${ifDefined(errors.length > 0 ? `${id}-errors` : undefined)}
        @input=${(event: Event) => onValue((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${renderErrors(id, errors, this.language)}
    </div>`;
  }

  private renderInstructions(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    const set = (language: 'ja' | 'en', value: string) =>
      this.change({
        ...item,
        instructions: (withTranslation(item.instructions, language, value) ?? { ja: '' }) as Text,
      });
    return html`${this.textarea('agent-instructions-ja', text.instructionsJa, item.instructions.ja, '/instructions/ja', (value) => set('ja', value))}
      ${this.textarea('agent-instructions-en', text.instructionsEn, item.instructions.en ?? '', '/instructions/en', (value) => set('en', value))}
      <p class="note">${text.instructionsNote}</p>`;
  }

  private renderKnowledge(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    const { knowledge } = item;
    const kinds = KINDS.map((kind) =>
      renderCheckboxControl({
        id: `agent-kind-${kind}`,
        label: text.kinds[kind],
        checked: knowledge.kinds.includes(kind),
        errors: [],
        language: this.language,
        onChecked: (on) =>
          this.change({ ...item, knowledge: { ...knowledge, kinds: toggled(knowledge.kinds, kind, on, KINDS) } }),
      }),
    );
    const classifications = CLASSIFICATIONS.map((classification) =>
      renderCheckboxControl({
        id: `agent-classification-${classification}`,
        label: text.classification[classification],
        checked: knowledge.classifications?.includes(classification) ?? false,
        errors: [],
        language: this.language,
        onChecked: (on) => {
          const chosen = toggled(knowledge.classifications, classification, on, CLASSIFICATIONS);
          const { classifications: _old, ...rest } = knowledge;
          this.change({ ...item, knowledge: chosen.length > 0 ? { ...rest, classifications: chosen } : rest });
        },
      }),
    );
    return html`<fieldset>
        <legend>${text.knowledge}</legend>
        ${kinds} ${renderErrors('agent-kinds', errorsAt(this.errors, '/knowledge/kinds'), this.language)}
      </fieldset>
      <fieldset>
        <legend>${text.classifications}</legend>
        ${classifications}
      </fieldset>`;
  }

  private renderAnswerer(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    const answerer = renderSelectControl({
      id: 'agent-answerer',
      label: text.answerer,
      value: item.answerer,
      options: (['extractive', 'model'] as const).map((value) => ({ value, label: text.answerers[value] })),
      errors: errorsAt(this.errors, '/answerer'),
      language: this.language,
      // The extractive answerer runs no model and calls no action: switching to it drops both.
      onValue: (value) =>
        this.change(
          value === 'model'
            ? { ...item, answerer: 'model' }
            : withOptional(withOptional({ ...item, answerer: 'extractive' }, 'model', undefined), 'tools', undefined),
        ),
    });
    if (item.answerer !== 'model') return answerer;
    return html`${answerer}
      ${renderTextControl({
        id: 'agent-model',
        label: text.model,
        value: item.model ?? '',
        errors: errorsAt(this.errors, '/model'),
        language: this.language,
        onValue: (value) => this.change(withOptional(item, 'model', value || undefined)),
      })}
      ${this.renderTools(item)}
      <p class="note">${text.toolsNote}</p>`;
  }

  private renderTools(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    const running = this.actions.map((action) => action.name);
    const tools = item.tools ?? [];
    const others = tools.filter((tool) => !running.includes(tool));
    const setTools = (chosen: string[]) =>
      this.change(withOptional(item, 'tools', chosen.length > 0 ? chosen : undefined));
    const checkboxes = this.actions.map((action) =>
      renderCheckboxControl({
        id: `agent-tool-${action.name.replace('.', '-')}`,
        label: `${action.name} — ${action.summary}`,
        checked: tools.includes(action.name),
        errors: [],
        language: this.language,
        onChecked: (on) => setTools([...toggled(tools, action.name, on, running), ...others]),
      }),
    );
    const typed = this.textarea(
      'agent-tools',
      running.length > 0 ? text.otherTools : text.tools,
      others.join('\n'),
      '/tools',
      (value) => {
        const named = value
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        setTools([...tools.filter((tool) => running.includes(tool)), ...named]);
      },
    );
    if (running.length === 0) return typed;
    return html`<fieldset>
      <legend>${text.toolsLegend}</legend>
      ${checkboxes} ${typed}
    </fieldset>`;
  }

  private renderRoles(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    return html`<fieldset>
      <legend>${text.roles}</legend>
      ${this.roles.map((role) =>
        renderCheckboxControl({
          id: `agent-role-${role}`,
          label: role,
          checked: item.roles?.includes(role) ?? false,
          errors: [],
          language: this.language,
          onChecked: (on) => {
            const roles = toggled(item.roles, role, on, this.roles);
            this.change(withOptional(item, 'roles', roles.length > 0 ? roles : undefined));
          },
        }),
      )}
      ${renderErrors(
        'agent-roles',
        this.errors.filter((error) => error.pointer.startsWith('/roles')),
        this.language,
      )}
    </fieldset>`;
  }

  private renderLimits(item: AgentItem): TemplateResult {
    const text = agentEditorText(this.language);
    return html`<fieldset>
      <legend>${text.limits}</legend>
      ${LIMITS.map((limit) =>
        renderTextControl({
          id: `agent-${limit}`,
          label: text[limit],
          type: 'number',
          value: item.limits?.[limit]?.toString() ?? '',
          errors: errorsAt(this.errors, `/limits/${limit}`),
          language: this.language,
          onValue: (value) => {
            const limits: Record<string, number> = { ...item.limits };
            if (value === '') delete limits[limit];
            else limits[limit] = Number(value);
            this.change(withOptional(item, 'limits', Object.keys(limits).length > 0 ? limits : undefined));
          },
        }),
      )}
    </fieldset>`;
  }
}
