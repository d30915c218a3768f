//! The wasm facade: converts between JavaScript values and the core's types, and holds no logic of its own.
//! The bundled database is decoded once per instance; engines are cached per settings value.

use std::cell::RefCell;
use std::sync::OnceLock;

use joinguard::page::PageSignals;
use joinguard::policy::ALWAYS_SHOWN;
use joinguard::{Database, Engine, Policy, Settings, DATA_VERSION};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn database() -> &'static Database {
    static DB: OnceLock<Database> = OnceLock::new();
    DB.get_or_init(Database::bundled)
}

thread_local! {
    /// The engine for the last settings seen (as their JSON), so a burst of calls resolves the policy once.
    static ENGINE: RefCell<Option<(String, Engine<'static>)>> = const { RefCell::new(None) };
}

/// A result as a JavaScript value: JSON text made here, parsed by the engine's `JSON.parse`. One string crosses
/// the boundary instead of a call per property (serde-wasm-bindgen), and the package carries one generic
/// serializer instead of a converter per exported type (about 50 KB of wasm; `make size-report`).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("joinguard: cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("joinguard: cannot convert the result"))
}

/// A JS value as JSON text, for the core's own `from_json` parsers.
///
/// Through JSON text, not serde-wasm-bindgen: that reads only a struct's known properties, so a misspelt field
/// would be dropped in silence instead of refused, and it takes a `Map` for an object; one string crossing
/// costs no more than a crossing per property.
fn json_text(value: &JsValue, what: &str) -> Result<String, JsError> {
    let is_plain_object = value.is_object() && !js_sys::Array::is_array(value) && {
        // A plain object's prototype is `Object.prototype` (whose own prototype is null) or null; a Map, Date
        // or class instance sits one level further down.
        let prototype = js_sys::Object::get_prototype_of(value);
        prototype.is_null() || js_sys::Object::get_prototype_of(&prototype).is_null()
    };
    if !is_plain_object {
        return Err(JsError::new(&format!("{what}: expected a plain object")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new(&format!("{what}: not a JSON-compatible object")))
}

/// Settings from a plain object, or the defaults for undefined/null.
fn settings_from_js(settings: &JsValue) -> Result<Settings, JsError> {
    if settings.is_undefined() || settings.is_null() {
        return Ok(Settings::default());
    }
    Settings::from_json(&json_text(settings, "settings")?)
        .map_err(|e| JsError::new(&format!("settings: {e}")))
}

fn resolve(settings: &Settings) -> Result<Policy, JsError> {
    settings
        .resolve(database())
        .map_err(|errors| JsError::new(&format!("settings: {}", errors.join("; "))))
}

/// Runs `f` with the engine for `settings` (a plain object, or undefined/null for defaults).
fn with_engine<R>(settings: JsValue, f: impl FnOnce(&Engine<'static>) -> R) -> Result<R, JsError> {
    let parsed = settings_from_js(&settings)?;
    let key = format!("{parsed:?}");
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(k, _)| *k != key) {
            let policy = resolve(&parsed)?;
            *slot = Some((key, Engine::new(database(), policy)));
        }
        let (_, engine) = slot.as_ref().expect("engine set above");
        Ok(f(engine))
    })
}

/// The assessment of one URL (see `joinguard::Assessment`); throws on a URL that cannot be checked.
#[wasm_bindgen(js_name = assessUrl)]
pub fn assess_url(url: &str, settings: JsValue) -> Result<JsValue, JsError> {
    let assessment = with_engine(settings, |engine| engine.assess_url(url))?;
    to_js(&assessment.map_err(|e| JsError::new(&format!("{url}: {e}")))?)
}

/// Assessments of many URLs in one call (one boundary crossing); an unusable URL gives `null` in its place.
#[wasm_bindgen(js_name = assessUrls)]
pub fn assess_urls(urls: Vec<String>, settings: JsValue) -> Result<JsValue, JsError> {
    let results = with_engine(settings, |engine| {
        urls.iter()
            .map(|url| engine.assess_url(url).ok())
            .collect::<Vec<_>>()
    })?;
    to_js(&results)
}

/// The assessment of a page from the signals its content script gathered (see `joinguard::page::PageSignals`
/// for the shape): the URL's assessment plus the page's findings. Throws on signals of the wrong shape.
#[wasm_bindgen(js_name = assessPage)]
pub fn assess_page(signals: JsValue, settings: JsValue) -> Result<JsValue, JsError> {
    let signals = PageSignals::from_json(&json_text(&signals, "page signals")?)
        .map_err(|e| JsError::new(&e))?;
    let assessment = with_engine(settings, |engine| engine.assess_page(&signals))?;
    to_js(&assessment)
}

/// A vendor's facts and its grade explained point by point, for the popup's vendor card.
#[wasm_bindgen(js_name = vendorCard)]
pub fn vendor_card(id: &str) -> Result<JsValue, JsError> {
    let db = database();
    let index = db
        .get(id)
        .ok_or_else(|| JsError::new(&format!("unknown vendor id `{id}`")))?;
    let entry = db.entry(index);
    #[derive(Serialize)]
    struct Card<'a> {
        vendor: &'a joinguard::rules::Vendor,
        grade: &'a joinguard::grade::GradeReport,
    }
    to_js(&Card {
        vendor: &entry.vendor,
        grade: &entry.grade,
    })
}

/// Every vendor as `{id, name}`, in database order, for the options page's vendor pickers.
/// The ordinary-word brand names (`teams`, `meet`, …) the engine weighs with lure words: the build gives them to
/// the extension's document_start prefilter, so that both read the same data.
#[wasm_bindgen(js_name = ordinaryBrandNames)]
pub fn ordinary_brand_names() -> Vec<String> {
    joinguard::classify::Classifier::new(database())
        .lookalikes
        .ordinary_brand_names()
}

#[wasm_bindgen(js_name = vendorList)]
pub fn vendor_list() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Item<'a> {
        id: &'a str,
        name: &'a str,
    }
    let db = database();
    let items: Vec<Item> = (0..db.len())
        .map(|index| {
            let vendor = &db.entry(index).vendor;
            Item {
                id: &vendor.id,
                name: &vendor.name,
            }
        })
        .collect();
    to_js(&items)
}

/// The finding ids that no setting can hide (`disabled_findings` ignores them), for the options page.
#[wasm_bindgen(js_name = alwaysShownFindings)]
pub fn always_shown_findings() -> Vec<String> {
    ALWAYS_SHOWN.iter().map(|id| id.to_string()).collect()
}

/// Validates settings (options page, import, managed storage); throws with every problem named.
#[wasm_bindgen(js_name = validateSettings)]
pub fn validate_settings(settings: JsValue) -> Result<(), JsError> {
    // Resolving is the whole check; building an engine (the classifier's indexes) would cost far more and
    // replace the cached engine of the settings in use.
    resolve(&settings_from_js(&settings)?).map(|_| ())
}

/// Settings JSON text (an imported file) checked like `validateSettings`, with errors naming the field and
/// the line and column in that text; returns the settings as a plain object with every field present.
#[wasm_bindgen(js_name = parseSettings)]
pub fn parse_settings(text: &str) -> Result<JsValue, JsError> {
    let settings = Settings::from_json(text).map_err(|e| JsError::new(&e))?;
    resolve(&settings)?;
    to_js(&settings)
}

/// The default settings, every field present: tells the options page which fields exist.
#[wasm_bindgen(js_name = defaultSettings)]
pub fn default_settings() -> Result<JsValue, JsError> {
    to_js(&Settings::default())
}

/// The bundled database's version: vendor count and content hash.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> String {
    DATA_VERSION.to_string()
}

/// The links among `urls` worth a badge in a page (meeting links and lookalikes), as `[{index, assessment}]`
/// in input order; the rest are screened out without a full parse and cost nothing to return.
#[wasm_bindgen(js_name = screenLinks)]
pub fn screen_links(urls: Vec<String>, settings: JsValue) -> Result<JsValue, JsError> {
    to_js(&with_engine(settings, |engine| engine.screen_links(&urls))?)
}

/// `screenLinks` for the URLs joined by newlines (`urls.join('\n')`): one string crosses into wasm instead of
/// one per URL. `make bench` measured it level with `screenLinks` (the engine's full path on the few links
/// that pass the screen dominates, not the crossing). Serialised URLs (an element's `href`) hold no newline; a
/// caller with one uses `screenLinks`. Indexes count the lines.
#[wasm_bindgen(js_name = screenLinksJoined)]
pub fn screen_links_joined(urls: &str, settings: JsValue) -> Result<JsValue, JsError> {
    let urls: Vec<&str> = urls.split('\n').collect();
    to_js(&with_engine(settings, |engine| engine.screen_links(&urls))?)
}

/// Exposed meeting credentials in each of `texts`, as `[{index, vendor, meeting_id, url, message,
/// redaction: {found, replacement} | null}]` (see `joinguard::text::Exposure`).
#[wasm_bindgen(js_name = exposedCredentials)]
pub fn exposed_credentials(texts: Vec<String>, settings: JsValue) -> Result<JsValue, JsError> {
    to_js(&with_engine(settings, |engine| {
        joinguard::text::exposed_credentials(engine, &texts)
    })?)
}

/// Whether posts on `host` are public under the settings' `public_sites` (or the default list).
#[wasm_bindgen(js_name = isPublicSite)]
pub fn is_public_site(host: &str, settings: JsValue) -> Result<bool, JsError> {
    with_engine(settings, |engine| engine.policy.is_public_site(host))
}
