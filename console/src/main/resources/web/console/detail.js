// One session: every field and the local summary, its timeline (audit log, then live), WS1 Assist, actions,
// remote assistance.
import { h, clear, words, formatTime, formatDuration, announce } from './dom.js';
import { api, errorWords, holds, ASSIST, AGENT_ID, project } from './api.js';
import { summary as fetchSummary, forget } from './names.js';
import { offered, ACTIONS } from './rules.js';
import { openAction, sessionLabel } from './actions.js';
import { openFeed } from './feed.js';

const ASSIST_STATES = {
  WAIT_USER_CONFIRM: 'Waiting for the user to accept',
  WAIT_USER_ACCESS: 'The user accepted; waiting for them to give access',
  OPEN: 'Open: you can help the user now',
  CLOSE: 'Closed',
};

function dl(entries) {
  return h('dl', { class: 'summary-list' }, entries.map(([key, value]) => h('div', { class: 'summary-list__row' },
    h('dt', {}, key), h('dd', {}, value === undefined || value === null || value === '' ? '—' : String(value)))));
}

function flatten(object, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(object || {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push(...flatten(value, name));
    else out.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return out;
}

export function renderSession(main, params) {
  const id = params.id;
  let alive = true;
  let feed = null;
  let assistTimer = null;
  let session = null;
  const seen = new Set();

  const heading = h('h1', { class: 'heading-l', id: 'session-heading' }, 'Session');
  const stateLine = h('p', { class: 'lead', id: 'session-state' }, '\u00a0');
  const actionsBox = h('div', { class: 'button-group', id: 'session-actions' });
  const fields = h('div', { id: 'session-fields' }, h('p', { class: 'muted' }, 'Loading…'));
  const local = h('div', { id: 'session-summary' });
  const timelineList = h('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const timelineNote = h('p', { class: 'hint', id: 'timeline-note' }, 'Loading the timeline…');
  const liveNote = h('p', { class: 'hint', id: 'live-note' }, '\u00a0');
  const assistBox = h('div', { id: 'assist' });
  const ws1 = h('div', { id: 'ws1' });

  clear(main,
    h('p', {}, h('a', { href: '/?view=sessions', class: 'back-link' }, 'Back to sessions')),
    heading, stateLine, actionsBox,
    h('div', { class: 'columns' },
      h('div', { class: 'columns__main' },
        h('h2', { class: 'heading-m' }, 'Timeline'), timelineNote, liveNote, timelineList),
      h('div', { class: 'columns__side' },
        h('section', { 'aria-labelledby': 'assist-title' }, h('h2', { class: 'heading-m', id: 'assist-title' }, 'Remote assistance'), ws1, assistBox))),
    h('h2', { class: 'heading-m' }, 'Session fields'), fields,
    h('h2', { class: 'heading-m' }, 'Local summary'), local);

  async function loadSession() {
    try {
      const answer = await api(`/rest/inventory/v1/sessions/${encodeURIComponent(id)}`);
      if (!alive) return;
      session = answer.data;
      clear(fields, dl(flatten(session)));
      stateLine.textContent = `${words(session.session_state)} · ${words(session.session_type)} · ${words(session.session_protocol)} · started ${formatTime(session.start_time)}`;
      stateLine.dataset.state = session.session_state;
      forget(id);
      const s = await fetchSummary(id);
      if (!alive) return;
      if (s) {
        clear(local, dl([
          ...flatten(s.names_data).map(([k, v]) => [k.replace(/_/g, ' '), v]),
          ...flatten(s.reference_data).map(([k, v]) => [`${k.replace(/_/g, ' ')} reference`, v]),
          ...flatten(s.session_data).map(([k, v]) => [k.replace(/_/g, ' '), /time$/.test(k) ? formatTime(v) : (/duration/.test(k) ? formatDuration(v) : v)]),
        ]));
      }
      heading.textContent = sessionLabel(session);
      document.title = `${heading.textContent} – SessionPlane`;
      renderActions();
      main.dataset.ready = 'session';
    } catch (e) {
      if (!alive) return;
      clear(fields, h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, e.message)));
      heading.textContent = 'Session not available';
      // An ended session (404 after its end) offers nothing to act on and no state it no longer has.
      stateLine.textContent = '';
      delete stateLine.dataset.state;
      clear(actionsBox);
    }
  }

  function renderActions() {
    clear(actionsBox, offered([session]).map((action) => h('button', {
      type: 'button', class: `button ${action === 'disconnect' ? '' : 'button--secondary'}`, 'data-action': action,
      onclick: () => openAction(action, [session], { onOutcome: () => loadSession() }),
    }, ACTIONS[action].label)));
  }

  function addEntry({ key, time, type, text, live }) {
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    const item = h('li', { class: `timeline__item${live ? ' timeline__item--live' : ''}`, 'data-type': type || '', 'data-time': String(time || 0) },
      h('p', { class: 'timeline__time' }, formatTime(time), live ? h('span', { class: 'tag tag--live' }, 'Live') : null),
      h('p', { class: 'timeline__type' }, words(type)),
      text ? h('p', { class: 'timeline__text' }, text) : null);
    // Newest first; keep order by time.
    const after = [...timelineList.children].find((child) => Number(child.dataset.time) < (time || 0));
    timelineList.insertBefore(item, after || null);
  }

  async function loadTimeline() {
    const filter = JSON.stringify({ type: 'Equals', name: 'session_id', value: id });
    const answer = await api(`/rest/external/v1/audit-events?filter=${encodeURIComponent(filter)}&size=100&sort_by=time&order_by=DESC`, { allowError: true })
      .catch((e) => ({ status: e.status || 0, data: null }));
    if (!alive) return;
    if (answer.status === 200) {
      for (const event of answer.data || []) {
        addEntry({ key: event.event_id || `audit-${event.id}`, time: event.time, type: event.type, text: [event.message, event.requested_by ? `by ${event.requested_by}` : ''].filter(Boolean).join(' ') });
      }
      timelineNote.textContent = (answer.data || []).length ? 'From the audit log, then live.' : 'Nothing in the audit log for this session yet; new events appear live.';
    } else if (answer.status === 403) {
      timelineNote.textContent = 'Your account cannot read the audit log, so only events from now on are shown.';
    } else {
      timelineNote.textContent = 'The audit log could not be read; events from now on are shown.';
    }
  }

  function startFeed() {
    feed = openFeed({
      sessionId: id,
      onStatus: (text) => { liveNote.textContent = text === 'live' ? 'Following live.' : text; liveNote.dataset.live = text === 'live' ? 'true' : 'false'; },
      onEvent: (event) => {
        if (!alive || event.session_id !== id) return;
        const detail = [event.message, event.status ? words(event.status) : '', event.error_key ? `(${event.error_key})` : '', event.requested_by ? `by ${event.requested_by}` : ''].filter(Boolean).join(' ');
        addEntry({ key: event.event_id, time: event.time, type: event.event_type || event.kind, text: detail, live: true });
        announce(`${words(event.event_type || event.kind)}`);
        if (event.kind === 'LIFECYCLE' || event.kind === 'ACTION_OUTCOME') loadSession();
        if (event.kind === 'REMOTE_ASSISTANCE') loadAssist();
      },
    });
  }

  async function loadWs1() {
    const parts = [];
    const status = await api(`/rest/helpdesk/v1/sessions/${encodeURIComponent(id)}/ws1-assist/status`, { allowError: true }).catch(() => null);
    if (!alive) return;
    parts.push(h('p', { id: 'ws1-status' }, 'Workspace ONE Assist: ',
      status && status.status === 200 ? h('strong', {}, words(status.data.status)) : 'status not available'));
    if (session && holds(session, AGENT_ID)) {
      const out = h('span', { id: 'agent-id' });
      parts.push(h('p', {}, h('button', {
        type: 'button', class: 'button button--secondary button--small', id: 'show-agent-id',
        onclick: async (event) => {
          event.target.disabled = true;
          const answer = await api('/rest/helpdesk/v1/sessions/action/ws1-assist-agent-id', { method: 'POST', body: { session_id: id }, allowError: true }).catch((e) => ({ status: 0, data: { error_message: e.message } }));
          out.textContent = answer.status === 200 && answer.data.agent_id ? `Agent id: ${answer.data.agent_id}` : `No agent id: ${(answer.data && (answer.data.error_message || answer.data.error_code)) || 'not available'}`;
          event.target.disabled = false;
        },
      }, 'Show agent id'), ' ', out));
    }
    clear(ws1, parts);
  }

  function assistPath() {
    return `/v2/${encodeURIComponent(project())}/desktops/${encodeURIComponent(session.machine_id)}/remote-assistance`;
  }

  let assistRun = 0;
  async function loadAssist() {
    clearTimeout(assistTimer);
    // Calls overlap (the poll, assistance events, start and cancel): only the latest one renders and polls on.
    const run = ++assistRun;
    if (!alive || !session) return;
    if (!session.machine_id) { clear(assistBox, h('p', { class: 'hint' }, 'Remote assistance needs a desktop; this session has no machine.')); return; }
    if (!project()) { clear(assistBox, h('p', { class: 'hint' }, 'Your account has no project for remote assistance.')); return; }
    const mayAssist = holds(session, ASSIST);
    const answer = await api(assistPath(), { allowError: true }).catch((e) => ({ status: 0, data: { error_msg: e.message } }));
    if (!alive || run !== assistRun) return;
    const space = answer.status === 200 ? answer.data : null;
    const live = space && space.status !== 'CLOSE';
    const parts = [];
    if (space) {
      parts.push(h('p', { id: 'assist-state', 'data-status': space.status }, h('strong', {}, ASSIST_STATES[space.status] || words(space.status)),
        space.failed_reason ? ` (${words(space.failed_reason)})` : ''));
      if (space.invitation_code) {
        parts.push(h('p', { class: 'hint' }, 'Read these to the user:'), dl([
          ['Invitation code', space.invitation_code], ['Password', space.share_space_passwd],
          ['Link (internal)', space.private_share_link], ['Link (internet)', space.internet_share_link],
          ['Created', formatTime(Date.parse(space.create_time) || space.create_time)]]));
        parts[parts.length - 1].id = 'assist-details';
      }
    } else if (answer.status !== 404 && answer.status !== 200) {
      parts.push(h('p', { class: 'field-error' }, (answer.data && (answer.data.error_msg || answer.data.error_message)) || `Status not available (${answer.status}).`));
    }
    if (mayAssist && !live) {
      parts.push(h('button', { type: 'button', class: 'button', id: 'assist-start', onclick: start }, 'Start remote assistance'));
    }
    if (mayAssist && live) {
      parts.push(h('button', { type: 'button', class: 'button button--warning', id: 'assist-cancel', onclick: cancel }, 'Cancel remote assistance'));
    }
    if (!mayAssist) parts.push(h('p', { class: 'hint' }, 'Your account may not start remote assistance on this session.'));
    clear(assistBox, parts);
    if (live) assistTimer = setTimeout(loadAssist, 2000);
  }

  async function start(event) {
    event.target.disabled = true;
    const answer = await api(assistPath(), { method: 'POST', allowError: true }).catch((e) => ({ status: 0, data: { error_msg: e.message } }));
    if (answer.status !== 200) {
      clear(assistBox, h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, (answer.data && (answer.data.error_msg || answer.data.error_message)) || `Could not start (${answer.status}).`)));
      setTimeout(loadAssist, 3000);
      return;
    }
    announce('Remote assistance started; the user is being asked.');
    loadAssist();
  }

  async function cancel(event) {
    event.target.disabled = true;
    const answer = await api(assistPath(), { method: 'DELETE', allowError: true }).catch(() => ({ status: 0, data: null }));
    if (answer.status !== 204 && answer.status !== 200) {
      clear(assistBox, h('div', { class: 'error-summary', role: 'alert' }, h('p', {},
        `Could not cancel remote assistance: ${errorWords(answer.status, answer.data)}`)));
      setTimeout(loadAssist, 3000);
      return;
    }
    announce('Remote assistance cancelled.');
    loadAssist();
  }

  (async () => {
    await loadSession();
    if (!alive || !session) return;
    startFeed();
    loadTimeline();
    loadWs1();
    loadAssist();
  })();

  return () => {
    alive = false;
    clearTimeout(assistTimer);
    if (feed) feed.close();
    document.querySelectorAll('dialog').forEach((d) => d.close());
  };
}
