// Tiny DOM helpers: every text goes in as text (never as HTML), so data cannot become markup.

/** h('button', {class: 'x', onclick: fn}, 'Label', child) */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let uid = 0;
export function id(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Screen-reader announcement of something that changed without focus moving. */
export function announce(text) {
  const region = document.getElementById('announce');
  if (region) {
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 30);
  }
}

export function formatTime(ms) {
  if (ms === undefined || ms === null) return '—';
  const date = new Date(ms);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatDuration(ms) {
  if (ms === undefined || ms === null) return '—';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function words(enumName) {
  if (!enumName) return '—';
  const text = String(enumName).toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A GOV.UK-style error summary: a titled box listing each problem, focused so it is read out. */
export function errorSummary(title, messages) {
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'error-summary__title' }, title),
    h('ul', { class: 'error-summary__list' }, messages.map((m) => h('li', {}, m))));
  return box;
}
