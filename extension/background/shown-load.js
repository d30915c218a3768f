// Which page load a tab's top frame shows now, as its content script says (content/gate.js answers the
// background's `page-load` question with content/load-id.js's id): tab-state.js writes a page's record and badge,
// and keeps them through a navigation, only while the tab shows that load. The browser's own document ids cannot
// be asked this without the webNavigation permission (webNavigation.getFrame).
import { parseLoadReply } from './requests.js';

/** How long the question waits for the tab's top frame to answer. */
const LOAD_ANSWER_WAIT_MS = 1000;

/**
 * The question, as `(tabId) => Promise<string|null>`: the load id the tab's top frame answers with, or null where
 * none of ours answers (a page without one: data:, the browser's own pages; a document that replaced the
 * reporting one before its script started) or where the answer is not in within LOAD_ANSWER_WAIT_MS. The
 * question waits in the tab's queue (tab-state.js), before its record writes, clearing and recording answers: a
 * top frame whose renderer does not answer (a page busy in a long loop) must not hold them until it goes away.
 * A late answer is dropped: the question has been answered "none" by then.
 * @param {{sendMessage: (tabId: number, message: object, options: object) => Promise<unknown>,
 *   setTimer?: typeof setTimeout, clearTimer?: typeof clearTimeout}} how  `sendMessage` is tabs.sendMessage; the
 *   timers are the global ones, given by the unit test (tests/js/hostile-units.test.mjs) to play the wait out.
 */
export function askShownLoad({ sendMessage, setTimer = setTimeout, clearTimer = clearTimeout }) {
  return async (tabId) => {
    let timer;
    const unanswered = new Promise((resolve) => {
      timer = setTimer(resolve, LOAD_ANSWER_WAIT_MS, null);
    });
    try {
      const asked = Promise.resolve()
        .then(() => sendMessage(tabId, { type: 'page-load' }, { frameId: 0 }))
        .then(parseLoadReply, () => null);
      return await Promise.race([asked, unanswered]);
    } finally {
      clearTimer(timer);
    }
  };
}

/**
 * Whether the tab's top frame now shows another page load than `before`, both known (`showing`: askShownLoad's
 * question): a verdict held by the policy wait or a busy worker came after the tab moved on, and sending the tab to
 * the warning page would cancel the new page, or leave it behind the warning (review of session 44). Unknown on
 * either side (no answer: a busy page, none of our scripts) counts as not moved, so that a page cannot escape its
 * warning by not answering.
 */
export async function movedOn(showing, tabId, before) {
  if (typeof before !== 'string') return false;
  const now = await showing(tabId);
  return typeof now === 'string' && now !== before;
}
