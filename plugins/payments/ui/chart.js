const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 360;
const HEIGHT = 120;
const PAD = 8;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/**
 * A campaign's burn-down as a small line chart: the budget left after each day with grants,
 * from the full budget on the left down to what is left now. `label` describes it in words.
 */
export function burnDownChart(budget, rows, label) {
  const points = [[0, budget], ...rows.map((row, index) => [index + 1, Number(row[2])])];
  const x = (i) => PAD + (i / Math.max(points.length - 1, 1)) * (WIDTH - 2 * PAD);
  const y = (value) => PAD + (1 - value / budget) * (HEIGHT - 2 * PAD);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    role: 'img',
    'aria-label': label,
  });
  chart.append(
    svg('line', { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH - PAD, y2: HEIGHT - PAD, stroke: '#595959' }),
    svg('line', { x1: PAD, y1: PAD, x2: PAD, y2: HEIGHT - PAD, stroke: '#595959' }),
    svg('polyline', {
      points: points.map(([i, value]) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(' '),
      fill: 'none',
      stroke: '#0031d8',
      'stroke-width': 2,
    }),
  );
  return chart;
}
