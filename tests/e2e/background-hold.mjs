// Holding the background's work on a content script's report until the test lets it go, in either browser
// (browsers.mjs sessions): the background's settings read (settings.js load, storage.local) is held, as a change of
// the user's settings or a new profile's slow policy read holds it, so that a test can move the tab on while the
// report waits (overlay.test.mjs: a report of a page the tab has left; moved-on.test.mjs: a verdict on it).

/** Runs `fn(api, scope, ...args)` (source text) in the background: Chromium's service worker; Firefox's event page,
 *  reached from the extension page session.extension runs in. */
export const inBackground = (session, fn, ...args) =>
  session.extension(
    `async (api, ...args) => {
      const scope = typeof api.runtime.getBackgroundPage === 'function' && typeof WorkerGlobalScope === 'undefined' ? await api.runtime.getBackgroundPage() : globalThis;
      return (${fn})(scope.browser ?? scope.chrome, scope, ...args);
    }`,
    ...args,
  );

/** Holds the background's reads of storage.local (the settings' first step, settings.js load) until released,
 *  makes the next report read them (a change of the user's settings: loaded again), and keeps the content scripts'
 *  reports that arrive after that (each held): `reports`, how many carry a page's signals; `checks`, the address
 *  of every assess-page and assess-frame message. */
export const holdSettingsReads = `async (api, scope) => {
  const area = api.storage.local;
  const original = area.get;
  let open;
  const opened = new Promise((resolve) => { open = resolve; });
  // Listeners run in the order they were added: when this one sees the change, settings.js has seen it too, and
  // from then on every report reads the settings again, held. Held and counted from that moment on, no sooner:
  // content.js sends one report at a time, so one held but not counted would be the last until the hold ends.
  let holding = false;
  const changed = (changes, name) => {
    if (name !== 'local' || !('settings' in changes) || holding) return;
    holding = true;
    area.get = (...args) => opened.then(() => original.apply(area, args));
  };
  const count = (message) => {
    if (!holding) return;
    if (message?.type === 'assess-page' && message.signals) scope.joinguardHold.reports += 1;
    if (message?.type === 'assess-page' || message?.type === 'assess-frame') scope.joinguardHold.checks.push(String(message.url));
  };
  scope.joinguardHold = {
    reports: 0,
    checks: [],
    release: () => {
      api.runtime.onMessage.removeListener(count);
      api.storage.onChanged.removeListener(changed);
      area.get = original;
      open();
    },
  };
  api.storage.onChanged.addListener(changed);
  api.runtime.onMessage.addListener(count);
  await api.storage.local.set({ settings: {} });
}`;

/** What the hold has kept so far: { reports, checks } (holdSettingsReads). */
export const heldReports = `(api, scope) => ({ reports: scope.joinguardHold?.reports ?? 0, checks: scope.joinguardHold?.checks ?? [] })`;

/** Lets the held reads go on, and removes the settings change that started the hold. */
export const releaseSettingsReads = `async (api, scope) => {
  scope.joinguardHold?.release();
  await api.storage.local.remove('settings');
}`;

/** Keeps every text the content scripts send to be scanned (`scan-text`) from now on, in the background, read by
 *  `scannedTexts` (credentials.test.mjs; shadow-signin.test.mjs (4e): the credentials watch's first scan is sent in
 *  the same task as the password watch's first look). */
export const recordScans = (session) =>
  inBackground(
    session,
    `(api, scope) => {
      if (scope.joinguardScans) return;
      scope.joinguardScans = [];
      api.runtime.onMessage.addListener((message) => {
        if (message?.type !== 'scan-text' || !Array.isArray(message.texts)) return;
        for (const text of message.texts) scope.joinguardScans.push(String(text));
      });
    }`,
  );
export const scannedTexts = (session) => inBackground(session, '(api, scope) => scope.joinguardScans ?? []');
