// Metrics: GET /metrics sampled every 2 s and turned into operations per second and latency over
// time, per operation; errors highlighted; storage and queue gauges; the Prometheus endpoint.

import { API, api, card, el, every, formatBytes, info, number, statusLine } from './lib.js';
import { lineChart } from './chart.js';
import { operationRates } from './rates.js';

const SAMPLE_MS = 2000;
const KEPT = 150; // five minutes of samples

export async function metrics(page, { signal }) {
  const status = statusLine();
  const gauges = el('div', { class: 'cards', 'data-test': 'gauges' });
  const charts = el('div', { class: 'charts' });
  const table = el('table', { class: 'operations' });
  page.append(
    el('p', {}, 'Prometheus scrapes ', el('a', { href: `${API}/metrics/prometheus`, target: '_blank', rel: 'noopener' }, `${API}/metrics/prometheus`),
      el('span', { class: 'muted' }, ' (text format 0.0.4, or OpenMetrics when asked; with the bearer token when the host has one).')),
    status.node, gauges, charts, el('div', { class: 'scroll' }, table));

  const served = await info().catch((error) => {
    status.error(error);
    return null;
  });
  if (!served) return;
  if (!served.metrics) {
    status.error(new Error('Metrics are switched off on this host (plugin setting metrics.enabled: false).'));
    return;
  }
  const rates = operationRates();
  const history = [];
  await every(SAMPLE_MS, signal, async () => {
    const current = await api('/metrics', { signal });
    const rate = rates.add(current);
    if (rate) {
      history.push(rate);
      if (history.length > KEPT) history.shift();
    }
    status.clear();
    render(current, rate);
  }, (error) => status.error(error));

  function render(current, rate) {
    const { storage, queue } = current;
    gauges.replaceChildren(
      card('Entries', number(storage.entries)), card('Size of entries', formatBytes(storage.sizeBytes)),
      card('Queue pending', number(queue.pending)), card('Processing', number(queue.processing)),
      card('Dead letters', number(queue.dlq), { alarm: queue.dlq > 0 }), card('Queue total', number(queue.total)));
    const names = Object.keys(current.operations.operations).sort();
    const seriesOf = (pick) => names.map((name) => ({
      name, points: history.map((h) => [h.at, h.ops[name] ? pick(h.ops[name]) : null]),
    }));
    charts.replaceChildren(
      lineChart('Operations per second', [{ name: 'all', points: history.map((h) => [h.at, h.total]) }, ...seriesOf((o) => o.rate)], 'ops/s'),
      lineChart('Mean latency per interval', seriesOf((o) => o.latencyMs), 'ms'),
      lineChart('Errors per interval', [{ name: 'errors', points: history.map((h) => [h.at, h.errors]) }], 'errors'));
    const totals = current.operations.totals;
    table.replaceChildren(
      el('thead', {}, el('tr', {}, ['Operation', 'Calls', 'Errors', 'Error rate', 'Mean latency', 'Now (ops/s)'].map((h) => el('th', {}, h)))),
      el('tbody', {}, names.map((name) => {
        const op = current.operations.operations[name];
        return el('tr', { class: op.errors > 0 ? 'has-errors' : '', 'data-operation': name },
          el('td', {}, name), el('td', {}, number(op.count)),
          el('td', { class: op.errors > 0 ? 'error-text' : '' }, number(op.errors)),
          el('td', {}, op.count ? `${((op.errors / op.count) * 100).toFixed(2)} %` : '–'),
          el('td', {}, `${op.avgLatencyMs.toFixed(3)} ms`),
          el('td', {}, rate && rate.ops[name] ? rate.ops[name].rate.toFixed(1) : '–'));
      })),
      el('tfoot', {}, el('tr', {}, el('th', {}, 'All'), el('th', {}, number(totals.operations)),
        el('th', { class: totals.errors > 0 ? 'error-text' : '' }, number(totals.errors)), el('th', {}, ''), el('th', {}, ''),
        el('th', {}, rate ? rate.total.toFixed(1) : '–'))));
  }
}
