// Names the list API does not carry (user, machine, pool, access group names): from each session's local summary,
// fetched a few at a time for the rows on screen and remembered for the tab's life.
import { api } from './api.js';

const summaries = new Map();
const groupNames = new Map();
const waiting = [];
let running = 0;
const LIMIT = 6;

export function groupName(id) {
  return groupNames.get(id) || null;
}

export function cachedSummary(id) {
  const entry = summaries.get(id);
  return entry && entry.value ? entry.value : null;
}

/** The session's local summary (names_data, reference_data, session_data); cached, at most LIMIT in flight. */
export function summary(id) {
  let entry = summaries.get(id);
  if (!entry) {
    entry = { promise: new Promise((resolve) => waiting.push({ id, resolve })), value: null };
    summaries.set(id, entry);
    pump();
  }
  return entry.promise;
}

function pump() {
  while (running < LIMIT && waiting.length) {
    const { id, resolve } = waiting.shift();
    running += 1;
    api(`/rest/inventory/v1/sessions/${encodeURIComponent(id)}/local-summary`, { allowError: true })
      .then((answer) => {
        const value = answer.status === 200 ? answer.data : null;
        const entry = summaries.get(id);
        if (value) {
          entry.value = value;
          const names = value.names_data || {};
          const refs = value.reference_data || {};
          if (refs.access_group && names.access_group_name) groupNames.set(refs.access_group, names.access_group_name);
        } else {
          summaries.delete(id);
        }
        resolve(value);
      })
      .catch(() => { summaries.delete(id); resolve(null); })
      .finally(() => { running -= 1; pump(); });
  }
}

export function forget(id) {
  summaries.delete(id);
}
