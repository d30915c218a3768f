// Badges after meeting links in any page (issue 6, item 1), end to end in each browser (browsers.mjs: Chromium
// and Firefox ESR): a webmail-like page with a partner's Zoom, Teams and Meet invitations (SafeLinks- and
// Google-wrapped, one in a srcdoc message frame as Proton Mail shows mail) and lookalikes, a batch of messages
// loaded later, a page without meeting links (no DOM change at all), a vendor's own join page and a lookalike
// page after "continue anyway". Every scenario runs in both browsers with the same assertions; what only one
// browser can show is marked "Chromium only" below: a 5,000-link page whose script time is measured with
// DevTools' Performance.getMetrics and reported (never asserted: shared machines).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually } from './browser.mjs';
import { UI, readShadowHosts } from './shadow-hosts.mjs';
import { BROWSERS, browserName, launchForFirstAnswers } from './browsers.mjs';

// Generous: the machine running the tests is shared and often loaded.
const FIRST_ANSWER_MS = 30_000;

const WEBMAIL = 'https://mail.example-webmail.test/mail/u/0/';
const PLAIN = 'https://news.example-webmail.test/';
const COMPOSE = 'https://compose.example-webmail.test/mail/u/0/compose';
const BIG = 'https://big.example-webmail.test/inbox';
const ZOOM_LAUNCH = 'https://us05web.zoom.us/j/85123456789';
const LOOKALIKE_SIGNIN = 'https://zoom-us.com/signin';
const BADGE = UI.badge;
const MEETING_LINKS_IN_BIG = 25;

/** A webmail-sized page: 5,000 links, of which MEETING_LINKS_IN_BIG are meeting links. */
function bigPage() {
  const rows = [];
  for (let i = 0; i < 5000; i += 1) {
    const href =
      i % 200 === 7
        ? `https://us02web.zoom.us/j/8${String(1000000000 + i).slice(0, 10)}`
        : `https://www.example.org/mail/thread/${i}?folder=inbox&amp;ref=${(i * 7919) % 10007}`;
    rows.push(`<div class="row"><span>Sender ${i}</span> <a href="${href}">Subject line number ${i} about things</a></div>`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Big inbox</title></head><body>
<main id="list">${rows.join('\n')}</main>
<script>
  window.addBatch = (n) => {
    const batch = document.createElement('div');
    for (let i = 0; i < n; i += 1) {
      const a = document.createElement('a');
      a.href = i === 3 ? 'https://us02web.zoom.us/j/85' + String(100000000 + i) : 'https://www.example.org/later/' + i;
      a.textContent = 'later ' + i;
      const row = document.createElement('div');
      row.append(a);
      batch.append(row);
    }
    document.getElementById('list').append(batch);
  };
</script></body></html>`;
}

async function scriptDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
}

for (const browser of BROWSERS) {
  describe(`link badges in ${browserName(browser)}`, () => {
    let session;

    before(async () => {
      session = await launchForFirstAnswers(browser, [
        ['mail.example-webmail.test', 'webmail.html'],
        ['news.example-webmail.test', 'plain.html'],
        ['compose.example-webmail.test', 'webmail-compose.html'],
        ['us05web.zoom.us', 'zoom-join-links.html'],
        ['zoom-us.com', 'zoom-login-lookalike-links.html'],
      ]);
      if (browser === 'chromium') {
        const big = bigPage();
        await session.serveWith('big.example-webmail.test', () => ({ body: big }));
      }
    });

    after(async () => {
      await session?.close();
    });

    /** The badges of `tab` (its frames' too) once there are at least `count`. */
    const badgesAtLeast = (tab, count, what) =>
      eventually(
        async () => {
          const found = await tab.shadowHosts(BADGE);
          return found.length >= count && found;
        },
        { timeout: FIRST_ANSWER_MS, what },
      );
    const byHref = (badges) => Object.fromEntries(badges.map((badge) => [badge.previous?.href, badge]));

    test('a partner\'s invitations: vendor and grade, wrapped links unwrapped, lookalikes in danger', async () => {
      const tab = await session.open(WEBMAIL);
      const badges = await badgesAtLeast(tab, 6, 'six badges');
      const byLink = Object.fromEntries(badges.map((b) => [b.previous?.text, b]));

      assert.ok(badges.every((b) => b.closed));
      assert.ok(badges.every((b) => b.previous?.nodeName === 'A'), 'each badge sits right after its link');

      const zoom = byLink['https://us02web.zoom.us/j/85123456789?pwd=abc'];
      assert.equal(zoom.previous.href, 'https://us02web.zoom.us/j/85123456789?pwd=abc');
      assert.match(zoom.text, /^Zoom · grade [A-E]( \(provisional\))?$/);
      assert.match(zoom.className, /^badge grade-[A-E]$/);
      assert.match(zoom.title, /passcode/i, 'the details say the link carries its passcode');

      const teams = byLink['Click here to join the meeting'];
      assert.match(teams.previous.href, /safelinks.*teams/);
      assert.match(teams.text, /^Microsoft Teams · grade [A-E]( \(provisional\))?$/);
      assert.match(teams.title, /Leads to https:\/\/teams\.microsoft\.com\/l\/meetup-join\//, 'SafeLinks unwrapped');

      assert.match(byLink['meet.google.com/abc-defg-hij'].text, /^Google Meet · grade [A-E]( \(provisional\))?$/);

      for (const text of ['https://zoom.us/j/85123456789', 'join from your browser']) {
        assert.equal(byLink[text].text, 'Lookalike of Zoom', text);
        assert.equal(byLink[text].className, 'badge danger');
      }
      assert.equal(byLink['https://zoom.us/j/85123456789'].previous.href, 'https://zoom.us.meeting-join.com/j/85123456789');
      const framed = byLink['board meeting'];
      assert.match(framed.text, /^Zoom · grade [A-E]( \(provisional\))?$/, 'a link in a message frame (srcdoc)');
      assert.equal(framed.previous.href, 'https://us02web.zoom.us/j/87654321098');
      assert.equal(byHref(badges)['https://zoom.us/pricing'], undefined, 'no badge on a vendor\'s pricing page');
      assert.equal(badges.length, 6, 'no badge on ordinary links or a vendor\'s pricing page');

      // The links themselves are untouched and the page's click handler still runs.
      const zoomLink = await tab.evaluate(() => {
        const a = document.getElementById('zoom');
        return { text: a.textContent, href: a.getAttribute('href'), children: a.children.length };
      });
      assert.deepEqual(zoomLink, {
        text: 'https://us02web.zoom.us/j/85123456789?pwd=abc',
        href: 'https://us02web.zoom.us/j/85123456789?pwd=abc',
        children: 0,
      });
      await tab.click('#zoom');
      assert.deepEqual(await tab.evaluate(() => window.clicks), ['zoom']);
      // The page cannot see into a badge (its host is the span right after the link).
      assert.deepEqual(await tab.evaluate(() => {
        const host = document.getElementById('zoom').nextElementSibling;
        return [host?.localName, host?.shadowRoot];
      }), ['span', null]);

      // Messages loaded later get their badges too.
      await tab.evaluate(() => window.loadOlder());
      const later = await badgesAtLeast(tab, 8, 'badges on the later batch');
      const laterByLink = Object.fromEntries(later.map((b) => [b.previous?.text, b]));
      // Webex may be not graded ('?'): too few of its core facts are confirmed (rules/vendors/webex.toml).
      assert.match(laterByLink['Webex personal room'].text, /^(Cisco )?Webex · grade ([A-E]( \(provisional\))?|\?)$/);
      assert.match(laterByLink['Zoom meeting'].text, /^Zoom · grade [A-E]( \(provisional\))?$/);
      assert.equal(later.length, 8, 'old links are not badged twice, the newsletter not at all');
      await tab.close();
    });

    test('no badge inside an editor (contenteditable, designMode): the person\'s own text, which the editor\'s script owns', async () => {
      const tab = await session.open(COMPOSE);
      // The message's link is badged; the editors' links, answered in the same batches, are not.
      // A link marked not editable inside an editable wrapper is followed by a click, so it is no editor's
      // text: the lookalike there gets its badge (session 42's review: the check once asked the link's parent).
      const first = await badgesAtLeast(tab, 2, 'the badges of the message\'s link and the pinned lookalike');
      await tab.evaluate(() => window.pasteLink());
      const later = await badgesAtLeast(tab, 3, 'the badge of the later message\'s link');
      const byLink = (badges) => badges.map((badge) => `${badge.previous?.text}: ${badge.text}`).sort();
      assert.deepEqual(byLink(first).map((line) => line.split(': ')[0]), ['Join the board meeting', 'the kick-off on Zoom']);
      assert.ok(byLink(first).includes('Join the board meeting: Lookalike of Zoom'), byLink(first).join('; '));
      assert.deepEqual(later.map((badge) => badge.previous?.text).sort(), [
        'Join the board meeting',
        'a later meeting',
        'the kick-off on Zoom',
      ]);
      // The editors hold what they held (and the pasted link), nothing of ours: a draft saved or a mail sent
      // from them carries no host element of the extension.
      assert.deepEqual(await tab.evaluate(() => window.editorHtml()), [
        '<p>See you at <a id="typed" href="https://us02web.zoom.us/j/81234567890">our Zoom</a> and ' +
          '<a href="https://zoom.us.meeting-join.com/j/85123456789">this one</a>.</p>' +
          '<a href="https://us04web.zoom.us/j/86543210987">pasted Zoom link</a>',
        '<p>Also <a id="framed" href="https://us02web.zoom.us/j/87654321098">board meeting</a></p>',
      ]);
      await tab.close();
    });

    test('a page without meeting links is left exactly as it was', async () => {
      // open() returns once the page has loaded (its "load" event).
      const tab = await session.open(PLAIN);
      // Let the content scripts run and the background answer; then check with a page that has links that the
      // extension is indeed working in this browser.
      const control = await session.open(WEBMAIL);
      await badgesAtLeast(control, 6, 'control badges');
      await control.close();
      assert.equal(await tab.evaluate(() => window.mutations), 0, 'no DOM change at all');
      assert.equal((await tab.shadowHosts(BADGE)).length, 0);
      await tab.close();
    });

    test('on a vendor\'s own join page its own links get no badge (the overlay speaks for the page)', async () => {
      const tab = await session.open(ZOOM_LAUNCH);
      const badges = await badgesAtLeast(tab, 2, 'badges on the other links');
      const byLink = Object.fromEntries(badges.map((b) => [b.previous?.text, b.text]));
      assert.deepEqual(Object.keys(byLink).sort(), ['a "Zoom" link', 'a Teams meeting']);
      assert.equal(byLink['a "Zoom" link'], 'Lookalike of Zoom');
      assert.match(byLink['a Teams meeting'], /^Microsoft Teams · grade [A-E]( \(provisional\))?$/);
      await tab.close();
    });

    test('a lookalike page: no badge after its links to its own host; other lookalikes and Zoom are badged', async () => {
      const tab = await session.open(LOOKALIKE_SIGNIN);
      await eventually(() => tab.warningText(), { what: 'the warning', timeout: FIRST_ANSWER_MS });
      // The page itself only after "continue anyway" on the warning page (ignored in its first moments).
      await new Promise((resolve) => setTimeout(resolve, 900));
      assert.equal(await tab.clickWarning('continue'), true);
      await eventually(async () => (await tab.url()) === LOOKALIKE_SIGNIN, { what: 'the page after "continue anyway"' });
      await eventually(() => tab.overlayText(), { what: 'the banner', timeout: FIRST_ANSWER_MS });
      const badges = byHref(await badgesAtLeast(tab, 2, 'the badges of the other links'));
      assert.deepEqual(Object.keys(badges).sort(), ['https://us02web.zoom.us/j/85123456789', 'https://zoom.us.meeting-join.com/j/85123456789']);
      assert.equal(badges['https://zoom.us.meeting-join.com/j/85123456789'].text, 'Lookalike of Zoom');
      await tab.close();
    });

    if (browser === 'chromium') {
      // Chromium only: DevTools' Performance.getMetrics (ScriptDuration) has no WebDriver counterpart in Firefox.
      test('Chromium only: 5,000 links: script time measured with CDP Performance.getMetrics (reported, not asserted)', async () => {
        const { context } = session.raw;
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        await page.goto(BIG);
        const badges = await eventually(
          async () => {
            const found = await readShadowHosts(page, BADGE);
            return found.length >= MEETING_LINKS_IN_BIG && found;
          },
          { timeout: FIRST_ANSWER_MS, what: 'the big page\'s badges' },
        );
        assert.equal(badges.length, MEETING_LINKS_IN_BIG);
        const total = await scriptDuration(cdp);

        const batches = [];
        for (let round = 1; round <= 5; round += 1) {
          const before = await scriptDuration(cdp);
          await page.evaluate(() => window.addBatch(50));
          const afterInsert = await scriptDuration(cdp);
          await eventually(async () => (await readShadowHosts(page, BADGE)).length >= MEETING_LINKS_IN_BIG + round, {
            what: `badge of batch ${round}`,
          });
          // Settle: the reply is handled in its own task.
          await new Promise((resolve) => setTimeout(resolve, 50));
          const done = await scriptDuration(cdp);
          batches.push({ page: afterInsert - before, extension: done - afterInsert });
        }
        const fmt = (ms) => ms.toFixed(2);
        console.log(
          `[budget] 5,000-link page: ScriptDuration ${fmt(total)} ms in total after ${badges.length} badges ` +
            `(page has no script of its own at load); later batches of 50 links, extension script time after the ` +
            `page's own insert: ${batches.map((b) => fmt(b.extension)).join(', ')} ms ` +
            `(page's insert: ${batches.map((b) => fmt(b.page)).join(', ')} ms)`,
        );
        await cdp.detach();
        await page.close();
      });
    }

    test('the extension logged no warning or error', async () => {
      assert.deepEqual(await session.extensionProblems(), []);
    });
  });
}
