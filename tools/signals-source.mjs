// extension/content/signals.js as the text of one classic script, for tools that run it in a page outside the
// extension (tools/page-signals.mjs, tools/measure-copyright-walk.mjs): url-cut.js inlined in place of its import
// (`cut as cutAddress`), shadow-host.js's isOwnHost none (the page's world has no way into closed roots, signals.js's
// rootOpener reads none there, nor UI of the extension), the exports dropped; the script declares `signals` and
// returns nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../', import.meta.url).pathname;

/** The script's text; `edit` (text → text) may change signals.js's own source first (an A/B variant). */
export function signalsSource(edit = (text) => text) {
  const cut = readFileSync(join(ROOT, 'extension/shared/url-cut.js'), 'utf8').replace(/^export /gm, '');
  const signals = edit(readFileSync(join(ROOT, 'extension/content/signals.js'), 'utf8'))
    .replace(/^import \{ cut as cutAddress \} from '\.\.\/shared\/url-cut\.js';$/m, 'const cutAddress = cut;')
    .replace(/^import \{ isOwnHost \} from '\.\/shadow-host\.js';$/m, 'const isOwnHost = () => false;')
    .replace(/^export /gm, '');
  if (signals.includes('import ') || !signals.includes('const signals =')) {
    throw new Error('signals.js changed shape: update tools/signals-source.mjs');
  }
  return `${cut}\n${signals}`;
}
