// The options page: the user's settings (approved, blocked and self-hosted vendors, public sites, the
// organisation's sign-in hosts, warnings shown), import and export as JSON. It holds no engine: the background checks every change with the engine
// and answers with the new state; a field the organisation sets (managed storage) is shown read-only.
//
// Fields come from the engine (`fields` in the state), each drawn by the editor for its kind; a new list field
// of hosts needs only its two messages in FIELD_TEXT (fields.js).
import { ext } from '../shared/api.js';
import { t, localize } from '../shared/i18n.js';
import { element } from './dom.js';
import { MAX_SETTINGS_LENGTH } from '../shared/limits.js';
import { FIELD_TEXT } from './fields.js';

/** The warnings a person may hide, by finding id (see design.md), with their labels. The engine's
 *  `alwaysShown` ids are listed too, but cannot be unticked. */
const FINDINGS = [
  ['lookalike-domain', 'options_finding_lookalike_domain'],
  ['phishing-login', 'options_finding_phishing_login'],
  ['blocked-vendor', 'options_finding_blocked_vendor'],
  ['suspicious-url', 'options_finding_suspicious_url'],
  ['unapproved-vendor', 'options_finding_unapproved_vendor'],
  ['retired-service', 'options_finding_retired_service'],
  ['embedded-secret', 'options_finding_embedded_secret'],
  ['credentials-exposed', 'options_finding_credentials_exposed'],
  ['third-party-login', 'options_finding_third_party_login'],
  ['identity-sdk', 'options_finding_identity_sdk'],
  ['no-privacy-link', 'options_finding_no_privacy_link'],
  ['recording-without-notice', 'options_finding_recording_without_notice'],
  ['vendor-risk', 'options_finding_vendor_risk'],
];

const EDITORS = {
  approved_vendors: vendorListEditor,
  blocked_vendors: vendorListEditor,
  self_hosted: selfHostedEditor,
  disabled_findings: findingsEditor,
};

let state = null; // the background's answer to settings-get
let vendors = []; // [{id, name, self_hostable}] from the engine

async function ask(message) {
  const reply = await ext.runtime.sendMessage(message);
  if (!reply) throw new Error('no answer from the background');
  if (reply.error) throw new Error(reply.error);
  return reply;
}

function showError(text) {
  document.getElementById('error').textContent = text;
  document.getElementById('status').textContent = '';
}

function showStatus(text) {
  document.getElementById('error').textContent = '';
  document.getElementById('status').textContent = text;
}

const vendorName = (id) => vendors.find((vendor) => vendor.id === id)?.name ?? id;
/** A field the organisation set and the engine refused as a whole (settings.js mergeSettings): still the
 *  organisation's, locked, at what `effective` holds: the user's own value where it can only add warnings
 *  (`refusedKeepsUser`), else the default. */
const isRefused = (field) => state.refused.includes(field);
const isManaged = (field) => Object.hasOwn(state.managed, field) || isRefused(field);
const valueOf = (field) => {
  if (isRefused(field)) return state.effective[field];
  return isManaged(field) ? state.managed[field] : state.user[field] ?? state.effective[field];
};

/** Refuses settings longer than the background accepts (requests.js ignores a longer message, and the page read
 *  "no answer from the background"), in the words of message `key`: a file to import, or a save. */
function refuseTooLong(length, key) {
  if (length > MAX_SETTINGS_LENGTH) throw new Error(t(key, [MAX_SETTINGS_LENGTH.toLocaleString()]));
}

/**
 * Saves the user's settings with one field changed: `change` gets the field's value as the last save left it
 * and returns the new value. Saves run one after another, so a second "Add" clicked before the page has
 * redrawn after the first adds to the list the first save made instead of dropping its vendor.
 */
let saving = Promise.resolve();
function saveField(field, change) {
  const save = saving.then(async () => {
    try {
      const settings = { ...state.user, [field]: change(valueOf(field)) };
      refuseTooLong(JSON.stringify(settings).length, 'options_save_too_long');
      state = await ask({ type: 'settings-save', settings });
      render();
      showStatus(t('options_saved'));
      return true;
    } catch (error) {
      render(); // put the controls back as the saved settings are
      showError(t('options_error', [error.message]));
      return false;
    }
  });
  saving = save.catch(() => false); // a failed save must not stop the ones after it
  return save;
}

const withItem = (item) => (current) => (current.includes(item) ? current : [...current, item]);
const withoutItem = (item) => (current) => current.filter((other) => other !== item);

function entries(items, field, describe, managed) {
  if (items.length === 0) return element('p', { className: 'none', text: t('options_none') });
  return element('ul', { className: 'entries' }, ...items.map((item) => {
    const words = describe(item);
    const row = element('li', {}, words);
    if (!managed) {
      const remove = element('button', { text: t('options_remove'), attributes: { type: 'button', 'aria-label': t('options_remove_named', [words.textContent]) } });
      const same = JSON.stringify(item);
      remove.addEventListener('click', () => saveField(field, (current) => current.filter((other) => JSON.stringify(other) !== same)));
      row.append(remove);
    }
    return row;
  }));
}

/** A menu of the engine's vendors; `offered` picks which (all by default). */
function vendorSelect(id, labelKey, managed, offered = () => true) {
  const select = element('select', { attributes: { id } },
    ...vendors.filter(offered).map((vendor) => element('option', { text: vendor.name, attributes: { value: vendor.id } })));
  select.disabled = managed;
  return [element('label', { text: t(labelKey), attributes: { for: id } }), select];
}

function addButton(managed, onAdd) {
  const button = element('button', { text: t('options_add'), attributes: { type: 'button' } });
  button.disabled = managed;
  button.addEventListener('click', onAdd);
  return button;
}

function vendorListEditor(field, managed) {
  const list = valueOf(field);
  const [label, select] = vendorSelect(`${field}-vendor`, 'options_vendor', managed);
  const add = addButton(managed, () => {
    saveField(field, withItem(select.value));
  });
  return [
    entries(list, field, (id) => element('span', {}, vendorName(id), ' ', element('span', { className: 'id', text: `(${id})` })), managed),
    element('div', { className: 'row' }, label, select, add),
  ];
}

function hostInput(id, labelKey, placeholder, managed) {
  const input = element('input', { attributes: { id, type: 'text', placeholder, autocomplete: 'off', spellcheck: 'false' } });
  input.disabled = managed;
  return [element('label', { text: t(labelKey), attributes: { for: id } }), input];
}

function selfHostedEditor(field, managed) {
  const list = valueOf(field);
  const [hostLabel, host] = hostInput(`${field}-host`, 'options_host', 'bbb.example.edu', managed);
  // Not the services no organisation can run on its own server: the engine refuses them here (`self_hostable`).
  const [vendorLabel, select] = vendorSelect(`${field}-vendor`, 'options_software', managed, (vendor) => vendor.self_hostable !== 'no');
  const add = addButton(managed, async () => {
    const entry = { host: host.value.trim(), vendor: select.value };
    if (await saveField(field, (current) => [...current, entry])) host.value = '';
  });
  return [
    entries(list, field, (entry) => element('span', {}, `${entry.host} → ${vendorName(entry.vendor)}`), managed),
    element('div', { className: 'row' }, hostLabel, host, vendorLabel, select, add),
  ];
}

/** The input's label and example host of a list of hosts, by field (a site for any other). */
const HOST_INPUT = {
  sign_in_hosts: ['options_host', 'login.example.edu'],
};

/** Any other list field (public_sites, sign_in_hosts, and fields added later): a list of hosts. */
function hostListEditor(field, managed) {
  const list = valueOf(field);
  const [labelKey, example] = HOST_INPUT[field] ?? ['options_site', 'forum.example.org'];
  const [label, input] = hostInput(`${field}-host`, labelKey, example, managed);
  const add = addButton(managed, async () => {
    const host = input.value.trim();
    if (host && (await saveField(field, withItem(host)))) input.value = '';
  });
  return [
    entries(list, field, (host) => element('span', { text: host }), managed),
    element('div', { className: 'row' }, label, input, add),
  ];
}

function findingsEditor(field, managed) {
  const disabled = valueOf(field);
  return [element('ul', { className: 'toggles' }, ...FINDINGS.map(([id, key]) => {
    const always = state.alwaysShown.includes(id);
    const box = element('input', { attributes: { type: 'checkbox', id: `finding-${id}` } });
    box.checked = always || !disabled.includes(id);
    box.disabled = always || managed;
    box.addEventListener('change', () => {
      saveField(field, box.checked ? withoutItem(id) : withItem(id));
    });
    const label = element('label', { text: t(key), attributes: { for: `finding-${id}` } });
    if (always) label.append(' ', element('span', { className: 'id', text: t('options_always_shown') }));
    return element('li', {}, box, ' ', label);
  }))];
}

function fieldSection(field) {
  const [titleKey, helpKey] = FIELD_TEXT[field] ?? [];
  const managed = isManaged(field);
  const title = element('h2', { text: titleKey ? t(titleKey) : field, attributes: { id: `${field}-title` } });
  if (managed) title.append(element('span', { className: 'managed', text: t('options_managed') }));
  // The organisation's value was refused (named in #error): say so at the field, and what applies meanwhile.
  const refusedKey = state.refusedKeepsUser.includes(field) ? 'options_managed_refused_kept' : 'options_managed_refused';
  const refused = isRefused(field) ? [element('p', { className: 'refused', text: t(refusedKey) })] : [];
  const editor = EDITORS[field] ?? hostListEditor;
  return element('section', { attributes: { 'aria-labelledby': `${field}-title`, 'data-field': field } },
    title,
    ...(helpKey ? [element('p', { className: 'help', text: t(helpKey) })] : []),
    ...refused,
    ...editor(field, managed));
}

function render() {
  // Keep focus on the same control across a redraw (after "Add" or a checkbox), for keyboard users.
  const focused = document.activeElement?.id;
  document.getElementById('policy-note').hidden = Object.keys(state.managed).length === 0;
  document.getElementById('fields').replaceChildren(...state.fields.map(fieldSection));
  if (focused) document.getElementById(focused)?.focus();
}

function exportSettings() {
  const text = `${JSON.stringify(state.user, null, 2)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = element('a', { attributes: { href: url, download: 'joinguard-settings.json' } });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function importSettings(input) {
  const [file] = input.files;
  input.value = ''; // choosing the same file again must fire `change` again
  if (!file) return;
  try {
    // Refused from its size before it is read: a large file chosen by mistake is not read at all. UTF-8 takes at
    // most 4 bytes a character, so a file of more than 4 bytes a character allowed is surely too long; one under
    // it is measured as text, as the background measures it.
    refuseTooLong(file.size / 4, 'options_import_too_long');
    const text = await file.text();
    refuseTooLong(text.length, 'options_import_too_long');
    state = await ask({ type: 'settings-import', text });
    render();
    showStatus(t('options_imported', [file.name]));
  } catch (error) {
    showError(t('options_import_error', [file.name, error.message]));
  }
}

async function main() {
  localize();
  document.title = document.querySelector('h1').textContent;
  [state, { vendors }] = await Promise.all([ask({ type: 'settings-get' }), ask({ type: 'vendor-list' })]);
  vendors = [...vendors].sort((a, b) => a.name.localeCompare(b.name));
  render();
  if (state.problems.length > 0) showError(t('options_problems', [state.problems.join('\n')]));
  document.getElementById('export').addEventListener('click', exportSettings);
  document.getElementById('import').addEventListener('change', (event) => importSettings(event.target));
  document.body.dataset.ready = 'true';
}

main().catch((error) => showError(t('options_error', [String(error?.message ?? error)])));
