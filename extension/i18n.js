// Localisation of extension pages: elements with data-i18n="messageName" get that message as their text.
import { ext } from './api.js';

export const t = (key, substitutions) => ext.i18n.getMessage(key, substitutions) || key;

export function localize(root = document) {
  document.documentElement.lang = t('@@ui_locale').replace('_', '-');
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}
