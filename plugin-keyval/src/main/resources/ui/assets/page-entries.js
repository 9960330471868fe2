// Entries: browse the key tree one page at a time (POST /keys/list with a start key: never the whole
// prefix), filter by value, view, edit, create and delete entries (POST /atomic, /keys/delete-batch).

import {
  BASE, api, apiText, busy, confirmAction, el, formatJson, jsonField, keyChips, keyInputText, keyPath, number,
  parseJson, parseKey, partChip, prefixQuery, preview, sameKey, statusLine, withValueTexts,
} from './lib.js';

const SIZES = [50, 100, 200, 500]; // + 2 to see past the page, within the API's limit of 1000

function entriesLink(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  const text = query.toString();
  return `${BASE}/entries${text ? `?${text}` : ''}`;
}

export async function entries(page, { params, go }) {
  const state = {
    prefix: [],
    where: undefined,
    size: SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 50,
    after: null, // the last key of the previous page; null on the first page
    earlier: [], // the `after` of each earlier page, for "Previous"
    rows: [],
  };
  const status = statusLine();

  const prefixInput = el('input', { name: 'prefix', value: params.get('prefix') || '', placeholder: 'users/42 or ["users", 42]', 'aria-label': 'Key prefix' });
  const whereInput = el('input', { name: 'where', value: params.get('where') || '', placeholder: '{"age": {"$gte": 18}}', 'aria-label': 'Where filter' });
  const sizeSelect = el('select', { name: 'size', 'aria-label': 'Entries per page' }, SIZES.map((n) => el('option', { value: n, selected: n === state.size }, n)));
  const browse = el('form', { class: 'row', role: 'search' },
    el('label', {}, 'Prefix (path or JSON key)', prefixInput),
    el('label', {}, 'Where filter (JSON, optional)', whereInput),
    el('label', {}, 'Per page', sizeSelect),
    el('button', { type: 'submit' }, 'Browse'));
  browse.addEventListener('submit', (event) => {
    event.preventDefault();
    go(entriesLink({ prefix: prefixInput.value.trim(), where: whereInput.value.trim(), size: sizeSelect.value }).slice(BASE.length));
  });

  const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Prefix' });
  const tools = el('div', { class: 'toolbar' });
  const editor = el('section', { class: 'editor', hidden: true, 'aria-label': 'Entry' });
  const children = el('div', { class: 'children', 'data-test': 'children' });
  const table = el('table', { class: 'entries' });
  const pager = el('div', { class: 'pager' });
  page.append(browse, crumbs, tools, status.node, editor, children, el('div', { class: 'scroll' }, table), pager);

  try {
    state.prefix = parseKey(prefixInput.value, { allowEmpty: true });
    state.where = whereInput.value.trim() ? parseJson(whereInput.value, 'The where filter') : undefined;
    state.after = params.get('after') ? parseKey(params.get('after')) : null;
  } catch (error) {
    status.error(error);
    return;
  }

  // The prefix as a path of typed parts: each links to its own level of the tree.
  crumbs.append(el('a', { href: entriesLink({ size: state.size }) }, 'All keys'),
    ...state.prefix.flatMap((part, i) => [' / ', partChip(part, { href: entriesLink({ prefix: JSON.stringify(state.prefix.slice(0, i + 1)), size: state.size }) })]));

  const countButton = el('button', { type: 'button', class: 'secondary' }, 'Count entries');
  const countOut = el('span', { class: 'muted', 'data-test': 'count' });
  const path = keyPath(state.prefix);
  countButton.addEventListener('click', () => busy(countButton, status, async () => {
    const { count } = await api(`/keys/count${prefixQuery(state.prefix)}`);
    countOut.textContent = `${number(count)} entries under this prefix${state.where ? ' (before the filter)' : ''}`;
  }));
  tools.append(el('button', { type: 'button', onclick: () => openEditor(null) }, 'New entry'));
  if (path !== null) tools.append(countButton, countOut);
  if (state.prefix.length) {
    tools.append(el('button', { type: 'button', class: 'danger', onclick: deletePrefix }, state.where ? 'Delete matching entries…' : 'Delete this prefix…'));
  }

  let loading = 0; // the latest load; an older one that answers late is dropped

  async function load() {
    const mine = ++loading;
    const body = { prefix: state.prefix, limit: state.size + 2 };
    if (state.after) body.start = state.after; // inclusive: dropped below
    if (state.where) body.where = state.where;
    pager.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    const started = performance.now();
    const found = withValueTexts(await apiText('/keys/list', { method: 'POST', body }));
    if (mine !== loading) return;
    const fresh = state.after && found.length && sameKey(found[0].key, state.after) ? found.slice(1) : found;
    state.rows = fresh.slice(0, state.size);
    renderRows(fresh.length > state.size, performance.now() - started);
  }

  /** The next level of the tree as far as this page shows it: each distinct part after the prefix. */
  function renderChildren() {
    const seen = new Map();
    for (const { key } of state.rows) {
      if (key.length <= state.prefix.length) continue;
      const id = JSON.stringify(key[state.prefix.length]);
      seen.set(id, (seen.get(id) || 0) + 1);
    }
    children.replaceChildren();
    if (seen.size < 2 || seen.size === state.rows.length) return; // a flat list says it all
    children.append(el('span', { class: 'muted' }, 'On this page: '), ...[...seen].map(([id, n]) => el('span', { class: 'child' },
      partChip(JSON.parse(id), { href: entriesLink({ prefix: JSON.stringify([...state.prefix, JSON.parse(id)]), size: state.size }) }),
      el('span', { class: 'muted' }, ` ${n}`))));
  }

  function renderRows(hasMore, millis) {
    renderChildren();
    table.replaceChildren(
      el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, 'Value'), el('th', {}, 'Versionstamp'), el('th', {}, el('span', { class: 'sr-only' }, 'Actions')))),
      el('tbody', {}, state.rows.length ? state.rows.map(row) : el('tr', {}, el('td', { colspan: 4, class: 'muted' },
        state.where ? 'No entries under this prefix match the filter' : 'No entries under this prefix'))));
    state.hasMore = hasMore;
    state.millis = millis;
    renderPager();
    page.dataset.loaded = String(Date.now());
  }

  function renderPager() {
    const first = state.earlier.length * state.size;
    pager.replaceChildren(
      el('button', { type: 'button', class: 'secondary', disabled: !state.after, onclick: () => turn(false) }, '← Previous'),
      el('span', { class: 'muted', 'data-test': 'page-info' }, state.rows.length
        ? `${state.after && !state.earlier.length && params.get('after') ? 'from the linked key: ' : ''}entries ${number(first + 1)}–${number(first + state.rows.length)}`
        : '', ` · read in ${Math.round(state.millis)} ms`),
      el('button', { type: 'button', class: 'secondary', disabled: !state.hasMore, onclick: () => turn(true) }, 'Next →'));
  }

  function showAfterInUrl() {
    const query = new URLSearchParams(location.search);
    if (state.after) query.set('after', JSON.stringify(state.after));
    else query.delete('after');
    history.replaceState(null, '', `${location.pathname}?${query}`);
  }

  /** The next or previous page; when it cannot be read, the page shown stays, with its pager. */
  async function turn(forward) {
    const before = { after: state.after, earlier: [...state.earlier] };
    if (forward) {
      state.earlier.push(state.after);
      state.after = state.rows[state.rows.length - 1].key;
    } else {
      state.after = state.earlier.length ? state.earlier.pop() : null;
    }
    showAfterInUrl();
    try {
      await load();
      status.clear();
    } catch (error) {
      Object.assign(state, before);
      showAfterInUrl();
      renderPager();
      status.error(error);
    }
  }

  function row(entry) {
    const parts = entry.key.map((part, i) => (i < state.prefix.length
      ? partChip(part, { 'data-in-prefix': '' })
      : partChip(part, { href: entriesLink({ prefix: JSON.stringify(entry.key.slice(0, i + 1)), size: state.size }) })));
    return el('tr', { 'data-key': JSON.stringify(entry.key) },
      el('td', {}, el('span', { class: 'key' }, parts)),
      el('td', {}, el('button', { type: 'button', class: 'link', title: 'View and edit', onclick: () => editEntry(entry.key) }, el('code', {}, preview(entry.valueText)))),
      el('td', { class: 'muted mono' }, entry.versionstamp),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', class: 'secondary', onclick: () => editEntry(entry.key) }, 'Edit'),
        el('button', { type: 'button', class: 'danger', onclick: () => deleteEntry(entry.key) }, 'Delete')));
  }

  /** Opens the editor on the entry as stored now (read again: the list may be older). */
  async function editEntry(key) {
    try {
      const [entry] = withValueTexts(await apiText('/keys/batch', { method: 'POST', body: { keys: [key] } }));
      if (entry.versionstamp === null) throw new Error(`The entry ${JSON.stringify(key)} does not exist (any more).`);
      openEditor(entry);
    } catch (error) {
      status.error(error);
    }
  }

  /**
   * The editor for one entry (or a new one, entry = null): the value's JSON text exactly as stored
   * (numbers beyond a double's precision included) and sent back as typed, a TTL, a versionstamp check.
   */
  function openEditor(entry) {
    const editStatus = statusLine();
    const keyInput = el('input', { name: 'key', value: entry ? keyInputText(entry.key) : newKeyText(), 'aria-label': 'Key', placeholder: 'users/42 or ["users", 42]', readonly: Boolean(entry) });
    const value = jsonField('Value (JSON)', entry ? formatJson(entry.valueText) : '{\n  \n}', { rows: 10, name: 'value' });
    const ttl = el('input', { name: 'expiresIn', placeholder: 'e.g. 30s, 10m, 1d (empty: no expiry)', 'aria-label': 'Expires in' });
    const guard = el('input', { type: 'checkbox', name: 'guard', checked: true });
    let versionstamp = entry ? entry.versionstamp : null;
    const stamp = el('span', { class: 'mono', 'data-test': 'versionstamp' }, versionstamp || 'new entry');
    const save = el('button', { type: 'submit' }, entry ? 'Save' : 'Create');
    const form = el('form', {},
      el('h2', {}, entry ? 'Entry' : 'New entry'),
      entry ? el('p', {}, keyChips(entry.key), ' ', el('span', { class: 'muted' }, 'versionstamp '), stamp) : null,
      el('label', { class: 'wide' }, 'Key', keyInput),
      value.node,
      el('div', { class: 'row' },
        el('label', {}, 'Expires in', ttl),
        el('label', { class: 'check' }, guard, entry ? 'only if unchanged since opened' : 'only if the key is absent')),
      el('p', { class: 'muted' }, 'A save replaces the value and its expiry (empty: none).'),
      el('div', { class: 'actions' }, save,
        entry ? el('button', { type: 'button', class: 'danger', onclick: () => deleteEntry(entry.key) }, 'Delete…') : null,
        el('button', { type: 'button', class: 'secondary', onclick: closeEditor }, 'Close')),
      editStatus.node);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(save, editStatus, async () => {
        const key = parseKey(keyInput.value);
        const mutation = { type: 'set', key, value: value.value() };
        if (ttl.value.trim()) mutation.expiresIn = ttl.value.trim();
        const result = await api('/atomic', {
          method: 'POST',
          body: { checks: guard.checked ? [{ key, versionstamp }] : [], mutations: [mutation] },
        });
        if (!result.ok) {
          editStatus.error(new Error(versionstamp
            ? 'Not saved: the entry changed or was deleted since you opened it. Close and open it again to see its current value.'
            : 'Not created: an entry with this key exists already. Open it from the list to edit it.'));
          return;
        }
        versionstamp = result.versionstamp;
        stamp.textContent = versionstamp;
        keyInput.readOnly = true;
        editStatus.ok(`Saved with versionstamp ${result.versionstamp}.`);
        await load();
      });
    });
    editor.replaceChildren(form);
    editor.hidden = false;
    (entry ? value.area : keyInput).focus();
  }

  /** A new key starts under the prefix being browsed. */
  function newKeyText() {
    if (!state.prefix.length) return '';
    const text = keyInputText(state.prefix);
    return text.startsWith('[') ? text : `${text}/`;
  }

  function closeEditor() {
    editor.hidden = true;
    editor.replaceChildren();
  }

  async function deleteEntry(key) {
    const ok = await confirmAction('Delete this entry?', [
      el('p', {}, 'Deletes exactly the key ', keyChips(key), '.'),
      el('p', { class: 'muted' }, 'Entries under it, if any, are kept.'),
    ], 'Delete entry');
    if (!ok) return;
    try {
      const { deletedCount } = await api('/keys/delete-batch', { method: 'POST', body: { keys: [key], exact: true } });
      status.ok(deletedCount ? 'Entry deleted.' : 'Nothing deleted: the entry was already gone.');
      closeEditor();
      await load();
    } catch (error) {
      status.error(error);
    }
  }

  async function deletePrefix() {
    let count = null;
    if (path !== null && !state.where) count = (await api(`/keys/count${prefixQuery(state.prefix)}`).catch(() => ({ count: null }))).count;
    const what = count === null ? 'every entry under it' : `the ${number(count)} entries under it`;
    const ok = await confirmAction(state.where ? 'Delete the matching entries?' : 'Delete this whole prefix?', [
      el('p', {}, 'Deletes the key ', keyChips(state.prefix), ` itself and ${what}`,
        state.where ? ', where the value matches the filter ' : '', state.where ? el('code', {}, JSON.stringify(state.where)) : '', '.'),
      el('p', { class: 'warning' }, 'This is a prefix delete: it cannot be undone.'),
    ], state.where ? 'Delete matching entries' : 'Delete prefix');
    if (!ok) return;
    try {
      const body = { keys: [state.prefix], exact: false };
      if (state.where) body.where = state.where;
      const { deletedCount } = await api('/keys/delete-batch', { method: 'POST', body });
      status.ok(`${number(deletedCount)} entries deleted.`);
      state.after = null;
      state.earlier = [];
      await load();
    } catch (error) {
      status.error(error);
    }
  }

  try {
    await load();
    if (params.get('key')) await editEntry(parseKey(params.get('key')));
  } catch (error) {
    status.error(error);
  }
}
