// chrome.i18n.getMessage over the extension's English messages, for unit tests of text rendered in the
// background: `$NAME$` placeholders filled from `$1`, `$2`, …
import { readFileSync } from 'node:fs';

const messages = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));

export function getMessage(key, substitutions = []) {
  const entry = messages[key];
  if (!entry) return '';
  return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n) => substitutions[Number(n) - 1] ?? '');
  });
}
