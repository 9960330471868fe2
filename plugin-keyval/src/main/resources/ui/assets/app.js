// The KeyVal admin UI: plain ES modules, no build step. It talks to the server only through the
// public HTTP API under /keyval/api, so every call here is also an example of that API.

const BASE = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const API = `${BASE}/api`;
const PAGES = [
  { path: '', title: 'Overview', render: overview },
  { path: '/entries', title: 'Entries', render: entries },
  { path: '/queue', title: 'Queue', render: notYet },
  { path: '/search', title: 'Search', render: notYet },
  { path: '/watch', title: 'Watch', render: notYet },
  { path: '/atomic', title: 'Atomic', render: notYet },
  { path: '/metrics', title: 'Metrics', render: notYet },
];

/** Calls the API; asks once for a bearer token when the host requires one (kept for this tab only). */
async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const token = sessionStorage.getItem('keyval.token');
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${API}${path}`, { ...options, headers });
  if (response.status === 401 && !options.retried) {
    const entered = prompt('This KeyVal host requires a token:');
    if (entered) {
      sessionStorage.setItem('keyval.token', entered.trim());
      return api(path, { ...options, retried: true });
    }
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(body && body.error ? body.error : `HTTP ${response.status}`);
  return body;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : String(child));
  return node;
}

function errorBox(error) {
  return el('p', { class: 'error', role: 'alert' }, error.message || String(error));
}

function card(label, value) {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value));
}

async function overview(page) {
  page.append(el('h1', {}, 'Overview'));
  const cards = el('div', { class: 'cards' });
  page.append(cards);
  try {
    const [metrics, queue] = await Promise.all([api('/metrics'), api('/queue/stats')]);
    const storage = metrics.storage || {};
    cards.append(
      card('Entries', (storage.entries ?? 0).toLocaleString()),
      card('Size', `${((storage.sizeBytes ?? 0) / 1024).toFixed(1)} KB`),
      card('Queue pending', queue.pending.toLocaleString()),
      card('Processing', queue.processing.toLocaleString()),
      card('Dead letters', queue.dlq.toLocaleString()));
  } catch (error) {
    page.append(errorBox(error));
  }
}

/** Browses entries under a prefix, one cursor page at a time (never everything). */
async function entries(page) {
  const params = new URLSearchParams(location.search);
  const prefix = params.get('prefix') || '';
  const cursor = params.get('cursor') || '';
  const input = el('input', { name: 'prefix', value: prefix, placeholder: 'users/42', 'aria-label': 'Key prefix' });
  page.append(el('h1', {}, 'Entries'),
    el('form', { class: 'row', onsubmit: (event) => { event.preventDefault(); go(`/entries?prefix=${encodeURIComponent(input.value)}`); } },
      el('label', {}, 'Prefix (key path)', input), el('button', { type: 'submit' }, 'Browse')));
  try {
    const query = new URLSearchParams({ prefix, limit: '50' });
    if (cursor) query.set('cursor', cursor);
    const result = await api(`/keys/paginate?${query}`);
    const rows = result.entries.map((entry) => el('tr', {},
      el('td', {}, el('code', {}, JSON.stringify(entry.key))),
      el('td', {}, el('code', {}, JSON.stringify(entry.value))),
      el('td', { class: 'muted' }, entry.versionstamp)));
    page.append(el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, 'Value'), el('th', {}, 'Versionstamp'))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No entries under this prefix')))));
    if (result.hasMore) {
      page.append(el('p', {}, el('button', { onclick: () => go(`/entries?prefix=${encodeURIComponent(prefix)}&cursor=${encodeURIComponent(result.cursor)}`) }, 'Next page')));
    }
  } catch (error) {
    page.append(errorBox(error));
  }
}

function notYet(page, title) {
  page.append(el('h1', {}, title), el('p', { class: 'muted' }, 'This page is not built yet; use the HTTP API (docs/http-api.md).'));
}

function go(target) {
  history.pushState(null, '', `${BASE}${target}`);
  render();
}

function render() {
  const path = location.pathname.slice(BASE.length).replace(/\/$/, '');
  const current = PAGES.find((p) => p.path === path) || PAGES[0];
  const nav = document.getElementById('nav');
  nav.replaceChildren(...PAGES.map((p) => el('a', {
    href: `${BASE}${p.path}`,
    'aria-current': p === current ? 'page' : false,
    onclick: (event) => { event.preventDefault(); go(p.path); },
  }, p.title)));
  const page = document.getElementById('page');
  page.replaceChildren();
  document.title = `${current.title} · KeyVal`;
  current.render(page, current.title);
}

addEventListener('popstate', render);
render();
