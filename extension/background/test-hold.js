// Test builds only: the e2e tests' lost reply (session 48). Chromium closes the message channel of a page entering
// its back/forward cache, so the background's 'warned' reply to the check that sent the tab to the warning page is
// lost whenever the warning page commits first (content/gate.js hangingLoad, content/frame-signin.js): a race of the
// browser's, which no server or page can bring about on demand. warning-gate.js calls this after `tabs.update` in a
// statement labelled JOINGUARD_TEST, which only the test build keeps (tools/build-extension.mjs --test,
// target/e2e-extension): the shipped bundles drop it and, unused then, this module (tests/js/test-hold.test.mjs builds
// both and checks). The switch is HOLD_KEY in storage.session, which only the extension's own pages and background
// reach (not content scripts, not pages): the e2e harness sets it in the background, through the driver
// (tests/e2e/continue-loads.test.mjs, background-hold.mjs inBackground); no permission added.

/** `{ top, framed }`: how long (ms) to hold the answer to a top document's or an inner frame's check that sent the
 *  tab away, each absent for none; `held`: how many answers were held (the test's proof that the race was forced). */
export const HOLD_KEY = 'test:hold-answer';

/** Holds the answer to a check that has just sent the tab away, as the switch says (`framed`: an inner frame's). */
export async function holdAnswer(storage, framed) {
  const hold = (await storage.get(HOLD_KEY))[HOLD_KEY];
  const ms = framed ? hold?.framed : hold?.top;
  if (typeof ms !== 'number') return;
  await storage.set({ [HOLD_KEY]: { ...hold, held: (hold.held ?? 0) + 1 } });
  await new Promise((resolve) => setTimeout(resolve, ms));
}
