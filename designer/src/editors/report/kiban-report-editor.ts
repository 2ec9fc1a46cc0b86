import type { ReportResult } from '@kiban/runtime-ui/report';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { type EditorError, type EditorLanguage, errorsAt } from '../errors.ts';
import { renderConditionTree } from '../rule/condition-view.ts';
import { factsOf } from '../rule/rule-facts.ts';
import { localizedString } from '../rule/rule-messages.ts';
import type { EntityMetadata, RuleCondition } from '../rule/rule-types.ts';
import { conditionTreeStyles } from '../shared/condition-tree-view.ts';
import { renderSelectControl, renderTextControl } from '../shared/controls.ts';
import { editorStyles } from '../shared/editor-styles.ts';
import { emitItemChange } from '../shared/item-change.ts';
import { reportEditorText } from './report-editor-text.ts';

interface Measure {
  name: string;
  label: { ja: string; en?: string };
  op: string;
  field?: string;
  numerator?: string;
  denominator?: string;
}
interface GroupBy {
  field: string;
  name?: string;
  bucket?: string;
}
export interface ReportItem {
  kind: 'report';
  name: string;
  label: { ja: string; en?: string };
  entity: string;
  filter?: RuleCondition;
  groupBy?: GroupBy[];
  measures: Measure[];
  minimumCellSize?: number;
  chart?: { type: string; measure?: string };
}

/** Runs a report as written (`POST /api/reports/preview`); the shell supplies it. */
export type ReportPreviewFunction = (report: ReportItem) => Promise<ReportResult>;

const PREVIEW_DELAY_MS = 400;
const OPS = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct', 'ratio'] as const;
const BUCKETS = ['day', 'week', 'month', 'year', 'fiscalYear'] as const;
const CHARTS = ['bar', 'stackedBar', 'line', 'pie', 'donut', 'table', 'kpi', 'map'] as const;

/**
 * `<kiban-report-editor>`: a form for a report — entity, measures, group-bys, the filter (the
 * rule editor's condition tree), chart and minimum cell size — with the result and its chart
 * live below, run through `preview` a moment after each change under the editor's own policies.
 */
export class KibanReportEditor extends LitElement {
  static override properties = {
    item: { attribute: false },
    entities: { attribute: false },
    errors: { attribute: false },
    language: { reflect: true },
    previewReport: { attribute: false },
    result: { state: true },
    previewState: { state: true },
  };

  static override styles = [
    editorStyles,
    conditionTreeStyles,
    css`
      fieldset { border: 1px solid var(--editor-border); border-radius: 0.5rem; margin: 0.5rem 0; padding: 0.5rem 1rem; }
      legend { font-weight: bold; }
      .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    `,
  ];

  declare item: ReportItem | undefined;
  declare entities: EntityMetadata[];
  declare errors: EditorError[];
  declare language: EditorLanguage;
  declare previewReport: ReportPreviewFunction | undefined;
  declare result: ReportResult | undefined;
  declare previewState: 'idle' | 'loading' | 'ready' | 'failed';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor() {
    super();
    this.entities = [];
    this.errors = [];
    this.language = 'ja';
    this.previewState = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('item') || changed.has('previewReport')) this.schedulePreview();
  }

  private schedulePreview(): void {
    clearTimeout(this.timer);
    const item = this.item;
    const preview = this.previewReport;
    if (!item || !preview) return;
    const request = ++this.latest;
    this.previewState = 'loading';
    this.timer = setTimeout(async () => {
      try {
        const result = await preview(item);
        if (request !== this.latest) return;
        this.result = result;
        this.previewState = 'ready';
      } catch {
        if (request === this.latest) this.previewState = 'failed';
      }
    }, PREVIEW_DELAY_MS);
  }

  private change(item: ReportItem): void {
    this.item = item;
    emitItemChange(this, item);
  }

  private fieldOptions(item: ReportItem) {
    return factsOf(item.entity, this.entities, this.language)
      .filter((fact) => fact.comparison.of === undefined)
      .map((fact) => ({ value: fact.comparison.fact, label: fact.label }));
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const text = reportEditorText(this.language);
    return html`<section aria-labelledby="report-heading">
      <h2 id="report-heading">${text.heading}: ${item.label.ja}</h2>
      ${this.renderHeader(item)} ${this.renderMeasures(item)} ${this.renderGroupBys(item)} ${this.renderFilter(item)}
      <h3 id="preview-heading">${text.preview}</h3>
      <p role="status">${this.previewState === 'loading' ? text.previewLoading : this.previewState === 'failed' ? text.previewFailed : ''}</p>
      ${this.result ? html`<kiban-report .result=${this.result} .language=${this.language}></kiban-report>` : nothing}
    </section>`;
  }

  private renderHeader(item: ReportItem) {
    const { language, errors } = this;
    const text = reportEditorText(language);
    return html`<div class="controls">
      ${renderTextControl({ id: 'report-name', label: text.name, value: item.name, commitOn: 'change', errors: errorsAt(errors, '/name'), language, onValue: (name) => this.change({ ...item, name }) })}
      ${renderTextControl({ id: 'report-label-ja', label: text.labelJa, value: item.label.ja, errors: errorsAt(errors, '/label'), language, onValue: (ja) => this.change({ ...item, label: { ...item.label, ja } }) })}
      ${renderSelectControl({
        id: 'report-entity',
        label: text.entity,
        value: item.entity,
        options: this.entities.map((entity) => ({
          value: entity.name,
          label: localizedString(entity.label, language),
        })),
        errors: errorsAt(errors, '/entity'),
        language,
        onValue: (entity) =>
          this.change({
            ...item,
            entity,
            groupBy: [],
            filter: undefined,
            measures: item.measures.map(({ field: _, ...measure }) => measure),
          }),
      })}
      ${renderSelectControl({
        id: 'report-chart',
        label: text.chart,
        value: item.chart?.type ?? 'bar',
        options: CHARTS.map((type) => ({ value: type, label: text.charts[type] })),
        errors: errorsAt(errors, '/chart'),
        language,
        onValue: (type) => this.change({ ...item, chart: { ...item.chart, type } }),
      })}
      ${renderTextControl({
        id: 'report-minimum',
        label: text.minimumCellSize,
        type: 'number',
        value: item.minimumCellSize === undefined ? '' : String(item.minimumCellSize),
        errors: errorsAt(errors, '/minimumCellSize'),
        language,
        onValue: (value) => {
          const { minimumCellSize: _, ...rest } = item;
          this.change(value === '' ? rest : { ...rest, minimumCellSize: Number(value) });
        },
      })}
    </div>`;
  }

  private renderMeasures(item: ReportItem) {
    const { language, errors } = this;
    const text = reportEditorText(language);
    const fields = this.fieldOptions(item);
    const set = (i: number, measure: Measure) =>
      this.change({ ...item, measures: item.measures.map((each, j) => (j === i ? measure : each)) });
    return html`<fieldset>
      <legend>${text.measures}</legend>
      ${item.measures.map(
        (measure, i) => html`<div class="row">
          ${renderTextControl({ id: `measure-${i}-name`, label: text.measureName, value: measure.name, commitOn: 'change', errors: errorsAt(errors, `/measures/${i}/name`), language, onValue: (name) => set(i, { ...measure, name }) })}
          ${renderTextControl({ id: `measure-${i}-label`, label: text.measureLabel, value: measure.label.ja, errors: errorsAt(errors, `/measures/${i}/label`), language, onValue: (ja) => set(i, { ...measure, label: { ...measure.label, ja } }) })}
          ${renderSelectControl({ id: `measure-${i}-op`, label: text.op, value: measure.op, options: OPS.filter((op) => op !== 'ratio').map((op) => ({ value: op, label: text.ops[op] })), errors: errorsAt(errors, `/measures/${i}/op`), language, onValue: (op) => set(i, { ...measure, op }) })}
          ${renderSelectControl({
            id: `measure-${i}-field`,
            label: text.field,
            value: measure.field ?? '',
            options: [...(measure.op === 'count' ? [{ value: '', label: text.anyRow }] : []), ...fields],
            errors: errorsAt(errors, `/measures/${i}/field`),
            language,
            onValue: (field) => {
              const { field: _, ...rest } = measure;
              set(i, field === '' ? rest : { ...rest, field });
            },
          })}
          <button type="button" ?disabled=${item.measures.length === 1} @click=${() => this.change({ ...item, measures: item.measures.filter((_, j) => j !== i) })}>${text.remove}</button>
        </div>`,
      )}
      <button type="button" @click=${() => this.change({ ...item, measures: [...item.measures, { name: `measure${item.measures.length + 1}`, label: { ja: text.ops.count }, op: 'count' }] })}>${text.addMeasure}</button>
    </fieldset>`;
  }

  private renderGroupBys(item: ReportItem) {
    const { language, errors } = this;
    const text = reportEditorText(language);
    const fields = this.fieldOptions(item);
    const groupBys = item.groupBy ?? [];
    const set = (list: GroupBy[]) => this.change({ ...item, groupBy: list });
    return html`<fieldset>
      <legend>${text.groupBy}</legend>
      ${groupBys.map(
        (groupBy, i) => html`<div class="row">
          ${renderSelectControl({ id: `group-${i}-field`, label: text.field, value: groupBy.field, options: fields, errors: errorsAt(errors, `/groupBy/${i}/field`), language, onValue: (field) => set(groupBys.map((each, j) => (j === i ? { ...each, field } : each))) })}
          ${renderSelectControl({
            id: `group-${i}-bucket`,
            label: text.bucket,
            value: groupBy.bucket ?? '',
            options: [
              { value: '', label: text.noBucket },
              ...BUCKETS.map((bucket) => ({ value: bucket, label: text.buckets[bucket] })),
            ],
            errors: errorsAt(errors, `/groupBy/${i}/bucket`),
            language,
            onValue: (bucket) => {
              const { bucket: _, ...rest } = groupBy;
              set(groupBys.map((each, j) => (j === i ? (bucket === '' ? rest : { ...rest, bucket }) : each)));
            },
          })}
          <button type="button" @click=${() => set(groupBys.filter((_, j) => j !== i))}>${text.remove}</button>
        </div>`,
      )}
      <button type="button" ?disabled=${groupBys.length >= 3 || fields.length === 0} @click=${() => set([...groupBys, { field: fields[0]?.value ?? '' }])}>${text.addGroupBy}</button>
    </fieldset>`;
  }

  private renderFilter(item: ReportItem) {
    const { language } = this;
    const text = reportEditorText(language);
    const fields = this.fieldOptions(item);
    if (!item.filter) {
      return html`<button type="button" ?disabled=${fields.length === 0} @click=${() => this.change({ ...item, filter: { fact: fields[0]?.value ?? '', op: 'isNotNull' } })}>${text.addFilter}</button>`;
    }
    // The rule editor's tree reads errors at /condition; a report's filter is at /filter.
    const errors = this.errors.map((error) => ({
      ...error,
      pointer: error.pointer.replace(/^\/filter/, '/condition'),
    }));
    return html`<fieldset>
      <legend>${text.filter}</legend>
      ${renderConditionTree({
        root: item.filter,
        facts: factsOf(item.entity, this.entities, language),
        errors,
        language,
        onRoot: (filter: RuleCondition) => this.change({ ...item, filter }),
      })}
      <button type="button" @click=${() => {
        const { filter: _, ...rest } = item;
        this.change(rest);
      }}>${text.removeFilter}</button>
    </fieldset>`;
  }
}
