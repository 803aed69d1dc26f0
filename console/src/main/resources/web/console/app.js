// The console's shell: URL state, sign-in, navigation. Each view renders into <main> and returns a cleanup.
import { h, clear, errorSummary, announce } from './dom.js';
import * as auth from './api.js';
import { renderSessions } from './sessions.js';
import { renderSession } from './detail.js';
import { renderAudit } from './audit.js';

const main = document.getElementById('main');
let cleanup = () => {};
let expiredNotice = false;

/** The view's state is the URL's query: a link to the page shows the same search. */
export function state() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

export function navigate(params, { replace = false } = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const url = `/${search.toString() ? `?${search}` : ''}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

/** Same-origin links to "/?…" stay in the page. */
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/"]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || link.target) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || url.pathname !== '/') return;
  event.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  render();
});
window.addEventListener('popstate', () => render());

auth.onExpired(() => {
  expiredNotice = true;
  render();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  const confirmed = await auth.signOut();
  expiredNotice = false;
  render(confirmed ? 'signed-out' : 'signed-out-unconfirmed');
});

function chrome() {
  const inside = auth.signedIn();
  document.getElementById('nav').hidden = !inside;
  document.getElementById('who').hidden = !inside;
  document.getElementById('who-name').textContent = inside ? auth.operatorName() : '';
  const view = state().view || 'sessions';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === view || (view === 'session' && link.dataset.nav === 'sessions')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

export function render(reason) {
  cleanup();
  cleanup = () => {};
  // A dialog of the view being left (an action on the sessions page) does not stay over the next one.
  document.querySelectorAll('dialog[open]').forEach((dialog) => dialog.close());
  chrome();
  if (!auth.signedIn()) {
    renderSignIn(reason);
    return;
  }
  const params = state();
  const view = params.view || 'sessions';
  document.title = `${{ sessions: 'Sessions', session: 'Session', audit: 'Audit' }[view] || 'Sessions'} – SessionPlane`;
  if (view === 'session' && params.id) cleanup = renderSession(main, params, navigate) || cleanup;
  else if (view === 'audit') cleanup = renderAudit(main, params, navigate) || cleanup;
  else cleanup = renderSessions(main, params, navigate) || cleanup;
}

function field(label, name, attrs = {}, hint) {
  const hintId = hint ? `${name}-hint` : null;
  return h('div', { class: 'form-group', id: `${name}-group` },
    h('label', { class: 'label', for: name }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: `${name}-error`, hidden: true }),
    h('input', { class: 'input', id: name, name, 'aria-describedby': hintId, ...attrs }));
}

function renderSignIn(reason) {
  document.title = 'Sign in – SessionPlane';
  const notices = [];
  if (expiredNotice) {
    notices.push(h('div', { class: 'notice', role: 'status' },
      h('p', { class: 'notice__title' }, 'Your sign-in has expired'),
      h('p', {}, 'Sign in again to carry on where you were.')));
  } else if (reason === 'signed-out') {
    notices.push(h('div', { class: 'notice', role: 'status' }, h('p', {}, 'You have signed out.')));
  } else if (reason === 'signed-out-unconfirmed') {
    notices.push(h('div', { class: 'notice', role: 'alert' },
      h('p', { class: 'notice__title' }, 'Signed out here only'),
      h('p', {}, 'The server could not confirm ending your sign-in, so it may stay usable until it expires. '
        + 'Sign in and sign out again to end it.')));
  }
  const summary = h('div', { id: 'sign-in-errors' });
  const submit = h('button', { class: 'button', type: 'submit', id: 'sign-in-button' }, 'Sign in');
  const form = h('form', { class: 'form sign-in', novalidate: true, id: 'sign-in' },
    field('Domain', 'domain', { value: 'LOCAL', autocomplete: 'organization', spellcheck: 'false' }),
    field('User name', 'username', { autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none' }),
    field('Password', 'password', { type: 'password', autocomplete: 'current-password' }),
    submit);
  clear(main, h('div', { class: 'narrow' }, notices, summary,
    h('h1', { class: 'heading-l' }, 'Sign in to SessionPlane'),
    h('p', { class: 'lead' }, 'Use your operator account. The console forgets your sign-in when you close the tab.'),
    form));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const problems = [];
    for (const [name, label] of [['domain', 'Enter your domain'], ['username', 'Enter your user name'], ['password', 'Enter your password']]) {
      const error = document.getElementById(`${name}-error`);
      const group = document.getElementById(`${name}-group`);
      const empty = !String(values[name] || '').trim();
      error.hidden = !empty;
      error.textContent = empty ? label : '';
      group.classList.toggle('form-group--error', empty);
      document.getElementById(name).setAttribute('aria-invalid', empty ? 'true' : 'false');
      if (empty) problems.push(h('a', { href: `#${name}` }, label));
    }
    if (problems.length) {
      showProblems(summary, problems);
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await auth.signIn(values.domain.trim(), values.username.trim(), values.password);
      expiredNotice = false;
      announce(`Signed in as ${auth.operatorName()}`);
      render();
      const heading = main.querySelector('h1');
      if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
    } catch (e) {
      showProblems(summary, [e.message]);
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  const first = document.getElementById(expiredNotice ? 'username' : 'username');
  if (first) first.focus();
}

function showProblems(summary, problems) {
  const box = errorSummary('There is a problem', problems);
  clear(summary, box);
  box.focus();
}

render();
