// Find sessions: one search box and filters → a Horizon filter; sortable, paged table; counts per state; bulk actions.
import { h, clear, words, formatTime, announce } from './dom.js';
import { api, query, accessGroups } from './api.js';
import { summary, groupName } from './names.js';
import { ACTIONS, offered } from './rules.js';
import { openAction } from './actions.js';

const PAGE_SIZE = 25;
/** String fields the search box looks in: the names users tell the helpdesk first, then the ids. */
export const SEARCH_FIELDS = ['user_name', 'machine_name', 'machine_dns_name', 'desktop_pool_name', 'farm_name',
  'client_data.name', 'client_data.address', 'user_id', 'machine_id', 'id'];
const SORTABLE = { start_time: 'Started', session_state: 'State', session_type: 'Type', session_protocol: 'Protocol', idle_duration: 'Idle' };

/** The Horizon filter for the URL's search, or null for everything. */
export function filterFor(params) {
  const parts = [];
  const text = (params.q || '').trim();
  if (text) {
    parts.push({ type: 'Or', filters: SEARCH_FIELDS.map((name) => ({ type: 'Contains', name, value: text })) });
  }
  for (const [param, name] of [['state', 'session_state'], ['type', 'session_type'], ['protocol', 'session_protocol'], ['group', 'access_group_id']]) {
    if (params[param]) parts.push({ type: 'Equals', name, value: params[param] });
  }
  if (params.pod === 'local') {
    parts.push({ type: 'Equals', name: 'brokered_remotely', value: false }, { type: 'Equals', name: 'resourced_remotely', value: false });
  } else if (params.pod === 'federated') {
    parts.push({ type: 'Or', filters: [{ type: 'Equals', name: 'brokered_remotely', value: true }, { type: 'Equals', name: 'resourced_remotely', value: true }] });
  }
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : { type: 'And', filters: parts };
}

function select(label, name, value, options) {
  return h('div', { class: 'form-group form-group--inline' },
    h('label', { class: 'label', for: `f-${name}` }, label),
    h('select', { class: 'select', id: `f-${name}`, name },
      options.map(([v, text]) => h('option', { value: v, selected: v === (value || '') }, text))));
}

export function renderSessions(main, params, navigate) {
  const page = Math.max(1, parseInt(params.page || '1', 10) || 1);
  const sort = SORTABLE[params.sort] ? params.sort : 'start_time';
  const order = params.order === 'ASC' ? 'ASC' : 'DESC';
  let alive = true;
  let sessions = [];
  const selected = new Set();

  const groups = accessGroups();
  const form = h('form', { class: 'search', role: 'search', id: 'search-form' },
    h('div', { class: 'form-group search__box' },
      h('label', { class: 'label', for: 'q' }, 'Search sessions'),
      h('p', { class: 'hint', id: 'q-hint' }, 'Part of a user name, machine or DNS name, pool or farm name, client name or address, or an id'),
      h('div', { class: 'search__row' },
        h('input', { class: 'input', id: 'q', name: 'q', type: 'search', value: params.q || '', 'aria-describedby': 'q-hint', spellcheck: 'false' }),
        h('button', { class: 'button', type: 'submit', id: 'search-button' }, 'Search'))),
    h('div', { class: 'filters' },
      select('State', 'state', params.state, [['', 'Any state'], ['CONNECTED', 'Connected'], ['DISCONNECTED', 'Disconnected'], ['PENDING', 'Pending']]),
      select('Type', 'type', params.type, [['', 'Any type'], ['DESKTOP', 'Desktop'], ['APPLICATION', 'Application']]),
      select('Protocol', 'protocol', params.protocol, [['', 'Any protocol'], ['BLAST', 'Blast'], ['PCOIP', 'PCoIP'], ['RDP', 'RDP'], ['CONSOLE', 'Console'], ['UNKNOWN', 'Unknown']]),
      select('Pod', 'pod', params.pod, [['', 'Any pod'], ['local', 'This pod'], ['federated', 'Other pods']]),
      select('Access group', 'group', params.group, [['', 'Any access group'], ...groups.map((g) => [g, groupName(g) || `Group ${g.slice(0, 8)}`])])));
  const submit = () => {
    const values = Object.fromEntries(new FormData(form));
    navigate({ view: 'sessions', ...values, sort: params.sort, order: params.order });
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  form.querySelectorAll('select').forEach((s) => s.addEventListener('change', submit));

  const counts = h('ul', { class: 'counts', id: 'state-counts', 'aria-label': 'Sessions by state' },
    ['CONNECTED', 'DISCONNECTED', 'PENDING'].map((state) => h('li', { class: `count count--${state.toLowerCase()}` },
      h('a', { href: `/?view=sessions&state=${state}` },
        h('span', { class: 'count__number', 'data-state': state }, '…'),
        h('span', { class: 'count__label' }, words(state))))));
  const countsNote = h('p', { class: 'hint counts__note', id: 'counts-note' }, '\u00a0');

  const status = h('p', { class: 'table-status', id: 'table-status', role: 'status' }, 'Loading sessions…');
  const bulk = h('div', { class: 'bulk', id: 'bulk', 'aria-label': 'Actions on the selected sessions', role: 'group' });
  const tbody = h('tbody', { id: 'session-rows' });
  const headerCheckbox = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select every session on this page' });
  const head = h('tr', {},
    h('th', { scope: 'col', class: 'col-check' }, headerCheckbox),
    h('th', { scope: 'col' }, 'User'),
    h('th', { scope: 'col' }, 'Machine'),
    h('th', { scope: 'col', class: 'col-wide' }, 'Pool or farm'),
    h('th', { scope: 'col', class: 'col-wide' }, 'Client'),
    ...['session_protocol', 'session_type', 'session_state', 'start_time'].map((field) => {
      const active = sort === field;
      const next = active && order === 'DESC' ? 'ASC' : 'DESC';
      return h('th', { scope: 'col', 'aria-sort': active ? (order === 'ASC' ? 'ascending' : 'descending') : 'none' },
        h('a', { class: 'sort', href: `/${query({ ...params, view: 'sessions', sort: field, order: next, page: '' })}` },
          SORTABLE[field], h('span', { class: 'sort__arrow', 'aria-hidden': 'true' }, active ? (order === 'ASC' ? ' ▲' : ' ▼') : '')));
    }),
    h('th', { scope: 'col', class: 'col-wide' }, 'Access group'));
  const table = h('table', { class: 'table', id: 'sessions-table' },
    h('caption', { class: 'visually-hidden' }, 'Sessions, sortable by the column headings with links'),
    h('thead', {}, head), tbody);
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  clear(main,
    h('h1', { class: 'heading-l' }, 'Sessions'),
    counts, countsNote, form, bulk,
    h('div', { class: 'table-wrap' }, table), status, pager);

  function renderBulk() {
    const chosen = sessions.filter((s) => selected.has(s.id));
    const actions = offered(chosen.length ? chosen : sessions);
    clear(bulk,
      h('span', { class: 'bulk__count', id: 'selected-count' }, chosen.length ? `${chosen.length} selected` : 'Select sessions to act on several at once'),
      actions.map((action) => h('button', {
        type: 'button', class: 'button button--secondary button--small', 'data-action': action, disabled: chosen.length === 0,
        // The list shows what the actions did once their outcomes are in (debounced: many settle at once).
        onclick: () => openAction(action, chosen, { onOutcome: reloadSoon }),
      }, ACTIONS[action].label)));
    headerCheckbox.checked = sessions.length > 0 && chosen.length === sessions.length;
    headerCheckbox.indeterminate = chosen.length > 0 && chosen.length < sessions.length;
  }
  headerCheckbox.addEventListener('change', () => {
    for (const s of sessions) { if (headerCheckbox.checked) selected.add(s.id); else selected.delete(s.id); }
    tbody.querySelectorAll('input[type=checkbox]').forEach((box) => { box.checked = headerCheckbox.checked; });
    renderBulk();
  });

  function row(session) {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select session of ${session.user_id}`, 'data-id': session.id });
    box.addEventListener('change', () => { if (box.checked) selected.add(session.id); else selected.delete(session.id); renderBulk(); });
    const user = h('a', { href: `/?view=session&id=${encodeURIComponent(session.id)}`, class: 'user-link' }, session.user_id || 'Unknown user');
    const machine = h('td', { class: 'cell-name' }, session.machine_id ? h('span', { class: 'muted' }, '…') : '—');
    const pool = h('td', { class: 'col-wide cell-name' }, h('span', { class: 'muted' }, '…'));
    const group = h('td', { class: 'col-wide' }, groupName(session.access_group_id) || h('span', { class: 'muted' }, '…'));
    const userCell = h('td', { class: 'cell-name' }, user, h('span', { class: 'sub' }, session.user_id));
    const client = session.client_data || {};
    const tr = h('tr', { 'data-session-id': session.id, 'data-access-group': session.access_group_id, 'data-state': session.session_state },
      h('td', { class: 'col-check' }, box), userCell, machine, pool,
      h('td', { class: 'col-wide cell-name' }, client.name || '—', h('span', { class: 'sub' }, client.address || '')),
      h('td', {}, words(session.session_protocol)), h('td', {}, words(session.session_type)),
      h('td', {}, h('span', { class: `state state--${(session.session_state || '').toLowerCase()}` }, words(session.session_state))),
      h('td', { class: 'nowrap' }, formatTime(session.start_time)), group);
    summary(session.id).then((s) => {
      if (!alive || !s) return;
      const names = s.names_data || {};
      if (names.user_name) { user.textContent = names.user_name; }
      clear(machine, names.machine_or_rds_server_name || '—', h('span', { class: 'sub' }, names.machine_or_rds_server_dns || ''));
      clear(pool, names.desktop_name || names.application_pool_name || '—', h('span', { class: 'sub' }, names.farm_name || ''));
      clear(group, names.access_group_name || '—');
      box.setAttribute('aria-label', `Select session of ${names.user_name || session.user_id}`);
    });
    return tr;
  }

  let reloadTimer = null;
  /** After actions settle: the page again, without the selection they were taken on. */
  function reloadSoon() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      if (!alive) return;
      selected.clear();
      load();
    }, 1000);
  }

  async function load() {
    const filter = filterFor(params);
    const started = performance.now();
    try {
      const answer = await api(`/rest/inventory/v1/sessions${query({
        filter: filter ? JSON.stringify(filter) : '', page, size: PAGE_SIZE, sort_by: sort, order_by: order,
      })}`);
      if (!alive) return;
      sessions = answer.data || [];
      const more = (answer.headers.get('HAS_MORE_RECORDS') || '').toUpperCase() === 'TRUE';
      clear(tbody, sessions.map(row));
      status.textContent = sessions.length
        ? `Page ${page}: sessions ${(page - 1) * PAGE_SIZE + 1} to ${(page - 1) * PAGE_SIZE + sessions.length}${more ? ' (more on the next page)' : ''}.`
        : (filter ? 'No session matches this search.' : 'There are no sessions you may view.');
      status.dataset.loadedMs = String(Math.round(performance.now() - started));
      main.dataset.ready = 'sessions';
      // User Timing marks: what a first screen costs can be read in the browser (and the console bench does).
      performance.mark('sessionplane:sessions-shown');
      const link = (p, text, rel) => h('a', { class: 'button button--secondary button--small', rel, href: `/${query({ ...params, view: 'sessions', page: p })}` }, text);
      clear(pager,
        page > 1 ? link(page - 1, 'Previous page', 'prev') : h('span', { class: 'button button--secondary button--small', 'aria-disabled': 'true' }, 'Previous page'),
        h('span', { class: 'pager__page' }, `Page ${page}`),
        more ? link(page + 1, 'Next page', 'next') : h('span', { class: 'button button--secondary button--small', 'aria-disabled': 'true' }, 'Next page'));
      renderBulk();
      announce(status.textContent);
      loadCounts();
    } catch (e) {
      if (!alive) return;
      status.textContent = e.message;
      status.classList.add('table-status--error');
    }
  }

  /** Counts per state: the metrics endpoint when it exists; else one page of up to 1,000 per state ("1,000+"). */
  async function loadCounts() {
    const numbers = Object.fromEntries([...counts.querySelectorAll('[data-state]')].map((e) => [e.dataset.state, e]));
    const metrics = await api('/rest/monitor/v1/sessions/metrics', { allowError: true }).catch(() => null);
    if (!alive) return;
    if (metrics && metrics.status === 200 && metrics.data) {
      const found = fromMetrics(metrics.data);
      if (found) {
        for (const [state, element] of Object.entries(numbers)) element.textContent = (found[state] ?? 0).toLocaleString();
        countsNote.textContent = 'Every session of this pod you may view.';
        counts.dataset.ready = 'true';
        performance.mark('sessionplane:counts-shown');
        return;
      }
    }
    await Promise.all(Object.entries(numbers).map(async ([state, element]) => {
      try {
        const answer = await api(`/rest/inventory/v1/sessions${query({
          filter: JSON.stringify({ type: 'Equals', name: 'session_state', value: state }), size: 1000, page: 1,
        })}`);
        if (!alive) return;
        const more = (answer.headers.get('HAS_MORE_RECORDS') || '').toUpperCase() === 'TRUE';
        element.textContent = more ? `${answer.data.length.toLocaleString()}+` : answer.data.length.toLocaleString();
      } catch (e) {
        element.textContent = '?';
      }
    }));
    if (alive) {
      countsNote.textContent = 'Every session you may view; "1,000+" means at least that many.';
      counts.dataset.ready = 'true';
    }
  }

  load();
  renderBulk();
  return () => { alive = false; };
}

/**
 * Horizon's SessionMetrics → counts per state, or null when the shape is not Horizon's: connected = active + idle,
 * over application, desktop and RDS desktop sessions.
 */
export function fromMetrics(data) {
  const kinds = ['application_session_metrics', 'desktop_session_metrics', 'rds_session_metrics']
    .map((name) => data && data[name]).filter((kind) => kind && typeof kind === 'object');
  if (!kinds.length) return null;
  const sum = (field) => kinds.reduce((total, kind) => total + (Number(kind[field]) || 0), 0);
  return {
    CONNECTED: sum('num_active_sessions') + sum('num_idle_sessions'),
    DISCONNECTED: sum('num_disconnected_sessions'),
    PENDING: sum('num_pending_sessions'),
  };
}
