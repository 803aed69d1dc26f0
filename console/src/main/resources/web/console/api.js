// The console's only door to the server: the public API through the gateway (same origin).
// The access token and the refresh token live in this module's variables only: never in storage, never in a URL.
// A reload or a new tab asks for sign-in again; that is the price of nothing for a script injection to read later.

let accessToken = null;
let refreshToken = null;
let claims = null;
let refreshTimer = null;
let refreshing = null;
let expiredHandler = () => {};
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Called when the session can no longer be refreshed; the app returns to sign-in keeping the URL. */
export function onExpired(handler) {
  expiredHandler = handler;
}

/** Called with the new claims after every sign-in and refresh. */
export function onTokens(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signedIn() {
  return accessToken !== null;
}

export function currentClaims() {
  return claims;
}

export function bearer() {
  return accessToken;
}

function decode(token) {
  const part = token.split('.')[1];
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

function accept(body) {
  accessToken = body.access_token;
  refreshToken = body.refresh_token;
  claims = decode(accessToken);
  schedule();
  listeners.forEach((listener) => listener(claims));
}

/**
 * The sign-in has ended: forget it, and tell the page once (several calls in flight each meet the 401; the sign-in
 * form must not be rebuilt under the operator's typing for each).
 */
function expire() {
  const wasSignedIn = signedIn();
  forget();
  if (wasSignedIn) expiredHandler();
}

function forget() {
  accessToken = null;
  refreshToken = null;
  claims = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

/** Refresh a minute before expiry, or at three quarters of a short lifetime. */
function schedule() {
  clearTimeout(refreshTimer);
  if (!claims || !claims.exp) return;
  const now = Date.now();
  const lifetime = claims.exp * 1000 - (claims.iat ? claims.iat * 1000 : now);
  const lead = Math.min(60_000, lifetime / 4);
  const delay = Math.max(1_000, claims.exp * 1000 - lead - now);
  refreshTimer = setTimeout(() => { refresh().catch(() => {}); }, delay);
}

/** The words of an error body: Horizon {error_message}, bulk {errors:[…]}, Huawei {error_msg}. */
export function errorWords(status, body) {
  if (body && typeof body === 'object') {
    if (body.error_message) return body.error_message;
    if (body.error_msg) return body.error_msg;
    if (Array.isArray(body.errors) && body.errors.length) {
      return body.errors.map((e) => e.error_message || e.error_key).join('; ');
    }
  }
  switch (status) {
    case 0: return 'The server could not be reached. Check your connection and try again.';
    case 401: return 'Your sign-in has expired.';
    case 403: return 'Your account does not have the privilege for this.';
    case 404: return 'Not found.';
    case 429: return 'Too many requests. Wait a moment and try again.';
    case 503: return 'The service is not available at the moment. Try again shortly.';
    default: return `The server answered ${status}.`;
  }
}

async function send(path, { method = 'GET', body, headers = {}, auth = true } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (auth && accessToken) init.headers.Authorization = `Bearer ${accessToken}`;
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, errorWords(0));
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = text; }
  }
  return { status: response.status, headers: response.headers, data };
}

export async function signIn(domain, username, password) {
  const answer = await send('/rest/login', { method: 'POST', body: { domain, username, password }, auth: false });
  if (answer.status !== 200) {
    throw new ApiError(answer.status, answer.status === 400 && answer.data && answer.data.error_key === 'login.invalid.credentials'
      ? 'The domain, user name or password is not right.' : errorWords(answer.status, answer.data), answer.data);
  }
  accept(answer.data);
}

/** One refresh at a time: the refresh token is used up by each call (rotation), so a second call must wait. */
export function refresh() {
  if (!refreshToken) return Promise.reject(new ApiError(401, errorWords(401)));
  if (!refreshing) {
    const presented = refreshToken;
    refreshing = send('/rest/refresh', { method: 'POST', body: { refresh_token: presented }, auth: false })
      .then((answer) => {
        if (answer.status === 400 || answer.status === 401) {
          // The refresh token is no longer good (expired, revoked, used): the sign-in has ended.
          expire();
          throw new ApiError(401, errorWords(401));
        }
        if (answer.status !== 200) {
          // The service is busy or away (429, 503): the sign-in still holds; the caller may try again.
          throw new ApiError(answer.status, errorWords(answer.status, answer.data), answer.data);
        }
        accept(answer.data);
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/**
 * Ends the sign-in on the server (its tokens refused from then on), then here. The server answers 503 when it cannot
 * confirm the revocation and a retry finishes it: tried three times. Resolves to whether the server confirmed; this
 * page forgets the tokens either way.
 */
export async function signOut() {
  const token = refreshToken;
  let confirmed = !token;
  for (let attempt = 0; token && !confirmed && attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    const answer = await send('/rest/logout', { method: 'POST', body: { refresh_token: token }, auth: false })
      .catch(() => ({ status: 0 }));
    // 400/401: the refresh token is no longer good, so nothing is left to end.
    confirmed = answer.status === 204 || answer.status === 200 || answer.status === 400 || answer.status === 401;
  }
  forget();
  return confirmed;
}

/** An API call; a 401 refreshes once and retries, else the operator is sent back to sign-in. */
export async function api(path, options = {}) {
  if (refreshing) await refreshing.catch(() => {});
  let answer = await send(path, options);
  if (answer.status === 401 && refreshToken) {
    await refresh();
    answer = await send(path, options);
  }
  if (answer.status === 401) {
    expire();
    throw new ApiError(401, errorWords(401), answer.data);
  }
  if (answer.status >= 400 && !options.allowError) {
    throw new ApiError(answer.status, errorWords(answer.status, answer.data), answer.data);
  }
  return answer;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- What the token allows (decided locally from its claims; the server decides again) ----

export const VIEW = ['MACHINE_VIEW', 'POOL_VIEW'];
export const MANAGE = ['MACHINE_MANAGE_VDI_SESSION', 'POOL_MANAGEMENT'];
export const REBOOT = ['MACHINE_REBOOT'];
export const ASSIST = ['REMOTE_ASSISTANCE'];
export const AGENT_ID = ['REMOTE_ASSISTANCE', 'MACHINE_MANAGEMENT'];

function federatedSession(session) {
  return Boolean(session && (session.brokered_remotely || session.resourced_remotely));
}

/** Whether the token holds one of the privileges on the session's access group (or, federated, the global one). */
export function holds(session, privileges) {
  if (!claims) return false;
  if (federatedSession(session)) {
    const federated = claims.sp_federated_privileges || [];
    const needed = privileges === VIEW ? ['FEDERATED_SESSIONS_VIEW', 'FEDERATED_SESSIONS_MANAGE'] : ['FEDERATED_SESSIONS_MANAGE'];
    return needed.some((p) => federated.includes(p));
  }
  const granted = (claims.sp_ag_privileges || {})[session.access_group_id] || [];
  return privileges.some((p) => granted.includes(p));
}

export function holdsAnywhere(privileges) {
  if (!claims) return false;
  return Object.values(claims.sp_ag_privileges || {}).some((granted) => privileges.some((p) => granted.includes(p)));
}

export function accessGroups() {
  return Object.keys((claims && claims.sp_ag_privileges) || {});
}

export function operatorName() {
  if (!claims) return '';
  const user = claims.upn || claims.preferred_username || claims.sub || '';
  return claims.sp_domain && !user.includes('\\') ? `${claims.sp_domain}\\${user}` : user;
}

export function project() {
  return ((claims && claims.sp_projects) || [])[0] || null;
}
