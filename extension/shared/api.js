// The WebExtension namespace: `browser` in Firefox and Chromium 148+, `chrome` before that.
// Both return promises in Manifest V3 for the calls used here.
//
// Looked up on first use, not when a script starts: in Firefox, the first read of `browser` in a frame builds
// the frame's whole API object from the schemas (about 5 ms of the page's CPU time in its profiler, session 24),
// and link-badges.js runs in every frame, about:blank ones and a new tab's first empty document included, where
// there is usually no link to send and so nothing to ask the background.
let namespace = null;

export const ext = new Proxy(
  {},
  {
    get(_, key) {
      namespace ??= globalThis.browser ?? globalThis.chrome;
      return namespace[key];
    },
  },
);
