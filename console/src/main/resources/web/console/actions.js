// Acting on one session or a selection: choose → preview per session (local at once, then the server's dry run of the
// same request) → confirm → the server's answer per item → each accepted command followed live until its outcome.
import { h, clear, announce, words } from './dom.js';
import { api, errorWords } from './api.js';
import { ACTIONS, preview } from './rules.js';
import { cachedSummary } from './names.js';

const STATUS_WORDS = {
  ACCEPTED: 'Accepted: waiting for the agent',
  SUCCEEDED: 'Done',
  FAILED: 'Refused by the agent',
  REQUEST_SENT: 'Sent to the session\'s pod',
  REQUEST_SEND_FAILED: 'Could not be sent to the session\'s pod',
};

export function sessionLabel(session) {
  const summary = cachedSummary(session.id);
  const names = (summary && summary.names_data) || {};
  const user = names.user_name || session.user_id || 'Unknown user';
  const machine = names.machine_or_rds_server_name || names.machine_or_rds_server_dns || session.machine_id || '';
  return machine ? `${user} on ${machine}` : user;
}

/**
 * A random (version 4) UUID. crypto.randomUUID exists only in secure contexts (HTTPS, localhost); the gateway may be
 * reached over plain HTTP from another machine, where getRandomValues still works.
 */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Opens the action dialog. `sessions`: SessionInfo objects. `onOutcome(sessionId)` is called when an item settles.
 */
export function openAction(action, sessions, { onOutcome = () => {} } = {}) {
  const spec = ACTIONS[action];
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'action-title', id: 'action-dialog' });
  const body = h('div', { class: 'dialog__body' });
  const stopPolling = [];
  dialog.append(body);
  document.body.append(dialog);
  let sending = false;
  dialog.addEventListener('close', () => {
    stopPolling.forEach((stop) => stop());
    dialog.remove();
  });
  // Not closed while the request is out: its per-session results would land in a dialog no longer shown.
  dialog.addEventListener('cancel', (event) => { if (sending) event.preventDefault(); });
  // One Idempotency-Key per request body: "Try again" after a 503 or a lost answer repeats the same request, which
  // the server then carries out at most once; a changed message is a new request.
  const keys = new Map();

  const rows = sessions.map((session) => {
    const summary = cachedSummary(session.id);
    const locked = summary && summary.session_data ? Boolean(summary.session_data.locked) : undefined;
    return { session, decision: preview(action, session, locked) };
  });
  let willSend = rows.filter((row) => row.decision.outcome !== 'refuse');
  const title = `${spec.label}: ${sessions.length === 1 ? sessionLabel(sessions[0]) : `${sessions.length} sessions`}`;

  let messageFields = null;
  let messageError = null;
  if (action === 'send-message') {
    messageError = h('p', { class: 'field-error', id: 'message-error', hidden: true });
    messageFields = h('div', {},
      h('div', { class: 'form-group', id: 'message-group' },
        h('label', { class: 'label', for: 'message-text' }, 'Message'),
        h('p', { class: 'hint', id: 'message-hint' }, 'The user sees this in a box on their desktop. Up to 1,000 characters.'),
        messageError,
        h('textarea', { class: 'textarea', id: 'message-text', rows: '3', maxlength: '1000', 'aria-describedby': 'message-hint' })),
      h('fieldset', { class: 'fieldset' },
        h('legend', { class: 'label' }, 'Kind of message'),
        h('div', { class: 'radios radios--inline' },
          ['INFO', 'WARNING', 'ERROR'].map((type, index) => h('div', { class: 'radio' },
            h('input', { type: 'radio', name: 'message-type', id: `message-type-${type}`, value: type, checked: index === 0 }),
            h('label', { for: `message-type-${type}` }, words(type)))))));
  }

  const table = h('table', { class: 'table table--compact', id: 'action-items' },
    h('caption', { class: 'visually-hidden' }, 'What will happen to each session'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Session'), h('th', { scope: 'col' }, 'Preview'), h('th', { scope: 'col' }, 'Result'))),
    h('tbody', {}, rows.map((row) => {
      row.result = h('td', { class: 'result', 'data-result': 'pending' }, row.decision.outcome === 'refuse' ? 'Not sent' : '—');
      row.preview = h('td', { class: 'preview', 'data-preview': 'local' });
      showDecision(row);
      row.tr = h('tr', { 'data-session-id': row.session.id },
        h('td', {}, sessionLabel(row.session)),
        row.preview,
        row.result);
      return row.tr;
    })));

  const errors = h('div', { id: 'action-errors' });
  const confirm = h('button', { class: `button${action === 'reset' || action === 'restart' || action === 'forced-logoff' ? ' button--warning' : ''}`, type: 'button', id: 'action-confirm', disabled: willSend.length === 0 },
    willSend.length === 0 ? 'Nothing to send' : `${spec.label} ${willSend.length === 1 ? '1 session' : `${willSend.length} sessions`}`);
  const cancel = h('button', { class: 'button button--secondary', type: 'button', id: 'action-cancel' }, 'Cancel');
  cancel.addEventListener('click', () => dialog.close());

  const previewHint = h('p', { class: 'hint', id: 'preview-hint' }, h('strong', {}, 'Preview. '),
    'Worked out here from your privileges and each session\'s last known state; asking the server…');
  clear(body,
    h('h2', { class: 'heading-m', id: 'action-title' }, title),
    errors,
    messageFields,
    previewHint,
    h('div', { class: 'table-wrap' }, table),
    h('div', { class: 'button-group' }, confirm, cancel));

  function showDecision(row) {
    clear(row.preview, h('span', { class: `tag tag--${row.decision.outcome}` },
      { act: 'Would act', warn: 'May be refused', refuse: 'Refused' }[row.decision.outcome]), ' ', row.decision.reason);
    row.result.textContent = row.decision.outcome === 'refuse' ? 'Not sent' : '—';
  }

  function showSendCount() {
    willSend = rows.filter((row) => row.decision.outcome !== 'refuse');
    confirm.disabled = willSend.length === 0;
    confirm.textContent = willSend.length === 0 ? 'Nothing to send'
      : `${spec.label} ${willSend.length === 1 ? '1 session' : `${willSend.length} sessions`}`;
  }

  /**
   * The server's own decision per session, from a dry run of the same request (nothing is sent): it replaces the
   * local preview, except that a message to a session that is not connected stays a warning (the control plane sends
   * it; the agent may refuse it).
   */
  async function serverPreview() {
    const ids = rows.map((row) => row.session.id);
    const request = action === 'send-message' ? { message: 'preview', message_type: 'INFO', session_ids: ids } : ids;
    const separator = spec.path.includes('?') ? '&' : '?';
    const answer = await api(`/rest/inventory/v1/sessions/action/${spec.path}${separator}dry_run=true`,
      { method: 'POST', body: request, allowError: true }).catch(() => null);
    if (!dialog.isConnected || confirm.dataset.sent) return;
    if (!answer || answer.status !== 200 || !Array.isArray(answer.data)) {
      clear(previewHint, h('strong', {}, 'Preview. '), 'Worked out here from your privileges and each session\'s last known state (the server\'s preview is not available); the server checks again and its answer appears under Result.');
      return;
    }
    const byId = new Map(rows.map((row) => [row.session.id, row]));
    for (const item of answer.data) {
      const row = byId.get(item.id);
      if (!row) continue;
      if (item.status_code === 200) {
        row.decision = row.decision.outcome === 'warn' ? row.decision
          : { outcome: 'act', reason: row.decision.outcome === 'act' ? row.decision.reason : 'The server would send it.' };
      } else {
        row.decision = { outcome: 'refuse', reason: `${errorWords(item.status_code, item)} (${item.status_code})` };
      }
      row.preview.dataset.preview = 'server';
      showDecision(row);
    }
    showSendCount();
    clear(previewHint, h('strong', {}, 'Preview from the server. '), 'A dry run of this request: nothing has been sent. The sessions may still change before you confirm; each one\'s answer appears under Result.');
    announce(`Preview: ${willSend.length} of ${rows.length} sessions would be acted on.`);
  }

  confirm.addEventListener('click', async () => {
    let request;
    const ids = willSend.map((row) => row.session.id);
    if (action === 'send-message') {
      const text = document.getElementById('message-text').value.trim();
      if (!text) {
        messageError.hidden = false;
        messageError.textContent = 'Enter the message to send';
        document.getElementById('message-group').classList.add('form-group--error');
        document.getElementById('message-text').focus();
        return;
      }
      const type = dialog.querySelector('input[name="message-type"]:checked').value;
      request = { message: text, message_type: type, session_ids: ids };
    } else {
      request = ids;
    }
    confirm.disabled = true;
    confirm.dataset.sent = 'true';
    confirm.textContent = 'Sending…';
    sending = true;
    cancel.disabled = true;
    const requestKey = JSON.stringify(request);
    if (!keys.has(requestKey)) keys.set(requestKey, newIdempotencyKey());
    if (messageFields) messageFields.querySelectorAll('textarea, input').forEach((e) => { e.disabled = true; });
    let answer;
    try {
      answer = await api(`/rest/inventory/v1/sessions/action/${spec.path}`, {
        method: 'POST', body: request, headers: { 'Idempotency-Key': keys.get(requestKey) },
      });
    } catch (e) {
      clear(errors, h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, e.message)));
      confirm.disabled = false;
      confirm.textContent = 'Try again';
      return;
    } finally {
      sending = false;
      cancel.disabled = false;
    }
    confirm.remove();
    cancel.textContent = 'Close';
    const byId = new Map(rows.map((row) => [row.session.id, row]));
    for (const item of answer.data || []) {
      const row = byId.get(item.id);
      if (!row) continue;
      if (item.status_code === 200) {
        setResult(row, 'accepted', STATUS_WORDS.ACCEPTED);
        stopPolling.push(follow(item.command_id, row));
      } else {
        setResult(row, 'refused', `Refused (${item.status_code}): ${errorWords(item.status_code, item)}`);
        onOutcome(row.session.id);
      }
    }
    announce('The request was sent. Results appear per session.');
    cancel.focus();
  });

  function setResult(row, kind, text) {
    row.result.dataset.result = kind;
    row.result.textContent = text;
  }

  /** Polls the command until it settles (ACCEPTED → SUCCEEDED/FAILED…). */
  function follow(commandId, row) {
    let stopped = false;
    let delay = 500;
    const started = Date.now();
    const tick = async () => {
      if (stopped) return;
      try {
        const status = await api(`/rest/inventory/v1/session-commands/${encodeURIComponent(commandId)}`, { allowError: true });
        if (status.status === 200 && status.data.status !== 'ACCEPTED') {
          const outcome = status.data.outcome || {};
          const ok = status.data.status === 'SUCCEEDED' || status.data.status === 'REQUEST_SENT';
          const reason = ok ? '' : `: ${outcome.message || words(outcome.error_key) || 'no reason given'}`;
          setResult(row, ok ? 'succeeded' : 'failed', `${STATUS_WORDS[status.data.status]}${reason}`);
          announce(`${sessionLabel(row.session)}: ${STATUS_WORDS[status.data.status]}`);
          onOutcome(row.session.id);
          return;
        }
      } catch (e) {
        if (e.status === 401) return;
      }
      if (Date.now() - started > 120_000) {
        setResult(row, 'failed', 'No outcome after two minutes; see the session\'s timeline.');
        return;
      }
      delay = Math.min(delay * 1.5, 3000);
      setTimeout(tick, delay);
    };
    setTimeout(tick, delay);
    return () => { stopped = true; };
  }

  serverPreview();
  dialog.showModal();
  const focusTarget = dialog.querySelector('#message-text') || confirm;
  focusTarget.focus();
  return dialog;
}
