// extension/content/signals.js as the text of one classic script, for tools that run it in a page outside the
// extension (tools/page-signals.mjs, tools/measure-copyright-walk.mjs): url-cut.js inlined in place of its import
// (`cut as cutAddress`) and bounded-text.js in place of theirs, test-cut.js's forcedCut none (as in the shipped build), shadow-host.js's isOwnHost none (the page's world has no way into closed roots, signals.js's
// rootOpener reads none there, nor UI of the extension), the exports dropped; the script declares `signals` and
// returns nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;

/** A file of the checkout, by its path in it. */
const checkoutFile = (path) => readFileSync(join(ROOT, path), 'utf8');

/** The script's text; `edit` (text → text) may change signals.js's own source first (an A/B variant); `read` (path
 *  → text or null) reads the files (another revision's: tools/measure-bounded-text.mjs). */
export function signalsSource(edit = (text) => text, read = checkoutFile) {
  const cut = read('extension/shared/url-cut.js').replace(/^export /gm, '');
  // Since session 49; a revision before it has none.
  const bounded = (read('extension/content/bounded-text.js') ?? '').replace(/^export /gm, '');
  const signals = edit(read('extension/content/signals.js'))
    .replace(/^import \{ cut as cutAddress \} from '\.\.\/shared\/url-cut\.js';$/m, 'const cutAddress = cut;')
    .replace(/^import \{ isOwnHost \} from '\.\/shadow-host\.js';$/m, 'const isOwnHost = () => false;')
    .replace(/^import \{ [\w, ]+ \} from '\.\/bounded-text\.js';$/m, '')
    // The test build's forced time cuts (content/test-cut.js, session 50): none, as in the shipped build.
    .replace(/^import \{ forcedCut \} from '\.\/test-cut\.js';$/m, 'const forcedCut = () => false;')
    .replace(/^export /gm, '');
  if (signals.includes('import ') || !signals.includes('const signals =')) {
    throw new Error('signals.js changed shape: update tools/signals-source.mjs');
  }
  return `${cut}\n${bounded}\n${signals}`;
}
