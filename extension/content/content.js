// The page assessment of the top-frame content script (one bundle with signals.js, overlay.js,
// findings-text.js and credentials-watch.js, started at document_idle by top-frame.js, for the entries
// content/page.js and content/meeting-page.js, after gate.js's early check; started over for a document back from
// the back/forward cache). Decides how much to look at, asks the background, and shows what it answers.
// The background's answer about the page also says whether its site is public (the `public_sites` setting):
// only then is the credentials watch started, without a message of its own (one script entry and one message
// a page fewer than when it was a content script of its own).
//
// Cheap first: the page's URL goes to the background alone (a string compare and one message). Only a page
// worth a closer look gets its signals gathered (signals.js; the walk over text nodes for notices only on
// vendors' meeting pages, where the engine reads them):
//   - a vendor's join, login, web-client or webinar page (third-party sign-in, privacy link, recording);
//   - any other page with a password field (a vendor's login imitated on an unrelated host: the engine
//     checks the brand words, which this script does not know).
// A lookalike host needs nothing more: its URL is the finding. A lookalike or an imitated sign-in is not
// warned about here: the background sends the tab to its own warning page (background/warning-gate.js), which
// the page cannot reach; what comes back here then is only the banner after "Continue anyway".
// On a page worth it, a MutationObserver gathers again when the DOM changes (throttled to one pass per RESCAN_DELAY_MS, at most MAX_RESCANS passes per
// address, sent only when something changed). It is attached before the first gather: attached after the answer
// to the first signals (until session 26), it missed what the page added during that round trip (a recording
// indicator) until the page changed again, which a quiet meeting page may never do. One signals message is in
// flight at a time; a pass that comes due meanwhile waits for the answer (answers cannot cross, and the tab's
// record ends with the last page seen). On any other page a password field is watched for a short while
// (sign-in forms of single-page apps render late), then the observer is disconnected and the script is quiet.
// Single-page navigations (history.pushState) are noticed through the Navigation API where the browser has
// it, and through popstate and clicks otherwise; each new address starts over, up to MAX_ASSESSMENTS times.
// Whatever those caps and watch periods left (a page that draws its sign-in form after PASSWORD_WATCH_MS, after
// MAX_RESCANS changes, or after MAX_ASSESSMENTS addresses), a password field the person focuses gets the page one
// more gathering pass, outside MAX_RESCANS and at most one per RESCAN_DELAY_MS (onPasswordFocus): until session
// 44 such a page was never looked at again, and its imitated sign-in got no warning.
// Every step catches its own errors: nothing here may break the page.
import { ext } from '../shared/api.js';
import { IMITATION_FINDINGS, PAGE_KINDS, worthShowing } from '../shared/banner.js';
import { overlay } from './overlay.js';
import { focusedPasswordField, forgetLateHosts, hasPasswordField, signals } from './signals.js';
import { isOwnHost, onlyOwnHostsAdded } from './shadow-host.js';
import { cut } from '../shared/url-cut.js';
import { takeTypedEarly, watchCredentials } from './credentials-watch.js';
import { LOAD_ID, restoreField } from './load-id.js';

// What the gathering passes cost, for the e2e cost test (tests/e2e/overlay.test.mjs reads it in this world).
globalThis.joinguardSignals = signals;

/** What a focused password field calls: the page watcher's extra pass (watchPage sets it), nothing before. */
let passwordFocused = null;

/**
 * Listens for a focused password field from document_start (top-frame.js startTopFrame), on the window and
 * capturing: listeners of one target run in the order they were added and the window's capturing ones first, so
 * no page script, which runs after document_start, can stop the event before this one sees it (session 44's
 * review: added at document_idle by watchPage, a page's earlier `stopImmediatePropagation` switched it off).
 */
export function listenForPasswordFocus() {
  addEventListener('focusin', (event) => passwordFocused?.(event), { capture: true, passive: true });
}

/**
 * Assesses the page and keeps watching it (single-page navigations, late sign-in forms); once per document.
 * Where recording.js runs too (the meeting hosts' bundle, content/meeting-page.js) and was answered about the
 * same indicator in this page load (the background keeps that per tab and load, and decides), the banner leaves
 * out the engine's `recording-without-notice`, which recording.js's own notice already says with more (one
 * message for one recording). The tab's record keeps the finding.
 * @param {{onGate?: (gate: string) => void}} options `onGate`: each answer's `gate` (gate.js heard): `warned`, the
 *   tab is being sent to the warning page (gate.js then keeps the page hidden should it come back from the
 *   back/forward cache); `allowed`, after such a return, lets gate.js load a page whose load Chromium left hanging
 * @returns {{recordingWarned: () => void, restored: () => void}} for recording.js: it warned about a recording
 *   (ask again, see there); for the entries: the document came back from the back/forward cache (start over)
 */
export function watchPage({ onGate } = {}) {
  // The page's address within the engine's cap (a long one cannot make the background refuse the message).
  const here = () => cut(location.href);

  // Where the engine reads the page's notices (a recording and its consent notice): vendors' meeting pages.
  const MEETING_KINDS = new Set(['join', 'web-client', 'webinar']);
  const RESCAN_DELAY_MS = 1000;
  const MAX_RESCANS = 8;
  const PASSWORD_WATCH_MS = 15_000;
  // When the password watch tests again with no change to the document (ms after it starts): a root a page attaches
  // to an element already there makes no mutation record (watchForPassword). Each test asks every one of the first
  // walk's rootless elements (signals.js lateHosts, at most 200), so a root attached after one test is found at the next.
  const QUIET_TESTS_MS = [1000, 3000, 7000, 12_000];
  // Elements added between two password-field tests whose subtrees are walked for shadow roots (watchForPassword);
  // past it the next test walks the document (as link-badges.js and credentials-watch.js do).
  const MAX_PENDING_ROOTS = 500;
  const SIGNALS_WATCH_MS = 120_000;
  const URL_SETTLE_MS = 150;
  // Each new address costs a message; a page that changes it in a loop gets no more than this many answers.
  const MAX_ASSESSMENTS = 200;
  // Asks for recording.js per address (recordingWarned): one a recording indicator, where the background kept
  // recording.js's answer. Where it could not (a failed storage.session write) or the engine named another
  // indicator in content.js's signals than in recording.js's texts, the banner keeps the finding, and each of
  // recording.js's later answers (up to ~120 a page: one for each candidate text or button it adds) would ask
  // again for nothing new.
  const MAX_RECORDING_ASKS = 4;

  const withoutFragment = (url) => url.split('#')[0];

  // Per address: what was sent and shown, and which observer runs.
  let page = null;
  let assessments = 0;
  let credentialsWatched = false;

  function ask(message) {
    return ext.runtime.sendMessage(message).then(
      (reply) => (reply && !reply.error ? reply : null),
      // No answer (extension reloading or updating): stay silent rather than break the page.
      () => null,
    );
  }

  // --- what to show ----------------------------------------------------------------------------------------

  /** The overlay's banner from the answer's `banner`: its text comes rendered in the reader's language from the
   *  background (background/banner-text.js), so this bundle needs neither the i18n API nor the message tables. */
  function bannerModel(banner) {
    const current = page;
    return {
      severity: banner.severity,
      title: banner.title,
      items: banner.items,
      details: banner.details,
      labels: banner.labels,
      vendorName: banner.vendorName,
      // Danger stays: it cannot be dismissed for good.
      onDismiss: banner.dangerous ? undefined : (scope) => ask({ type: 'dismiss', scope, url: here() }),
      onClose: () => {
        current.closed = true;
      },
    };
  }

  /** Shows what the background answered, once per distinct answer (screen readers announce each change). */
  function present(reply) {
    const assessment = reply?.assessment;
    if (reply?.gate) onGate?.(reply.gate);
    // Sent to the warning page: this page is going away.
    if (!assessment || reply.gate === 'warned') return;
    page.recordingFinding = reply.recordingInBanner === true;
    const imitation = assessment.findings?.some((f) => IMITATION_FINDINGS.has(f.id));
    const show = worthShowing(assessment) && Boolean(reply.banner) && (imitation || !reply.dismissed) && !page.closed;
    // What the banner shows (it may leave out a finding another watcher shows: background.js assessPage).
    const key = JSON.stringify([show, imitation, reply.banner?.title, reply.banner?.details?.findings ?? assessment.findings, assessment.grade]);
    if (key === page.shownKey) return;
    page.shownKey = key;
    if (!show) {
      if (page.shown) overlay.clear();
      page.shown = false;
      return;
    }
    page.shown = true;
    overlay.showBanner(bannerModel(reply.banner));
  }

  // --- how much to look at ----------------------------------------------------------------------------------

  function needsSignals(assessment) {
    if (!assessment || assessment.lookalike_of) return false;
    if (assessment.vendor && PAGE_KINDS.has(assessment.kind)) return true;
    return hasPasswordField();
  }

  /** The message about the page's address, or with `gathered` its signals too; `load`: content/load-id.js. */
  function pageMessage(gathered) {
    const message = gathered ? { type: 'assess-page', url: gathered.url, signals: gathered } : { type: 'assess-page', url: here() };
    return { ...message, load: LOAD_ID, ...restoreField() };
  }

  async function sendSignals(current) {
    if (current !== page) return;
    if (current.asking) {
      // The page changed while the last signals were being answered: gather again once the answer is in.
      current.changedWhileAsking = true;
      return;
    }
    // Asked again for recording.js (recordingWarned): even unchanged signals, outside the rescans' count. A
    // password field focused (onPasswordFocus): outside the count too, sent when changed.
    const again = current.askAgain;
    const uncounted = current.uncounted;
    // The rest of a pass whose notice walk ran out of time (signals.js continueWalk): sent as it is, outside the
    // count (it is the same pass), also when the page changed since (that change's own pass follows, if one is left:
    // dropping it would leave the pass's `truncated` first answer, for good once MAX_RESCANS are spent).
    const whole = current.whole;
    current.askAgain = false;
    current.uncounted = false;
    current.whole = null;
    if (!again && !uncounted && !whole) {
      if (current.rescans >= MAX_RESCANS) return;
      current.rescans += 1;
    }
    const gathered = whole ?? signals.gather({ notices: current.meeting, onWhole: (rest) => walked(current, rest) });
    const text = JSON.stringify(gathered);
    if (text === current.sentSignals && !again) return;
    current.sentSignals = text;
    current.signals = gathered;
    current.asking = true;
    const reply = await ask(pageMessage(gathered));
    current.asking = false;
    if (current !== page) return;
    if (reply) present(reply);
    if (current.askAgain || current.whole) {
      sendSignals(current).catch(() => {});
    } else if (current.changedWhileAsking) {
      current.changedWhileAsking = false;
      scheduleRescan(current);
    }
  }

  /** A pass's notice walk, cut by its time budget, went on in later slices and is over (signals.js): its signals,
   *  now with every notice and `truncated` only for a real bound, are sent (the first answer said nothing the page
   *  lacks; this one can). Session 50. */
  function walked(current, rest) {
    if (current !== page) return;
    current.whole = rest;
    // While an answer is awaited, sendSignals sends it as soon as that answer is in.
    if (!current.asking) sendSignals(current).catch(() => {});
  }

  /** recording.js warned about a recording on this page: if the banner of the last answer still held the
   *  engine's recording-without-notice, ask again, now that the background knows recording.js said it
   *  (background.js assessPage). Once the banner leaves the finding out, recording.js's later answers (up to one
   *  for each notice or button it adds) ask nothing, so this runs about once for each indicator on the page, and
   *  never more than MAX_RECORDING_ASKS times an address (tests/e2e/recording.test.mjs counts them). */
  function recordingWarned() {
    const current = page;
    if (!current?.recordingFinding || current.recordingAsks >= MAX_RECORDING_ASKS) return;
    current.recordingAsks += 1;
    current.askAgain = true;
    if (!current.asking) sendSignals(current).catch(() => {});
  }

  /** One pass RESCAN_DELAY_MS after the first change, none after MAX_RESCANS. */
  function scheduleRescan(current) {
    if (current.timer) return;
    current.timer = setTimeout(() => {
      current.timer = null;
      if (current.rescans >= MAX_RESCANS && !current.uncounted) {
        current.observer?.disconnect();
        return;
      }
      sendSignals(current).catch(() => {});
    }, RESCAN_DELAY_MS);
  }

  function observe(current, onChange) {
    const observer = new MutationObserver((records) => {
      if (current !== page) {
        observer.disconnect();
        return;
      }
      // Our own banner's host coming or going (overlay.js, outside <body>) is no change of the page.
      if (records.every(overlay.isOwnChange)) return;
      checkAddress();
      onChange(records);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    current.observer = observer;
  }

  /** On a page worth it: gather again after DOM changes, throttled, a bounded number of times. Called before
   *  the first gather, so that nothing the page does after it goes unseen. */
  function watchSignals(current) {
    clearTimeout(current.quietTimer);
    current.quietTimer = setTimeout(() => current.observer?.disconnect(), SIGNALS_WATCH_MS);
    observe(current, () => scheduleRescan(current));
  }

  /** On any other page: a password field appearing soon makes it worth a look; after that, quiet. The test looks
   *  for shadow roots only in what was added since the last one (hasPasswordField's `added`): needsSignals walked
   *  the document once before this watch began. */
  function watchForPassword(current) {
    let added = [];
    let whole = false;
    const stopQuietTests = () => {
      for (const timer of current.quietTests) clearTimeout(timer);
      current.quietTests = [];
    };
    const test = (allLate = false) => {
      current.timer = null;
      const subtrees = whole ? null : added;
      added = [];
      whole = false;
      if (current !== page || !hasPasswordField(subtrees, { allLate })) return;
      stopQuietTests();
      current.observer?.disconnect();
      forgetLateHosts();
      watchSignals(current);
      sendSignals(current).catch(() => {});
    };
    observe(current, (records) => {
      // A batch that only adds the extension's own UI (a credential mark on a public site) is no change of the page's.
      if (onlyOwnHostsAdded(records)) return;
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE || isOwnHost(node)) continue;
          if (added.length < MAX_PENDING_ROOTS) added.push(node);
          else whole = true;
        }
      }
      if (current.timer) return;
      current.timer = setTimeout(test, RESCAN_DELAY_MS / 2);
    });
    // A page that attaches a root to an element already there and changes nothing else gives no batch to test at
    // (a kit's empty `div` given its sign-in on a page that is otherwise done): a few tests on a timer, each nothing
    // but the document's query, every remembered rootless element asked (at most 200) and the known roots' queries
    // (session 50; docs/speed.md). None while a batch's test is due (a batch's own test asks RE_ASKS of them in turn).
    current.quietTests = QUIET_TESTS_MS.map((ms) =>
      setTimeout(() => {
        if (!current.timer) test(true);
      }, ms),
    );
    current.quietTimer = setTimeout(() => {
      stopQuietTests();
      forgetLateHosts();
      if (current.timer) return;
      current.observer?.disconnect();
    }, PASSWORD_WATCH_MS);
  }

  async function assess() {
    if (assessments >= MAX_ASSESSMENTS) return;
    assessments += 1;
    const current = {
      href: location.href,
      address: withoutFragment(location.href),
      rescans: 0,
      sentSignals: null,
      signals: null,
      shownKey: null,
      shown: false,
      closed: false,
      meeting: false,
      observer: null,
      timer: null,
      quietTimer: null,
      quietTests: [],
      asking: false,
      changedWhileAsking: false,
      askAgain: false,
      recordingFinding: false,
      recordingAsks: 0,
      uncounted: false,
      whole: null,
      focusPassAt: -Infinity,
    };
    page = current;
    const reply = await ask(pageMessage());
    if (reply?.gate) onGate?.(reply.gate);
    if (!reply || reply.gate === 'warned') return;
    // Once per document: a single-page navigation stays on the same site.
    if (!credentialsWatched) {
      // Where a person typed before this answer: the watch checks it; elsewhere it is dropped, noting stops.
      const typed = takeTypedEarly();
      credentialsWatched = reply.public === true;
      if (credentialsWatched) watchCredentials(typed);
    }
    if (current !== page) return;
    current.meeting = Boolean(reply.assessment?.vendor) && MEETING_KINDS.has(reply.assessment.kind);
    if (needsSignals(reply.assessment)) {
      watchSignals(current);
      await sendSignals(current);
      // The signals' answer replaces the URL's; without one (an error), the URL's answer is still worth showing.
      if (current.shownKey === null && current === page) present(reply);
    } else {
      present(reply);
      if (!reply.assessment?.lookalike_of) watchForPassword(current);
    }
  }

  // --- single-page navigations ------------------------------------------------------------------------------

  function checkAddress() {
    if (!page || location.href === page.href) return;
    if (withoutFragment(location.href) === page.address) {
      refresh(page);
      return;
    }
    startOver();
  }

  /** A new address, or the document back from the back/forward cache: the background forgot the tab meanwhile
   *  (and may send it to the warning page again), so the page is assessed as new. */
  function startOver() {
    const previous = page;
    if (previous) {
      // A notice walk of the page left, paused between slices, stops: its end would be thrown away (walked).
      signals.stop();
      previous.observer?.disconnect();
      clearTimeout(previous.timer);
      clearTimeout(previous.quietTimer);
      for (const timer of previous.quietTests) clearTimeout(timer);
      if (previous.shown) overlay.clear();
    }
    assess().catch(() => {});
  }

  /** Same page, new fragment: the background forgot the tab on the navigation; tell it again, show nothing new. */
  function refresh(current) {
    current.href = location.href;
    if (assessments >= MAX_ASSESSMENTS) return;
    assessments += 1;
    const request = pageMessage(current.signals ? { ...current.signals, url: here() } : null);
    ask(request).then((reply) => {
      if (current === page && reply) present(reply);
    });
  }

  /** A password field focused: one gathering pass (sendSignals), whatever the caps left, one per RESCAN_DELAY_MS
   *  at most (a page focusing a field in a loop costs itself a pass a second). The person cannot type into a
   *  sign-in form without focusing it, so its warning comes before the password does. Heard from document_start
   *  (listenForPasswordFocus). A field inside a shadow root, open or closed, is heard with its host as the target:
   *  signals.js focusedPasswordField finds it through the roots' focused elements (session 47). */
  function onPasswordFocus(event) {
    const current = page;
    if (!current || !focusedPasswordField(event)) return;
    const now = performance.now();
    if (now - current.focusPassAt < RESCAN_DELAY_MS) return;
    current.focusPassAt = now;
    current.uncounted = true;
    sendSignals(current).catch(() => {});
  }

  const checkSoon = () => setTimeout(checkAddress, URL_SETTLE_MS);
  globalThis.navigation?.addEventListener?.('navigatesuccess', checkSoon);
  globalThis.navigation?.addEventListener?.('navigate', checkSoon);
  addEventListener('popstate', checkSoon);
  addEventListener('hashchange', checkSoon);
  document.addEventListener('click', checkSoon, { capture: true, passive: true });
  passwordFocused = onPasswordFocus;

  assess().catch(() => {});
  return { recordingWarned, restored: startOver };
}
