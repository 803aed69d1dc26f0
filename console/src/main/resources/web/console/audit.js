// Search the audit log (time range, type, user, machine, command id, session id), paged by HAS_MORE_RECORDS.
import { h, clear, formatTime, words } from './dom.js';
import { api, query } from './api.js';

const PAGE_SIZE = 50;

export function auditFilter(params) {
  const parts = [];
  const from = params.from ? Date.parse(params.from) : NaN;
  const to = params.to ? Date.parse(params.to) : NaN;
  if (!Number.isNaN(from) || !Number.isNaN(to)) {
    parts.push({ type: 'Between', name: 'time', fromValue: Number.isNaN(from) ? 0 : from, toValue: Number.isNaN(to) ? 4102444800000 : to });
  }
  if (params.etype) parts.push({ type: 'Contains', name: 'type', value: params.etype.trim() });
  if (params.user) parts.push({ type: 'Or', filters: [{ type: 'Contains', name: 'user_id', value: params.user.trim() }, { type: 'Contains', name: 'requested_by', value: params.user.trim() }] });
  if (params.machine) parts.push({ type: 'Or', filters: [{ type: 'Contains', name: 'machine_dns_name', value: params.machine.trim() }, { type: 'Equals', name: 'machine_id', value: params.machine.trim() }] });
  if (params.command) parts.push({ type: 'Equals', name: 'command_id', value: params.command.trim() });
  if (params.session) parts.push({ type: 'Equals', name: 'session_id', value: params.session.trim() });
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : { type: 'And', filters: parts };
}

function input(label, name, value, attrs = {}) {
  return h('div', { class: 'form-group form-group--inline' },
    h('label', { class: 'label', for: `a-${name}` }, label),
    h('input', { class: 'input', id: `a-${name}`, name, value: value || '', ...attrs }));
}

export function renderAudit(main, params, navigate) {
  let alive = true;
  const page = Math.max(1, parseInt(params.page || '1', 10) || 1);
  const form = h('form', { class: 'search', id: 'audit-form' },
    h('div', { class: 'filters' },
      input('From', 'from', params.from, { type: 'datetime-local' }),
      input('To', 'to', params.to, { type: 'datetime-local' }),
      input('Event type', 'etype', params.etype, { spellcheck: 'false' }),
      input('User id or operator', 'user', params.user, { spellcheck: 'false' }),
      input('Machine', 'machine', params.machine, { spellcheck: 'false' }),
      input('Command id', 'command', params.command, { spellcheck: 'false' }),
      // A session's audit link sets it; a field of its own, so the next search keeps (or clears) it visibly.
      input('Session id', 'session', params.session, { spellcheck: 'false' })),
    h('button', { class: 'button', type: 'submit' }, 'Search the audit log'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate({ view: 'audit', ...Object.fromEntries(new FormData(form)) });
  });
  const status = h('p', { class: 'table-status', role: 'status', id: 'audit-status' }, 'Loading audit events…');
  const tbody = h('tbody', { id: 'audit-rows' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  clear(main, h('h1', { class: 'heading-l' }, 'Audit log'), form,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'audit-table' },
      h('caption', { class: 'visually-hidden' }, 'Audit events, newest first'),
      h('thead', {}, h('tr', {}, ['Time', 'Type', 'Severity', 'Message', 'User', 'Machine', 'Requested by'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody)), status, pager);

  (async () => {
    const filter = auditFilter(params);
    try {
      const answer = await api(`/rest/external/v1/audit-events${query({ filter: filter ? JSON.stringify(filter) : '', page, size: PAGE_SIZE })}`);
      if (!alive) return;
      const events = answer.data || [];
      const more = (answer.headers.get('HAS_MORE_RECORDS') || '').toUpperCase() === 'TRUE';
      clear(tbody, events.map((e) => h('tr', { 'data-type': e.type },
        h('td', { class: 'nowrap' }, formatTime(e.time)), h('td', {}, e.type), h('td', {}, words(e.severity)),
        h('td', {}, e.message || '—'),
        h('td', {}, e.user_id || '—'), h('td', {}, e.machine_dns_name || e.machine_id || '—'),
        h('td', {}, e.session_id ? h('a', { href: `/?view=session&id=${encodeURIComponent(e.session_id)}` }, e.requested_by || 'session') : (e.requested_by || '—')))));
      status.textContent = events.length ? `Page ${page}: ${events.length} events${more ? ' (more on the next page)' : ''}.` : 'No audit event matches this search.';
      main.dataset.ready = 'audit';
      const link = (p, text) => h('a', { class: 'button button--secondary button--small', href: `/${query({ ...params, view: 'audit', page: p })}` }, text);
      clear(pager, page > 1 ? link(page - 1, 'Previous page') : null, h('span', { class: 'pager__page' }, `Page ${page}`), more ? link(page + 1, 'Next page') : null);
    } catch (e) {
      if (!alive) return;
      status.textContent = e.status === 403 ? 'Your account does not have the privilege to read the audit log.' : e.message;
      status.classList.add('table-status--error');
    }
  })();
  return () => { alive = false; };
}
