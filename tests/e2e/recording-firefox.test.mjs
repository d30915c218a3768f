// recording.test.mjs's first scenarios in Firefox ESR, through the browser-neutral driver, on the same fixtures: a
// meeting's web client shows a recording indicator (added later by the page's own script) → "this session appears
// to be recorded" with what the vendor is known to show participants; with a consent notice the words differ; a
// vendor page that is not a meeting page gets nothing; a single-page app entering a meeting and a burst of
// unrelated page changes still end in the warning. Chromium runs them in recording.test.mjs (whose second half,
// the recording memory of a tab, already runs in both browsers); this file runs them in Firefox only (skipped
// when JOINGUARD_BROWSERS leaves Firefox out).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventually, vendorDetail } from './browser.mjs';
import { BROWSERS, bannerWith, collapse, launchBrowser } from './browsers.mjs';

const ZOOM_CLIENT = 'https://app.zoom.us/wc/85123456789/join';
const ZOOM_PRICING = 'https://zoom.us/pricing';
const MEET_CALL = 'https://meet.google.com/abc-defg-hij';
const JITSI_ROOM = 'https://meet.jit.si/Projekttreffen2026';

/** As recording.test.mjs's: once the tab's record has the engine's recording-without-notice, the banner holds one
 *  recording warning (recording.js's) and no copy of the finding. */
async function oneRecordingMessage(session, tab, url) {
  await eventually(
    async () => (await session.tabRecord(url))?.assessment.findings.some((f) => f.id === 'recording-without-notice'),
    { what: "recording-without-notice in the tab's record", timeout: 20_000 },
  );
  return eventually(async () => {
    const text = (await tab.overlayText()) ?? '';
    const warnings = text.match(/This session appears to be recorded/g)?.length ?? 0;
    return warnings === 1 && !/A recording is in progress/.test(text) ? text : null;
  }, { what: "one recording warning, recording.js's, and no copy of the finding in the banner" });
}

describe('recording and consent in Firefox', { skip: !BROWSERS.includes('firefox') && 'JOINGUARD_BROWSERS leaves Firefox out' }, () => {
  let session;

  before(async () => {
    session = await launchBrowser('firefox');
    session.serve('app.zoom.us', 'zoom-webclient.html');
    session.serve('zoom.us', 'zoom-webclient.html');
    session.serve('meet.google.com', 'meet-call.html');
    session.serve('meet.jit.si', 'jitsi-call.html');
  });

  after(async () => {
    await session?.close();
  });

  test('Zoom web client, indicator without a consent notice: "appears to be recorded", and what Zoom shows', async () => {
    const tab = await session.open(ZOOM_CLIENT);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the host starts recording some time after the load
    await tab.evaluate(() => window.showRecordingIndicator());
    const text = await bannerWith(tab, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Zoom shows “Recording\.\.\.”, but no consent notice is visible/);
    assert.match(text, /Zoom is known to tell participants when a recording starts\./);
    assert.ok(text.includes(collapse(vendorDetail('zoom', 'recording_notice'))), "the database's recording_notice detail");
    await oneRecordingMessage(session, tab, ZOOM_CLIENT);
    await tab.close();
  });

  test('Zoom web client with its consent dialog: the warning says a consent notice was shown', async () => {
    const tab = await session.open(ZOOM_CLIENT);
    await tab.evaluate(() => {
      window.showRecordingIndicator();
      window.showConsentDialog();
    });
    const text = await bannerWith(tab, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Zoom shows “[^”]+”, and a notice asks participants for their consent to be recorded\./);
    assert.doesNotMatch(text, /no consent notice is visible/);
    await tab.close();
  });

  test('Google Meet in French, an icon labelled only by aria-label', async () => {
    const tab = await session.open(MEET_CALL);
    await tab.evaluate(() => window.showRecordingIcon());
    const text = await bannerWith(tab, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Google Meet shows “Cette réunion est enregistrée”, but no consent notice is visible/);
    assert.match(text, /Google Meet is known to tell participants when a recording starts\./);
    await tab.close();
  });

  test('Jitsi Meet in German: a bare "REC" label, then a consent notice adds the second warning', async () => {
    const tab = await session.open(JITSI_ROOM);
    await tab.evaluate(() => window.showRecordingLabel());
    let text = await bannerWith(tab, /This session appears to be recorded/, 'the recording warning');
    assert.match(text, /Jitsi Meet shows “REC”, but no consent notice is visible/);
    assert.match(text, /Jitsi Meet tells participants only in some clients or configurations\./);
    assert.ok(text.includes(collapse(vendorDetail('jitsi', 'recording_notice'))));
    await oneRecordingMessage(session, tab, JITSI_ROOM);
    await tab.evaluate(() => window.showConsentNotice());
    text = await bannerWith(tab, /a notice asks participants for their consent/, 'the consent variant');
    assert.match(text, /no consent notice is visible/, 'the first warning stays');
    await tab.close();
  });

  test('a recording word on a vendor page that is no meeting page: nothing', async () => {
    const tab = await session.open(ZOOM_PRICING);
    await tab.evaluate(() => {
      window.showRecordingIndicator();
      window.showConsentDialog();
    });
    // Control: the same page on the web client gets its warning within this time many times over.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.doesNotMatch((await tab.overlayText()) ?? '', /recorded/);
    await tab.close();
  });

  test('a single-page app moving from a vendor page to a meeting (pushState) is watched from then on', async () => {
    const tab = await session.open(ZOOM_PRICING);
    await tab.evaluate(() => history.pushState({}, '', '/wc/85123456789/join'));
    await tab.evaluate(() => window.showRecordingIndicator());
    await bannerWith(tab, /This session appears to be recorded/, 'the recording warning after pushState');
    await tab.close();
  });

  test('a burst of unrelated page changes (throttled passes) still ends in the warning', async () => {
    const tab = await session.open(ZOOM_CLIENT);
    // 200 DOM changes in 2 s, none of them a recording word, then the indicator.
    await tab.evaluate(async () => {
      const box = document.createElement('div');
      document.body.append(box);
      for (let i = 0; i < 200; i += 1) {
        box.textContent = `Alex Martin is speaking (${i})`;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      window.showRecordingIndicator();
    });
    await bannerWith(tab, /This session appears to be recorded/, 'the recording warning');
    await tab.close();
  });

  test('the extension logged no warning or error', async () => {
    assert.deepEqual(await session.extensionProblems(), []);
  });
});
