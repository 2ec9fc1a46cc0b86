import { el } from './common.js';

const SVG = 'http://www.w3.org/2000/svg';
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 40;
const LABEL_WIDTH = 140;
const CHART_WIDTH = 520;
/** Colours with a contrast of at least 3:1 against white, as WCAG 1.4.11 asks of graphics. */
const COLOURS = { waiting: '#b3261e', active: '#1f5fa8' };

function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/**
 * Waiting and active conversations per queue as horizontal bars, drawn from the pushed KPIs.
 * The numbers are in the table beside it; the chart is an image whose text says the same, and
 * each bar carries its value as text, so no reader depends on colour.
 */
export function queueChart(kpis, t) {
  const largest = Math.max(1, ...kpis.queues.flatMap((q) => [q.waiting, q.active]));
  const scale = (value) => ((CHART_WIDTH - LABEL_WIDTH - 40) * value) / largest;
  const rows = kpis.queues.map((q, i) => {
    const y = i * ROW_HEIGHT + 4;
    const bar = (kind, value, offset) =>
      svg('g', {}, [
        svg('rect', {
          x: LABEL_WIDTH,
          y: y + offset,
          width: Math.max(1, scale(value)),
          height: BAR_HEIGHT,
          fill: COLOURS[kind],
        }),
        svg('text', { x: LABEL_WIDTH + scale(value) + 6, y: y + offset + BAR_HEIGHT - 3, 'font-size': 12 }, [
          `${t.bars[kind]} ${value}`,
        ]),
      ]);
    return svg('g', {}, [
      svg('text', { x: 0, y: y + BAR_HEIGHT + 4, 'font-size': 13 }, [q.queue]),
      bar('waiting', q.waiting, 0),
      bar('active', q.active, BAR_HEIGHT + 2),
    ]);
  });
  const height = Math.max(ROW_HEIGHT, kpis.queues.length * ROW_HEIGHT);
  const summary = kpis.queues.map((q) => t.chartSummary(q.queue, q.waiting, q.active)).join('。');
  const image = svg('svg', { viewBox: `0 0 ${CHART_WIDTH} ${height}`, width: CHART_WIDTH, height, role: 'img' }, [
    svg('title', {}, [summary || t.chart]),
    ...rows,
  ]);
  image.setAttribute('aria-label', summary || t.chart);
  return el('figure', {}, [el('figcaption', { textContent: t.chart }), image]);
}
