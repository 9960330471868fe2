// Watch: follow keys (GET /watch) or prefixes (GET /watch/prefix) and see every change stream in,
// read as Server-Sent Events with fetch so that a bearer token goes in a header, never in the URL.

import {
  el, info, keyChips, parseKey, pause, preview, readEvents, requirePath, splitList, statusLine, withValueTexts,
} from './lib.js';

const KEPT = 500; // events shown, and held while paused, at most: older ones are dropped, so memory stays bounded

export async function watch(page, { signal, params }) {
  const mode = el('select', { name: 'mode', 'aria-label': 'Watch' },
    el('option', { value: 'keys' }, 'exact keys'), el('option', { value: 'prefix' }, 'prefixes (first 100 entries of each)'));
  mode.value = params.get('mode') === 'prefix' ? 'prefix' : 'keys';
  const targets = el('input', { name: 'targets', value: params.get('targets') || '', placeholder: 'users/1, users/2 or ["users", 3]', required: true, 'aria-label': 'Keys or prefixes' });
  const initial = el('input', { type: 'checkbox', name: 'initial', checked: true });
  const start = el('button', { type: 'submit' }, 'Watch');
  const stop = el('button', { type: 'button', class: 'secondary', disabled: true }, 'Stop');
  const pauseButton = el('button', { type: 'button', class: 'secondary' }, 'Pause');
  const clear = el('button', { type: 'button', class: 'secondary' }, 'Clear');
  const connection = statusLine();
  const log = el('ol', { class: 'events', reversed: true, role: 'log', 'data-test': 'events' });
  const form = el('form', { class: 'row' },
    el('label', {}, 'Watch', mode),
    el('label', {}, 'Keys (paths or JSON keys, comma-separated)', targets),
    el('label', { class: 'check' }, initial, 'start with the current values'), start, stop);
  page.append(form, el('div', { class: 'toolbar' }, pauseButton, clear), connection.node, log);

  let stream = null;
  let paused = false;
  const held = [];

  /** Shows one event: its entries, the versionstamp it reaches, and a note (e.g. after a reconnect). */
  function show({ entries, id, note }) {
    log.prepend(el('li', { class: 'event' },
      el('div', { class: 'muted' }, new Date().toLocaleTimeString(), id ? ` · up to versionstamp ${id}` : '', note ? ` · ${note}` : ''),
      el('ul', {}, entries.map((entry) => el('li', { class: entry.versionstamp ? 'change' : 'change gone' },
        keyChips(entry.key), ' ',
        entry.versionstamp ? el('code', {}, preview(entry.valueText)) : el('em', {}, 'deleted or expired'))))));
    while (log.children.length > KEPT) log.lastChild.remove();
  }

  function stopStream(message) {
    if (stream) stream.abort();
    stream = null;
    start.disabled = false;
    stop.disabled = true;
    if (message) connection.ok(message);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    stopStream();
    let query;
    try {
      const paths = splitList(targets.value).map((text) => requirePath(parseKey(text)));
      if (!paths.length) throw new Error('Enter at least one key path');
      query = new URLSearchParams({ [mode.value === 'prefix' ? 'prefixes' : 'keys']: paths.join(','), initial: String(initial.checked) });
    } catch (error) {
      connection.error(error);
      return;
    }
    history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ mode: mode.value, targets: targets.value })}`);
    const endpoint = mode.value === 'prefix' ? '/watch/prefix' : '/watch';
    stream = new AbortController();
    const mine = stream;
    signal.addEventListener('abort', () => mine.abort(), { once: true });
    start.disabled = true;
    stop.disabled = false;
    connection.ok('Connecting…');
    // What each key was when last shown, so that a resumed stream's repeats (absent keys, a snapshot)
    // are not shown again; a cosmetic filter, so it is simply reset when it grows large.
    const known = new Map();
    const fresh = (entries) => entries.filter((entry) => {
      const id = JSON.stringify(entry.key);
      const same = known.has(id) && known.get(id) === entry.versionstamp;
      if (known.size > 10000) known.clear();
      known.set(id, entry.versionstamp);
      return !same;
    });
    // Like EventSource, reconnect when the stream is lost (a restart, a network failure), resuming
    // after the last versionstamp seen (Last-Event-ID), or, before any, from the current values. A 4xx
    // is the request's fault: it stops.
    let lastId = null;
    for (let failures = 0; stream === mine; failures += 1) {
      const resuming = failures > 0;
      const ask = new URLSearchParams(query);
      if (resuming && !lastId) ask.set('initial', 'true');
      let cause = 'The connection to the server was lost';
      let note = resuming ? 'after reconnecting' : '';
      try {
        await readEvents(`${endpoint}?${ask}`, (message) => {
          if (message.event === 'open') {
            failures = 0;
            connection.ok('Watching: changes appear as they are committed.');
          }
          if (message.event !== 'change') return;
          lastId = message.id || lastId;
          const event = { entries: fresh(withValueTexts(message.data)), id: message.id, note };
          note = '';
          if (!event.entries.length) return;
          if (paused) {
            held.push(event);
            if (held.length > KEPT) held.shift();
            pauseButton.textContent = `Resume (${held.length} held)`;
          } else {
            show(event);
          }
        }, mine.signal, resuming && lastId ? { 'Last-Event-ID': lastId } : {});
      } catch (error) {
        if (error.name === 'AbortError') return;
        if (error.status >= 400 && error.status < 500) {
          if (stream === mine) stopStream();
          connection.error(error);
          return;
        }
        if (error.status) cause = error.message; // e.g. 503 Too many watchers
      }
      if (stream !== mine) return;
      const wait = Math.min(30, 2 ** Math.min(failures, 5));
      connection.error(new Error(`${cause}; reconnecting in ${wait} s…`));
      if (!(await pause(wait * 1000, mine.signal))) return;
      connection.ok('Reconnecting…');
    }
  });
  stop.addEventListener('click', () => stopStream('Stopped.'));
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) held.splice(0).forEach(show);
  });
  clear.addEventListener('click', () => {
    log.replaceChildren();
    held.length = 0;
    if (paused) pauseButton.textContent = 'Resume';
  });
  try {
    if (!(await info()).watch) {
      connection.error(new Error('Watch is switched off on this host (plugin setting watch.enabled: false).'));
      start.disabled = true;
      return;
    }
  } catch (error) {
    connection.error(error);
    return;
  }
  if (targets.value) form.requestSubmit();
}
