// Test builds only: the e2e tests' forced time cuts (session 50). A slice of signals.js's notice walk stops when it
// has used its time budget, a matter of how busy the machine is, which no page can bring about on demand.
// signals.js's overBudget calls this in a statement labelled JOINGUARD_TEST, which only the test build keeps
// (tools/build-extension.mjs --test, target/e2e-extension): the shipped bundles drop it and, unused then, this module
// (tests/js/test-hold.test.mjs builds both and checks). The switch is the page's: `data-joinguard-test-cuts="N"` on
// its `<html>` cuts the first N budget checks of the document's walks whatever the time; each forced cut fires a
// `joinguard-test-cut` event at the window (the page counts them: the test's proof that the cut was forced; an event
// changes nothing in the DOM, so content.js's mutation observer starts no pass).

/** Budget checks cut so far in this document. */
let made = 0;

/** Whether the page's switch asks for one more forced cut (then counted and announced). */
export function forcedCut() {
  const wanted = Number(Element.prototype.getAttribute.call(document.documentElement, 'data-joinguard-test-cuts'));
  if (!(made < wanted)) return false;
  made += 1;
  dispatchEvent(new Event('joinguard-test-cut'));
  return true;
}
