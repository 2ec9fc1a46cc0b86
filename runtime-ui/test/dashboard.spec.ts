import { expect } from '@esm-bundle/chai';
import type { DashboardView, ReportResult } from '../src/components/report/index.ts';
import { defineReportElements } from '../src/components/report/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { mount, settle, shadow, shadowAll, typeInto, unmountAll, waitUntil } from './support/mount.ts';

defineReportElements();

const view: DashboardView = {
  dashboard: {
    name: 'overview',
    label: { ja: '概況', en: 'Overview' },
    parameters: [{ name: 'from', type: 'date', label: { ja: '開始日', en: 'From' } }],
    reports: [
      { report: 'by-ward', width: 8 },
      { report: 'by-channel', width: 4, chart: { type: 'table' } },
    ],
    refreshSeconds: 60,
  },
  reports: [
    { name: 'by-ward', label: { ja: '区別' }, parameters: [{ name: 'from', type: 'date', label: { ja: '開始日' } }] },
    { name: 'by-channel', label: { ja: '受付方法別' } },
  ],
};

const result = (name: string): ReportResult => ({
  report: { name, label: { ja: name }, entity: 'Application', chart: { type: 'bar' } },
  parameters: {},
  dimensions: [{ name: 'ward', field: 'ward', label: { ja: '区' } }],
  measures: [{ name: 'n', label: { ja: '件数' }, op: 'count' }],
  cells: [{ keys: ['kita'], labels: [{ ja: '北区' }], values: [4], suppressed: false }],
  subtotals: [],
  total: { keys: [null], labels: [{ ja: '計' }], values: [4], suppressed: false },
  ranAt: '2026-06-01T00:00:00Z',
});

describe('<kiban-dashboard>', () => {
  const realFetch = window.fetch;
  let runs: { url: string; body: unknown }[] = [];
  beforeEach(() => {
    runs = [];
    window.fetch = async (input, init) => {
      const url = String(input);
      if (url.startsWith('/api/reports/dashboards/')) return Response.json(view);
      runs.push({ url, body: JSON.parse(String(init?.body ?? 'null')) });
      return Response.json(result(url.split('/')[3]));
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    history.replaceState(null, '', location.pathname);
    unmountAll();
  });

  it('lays out its reports and passes the shared filter only to the reports that take it', async () => {
    const dashboard = await mount('kiban-dashboard', { name: 'overview' });
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    const cells = shadowAll<HTMLElement>(dashboard, '.cell');
    expect(cells.map((cell) => cell.style.gridColumn)).to.deep.equal(['span 8', 'span 4']);
    typeInto(shadow<HTMLInputElement>(dashboard, 'input[name=from]'), '2026-04-01');
    shadow<HTMLButtonElement>(dashboard, 'form button[type=submit]').click();
    await waitUntil(() => runs.length >= 3);
    expect(runs).to.have.length(3);
    expect(runs[2]).to.deep.equal({ url: '/api/reports/by-ward/run', body: { parameters: { from: '2026-04-01' } } });
    expect(location.search).to.equal('?from=2026-04-01');
  });

  it('opens a shared link with its filter values from the address', async () => {
    history.replaceState(null, '', `${location.pathname}?from=2026-05-01`);
    const dashboard = await mount('kiban-dashboard', { name: 'overview' });
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    const byWard = runs.find((run) => run.url === '/api/reports/by-ward/run');
    expect(byWard?.body).to.deep.equal({ parameters: { from: '2026-05-01' } });
    expect(shadow<HTMLInputElement>(dashboard, 'input[name=from]').value).to.equal('2026-05-01');
  });

  it('can pause its auto-refresh, and passes axe', async () => {
    const dashboard = await mount('kiban-dashboard', { name: 'overview' });
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    const pause = shadow<HTMLButtonElement>(dashboard, 'p button');
    expect(pause.textContent?.trim()).to.equal('自動更新を止める');
    pause.click();
    await settle(dashboard);
    expect(pause.textContent?.trim()).to.equal('自動更新を再開');
    for (const report of shadowAll(dashboard, 'kiban-report'))
      await waitUntil(() => (report as never as { status: string }).status === 'ready');
    expect(await accessibilityViolations(dashboard)).to.deep.equal([]);
  });
});
