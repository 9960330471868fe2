// Atomic: build a commit of checks and mutations (every type, UUIDv7 placeholders), see its body as
// JSON, commit it with POST /atomic, and see the result: the versionstamp, or which check failed.

import { api, busy, el, keyChips, parseKey, rawJson, sameKey, statusLine, toJson } from './lib.js';

const TYPES = ['set', 'delete', 'sum', 'min', 'max', 'append', 'prepend'];
const OPERAND_HINT = {
  set: 'any JSON', delete: 'not used', sum: 'integer, numeric string or bigint tag', min: 'integer, numeric string or bigint tag',
  max: 'integer, numeric string or bigint tag', append: 'JSON array', prepend: 'JSON array',
};

function removable(list, row, what) {
  return el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove this ${what}`, title: `Remove this ${what}`,
    onclick: () => { row.remove(); list.dispatchEvent(new Event('input', { bubbles: true })); } }, '✕');
}

function checkRow(list, key = '', versionstamp = '') {
  const row = el('div', { class: 'row check-row' });
  row.append(
    el('label', {}, 'Key', el('input', { name: 'check-key', value: key, placeholder: 'users/1 or ["users", 1]', 'aria-label': 'Check key' })),
    el('label', {}, 'Versionstamp (empty: the key must be absent)', el('input', { name: 'check-versionstamp', value: versionstamp, class: 'mono', placeholder: '00000000000000010000', 'aria-label': 'Expected versionstamp' })),
    removable(list, row, 'check'));
  return row;
}

function mutationRow(list, type = 'set', key = '', value = '', expiresIn = '') {
  const select = el('select', { name: 'mutation-type', 'aria-label': 'Mutation type' }, TYPES.map((t) => el('option', { value: t }, t)));
  select.value = type;
  const operand = el('textarea', { name: 'mutation-value', rows: 2, spellcheck: 'false', 'aria-label': 'Operand' });
  operand.value = value;
  const hint = el('span', { class: 'hint' });
  const ttl = el('input', { name: 'mutation-expires', value: expiresIn, placeholder: '30s (set only)', 'aria-label': 'Expires in' });
  const sync = () => {
    hint.textContent = OPERAND_HINT[select.value];
    operand.disabled = select.value === 'delete';
    ttl.disabled = select.value !== 'set';
  };
  select.addEventListener('change', sync);
  sync();
  const row = el('div', { class: 'row mutation-row' });
  row.append(el('label', {}, 'Type', select),
    el('label', {}, 'Key', el('input', { name: 'mutation-key', value: key, placeholder: '["orders", {"__type":"uuidv7"}]', 'aria-label': 'Mutation key' })),
    el('label', { class: 'grow' }, el('span', {}, 'Value ', hint), operand),
    el('label', {}, 'Expires in', ttl), removable(list, row, 'mutation'));
  return row;
}

/** Reads the form into the body of POST /atomic; throws naming the row that is wrong. */
function body(checks, mutations) {
  return {
    checks: [...checks.children].map((row, i) => {
      const [key, stamp] = row.querySelectorAll('input');
      try {
        return { key: parseKey(key.value), versionstamp: stamp.value.trim() || null };
      } catch (error) {
        throw new Error(`Check ${i + 1}: ${error.message}`);
      }
    }),
    mutations: [...mutations.children].map((row, i) => {
      const type = row.querySelector('select').value;
      const [key, ttl] = row.querySelectorAll('input');
      const operand = row.querySelector('textarea').value;
      try {
        const mutation = { type, key: parseKey(key.value) };
        if (type !== 'delete') mutation.value = rawJson(operand, 'The value');
        if (type === 'set' && ttl.value.trim()) mutation.expiresIn = ttl.value.trim();
        return mutation;
      } catch (error) {
        throw new Error(`Mutation ${i + 1}: ${error.message}`);
      }
    }),
  };
}

export async function atomic(page) {
  const checks = el('div', { class: 'rows', 'data-test': 'checks' });
  const mutations = el('div', { class: 'rows', 'data-test': 'mutations' });
  const json = el('pre', { class: 'body', 'data-test': 'body' });
  const status = statusLine();
  const result = el('div', { class: 'result', 'data-test': 'result' });
  const commit = el('button', { type: 'submit' }, 'Commit');
  const form = el('form', {},
    el('h2', {}, 'Checks'),
    el('p', { class: 'muted' }, 'The commit applies only if every key still has the versionstamp given (or is absent, when empty).'),
    checks, el('button', { type: 'button', class: 'secondary', onclick: () => { checks.append(checkRow(checks)); update(); } }, 'Add check'),
    el('h2', {}, 'Mutations'),
    el('p', { class: 'muted' }, 'Applied in order, all or none, with one versionstamp. ', el('code', {}, '{"__type":"uuidv7"}'),
      ' in a key or value becomes one new UUIDv7, the same everywhere in the commit.'),
    mutations, el('button', { type: 'button', class: 'secondary', onclick: () => { mutations.append(mutationRow(mutations)); update(); } }, 'Add mutation'),
    el('h2', {}, 'Request'),
    el('p', { class: 'muted' }, 'POST /keyval/api/atomic with this body:'), json,
    el('div', { class: 'actions' }, commit,
      el('button', { type: 'button', class: 'secondary', onclick: example }, 'Fill an example')),
    status.node, result);
  page.append(form);

  function update() {
    try {
      json.textContent = bodyText(body(checks, mutations));
      json.classList.remove('invalid');
    } catch (error) {
      json.textContent = error.message;
      json.classList.add('invalid');
    }
  }

  function example() {
    checks.replaceChildren(checkRow(checks, 'counters/orders', ''));
    mutations.replaceChildren(
      mutationRow(mutations, 'set', '["orders", {"__type":"uuidv7"}]', '{"id": {"$uuidv7": true}, "total": 12}'),
      mutationRow(mutations, 'sum', 'counters/orders', '1'),
      mutationRow(mutations, 'append', 'orders-index', '[{"__type":"uuidv7"}]'));
    update();
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(commit, status, async () => {
      result.replaceChildren();
      const request = body(checks, mutations);
      const answer = await api('/atomic', { method: 'POST', body: request });
      if (answer.ok) {
        status.ok('Committed with versionstamp ', el('code', { 'data-test': 'committed' }, answer.versionstamp), '.');
        status.node.scrollIntoView({ block: 'nearest' });
        return;
      }
      status.error(new Error('A check failed: nothing was written.'));
      await explainFailure(request.checks, result);
      result.scrollIntoView({ block: 'nearest' });
    });
  });
  mutations.append(mutationRow(mutations));
  update();
}

/** The body as JSON with one check or mutation per line: as readable as indented JSON, a third as tall. */
function bodyText({ checks, mutations }) {
  const list = (items) => (items.length ? `[\n    ${items.map(toJson).join(',\n    ')}\n  ]` : '[]');
  return `{\n  "checks": ${list(checks)},\n  "mutations": ${list(mutations)}\n}`;
}

/** Reads the checked keys again to show which check did not hold (the API answers only ok: false). */
async function explainFailure(checks, out) {
  const found = await api('/keys/batch', { method: 'POST', body: { keys: checks.map((c) => c.key) } });
  out.append(el('table', { class: 'checks-result' },
    el('thead', {}, el('tr', {}, ['Key', 'Expected', 'Now', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, checks.map((check, i) => {
      const now = found[i].versionstamp;
      const holds = now === check.versionstamp && sameKey(found[i].key, check.key);
      return el('tr', { class: holds ? '' : 'failed', 'data-holds': String(holds) },
        el('td', {}, keyChips(check.key)),
        el('td', { class: 'mono' }, check.versionstamp || 'absent'),
        el('td', { class: 'mono' }, now || 'absent'),
        el('td', {}, holds ? 'holds' : 'failed'));
    }))));
}
