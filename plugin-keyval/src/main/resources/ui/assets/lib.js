// Shared by every page: the API client (bearer token, Server-Sent Events over fetch), DOM helpers,
// dialogs, and keys (parsing what a user types, showing typed parts).

export const BASE = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const API = `${BASE}/api`;
const TOKEN_KEY = 'keyval.token';

/** An error answered by the API: its `{"error": ...}` message and HTTP status. */
class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export function authHeaders(headers = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

let tokenDeclined = false; // the user cancelled the token form: do not ask again until they choose to

/**
 * fetch() against the API that asks for the bearer token when the host answers 401, once per
 * failed attempt, and keeps it for this browser tab (sessionStorage), never in a URL.
 */
export async function apiFetch(path, options = {}) {
  for (;;) {
    const response = await fetch(`${API}${path}`, { ...options, headers: authHeaders(options.headers) });
    if (response.status !== 401) return response;
    const message = (await errorOf(response)).message;
    if (tokenDeclined || !(await askToken(message))) {
      tokenDeclined = true;
      throw new ApiError(`${message} (no token entered)`, 401);
    }
  }
}

/** Calls the API with an optional JSON body; resolves to the answer's text or throws its error. */
export async function apiText(path, { method = 'GET', body, signal } = {}) {
  const init = { method, signal, headers: {} };
  if (body !== undefined) {
    init.body = toJson(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await apiFetch(path, init);
  if (!response.ok) throw await errorOf(response);
  return response.text();
}

/** Calls the API with an optional JSON body; resolves to the parsed answer or throws its error. */
export async function api(path, options) {
  const text = await apiText(path, options);
  return text ? JSON.parse(text) : null;
}

let infoOnce = null;

/** GET /info, read once per page load: the engine, and whether metrics and watch are served. */
export function info() {
  infoOnce = infoOnce || api('/info').catch((error) => {
    infoOnce = null;
    throw error;
  });
  return infoOnce;
}

export async function errorOf(response) {
  let message = `HTTP ${response.status} ${response.statusText}`;
  try {
    const body = JSON.parse(await response.text());
    if (body && body.error) message = body.error;
  } catch (ignored) {
    // not JSON: keep the status line
  }
  return new ApiError(message, response.status);
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send the Authorization header),
 * calling onEvent({event, data, id}) for each event until the signal aborts or the server ends it;
 * a first {event: 'open'} says the server accepted the stream.
 */
export async function readEvents(path, onEvent, signal, headers = {}) {
  const response = await apiFetch(path, { signal, headers: { Accept: 'text/event-stream', ...headers } });
  if (!response.ok) throw await errorOf(response);
  if (!(response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
    response.body.cancel();
    throw new ApiError(`The server answered ${response.headers.get('Content-Type') || 'something'} instead of an event stream`, 406);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    onEvent({ event: 'open', data: '', id: null });
    await readLines(reader, onEvent);
  } finally {
    reader.cancel().catch(() => {}); // also when onEvent threw: the connection is not left open
  }
}

async function readLines(reader, onEvent) {
  let buffer = '';
  let event = { event: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (event.data.length) onEvent({ event: event.event, data: event.data.join('\n'), id: event.id });
        event = { event: 'message', data: [], id: event.id };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = text;
        else if (field === 'data') event.data.push(text);
        else if (field === 'id') event.id = text;
      }
    }
  }
}

let tokenPrompt = null;

/** Shows the token form (one at a time, however many requests wait for it); resolves to true once entered. */
function askToken(reason) {
  if (!tokenPrompt) {
    tokenPrompt = new Promise((resolve) => {
      const input = el('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, 'aria-label': 'Bearer token' });
      const dialog = el('dialog', { class: 'dialog', 'aria-labelledby': 'token-title' },
        el('form', { method: 'dialog' },
          el('h2', { id: 'token-title' }, 'This KeyVal host requires a token'),
          el('p', { class: 'muted' }, reason),
          el('p', { class: 'muted' }, 'It is kept for this browser tab only, and sent as an Authorization header.'),
          el('label', {}, 'Bearer token', input),
          el('div', { class: 'actions' },
            el('button', { type: 'submit', value: 'ok' }, 'Use token'),
            el('button', { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel'))));
      dialog.addEventListener('close', () => {
        const entered = dialog.returnValue === 'ok' && input.value.trim();
        if (entered) sessionStorage.setItem(TOKEN_KEY, entered);
        dialog.remove();
        tokenPrompt = null;
        resolve(Boolean(entered));
      });
      document.body.append(dialog);
      dialog.showModal();
    });
  }
  return tokenPrompt;
}

/** Asks before something that cannot be undone; resolves to true only on the confirming button. */
export function confirmAction(title, message, action) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { class: 'dialog', role: 'alertdialog', 'aria-labelledby': 'confirm-title' },
      el('form', { method: 'dialog' },
        el('h2', { id: 'confirm-title' }, title),
        ...[].concat(message).map((part) => (part instanceof Node ? part : el('p', {}, part))),
        el('div', { class: 'actions' },
          el('button', { type: 'submit', value: 'ok', class: 'danger' }, action),
          el('button', { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function el(tag, attributes = {}, ...children) {
  const node = tag === 'svg' || attributes.svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'svg') continue;
    if (name.startsWith('on')) {
      // Never an inline handler attribute: the policy would block it, and it would run text as code.
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      node.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in node && !node.namespaceURI.endsWith('svg')) node.value = value;
    else if (value !== false && value != null) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A place on a page where a result or an API error is shown, in place. */
export function statusLine() {
  const node = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  return {
    node,
    error(error) {
      node.className = 'status error';
      node.setAttribute('role', 'alert');
      node.replaceChildren(error.message || String(error));
      if (error.status === 401) {
        node.append(' ', el('button', { type: 'button', class: 'secondary', onclick: () => { tokenDeclined = false; location.reload(); } }, 'Enter token'));
      }
    },
    ok(...content) {
      node.className = 'status ok';
      node.setAttribute('role', 'status');
      node.replaceChildren(...content);
    },
    clear() {
      node.className = 'status';
      node.replaceChildren();
    },
    /** Clears an error once what failed works again; a result stays. */
    clearError() {
      if (node.classList.contains('error')) this.clear();
    },
  };
}

/** Runs a button's action with the button disabled meanwhile; an error goes to the status line. */
export async function busy(button, status, action) {
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    if (error.name !== 'AbortError') status.error(error);
  } finally {
    button.disabled = false;
  }
}

/**
 * Calls fn now and every ms until the page is left (signal aborted); errors go to onError (a
 * declined token stops the polling). Resolves once the first call is done.
 */
export function every(ms, signal, fn, onError) {
  let timer = null;
  const run = async () => {
    try {
      await fn();
    } catch (error) {
      if (!signal.aborted && onError) onError(error);
      if (error.status === 401) return;
    }
    if (!signal.aborted) timer = setTimeout(run, ms);
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  return run();
}

/** Waits ms; resolves to false at once if the signal aborts first. */
export function pause(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const aborted = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** A figure on a card; `href` makes it a link, `alarm` highlights it. */
export function card(label, value, { href, alarm = false } = {}) {
  const body = [el('div', { class: 'label' }, label), el('div', { class: 'value' }, value)];
  const className = alarm ? 'card alarm' : 'card';
  return href ? el('a', { class: className, href }, body) : el('div', { class: className }, body);
}

// ---- keys ----

/** The type of a key part as the API returns it: string, number, bigint, boolean or bytes. */
function partType(part) {
  if (part !== null && typeof part === 'object') return part.__type;
  return typeof part;
}

function partLabel(part) {
  const type = partType(part);
  if (type === 'bigint') return `${part.value}n`;
  if (type === 'bytes') return `0x${[...atob(part.value.replace(/-/g, '+').replace(/_/g, '/'))]
    .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('') || '""'}`;
  if (type === 'uuidv7') return 'uuidv7()';
  return type === 'string' ? part : String(part);
}

const LOOKS_TYPED = /^(-?[0-9]+(\.[0-9]+)?|true|false)$|^$/;

/**
 * A key part as a chip that shows its value and its type: by colour, by a label for screen readers,
 * and by quotes around a string that would otherwise read as a number or boolean ("42", "true").
 */
export function partChip(part, attributes = {}) {
  const type = partType(part);
  const label = partLabel(part);
  return el(attributes.href ? 'a' : 'span', { ...attributes, class: `part part-${type}`, title: `${type}: ${JSON.stringify(part)}` },
    el('span', { class: 'sr-only' }, `${type} `), type === 'string' && LOOKS_TYPED.test(part) ? JSON.stringify(part) : label);
}

export function keyChips(key) {
  return el('span', { class: 'key' }, key.map((part) => partChip(part)));
}

const DIGITS = /^-?[0-9]+$/;

/**
 * Reads a key typed by a user: a JSON array (`["users", 42, {"__type":"bigint","value":"7"}]`, every
 * part type) or a path (`users/42`), whose digit-only parts are numbers as in the API's URL form.
 */
export function parseKey(text, { allowEmpty = false } = {}) {
  const trimmed = text.trim();
  let key;
  if (trimmed.startsWith('[')) {
    try {
      key = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`Key is not valid JSON: ${error.message}`);
    }
    if (!Array.isArray(key)) throw new Error('Key must be a JSON array such as ["users", 42]');
  } else {
    key = trimmed.split('/').filter((part) => part !== '').map((part) => {
      if (DIGITS.test(part) && Number.isSafeInteger(Number(part))) return Number(part);
      return part;
    });
  }
  if (!allowEmpty && key.length === 0) throw new Error('Enter a key: a path such as users/42 or a JSON array such as ["users", 42]');
  return key;
}

/** The key in the API's URL path form, or null when one of its parts cannot be written there (§2.4). */
export function keyPath(key) {
  const parts = [];
  for (const part of key) {
    if (typeof part === 'string' && part !== '' && !DIGITS.test(part)) parts.push(encodeURIComponent(part));
    else if (typeof part === 'number' && Number.isSafeInteger(part)) parts.push(String(part));
    else return null;
  }
  return parts.join('/');
}

/** How a key is written in a form field: a path when it can be, else JSON. */
export function keyInputText(key) {
  const path = keyPath(key);
  return path !== null && !path.includes('%') ? path : JSON.stringify(key);
}

/** The key in path form, for the endpoints that take only that; throws, saying why, when it has none. */
export function requirePath(key) {
  const path = keyPath(key);
  if (path === null) throw new Error(`${JSON.stringify(key)} has parts (bigint, bytes, boolean, digit-only or empty strings) that a key path cannot hold`);
  return path;
}

/** `?prefix=<path>` for the endpoints that take a prefix in path form, '' for the whole store. */
export function prefixQuery(key) {
  return key.length ? `?prefix=${encodeURIComponent(requirePath(key))}` : '';
}

/** Splits a list typed by a user on commas and new lines, but not inside a JSON key's brackets or strings. */
export function splitList(text) {
  const items = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i += 1;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true; // a quote in a path is just a character
    else if (c === '[') depth += 1;
    else if (c === ']') depth -= 1;
    else if ((c === ',' || c === '\n') && depth <= 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter(Boolean);
}

// ---- JSON kept as written ----
// The store gives values back byte for byte (`12345678901234567890`, `1.50`), while JSON.parse would
// round or rewrite such numbers. Values shown for editing and values sent are therefore kept as text.

/** JSON text sent exactly as written, inside a request body built with toJson (made by rawJson, or from an answer's text). */
export class RawJson {
  constructor(text) {
    this.text = text.trim();
  }
}

/** @returns RawJson of text typed into a field, once it is known to be JSON; the error names the field */
export function rawJson(text, what) {
  parseJson(text, what);
  return new RawJson(text);
}

/** Parses a JSON answer and gives each object with a `value` its text as written (`valueText`). */
export function withValueTexts(text) {
  const parsed = JSON.parse(text);
  const items = Array.isArray(parsed) ? parsed : Object.values(parsed);
  const texts = rawMembers(text, 'value');
  items.filter((item) => item && typeof item === 'object' && 'value' in item).forEach((item, i) => { item.valueText = texts[i]; });
  return parsed;
}

/** JSON.stringify that writes RawJson values as their text. */
export function toJson(value) {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\],:]|[^\s{}[\],:"]+/g;

/** Indents JSON text without parsing it, so that every number and string stays exactly as written. */
export function formatJson(text) {
  let depth = 0;
  let out = '';
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (const [token] of text.matchAll(JSON_TOKEN)) {
    if (token === '{' || token === '[') {
      depth += 1;
      out += token + newline();
    } else if (token === '}' || token === ']') {
      depth -= 1;
      out = /[{[]\n *$/.test(out) ? out.replace(/\n *$/, '') + token : out + newline() + token; // {} and [] stay short
    } else if (token === ',') {
      out += `,${newline()}`;
    } else if (token === ':') {
      out += ': ';
    } else {
      out += token;
    }
  }
  return out;
}

/**
 * The text of the member `name` of each object in a JSON array, as written: the values of entries,
 * search results, watch events or dead letters, for showing them exactly.
 */
function rawMembers(text, name) {
  const found = [];
  let depth = 0;
  let member = null;
  let start = -1;
  let expectKey = false;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const [token] = match;
    if (depth === 2 && start >= 0 && (token === ',' || token === '}')) {
      found.push(text.slice(start, match.index).trim());
      start = -1;
    }
    if (token === '{' || token === '[') {
      depth += 1;
      if (depth === 2) expectKey = true;
    } else if (token === '}' || token === ']') {
      depth -= 1;
    } else if (depth === 2 && token === ',') {
      expectKey = true;
    } else if (depth === 2 && expectKey && token.startsWith('"')) {
      member = JSON.parse(token);
      expectKey = false;
    } else if (depth === 2 && token === ':' && member === name) {
      start = match.index + 1;
    }
    if (depth === 2 && token === ':') member = null;
  }
  return found;
}

export function sameKey(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Parses JSON typed into a field; the error names the field. */
export function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${error.message}`);
  }
}

/** A textarea for JSON that says, as one types, whether its text is valid. */
export function jsonField(label, text, { rows = 8, optional = false, name } = {}) {
  const area = el('textarea', { rows, spellcheck: 'false', name, 'aria-label': label });
  area.value = text;
  const hint = el('span', { class: 'hint' });
  const check = () => {
    if (optional && !area.value.trim()) {
      hint.className = 'hint';
      hint.textContent = 'empty: none';
      return;
    }
    try {
      JSON.parse(area.value);
      hint.className = 'hint ok';
      hint.textContent = 'valid JSON';
    } catch (error) {
      hint.className = 'hint error-text';
      hint.textContent = error.message;
    }
  };
  area.addEventListener('input', check);
  check();
  return {
    node: el('label', { class: 'wide' }, el('span', {}, label, ' ', hint), area),
    area,
    /** @returns the value as written (RawJson), or undefined when optional and empty */
    value() {
      if (optional && !area.value.trim()) return undefined;
      return rawJson(area.value, label);
    },
  };
}

// ---- formatting ----

/** The start of a value's JSON text, for a table cell. */
export function preview(text, max = 160) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function formatBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit += 1;
  }
  return `${n.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

export function formatTime(ms) {
  return new Date(ms).toLocaleString();
}

export function number(n) {
  return Number(n).toLocaleString();
}
