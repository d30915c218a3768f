// The background: runs the Rust engine (wasm) for the content scripts and the popup.
// Chromium runs it as a module service worker, Firefox as an event page (see tools/build-extension.mjs).
import init, * as engine from '../pkg/joinguard_wasm.js';
import { ext } from '../shared/api.js';
import { localised } from '../shared/i18n.js';
import { parseRequest } from './requests.js';
import { askShownLoad, movedOn as movedOnFrom } from './shown-load.js';
import { showBadge } from './badge.js';
import { remember, recall, forget, forgetOnNavigation, rememberRecording, recallRecording, warnedAbout, takeLinks, recallUnscreened } from './tab-state.js';
import { createSettings, verdictAwaitsPolicy } from './settings.js';
import { linkBadges, splitPageHit } from './link-badge-model.js';
import { dismiss, isDismissed } from './dismissals.js';
import { gate, warningDetails, allow, forgetTab } from './warning-gate.js';
import { forPopup } from './stored.js';
import * as batch from './batch.js';
import { bannerTexts } from './banner-text.js';
import { cardOn } from './vendor-card.js';
import { IMITATION_FINDINGS, isImitation, worthShowing } from '../shared/banner.js';

/** Any address: the engine's answer is thrown away (.invalid: RFC 2606, never a real host). */
const WARM_UP_URL = 'https://joinguard.invalid/';

// Start loading the engine now, await it in the handlers. A top-level `await init()` made Chromium's
// module service worker fail to start (research/tech.md §1.3), and listeners must be registered
// synchronously on the first turn so that events which woke the worker are delivered.
const ready = init();
ready.catch((error) => console.error('joinguard: the engine failed to load', error));

// The user's settings overlaid by the organisation's policy, checked by the engine (extension/settings.js).
const settingsStore = createSettings(ext.storage, ready.then(() => engine));

/** The page load the tab's top frame shows now, as its content script says, within a second (shown-load.js). */
const shownLoad = askShownLoad({ sendMessage: (tabId, message, options) => ext.tabs.sendMessage(tabId, message, options) });
/** Whether the tab moved on from the page load `before` while a verdict was held (shown-load.js); asked on an imitation only. */
const movedOn = (tabId, before) => movedOnFrom(shownLoad, tabId, before);

// The engine's indexes (Engine::new: 50–80 ms of a stopped worker's first verdict in Chromium, session 35's
// tools/profile-warning-time.mjs) built as soon as the wasm is in, for the settings the first verdict will have,
// rather than inside that verdict: a worker that something else woke (a tab closed or updated: the listeners
// below) has them before a page asks. One woken by a page's early check builds them when it would have anyway.
ready
  .then(() => settingsStore.effectiveNow())
  .then((settings) => engine.assessUrl(WARM_UP_URL, settings))
  .catch(() => {}); // an engine that failed to load is reported above and by the handlers

// For gate.js (document_start) and content.js: the page's URL first (cheap), then, on pages worth a closer
// look, its signals (extension/signals.js). A lookalike or an imitated sign-in sends the tab to the warning page
// (background/warning-gate.js) unless the person chose "Continue anyway" for this host in this tab. That verdict
// does not wait for the organisation's policy (a new profile reads it late, see settings.js): lookalike-domain
// and phishing-login are always shown; an imitated sign-in, and a lookalike of a self-hostable vendor, wait for
// it (at most 1.5 s), as the organisation's `sign_in_hosts` or `self_hosted` can clear them
// (settings.js verdictAwaitsPolicy). Answers with what the banner needs: the assessment, the banner's text in the
// reader's language when the page is worth one (banner-text.js, with the vendor's grade reasons for "why?"),
// whether the user dismissed this page's or vendor's warnings, what the gate did, and whether the page's site is
// public (content.js then starts its credentials watch: credentials-watch.js).
// One recording, one message: where recording.js watches the page (a page it is answered `watch` on:
// watchesRecording), its notice says what the engine's `recording-without-notice` says, with the
// indicator, the vendor's fact and its detail, and for as long as the page is open (content.js stops watching
// after a while). So the banner leaves that finding out there, but only when recording.js was answered about the
// same indicator in this page load (kept per tab and load, tab-state.js rememberRecording; so a page without
// recording.js, whose load id no answer to recording.js carries, keeps it): recording.js keeps at most 20
// candidate texts a page, and on a long call a late indicator can reach the engine through content.js's signals
// and never recording.js (until session 27 the banner dropped it on content.js's word, and only the popup said
// it). The tab's record (the popup) keeps the finding.
async function assessPage({ tabId, url, signals, document, load, restore }) {
  const assess = (settings) => (signals ? engine.assessPage(signals, settings) : engine.assessUrl(url, settings));
  const first = await verdict(assess);
  const early = first.settings;
  let assessment = first.assessment;
  // The tab's record and badge, for this page load only while the tab still shows it (tab-state.js remember).
  const record = (assessed) => remember(tabId, { ...forPopup(assessed), document, load }, { badge: (id) => showBadge(id, assessed), showing: shownLoad });
  // The tab left this page while the verdict was held (movedOn): it is not sent to a warning about it.
  if (isImitation(assessment) && (await movedOn(tabId, load))) return { assessment, banner: null, dismissed: false, gate: 'none' };
  const gated = await gate(tabId, url, assessment, { document, restore, top: load });
  if (gated === 'warned') {
    await record(assessment);
    return { assessment, banner: null, dismissed: false, gate: gated };
  }
  const settings = await settingsStore.effective();
  if (settings !== early) assessment = assess(settings);
  const [dismissed] = await Promise.all([isDismissed(assessment, url), record(assessment)]);
  const shown = await withoutWarnedRecording(tabId, document, assessment);
  const banner = worthShowing(shown) ? bannerTexts(shown, shown.vendor ? cardOf(shown.vendor) : null, ext.i18n.getMessage) : null;
  // content.js asks again after recording.js's answers only while the banner still holds the finding.
  const recordingInBanner = Boolean(banner) && shown.findings.some((f) => f.id === 'recording-without-notice');
  return { assessment, banner, recordingInBanner, dismissed, gate: gated, public: engine.isPublicSite(new URL(url).hostname, settings) };
}

/** The engine's first assessment (`assess(settings)`), with the settings it was made with. An imitated sign-in may
 *  be on one of the organisation's own sign-in hosts, a lookalike of a self-hostable vendor may be its own server
 *  (fields only the policy may have set): then it waits for the policy (at most MANAGED_WAIT_MS in settings.js, on
 *  a new profile only) before it is given, since it may send the tab away. */
async function verdict(assess) {
  const early = await settingsStore.effectiveNow();
  const assessment = assess(early);
  if (!verdictAwaitsPolicy(assessment, isSelfHostable)) return { assessment, settings: early };
  const settings = await settingsStore.effective();
  return settings === early ? { assessment, settings } : { assessment: assess(settings), settings };
}

// For content/frame.js's checks of an inner frame: gate.js's of a frame whose own host could be a lookalike (its
// address), and frame-signin.js's of a frame with a password field (its signals, session 45). A lookalike-domain
// verdict on the frame's address, or a phishing-login on its signals (waiting for the organisation's `sign_in_hosts`
// as a top page's does: verdict), sends the tab to the warning page, which says that the page shows a part from that
// host (warning-gate.js `framed`), or for a frame of the top page's own origin (`inline`) a part of the page; the
// engine keeps a vendor's own sign-in hosts quiet. A part with an opaque origin and no address of its own (a data:
// frame, a sandboxed srcdoc or blob: requests.js opaquePart, session 46) comes with the tab's address and signals of
// none, which the engine judges as a page without a host (`opaque`: the warning page says so). "Continue anyway" allows that host in the tab, as a frame only (an opaque part: that host's opaque parts only,
// warning-gate.js).
// Only those findings: a blocked vendor's widget framed in a page is the organisation's policy question, not an
// imitation, and the rest is the top page's banner. Writes no record or badge: the tab's are its top page's (the
// warning page writes its own once shown, warningState).
// The top's page load is asked as the check starts (awaited on an imitation only): the tab is not sent if it moved on
// during the verdict (movedOn), and a second frame of the same load is not sent while the tab is on its way to the
// warning page (warning-gate.js).
async function assessFrame({ tabId, url, document, restore, signals, inline, opaque = false }) {
  const asked = shownLoad(tabId);
  const { assessment } = await verdict((settings) => (signals ? engine.assessPage(signals, settings) : engine.assessUrl(url, settings)));
  const findings = assessment.findings.filter((finding) => IMITATION_FINDINGS.has(finding.id));
  if (findings.length === 0) return { gate: 'none' };
  const top = await asked;
  if (await movedOn(tabId, top)) return { gate: 'none' };
  return { gate: await gate(tabId, url, { ...assessment, findings }, { document, restore, framed: true, inline, opaque, top }) };
}

/** assessFrame, and for a restored frame that had sent the tab to the warning page (`sentAway`, requests.js) and is
 *  let through (`allowed`: the person's "Continue anyway" for that host in the tab), `let-through` to the tab's top
 *  frame: its document loads itself again if Chromium left its load hanging (content/gate.js hangingLoad). From
 *  here, not from the frame: any frame of the page could post the frame's message (review of session 46). */
async function assessFrameTellingTop(request) {
  const reply = await assessFrame(request);
  if (request.sentAway === true && reply.gate === 'allowed') {
    Promise.resolve()
      .then(() => ext.tabs.sendMessage(request.tabId, { type: 'let-through' }, { frameId: 0 }))
      .catch(() => {}); // no listener of ours there (the tab has moved on): nothing hangs that this could end
  }
  return reply;
}

/** For the banner: the assessment without its recording-without-notice where recording.js warned about that
 *  indicator on this page (read from the tab's state: the service worker may have slept since). */
async function withoutWarnedRecording(tabId, document, assessment) {
  const finding = assessment.findings.find((f) => f.id === 'recording-without-notice');
  if (!finding || !watchesRecording(assessment)) return assessment;
  if (!warnedAbout(await recallRecording(tabId), finding.params?.indicator, document)) return assessment;
  return { ...assessment, findings: assessment.findings.filter((f) => f !== finding) };
}

// For the warning page (warning.html) of a tab: what was found on the page the tab was sent away from. The
// tab keeps its "!" and the popup its record while the warning shows (the navigation cleared them).
async function warningState({ tabId, url }) {
  const warning = await warningDetails(tabId, url);
  if (warning) {
    const assessment = { url, lookalike_of: warning.lookalike_of, lookalike_name: warning.imitated, findings: warning.findings };
    await remember(tabId, forPopup(assessment), { badge: (id) => showBadge(id, assessment) });
  }
  return { warning };
}

async function warningContinue({ tabId, url }) {
  return { allowed: await allow(tabId, url) };
}

/** Ids of the vendors organisations run on their own servers (`self_hostable = yes`), read once. */
let selfHostableIds = null;
function isSelfHostable(id) {
  selfHostableIds ??= new Set(engine.vendorList().filter((vendor) => vendor.self_hostable === 'yes').map((vendor) => vendor.id));
  return selfHostableIds.has(id);
}

/** The vendor's card on the reader's day, as the popup's (vendor-card.js), or null for a custom vendor from the
 *  settings (it has none). */
function cardOf(id) {
  try {
    return cardOn(engine, id);
  } catch {
    return null;
  }
}

// For content.js's banner: don't warn again on this page, or about this tab's vendor (from our record).
async function dismissWarning({ tabId, scope, url }) {
  const assessment = await recall(tabId);
  return { dismissed: await dismiss(scope, url, assessment?.vendor ?? null) };
}

async function tabAssessment({ tabId }) {
  await ready;
  const [assessment, recording, { refused }, unscreened] = await Promise.all([recall(tabId), recallRecording(tabId), settingsStore.state(), recallUnscreened(tabId)]);
  const vendor = assessment?.vendor ?? assessment?.lookalike_of ?? null;
  // Graded on the reader's day, as the banner's details (cardOf), so that a rating more than 3 years old by the
  // reader's clock no longer counts; the tab's assessment keeps the database's date.
  const card = vendor ? cardOn(engine, vendor) : null;
  // The organisation's fields refused as a whole (settings.js mergeSettings), which the popup names.
  return { assessment, card, dataVersion: engine.dataVersion(), recording: recordingShown(assessment, recording), policyRefused: refused, unscreened };
}

/** What recording.js showed on the tab's page (tab-state.js rememberRecording), for the popup: only when kept
 *  for the page load the tab's record is about (it is kept past a navigation, for its load). */
function recordingShown(assessment, recording) {
  if (!assessment || !recording || typeof recording.document !== 'string' || recording.document !== assessment.document) return null;
  const { vendor_name, notice, shown } = recording;
  return { vendor_name, notice, shown };
}

// For the options page (and the popup's link to it): the settings, and where each field comes from.
async function settingsGet() {
  const state = await settingsStore.state();
  return { ...state, alwaysShown: engine.alwaysShownFindings() };
}

async function vendorList() {
  await ready;
  return { vendors: engine.vendorList() };
}

async function settingsSave({ settings }) {
  await settingsStore.saveUser(settings);
  return settingsGet();
}

async function settingsImport({ text }) {
  await settingsStore.importUser(text);
  return settingsGet();
}

// For media-watch.js: the page holds the camera, microphone or screen (an untrusted hint). Whether it is a
// vendor's page, and the vendor's end-to-end-encryption fact, come from the page's address (of the sender's origin) and the database.
async function mediaAccess({ url }) {
  const settings = await settingsStore.effective();
  const assessment = engine.assessUrl(url, settings);
  if (!assessment.vendor) return {};
  const { name, e2ee } = vendorFacts(assessment.vendor);
  return { vendor: assessment.vendor, vendor_name: assessment.vendor_name ?? name, e2ee };
}

// The web clients recording.js looks after (issue 6), on their meeting pages only.
const RECORDING_VENDORS = new Set(['zoom', 'teams', 'meet', 'webex', 'jitsi', 'bigbluebutton']);
const MEETING_KINDS = new Set(['join', 'web-client', 'webinar']);
/** Whether recording.js keeps watching a page so assessed (and shows its recordings itself). */
const watchesRecording = (assessment) => RECORDING_VENDORS.has(assessment.vendor) && MEETING_KINDS.has(assessment.kind);

// For recording.js: is this a meeting page worth watching, and is a recording indicator shown, with or
// without a consent notice (the engine's page analysis decides, src/page/analyze.rs).
// A recording seen is kept for the tab before the answer goes (tab-state.js rememberRecording): the banner and the
// popup read it, and recording.js's call to content.js comes after the answer (content/meeting-page.js).
async function recordingState({ tabId, document, url, notices, buttons, truncated }) {
  const settings = await settingsStore.effective();
  const page = engine.assessPage({ url, notices, buttons, truncated }, settings);
  if (!watchesRecording(page)) return { watch: false };
  const { name, recording_notice } = vendorFacts(page.vendor);
  const vendor_name = page.vendor_name ?? name;
  // A failed write (storage.session's quota) costs the banner's leaving-out, never recording.js's own warning.
  if (page.recording) {
    await rememberRecording(tabId, { document, vendor_name, notice: recording_notice, recording: page.recording }).catch(() => {});
  }
  return { watch: true, recording: page.recording, vendor_name, notice: recording_notice };
}

/** A vendor's name and the {value, detail} of its e2ee and recording-notice facts (nulls for a custom vendor). */
function vendorFacts(id) {
  const vendor = cardOf(id)?.vendor;
  const fact = (f) => (f ? { value: f.value, detail: localised(f.detail) || null } : null);
  return { name: vendor?.name ?? id, e2ee: fact(vendor?.e2ee), recording_notice: fact(vendor?.recording_notice) };
}

// For link-badges.js: the badges for a batch of a page's links (only the links worth one come back). The page's
// own address goes first in the same batch: one call into the engine a message instead of two (each call packs
// its strings, passes the settings and parses its answer, which for the few links of a page's later content
// cost as much as the links), and the engine screens each link of a batch on its own (splitPageHit).
// A tab's inner frames have at most MAX_LINKS_PER_TAB links screened at once, refilled over time, its top frame
// all it sends (tab-state.js takeLinks): the rest get no badge, and the popup says how many, with those the frames
// left unread past their own cap.
async function assessLinks({ tabId, pageUrl, urls: sent, unread, unbadged, unbadgedDanger, top }) {
  const allowed = await takeLinks(tabId, { count: sent.length, unread, unbadged, unbadgedDanger, top }, linkBudgetHow);
  if (allowed === 0) return { badges: [] };
  const urls = allowed < sent.length ? sent.slice(0, allowed) : sent;
  const settings = await settingsStore.effective();
  const { page, links } = pageUrl
    ? splitPageHit(screenLinks([pageUrl, ...urls], settings))
    : { page: null, links: screenLinks(urls, settings) };
  return { badges: linkBadges(links, page, ext.i18n.getMessage, { pageUrl, urls }) };
}

/** What takeLinks asks: which load the tab's top frame shows, and whether the tab is still open (tabs.get needs no
 *  permission for this; it rejects for a closed tab). */
const linkBudgetHow = { showing: shownLoad, alive: (tabId) => ext.tabs.get(tabId).then(() => true, () => false) };

/** The engine's hits among `urls` (one UTF-8 text and its lengths written into wasm, batch.js), indexes checked. */
function screenLinks(urls, settings) {
  return batch.screenLinks(engine, urls, settings);
}

// For credentials-watch.js (started on a public site: assessPage says which): the exposed credentials in texts
// of such a site. The texts are scanned and forgotten: never stored or logged.
async function scanText({ host, texts }) {
  const settings = await settingsStore.effective();
  if (!engine.isPublicSite(host, settings)) return { exposures: [] };
  return { exposures: batch.exposedCredentials(engine, texts, settings) };
}

const handlers = {
  'assess-links': assessLinks,
  'scan-text': scanText,
  'media-access': mediaAccess,
  'recording-state': recordingState,
  'assess-page': assessPage,
  'assess-frame': assessFrameTellingTop,
  'warning-details': warningState,
  'warning-continue': warningContinue,
  dismiss: dismissWarning,
  'tab-assessment': tabAssessment,
  'settings-get': settingsGet,
  'settings-save': settingsSave,
  'settings-import': settingsImport,
  'vendor-list': vendorList,
};

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const request = parseRequest(message, sender, { id: ext.runtime.id, baseUrl: ext.runtime.getURL('') });
  if (!request) return false;
  handlers[request.type](request).then(sendResponse, (error) => {
    sendResponse({ error: String(error?.message ?? error) });
  });
  // Answer asynchronously through sendResponse: understood by Chromium and Firefox alike
  // (returning a promise from the listener is only supported by Chromium 148+).
  return true;
});

ext.tabs.onRemoved.addListener((tabId) => {
  Promise.all([forget(tabId), forgetTab(tabId)]).catch(() => {});
});

// A tab that moves to another address keeps no badge or record from the page before: the new page's content
// script reports again (also after a single-page app's history.pushState or a fragment change, see content.js),
// and a page where none runs (the browser's own pages, a PDF, a store) must not show the last page's grade.
// Without the "tabs" permission the event carries no URL, only `status: 'loading'` (Chromium also sends it for
// same-document navigations) and `complete`: the record and badge stay only while the tab's top frame still
// shows the page load they were written for (tab-state.js forgetOnNavigation, shownLoad). Where the URL does
// come (a permission granted later), a record that already describes it is kept.
ext.tabs.onUpdated.addListener((tabId, change) => {
  forgetOnNavigation(tabId, change, { clearBadge: (id) => showBadge(id, null), showing: shownLoad }).catch(() => {});
});
