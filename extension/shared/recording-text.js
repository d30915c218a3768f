// The words of recording.js's warning ("Zoom shows “Recording...”, but no consent notice is visible … Zoom is
// known to tell participants when a recording starts." and the vendor's detail), written by content/recording.js
// on the page and by the popup (pages/popup.js) from what the background kept of it (background/tab-state.js).

// Message keys written out whole, so that the locale test sees each one used.
const STATE_KEYS = { consent: 'recording_consent', no_consent: 'recording_no_consent' };
const FACT_KEYS = {
  shown: 'recording_vendor_shown',
  partial: 'recording_vendor_partial',
  none: 'recording_vendor_none',
  unknown: 'recording_vendor_unknown',
};

/**
 * @param {(key: string, substitutions?: string[]) => string} t the context's i18n lookup
 * @param {{consent: boolean, vendor: string, indicator: string, notice?: {value?: string, detail?: string|null}|null}} recording
 *   whether a consent notice was seen, the vendor's name, the indicator as shown, the vendor's recording_notice fact
 */
export function recordingText(t, { consent, vendor, indicator, notice }) {
  const fact = Object.hasOwn(FACT_KEYS, notice?.value) ? notice.value : 'unknown';
  const detail = typeof notice?.detail === 'string' ? ` ${notice.detail}` : '';
  return `${t(STATE_KEYS[consent ? 'consent' : 'no_consent'], [vendor, indicator])} ${t(FACT_KEYS[fact], [vendor])}${detail}`;
}

/**
 * The letters of a recording indicator, lower-cased, its words joined by one space: "● REC 00:12:31" and
 * "REC 00:12:32" are one indicator, since most show a running timer and recording.js and content.js read the page
 * at different moments. recording.js matches its short labels with it (candidate), the background its answers.
 */
export function indicatorKey(indicator) {
  return typeof indicator === 'string' ? (indicator.toLowerCase().match(/\p{L}+/gu) ?? []).join(' ') : '';
}
