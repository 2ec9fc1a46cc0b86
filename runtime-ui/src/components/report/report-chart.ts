import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { localize } from '../../i18n/localize.ts';
import type { Language } from '../../metadata/index.ts';
import type { ChartType, ReportResult } from './report-types.ts';
import type { WardMap } from './ward-map.ts';

// Only what the report charts use, so that the lazily loaded chunk stays small.
echarts.use([
  BarChart,
  LineChart,
  MapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

const WARD_MAP = 'kiban-wards';

/**
 * Draws the result into `element` (SVG) and answers a function that disposes of the chart.
 * Suppressed cells are left out of the chart: the table beside it shows them as ＊. A map
 * colours the wards of `wardMap` whose name is the label of the first group-by.
 */
export function drawReportChart(
  element: HTMLElement,
  result: ReportResult,
  type: ChartType,
  measure: number,
  language: Language,
  wardMap?: WardMap,
): () => void {
  const chart = echarts.init(element, undefined, { renderer: 'svg' });
  const text = (value: { ja: string }) => localize(value as never, language).text;
  const value = (row: ReportResult['cells'][number]) => (row.suppressed ? null : Number(row.values[measure]));
  const cells = result.cells;
  if (type === 'map' && wardMap) {
    echarts.registerMap(WARD_MAP, wardMap.geojson as never);
    const values = cells.map(value).filter((each): each is number => each !== null);
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item' },
      visualMap: { min: Math.min(0, ...values), max: Math.max(1, ...values), calculable: true, left: 'left' },
      series: [
        {
          type: 'map',
          map: WARD_MAP,
          nameProperty: wardMap.nameProperty,
          name: text(result.measures[measure].label),
          data: cells.map((row) => ({ name: text(row.labels[0]), value: value(row) })),
        },
      ],
    });
  } else if (type === 'pie' || type === 'donut') {
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: type === 'donut' ? ['40%', '70%'] : '70%',
          data: cells.map((row) => ({ name: row.labels.map(text).join(' / '), value: value(row) })),
        },
      ],
    });
  } else if (result.dimensions.length >= 2) {
    // The first dimension along the axis, one series per value of the second.
    const categories = [...new Set(cells.map((row) => text(row.labels[0])))];
    const seriesNames = [...new Set(cells.map((row) => text(row.labels[1])))];
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll' },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value' },
      series: seriesNames.map((name) => ({
        name,
        type: type === 'line' ? 'line' : 'bar',
        stack: type === 'stackedBar' ? 'total' : undefined,
        data: categories.map((category) => {
          const row = cells.find((each) => text(each.labels[0]) === category && text(each.labels[1]) === name);
          return row ? value(row) : null;
        }),
      })),
    });
  } else {
    chart.setOption({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: cells.map((row) => row.labels.map(text).join(' / ')) },
      yAxis: { type: 'value' },
      series: [
        { type: type === 'line' ? 'line' : 'bar', data: cells.map(value), name: text(result.measures[measure].label) },
      ],
    });
  }
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
