// Recording and consent, end to end in real Chromium: a meeting's web client shows a recording indicator
// (added later by the page's own script, as when the host starts recording) → "this session appears to be
// recorded" with what the vendor is known to show participants; with a consent notice the words differ; a
// vendor page that is not a meeting page, or a recording word that is not an indicator, gets nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, launch, overlayMatching, readOverlay, serve, tabRecord, vendorDetail } from './browser.mjs';

const ZOOM_CLIENT = 'https://app.zoom.us/wc/85123456789/join';
const ZOOM_PRICING = 'https://zoom.us/pricing';
const MEET_CALL = 'https://meet.google.com/abc-defg-hij';
const JITSI_ROOM = 'https://meet.jit.si/Projekttreffen2026';

/** The overlay once the tab's record has the engine's recording-without-notice (content.js's signals answered):
 *  one recording, one message on the page (recording.js's), the finding in the record (the popup) only. Where
 *  content.js's answer came before the background heard recording.js's, the banner holds the finding until
 *  content.js has asked again (content/meeting-page.js): one round trip, hence `eventually`. */
async function oneRecordingMessage(session, page, url) {
  await eventually(
    async () => (await tabRecord(session, url))?.assessment.findings.some((f) => f.id === 'recording-without-notice'),
    { what: 'recording-without-notice in the tab\'s record', timeout: 20_000 },
  );
  return eventually(
    async () => {
      const text = (await readOverlay(page).catch(() => null))?.text ?? '';
      const warnings = text.match(/This session appears to be recorded/g)?.length ?? 0;
      return warnings === 1 && !/A recording is in progress/.test(text) ? text : null;
    },
    { what: 'one recording warning, recording.js\'s, and no copy of the finding in the banner' },
  );
}

describe('recording and consent', () => {
  let session;

  before(async () => {
    session = await launch();
    await serve(session.context, 'https://app.zoom.us/**', 'zoom-webclient.html');
    await serve(session.context, 'https://zoom.us/**', 'zoom-webclient.html');
    await serve(session.context, 'https://meet.google.com/**', 'meet-call.html');
    await serve(session.context, 'https://meet.jit.si/**', 'jitsi-call.html');
  });

  after(async () => {
    await session?.close();
  });

  test('Zoom web client, indicator without a consent notice: "appears to be recorded", and what Zoom shows', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_CLIENT);
    // The host starts recording some time after the page loaded.
    await page.waitForTimeout(300);
    await page.evaluate(() => window.showRecordingIndicator());
    const text = await overlayMatching(page, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Zoom shows “Recording\.\.\.”, but no consent notice is visible/);
    assert.match(text, /Zoom is known to tell participants when a recording starts\./);
    assert.ok(text.includes(vendorDetail('zoom', 'recording_notice')), 'the database\'s recording_notice detail');
    await oneRecordingMessage(session, page, ZOOM_CLIENT);
    await page.close();
  });

  test('Zoom web client with its consent dialog: the warning says a consent notice was shown', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_CLIENT);
    await page.evaluate(() => {
      window.showRecordingIndicator();
      window.showConsentDialog();
    });
    const text = await overlayMatching(page, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Zoom shows “[^”]+”, and a notice asks participants for their consent to be recorded\./);
    assert.doesNotMatch(text, /no consent notice is visible/);
    await page.close();
  });

  test('Google Meet in French, an icon labelled only by aria-label', async () => {
    const page = await session.context.newPage();
    await page.goto(MEET_CALL);
    await page.evaluate(() => window.showRecordingIcon());
    const text = await overlayMatching(page, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Google Meet shows “Cette réunion est enregistrée”, but no consent notice is visible/);
    assert.match(text, /Google Meet is known to tell participants when a recording starts\./);
    await page.close();
  });

  test('Jitsi Meet in German: a bare "REC" label, then a consent notice adds the second warning', async () => {
    const page = await session.context.newPage();
    await page.goto(JITSI_ROOM);
    await page.evaluate(() => window.showRecordingLabel());
    let text = await overlayMatching(page, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Jitsi Meet shows “REC”, but no consent notice is visible/);
    assert.match(text, /Jitsi Meet tells participants only in some clients or configurations\./);
    assert.ok(text.includes(vendorDetail('jitsi', 'recording_notice')));
    await oneRecordingMessage(session, page, JITSI_ROOM);
    await page.evaluate(() => window.showConsentNotice());
    text = await overlayMatching(page, /a notice asks participants for their consent/, 'the consent variant');
    assert.match(text, /no consent notice is visible/, 'the first warning stays');
    await page.close();
  });

  test('a recording word on a vendor page that is no meeting page: nothing', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_PRICING);
    await page.evaluate(() => {
      window.showRecordingIndicator();
      window.showConsentDialog();
    });
    // Control: the same page on the web client gets its warning within this time many times over.
    await page.waitForTimeout(2000);
    const overlay = await readOverlay(page);
    assert.doesNotMatch(overlay?.text ?? '', /recorded/);
    await page.close();
  });

  test('a single-page app moving from a vendor page to a meeting (pushState) is watched from then on', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_PRICING);
    await page.evaluate(() => history.pushState({}, '', '/wc/85123456789/join'));
    await page.evaluate(() => window.showRecordingIndicator());
    await overlayMatching(page, /This session appears to be recorded/, 'the recording warning after pushState');
    await page.close();
  });

  test('a burst of unrelated page changes (throttled passes) still ends in the warning', async () => {
    const page = await session.context.newPage();
    await page.goto(ZOOM_CLIENT);
    // 200 DOM changes in 2 s, none of them a recording word, then the indicator.
    await page.evaluate(async () => {
      const box = document.createElement('div');
      document.body.append(box);
      for (let i = 0; i < 200; i += 1) {
        box.textContent = `Alex Martin is speaking (${i})`;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      window.showRecordingIndicator();
    });
    await overlayMatching(page, /This session appears to be recorded/, 'the recording warning');
    await page.close();
  });
});
