import { expect } from '@esm-bundle/chai';
import type { ReportResult } from '../src/components/report/index.ts';
import { defineReportElements } from '../src/components/report/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { mount, settle, shadow, shadowAll, unmountAll, waitUntil } from './support/mount.ts';

defineReportElements();

const label = (ja: string) => ({ ja, en: ja });
const square = (x: number) => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ],
];
const WARDS = {
  geojson: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { ward: '中央区' }, geometry: { type: 'Polygon', coordinates: square(0) } },
      { type: 'Feature', properties: { ward: '北区' }, geometry: { type: 'Polygon', coordinates: square(1) } },
    ],
  },
  nameProperty: 'ward',
};

const result: ReportResult = {
  report: {
    name: 'by-ward',
    label: { ja: '区別の申請', en: 'By ward' },
    entity: 'Application',
    chart: { type: 'map' },
  },
  parameters: {},
  dimensions: [{ name: 'ward', field: 'ward', label: { ja: '区', en: 'Ward' } }],
  measures: [{ name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' }],
  cells: [
    { keys: ['chuo'], labels: [label('中央区')], values: [12], suppressed: false },
    { keys: ['kita'], labels: [label('北区')], values: [30], suppressed: false },
  ],
  subtotals: [],
  total: { keys: [null], labels: [label('計')], values: [42], suppressed: false },
  ranAt: '2026-06-01T00:00:00.000Z',
};

/** A map chart: the wards coloured from the city's GeoJSON, or the table alone when there is none. */
describe('<kiban-report> as a ward map', () => {
  const realFetch = window.fetch;
  beforeEach(() => {
    window.fetch = async (input) => {
      const url = String(input);
      if (url === '/with-map/api/reports/map') return Response.json(WARDS);
      if (url.endsWith('/api/reports/map'))
        return Response.json({ status: 404, code: 'reports.noMap' }, { status: 404 });
      return Response.json(result);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    unmountAll();
  });

  it('colours the wards of the configured map beside the table, and passes axe', async () => {
    const report = await mount('kiban-report', { name: 'by-ward', apiBase: '/with-map' });
    await waitUntil(() => report.status === 'ready' && report.wardMap !== undefined);
    await settle(report);
    const chart = shadow(report, '.chart');
    await waitUntil(() => chart.querySelectorAll('svg path').length >= 2, 5000);
    expect(chart.getAttribute('aria-label')).to.contain('区別の申請');
    expect(shadowAll(report, 'tbody tr')).to.have.length(2);
    expect(await accessibilityViolations(report)).to.deep.equal([]);
  });

  it('shows the table with a note, and no chart, when the city set no map', async () => {
    const report = await mount('kiban-report', { name: 'by-ward', apiBase: '/without-map' });
    await waitUntil(() => report.status === 'ready' && report.wardMap === null);
    await settle(report);
    expect(report.shadowRoot?.querySelector('.chart')).to.equal(null);
    expect(shadowAll(report, '.note').map((note) => note.textContent?.trim())).to.include(
      '区の地図が設定されていないため、表で示します。',
    );
    expect(shadowAll(report, 'tbody tr')).to.have.length(2);
    expect(await accessibilityViolations(report)).to.deep.equal([]);
  });
});
