// Content script (top frame of http(s) pages, document_start): the early check. Sends the page's address to
// the background the moment the document starts, before the page's own scripts have run or anything has been
// drawn, so that a lookalike or an imitated sign-in is sent to the warning page (pages/warning.html) as soon as
// the engine has spoken, instead of at document_idle (after the page has loaded, painted and taken input). The
// address is cut to the engine's cap (shared/url-cut.js): a long one cannot make the background refuse the
// message. What the banner needs comes later from content.js; this script does nothing else and never touches
// the page.
import { ext } from '../shared/api.js';
import { cut } from '../shared/url-cut.js';

try {
  ext.runtime.sendMessage({ type: 'assess-page', url: cut(location.href) }).catch(() => {});
} catch {
  // No early check (an extension reloading): content.js still asks at document_idle.
}
