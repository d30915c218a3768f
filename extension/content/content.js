// Content script (top frame of http(s) pages; one bundle with signals.js, overlay.js and findings-text.js).
// Decides how much to look at, asks the background, and shows what it answers.
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
// address, sent only when something changed). On any other page a password field is watched for a short while
// (sign-in forms of single-page apps render late), then the observer is disconnected and the script is quiet.
// Single-page navigations (history.pushState) are noticed through the Navigation API where the browser has
// it, and through popstate and clicks otherwise; each new address starts over, up to MAX_ASSESSMENTS times.
// Every step catches its own errors: nothing here may break the page.
import { ext } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { findingText, reasonText } from '../shared/findings-text.js';
import { overlay } from './overlay.js';
import { signals } from './signals.js';
import { cut } from '../shared/url-cut.js';

// The meeting-page scripts (media-watch.js, recording.js) are bundles of their own, injected earlier on fewer
// pages; they add their notices to this one overlay through this global. All of this extension's content
// scripts share one isolated world per frame, which the page cannot see.
globalThis.joinguardOverlay = overlay;
// What the gathering passes cost, for the e2e cost test (tests/e2e/overlay.test.mjs reads it in this world).
globalThis.joinguardSignals = signals;

(() => {
  // The page's address within the engine's cap (a long one cannot make the background refuse the message).
  const here = () => cut(location.href);

  const SEVERITY_RANK = { info: 0, caution: 1, warning: 2, danger: 3 };
  const PAGE_KINDS = new Set(['join', 'login', 'web-client', 'webinar']);
  // Where the engine reads the page's notices (a recording and its consent notice): vendors' meeting pages.
  const MEETING_KINDS = new Set(['join', 'web-client', 'webinar']);
  // Findings that say the page imitates a vendor (the background's warning page; the banner after it).
  const IMITATION_FINDINGS = new Set(['lookalike-domain', 'phishing-login']);
  const KIND_KEYS = {
    join: 'kind_join',
    login: 'kind_login',
    'web-client': 'kind_web_client',
    webinar: 'kind_webinar',
    'vendor-site': 'kind_vendor_site',
    none: 'kind_none',
  };
  const MAX_ITEMS = 3;
  const RESCAN_DELAY_MS = 1000;
  const MAX_RESCANS = 8;
  const PASSWORD_WATCH_MS = 15_000;
  const SIGNALS_WATCH_MS = 120_000;
  const URL_SETTLE_MS = 150;
  // Each new address costs a message; a page that changes it in a loop gets no more than this many answers.
  const MAX_ASSESSMENTS = 200;

  const withoutFragment = (url) => url.split('#')[0];

  // Per address: what was sent and shown, and which observer runs.
  let page = null;
  let assessments = 0;

  function ask(message) {
    return ext.runtime.sendMessage(message).then(
      (reply) => (reply && !reply.error ? reply : null),
      // No answer (extension reloading or updating): stay silent rather than break the page.
      () => null,
    );
  }

  // --- what to show ----------------------------------------------------------------------------------------

  function sorted(findings) {
    return findings
      .filter((finding) => finding && finding.severity in SEVERITY_RANK)
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  }

  // The six core facts of a grade (src/grade.rs CORE_FACTS).
  const CORE_FACTS = 6;
  const textOf = (finding) => ({ severity: finding.severity, text: findingText(finding, t) });

  function imitated(assessment) {
    const finding = assessment.findings.find((f) => IMITATION_FINDINGS.has(f.id));
    return assessment.lookalike_name ?? finding?.params?.vendor ?? assessment.lookalike_of ?? null;
  }

  function worthShowing(assessment) {
    if (!assessment || !Array.isArray(assessment.findings)) return false;
    if (imitated(assessment) || assessment.findings.some((f) => f.severity === 'danger')) return true;
    return Boolean(assessment.vendor) && PAGE_KINDS.has(assessment.kind);
  }

  function bannerTitle(assessment) {
    const name = imitated(assessment);
    if (name) return t('bannerLookalike', [name]);
    const vendor = assessment.vendor_name ?? assessment.vendor ?? '';
    const kind = t(KIND_KEYS[assessment.kind] ?? 'kind_none');
    // A retired service has a status, not a grade; a provisional grade says how much is known.
    if (assessment.retired) return t('bannerVendorRetired', [vendor, kind, String(assessment.retired.date)]);
    if (assessment.grade && assessment.standing === 'provisional') {
      return t('bannerVendorProvisional', [vendor, kind, assessment.grade, String(assessment.known_facts), String(CORE_FACTS)]);
    }
    return assessment.grade ? t('bannerVendorGrade', [vendor, kind, assessment.grade]) : t('bannerVendor', [vendor, kind]);
  }

  function details(findings, card) {
    const grade = card?.grade;
    return {
      findings: findings.map(textOf),
      grade: grade?.grade ? `${grade.grade} (${grade.score}/100)` : undefined,
      reasons: grade
        ? (grade.reasons ?? []).map((reason) => ({ points: reason.points, text: reasonText(reason, t), sources: reason.sources ?? [] }))
        : undefined,
    };
  }

  function bannerModel(reply) {
    const { assessment, card } = reply;
    const current = page;
    const findings = sorted(assessment.findings);
    const dangerous = findings.some((f) => f.severity === 'danger');
    return {
      severity: findings[0]?.severity ?? 'info',
      title: bannerTitle(assessment),
      items: findings.slice(0, MAX_ITEMS).map(textOf),
      details: details(findings, card),
      vendorName: assessment.vendor ? (assessment.vendor_name ?? assessment.vendor) : undefined,
      // Danger stays: it cannot be dismissed for good.
      onDismiss: dangerous ? undefined : (scope) => ask({ type: 'dismiss', scope, url: here() }),
      onClose: () => {
        current.closed = true;
      },
    };
  }

  /** Shows what the background answered, once per distinct answer (screen readers announce each change). */
  function present(reply) {
    const assessment = reply?.assessment;
    // Sent to the warning page: this page is going away.
    if (!assessment || reply.gate === 'warned') return;
    const imitation = assessment.findings?.some((f) => IMITATION_FINDINGS.has(f.id));
    const show = worthShowing(assessment) && (imitation || !reply.dismissed) && !page.closed;
    const key = JSON.stringify([show, imitation, assessment.findings, assessment.grade]);
    if (key === page.shownKey) return;
    page.shownKey = key;
    if (!show) {
      if (page.shown) overlay.clear();
      page.shown = false;
      return;
    }
    page.shown = true;
    overlay.showBanner(bannerModel(reply));
  }

  // --- how much to look at ----------------------------------------------------------------------------------

  function needsSignals(assessment) {
    if (!assessment || assessment.lookalike_of) return false;
    if (assessment.vendor && PAGE_KINDS.has(assessment.kind)) return true;
    return signals.hasPasswordField();
  }

  async function sendSignals(current) {
    if (current !== page || current.rescans >= MAX_RESCANS) return;
    current.rescans += 1;
    const gathered = signals.gather({ notices: current.meeting });
    const text = JSON.stringify(gathered);
    if (text === current.sentSignals) return;
    current.sentSignals = text;
    current.signals = gathered;
    const reply = await ask({ type: 'assess-page', url: gathered.url, signals: gathered });
    if (current === page && reply) present(reply);
  }

  function observe(current, onChange) {
    const observer = new MutationObserver(() => {
      if (current !== page) {
        observer.disconnect();
        return;
      }
      checkAddress();
      onChange();
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    current.observer = observer;
  }

  /** On a page worth it: gather again after DOM changes, throttled, a bounded number of times. */
  function watchSignals(current) {
    clearTimeout(current.quietTimer);
    current.quietTimer = setTimeout(() => current.observer?.disconnect(), SIGNALS_WATCH_MS);
    observe(current, () => {
      if (current.timer) return;
      current.timer = setTimeout(() => {
        current.timer = null;
        if (current.rescans >= MAX_RESCANS) {
          current.observer?.disconnect();
          return;
        }
        sendSignals(current).catch(() => {});
      }, RESCAN_DELAY_MS);
    });
  }

  /** On any other page: a password field appearing soon makes it worth a look; after that, quiet. */
  function watchForPassword(current) {
    observe(current, () => {
      if (current.timer) return;
      current.timer = setTimeout(() => {
        current.timer = null;
        if (current !== page || !signals.hasPasswordField()) return;
        current.observer?.disconnect();
        sendSignals(current).then(() => watchSignals(current)).catch(() => {});
      }, RESCAN_DELAY_MS / 2);
    });
    current.quietTimer = setTimeout(() => {
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
    };
    page = current;
    const reply = await ask({ type: 'assess-page', url: here() });
    if (current !== page || !reply || reply.gate === 'warned') return;
    current.meeting = Boolean(reply.assessment?.vendor) && MEETING_KINDS.has(reply.assessment.kind);
    if (needsSignals(reply.assessment)) {
      await sendSignals(current);
      // The signals' answer replaces the URL's; without one (an error), the URL's answer is still worth showing.
      if (current.shownKey === null) present(reply);
      watchSignals(current);
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
    const previous = page;
    previous.observer?.disconnect();
    clearTimeout(previous.timer);
    clearTimeout(previous.quietTimer);
    if (previous.shown) overlay.clear();
    assess().catch(() => {});
  }

  /** Same page, new fragment: the background forgot the tab on the navigation; tell it again, show nothing new. */
  function refresh(current) {
    current.href = location.href;
    if (assessments >= MAX_ASSESSMENTS) return;
    assessments += 1;
    const request = current.signals
      ? { type: 'assess-page', url: here(), signals: { ...current.signals, url: here() } }
      : { type: 'assess-page', url: here() };
    ask(request).then((reply) => {
      if (current === page && reply) present(reply);
    });
  }

  const checkSoon = () => setTimeout(checkAddress, URL_SETTLE_MS);
  globalThis.navigation?.addEventListener?.('navigatesuccess', checkSoon);
  globalThis.navigation?.addEventListener?.('navigate', checkSoon);
  addEventListener('popstate', checkSoon);
  addEventListener('hashchange', checkSoon);
  document.addEventListener('click', checkSoon, { capture: true, passive: true });

  assess().catch(() => {});
})();
