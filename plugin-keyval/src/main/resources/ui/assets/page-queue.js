// Queue: live counts (GET /queue/stats), enqueue with every option, receive one message by hand
// (poll, ack, nack) and the dead-letter queue: paging, view, requeue, delete, purge.

import {
  api, apiText, busy, card, confirmAction, el, every, formatJson, formatTime, jsonField, number, parseKey, preview,
  RawJson, statusLine, toJson, withValueTexts,
} from './lib.js';

const DLQ_PAGE = 20;

export async function queue(page, { signal }) {
  const status = statusLine();
  const counts = el('div', { class: 'cards', 'data-test': 'queue-counts', 'aria-live': 'polite' });
  const dlq = dlqSection();
  page.append(counts, status.node, dlq.node, enqueueSection(), receiveSection());

  // Exact counts are a pass over the queue's indexes: every 2 s while this page is open, and the
  // live region changes (and is announced) only when a count does.
  let last = null;
  const labels = { pending: 'Pending (incl. delayed)', processing: 'Processing', dlq: 'Dead letters', total: 'Total' };
  await Promise.all([dlq.reload(), every(2000, signal, async () => {
    const stats = await api('/queue/stats', { signal });
    status.clear();
    if (last && JSON.stringify(stats) === JSON.stringify(last)) return;
    counts.replaceChildren(...Object.entries(labels).map(([name, label]) => {
      const node = card(label, number(stats[name]), { alarm: name === 'dlq' && stats.dlq > 0 });
      node.dataset.count = name;
      return node;
    }));
    if (last && stats.dlq !== last.dlq) dlq.reload();
    last = stats;
  }, (error) => status.error(error))]);
}

function enqueueSection() {
  const value = jsonField('Value (JSON)', '{"task": "example"}', { rows: 3, name: 'message-value' });
  const delay = el('input', { type: 'number', name: 'delay', min: 0, placeholder: '0', 'aria-label': 'Delay in ms' });
  const priority = el('input', { type: 'number', name: 'priority', min: -1000, max: 1000, placeholder: '0', 'aria-label': 'Priority' });
  const backoff = el('input', { name: 'backoff', placeholder: '1000, 5000, 10000', 'aria-label': 'Backoff schedule' });
  const fallback = el('textarea', { name: 'keys-if-undelivered', rows: 2, placeholder: 'one key per line: failed/jobs', 'aria-label': 'Keys if undelivered' });
  const status = statusLine();
  const button = el('button', { type: 'submit' }, 'Enqueue');
  const form = el('form', {}, value.node,
    el('div', { class: 'row' },
      el('label', {}, 'Delay (ms)', delay),
      el('label', {}, 'Priority (−1000…1000, higher first)', priority),
      el('label', {}, 'Backoff schedule (ms between attempts; empty: default, "[]": one attempt)', backoff)),
    el('label', { class: 'wide' }, 'Keys written with the value if it is dead-lettered (optional)', fallback),
    el('div', { class: 'actions' }, button), status.node);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(button, status, async () => {
      const options = {};
      if (delay.value !== '') options.delay = Number(delay.value);
      if (priority.value !== '') options.priority = Number(priority.value);
      const schedule = backoff.value.trim();
      if (schedule) {
        options.backoffSchedule = schedule === '[]' ? [] : schedule.replace(/^\[|\]$/g, '').split(',').map((part) => {
          const ms = Number(part.trim());
          if (part.trim() === '' || !Number.isFinite(ms)) throw new Error(`Backoff schedule: '${part.trim()}' is not a number of milliseconds`);
          return ms;
        });
      }
      const keys = fallback.value.split('\n').filter((line) => line.trim());
      if (keys.length) options.keysIfUndelivered = keys.map((line) => parseKey(line));
      const result = await api('/queue/enqueue', { method: 'POST', body: { value: value.value(), options } });
      status.ok('Enqueued message ', el('code', {}, result.id), '.');
    });
  });
  return el('section', {}, el('h2', {}, 'Enqueue'), form);
}

/** Takes one message as a consumer would, to look at it and answer by hand. */
function receiveSection() {
  const status = statusLine();
  const out = el('div', { class: 'message' });
  const button = el('button', { type: 'button' }, 'Receive one message');
  button.addEventListener('click', () => busy(button, status, async () => {
    const { message } = withValueTexts(await apiText('/queue/poll'));
    out.replaceChildren();
    if (!message) {
      status.ok('No message is deliverable now.');
      return;
    }
    status.clear();
    const reason = el('input', { name: 'nack-error', placeholder: 'why it failed (optional)', 'aria-label': 'Failure reason' });
    const answers = el('div', { class: 'row' });
    const answer = (kind) => busy(button, status, async () => {
      answers.querySelectorAll('button').forEach((b) => { b.disabled = true; }); // one answer per delivery
      const body = { id: message.id };
      if (kind === 'nack' && reason.value.trim()) body.error = reason.value.trim();
      try {
        await api(`/queue/${kind}`, { method: 'POST', body });
      } catch (error) {
        answers.querySelectorAll('button').forEach((b) => { b.disabled = false; });
        throw error;
      }
      out.replaceChildren();
      status.ok(kind === 'ack' ? 'Acknowledged: the message is deleted.' : 'Failed: it is retried after its backoff, or dead-lettered after its last attempt.');
    });
    out.append(el('dl', {},
      el('dt', {}, 'Id'), el('dd', { class: 'mono' }, message.id),
      el('dt', {}, 'Attempt'), el('dd', {}, message.attempts),
      el('dt', {}, 'Value'), el('dd', {}, el('pre', {}, formatJson(message.valueText)))),
    answers);
    answers.append(
      el('button', { type: 'button', onclick: () => answer('ack') }, 'Ack'),
      el('label', {}, 'Failure reason', reason),
      el('button', { type: 'button', class: 'danger', onclick: () => answer('nack') }, 'Nack'));
  }));
  return el('section', {}, el('h2', {}, 'Receive'),
    el('p', { class: 'muted' }, 'Takes the next deliverable message and locks it, as a consumer does: answer it here, or it is delivered again when its lock expires.'),
    button, status.node, out);
}

function dlqSection() {
  const status = statusLine();
  const table = el('table', { class: 'dlq' });
  const pager = el('div', { class: 'pager' });
  let offset = 0;
  const purge = el('button', { type: 'button', class: 'danger' }, 'Purge all…');

  let loading = 0; // the latest reload; an older one that answers late is dropped

  async function reload() {
    const mine = ++loading;
    try {
      const records = withValueTexts(await apiText(`/queue/dlq?limit=${DLQ_PAGE + 1}&offset=${offset}`));
      if (mine !== loading) return;
      status.clearError();
      if (!records.length && offset > 0) {
        offset = Math.max(0, offset - DLQ_PAGE); // the last record of a later page went: show the one before
        await reload();
        return;
      }
      const shown = records.slice(0, DLQ_PAGE);
      table.replaceChildren(
        el('thead', {}, el('tr', {}, ['Failed at', 'Original id', 'Attempts', 'Error', 'Value', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, shown.length ? shown.map(row) : el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'The dead-letter queue is empty'))));
      pager.replaceChildren(
        el('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - DLQ_PAGE); reload(); } }, '← Newer'),
        el('span', { class: 'muted' }, shown.length ? `${offset + 1}–${offset + shown.length}` : ''),
        el('button', { type: 'button', class: 'secondary', disabled: records.length <= DLQ_PAGE, onclick: () => { offset += DLQ_PAGE; reload(); } }, 'Older →'));
    } catch (error) {
      if (mine === loading) status.error(error);
    }
  }

  function row(record) {
    const detail = el('tr', { class: 'detail', hidden: true }, el('td', { colspan: 6 }, el('pre', {},
      formatJson(toJson({ ...record, value: new RawJson(record.valueText), valueText: undefined })))));
    const act = (button, action) => busy(button, status, async () => {
      await action();
      await reload();
    });
    const view = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'View');
    view.addEventListener('click', () => {
      detail.hidden = !detail.hidden;
      view.setAttribute('aria-expanded', String(!detail.hidden));
    });
    const requeue = el('button', { type: 'button' }, 'Requeue');
    requeue.addEventListener('click', () => act(requeue, async () => {
      const result = await api(`/queue/dlq/${encodeURIComponent(record.id)}/requeue`, { method: 'POST' });
      status.ok('Requeued as message ', el('code', {}, result.newId), ' (default options).');
    }));
    const remove = el('button', { type: 'button', class: 'danger' }, 'Delete');
    remove.addEventListener('click', async () => {
      if (!await confirmAction('Delete this dead letter?', `Its value ${preview(record.valueText, 80)} is lost.`, 'Delete')) return;
      act(remove, async () => {
        await api(`/queue/dlq/${encodeURIComponent(record.id)}`, { method: 'DELETE' });
        status.ok('Dead letter deleted.');
      });
    });
    return [el('tr', { 'data-id': record.id },
      el('td', {}, formatTime(record.failedAt)),
      el('td', { class: 'mono' }, record.originalId),
      el('td', {}, record.attempts),
      el('td', { class: 'error-text' }, record.errorMessage),
      el('td', {}, el('code', {}, preview(record.valueText, 80))),
      el('td', { class: 'row-actions' }, view, requeue, remove)), detail];
  }

  purge.addEventListener('click', async () => {
    if (!await confirmAction('Purge the dead-letter queue?', 'Every dead letter is deleted, with its value. This cannot be undone.', 'Purge all')) return;
    busy(purge, status, async () => {
      const { deletedCount } = await api('/queue/dlq', { method: 'DELETE' });
      offset = 0;
      status.ok(`${number(deletedCount)} dead letters deleted.`);
      await reload();
    });
  });
  const node = el('section', {}, el('h2', {}, 'Dead-letter queue'),
    el('p', { class: 'muted' }, 'Messages whose last attempt failed, newest first. Requeue sends the value again as a new message.'),
    el('div', { class: 'toolbar' }, el('button', { type: 'button', class: 'secondary', onclick: reload }, 'Refresh'), purge),
    status.node, el('div', { class: 'scroll' }, table), pager);
  return { node, reload };
}
