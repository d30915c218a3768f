// media.test.mjs's scenarios in Firefox ESR, with Firefox's fake camera and microphone: on a conferencing page
// the MAIN-world hook (media-hook.js, a `world: "MAIN"` content script) notices getUserMedia without changing what
// the page gets or sees, and the banner says what is shared with the vendor's end-to-end encryption facts; a hint
// forged by the page removes no warning; a page that is not a conferencing page gets no hook. Chromium runs these
// in media.test.mjs (with screen sharing, which needs Chromium's fake screen picker); this file runs them in
// Firefox only (skipped when JOINGUARD_BROWSERS leaves Firefox out). It found that Firefox's default one-time
// grant leaves the Permissions API at "prompt", which made media-watch.js drop every real hint there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { eventually, vendorDetail } from './browser.mjs';
import { BROWSERS, bannerWith, collapse, launchBrowser } from './browsers.mjs';
import { UI } from './shadow-hosts.mjs';

const ZOOM_CLIENT = 'https://app.zoom.us/wc/85123456789/join';
const MEET_CALL = 'https://meet.google.com/abc-defg-hij';
const OWN_BBB_HOST = 'bbb.uni-example.edu';
const OWN_BBB = `https://${OWN_BBB_HOST}/html5client/join?sessionToken=abc123`;
const NOT_CONFERENCING = 'https://videochat.example.org/room/42';

// Firefox's fake devices and no permission prompt (what Mozilla's own media tests set).
const FAKE_MEDIA = { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true };

/** What the page sees of getUserMedia, and how a bad call fails (as media.test.mjs reads it). */
const mediaApiShape = (tab) =>
  tab.evaluate(async () => {
    const method = navigator.mediaDevices.getUserMedia;
    const failure = await navigator.mediaDevices.getUserMedia().then(() => null, (error) => `${error.name}: ${error.message}`);
    const wrongReceiver = await Promise.resolve()
      .then(() => method.call({}, { audio: true }))
      .then(() => null, (error) => error.name);
    let constructible = true;
    try {
      new method(); // eslint-disable-line new-cap
    } catch {
      constructible = false;
    }
    const descriptor = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'getUserMedia');
    return {
      name: method.name,
      length: method.length,
      source: Function.prototype.toString.call(method),
      own: Object.getOwnPropertyNames(navigator.mediaDevices).includes('getUserMedia'),
      descriptor: { writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable },
      failure,
      wrongReceiver,
      constructible,
    };
  });

/** The page's own record of what it got: [{what, ok, isStream, kinds}] (fixtures/zoom-webclient.html). */
const mediaResults = (tab) => tab.evaluate(() => JSON.parse(JSON.stringify(window.mediaResults)));

describe('camera and microphone in Firefox', { skip: !BROWSERS.includes('firefox') && 'JOINGUARD_BROWSERS leaves Firefox out' }, () => {
  let session;

  before(async () => {
    session = await launchBrowser('firefox', { prefs: FAKE_MEDIA });
    session.serve('app.zoom.us', 'zoom-webclient.html');
    session.serve('meet.google.com', 'meet-call.html');
    session.serve('videochat.example.org', 'zoom-webclient.html');
    session.serve(OWN_BBB_HOST, 'bbb-client.html');
  });

  after(async () => {
    await session?.close();
  });

  test("Zoom web client: camera and microphone named, with Zoom's end-to-end-encryption facts", async () => {
    const tab = await session.open(ZOOM_CLIENT);
    await tab.click('#join-audio');
    const text = await bannerWith(tab, /camera and microphone/, 'the media notice');
    assert.match(text, /Sharing with Zoom: camera and microphone/);
    assert.match(text, /End-to-end encryption is optional on Zoom/);
    assert.ok(text.includes(collapse(vendorDetail('zoom', 'e2ee'))), "the database's e2ee detail for Zoom");
    // The page got its stream as without the extension.
    assert.deepEqual(await mediaResults(tab), [{ what: 'camera', ok: true, isStream: true, kinds: ['audio', 'video'] }]);
    await tab.close();
  });

  test("Google Meet: the microphone alone, with Meet's facts", async () => {
    const tab = await session.open(MEET_CALL);
    await tab.click('#mic');
    const text = await bannerWith(tab, /Sharing with Google Meet/, 'the media notice');
    assert.match(text, /Sharing with Google Meet: microphone(?! and)/);
    const e2ee = readFileSync(new URL('../../rules/vendors/meet.toml', import.meta.url), 'utf8').match(/\n\[e2ee\]\nvalue = "([a-z-]+)"/)[1];
    const english = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
    const sentence = english[`media_e2ee_${e2ee}`].message.replaceAll('$VENDOR$', 'Google Meet').split(':')[0];
    assert.ok(text.includes(collapse(sentence)), `the ${e2ee} e2ee sentence: ${sentence}`);
    assert.deepEqual(await mediaResults(tab), [{ ok: true, kinds: ['audio'] }]);
    // Granted the microphone only, the page cannot claim the camera: Firefox shows it the microphones' labels
    // only (media-watch.js reads the labels per kind).
    await tab.evaluate(() => document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail: 'camera' })));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.doesNotMatch(await tab.overlayText(), /camera/, 'a forged camera hint on a page holding the microphone');
    await tab.close();
  });

  test('a self-hosted BigBlueButton named in the settings: microphone and recording warnings', async () => {
    await session.extension((ext, host) => ext.storage.local.set({ settings: { self_hosted: [{ host, vendor: 'bigbluebutton' }] } }), OWN_BBB_HOST);
    const tab = await session.open('about:blank');
    // The settings reach the background asynchronously (storage.onChanged): retry the page until they have.
    const text = await eventually(
      async () => {
        await tab.goto(OWN_BBB);
        await tab.click('#join-audio');
        return bannerWith(tab, /Sharing with BigBlueButton/, 'the media notice').catch(() => null);
      },
      { what: 'the media notice on the self-hosted server', timeout: 60_000 },
    );
    assert.match(text, /Sharing with BigBlueButton: microphone/);
    assert.match(text, /BigBlueButton does not encrypt meetings end to end/);
    await tab.evaluate(() => window.startRecording());
    const recorded = await bannerWith(tab, /appears to be recorded/, 'the recording warning');
    assert.match(recorded, /BigBlueButton shows “This session is being recorded”, but no consent notice is visible/);
    await session.extension((ext) => ext.storage.local.remove('settings'));
    await tab.close();
  });

  test('the wrapper changes nothing the page can see, and a page cannot silence it by overriding globals', async () => {
    const plain = await session.open(NOT_CONFERENCING);
    const without = await mediaApiShape(plain);
    await plain.close();
    const tab = await session.open(ZOOM_CLIENT);
    const withHook = await mediaApiShape(tab);
    assert.match(without.source, /^function getUserMedia\(\) \{\s*\[native code\]\s*\}$/);
    // Firefox prints any Proxy of a function as an anonymous native function, so here, unlike in Chromium, the
    // wrapper shows in its source text (media-hook.js says so); everything else is the browser's own.
    assert.match(withHook.source, /^function \(\) \{\s*\[native code\]\s*\}$/);
    assert.deepEqual({ ...withHook, source: null }, { ...without, source: null }, 'name, length, descriptor, errors, not constructible');

    await tab.evaluate(() => {
      EventTarget.prototype.dispatchEvent = () => true;
      window.CustomEvent = function CustomEvent() {
        throw new Error('no events');
      };
      MediaStream.prototype.getTracks = () => [];
      Array.prototype.join = () => '';
    });
    await tab.click('#join-audio');
    await bannerWith(tab, /Sharing with Zoom: camera and microphone/, 'the notice despite the overrides');
    await tab.close();
  });

  test('a hint forged by the page removes no warning; at worst it adds a notice', async () => {
    const tab = await session.open(ZOOM_CLIENT);
    await tab.evaluate(() => window.showRecordingIndicator());
    await bannerWith(tab, /appears to be recorded/, 'the recording warning');
    await tab.click('#join-audio');
    const before = await bannerWith(tab, /camera and microphone/, 'the camera notice');
    const cameraMentions = (text) => text.match(/Sharing with Zoom: camera and microphone/g).length;

    await tab.evaluate(() => {
      const forge = (detail) => document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail }));
      for (const detail of ['', 'none', 'remove', 'clear', 'camera,camera', 'keyboard', 'camera;screen', 'x'.repeat(1000), null, 42]) {
        forge(detail);
      }
      forge({ kinds: [] });
      forge(['camera']);
      forge('camera');
    });
    await tab.evaluate(() => document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail: 'screen' })));
    const text = await bannerWith(tab, /Sharing with Zoom: screen/, 'the forged notice');
    assert.match(text, /appears to be recorded/, 'the recording warning is still there');
    assert.match(text, /Sharing with Zoom: camera and microphone/, 'the camera notice is still there');
    assert.equal(cameraMentions(text), cameraMentions(before), 'the forged camera hint added nothing');
    assert.doesNotMatch(text, /keyboard/i);
    assert.equal(await tab.evaluate(() => window.mediaResults.length), 1, 'the page itself shared the camera only');
    assert.equal((await tab.shadowHosts(UI.banner)).length, 1, 'one banner');
    await tab.close();
  });

  // Firefox only: Chromium's fake media UI (media.test.mjs) grants the camera and microphone before the page asks.
  test('a camera or microphone hint from a page never granted them adds nothing; a screen hint adds its notice', async () => {
    const tab = await session.open(ZOOM_CLIENT);
    await bannerWith(tab, /Zoom/, 'the banner');
    await tab.evaluate(() => {
      for (const detail of ['camera', 'microphone', 'microphone,camera']) {
        document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail }));
      }
    });
    // Nothing to wait for: give the extension the time a real hint takes (a few hundred ms) many times over.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.doesNotMatch(await tab.overlayText(), /Sharing with/);
    await tab.evaluate(() => document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail: 'screen' })));
    const text = await bannerWith(tab, /Sharing with Zoom: screen/, 'the screen notice');
    assert.doesNotMatch(text, /Sharing with Zoom: (camera|microphone)/);
    await tab.close();
  });

  test('a page that is not a conferencing page: no hook, no notice', async () => {
    const tab = await session.open(NOT_CONFERENCING);
    assert.match(await tab.evaluate(() => Function.prototype.toString.call(navigator.mediaDevices.getUserMedia)), /^function getUserMedia\(\) \{\s*\[native code\]\s*\}$/, 'the hook is not installed here');
    await tab.click('#join-audio');
    await eventually(async () => (await tab.evaluate(() => window.mediaResults.length)) === 1, { what: "the page's own result" });
    assert.equal((await mediaResults(tab))[0].ok, true);
    await tab.evaluate(() => document.dispatchEvent(new CustomEvent('joinguard:media-hint', { detail: 'camera' })));
    // Nothing to wait for: give the extension the time it takes on the Zoom page (a few hundred ms) many times over.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await tab.overlayText(), null);
    await tab.close();
  });

  test('the extension logged no warning or error', async () => {
    assert.deepEqual(await session.extensionProblems(), []);
  });
});
