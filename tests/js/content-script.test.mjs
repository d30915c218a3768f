// Unit tests of the content script's modules and their contract with the engine and the background:
// signals.js keeps the engine's caps and notice stems (src/page/mod.rs), requests.js accepts exactly the page
// signals the engine reads, and findings-text.js renders findings from _locales or falls back to English.
// (Their behaviour in a real page is tested in Chromium: tests/e2e/overlay.test.mjs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mock, test } from 'node:test';
import { parseRequest, parseSignals } from '../../extension/background/requests.js';
import { findingText } from '../../extension/shared/findings-text.js';
import { fakeCharacterData } from './fake-text.mjs';

const ROOT = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');

/**
 * The page `gather()` reads in these tests: elements as plain objects ({localName, href, attributes} and their text
 * nodes, `texts`: `element()` below), listed per selector signals.js asks for; no body, so no walk over text nodes.
 */
let fakePage = { url: 'about:blank', title: '', elements: {} };
/** Characters the fake text nodes gave out through `substringData` (session 49: a bound on what a pass copies). */
let copiedChars = 0;
/** The fake clock signals.js's time budget reads (`performance.now`, ms), and what one read of a text node's
 *  characters moves it by (0: no pass ever runs out of time; session 50's tests of the notice walk set more). */
let clock = 0;
let readCost = 0;

/** signals.js, imported with just enough DOM prototypes, reading `fakePage` (node:test runs a file per process). */
async function importSignals() {
  const getter = (get) => ({ get });
  Object.assign(globalThis, {
    Element: {
      prototype: {
        getAttribute(name) {
          return this.attributes?.[name] ?? null;
        },
        // An element's own answer (`query`), if it has one.
        querySelector(selector) {
          return this.query?.(selector) ?? null;
        },
      },
    },
    Document: {
      prototype: Object.defineProperties(
        {
          querySelectorAll(selector) {
            return fakePage.elements[selector] ?? [];
          },
          querySelector() {
            return null;
          },
          // signals.js's walk for shadow roots (session 47): no elements.
          getElementsByTagName() {
            return [];
          },
          // Over an element's text nodes, forward (bounded-text.js); else over `fakePage.textNodes` (the copyright
          // walk steps back from the last).
          createTreeWalker(root) {
            if (root.texts) {
              let next = 0;
              return { nextNode: () => root.texts[next++] ?? null };
            }
            const nodes = fakePage.textNodes ?? [];
            let at = -1;
            return {
              nextNode() {
                at += 1;
                return nodes[at] ?? null;
              },
              set currentNode(node) {
                at = nodes.indexOf(node);
              },
              previousNode() {
                at -= 1;
                return at >= 0 ? nodes[at] : null;
              },
            };
          },
        },
        { title: getter(() => fakePage.title), body: getter(() => fakePage.body ?? null) },
      ),
    },
    Node: {
      TEXT_NODE: 3,
      ELEMENT_NODE: 1,
      prototype: Object.defineProperties(
        {
          // Whether a text node is (still) the body's: where the notice walk stopped (session 50).
          contains(node) {
            return this === fakePage.body && (fakePage.textNodes ?? []).includes(node);
          },
        },
        { baseURI: getter(() => fakePage.url) },
      ),
    },
    // A fake text node keeps its text in `text` (its `nodeValue`, when it has one, counts whole reads).
    CharacterData: fakeCharacterData((count) => {
      copiedChars += count;
      clock += readCost;
    }),
    NodeFilter: { SHOW_TEXT: 4 },
    // `<html>` without the test build's switch (content/test-cut.js), which the unbundled module reads.
    document: { documentElement: { attributes: {} } },
  });
  Object.defineProperty(globalThis, 'location', { configurable: true, get: () => ({ href: fakePage.url }) });
  Object.defineProperty(globalThis, 'performance', { configurable: true, value: { now: () => clock } });
  return (await import('../../extension/content/signals.js')).signals;
}

/** A Rust `pub const NAME: usize = N;` of src/page/mod.rs. */
function rustConst(source, name) {
  const match = source.match(new RegExp(`pub const ${name}: usize = (\\d+);`));
  assert.ok(match, `src/page/mod.rs has ${name}`);
  return Number(match[1]);
}

function rustStrings(source, name) {
  const match = source.match(new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`));
  assert.ok(match, `src/page/mod.rs has ${name}`);
  return [...match[1].matchAll(/"([^"]*)"/g)].map(([, text]) => text);
}

test('signals.js cuts at the engine’s caps and looks for the engine’s notice stems', async () => {
  const mod = read('src/page/mod.rs');
  const { CAPS, NOTICE_STEMS, NOTICE_EXACT } = await importSignals();
  const expected = {
    url: 'MAX_URL',
    text: 'MAX_TEXT',
    src: 'MAX_SRC',
    notice: 'MAX_NOTICE',
    fieldName: 'MAX_FIELD_NAME',
    headings: 'MAX_HEADINGS',
    links: 'MAX_LINKS',
    linksTail: 'MAX_LINKS_TAIL',
    buttons: 'MAX_BUTTONS',
    forms: 'MAX_FORMS',
    fields: 'MAX_FIELDS',
    imgAlts: 'MAX_IMG_ALTS',
    scripts: 'MAX_SCRIPTS',
    iframes: 'MAX_IFRAMES',
    notices: 'MAX_NOTICES',
    copyrights: 'MAX_COPYRIGHTS',
  };
  assert.deepEqual(Object.keys(CAPS).sort(), Object.keys(expected).sort());
  for (const [key, name] of Object.entries(expected)) assert.equal(CAPS[key], rustConst(mod, name), `${key} = ${name}`);
  assert.deepEqual([...NOTICE_STEMS], rustStrings(mod, 'NOTICE_STEMS'));
  assert.deepEqual([...NOTICE_EXACT], rustStrings(mod, 'NOTICE_EXACT'));
});

// isNotice's check for the label's letters before its Unicode expression (session 40) must only spare work: every
// case and symbol form of a short label still counts, as it does without the check.
test('isNotice takes a short label in any case, behind symbols, as without its pre-check', async () => {
  const { isNotice, NOTICE_EXACT, NOTICE_STEMS } = await importSignals();
  for (const text of ['REC', 'Rec', 'rEc', '● REC', '•rec', ' \u{1f534} ReC ', '\u26abREC']) assert.ok(isNotice(text), text);
  for (const text of ['wreck', 'REC 00:12', 'RE C', 'ＲＥＣ', 'recs', '']) assert.ok(!isNotice(text), text);
  // Without the pre-check: a stem anywhere, or a short text that is a label once its leading symbols are gone.
  const stems = new RegExp(NOTICE_STEMS.join('|'), 'i');
  const unchecked = (text) =>
    stems.test(text) || (text.length <= 40 && NOTICE_EXACT.includes(text.replace(/^[\s\u25cf\u2022\u26ab\u{1f534}]+/u, '').trim().toLowerCase()));
  const pieces = ['', ' ', '●', '•', '\u{1f534}', 'r', 'R', 'e', 'E', 'c', 'C', 'ç', 'İ', 'ς', 'Σ', '0', 'k'];
  let texts = [''];
  for (let length = 0; length < 4; length++) texts = texts.flatMap((text) => pieces.map((piece) => text + piece));
  for (const text of texts) assert.equal(isNotice(text), unchecked(text), JSON.stringify(text));
});

// gather() on a page, then the engine on what it gathered (the wasm package `make test-js` builds). Until session
// 25 gather() cut the address with its own capper (it shadowed url-cut.js's `cut`), which set `truncated` on every
// page, and the engine never said what a page lacks: no test here gathered a page.
const { engine } = await import('./engine.mjs');
/** Reads of an element's whole text (`textContent`, which joins every text node under it): none (session 49). */
let wholeTextReads = 0;
/** An element holding `texts` (one string a text node). */
function element(localName, texts, attributes = {}) {
  const nodes = [texts].flat().map((text) => ({ nodeType: 3, text }));
  const made = { nodeType: 1, localName, texts: nodes, attributes, href: attributes.href };
  Object.defineProperty(made, 'textContent', { get: () => ((wholeTextReads += 1), nodes.map((node) => node.text).join('')) });
  return made;
}
const JOIN = 'https://us02web.zoom.us/j/85123456789';
/** A Zoom join page: `links` extra links after the launch one, `privacy` a footer link to the privacy statement. */
function joinPage({ url = JOIN, links = 0, privacy = false } = {}) {
  const anchors = [element('a', 'Launch Meeting', { href: 'zoommtg://us02web.zoom.us/join?confno=85123456789' })];
  for (let i = 0; i < links; i++) anchors.push(element('a', `Help article ${i}`, { href: `https://support.zoom.com/hc/en/article/${i}` }));
  if (privacy) anchors.push(element('a', 'Privacy & Legal Policies', { href: 'https://explore.zoom.us/en/legal/' }));
  return {
    url,
    title: 'Launch Meeting - Zoom',
    elements: {
      'h1, h2': [element('h1', 'Click Open Zoom Meetings on the dialog shown by your browser')],
      'a[href]': anchors,
      'button, [role="button"], input[type="submit" i], input[type="button" i]': [element('button', 'Launch Meeting')],
    },
  };
}
const findingIds = (gathered) => engine.assessPage(gathered, null).findings.map((f) => f.id);

test('gather() marks a page truncated only when it cut something, and the engine then says what the page lacks', async () => {
  const signals = await importSignals();

  fakePage = joinPage();
  const small = signals.gather();
  assert.equal(small.truncated, false, 'a small page is seen whole');
  assert.equal(small.url, JOIN);
  assert.equal(small.links.length, 1);
  assert.ok(findingIds(small).includes('no-privacy-link'), 'a join page seen whole without a privacy link');

  fakePage = joinPage({ privacy: true });
  const withPrivacy = signals.gather();
  assert.equal(withPrivacy.truncated, false);
  assert.ok(!findingIds(withPrivacy).includes('no-privacy-link'), 'its privacy link was seen');

  // 250 links: 150 from the head and 50 from the tail (where footers keep the privacy link) are kept.
  fakePage = joinPage({ links: 249 });
  const long = signals.gather();
  assert.equal(long.truncated, true, 'links were left out');
  assert.equal(long.links.length, signals.CAPS.links);
  assert.equal(long.links.at(-1).text, 'Help article 248');
  assert.ok(!findingIds(long).includes('no-privacy-link'), 'the privacy link may be among the links left out');

  // A title over the cap is cut, and says so.
  fakePage = { ...joinPage(), title: 'Zoom '.repeat(40) };
  const titled = signals.gather();
  assert.equal(titled.title.length, signals.CAPS.text);
  assert.equal(titled.truncated, true);
});

test('gather() reads h3 to h6 after h1 and h2, in the room under the cap, without marking the page cut', async () => {
  const signals = await importSignals();
  const minor = (n) => Array.from({ length: n }, (_, i) => element('h3', `Section ${i}`));

  // Kits put the brand in a minor heading: it is read after the major ones.
  fakePage = { ...joinPage(), elements: { ...joinPage().elements, 'h3, h4, h5, h6': [element('h6', 'Work Microsoft account')] } };
  const kit = signals.gather();
  assert.deepEqual(kit.headings, ['Click Open Zoom Meetings on the dialog shown by your browser', 'Work Microsoft account']);
  assert.equal(kit.truncated, false);

  // An article with dozens of minor headings: the cap is filled, and the page is still seen whole (no minor
  // heading is something the engine says a page lacks), so the join page's missing privacy link is still said.
  fakePage = { ...joinPage(), elements: { ...joinPage().elements, 'h3, h4, h5, h6': minor(40) } };
  const article = signals.gather();
  assert.equal(article.headings.length, signals.CAPS.headings);
  assert.equal(article.headings[1], 'Section 0');
  assert.equal(article.truncated, false);
  assert.ok(findingIds(article).includes('no-privacy-link'));

  // A long minor heading is sliced to the engine's text cap, without marking the page cut either.
  fakePage = { ...joinPage(), elements: { ...joinPage().elements, 'h3, h4, h5, h6': [element('h4', 'Zoom '.repeat(40))] } };
  const long = signals.gather();
  assert.equal(long.headings[1].length, signals.CAPS.text);
  assert.equal(long.truncated, false);

  // h1 and h2 over the cap are cut as before, and say so.
  fakePage = { ...joinPage(), elements: { ...joinPage().elements, 'h1, h2': Array(12).fill(element('h2', 'Join')) } };
  const major = signals.gather();
  assert.equal(major.headings.length, signals.CAPS.headings);
  assert.equal(major.truncated, true);
});

/** An imitated Zoom sign-in on an unrelated host (as tests/e2e/fixtures/zoom-login-lookalike.html), with these
 *  form controls. */
const signinPage = (controls) => ({
  url: 'https://secure-login.example.com/account/verify',
  title: 'Sign In | Zoom',
  elements: {
    'h1, h2': [element('h1', 'Sign In')],
    'button, [role="button"], input[type="submit" i], input[type="button" i]': [element('button', 'Sign In')],
    'input, select, textarea': controls,
  },
});

test('gather() sees a password field behind more decoy fields than the engine keeps (session 44)', async () => {
  const signals = await importSignals();
  // An imitated Zoom sign-in on an unrelated host whose form puts 25 hidden-from-view text fields before its
  // password field: the engine keeps 20 fields a form, and until session 44 `has_password` came from those.
  const form = element('form', '', { action: '/verify.php' });
  const field = (type, name) => ({ ...element('input', '', { type, name }), form });
  const decoys = Array.from({ length: signals.CAPS.fields + 5 }, (_, i) => field('text', `f${i}`));
  fakePage = signinPage([...decoys, field('password', 'password')]);
  const gathered = signals.gather();
  assert.equal(gathered.forms.length, 1);
  assert.equal(gathered.forms[0].fields.length, signals.CAPS.fields);
  assert.equal(gathered.forms[0].has_password, true);
  assert.equal(gathered.truncated, true);
  assert.ok(findingIds(gathered).includes('phishing-login'), findingIds(gathered).join(', '));
});

test('gather() keeps a sign-in form behind more decoy forms than the engine keeps (session 44)', async () => {
  const signals = await importSignals();
  const inForm = (form, type, name) => ({ ...element('input', '', { type, name }), form });
  const decoys = Array.from({ length: signals.CAPS.forms + 2 }, (_, i) => inForm(element('form', '', { action: `/search/${i}` }), 'text', 'q'));
  const signin = element('form', '', { action: '/verify.php' });
  fakePage = signinPage([...decoys, inForm(signin, 'email', 'email'), inForm(signin, 'password', 'password')]);
  const gathered = signals.gather();
  assert.equal(gathered.forms.length, signals.CAPS.forms);
  assert.deepEqual(gathered.forms.filter((form) => form.has_password).map((form) => form.fields.map((field) => field.type)), [['password']]);
  assert.equal(gathered.truncated, true);
  assert.ok(findingIds(gathered).includes('phishing-login'), findingIds(gathered).join(', '));
  // Under the cap nothing moves: the forms in document order, as before.
  fakePage = signinPage([...decoys.slice(0, 3), inForm(signin, 'password', 'password')]);
  assert.deepEqual(signals.gather().forms.map((form) => form.action), ['/search/0', '/search/1', '/search/2', '/verify.php'].map((path) => `https://secure-login.example.com${path}`));
});

test('gather() cuts a long address as the background does, and the background keeps the signals', async () => {
  const signals = await importSignals();
  const url = `${JOIN}?tk=${'x'.repeat(3000)}#success`;
  fakePage = joinPage({ url });
  const gathered = signals.gather();
  assert.equal(gathered.url, JOIN, 'origin and path kept, query and fragment dropped (url-cut.js)');
  assert.equal(gathered.truncated, false, 'the page itself was seen whole');
  const sender = { id: 'ourid', tab: { id: 3 }, frameId: 0, url };
  const request = parseRequest({ type: 'assess-page', url: gathered.url, signals: gathered }, sender, { id: 'ourid' });
  assert.deepEqual(request?.signals, gathered, 'signals within the caps are passed to the engine');
});

test('gather() reads a bounded window of each text node at the page’s end for copyright notices (session 47)', async () => {
  const signals = await importSignals();
  /** A page whose body ends with these text nodes, each its paragraph's only node. */
  // Reads of a node's whole text (`nodeValue`): none, since Firefox copies the whole node for each (session 48).
  let wholeReads = 0;
  const tail = (...values) => {
    const textNodes = values.map((text) => {
      const parent = { nodeName: 'P', childNodes: [] };
      const node = { nodeType: 3, text, parentElement: parent, previousSibling: null, nextSibling: null };
      Object.defineProperty(node, 'nodeValue', { get: () => ((wholeReads += 1), text) });
      parent.childNodes.push(node);
      return node;
    });
    return { url: 'https://login.example.com/', title: '', elements: {}, textNodes, body: { lastChild: textNodes.at(-1) } };
  };
  fakePage = tail('Welcome', '\u00a92019 Microsoft');
  assert.deepEqual(signals.gather({ notices: false }).copyrights, ['\u00a92019 Microsoft'], 'a short notice is sent');
  // Past the window (the node's last 200 characters): not read, so a 10 MB node costs what a short one does.
  fakePage = tail(`\u00a92019 Microsoft ${'lorem '.repeat(40)}`);
  assert.deepEqual(signals.gather({ notices: false }).copyrights, [], 'a notice before the window is not sent');
  fakePage = tail(`(c) ${'x '.repeat(1000)}`, 'Footer');
  assert.deepEqual(signals.gather({ notices: false }).copyrights, [], 'a long node’s filler is not sent as a notice');
  // A lone sign's neighbour is read in part too ("<span>©</span> 2019 Microsoft" with a long text after it).
  fakePage = tail('\u00a9');
  const [sign] = fakePage.textNodes;
  sign.parentElement = { nodeName: 'SPAN', childNodes: [sign, {}] };
  sign.nextSibling = { nodeType: 3, text: ` 2019 Microsoft ${'x'.repeat(1000)}` };
  Object.defineProperty(sign.nextSibling, 'nodeValue', { get: () => ((wholeReads += 1), sign.nextSibling.text) });
  const [notice] = signals.gather({ notices: false }).copyrights;
  assert.ok(notice.startsWith('\u00a9 2019 Microsoft x'), notice);
  assert.equal(wholeReads, 0, 'no text node is read whole');
});

// Session 49: `textContent` joins every text node under an element and `nodeValue` copies a node whole (Firefox), so a
// page with one huge text in a link, a button, a form's submit, a heading or a notice had every pass copy and squash
// megabytes. Each is now read only as far as its cap needs (content/bounded-text.js), with what is sent unchanged.
test('gather() reads links’, buttons’, submits’, headings’ and notices’ texts only as far as their caps (session 49)', async () => {
  const signals = await importSignals();
  const { CAPS } = signals;
  const huge = 'word '.repeat(200_000); // 1 MB
  const squashed = (...texts) => texts.join('').replace(/\s+/g, ' ').trim();
  let wholeReads = 0;
  const textNode = (text, parent) => {
    const node = { nodeType: 3, text, parentElement: parent };
    Object.defineProperty(node, 'nodeValue', { get: () => ((wholeReads += 1), text) });
    return node;
  };
  const notice = Object.assign(element('div', []), { nodeName: 'DIV' });
  notice.texts.push(textNode('Recording in progress. ', notice), textNode(huge, notice));
  const submit = element('button', ['Sign in ', huge]);
  const form = { attributes: { action: 'https://login.example.com/post' }, query: (selector) => (selector.startsWith('button[type="submit"') ? submit : null) };
  const password = { localName: 'input', attributes: { type: 'password', name: 'p' }, form };
  fakePage = {
    url: 'https://login.example.com/',
    title: 'Sign in',
    elements: {
      'h1, h2': [element('h1', ['Welcome ', huge])],
      'h3, h4, h5, h6': [element('h3', huge)],
      'a[href]': [element('a', ['Join ', huge], { href: 'https://login.example.com/join' })],
      'button, [role="button"], input[type="submit" i], input[type="button" i]': [element('button', ['Chat ', huge])],
      'input, select, textarea': [password],
    },
    textNodes: notice.texts,
    body: { lastChild: notice.texts.at(-1) },
  };
  wholeTextReads = 0;
  copiedChars = 0;
  const gathered = signals.gather();
  assert.equal(wholeTextReads, 0, 'no element’s textContent is read');
  assert.equal(wholeReads, 0, 'no text node’s nodeValue is read');
  assert.ok(copiedChars < 20_000, `${copiedChars} characters copied of the page’s 6 MB`);
  // What the whole texts gave (main's reads), cut at the caps: the same.
  assert.deepEqual(gathered.headings, [squashed('Welcome ', huge).slice(0, CAPS.text), huge.trim().slice(0, CAPS.text)]);
  assert.equal(gathered.links[0].text, squashed('Join ', huge).slice(0, CAPS.text));
  assert.equal(gathered.buttons[0].text, squashed('Chat ', huge).slice(0, CAPS.text));
  assert.equal(gathered.forms[0].submit, squashed('Sign in ', huge).slice(0, CAPS.text));
  assert.deepEqual(gathered.notices, [squashed('Recording in progress. ', huge).slice(0, CAPS.notice)]);
  assert.equal(gathered.truncated, true, 'texts were cut');

  // White space does not count towards the bound: a pretty-printed link's indentation is read past, as before.
  const padded = (...texts) => ({ url: 'https://login.example.com/', title: '', elements: { 'a[href]': [element('a', texts, { href: 'https://login.example.com/privacy' })] } });
  const indent = '\n' + ' '.repeat(3000);
  fakePage = padded(indent, 'Privacy', indent, 'and', indent, 'Terms', indent);
  const link = signals.gather();
  assert.equal(link.links[0].text, 'Privacy and Terms');
  assert.equal(link.truncated, false, 'a short text in much white space is seen whole');
  // Past the bound on characters read (a megabyte of white space, then text): cut short, and so `truncated`.
  fakePage = padded(' '.repeat(1_000_000), 'Privacy');
  const spaces = signals.gather();
  assert.equal(spaces.links[0].text, '');
  assert.equal(spaces.truncated, true, 'a text the reading stopped short of is marked cut');
  assert.equal(wholeTextReads, 0);
  // A logo link wrapping a pretty-printed inline SVG: one white-space text node per element (1,100 paths), then its
  // words. Ordinary markup, read whole, not marked cut (review of s49-bounded49, finding 2: the node bound did).
  fakePage = padded(...Array.from({ length: 1100 }, () => '\n    '), 'Zoom home');
  const logo = signals.gather();
  assert.equal(logo.links[0].text, 'Zoom home');
  assert.equal(logo.truncated, false, 'white-space text nodes do not count towards the bound on nodes');
});

// signals.js's notice walk in slices (session 50). A pass whose walk ran out of its time budget (TIME_BUDGET_MS, 4 ms,
// checked every 64th text node) was `truncated`, and the engine then said nothing a page lacks (no-privacy-link): on a
// join page of more than 64 text nodes, whether a person saw the finding depended on how busy the machine was. Now
// the walk goes on in later tasks from the node it stopped at, and `onWhole` gets the pass's signals once it is over.
// Time here is the fake clock, moved only by reads of text nodes (`readCost`), and the slices run on mock timers
// (node:test `mock.timers`): nothing depends on the machine's speed. On main (42f8fd9) gather() has no `onWhole`:
// the first, third, fourth and fifth of these fail there (nothing is called back; the pass stays `truncated`).
/** Zoom's join page above (no privacy link) with `count` paragraphs in its body, each its own text node, `notice` (a
 *  consent notice) the last. */
function longJoinPage(count, notice = 'This meeting is being recorded. By joining, you consent to the recording.') {
  const textNodes = Array.from({ length: count }, (_, i) => {
    const node = { nodeType: 3, text: i === count - 1 ? notice : `Step ${i} of joining` };
    node.parentElement = { nodeType: 1, nodeName: 'P', localName: 'p', texts: [node] };
    return node;
  });
  return { ...joinPage(), textNodes, body: { lastChild: textNodes.at(-1) } };
}

/** Runs `check(signals)` with setTimeout on mock timers. */
async function withMockTimers(check) {
  const signals = await importSignals();
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    check(signals);
  } finally {
    mock.timers.reset();
    readCost = 0;
  }
}

/** gather() with notices on `page`, each text node read costing `cost` ms, its walk's later slices run (`run`): the
 *  first answer, and what onWhole got. */
function gatherSliced(signals, page, cost, run = true) {
  fakePage = page;
  readCost = cost;
  clock = 0;
  const wholes = [];
  const first = signals.gather({ notices: true, onWhole: (rest) => wholes.push(rest) });
  if (run) mock.timers.runAll();
  return { first, wholes };
}

const NOTICE = 'This meeting is being recorded. By joining, you consent to the recording.';

test('a walk cut by its time budget goes on in later slices, and its end says what the page lacks', () =>
  withMockTimers((signals) => {
    const before = { ...signals.stats };
    // 1,000 paragraphs, each read 0.1 ms on the fake clock: 64 nodes a slice (6.4 ms, past the 4 ms budget at the
    // first check), 16 slices; the consent notice is the last node.
    const { first, wholes } = gatherSliced(signals, longJoinPage(1000), 0.1);
    assert.equal(first.truncated, true, 'the first answer: the walk was cut');
    assert.ok(!findingIds(first).includes('no-privacy-link'), 'the first answer says nothing the page lacks');
    assert.equal(wholes.length, 1, 'onWhole is called once, when the walk is over');
    const [whole] = wholes;
    assert.equal(whole.truncated, false, 'the whole walk: nothing cut');
    assert.deepEqual(whole.notices, [NOTICE]);
    assert.ok(findingIds(whole).includes('no-privacy-link'), JSON.stringify(findingIds(whole)));
    assert.deepEqual({ ...whole, notices: [], truncated: true }, { ...first, notices: [], truncated: true }, 'the rest of the pass is the pass');
    // Every slice stopped at its first check (64 nodes), within the budget's bound: 15 after the first.
    assert.equal(signals.stats.slices - before.slices, 15);
    assert.equal(signals.stats.timeCuts - before.timeCuts, 15);
  }));

test('a walk within its budget is one pass: nothing scheduled, nothing called back', () =>
  withMockTimers((signals) => {
    const { first, wholes } = gatherSliced(signals, longJoinPage(1000), 0, false);
    assert.equal(first.truncated, false);
    assert.deepEqual(first.notices, [NOTICE]);
    assert.ok(findingIds(first).includes('no-privacy-link'));
    mock.timers.runAll();
    assert.equal(wholes.length, 0);
  }));

test('a real cap still marks the pass truncated: more text nodes than MAX_TEXT_NODES, sliced or not', () =>
  withMockTimers((signals) => {
    // 0.01 ms a node: about 400 nodes a slice, so the 3,000-node cap is reached in 8 slices (within MAX_SLICES).
    const capped = gatherSliced(signals, longJoinPage(3001), 0.01);
    assert.equal(capped.first.truncated, true);
    assert.equal(capped.wholes.length, 1);
    assert.equal(capped.wholes[0].truncated, true, 'the 3,001st text node was not read');
    assert.deepEqual(capped.wholes[0].notices, [], 'the notice after the cap is not read');
    assert.ok(!findingIds(capped.wholes[0]).includes('no-privacy-link'));
    // The cap exactly: seen whole.
    const atCap = gatherSliced(signals, longJoinPage(3000), 0.01);
    assert.equal(atCap.wholes.length, 1);
    assert.equal(atCap.wholes[0].truncated, false);
    assert.ok(findingIds(atCap.wholes[0]).includes('no-privacy-link'));
    // Not sliced (no time used): the same cap in the one pass.
    const unsliced = gatherSliced(signals, longJoinPage(3001), 0, false);
    assert.equal(unsliced.first.truncated, true);
    mock.timers.runAll();
    assert.equal(unsliced.wholes.length, 0);
  }));

test('the slices are bounded: past MAX_SLICES the pass stays truncated', () =>
  withMockTimers((signals) => {
    const before = { ...signals.stats };
    // 0.1 ms a node: 64 nodes a slice, and 2,000 nodes would need 32 slices; 24 are allowed (the first included).
    const { wholes } = gatherSliced(signals, longJoinPage(2000), 0.1);
    assert.equal(wholes.length, 1);
    assert.equal(wholes[0].truncated, true);
    assert.deepEqual(wholes[0].notices, []);
    assert.equal(signals.stats.slices - before.slices, 23);
  }));

test('a new pass drops the last one’s walk; a walk whose node the page removed ends with its first answer; stop() ends it', () =>
  withMockTimers((signals) => {
    const older = gatherSliced(signals, longJoinPage(1000), 0.1, false);
    const newer = gatherSliced(signals, longJoinPage(500), 0.1, false);
    mock.timers.runAll();
    assert.equal(older.wholes.length, 0, 'the older walk is not finished');
    assert.equal(newer.wholes.length, 1);
    assert.equal(newer.wholes[0].truncated, false);
    // The page removes the node the first slice stopped at (the 65th): the walk ends, nothing called back.
    const removed = gatherSliced(signals, longJoinPage(1000), 0.1, false);
    fakePage.textNodes.splice(64, 1);
    mock.timers.runAll();
    assert.equal(removed.wholes.length, 0);
    assert.equal(removed.first.truncated, true);
    // A navigation (content.js startOver) stops the walk: no later slice reads the page, nothing called back.
    const left = gatherSliced(signals, longJoinPage(1000), 0.1, false);
    const slices = signals.stats.slices;
    signals.stop();
    mock.timers.runAll();
    assert.equal(left.wholes.length, 0);
    assert.equal(signals.stats.slices, slices, 'no slice after stop()');
  }));

// A real page description, as the engine's own tests use it.
const signals = JSON.parse(read('tests/data/pages/zoom-signin-en.json'));
const self = { id: 'ourid', baseUrl: 'chrome-extension://ourid/' };
const sender = { id: 'ourid', tab: { id: 7 }, frameId: 0, url: signals.url };

test('parseSignals accepts exactly the engine’s fields within its caps, and returns a copy', () => {
  const parsed = parseSignals(signals);
  assert.deepEqual(parsed, signals);
  assert.notEqual(parsed, signals);

  const long = (n) => 'x'.repeat(n);
  const link = { href: 'https://zoom.us/', text: '', aria_label: '' };
  const form = { action: '', has_password: true, fields: [], submit: '' };
  const field = { type: 'text', name: 'q', autocomplete: '', placeholder: '' };
  const refused = {
    'an extra field': { ...signals, extra: 1 },
    'a missing field': (({ notices, ...rest }) => rest)(signals),
    'a list that is not one': { ...signals, links: 'x' },
    'null for a list': { ...signals, headings: null },
    'a number for a string': { ...signals, title: 7 },
    'a string for a boolean': { ...signals, truncated: 'false' },
    'a title over 150 characters': { ...signals, title: long(151) },
    'a notice over 300 characters': { ...signals, notices: [long(301)] },
    '201 links': { ...signals, links: Array(201).fill(link) },
    'a link with an extra key': { ...signals, links: [{ ...link, onclick: 'x' }] },
    'a link without aria_label': { ...signals, links: [{ href: '', text: '' }] },
    'an href over 1000 characters': { ...signals, links: [{ ...link, href: long(1001) }] },
    '101 buttons': { ...signals, buttons: Array(101).fill({ text: '', aria_label: '' }) },
    '11 forms': { ...signals, forms: Array(11).fill(form) },
    '21 fields in a form': { ...signals, forms: [{ ...form, fields: Array(21).fill(field) }] },
    'a field name over 60 characters': { ...signals, forms: [{ ...form, fields: [{ ...field, name: long(61) }] }] },
    'a field without placeholder': { ...signals, forms: [{ ...form, fields: [{ type: 'text', name: 'q', autocomplete: '' }] }] },
    'a placeholder over 150 characters': { ...signals, forms: [{ ...form, fields: [{ ...field, placeholder: long(151) }] }] },
    '51 scripts': { ...signals, script_srcs: Array(51).fill('https://a.example/a.js') },
    '21 iframes': { ...signals, iframe_srcs: Array(21).fill('https://a.example/') },
    '31 image alts': { ...signals, img_alts: Array(31).fill('logo') },
    '21 notices': { ...signals, notices: Array(21).fill('recording') },
    '4 copyright notices': { ...signals, copyrights: Array(4).fill('\u00a9 2019 Microsoft') },
    'a copyright notice over 150 characters': { ...signals, copyrights: [long(151)] },
    'an array': [signals],
  };
  for (const [what, value] of Object.entries(refused)) assert.equal(parseSignals(value), null, what);
  assert.ok(parseSignals({ ...signals, links: Array(200).fill(link), truncated: true }), 'exactly at the cap');
});

test('assess-page carries the signals of the page it is about; dismiss names a scope', () => {
  assert.deepEqual(parseRequest({ type: 'assess-page', url: signals.url, signals }, sender, self), {
    type: 'assess-page',
    tabId: 7,
    url: signals.url,
    document: null,
    load: null,
    restore: 0,
    signals,
  });
  // Signals that fail their checks still leave the address to assess (never silent).
  const urlOnly = { type: 'assess-page', tabId: 7, url: signals.url, document: null, load: null, restore: 0 };
  assert.deepEqual(parseRequest({ type: 'assess-page', url: signals.url, signals: { ...signals, url: 'https://zoom.us/other' } }, sender, self), urlOnly);
  assert.deepEqual(parseRequest({ type: 'assess-page', url: signals.url, signals: { ...signals, extra: true } }, sender, self), urlOnly);
  assert.equal(parseRequest({ type: 'assess-page', url: signals.url, signals }, { ...sender, frameId: 2 }, self), null);
  // The content script's id of the page load (content/load-id.js) is the document where the browser names none
  // (Firefox), and only a string of 32 hex digits; the browser's documentId wins where there is one.
  const load = '0123456789abcdef0123456789abcdef';
  assert.deepEqual(parseRequest({ type: 'assess-page', url: signals.url, signals, load }, sender, self), {
    type: 'assess-page',
    tabId: 7,
    url: signals.url,
    document: load,
    load,
    restore: 0,
    signals,
  });
  assert.equal(parseRequest({ type: 'assess-page', url: signals.url, load }, { ...sender, documentId: 'D1' }, self).document, 'D1');
  for (const odd of [load.toUpperCase(), `${load}0`, load.slice(1), 42, null, { load }, '']) {
    assert.equal(parseRequest({ type: 'assess-page', url: signals.url, signals, load: odd }, sender, self), null, JSON.stringify(odd));
  }
  // The field the meeting hosts' bundle sent until session 28 (recording.js runs there too): the load id says it.
  assert.equal(parseRequest({ type: 'assess-page', url: signals.url, signals, recordingWatch: true }, sender, self), null);

  assert.deepEqual(parseRequest({ type: 'dismiss', scope: 'vendor', url: signals.url }, sender, self), {
    type: 'dismiss',
    tabId: 7,
    scope: 'vendor',
    url: signals.url,
  });
  const dismissals = [
    [{ type: 'dismiss', scope: 'everything', url: signals.url }, sender],
    [{ type: 'dismiss', scope: 'page', url: 'https://evil.example/' }, sender],
    [{ type: 'dismiss', scope: 'page', url: signals.url, vendor: 'zoom' }, sender],
    [{ type: 'dismiss', scope: 'page', url: signals.url }, { ...sender, frameId: 1 }],
    [{ type: 'dismiss', scope: 'page', url: signals.url }, { id: 'ourid', url: 'chrome-extension://ourid/pages/popup.html' }],
  ];
  for (const [message, from] of dismissals) assert.equal(parseRequest(message, from, self), null, JSON.stringify(message));
});

// chrome.i18n.getMessage over a messages.json, as the browser fills placeholders.
function getMessageFor(locale) {
  const messages = JSON.parse(read(`extension/_locales/${locale}/messages.json`));
  return (key, substitutions = []) => {
    const entry = messages[key];
    if (!entry) return '';
    const holders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
    return entry.message
      .replace(/\$([A-Za-z0-9_]+)\$/g, (_, name) => holders[name.toLowerCase()] ?? '')
      .replace(/\$([1-9])/g, (_, digit) => substitutions[digit - 1] ?? '');
  };
}

test('findings are rendered from _locales with their params, and fall back to English', () => {
  const login = {
    id: 'third-party-login',
    severity: 'caution',
    message: 'ENGLISH',
    params: { provider: 'Google', more: 'learns_google', variant: 'sdk', sdk_host: 'accounts.google.com' },
  };
  assert.equal(
    findingText(login, getMessageFor('fr')),
    "Cette page propose de se connecter avec Google. Son code de connexion est chargé depuis accounts.google.com avec la page : Google sait donc que ce navigateur l'a ouverte, même si vous n'utilisez pas le bouton. " +
      'Google apprend que vous utilisez ce service et chaque fois que vous vous connectez, et lui transmet votre nom, votre adresse e-mail et votre photo de profil.',
  );
  const lookalike = {
    id: 'lookalike-domain',
    severity: 'danger',
    message: 'ENGLISH',
    params: { host: 'zoom-us.com', official: 'zoom.us, zoom.com', vendor: 'Zoom' },
  };
  assert.equal(
    findingText(lookalike, getMessageFor('de')),
    'Diese Adresse gibt sich als Zoom aus: zoom-us.com gehört nicht zu dessen Websites. Zoom verwendet nur zoom.us, zoom.com.',
  );
  assert.equal(findingText({ ...lookalike, params: undefined }, getMessageFor('en')), 'ENGLISH');
  assert.equal(findingText({ ...lookalike, params: { host: 'zoom-us.com', vendor: 'Zoom' } }, getMessageFor('en')), 'ENGLISH', 'a param missing');

  // A misspelling with two edits of other kinds (src/name_edits.rs): `more` and `also`, a sentence each.
  const misspelt = {
    id: 'lookalike-domain',
    severity: 'danger',
    message: 'ENGLISH',
    params: { variant: 'misspelling', host: 'dicsordd.xyz', official: 'discord.com', vendor: 'Discord', written: 'dicsordd', brand: 'discord', more: 'how_swapped_letters' },
  };
  const once = findingText(misspelt, getMessageFor('en'));
  assert.ok(once.endsWith(' The name has two letters swapped.'), once);
  assert.equal(
    findingText({ ...misspelt, params: { ...misspelt.params, also: 'how_doubled_letter' } }, getMessageFor('en')),
    `${once} The name has a letter doubled.`,
  );

  // Unknown ids, unknown variants, a missing message and odd params give the English message.
  assert.equal(findingText({ id: 'media-new', message: 'English text', params: {} }, getMessageFor('fr')), 'English text');
  assert.equal(findingText({ ...lookalike, params: { variant: 'new' } }, getMessageFor('fr')), 'ENGLISH');
  assert.equal(findingText(lookalike, () => ''), 'ENGLISH');
  assert.equal(findingText({ id: 'constructor', message: 'x', params: { variant: '__proto__' } }, getMessageFor('en')), 'x');
  assert.equal(findingText(null, getMessageFor('en')), '');

  // The extension's engine sends no English text (Cargo feature `english` off): a finding the table cannot say
  // gets a line that names it, never an empty one.
  const untold = findingText({ id: 'media-new', message: '', params: {} }, getMessageFor('fr'));
  assert.match(untold, /^joinguard a remarqué ici quelque chose \(media-new\)/);
  assert.equal(findingText({ ...lookalike, message: '', params: { variant: 'new' } }, () => ''), 'lookalike-domain');
});
