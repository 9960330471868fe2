// The KeyVal admin UI: plain ES modules, no build step. It talks to the server only through the
// public HTTP API under {base}/api (docs/http-api.md), so every call in these files is also an
// example of that API. One module per page; this one routes between them.

import { BASE, el } from './lib.js';
import { overview } from './page-overview.js';
import { entries } from './page-entries.js';
import { queue } from './page-queue.js';
import { search } from './page-search.js';
import { watch } from './page-watch.js';
import { atomic } from './page-atomic.js';
import { metrics } from './page-metrics.js';

const PAGES = [
  { path: '', title: 'Overview', render: overview },
  { path: '/entries', title: 'Entries', render: entries },
  { path: '/queue', title: 'Queue', render: queue },
  { path: '/search', title: 'Search', render: search },
  { path: '/watch', title: 'Watch', render: watch },
  { path: '/atomic', title: 'Atomic', render: atomic },
  { path: '/metrics', title: 'Metrics', render: metrics },
];

let leave = new AbortController();

/** Navigates inside the UI (no page load); `target` is a path below the base, with its query. */
function go(target) {
  history.pushState(null, '', `${BASE}${target}`);
  render();
  document.getElementById('page').focus(); // a screen reader or keyboard user starts at the new page
}

function render() {
  leave.abort(); // stops the previous page's timers and streams
  leave = new AbortController();
  const path = location.pathname.slice(BASE.length).replace(/\/$/, '');
  const current = PAGES.find((p) => p.path === path) || PAGES[0];
  document.getElementById('nav').replaceChildren(...PAGES.map((p) => el('a', {
    href: `${BASE}${p.path}`,
    'aria-current': p === current ? 'page' : false,
  }, p.title)));
  const page = document.getElementById('page');
  page.replaceChildren(el('h1', {}, current.title));
  delete page.dataset.ready;
  document.title = `${current.title} · KeyVal`;
  const { signal } = leave;
  // data-ready marks the page's first answers as shown (or failed, in place): tests wait for it.
  Promise.resolve(current.render(page, { signal, params: new URLSearchParams(location.search), go }))
    .catch((error) => signal.aborted || page.append(el('p', { class: 'status error', role: 'alert' }, error.message || String(error))))
    .finally(() => { if (!signal.aborted) page.dataset.ready = 'true'; });
}

// Links inside the UI navigate without a page load; modified clicks (new tab) stay the browser's.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`))
      || url.pathname.startsWith(`${BASE}/api/`)) return;
  event.preventDefault();
  go(url.pathname.slice(BASE.length) + url.search);
});

addEventListener('popstate', render);
render();
