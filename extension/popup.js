// The popup: the assessment of the current tab (as last reported by its content script), the vendor's grade
// explained, and the database version. `popup.html?tab=ID` names the tab explicitly (used by tests, where
// the popup is opened as a page and the active tab would be the popup itself).
import { ext } from './api.js';
import { t, localize } from './i18n.js';

function element(tag, { className, text } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  node.append(...children);
  return node;
}

async function targetTabId() {
  const requested = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(requested) && requested >= 0) return requested;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function kindLabel(kind) {
  return t(`kind_${kind.replace('-', '_')}`);
}

function renderAssessment(assessment, card) {
  const parts = [];
  if (assessment.lookalike_of) {
    parts.push(element('h2', { className: 'danger', text: t('bannerLookalike', [assessment.lookalike_name ?? assessment.lookalike_of]) }));
  } else if (assessment.vendor) {
    const title = element('h2', { text: `${assessment.vendor_name ?? assessment.vendor} · ${kindLabel(assessment.kind)} ` });
    if (assessment.grade) title.append(element('span', { className: `grade grade-${assessment.grade}`, text: assessment.grade }));
    parts.push(title);
    if (assessment.meeting_id) parts.push(element('p', { text: t('popupMeetingId', [assessment.meeting_id]) }));
  } else {
    return [element('p', { text: t('popupNothing') })];
  }

  if (assessment.findings.length > 0) {
    parts.push(
      element('h3', { text: t('popupFindings') }),
      element('ul', {}, ...assessment.findings.map((finding) =>
        element('li', {}, element('span', { className: `severity ${finding.severity}`, text: t(`severity_${finding.severity}`) }), finding.message))),
    );
  }

  if (card?.grade) {
    const reasons = card.grade.reasons ?? [];
    parts.push(element('h3', { text: t('popupGradeReasons') }));
    if (reasons.length === 0) parts.push(element('p', { text: t('popupNoReasons') }));
    else {
      parts.push(element('ul', {}, ...reasons.map((reason) => {
        const item = element('li', {}, element('span', { className: 'points', text: `${reason.points > 0 ? '+' : ''}${reason.points} ` }), reason.reason);
        for (const source of reason.sources ?? []) {
          // Sources come from the bundled database; only web links are made clickable.
          if (!/^https?:\/\//.test(source.url)) continue;
          const link = element('a', { text: t('popupSource') });
          link.href = source.url;
          link.target = '_blank';
          link.rel = 'noreferrer';
          link.title = source.claim ?? '';
          item.append(' [', link, ']');
        }
        return item;
      })));
    }
  }
  return parts;
}

async function main() {
  localize();
  const container = document.getElementById('assessment');
  const tabId = await targetTabId();
  if (tabId === null) {
    container.replaceChildren(element('p', { text: t('popupNotChecked') }));
    return;
  }
  const reply = await ext.runtime.sendMessage({ type: 'tab-assessment', tabId });
  if (reply?.error) {
    container.replaceChildren(element('p', { text: t('popupError', [reply.error]) }));
    return;
  }
  document.getElementById('data-version').textContent = t('popupDataVersion', [reply.dataVersion]);
  container.replaceChildren(...(reply.assessment ? renderAssessment(reply.assessment, reply.card) : [element('p', { text: t('popupNotChecked') })]));
}

main().catch((error) => {
  document.getElementById('assessment').textContent = t('popupError', [String(error?.message ?? error)]);
});
