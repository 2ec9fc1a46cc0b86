import { expect } from '@esm-bundle/chai';
import type { DashboardView, RecordChangeSource, ReportResult } from '../src/components/report/index.ts';
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
    {
      name: 'by-ward',
      label: { ja: '区別' },
      entity: 'Application',
      parameters: [{ name: 'from', type: 'date', label: { ja: '開始日' } }],
    },
    { name: 'by-channel', label: { ja: '受付方法別' }, entity: 'Inquiry' },
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

/** The realtime connection as the dashboard uses it: rooms joined, and notices the test sends into them. */
class ChangeNotices implements RecordChangeSource {
  connected = true;
  readonly rooms = new Map<string, () => void>();

  subscribe(channel: string, room: string, listener: () => void): () => void {
    this.rooms.set(`${channel}/${room}`, listener);
    return () => this.rooms.delete(`${channel}/${room}`);
  }

  notify(room: string): void {
    this.rooms.get(`records/${room}`)?.();
  }
}

describe('<kiban-dashboard>', () => {
  const realFetch = window.fetch;
  let runs: { url: string; body: unknown }[] = [];
  let served: DashboardView = view;
  let notices: ChangeNotices;
  const mountDashboard = () => mount('kiban-dashboard', { realtime: notices, name: 'overview' });
  beforeEach(() => {
    runs = [];
    served = view;
    notices = new ChangeNotices();
    window.fetch = async (input, init) => {
      const url = String(input);
      if (url.startsWith('/api/reports/dashboards/')) return Response.json(served);
      runs.push({ url, body: JSON.parse(String(init?.body ?? 'null')) });
      return Response.json(result(url.split('/')[3]));
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    history.replaceState(null, '', location.pathname);
    unmountAll();
  });

  it('says once every report has drawn its chart or table (data-drawn, kiban-dashboard-drawn)', async () => {
    let announced = 0;
    const count = () => announced++;
    document.addEventListener('kiban-dashboard-drawn', count);
    const dashboard = await mountDashboard();
    await waitUntil(() => dashboard.hasAttribute('data-drawn'));
    const reports = shadowAll<HTMLElement & { drawn: boolean }>(dashboard, 'kiban-report');
    expect(reports.map((report) => report.drawn)).to.deep.equal([true, true]);
    // The bar chart of the first report is in the page by then; the second is a table.
    expect(reports[0].shadowRoot?.querySelector('.chart svg')).to.not.equal(null);
    document.removeEventListener('kiban-dashboard-drawn', count);
    expect(announced).to.equal(1);
  });

  it('lays out its reports and passes the shared filter only to the reports that take it', async () => {
    const dashboard = await mountDashboard();
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    const cells = shadowAll<HTMLElement>(dashboard, '.cell');
    expect(cells.map((cell) => getComputedStyle(cell).gridColumnStart)).to.deep.equal(['span 8', 'span 4']);
    typeInto(shadow<HTMLInputElement>(dashboard, 'input[name=from]'), '2026-04-01');
    shadow<HTMLButtonElement>(dashboard, 'form button[type=submit]').click();
    await waitUntil(() => runs.length >= 3);
    expect(runs).to.have.length(3);
    expect(runs[2]).to.deep.equal({ url: '/api/reports/by-ward/run', body: { parameters: { from: '2026-04-01' } } });
    expect(location.search).to.equal('?from=2026-04-01');
  });

  it('opens a shared link with its filter values from the address', async () => {
    history.replaceState(null, '', `${location.pathname}?from=2026-05-01`);
    const dashboard = await mountDashboard();
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    const byWard = runs.find((run) => run.url === '/api/reports/by-ward/run');
    expect(byWard?.body).to.deep.equal({ parameters: { from: '2026-05-01' } });
    expect(shadow<HTMLInputElement>(dashboard, 'input[name=from]').value).to.equal('2026-05-01');
  });

  it('can pause its auto-refresh, and passes axe', async () => {
    const dashboard = await mountDashboard();
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

  it('runs its reports again when records of their entities change, and stops listening when paused', async () => {
    const dashboard = await mountDashboard();
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    expect([...notices.rooms.keys()].sort()).to.deep.equal(['records/Application', 'records/Inquiry']);
    notices.notify('Inquiry');
    await waitUntil(() => runs.length === 4);
    expect(
      runs
        .slice(2)
        .map((run) => run.url)
        .sort(),
    ).to.deep.equal(['/api/reports/by-channel/run', '/api/reports/by-ward/run']);
    shadow<HTMLButtonElement>(dashboard, 'p button').click();
    await settle(dashboard);
    expect(notices.rooms.size).to.equal(0);
  });

  it('polls while the realtime connection is down', async () => {
    served = { ...view, dashboard: { ...view.dashboard, refreshSeconds: 1 } };
    notices.connected = false;
    const dashboard = await mountDashboard();
    await waitUntil(() => runs.length === 2);
    await settle(dashboard);
    await waitUntil(() => runs.length >= 4, 8000);
    expect(runs.slice(2).map((run) => run.url)).to.include('/api/reports/by-ward/run');
  });
});
