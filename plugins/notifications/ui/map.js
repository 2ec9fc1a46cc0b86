import { BASE, el, text } from './common.js';

const WIDTH = 600;
const HEIGHT = 400;
const MARGIN = 24;
const SVG = 'http://www.w3.org/2000/svg';

/**
 * The items with a place on a map: Leaflet over the tile layer from the plugin's settings,
 * or — with no tiles configured, or Leaflet failing to load — a plain plot of the
 * coordinates. Either way a list of the places follows, which is what a screen reader reads.
 */
export function renderMap(host, items, tiles) {
  const t = text(host);
  const placed = items.filter((item) => item.latitude !== null && item.longitude !== null);
  if (placed.length === 0) return el('p', { textContent: t.noPlace });
  const figure = el('figure', { className: 'map' });
  if (tiles) {
    drawLeaflet(figure, placed, tiles, t).catch(() => figure.replaceChildren(plot(placed, t)));
  } else {
    figure.append(plot(placed, t));
  }
  const places = el(
    'ol',
    { className: 'places' },
    placed.map((item) =>
      el('li', {
        textContent: `${item.title}${item.place ? `（${item.place}）` : ''} ${item.latitude}, ${item.longitude}`,
      }),
    ),
  );
  return el('section', {}, [figure, places]);
}

/** An equirectangular plot of the points, scaled to fit, numbered as in the list below it. */
function plot(placed, t) {
  const lats = placed.map((item) => item.latitude);
  const lons = placed.map((item) => item.longitude);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  // A degree of longitude is shorter than one of latitude away from the equator.
  const squeeze = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max((east - west) * squeeze, 1e-6);
  const spanY = Math.max(north - south, 1e-6);
  const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t.plotLabel(placed.length));
  const frame = document.createElementNS(SVG, 'rect');
  for (const [name, value] of Object.entries({
    x: 0,
    y: 0,
    width: WIDTH,
    height: HEIGHT,
    fill: '#f4f7fb',
    stroke: '#55606e',
  })) {
    frame.setAttribute(name, String(value));
  }
  svg.append(frame);
  for (const [index, item] of placed.entries()) {
    const x = MARGIN + (item.longitude - west) * squeeze * scale;
    const y = HEIGHT - MARGIN - (item.latitude - south) * scale;
    const point = document.createElementNS(SVG, 'circle');
    for (const [name, value] of Object.entries({ cx: x, cy: y, r: 7, fill: '#0b5cad' }))
      point.setAttribute(name, String(value));
    const label = document.createElementNS(SVG, 'text');
    for (const [name, value] of Object.entries({ x: x + 10, y: y + 5, fill: '#1a1a1a', 'font-size': 14 })) {
      label.setAttribute(name, String(value));
    }
    label.textContent = String(index + 1);
    svg.append(point, label);
  }
  return svg;
}

/** Leaflet (served by the plugin from its own dependency) with circle markers: no marker images to fetch. */
async function drawLeaflet(figure, placed, tiles, t) {
  if (!document.querySelector('link[data-notifications-leaflet]')) {
    document.head.append(
      el('link', { rel: 'stylesheet', href: `${BASE}/vendor/leaflet.css`, 'data-notifications-leaflet': '' }),
    );
  }
  const L = await import(`${BASE}/vendor/leaflet.js`);
  const container = el('div', { className: 'leaflet-map', role: 'region', ariaLabel: t.mapLabel });
  // CSSOM, which the portal's style-src 'self' allows; Leaflet needs a sized container.
  container.style.height = '24rem';
  figure.replaceChildren(container);
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(tiles.tileUrl, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  for (const item of placed) {
    L.circleMarker([item.latitude, item.longitude], { radius: 8 }).bindTooltip(item.title).addTo(map);
  }
  map.fitBounds(
    placed.map((item) => [item.latitude, item.longitude]),
    { padding: [30, 30], maxZoom: 15 },
  );
}
