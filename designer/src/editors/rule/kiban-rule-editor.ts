import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt, unclaimedErrors } from '../errors.ts';
import { conditionTreeStyles } from '../shared/condition-tree-view.ts';
import { renderErrors, renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { withProperty } from '../shared/immutable.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { renderConditionTree } from './condition-view.ts';
import { MatchPreview, type PreviewFunction } from './match-preview.ts';
import { factsOf } from './rule-facts.ts';
import { localizedString, ruleText } from './rule-messages.ts';
import type { EntityMetadata, I18nText, RuleCondition, RuleMetadata } from './rule-types.ts';

/** The pointers the header controls and the condition tree show errors at; the rest go in a summary. */
const CLAIMED = ['/name', '/label', '/entity', '/use', '/condition'];

/**
 * `<kiban-rule-editor>` edits one rule: its names, the entity it decides about, its use and
 * its condition as a tree of all / any / not groups and comparisons. Each edit emits
 * `item-change` with a new item. While editing, the number of records the rule selects is
 * counted through `preview` and announced politely, so staff hear the effect of each change.
 */
export class KibanRuleEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    entities: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    preview: { attribute: false },
  };

  static override styles = [
    editorStyles,
    conditionTreeStyles,
    css`
      fieldset {
        border: 1px solid var(--editor-border);
        border-radius: 0.5rem;
        margin: 0.5rem 0;
        padding: 0.5rem 1rem;
      }
      legend {
        font-weight: bold;
      }
      .match-count {
        font-size: 1.125rem;
        font-weight: bold;
        min-height: 1.6em;
      }
    `,
  ];

  declare item: RuleMetadata | undefined;
  /** Every entity of the app: the rule's entity gives the facts, its references one step further. */
  declare entities: EntityMetadata[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  /** Counts the records the rule selects; without it no count is shown. */
  declare preview: PreviewFunction | undefined;

  private readonly matchCount = new MatchPreview(this);

  constructor() {
    super();
    this.entities = [];
    this.errors = [];
    this.language = 'ja';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('item') || changed.has('preview')) this.matchCount.schedule(this.item, this.preview);
  }

  private change(item: RuleMetadata): void {
    this.item = item;
    emitItemChange(this, item);
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const { language } = this;
    const facts = factsOf(item.entity, this.entities, language);
    return html`<section aria-labelledby="rule-heading">
      <h2 id="rule-heading">${ruleText(language, 'editor.rule.heading')}: ${localizedString(item.label, language)}</h2>
      ${this.renderSummary()} ${this.renderHeader(item)}
      <h3>${ruleText(language, 'editor.rule.condition')}</h3>
      ${renderConditionTree({
        root: item.condition,
        facts,
        errors: this.errors,
        language,
        onRoot: (condition: RuleCondition) => this.change({ ...item, condition }),
      })}
      ${this.renderMatchCount()}
    </section>`;
  }

  private renderSummary() {
    const other = unclaimedErrors(this.errors, '', CLAIMED);
    if (other.length === 0) return nothing;
    return html`<div class="card" role="group" aria-labelledby="other-errors-heading">
      <h3 id="other-errors-heading">${ruleText(this.language, 'editor.rule.otherErrors')}</h3>
      ${renderErrors('other', other, this.language)}
    </div>`;
  }

  private renderHeader(item: RuleMetadata) {
    const { language, errors } = this;
    const label = (key: 'ja' | 'en', text: string) => {
      const next: Record<string, string> = { ...item.label, [key]: text };
      if (text === '' && key !== 'ja') delete next[key];
      this.change({ ...item, label: next as I18nText });
    };
    const entityOptions = this.entities.map((entity) => ({
      value: entity.name,
      label: localizedString(entity.label, language),
    }));
    // A rule about an entity not (yet) in the app still shows its own entity, not the first one.
    if (!this.entities.some((entity) => entity.name === item.entity)) {
      entityOptions.unshift({ value: item.entity, label: item.entity });
    }
    return html`<div class="controls">
      ${renderTextControl({
        id: 'rule-name',
        label: ruleText(language, 'editor.rule.name'),
        value: item.name,
        commitOn: 'change',
        errors: errorsAt(errors, '/name'),
        language,
        onValue: (name) => this.change({ ...item, name }),
      })}
      ${renderTextControl({
        id: 'rule-label-ja',
        label: ruleText(language, 'editor.rule.labelJa'),
        value: item.label.ja,
        errors: [...errorsAt(errors, '/label'), ...errorsAt(errors, '/label/ja')],
        language,
        onValue: (text) => label('ja', text),
      })}
      ${renderTextControl({
        id: 'rule-label-en',
        label: ruleText(language, 'editor.rule.labelEn'),
        value: item.label.en ?? '',
        errors: errorsAt(errors, '/label/en'),
        language,
        onValue: (text) => label('en', text),
      })}
      ${renderSelectControl({
        id: 'rule-entity',
        label: ruleText(language, 'editor.rule.entity'),
        value: item.entity,
        options: entityOptions,
        errors: errorsAt(errors, '/entity'),
        language,
        onValue: (entity) => this.change({ ...item, entity }),
      })}
      ${renderSelectControl({
        id: 'rule-use',
        label: ruleText(language, 'editor.rule.use'),
        value: item.use ?? 'decision',
        options: (['decision', 'segment'] as const).map((use) => ({
          value: use,
          label: ruleText(language, `editor.rule.use.${use}`),
        })),
        errors: errorsAt(errors, '/use'),
        language,
        onValue: (use) => this.change(withProperty(item, 'use', use as RuleMetadata['use'])),
      })}
    </div>`;
  }

  /** Always in the page, so that screen readers follow the live region from the start. */
  private renderMatchCount() {
    const { language } = this;
    const state = this.matchCount.state;
    let text = '';
    if (state.status === 'loading') text = ruleText(language, 'editor.rule.preview.loading');
    if (state.status === 'failed') text = ruleText(language, 'editor.rule.preview.failed');
    if (state.status === 'ready') {
      const key = state.count === 1 ? 'editor.rule.preview.one' : 'editor.rule.preview.count';
      text = ruleText(language, key, { count: state.count.toLocaleString(language) });
    }
    return html`<div class="card" ?hidden=${state.status === 'idle'}>
      <h3>${ruleText(language, 'editor.rule.preview.heading')}</h3>
      <p class="match-count" role="status" aria-live="polite" aria-busy=${state.status === 'loading' ? 'true' : 'false'}
        data-status=${state.status}>${text}</p>
    </div>`;
  }
}
