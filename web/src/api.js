// The client of Parley's public REST API (v1): the same calls any other
// client makes. Errors arrive as {"error": {"code", "message"}}.

export class APIError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'http_' + status;
    this.candidates = e.candidates || [];
  }
}

// url builds a path with query parameters, skipping empty values; an array
// value repeats its parameter.
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined && x !== null && x !== '') q.append(k, x);
    }
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function send(path, init) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, ...init });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw new APIError(res.status, body);
  return body;
}

// get fetches a JSON resource; signal (optional) aborts it.
export function get(path, params = {}, signal) {
  return send(url(path, params), { signal });
}

// latest wraps fn(signal, ...args) so that each call aborts the call before
// it: only the newest call's answer comes through, an older one rejects
// with an AbortError even if its answer had already arrived. cancel()
// aborts the call in flight.
export function latest(fn) {
  let ctl = null;
  const call = async (...args) => {
    if (ctl) ctl.abort();
    const mine = new AbortController();
    ctl = mine;
    const v = await fn(mine.signal, ...args);
    if (mine.signal.aborted) throw new DOMException('superseded by a newer call', 'AbortError');
    return v;
  };
  call.cancel = () => {
    if (ctl) ctl.abort();
    ctl = null;
  };
  return call;
}

// post sends body with its content type, metadata as query parameters, and
// the API key if the server asks for one on writes.
export function post(path, body, contentType, params = {}, key = '') {
  const headers = { 'Content-Type': contentType, Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  return send(url(path, params), { method: 'POST', body, headers });
}

// enc escapes one path segment (ids hold ':' and names hold spaces).
export const enc = encodeURIComponent;

// entity paths
export const entityPath = (id) => `/v1/entities/${enc(id)}`;
