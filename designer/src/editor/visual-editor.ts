import type { Language } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { RunningAction } from '../editors/agent/running-actions.ts';
import type { PluginPart } from '../editors/page/plugin-parts.ts';
import { say } from '../i18n/index.ts';
import type { ItemError, Kind, MetadataItem } from '../model/types.ts';

/**
 * The visual editor of each kind (the elements of `src/editors/`). A kind whose element is
 * not registered (yet) is edited in the JSON view only.
 */
export const VISUAL_EDITORS: Partial<Record<Kind, string>> = {
  agent: 'kiban-agent-editor',
  entity: 'kiban-entity-editor',
  form: 'kiban-form-builder',
  page: 'kiban-page-editor',
  report: 'kiban-report-editor',
  rule: 'kiban-rule-editor',
  workflow: 'kiban-workflow-editor',
};

export interface VisualContext {
  item: MetadataItem;
  /** Every published item: entities for references and forms, roles and rules for workflows. */
  items: MetadataItem[];
  /** The item as published, if it is (the entity editor tells renames and removals by it). */
  published: MetadataItem | undefined;
  errors: ItemError[];
  language: Language;
  /** Counts what a rule selects, for the rule editor's live "N match". */
  preview: (rule: MetadataItem) => Promise<{ count: number }>;
  /** Runs a report being edited, for the report editor's live result and chart. */
  previewReport?: (report: MetadataItem) => Promise<unknown>;
  /** The elements plugins contribute, for the page editor's component blocks. */
  pluginParts?: () => Promise<PluginPart[]>;
  /** The plugin actions that run here, for an agent's tools. */
  runningActions?: () => Promise<RunningAction[]>;
}

/** The kind's visual editor with the shared properties set, or a note that the JSON view edits it. */
export function renderVisualEditor(context: VisualContext): TemplateResult {
  const { item, items, language } = context;
  const tag = VISUAL_EDITORS[item.kind];
  if (!tag || !customElements.get(tag)) {
    return html`<p class="notice">${say(language, 'editor.noVisual', { kind: say(language, `kind.${item.kind}`) })}</p>`;
  }
  const of = (kind: Kind) => items.filter((each) => each.kind === kind);
  const names = (kind: Kind) => of(kind).map((each) => each.name);
  const element = unsafeStatic(tag);
  return staticHtml`<${element}
    .item=${item}
    .items=${items}
    .entities=${of('entity')}
    .roles=${names('role')}
    .rules=${names('rule')}
    .preview=${context.preview}
    .previewReport=${context.previewReport}
    .pluginParts=${context.pluginParts}
    .runningActions=${context.runningActions}
    .errors=${context.errors}
    .published=${context.published}
    .language=${language}
  ></${element}>`;
}
