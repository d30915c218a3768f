// What the badge next to a meeting link says, from the engine's hits (`screenLinks`): the background turns each
// hit into localised text here, so that the content script (link-badges.js) only draws strings.
import { findingText } from '../shared/findings-text.js';

// Kinds of page that are meeting pages (src/classify.rs `Kind::is_meeting_page`).
const MEETING_KINDS = new Set(['join', 'login', 'web-client', 'webinar']);

/**
 * The badge for one assessed link.
 * @param {object} assessment the engine's assessment of the link
 * @param {(key: string, substitutions?: string[]) => string} getMessage `i18n.getMessage`
 * @returns {{tone: string, text: string, title: string}} tone: `danger`, `caution`, `retired` or `grade-A` … `grade-E`
 */
export function linkBadge(assessment, getMessage) {
  const t = (key, substitutions) => getMessage(key, substitutions) || key;
  const findings = Array.isArray(assessment.findings) ? assessment.findings : [];
  const has = (id) => findings.some((finding) => finding.id === id);
  const name = assessment.vendor_name ?? assessment.vendor ?? '';
  let tone;
  let text;
  if (assessment.lookalike_of) {
    tone = 'danger';
    text = t('links_lookalike', [assessment.lookalike_name ?? assessment.lookalike_of]);
  } else if (has('blocked-vendor')) {
    tone = 'danger';
    text = t('links_blocked', [name]);
  } else if (has('unapproved-vendor')) {
    tone = 'caution';
    text = t('links_unapproved', [name]);
  } else if (assessment.retired) {
    tone = 'retired';
    text = t('links_vendorRetired', [name, String(assessment.retired.date)]);
  } else if (assessment.grade === '?' || assessment.standing === 'ungraded') {
    // Not graded (src/grade.rs UNGRADED): there is no grade colour, and the content script only draws known tones.
    tone = 'caution';
    text = t('links_vendorGrade', [name, '?']);
  } else if (assessment.grade && assessment.standing === 'provisional') {
    tone = `grade-${assessment.grade}`;
    text = t('links_vendorProvisional', [name, assessment.grade]);
  } else if (assessment.grade) {
    tone = `grade-${assessment.grade}`;
    text = t('links_vendorGrade', [name, assessment.grade]);
  } else {
    tone = 'caution';
    text = name;
  }
  // The details on hover and for screen readers: where the link really goes, then the findings.
  const lines = findings.map((finding) => findingText(finding, getMessage));
  if (Array.isArray(assessment.unwrapped) && assessment.unwrapped.length > 0) {
    // Behind the session proxy the browser stays on Microsoft's proxy, which serves the app: it does not lead away.
    const proxied = assessment.unwrapped.includes('defender-cloud-apps-proxy');
    lines.unshift(t(proxied ? 'links_proxied' : 'links_unwrapped', [String(assessment.target)]));
  }
  return { tone, text, title: [`${t('extName')}: ${text}`, ...lines].join('\n') };
}

/**
 * The badges for a batch of links, leaving out the links the page's own warning already speaks for:
 * - on a vendor's own meeting page, the vendor's links: its join buttons and "open in the app" links would each
 *   get a badge saying the same as the banner;
 * - on a lookalike page, its links to its own host ("Forgot password?", "Sign up"): the full-page warning and
 *   then the banner say "this imitates Zoom" once; a "Lookalike of Zoom" after every link of the page would
 *   only repeat it.
 * Links to another lookalike host and to other vendors are still badged.
 * @param {{index: number, assessment: object}[]} hits from `screenLinks`
 * @param {object|null} page the assessment of the page the links are on (null when it has none)
 * @param {{pageUrl?: string|null, urls?: string[]}} [where] the page's address and the batch's link addresses
 */
export function linkBadges(hits, page, getMessage, { pageUrl = null, urls = [] } = {}) {
  const ownVendor = page?.vendor && MEETING_KINDS.has(page.kind) ? page.vendor : null;
  const ownLookalikeHost = page?.lookalike_of ? hostOf(pageUrl) : null;
  return hits
    .filter(({ assessment }) => !(ownVendor && !assessment.lookalike_of && assessment.vendor === ownVendor))
    .filter(({ index, assessment }) => !(ownLookalikeHost && assessment.lookalike_of && hostOf(urls[index]) === ownLookalikeHost))
    .map(({ index, assessment }) => ({ index, ...linkBadge(assessment, getMessage) }));
}

/**
 * The engine's hits for a batch of the page's address followed by its links (background.js assessLinks), split
 * back into what two batches would have given: the page's assessment (null when the page is no hit) and the
 * links' hits with their index in the links.
 * @param {{index: number, assessment: object}[]} hits from `screenLinks` on `[pageUrl, ...urls]`, indexes checked
 * @returns {{page: object|null, links: {index: number, assessment: object}[]}}
 */
export function splitPageHit(hits) {
  const pageIsHit = hits.length > 0 && hits[0].index === 0;
  return {
    page: pageIsHit ? hits[0].assessment : null,
    links: hits.slice(pageIsHit ? 1 : 0).map(({ index, assessment }) => ({ index: index - 1, assessment })),
  };
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
