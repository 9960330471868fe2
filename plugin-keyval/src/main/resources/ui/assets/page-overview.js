// Overview: what the store runs on and holds, how busy it is; export and import (docs/export-import.md).

import {
  API, BASE, api, apiFetch, authHeaders, busy, card, el, errorOf, every, formatBytes, info, number, parseKey, prefixQuery,
  statusLine,
} from './lib.js';
import { operationRates } from './rates.js';

export async function overview(page, { signal }) {
  const cards = el('div', { class: 'cards', 'data-test': 'overview-cards' });
  const status = statusLine();
  page.append(cards, status.node,
    el('p', { class: 'muted' }, 'Entry and queue counts are refreshed by the server in the background (every 10 s by default).'),
    el('section', {}, el('h2', {}, 'Links'), el('ul', { class: 'links' },
      el('li', {}, el('a', { href: `${API}/metrics/prometheus`, target: '_blank', rel: 'noopener' }, 'Prometheus metrics'),
        ' — for a scraper (which sends the token, when the host has one)'),
      el('li', {}, el('a', { href: '/health', target: '_blank', rel: 'noopener' }, 'Host health'), ' — for a load balancer'),
      el('li', {}, el('a', { href: `${BASE}/entries` }, 'Browse entries'), ', ', el('a', { href: `${BASE}/queue` }, 'dead letters'), ', ',
        el('a', { href: `${BASE}/search` }, 'search indexes'), ', ', el('a', { href: `${BASE}/watch` }, 'watch keys live')))),
    exportSection(signal), importSection());
  const rates = operationRates();
  await every(2000, signal, async () => {
    const { engine, metrics: metered } = await info();
    // The metrics carry the queue's counts too (counted in the background): no pass over the queue per poll.
    const metrics = metered ? await api('/metrics', { signal }) : null;
    const queue = metrics ? metrics.queue : await api('/queue/stats', { signal });
    const storage = metrics ? metrics.storage : null;
    const rate = metrics ? rates.add(metrics) : null;
    cards.replaceChildren(
      card('Engine', engine === 'postgres' ? 'PostgreSQL' : 'SQLite'),
      card('Entries', storage ? number(storage.entries) : 'metrics off', { href: `${BASE}/entries` }),
      card('Size of entries', storage ? formatBytes(storage.sizeBytes) : 'metrics off'),
      card('Queue pending', number(queue.pending), { href: `${BASE}/queue` }),
      card('Processing', number(queue.processing), { href: `${BASE}/queue` }),
      card('Dead letters', number(queue.dlq), { href: `${BASE}/queue`, alarm: queue.dlq > 0 }),
      card('Operations / s', rate ? rate.total.toFixed(1) : (metrics ? '…' : 'metrics off'), { href: `${BASE}/metrics` }));
    status.clear();
  }, (error) => status.error(error));
}

/** Downloads an export of the store or a prefix (GET /export), showing how much has arrived. */
function exportSection(signal) {
  const prefix = el('input', { name: 'export-prefix', placeholder: 'users (empty: the whole store)', 'aria-label': 'Export prefix' });
  const status = statusLine();
  const button = el('button', { type: 'submit' }, 'Download export');
  const form = el('form', { class: 'row' }, el('label', {}, 'Prefix (key path)', prefix), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(button, status, async () => {
      const query = prefixQuery(parseKey(prefix.value, { allowEmpty: true }));
      const name = `keyval-export${query ? `-${prefix.value.trim().replace(/[^A-Za-z0-9_-]+/g, '_')}` : ''}-${new Date().toISOString().slice(0, 10)}.ndjson`;
      // Read with fetch, so that the token goes in a header and an error shows here rather than in a
      // saved file; the export is held in the tab until it is saved (for very large stores: the CLI or curl).
      const response = await apiFetch(`/export${query}`, { signal }); // leaving the page stops it
      if (!response.ok) throw await errorOf(response);
      const reader = response.body.getReader();
      const parts = [];
      let received = 0;
      let shown = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        if (Date.now() - shown > 500) {
          shown = Date.now();
          status.ok(`Reading the export: ${formatBytes(received)}`);
        }
      }
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/x-ndjson' }));
      el('a', { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.ok(`Export saved: ${formatBytes(received)}`);
    });
  });
  return el('section', {}, el('h2', {}, 'Export'),
    el('p', { class: 'muted' }, 'One NDJSON file read from one snapshot: entries, search index definitions and, for the whole store, the queue.'),
    form, status.node);
}

/** Uploads an NDJSON export to POST /import, showing the upload's progress (XMLHttpRequest reports it). */
function importSection() {
  const file = el('input', { type: 'file', name: 'import-file', accept: '.ndjson,.jsonl,application/x-ndjson', required: true, 'aria-label': 'Export file' });
  const mode = el('select', { name: 'import-mode', 'aria-label': 'Existing keys' },
    el('option', { value: 'overwrite' }, 'overwrite existing keys'), el('option', { value: 'skip' }, 'keep existing keys'));
  const atomic = el('input', { type: 'checkbox', name: 'import-atomic' });
  const progress = el('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
  const status = statusLine();
  const button = el('button', { type: 'submit' }, 'Import');
  const form = el('form', { class: 'row' },
    el('label', {}, 'File', file), el('label', {}, 'Existing keys', mode),
    el('label', { class: 'check' }, atomic, 'all or nothing (up to 100,000 records)'), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!file.files.length) return;
    busy(button, status, async () => {
      progress.hidden = false;
      progress.value = 0;
      const result = await upload(file.files[0], `/import?mode=${mode.value}&atomic=${atomic.checked}`, (share) => {
        progress.value = share * 100;
        status.ok(`Uploading: ${Math.round(share * 100)} %`);
      });
      status.ok(`Imported: ${number(result.entries)} entries written, ${number(result.skippedExisting)} existing and `
        + `${number(result.skippedExpired)} expired skipped, ${result.indexes} indexes, ${number(result.messages)} queue messages, `
        + `${number(result.deadLetters)} dead letters.`);
    });
  });
  return el('section', {}, el('h2', {}, 'Import'),
    el('p', { class: 'muted' }, 'Applies an export through the normal commit path: search indexes and watchers see every entry. A bad line stops the import and says what was applied before it.'),
    form, progress, status.node);
}

/**
 * POSTs a file with XMLHttpRequest, which reports the upload's progress (fetch does not). A cheap
 * call first makes sure the token is known, so that a large file is never sent only to get a 401.
 */
async function upload(blob, path, onProgress) {
  await api('/info');
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API}${path}`);
    for (const [name, value] of Object.entries(authHeaders({ 'Content-Type': 'application/x-ndjson' }))) {
      request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new Error('The upload failed: the connection to the server was lost'));
    request.onload = () => {
      if (request.status >= 400) {
        errorOf(new Response(request.responseText, { status: request.status })).then(reject, reject);
        return;
      }
      try {
        resolve(JSON.parse(request.responseText));
      } catch (error) {
        reject(new Error(`The server's answer is not JSON: ${error.message}`));
      }
    };
    request.send(blob);
  });
}
