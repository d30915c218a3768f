// Localisation of extension pages: elements with data-i18n="messageName" get that message as their text.
import { ext } from './api.js';

export const t = (key, substitutions) => ext.i18n.getMessage(key, substitutions) || key;

export function localize(root = document) {
  document.documentElement.lang = t('@@ui_locale').replace('_', '-');
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}

/**
 * A database text in the reader's language: `{en, fr, de}` (a fact's `detail`) → the UI language's text, or the
 * English one when that is missing; a plain string as it is; anything else ''.
 */
export function localised(text, lang = ext.i18n.getUILanguage()) {
  if (typeof text === 'string') return text;
  if (!text || typeof text !== 'object') return '';
  const pick = (key) => (typeof text[key] === 'string' ? text[key] : '');
  return pick(String(lang).slice(0, 2).toLowerCase()) || pick('en');
}
