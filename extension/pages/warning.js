// The full-page warning for a lookalike or an imitated sign-in page (lookalike-domain, phishing-login), or for a
// page that shows a part from a lookalike host in a frame (session 44). An
// extension page: the background sends the tab here (tabs.update, no "tabs" permission needed) instead of
// drawing the warning inside the suspicious page, which could remove, restyle, read, cover or click through
// anything drawn there. The page is not web-accessible (no web_accessible_resources), so no site can frame it
// or navigate to it; only the extension or the person typing its address opens it.
//
// Its address (`warning.html?url=…`) is untrusted all the same: the address is checked (http or https, at most
// the engine's 2,048 characters) and shown as text only; what the warning says comes from the background's
// own record of this tab (what it found and sent here), never from the query. "Continue anyway" needs a real
// click or key press (isTrusted), not in the first CONTINUE_DELAY_MS (a click aimed at the page a moment
// before the tab switched must not land on it), and the background only allows it for this tab and this host,
// for a limited time (background/warning-gate.js).
import { ext } from '../shared/api.js';
import { t, localize } from '../shared/i18n.js';
import { findingText } from '../shared/findings-text.js';
import { MAX_URL } from '../shared/url-cut.js';

const CONTINUE_DELAY_MS = 800;

/** The address this page warns about, from its query; null unless it is a plain http(s) URL within the cap. */
export function warnedAddress(search) {
  let value;
  try {
    value = new URLSearchParams(search).get('url');
  } catch {
    return null;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The message that says what the warning is about: a page, or a part of it from another host (`framed`) showing
 *  a lookalike's page or an imitated sign-in (`signIn`), or a part of the page's own origin (`inline`), or a part
 *  with an opaque origin and no address at all (`opaque`: a data:, sandboxed srcdoc or blob: frame, as the background
 *  recorded it; session 46), of which no host can be said not to be the vendor's (the page's own may be one). */
export function warningTextKey({ framed, signIn, inline, opaque = false }) {
  if (!framed) return 'interstitial_text';
  if (!signIn) return 'warning_frame_text';
  if (opaque) return 'warning_opaque_signin_text';
  return inline ? 'warning_inline_signin_text' : 'warning_frame_signin_text';
}

/** Back past the suspicious page when there is a page before it, else an empty page. */
function leave() {
  // History here: [… before, the suspicious page, this warning]; going back one would load the page again.
  if (history.length > 2) history.go(-2);
  else location.replace('about:blank');
}

async function main() {
  localize();
  const text = document.getElementById('text');
  const leaveButton = document.getElementById('leave');
  leaveButton.addEventListener('click', (event) => {
    if (event.isTrusted) leave();
  });
  leaveButton.focus();

  const url = warnedAddress(location.search);
  if (!url) {
    text.textContent = t('warning_no_address');
    return;
  }
  document.getElementById('address').textContent = url.href;
  const reply = await ext.runtime.sendMessage({ type: 'warning-details', url: url.href }).catch(() => null);
  const warning = reply && !reply.error ? reply.warning : null;
  if (!warning) {
    // Nothing recorded for this tab and address: no claim either way, and nothing to continue to.
    text.textContent = t('warning_not_recorded', [url.hostname]);
    return;
  }
  // A part of the page from that host (an inner frame's document, background.js assessFrame): the page itself, the
  // one before this warning in the tab's history, is another host's. A sign-in imitated there (phishing-login) is
  // said to be shown in it; a part of the page's own origin (`inline`), or with an opaque origin and no address of its
  // own (`opaque`), is a part of this page.
  const framed = warning.framed === true;
  const findings = Array.isArray(warning.findings) ? warning.findings : [];
  const signIn = findings.some((finding) => finding?.id === 'phishing-login');
  const names = [url.hostname, String(warning.imitated ?? '')];
  text.textContent = t(warningTextKey({ framed, signIn, inline: warning.inline === true, opaque: warning.opaque === true }), names);
  const reasons = document.getElementById('reasons');
  for (const finding of findings) {
    const item = document.createElement('li');
    item.textContent = findingText(finding, (key, substitutions) => ext.i18n.getMessage(key, substitutions));
    reasons.append(item);
  }

  const continueButton = document.getElementById('continue');
  continueButton.hidden = false;
  const note = document.getElementById('continue-note');
  if (framed) note.textContent = t(warning.inline === true ? 'warning_inline_continue_note' : 'warning_frame_continue_note');
  note.hidden = false;
  const shownAt = performance.now();
  continueButton.addEventListener('click', async (event) => {
    if (!event.isTrusted || performance.now() - shownAt < CONTINUE_DELAY_MS) return;
    continueButton.disabled = true;
    const answer = await ext.runtime.sendMessage({ type: 'warning-continue', url: url.href }).catch(() => null);
    // Back to the page that framed the part (its address is the tab's, which the extension is not given).
    if (answer?.allowed && framed) history.back();
    else if (answer?.allowed) location.replace(url.href);
    else continueButton.disabled = false;
  });
}

// Imported by the unit tests too (warnedAddress), where there is no page to draw.
if (globalThis.document?.getElementById('leave')) {
  main()
    .catch(() => {
      document.getElementById('text').textContent = t('warning_no_address');
    })
    // Drawn: everything this page will show is there (for tests and screenshots).
    .finally(() => {
      document.body.dataset.ready = 'true';
    });
}
