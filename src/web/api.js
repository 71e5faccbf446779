// Talking to the service: auth header, readable error messages, and a server-sent-events reader for fetch bodies.

const API_KEY_KEY = 'news-rag:api-key';

export class ServiceError extends Error {
  constructor(message, { needsKey = false } = {}) {
    super(message);
    this.needsKey = needsKey;
  }
}

export function saveApiKey(key) {
  localStorage.setItem(API_KEY_KEY, key);
}

export function authHeaders(headers = {}) {
  const key = localStorage.getItem(API_KEY_KEY);
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

/** A readable sentence for an error body `{ error: { code, message } }`, by status and code. Never the raw JSON. */
export function describeError(status, body, retryAfter) {
  const code = body?.error?.code;
  const message = typeof body?.error?.message === 'string' ? body.error.message : '';
  if (status === 401 || code === 'unauthorized') return new ServiceError('This service needs an API key. Enter it above, then ask again.', { needsKey: true });
  if (code === 'index_not_ready') return new ServiceError('The service is still indexing the articles — try again in a few seconds.');
  if (status === 429 || code === 'rate_limited') {
    const seconds = Number(retryAfter) || Number(/(\d+)\s*s\b/.exec(message)?.[1]) || 60;
    return new ServiceError(`Too many requests — wait ${seconds} s.`);
  }
  if (status === 413 || code === 'payload_too_large') return new ServiceError('That question is too long. Shorten it and try again.');
  if (code === 'upstream_unavailable') return new ServiceError('The language model is unavailable right now. Try again shortly.');
  if (message && status < 500) return new ServiceError(message);
  if (message) return new ServiceError(`The service had a problem: ${message}`);
  return new ServiceError("Can't reach the service.");
}

export async function errorFromResponse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: describeError falls back to a generic message.
  }
  return describeError(response.status, body, response.headers.get('Retry-After'));
}

export async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: authHeaders({ Accept: 'application/json' }) });
  } catch {
    throw new ServiceError("Can't reach the service.");
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response.json();
}

/** Yields `{ event, data }` for each server-sent event in a fetch body. */
export async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer = (buffer + value).replace(/\r\n/g, '\n');
    let boundary;
    while ((boundary = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) yield { event, data: JSON.parse(data.join('\n')) };
    }
  }
}

