// Search: the full-text indexes (GET/POST/DELETE /indexes) and searches in one (POST /search), with
// a where filter; each result links to its entry.

import {
  BASE, api, apiText, busy, confirmAction, el, keyChips, keyInputText, parseJson, parseKey, prefixQuery, preview, statusLine, withValueTexts,
} from './lib.js';

export async function search(page, { params }) {
  const status = statusLine();
  const indexTable = el('table', { class: 'indexes' });
  const results = el('div', { class: 'scroll' });
  const indexSelect = el('select', { name: 'index', 'aria-label': 'Index' });
  page.append(el('h2', {}, 'Indexes'), status.node, el('div', { class: 'scroll' }, indexTable), createForm(), searchForm(), results);

  async function loadIndexes() {
    const indexes = await api('/indexes');
    indexTable.replaceChildren(
      el('thead', {}, el('tr', {}, ['Prefix', 'Fields', 'Tokenizer', 'Storage', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, indexes.length ? indexes.map(indexRow) : el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No index yet: create one below'))));
    const chosen = indexSelect.value || params.get('prefix');
    indexSelect.replaceChildren(...indexes.map((index) => el('option', { value: JSON.stringify(index.prefix) }, keyInputText(index.prefix))));
    if (chosen) indexSelect.value = chosen;
    return indexes;
  }

  function indexRow(index) {
    const remove = el('button', { type: 'button', class: 'danger' }, 'Remove…');
    remove.addEventListener('click', async () => {
      let query;
      try {
        query = prefixQuery(index.prefix);
      } catch (error) {
        status.error(new Error(`DELETE /indexes takes the prefix as a key path: ${error.message}`));
        return;
      }
      if (!await confirmAction('Remove this index?', [el('p', {}, 'The index on ', keyChips(index.prefix), ' and its data are removed. The entries stay.')], 'Remove index')) return;
      busy(remove, status, async () => {
        await api(`/indexes${query}`, { method: 'DELETE' });
        status.ok('Index removed.');
        await loadIndexes();
      });
    });
    return el('tr', {},
      el('td', {}, keyChips(index.prefix)),
      el('td', {}, index.fields.join(', ')),
      el('td', {}, index.tokenize),
      el('td', { class: 'muted mono' }, index.tableName),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', class: 'secondary', onclick: () => { indexSelect.value = JSON.stringify(index.prefix); indexSelect.focus(); } }, 'Search it'),
        remove));
  }

  function createForm() {
    const prefix = el('input', { name: 'index-prefix', placeholder: 'posts', required: true, 'aria-label': 'Index prefix' });
    const fields = el('input', { name: 'index-fields', placeholder: 'title, body, author.name', required: true, 'aria-label': 'Fields' });
    const tokenize = el('select', { name: 'tokenize', 'aria-label': 'Tokenizer' },
      el('option', { value: 'unicode61' }, 'unicode61 (default: case and accents folded)'),
      el('option', { value: 'porter' }, 'porter (English stems: running = run)'),
      el('option', { value: 'ascii' }, 'ascii (A–Z folded only)'));
    const button = el('button', { type: 'submit' }, 'Create index');
    const form = el('form', { class: 'row' },
      el('label', {}, 'Prefix (entries under it)', prefix),
      el('label', {}, 'Fields (dot paths, comma-separated)', fields),
      el('label', {}, 'Tokenizer', tokenize), button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(button, status, async () => {
        const key = parseKey(prefix.value);
        status.ok('Building the index over the existing entries…');
        await api('/indexes', {
          method: 'POST',
          body: { prefix: key, options: { fields: fields.value.split(',').map((f) => f.trim()).filter(Boolean), tokenize: tokenize.value } },
        });
        status.ok('Index created: every entry under ', keyChips(key), ' is searchable.');
        indexSelect.value = JSON.stringify(key);
        await loadIndexes();
        indexSelect.value = JSON.stringify(key);
      });
    });
    return el('section', {}, el('h2', {}, 'Create or replace an index'), form);
  }

  function searchForm() {
    const query = el('input', { type: 'search', name: 'query', value: params.get('q') || '', placeholder: 'run* AND "new york"', required: true, 'aria-label': 'Query' });
    const where = el('input', { name: 'search-where', value: params.get('where') || '', placeholder: '{"status": "published"}', 'aria-label': 'Where filter' });
    const limit = el('input', { type: 'number', name: 'limit', min: 1, max: 1000, value: params.get('limit') || '20', 'aria-label': 'Limit' });
    const searchStatus = statusLine();
    const button = el('button', { type: 'submit' }, 'Search');
    const form = el('form', { class: 'row', role: 'search' },
      el('label', {}, 'Index', indexSelect), el('label', {}, 'Query', query),
      el('label', {}, 'Where filter (JSON, optional)', where), el('label', {}, 'Limit', limit), button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      busy(button, searchStatus, async () => {
        if (!indexSelect.value) throw new Error('Create an index first');
        const options = { limit: Number(limit.value) || 20 };
        if (where.value.trim()) options.where = parseJson(where.value, 'The where filter');
        const prefix = JSON.parse(indexSelect.value);
        const found = withValueTexts(await apiText('/search', { method: 'POST', body: { prefix, query: query.value, options } }));
        history.replaceState(null, '', `${BASE}/search?${new URLSearchParams({ prefix: indexSelect.value, q: query.value, where: where.value, limit: limit.value })}`);
        searchStatus.ok(`${found.length} result${found.length === 1 ? '' : 's'}, best match first.`);
        results.replaceChildren(el('table', { class: 'results' },
          el('thead', {}, el('tr', {}, ['Key', 'Value', 'Versionstamp'].map((h) => el('th', {}, h)))),
          el('tbody', {}, found.map((entry) => el('tr', {},
            el('td', {}, el('a', { href: `${BASE}/entries?${new URLSearchParams({ prefix: JSON.stringify(entry.key.slice(0, -1)), key: JSON.stringify(entry.key) })}` }, keyChips(entry.key))),
            el('td', {}, el('code', {}, preview(entry.valueText))),
            el('td', { class: 'muted mono' }, entry.versionstamp))))));
      });
    });
    return el('section', {}, el('h2', {}, 'Search'),
      el('p', { class: 'muted' }, 'Terms are AND-ed; AND, OR, NOT (upper case), "phrases", prefix* and (groups) work as in SQLite FTS5.'),
      form, searchStatus.node);
  }

  try {
    await loadIndexes();
  } catch (error) {
    status.error(error);
  }
}
