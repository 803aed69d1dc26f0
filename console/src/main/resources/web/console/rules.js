// The local preview of an action: what the token's privileges and the session's state say will happen, shown at once
// while the server's dry run of the same request is on its way (actions.js then shows the server's decisions).
import { holds, MANAGE, REBOOT } from './api.js';

export const ACTIONS = {
  disconnect: { label: 'Disconnect', verb: 'disconnect', path: 'disconnect', privileges: MANAGE },
  logoff: { label: 'Log off', verb: 'log off', path: 'logoff', privileges: MANAGE },
  'forced-logoff': { label: 'Forced log off', verb: 'force a log off of', path: 'logoff?forced=true', privileges: MANAGE },
  reset: { label: 'Reset', verb: 'reset', path: 'reset', privileges: REBOOT },
  restart: { label: 'Restart', verb: 'restart', path: 'restart', privileges: REBOOT },
  'send-message': { label: 'Send message', verb: 'send a message to', path: 'send-message', privileges: MANAGE },
};

/** { outcome: 'act' | 'warn' | 'refuse', reason } for one session; `locked` from the local summary when known. */
export function preview(action, session, locked) {
  const spec = ACTIONS[action];
  if (!holds(session, spec.privileges)) {
    return { outcome: 'refuse', reason: 'You do not have the privilege for this on the session\'s access group.' };
  }
  const rds = Boolean(session.farm_id || session.rds_server_id);
  switch (action) {
    case 'disconnect':
      return session.session_state === 'DISCONNECTED'
        ? { outcome: 'refuse', reason: 'Already disconnected.' }
        : { outcome: 'act', reason: 'Will be disconnected; the user can reconnect.' };
    case 'logoff':
      return locked
        ? { outcome: 'refuse', reason: 'The session is locked: use forced log off.' }
        : { outcome: 'act', reason: locked === undefined ? 'Will be logged off (refused if the session is locked).' : 'Will be logged off; unsaved work may be lost.' };
    case 'forced-logoff':
      return { outcome: 'act', reason: 'Will be logged off even if locked; unsaved work is lost.' };
    case 'reset':
    case 'restart':
      if (session.session_type === 'APPLICATION') return { outcome: 'refuse', reason: `Cannot ${action} an application session.` };
      if (rds) return { outcome: 'refuse', reason: `Cannot ${action} an RDS desktop session.` };
      return { outcome: 'act', reason: action === 'reset'
        ? 'The machine will be reset at once (refused if vCenter does not manage it).'
        : 'The machine will restart (refused if vCenter does not manage it).' };
    case 'send-message':
      return session.session_state === 'CONNECTED'
        ? { outcome: 'act', reason: 'The user will see the message.' }
        : { outcome: 'warn', reason: 'Not connected: the agent will refuse it unless the user reconnects first.' };
    default:
      return { outcome: 'refuse', reason: 'Unknown action.' };
  }
}

/** Actions worth offering for these sessions: those the operator holds a privilege for on at least one of them. */
export function offered(sessions) {
  return Object.keys(ACTIONS).filter((action) => sessions.some((s) => holds(s, ACTIONS[action].privileges)));
}
