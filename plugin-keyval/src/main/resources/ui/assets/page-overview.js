// Overview: what the store runs on and holds, how busy it is; export and import (docs/export-import.md).

import {
  API, BASE, api, apiFetch, authHeaders, busy, el, errorOf, every, formatBytes, keyPath, number, parseKey, statusLine,
} from './lib.js';
import { operationRates } from './rates.js';

function card(label, value, href) {
  const body = [el('div', { class: 'label' }, label), el('div', { class: 'value' }, value)];
  return href ? el('a', { class: 'card', href }, body) : el('div', { class: 'card' }, body);
}

export async function overview(page, { signal }) {
  const cards = el('div', { class: 'cards', 'data-test': 'overview-cards' });
  const status = statusLine();
  page.append(cards, status.node);
  const rates = operationRates();
  let info = null;
  every(2000, signal, async () => {
    info = info || await api('/info', { signal });
    const [stats, metrics] = await Promise.all([
      api('/queue/stats', { signal }),
      info.metrics ? api('/metrics', { signal }) : null,
    ]);
    const storage = metrics ? metrics.storage : null;
    const rate = metrics ? rates.add(metrics) : null;
    cards.replaceChildren(
      card('Engine', info.engine === 'postgres' ? 'PostgreSQL' : 'SQLite'),
      card('Entries', storage ? number(storage.entries) : 'metrics off', `${BASE}/entries`),
      card('Size of entries', storage ? formatBytes(storage.sizeBytes) : 'metrics off'),
      card('Queue pending', number(stats.pending), `${BASE}/queue`),
      card('Processing', number(stats.processing), `${BASE}/queue`),
      card('Dead letters', number(stats.dlq), `${BASE}/queue`),
      card('Operations / s', rate ? rate.total.toFixed(1) : (metrics ? '…' : 'metrics off'), `${BASE}/metrics`));
    status.clear();
  }, (error) => status.error(error));
  page.append(el('p', { class: 'muted' }, 'Entry counts and sizes are refreshed by the server in the background (every 10 s by default).'));
  page.append(el('section', {}, el('h2', {}, 'Links'), el('ul', { class: 'links' },
    el('li', {}, el('a', { href: `${API}/metrics/prometheus`, target: '_blank', rel: 'noopener' }, 'Prometheus metrics'), ' — for a scraper'),
    el('li', {}, el('a', { href: '/health', target: '_blank', rel: 'noopener' }, 'Host health'), ' — for a load balancer'),
    el('li', {}, el('a', { href: `${BASE}/entries` }, 'Browse entries'), ', ', el('a', { href: `${BASE}/queue` }, 'dead letters'), ', ',
      el('a', { href: `${BASE}/search` }, 'search indexes'), ', ', el('a', { href: `${BASE}/watch` }, 'watch keys live')))),
  exportSection(), importSection());
}

/** Downloads an export: streamed to a file by the browser when no token is needed, else read with fetch. */
function exportSection() {
  const prefix = el('input', { name: 'export-prefix', placeholder: 'users (empty: the whole store)', 'aria-label': 'Export prefix' });
  const status = statusLine();
  const button = el('button', { type: 'submit' }, 'Download export');
  const form = el('form', { class: 'row' }, el('label', {}, 'Prefix (key path)', prefix), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(button, status, async () => {
      let query = '';
      if (prefix.value.trim()) {
        const path = keyPath(parseKey(prefix.value));
        if (path === null) throw new Error('An export prefix must be a key path (strings and safe integers), e.g. users/42');
        query = `?prefix=${encodeURIComponent(path)}`;
      }
      const name = `keyval-export${query ? `-${prefix.value.trim().replace(/[^A-Za-z0-9_-]+/g, '_')}` : ''}-${new Date().toISOString().slice(0, 10)}.ndjson`;
      if (!authHeaders().Authorization) {
        // No token: the browser streams the download to disk itself.
        el('a', { href: `${API}/export${query}`, download: name }).click();
        status.ok('Download started.');
        return;
      }
      const response = await apiFetch(`/export${query}`);
      if (!response.ok) throw await errorOf(response);
      const reader = response.body.getReader();
      const parts = [];
      let received = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        status.ok(`Reading the export: ${formatBytes(received)}`);
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

function upload(blob, path, onProgress) {
  return new Promise((resolve, reject) => {
    const send = () => {
      const request = new XMLHttpRequest();
      request.open('POST', `${API}${path}`);
      for (const [name, value] of Object.entries(authHeaders({ 'Content-Type': 'application/x-ndjson' }))) {
        request.setRequestHeader(name, value);
      }
      request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      request.onerror = () => reject(new Error('The upload failed: the connection to the server was lost'));
      request.onload = async () => {
        const response = new Response(request.responseText, { status: request.status });
        if (request.status === 401) {
          // Let apiFetch ask for the token, then send again.
          try {
            await apiFetch('/info');
            send();
          } catch (error) {
            reject(error);
          }
        } else if (request.status >= 400) {
          reject(await errorOf(response));
        } else {
          resolve(JSON.parse(request.responseText));
        }
      };
      request.send(blob);
    };
    send();
  });
}
