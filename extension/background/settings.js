// The settings the engine runs with: the user's own (storage.local, written by the options page) overlaid by
// the organisation's (storage.managed, from browser policy). A field the organisation sets replaces the user's
// field as a whole and is locked on the options page. Everything is checked by the engine before use: Firefox
// enforces no schema on managed storage, and an old or hand-edited local value must not stop the engine.
//
// Fields are whatever the engine's `Settings` has (`defaultSettings()`), so a new field needs no change here.

/** storage.local key of the user's settings. */
export const USER_KEY = 'settings';

/**
 * The fields whose user's value can only add warnings to what the default shows: an approved list only marks
 * other vendors "not approved", a blocked list only marks its vendors blocked (the engine's `policy_draft`,
 * src/assess.rs; the default of both is no list). A refused policy field of these keeps the user's value; any
 * other field, a new one too, takes the default, since the user's value could hide a warning (a finding turned
 * off, a self-hosted or sign-in host that quiets a lookalike or an imitated sign-in, public sites in place of the
 * built-in list). tests/js/settings.test.mjs checks the engine's answers bear this out.
 */
const ONLY_ADDS_WARNINGS = ['approved_vendors', 'blocked_vendors'];

/**
 * Overlays the organisation's fields on the user's, keeping only values the engine accepts, field by field
 * (a field that fails is dropped with its problem named, the others still apply). A field the organisation set
 * that is refused as a whole (a value of the wrong type, a list of nothing but mistakes) stays the
 * organisation's: it is listed in `refused`, the options page keeps it locked and says so, the popup says so.
 * Meanwhile the user's own value applies where it can only add warnings (`ONLY_ADDS_WARNINGS`, listed in
 * `refusedKeepsUser`: the organisation's typo must not wipe a person's blocked list), the default where it could
 * hide one (until session 43 the user's value stood in for every field, silently for everyone but a reader of the
 * options page's error line: docs/browsers.md "A refused policy field").
 * @param {{defaults: object, user: object, managed: object, check: (settings: object) => void}} parts
 *   `check` throws with the engine's message when the settings it gets are invalid.
 * @returns {{effective: object, user: object, managed: object, refused: string[], refusedKeepsUser: string[],
 *   problems: string[]}} `user` and `managed` hold only their valid fields; `refused`, the organisation's fields
 *   refused as a whole; `refusedKeepsUser`, those of them where the user's value applies; `effective` has every
 *   field, a deeply frozen copy (`freezeSettings`).
 */
export function mergeSettings({ defaults, user, managed, check }) {
  const problems = [];
  const validFields = (source, origin, refused = []) => {
    const valid = {};
    if (!isPlainObject(source)) {
      if (source !== undefined && source !== null) problems.push(`${origin}: expected an object of settings`);
      return valid;
    }
    for (const [field, value] of Object.entries(source)) {
      try {
        check({ [field]: value });
        valid[field] = value;
      } catch (error) {
        const salvaged = Array.isArray(value) ? goodEntries(field, value, check) : null;
        if (salvaged) {
          valid[field] = salvaged.kept;
          for (const problem of salvaged.problems) problems.push(`${origin}: ${problem}`);
        } else {
          problems.push(`${origin}: ${fieldProblem(field, error)}`);
          if (Object.hasOwn(defaults, field)) refused.push(field);
        }
      }
    }
    return valid;
  };
  const validUser = validFields(user, 'your settings');
  const refused = [];
  const validManaged = validFields(managed, 'organisation policy', refused);
  const refusedKeepsUser = refused.filter((field) => ONLY_ADDS_WARNINGS.includes(field));
  const refusedDefaults = Object.fromEntries(refused.filter((field) => !refusedKeepsUser.includes(field)).map((field) => [field, defaults[field]]));
  return {
    // Frozen: the batch calls then pass the engine its JSON text, made once (batch.js `settingsKey`).
    effective: freezeSettings({ ...defaults, ...validUser, ...refusedDefaults, ...validManaged }),
    user: validUser,
    managed: validManaged,
    refused,
    refusedKeepsUser,
    problems,
  };
}

/**
 * A deeply frozen copy of settings (`mergeSettings` hands the engine only such copies): its JSON
 * text cannot change, so the batch calls pass the engine that text, kept by batch.js (`settingsKey`), instead of the
 * object, which the engine turned into JSON text at every call to find its cached engine (JSON.stringify of even
 * the default settings, about 9,000 instructions in Node 20, plus the engine's checks of the object through
 * wasm-bindgen's glue: about 24 instructions a URL of a batch of 500, callgrind, session 39).
 * @template T
 * @param {T} settings plain data (objects, arrays, strings, numbers, booleans, null)
 * @returns {T}
 */
export function freezeSettings(settings) {
  const freeze = (value) => {
    if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) freeze(value[key]);
      Object.freeze(value);
    }
    return value;
  };
  return freeze(structuredClone(settings));
}

/**
 * Whether a verdict reached without the organisation's policy (`effectiveNow`, on a new profile) must wait for
 * it before the tab is sent to the warning page: only where a field that the policy alone may have set could
 * clear the verdict. An imitated sign-in (`phishing-login`, no lookalike) may be on one of the organisation's
 * `sign_in_hosts`; a lookalike of a vendor that organisations run on their own servers may be the
 * organisation's own server, listed in `self_hosted` (the engine quiets a lookalike of the entry's own vendor
 * only when that vendor is self-hostable, `Classifier::classify_full`). Any other lookalike is shown at once.
 * @param {{findings: {id: string}[], lookalike_of: string|null}} assessment the engine's early assessment
 * @param {(vendorId: string) => boolean} isSelfHostable whether the engine's database says `self_hostable = yes`
 */
export function verdictAwaitsPolicy(assessment, isSelfHostable) {
  if (assessment.lookalike_of) return isSelfHostable(assessment.lookalike_of);
  return assessment.findings.some((finding) => finding.id === 'phishing-login');
}

/** How long the first answers wait for the organisation's policy before going on without it. */
const MANAGED_WAIT_MS = 1500;

/**
 * The settings of this browser, loaded once and reloaded when either storage area changes.
 * @param {object} storage the WebExtension `storage` namespace
 * @param {Promise<object>} engine resolves to the wasm engine once loaded (validateSettings, defaultSettings,
 *   parseSettings)
 */
export function createSettings(storage, engine) {
  let loaded = null;

  // Chromium's first storage.managed read in a new profile has taken 3–6 s here (once over 30 s): the first
  // answers must not wait for it, or no page gets a warning meanwhile. Until it arrives the user's settings
  // apply; when it does, the settings are loaded again with it.
  let managedRead = null;
  function managedSettings() {
    if (!managedRead) {
      managedRead = { value: null };
      const read = managedRead;
      read.promise = readManaged(storage).then((value) => {
        read.value = value;
        loaded = null;
        return value;
      });
    }
    if (managedRead.value) return Promise.resolve(managedRead.value);
    const late = new Promise((resolve) => setTimeout(resolve, MANAGED_WAIT_MS, {}));
    return Promise.race([managedRead.promise, late]);
  }

  // The user's settings as stored: read once, and again after they change. The first read starts with the
  // background (createSettings runs as its module is evaluated), beside the wasm's fetch and compile: a stopped
  // worker's first verdict waited for it after the wasm was in (4–10 ms in Chromium, session 35's
  // tools/profile-warning-time.mjs), and a new profile's early verdicts (effectiveNow) read it once, not each.
  let userRead = null;
  function userSettings() {
    if (!userRead) {
      const read = storage.local.get(USER_KEY);
      userRead = read;
      read.catch(() => {
        if (userRead === read) userRead = null; // read again next time rather than keep a failure
      });
    }
    return userRead;
  }
  userSettings();

  async function load() {
    const [ready, local, managed] = await Promise.all([engine, userSettings(), managedSettings()]);
    const defaults = ready.defaultSettings();
    const merged = mergeSettings({ defaults, user: local[USER_KEY], managed, check: ready.validateSettings });
    for (const problem of merged.problems) console.warn(`joinguard: ignored ${problem}`);
    return { ...merged, fields: Object.keys(defaults) };
  }

  /** The whole state (effective, user, managed, problems, fields), for the options page. */
  function state() {
    loaded ??= load().catch((error) => {
      loaded = null; // try again next time rather than keep a failure
      throw error;
    });
    return loaded;
  }

  storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') managedRead = null;
    if (area === 'local' && USER_KEY in changes) userRead = null;
    if (area === 'managed' || (area === 'local' && USER_KEY in changes)) loaded = null;
  });

  async function saveUser(settings) {
    (await engine).validateSettings(settings);
    await storage.local.set({ [USER_KEY]: settings });
    userRead = null;
    loaded = null;
    return state();
  }

  /**
   * The settings now, without waiting for the organisation's policy when it has not been read yet (a new
   * profile: see managedSettings): the user's, checked. For the first verdict on a page, so that the first page
   * of a new profile is not left on screen meanwhile; where a field only the policy may set could clear that
   * verdict (`verdictAwaitsPolicy`), the caller waits for `effective` before acting on it.
   */
  async function effectiveNow() {
    if (managedRead?.value) return (await state()).effective;
    const [ready, local] = await Promise.all([engine, userSettings()]);
    const merged = mergeSettings({ defaults: ready.defaultSettings(), user: local[USER_KEY], managed: {}, check: ready.validateSettings });
    return merged.effective;
  }

  return {
    state,
    /** The settings to give the engine. */
    effective: async () => (await state()).effective,
    effectiveNow,
    /** Replaces the user's settings once the engine accepts them; throws with the engine's message otherwise. */
    saveUser,
    /** Replaces the user's settings with an imported file's, checked as text so that errors give its lines. */
    importUser: async (text) => {
      const ready = await engine;
      let settings;
      try {
        settings = ready.parseSettings(text);
      } catch (error) {
        throw importProblem(error, text, ready);
      }
      // serde reads a struct from a JSON array too (by position): `[]` would pass as "all defaults".
      if (!isPlainObject(JSON.parse(text))) throw new Error('settings: expected a JSON object such as {"blocked_vendors": ["zoom"]}');
      return saveUser(settings);
    },
  };
}

/** The organisation's settings, or {} when there is no policy (Firefox then rejects the read). */
async function readManaged(storage) {
  try {
    return (await storage.managed?.get(null)) ?? {};
  } catch {
    return {};
  }
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The engine's parse errors: a place in the JSON text it read, then serde's message, then the fields it knows.
const AT_PLACE = /^settings, line \d+ column \d+: /;
const FIELDS_LIST = / \(fields: [^)]*\)$/;

/**
 * The engine's complaint about one field of stored or managed settings, for the options page: the field named
 * once. The engine checks `{field: value}` as JSON text it makes itself, so a place in that text points at
 * nothing the person or the administrator wrote, and serde's "invalid type" names no field (until session 42
 * the page showed `organisation policy: settings: settings, line 1 column 25: invalid type: string "zoom",
 * expected a sequence (fields: …)`).
 */
/**
 * The entries of a list field the engine accepts one by one, and the others' problems at their own index, when
 * the list is refused for some of its entries (a typo, an id an older version offered): the rest of the field
 * still applies, so one bad entry neither unlocks an organisation's field nor drops all of a person's choices
 * (session 42's review: a policy hiding `vendor-risk` that also listed `lookalike-domain`, accepted before and
 * refused since, let the user's own list apply). Null when no entry is refused alone, when none is accepted (a
 * list that is all mistakes is a broken field: `mergeSettings` refuses it, and an organisation's stays locked at
 * the default), or when the entries kept are refused together: the field's own problem stands then.
 */
function goodEntries(field, list, check) {
  const kept = [];
  const problems = [];
  const first = `${field}[0]`;
  list.forEach((entry, index) => {
    try {
      check({ [field]: [entry] });
      kept.push(entry);
    } catch (error) {
      const problem = fieldProblem(field, error);
      problems.push(problem.startsWith(first) ? `${field}[${index}]${problem.slice(first.length)}` : problem);
    }
  });
  if (problems.length === 0 || kept.length === 0) return null;
  try {
    check({ [field]: kept });
  } catch {
    return null;
  }
  return { kept, problems };
}

function fieldProblem(field, error) {
  const message = messageOf(error).replace(/^settings: /, '').replace(AT_PLACE, '').replace(FIELDS_LIST, '');
  return [':', '[', '.'].some((next) => message.startsWith(field + next)) ? message : `${field}: ${message}`;
}

/**
 * An imported file's parse error with the field named after its place in the file, where serde's message names
 * none (a value of the wrong type, a missing key of a self_hosted entry): the first of the file's fields, in
 * its order, that fails the engine's parse on its own. Another error (not JSON, an unknown field, an unknown
 * vendor id) is returned as it is: it says where, or names what, already.
 */
function importProblem(error, text, ready) {
  const message = messageOf(error);
  const place = AT_PLACE.exec(message)?.[0];
  let parsed = null;
  try {
    parsed = place ? JSON.parse(text) : null;
  } catch {
    return error;
  }
  if (!isPlainObject(parsed)) return error;
  const known = Object.keys(ready.defaultSettings());
  for (const [field, value] of Object.entries(parsed)) {
    let own = null;
    try {
      ready.validateSettings({ [field]: value });
    } catch (fieldError) {
      own = messageOf(fieldError).replace(/^settings: /, '');
    }
    // Refused by the parse (not by the vendor or host checks, which run after it and name their field).
    if (!own || !AT_PLACE.test(own)) continue;
    return known.includes(field) ? new Error(`${place}${field}: ${message.slice(place.length)}`) : error;
  }
  return error;
}

function messageOf(error) {
  return String(error?.message ?? error);
}
