import { el } from './common.js';
import { consoleText } from './console-texts.js';

/** The shortcuts by physical key (`event.code`), so they hold on every keyboard layout. */
const ACTIONS = { KeyN: 'next', KeyR: 'reply', KeyS: 'suggestion' };

/**
 * The console's keyboard shortcuts, listed on the page where the operator can read them:
 * Alt+N selects the next of their chats, Alt+R goes to the reply box, Alt+S puts the first
 * answer suggestion in the reply box (to be edited before sending; nothing is sent). They act
 * while focus is in the console and use Alt, which typing in a text box never needs.
 */
export function installConsoleShortcuts(host, actions) {
  host.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const action = ACTIONS[event.code];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });
  const t = consoleText(host);
  return el('details', {}, [
    el('summary', { textContent: t.shortcuts }),
    el(
      'dl',
      {},
      t.keys.flatMap(([keys, what]) => [
        el('dt', {}, [el('kbd', { textContent: keys })]),
        el('dd', { textContent: what }),
      ]),
    ),
  ]);
}
