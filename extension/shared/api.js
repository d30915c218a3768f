// The WebExtension namespace: `browser` in Firefox and Chromium 148+, `chrome` before that.
// Both return promises in Manifest V3 for the calls used here.
export const ext = globalThis.browser ?? globalThis.chrome;
