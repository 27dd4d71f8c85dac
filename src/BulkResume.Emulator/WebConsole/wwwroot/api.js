// The emulator's APIs as the console calls them: the same DLQ and run-logs API the hosted service has (so this file is
// a live example of it), and the emulator's admin API. The token goes in the Authorization header only: never in a
// URL, where it would end up in logs and in the browser's history.

/** An answer other than 2xx, with the API's own message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class Api {
  /**
   * @param {string|null} token the bearer token, or null for an emulator started without authentication
   * @param {() => void} onRefused called when the emulator refuses the token (401), before the error is thrown
   */
  constructor(token, onRefused = () => {}) {
    this.token = token;
    this.onRefused = onRefused;
  }

  /** One request; resolves to the parsed JSON body (or null for none), rejects with an ApiError. */
  async send(method, path, { query = [], headers = {}, json } = {}) {
    const url = new URL(path, window.location.origin);
    for (const [name, value] of query) url.searchParams.append(name, value);
    const requestHeaders = { ...headers };
    if (this.token) requestHeaders.Authorization = `Bearer ${this.token}`;
    if (json !== undefined) requestHeaders['Content-Type'] = 'application/json';
    const body = json === undefined ? undefined : JSON.stringify(json);
    let response;
    try {
      response = await fetch(url, { method, headers: requestHeaders, body, cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new ApiError(0, `The emulator did not answer ${method} ${url.pathname}: is it still running?`);
    }
    const text = await response.text();
    // 302 is how the API answers a canceled failure callback: a success without a body.
    if (response.status === 401) this.onRefused();
    if (!response.ok && response.status !== 302) {
      throw new ApiError(response.status, `${method} ${url.pathname} was answered ${response.status}: ${errorText(text)}`);
    }
    return text ? JSON.parse(text) : null;
  }

  // The DLQ.
  listPage(query, cursor) {
    return this.send('GET', '/v2/workflows/dlq', { query: withCursor([...query, ['count', '100']], cursor) });
  }
  entry(dlqId) { return this.send('GET', `/v2/workflows/dlq/${encodeURIComponent(dlqId)}`); }
  one(verb, dlqId, headers) {
    const path = `/v2/workflows/dlq/${encodeURIComponent(dlqId)}`;
    if (verb === 'delete') return this.send('DELETE', path);
    return this.send('POST', `/v2/workflows/dlq/${verb}/${encodeURIComponent(dlqId)}`, { headers });
  }
  /** One page of a bulk action: `query` is the selection (filters or dlqIds), answered with the API's cursor. */
  bulkPage(verb, query, cursor, headers) {
    const paged = withCursor([...query, ['count', String(BULK_PAGE)]], cursor);
    return verb === 'delete'
      ? this.send('DELETE', '/v2/workflows/dlq', { query: paged })
      : this.send('POST', `/v2/workflows/dlq/${verb}`, { query: paged, headers });
  }
  /**
   * Starts an async bulk action over the whole selection (the filters only: no ids, cursor or count); the service works
   * through it on its own. Resolves to `{ actionId }`.
   */
  startBulkAction(verb, query, headers) {
    return verb === 'delete'
      ? this.send('DELETE', '/v2/workflows/dlq/bulk', { query })
      : this.send('POST', `/v2/workflows/dlq/${verb}/bulk`, { query, headers });
  }
  bulkAction(actionId) { return this.send('GET', `/v2/workflows/bulkActions/${encodeURIComponent(actionId)}`); }
  /** One page of the bulk actions, newest first; `state` filters each page, so a page may be empty while a cursor remains. */
  bulkActionsPage(state, cursor) {
    const query = state ? [['state', state]] : [];
    return this.send('GET', '/v2/workflows/bulkActions', { query: withCursor([...query, ['count', '100']], cursor) });
  }
  retryCallback(dlqId) { return this.send('POST', `/v2/workflows/dlq/callback/${encodeURIComponent(dlqId)}`); }
  cancelCallback(dlqId) { return this.send('DELETE', `/v2/workflows/dlq/callback/${encodeURIComponent(dlqId)}`); }

  // The run logs.
  runs(query, cursor) { return this.send('GET', '/v2/workflows/logs', { query: withCursor(query, cursor) }); }

  // The emulator's admin API.
  adminIndex() { return this.send('GET', '/_emulator'); }
  stats() { return this.send('GET', '/_emulator/stats'); }
  reset() { return this.send('POST', '/_emulator/reset'); }
  faults(body) { return this.send('POST', '/_emulator/faults', { json: body }); }
}

/** Runs per bulk request: the API's most for resume and restart, so that a cancel lands between pages of this size. */
export const BULK_PAGE = 50;

function withCursor(query, cursor) {
  return cursor ? [...query, ['cursor', cursor]] : query;
}

function errorText(text) {
  try {
    const body = JSON.parse(text);
    if (body && typeof body.error === 'string') return body.error;
  } catch { /* not JSON: say so below */ }
  return text ? text.slice(0, 200) : '(no body)';
}
