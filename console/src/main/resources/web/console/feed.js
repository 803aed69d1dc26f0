// The live event feed (GET /rest/inventory/v1/session-events) read with fetch streaming, since EventSource cannot send
// the Bearer token. Each message's id is a cursor: a reconnect sends Last-Event-ID and loses nothing.
import { bearer, refresh, signedIn } from './api.js';

/**
 * openFeed({ sessionId, filter, onEvent(event, kind), onStatus(text) }) → { close() }.
 * Reconnects with backoff; after `event: closed` (token expired) it refreshes first.
 */
export function openFeed({ sessionId, filter, onEvent, onStatus = () => {} }) {
  let cursor = null;
  let stopped = false;
  let controller = null;
  let backoff = 1000;

  async function connect() {
    while (!stopped && signedIn()) {
      controller = new AbortController();
      const params = new URLSearchParams();
      if (sessionId) params.set('session_id', sessionId);
      if (filter) params.set('filter', JSON.stringify(filter));
      const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${bearer()}` };
      if (cursor) headers['Last-Event-ID'] = cursor;
      let needsRefresh = false;
      try {
        const response = await fetch(`/rest/inventory/v1/session-events?${params}`, {
          headers, signal: controller.signal, cache: 'no-store', credentials: 'omit',
        });
        if (response.status === 401) {
          needsRefresh = true;
        } else if (!response.ok || !response.body) {
          onStatus(response.status === 429 ? 'Live updates paused: too many open streams.' : 'Live updates are not available right now.');
        } else {
          onStatus('live');
          backoff = 1000;
          needsRefresh = await read(response.body);
        }
      } catch (e) {
        if (stopped) return;
        onStatus('Live updates interrupted; reconnecting…');
      }
      if (stopped) return;
      if (needsRefresh) {
        try { await refresh(); } catch (e) { return; }
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  /** Parses the stream; true when the server closed it for an expired token. */
  async function read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let message = { event: 'message', data: [], id: null };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (message.id !== null) cursor = message.id;
          if (message.event === 'closed' || message.event === 'overflow') {
            controller.abort();
            return message.event === 'closed';
          }
          if (message.data.length) {
            try { onEvent(JSON.parse(message.data.join('\n')), message.event); } catch (e) { /* not JSON: ignore */ }
          }
          message = { event: 'message', data: [], id: null };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') message.data.push(text);
          else if (field === 'event') message.event = text;
          else if (field === 'id') message.id = text;
        }
      }
    }
  }

  connect();
  return {
    close() {
      stopped = true;
      if (controller) controller.abort();
    },
  };
}
