// A small SVG line chart for the Metrics page: time on x, one line per series, a legend.

import { el } from './lib.js';

const COLORS = ['#1d2330', '#2f5fd0', '#d0562f', '#2f9a55', '#8a3fd0', '#c49a00', '#1a9bb0', '#b0306a', '#7a8597', '#6b4f1d',
  '#0f6e6e', '#d08a2f'];
const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 48, right: 8, top: 10, bottom: 22 };

function svg(tag, attributes = {}, ...children) {
  return el(tag, { ...attributes, svg: true }, ...children);
}

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= value);
}

/**
 * @param title what the chart shows, also its accessible name
 * @param series [{name, points: [[timeMs, value or null], ...]}]
 * @param unit shown on the y axis
 */
export function lineChart(title, series, unit) {
  const times = series.flatMap((s) => s.points.map((p) => p[0]));
  const values = series.flatMap((s) => s.points.map((p) => p[1]).filter((v) => v != null));
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title });
  if (times.length < 2) {
    chart.append(svg('text', { x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle', class: 'chart-empty' }, 'Collecting samples…'));
    return el('figure', {}, el('figcaption', {}, title), chart);
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = niceMax(Math.max(...values, 0));
  const x = (t) => PAD.left + ((t - t0) / Math.max(t1 - t0, 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  for (const fraction of [0, 0.5, 1]) {
    const v = top * fraction;
    chart.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: PAD.left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, `${+v.toPrecision(3)}`));
  }
  chart.append(svg('text', { x: PAD.left, y: HEIGHT - 4, class: 'axis' }, new Date(t0).toLocaleTimeString()),
    svg('text', { x: WIDTH - PAD.right, y: HEIGHT - 4, 'text-anchor': 'end', class: 'axis' }, new Date(t1).toLocaleTimeString()),
    svg('text', { x: PAD.left + 4, y: PAD.top + 10, class: 'axis' }, unit));
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    // A gap (null) in a series breaks its line rather than drawing it to zero.
    let d = '';
    let pen = 'M';
    for (const [t, v] of s.points) {
      if (v == null) {
        pen = 'M';
      } else {
        d += `${pen}${x(t).toFixed(1)},${y(v).toFixed(1)} `;
        pen = 'L';
      }
    }
    if (d) chart.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': 2 }, svg('title', {}, s.name)));
  });
  const legend = el('ul', { class: 'legend' }, series.map((s, i) => el('li', {},
    svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, svg('rect', { width: 12, height: 12, fill: COLORS[i % COLORS.length] })),
    ` ${s.name}`)));
  return el('figure', {}, el('figcaption', {}, title), chart, legend);
}
