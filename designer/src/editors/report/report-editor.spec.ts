import { expect } from '@esm-bundle/chai';
import type { ReportResult } from '@kiban/runtime-ui/report';
import { residentEntities } from '../rule/resident-fixtures.ts';
import { seriousViolations } from '../test-support/axe.ts';
import { mount, settle, shadow, unmountAll } from '../test-support/mount.ts';
import { defineReportEditor } from './index.ts';
import type { ReportItem } from './kiban-report-editor.ts';

defineReportEditor();

const item: ReportItem = {
  kind: 'report',
  name: 'residents-by-ward',
  label: { ja: '区別の住民' },
  entity: 'Resident',
  groupBy: [{ field: 'household.ward' }],
  measures: [{ name: 'residents', label: { ja: '人数' }, op: 'count' }],
};

const result = (count: number): ReportResult => ({
  report: { name: item.name, label: item.label, entity: 'Resident' },
  parameters: {},
  dimensions: [{ name: 'household_ward', field: 'household.ward', label: { ja: '世帯・区' } }],
  measures: [{ name: 'residents', label: { ja: '人数' }, op: 'count' }],
  cells: [{ keys: ['kita'], labels: [{ ja: '北区' }], values: [count], suppressed: false }],
  subtotals: [],
  total: { keys: [null], labels: [{ ja: '計' }], values: [count], suppressed: false },
  ranAt: '2026-06-01T00:00:00Z',
});

async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 3000) throw new Error(`Timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('<kiban-report-editor>', () => {
  afterEach(unmountAll);

  it('runs the report being edited and shows its result, again after each change', async () => {
    const asked: ReportItem[] = [];
    const changes: ReportItem[] = [];
    const editor = await mount('kiban-report-editor', {
      item,
      entities: residentEntities,
      previewReport: async (report: ReportItem) => {
        asked.push(report);
        return result(asked.length * 10);
      },
    });
    editor.addEventListener('item-change', (event) =>
      changes.push((event as CustomEvent<{ item: ReportItem }>).detail.item),
    );
    await until(() => editor.previewState === 'ready');
    await settle(editor);
    const report = shadow(editor, 'kiban-report');
    await until(() => report.shadowRoot?.querySelector('tbody td.number')?.textContent === '10');
    const op = shadow<HTMLSelectElement>(editor, '#measure-0-op');
    op.value = 'sum';
    op.dispatchEvent(new Event('change'));
    expect(changes.at(-1)?.measures[0].op).to.equal('sum');
    await until(() => asked.length === 2);
    expect(asked[1].measures[0].op).to.equal('sum');
    shadow<HTMLButtonElement>(editor, 'fieldset:nth-of-type(2) > button').click();
    expect(changes.at(-1)?.groupBy).to.have.length(2);
  });

  it('has no serious accessibility violations', async () => {
    const editor = await mount('kiban-report-editor', {
      item,
      entities: residentEntities,
      previewReport: async () => result(3),
    });
    await until(() => editor.previewState === 'ready');
    await settle(editor);
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
