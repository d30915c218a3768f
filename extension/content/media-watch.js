// Part of the top-frame content script on conferencing pages (content/meeting-page.js: document_start, the same
// hosts as media-hook.js, in the isolated world): receives media-hook.js's hint that the page now holds the camera, the microphone or
// the screen, asks the background what this page is, and has the overlay say what is being shared and what
// the vendor's end-to-end encryption covers.
//
// The hint is untrusted: the page can dispatch the same event with any detail, or never let the real one
// through. So it can only ever ADD a notice: this script removes nothing, hides nothing and never answers
// back to the page; the detail must be a short list of known kinds; the background decides from the page's
// address (this script's location.href, which requests.js checks against the sender's origin; the hint's
// content never reaches it) whether this is a conferencing page and what to say; and each kind is reported
// at most once per page. A camera or microphone hint counts only when the browser says the page holds that
// permission (navigator.permissions, the page's own state) or shows it the devices' labels, which it does only
// after a grant: a page that was never granted the camera or microphone cannot make the notice claim it is
// shared. What a forged hint can still do: claim the screen (no permission to ask; a notice about the vendor's
// encryption, never a removal), or the camera or microphone on a site that was granted them before but does not
// use them now (Firefox ESR 153 shows a page granted only the microphone the microphones' labels only, so not the
// camera there: tests/e2e/media.test.mjs); and where the browser cannot answer the query, the hint is
// taken as it is. A suppressed one (a page can stop the event in its capture phase, or call the legacy
// navigator.webkitGetUserMedia) leaves every other warning where it was.
import { ext } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { overlay } from './overlay.js';
import { cut } from '../shared/url-cut.js';

/** Listens for media-hook.js's hint from document_start on (before the page's first getUserMedia can resolve). */
export function watchMedia() {
  const HINT_EVENT = 'joinguard:media-hint';
  // Message keys written out whole, so that the locale test sees each one used.
  const KIND_KEYS = { camera: 'media_kind_camera', microphone: 'media_kind_microphone', screen: 'media_kind_screen' };
  const KINDS = Object.keys(KIND_KEYS);
  const E2EE_KEYS = {
    default: 'media_e2ee_default',
    optional: 'media_e2ee_optional',
    limited: 'media_e2ee_limited',
    none: 'media_e2ee_none',
    unknown: 'media_e2ee_unknown',
  };
  const MAX_DETAIL = 40;

  /** The kinds in a hint's detail, or null when it is not a short comma-separated list of known kinds. */
  function parseHint(detail) {
    if (typeof detail !== 'string' || detail.length === 0 || detail.length > MAX_DETAIL) return null;
    const kinds = detail.split(',');
    if (!kinds.every((kind) => KINDS.includes(kind)) || new Set(kinds).size !== kinds.length) return null;
    return kinds;
  }

  function sharedWords(kinds) {
    const names = KINDS.filter((kind) => kinds.includes(kind)).map((kind) => t(KIND_KEYS[kind]));
    if (names.length === 1) return names[0];
    if (names.length === 2) return t('media_list_two', names);
    return t('media_list_three', names);
  }

  /** The notice for what the background knows: the vendor and its end-to-end-encryption fact. */
  function mediaNotice(kinds, reply) {
    const e2ee = Object.hasOwn(E2EE_KEYS, reply.e2ee?.value) ? reply.e2ee.value : 'unknown';
    const fact = t(E2EE_KEYS[e2ee], [reply.vendor_name]);
    const detail = typeof reply.e2ee?.detail === 'string' ? ` ${reply.e2ee.detail}` : '';
    return {
      severity: e2ee === 'default' ? 'info' : 'caution',
      title: t('media_title', [reply.vendor_name, sharedWords(kinds)]),
      text: `${fact}${detail}`,
    };
  }

  const reported = new Set();

  // Kinds whose use the browser can confirm: by the permission state (the Permissions API's names), or by the
  // devices' labels (enumerateDevices' kinds), which a browser reveals to a document only once it has been
  // granted a capture. Both are read in this isolated world, where the page's overrides do not reach.
  const PERMISSIONS = { camera: 'camera', microphone: 'microphone' };
  const DEVICE_KINDS = { camera: 'videoinput', microphone: 'audioinput' };

  /** Whether the page holds what `kind` needs (true for a kind without a permission, or an unanswerable query). */
  async function permitted(kind) {
    if (!PERMISSIONS[kind]) return true;
    try {
      if ((await navigator.permissions.query({ name: PERMISSIONS[kind] })).state === 'granted') return true;
    } catch {
      return true;
    }
    // Firefox answers "prompt" for a grant the person did not ask it to remember, which is its default, even
    // while the page holds the camera (w3c/permissions#230, w3c/mediacapture-main#928; seen in Firefox ESR 153,
    // tests/e2e/media.test.mjs), so the real hint would be dropped there; the labels tell instead.
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      return devices.some((device) => device.kind === DEVICE_KINDS[kind] && device.label !== '');
    } catch {
      return false;
    }
  }

  async function onHint(event) {
    const kinds = parseHint(event.detail);
    if (!kinds) return;
    const candidates = kinds.filter((kind) => !reported.has(kind));
    const allowed = await Promise.all(candidates.map(permitted));
    const fresh = candidates.filter((kind, i) => allowed[i] && !reported.has(kind));
    if (fresh.length === 0) return;
    for (const kind of fresh) reported.add(kind);
    ext.runtime.sendMessage({ type: 'media-access', url: cut(location.href), kinds: fresh }).then(
      (reply) => {
        if (typeof reply?.vendor_name === 'string') overlay.addNotice(mediaNotice(fresh, reply));
      },
      // No answer (extension reloading): say nothing rather than break the page.
      () => {},
    );
  }

  document.addEventListener(HINT_EVENT, (event) => onHint(event).catch(() => {}), true);
}
