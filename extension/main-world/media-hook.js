// MAIN-world script (the page's own JavaScript world), at document_start, top frame of conferencing pages only:
// notices when the page obtains the camera, the microphone (getUserMedia) or the screen (getDisplayMedia) and
// tells the extension's isolated world, which asks the background what to say (media-watch.js).
//
// Where it runs: manifest.json's `match_lists.meeting_hosts` lists the https hosts of every active vendor's join, web-client and webinar
// pages in the vendor database, plus BigBlueButton's web-client path on any host (most BigBlueButton servers are
// a school's own); tests/content_script_hosts.rs derives that list from rules/vendors and fails when the two
// differ. Matching those hosts instead of every page keeps the wrapper away from pages it has no business on
// (a site cannot probe for it), and the background still checks every page against the engine.
//
// Rules for code in the page's world:
// - Never change behaviour: the page gets the very promise the browser returned, resolved or rejected as
//   before; the wrapper only looks at the stream once the page already has it.
// - Never throw: every step of our own is in try/catch, and a failure only means no hint.
// - Hard to notice or break: the methods are wrapped in a Proxy (same name and length, not constructible,
//   Function.prototype.toString gives native code; Chromium and Firefox both print it without the name,
//   `function () { [native code] }`, so a page that reads it can tell it is wrapped: tests/e2e/media.test.mjs),
//   with the original property descriptor; everything used later is captured here, before the page's own
//   scripts run, so a page overriding getTracks, dispatchEvent or CustomEvent afterwards cannot silence or
//   redirect the hint.
// - The hint is untrusted: the page can dispatch the same event. media-watch.js only ever adds a notice
//   from it, never removes one (see there).
'use strict';

(() => {
  try {
    const HINT_EVENT = 'joinguard:media-hint';
    const MediaDevicesPrototype = globalThis.MediaDevices?.prototype;
    if (!MediaDevicesPrototype) return; // an insecure context has no navigator.mediaDevices

    // Captured before any page script runs.
    const { apply } = Reflect;
    const { getOwnPropertyDescriptor, defineProperty } = Object;
    const PromiseThen = Promise.prototype.then;
    const getTracks = globalThis.MediaStream?.prototype.getTracks;
    const kindOfTrack = getOwnPropertyDescriptor(globalThis.MediaStreamTrack?.prototype ?? {}, 'kind')?.get;
    const dispatch = EventTarget.prototype.dispatchEvent;
    const NativeCustomEvent = CustomEvent;
    const joinKinds = Array.prototype.join;
    const ownDocument = document;

    // Only what the page now holds: kinds of the tracks it received, as one short string.
    function hint(kinds) {
      try {
        if (kinds.length === 0) return;
        const event = new NativeCustomEvent(HINT_EVENT, { detail: apply(joinKinds, kinds, [',']) });
        apply(dispatch, ownDocument, [event]);
      } catch {
        // No hint rather than a broken page.
      }
    }

    function streamKinds(stream, screen) {
      const kinds = [];
      if (screen) kinds.push('screen');
      if (!getTracks || !kindOfTrack) return kinds;
      for (const track of apply(getTracks, stream, [])) {
        const kind = apply(kindOfTrack, track, []);
        // A screen capture's audio track is the shared tab's or system's sound, not the microphone.
        if (kind === 'video' && !screen && !kinds.includes('camera')) kinds.push('camera');
        if (kind === 'audio' && !screen && !kinds.includes('microphone')) kinds.push('microphone');
      }
      return kinds;
    }

    function watch(name, screen) {
      const descriptor = getOwnPropertyDescriptor(MediaDevicesPrototype, name);
      if (!descriptor || typeof descriptor.value !== 'function') return;
      const original = descriptor.value;
      const wrapped = new Proxy(original, {
        apply(target, self, args) {
          // The browser's own call, with the page's receiver and arguments: errors (a wrong receiver,
          // a refusal) reach the page exactly as without us.
          const result = apply(target, self, args);
          try {
            // A side branch on the page's promise: the page's promise itself is returned untouched, and the
            // branch swallows its own rejection so that a refusal does not become an unhandled rejection.
            apply(PromiseThen, result, [
              (stream) => {
                try {
                  hint(streamKinds(stream, screen));
                } catch {
                  // A stream we cannot read gives no hint; the branch must not reject either.
                }
              },
              () => {},
            ]);
          } catch {
            // Not a promise (never in a conforming browser): nothing to watch.
          }
          return result;
        },
      });
      defineProperty(MediaDevicesPrototype, name, { ...descriptor, value: wrapped });
    }

    watch('getUserMedia', false);
    watch('getDisplayMedia', true);
  } catch {
    // Whatever happened, the page runs as if this script were not there.
  }
})();
