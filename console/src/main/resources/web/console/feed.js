// The live event feed (GET /rest/inventory/v1/session-events) read with fetch streaming, since EventSource cannot send
// the Bearer token. Each message's id is a cursor: a reconnect sends Last-Event-ID and loses nothing.
import { bearer, refresh, signedIn } from './api.js';

/** No byte for this long (the server's keep-alive comes every 15 s): the connection is dead; reconnect. */
const SILENCE_MS = 45_000;

/**
 * openFeed({ sessionId, filter, onEvent(event, kind), onStatus(text) }) → { close() }.
 * Reconnects with backoff (and the server's Retry-After); after `event: closed` for the token (expired, revoked) it
 * refreshes first; any other close (shutdown, unavailable) waits like a failed connection.
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
      let wait = backoff;
      try {
        const response = await fetch(`/rest/inventory/v1/session-events?${params}`, {
          headers, signal: controller.signal, cache: 'no-store', credentials: 'omit',
        });
        if (response.status === 401) {
          needsRefresh = true;
        } else if (response.status === 400 && cursor) {
          // The cursor is no longer one the server can resume from (e.g. past retention): carry on from now.
          cursor = null;
          onStatus('Live updates restarted from now: some earlier updates could not be fetched.');
        } else if (!response.ok || !response.body) {
          const retryAfter = Number(response.headers.get('Retry-After'));
          if (retryAfter > 0) wait = Math.max(wait, retryAfter * 1000);
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
        try {
          await refresh();
          continue;
        } catch (e) {
          // Signed out (the sign-in page follows) or the service is away: say so rather than seem live, and wait.
          onStatus('Live updates stopped.');
          if (!signedIn()) return;
          wait = backoff;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  /** Parses the stream; true when the server closed it for the token (expired or revoked). */
  async function read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let message = { event: 'message', data: [], id: null };
    let watchdog = null;
    let closedForToken = false;
    const watch = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), SILENCE_MS);
    };
    try {
      watch();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        watch();
        if (handle(decoder.decode(value, { stream: true }))) return closedForToken;
      }
    } finally {
      clearTimeout(watchdog);
    }

    /** Takes a chunk; true when the server ended the stream. */
    function handle(chunk) {
      buffer += chunk;
      let newline;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (message.id !== null) cursor = message.id;
          if (message.event === 'closed' || message.event === 'overflow') {
            let reason = null;
            try { reason = JSON.parse(message.data.join('\n')).reason; } catch (e) { /* no reason given */ }
            closedForToken = message.event === 'closed' && (reason === 'token-expired' || reason === 'token-revoked');
            controller.abort();
            return true;
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
      return false;
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
