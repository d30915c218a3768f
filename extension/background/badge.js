// The toolbar badge of one tab: the vendor's grade on a conferencing page ("END"/"FIN"/"ENDE" for a retired
// service, which has no grade), "!" on a lookalike or an imitated
// sign-in page, nothing elsewhere (also after the tab moves on: background.js clears it on a new address).
import { ext } from '../shared/api.js';
import { isImitation } from '../shared/banner.js';

const GRADE_COLOURS = {
  A: '#1a7f37',
  B: '#4d8f1f',
  C: '#9a6700',
  D: '#c2410c',
  E: '#b91c1c',
  '?': '#57606a', // not graded: too few confirmed facts (src/grade.rs UNGRADED)
};
const LOOKALIKE_COLOUR = '#b91c1c';
// A retired service: not a grade (src/grade.rs Standing::Retired), so its own text and a neutral colour.
const RETIRED_COLOUR = '#6e7781';

export function badgeFor(assessment) {
  if (isImitation(assessment)) return { text: '!', colour: LOOKALIKE_COLOUR };
  if (assessment?.vendor && assessment.retired) {
    return { text: ext.i18n.getMessage('badge_retired') || 'END', colour: RETIRED_COLOUR };
  }
  if (assessment?.vendor && assessment.grade in GRADE_COLOURS) {
    return { text: assessment.grade, colour: GRADE_COLOURS[assessment.grade] };
  }
  return { text: '', colour: null };
}

export async function showBadge(tabId, assessment) {
  const { text, colour } = badgeFor(assessment);
  const calls = [ext.action.setBadgeText({ tabId, text })];
  if (colour) {
    calls.push(ext.action.setBadgeBackgroundColor({ tabId, color: colour }));
    // setBadgeTextColor: Chromium 110+, Firefox 63+.
    if (ext.action.setBadgeTextColor) calls.push(ext.action.setBadgeTextColor({ tabId, color: '#ffffff' }));
  }
  await Promise.all(calls);
}
