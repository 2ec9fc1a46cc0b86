import { expect } from '@esm-bundle/chai';
import type { ReportResult } from '../src/components/report/index.ts';
import { defineReportElements } from '../src/components/report/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { mount, settle, shadow, shadowAll, unmountAll, waitUntil } from './support/mount.ts';

defineReportElements();

const label = (ja: string) => ({ ja, en: ja });
const result: ReportResult = {
  report: {
    name: 'by-channel',
    label: { ja: '受付方法別', en: 'By channel' },
    entity: 'Application',
    chart: { type: 'bar' },
  },
  parameters: { from: '2026-04-01' },
  dimensions: [{ name: 'channel', field: 'channel', label: { ja: '受付方法', en: 'Channel' } }],
  measures: [
    { name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' },
    { name: 'total', label: { ja: '金額計', en: 'Total' }, op: 'sum' },
  ],
  cells: [
    { keys: ['web'], labels: [label('ウェブ')], values: [5, 1234.5], suppressed: false },
    { keys: ['phone'], labels: [label('電話')], values: [null, null], suppressed: true },
    { keys: ['window'], labels: [label('窓口')], values: [null, null], suppressed: true },
  ],
  subtotals: [],
  total: { keys: [null], labels: [label('（未設定）')], values: [9, 2135], suppressed: false },
  minimumCellSize: 3,
  ranAt: '2026-06-01T00:00:00.000Z',
};

describe('<kiban-report>', () => {
  const realFetch = window.fetch;
  let requests: { url: string; body: unknown }[] = [];
  beforeEach(() => {
    requests = [];
    window.fetch = async (input, init) => {
      requests.push({ url: String(input), body: JSON.parse(String(init?.body ?? 'null')) });
      return new Response(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    unmountAll();
  });

  it('runs the report with its parameters and shows every number in a table, suppressed ones as ＊', async () => {
    const report = await mount('kiban-report', { name: 'by-channel', parameters: { from: '2026-04-01' } });
    await waitUntil(() => report.status === 'ready');
    await settle(report);
    expect(requests[0]).to.deep.equal({
      url: '/api/reports/by-channel/run',
      body: { parameters: { from: '2026-04-01' } },
    });
    const cells = (row: Element) => [...row.children].map((cell) => cell.textContent?.trim()).join('|');
    expect(shadowAll(report, 'tbody tr').map(cells)).to.deep.equal(['ウェブ|5|1,234.5', '電話|＊|＊', '窓口|＊|＊']);
    expect(shadow(report, 'tbody abbr').getAttribute('title')).to.equal('秘匿');
    expect(cells(shadow(report, 'tfoot tr'))).to.equal('計|9|2,135');
    expect(shadow(report, 'caption').textContent).to.equal('受付方法別（表）');
    expect(shadow<HTMLAnchorElement>(report, 'a[download]').getAttribute('href')).to.equal(
      '/api/reports/by-channel/export.csv?from=2026-04-01',
    );
  });

  it('draws the chart from the lazily loaded library, labelled, beside the table', async () => {
    const report = await mount('kiban-report', { name: 'by-channel' });
    await waitUntil(() => report.status === 'ready');
    await settle(report);
    const chart = shadow(report, '.chart');
    await waitUntil(() => chart.querySelector('svg') !== null);
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-label')).to.contain('受付方法別');
  });

  it('drills down from a cell to the records behind it', async () => {
    const report = await mount('kiban-report', {
      name: 'by-channel',
      recordHref: (entity: string, id: string) => `/staff/records/${entity}/${id}`,
    });
    await waitUntil(() => report.status === 'ready');
    await settle(report);
    window.fetch = async (input, init) => {
      requests.push({ url: String(input), body: JSON.parse(String(init?.body ?? 'null')) });
      return new Response(JSON.stringify({ items: [{ id: 'r1' }, { id: 'r2' }], more: false }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    shadow<HTMLButtonElement>(report, 'tbody th button').click();
    await waitUntil(() => report.drill !== undefined);
    await settle(report);
    expect(requests.at(-1)).to.deep.equal({
      url: '/api/reports/by-channel/records',
      body: { parameters: {}, keys: ['web'] },
    });
    expect(
      shadowAll<HTMLAnchorElement>(report, '#drill-title ~ ul a').map((link) => link.getAttribute('href')),
    ).to.deep.equal(['/staff/records/Application/r1', '/staff/records/Application/r2']);
    expect(await accessibilityViolations(report)).to.deep.equal([]);
  });

  it('passes axe with its chart, table and suppressed cells', async () => {
    const report = await mount('kiban-report', { name: 'by-channel', language: 'en' });
    await waitUntil(() => report.status === 'ready');
    await settle(report);
    await waitUntil(() => shadow(report, '.chart').querySelector('svg') !== null);
    expect(await accessibilityViolations(report)).to.deep.equal([]);
  });
});
