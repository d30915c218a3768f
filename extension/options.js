// The options page: for now only states what it will hold (organisation policy comes with its own issue).
import { localize } from './i18n.js';

localize();
document.title = document.querySelector('h1').textContent;
