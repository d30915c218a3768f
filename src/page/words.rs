//! Word lists in English, French, German, Spanish and Italian for page texts (sign-in wording, privacy links,
//! recording indicators, consent notices), each searched in one pass by an Aho-Corasick automaton
//! (`crate::matcher`) built on first use. No regular expressions: the `regex` crate would add about 270 KB to
//! the wasm build. One substring search per word instead (`str::contains` sets up a searcher each call) cost
//! about 2 ms on a page with 200 links.

use std::sync::OnceLock;

use crate::matcher::Matcher;

/// Lower-cases, maps typographic apostrophes to `'`, collapses whitespace (no-break spaces included) to one
/// space, trims, and keeps at most `max_chars` characters.
pub fn normalise(text: &str, max_chars: usize) -> String {
    collapse(text, max_chars, true)
}

/// Like `normalise` but keeps the case: brand names are matched as the vendor writes them ("Zoom", not the
/// verb "zoom").
pub fn squash(text: &str, max_chars: usize) -> String {
    collapse(text, max_chars, false)
}

/// The runs of `text`'s characters for which `keep` holds, in order: `text.split(|c| !keep(c))` without its
/// empty pieces (`"● REC 00:12"` with `char::is_alphabetic` → `["REC"]`). One function for the page's splits
/// into words, called with a function pointer: as a `split`, `filter` and `collect` chain each, the three were
/// three copies of those adapters and of `Vec`'s collect in the wasm engine (docs/size.md, session 40).
pub fn runs(text: &str, keep: fn(char) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (keep(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                out.push(&text[from..at]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(&text[from..]);
    }
    out
}

fn collapse(text: &str, max_chars: usize, lower: bool) -> String {
    if text.is_ascii() {
        return collapse_ascii(text.as_bytes(), max_chars, lower);
    }
    let mut out = String::with_capacity(text.len().min(max_chars * 2));
    let mut pending_space = false;
    for c in text.chars().take(max_chars) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            // Most page text is ASCII: skip the Unicode case tables for it.
            _ if c.is_ascii() => out.push(if lower { c.to_ascii_lowercase() } else { c }),
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => out.push('\''),
            _ if lower => out.extend(c.to_lowercase()),
            _ => out.push(c),
        }
    }
    out
}

/// `collapse` for ASCII text (most labels and addresses), byte by byte: several times faster than going
/// through `char`s, and labels are the bulk of a page's analysis.
fn collapse_ascii(text: &[u8], max_chars: usize, lower: bool) -> String {
    let mut out = Vec::with_capacity(text.len().min(max_chars));
    let mut pending_space = false;
    for &b in text.iter().take(max_chars) {
        if b.is_ascii_whitespace() || b == 0x0b {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(if lower { b.to_ascii_lowercase() } else { b });
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// `text` cut to at most `max` bytes, on a character boundary, without copying.
pub fn cap(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `hay[start..end]` has no letter or digit right before or after it (`login` is a word in
/// `login-form` but not in `blogin`).
fn on_boundaries(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether `needle` occurs in `hay` as a whole word (one-off searches, such as a vendor's name).
pub fn has_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(start, _)| on_boundaries(hay, start, start + needle.len()))
}

/// A word list and its automaton, built on first use and shared by every page afterwards.
pub struct WordSet {
    words: &'static [&'static str],
    automaton: OnceLock<Matcher>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            automaton: OnceLock::new(),
        }
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    fn automaton(&self) -> &Matcher {
        // Every occurrence, overlapping ones included, so that a match failing the word-boundary test cannot
        // hide another one at the same place. Words are lower-case; matching ASCII in either case spares
        // lower-casing addresses before searching them.
        self.automaton
            .get_or_init(|| Matcher::ascii_case_insensitive(self.words))
    }

    /// The first word of the set (by where it ends) that `hay` holds as a whole word.
    pub fn find_word(&self, hay: &str) -> Option<&'static str> {
        let mut word = None;
        self.automaton()
            .find(hay.as_bytes(), 0, hay.len(), |id, start, end| {
                let whole = on_boundaries(hay, start, end);
                if whole {
                    word = Some(self.words[id]);
                }
                whole
            });
        word
    }

    pub fn has_word(&self, hay: &str) -> bool {
        self.find_word(hay).is_some()
    }

    /// Whether `hay` contains a word of the set anywhere, even inside a longer word (stems cover
    /// inflections: `consent` in `consenting`).
    pub fn has_stem(&self, hay: &str) -> bool {
        self.automaton().is_match(hay.as_bytes())
    }
}

/// Phrases that, with a provider's name in the same label, make it a sign-in button ("Sign in with Google",
/// "Mit Google anmelden"). German puts the verb last, so its entries are verbs alone; phrases that also open
/// social links ("connect with us on LinkedIn", "collegati con noi") are left out.
pub static SIGN_IN_WITH: WordSet = WordSet::new(&[
    // en
    "sign in with",
    "sign up with",
    "signin with",
    "log in with",
    "login with",
    "log on with",
    "continue with",
    "register with",
    "sign in using",
    "log in using",
    "sign in via",
    "log in via",
    "authenticate with",
    // fr
    "se connecter avec",
    "connectez-vous avec",
    "connexion avec",
    "continuer avec",
    "s'inscrire avec",
    "inscrivez-vous avec",
    "s'identifier avec",
    "identifiez-vous avec",
    "se connecter via",
    "connexion via",
    "poursuivre avec",
    // de
    "anmelden",
    "einloggen",
    "fortfahren",
    "registrieren",
    "weiter mit",
    "login mit",
    "anmeldung mit",
    "melde dich",
    "melden sie sich",
    // es
    "iniciar sesión con",
    "inicia sesión con",
    "iniciar sesion con",
    "continuar con",
    "continúa con",
    "registrarse con",
    "regístrate con",
    "acceder con",
    "accede con",
    "entrar con",
    "ingresar con",
    // it
    "accedi con",
    "continua con",
    "registrati con",
    "entra con",
    "accesso con",
    "login con",
    "iscriviti con",
]);

/// Sign-in wording of a login page (title, headings, submit buttons), for the phishing check.
pub static LOGIN_WORDS: WordSet = WordSet::new(&[
    // en
    "sign in",
    "signin",
    "sign-in",
    "log in",
    "login",
    "log-in",
    "log on",
    "logon",
    // fr
    "se connecter",
    "connectez-vous",
    "connexion",
    "identifiez-vous",
    "s'identifier",
    // de
    "anmelden",
    "anmeldung",
    "einloggen",
    // es
    "iniciar sesión",
    "inicia sesión",
    "iniciar sesion",
    "acceder",
    "ingresar",
    // it
    "accedi",
    "accesso",
]);

/// Submit texts of forms that are not a sign-in (sign-up, newsletter, comment, search, payment): a password
/// field in such a form is no login.
pub static NOT_LOGIN_SUBMIT: WordSet = WordSet::new(&[
    // en
    "sign up",
    "signup",
    "register",
    "create account",
    "create an account",
    "subscribe",
    "newsletter",
    "comment",
    "search",
    "send",
    "post",
    "buy",
    "pay",
    "checkout",
    // fr
    "s'inscrire",
    "inscription",
    "créer un compte",
    "s'abonner",
    "envoyer",
    "rechercher",
    // de
    "registrieren",
    "konto erstellen",
    "abonnieren",
    "senden",
    "suchen",
    // es
    "registrarse",
    "regístrate",
    "crear cuenta",
    "suscribirse",
    "suscríbete",
    "enviar",
    "buscar",
    // it
    "registrati",
    "iscriviti",
    "crea account",
    "invia",
    "cerca",
]);

/// Link texts and aria-labels that name a privacy policy.
pub static PRIVACY_TEXT: WordSet = WordSet::new(&[
    "privacy",
    "datenschutz",
    "dsgvo",
    "confidentialité",
    "vie privée",
    "données personnelles",
    "protection des données",
    "rgpd",
    "privacidad",
    "protección de datos",
    "riservatezza",
    "gdpr",
]);

/// Pieces of a privacy policy's address (lower-cased href).
pub static PRIVACY_HREF: WordSet = WordSet::new(&[
    "privacy",
    "datenschutz",
    "dsgvo",
    "confidentialite",
    "vie-privee",
    "donnees-personnelles",
    "rgpd",
    "privacidad",
    "gdpr",
]);

/// Phrases of a recording in progress, anywhere in a notice. Future forms ("will be recorded") are not
/// indicators: nothing is being recorded yet.
pub static RECORDING_PHRASES: WordSet = WordSet::new(&[
    // en
    "being recorded",
    "is recording",
    "recording in progress",
    "recording started",
    "recording has started",
    "recording is on",
    "now recording",
    // fr
    "enregistrement en cours",
    "est enregistrée",
    "est enregistré",
    "est en cours d'enregistrement",
    "enregistrement démarré",
    "l'enregistrement a commencé",
    // de
    "wird aufgezeichnet",
    "aufzeichnung läuft",
    "aufzeichnung gestartet",
    "aufzeichnung wurde gestartet",
    "aufzeichnung aktiv",
    // es
    "se está grabando",
    "grabación en curso",
    "grabación iniciada",
    "grabando",
    // it
    "registrazione in corso",
    "viene registrata",
    "viene registrato",
    "registrazione avviata",
]);

/// Whole notices (symbols and dots trimmed) that are recording indicators: the label next to a red dot.
pub static RECORDING_LABELS: WordSet = WordSet::new(&[
    "rec",
    "recording",
    "aufzeichnung",
    "enregistrement",
    "grabación",
    "grabando",
    "registrazione",
]);

/// Words that turn a recording word into its opposite ("Recording stopped", "Aufzeichnung beendet").
pub static RECORDING_NEGATIONS: WordSet = WordSet::new(&[
    "stopped",
    "paused",
    "ended",
    "not being recorded",
    "not recording",
    "not recorded",
    "no recording",
    "angehalten",
    "beendet",
    "gestoppt",
    "pausiert",
    "arrêté",
    "en pause",
    "terminé",
    "detenida",
    "pausada",
    "interrotta",
    "in pausa",
]);

/// A chat's status line about a voice or video message being made ("Alice is recording a voice message": Telegram's
/// sendMessageRecordAudioAction, core.telegram.org; "… is recording audio…" on WhatsApp Web): the sender records a
/// message to send, not the session, so a notice holding one is no recording indicator (review of session 48,
/// finding 4: Telegram Web and WhatsApp Web warned on it).
pub static CHAT_RECORDING_ACTIONS: WordSet = WordSet::new(&[
    "recording a voice",
    "recording voice",
    "recording a video message",
    "recording a video",
    "recording video message",
    "recording a round video",
    "recording audio",
    "recording an audio",
    "grabando audio",
    "grabando un audio",
    "grabando un video",
    "grabando un vídeo",
    "mensaje de voz",
    "nota de voz",
]);

/// Stems of a consent notice on their own ("you are consenting to be recorded", "Einwilligung").
pub static CONSENT_STEMS: WordSet = WordSet::new(&[
    "consent",
    "consens",
    "einwillig",
    "zustimm",
    "einverstanden",
]);

/// Weaker consent words: they count only next to a recording word in the same notice ("you agree to be
/// recorded"), since alone they are cookie banners ("Accept cookies").
pub static AGREE_STEMS: WordSet = WordSet::new(&["agree", "accept", "acept", "accett"]);

/// Recording stems, to pair with `AGREE_STEMS`.
pub static RECORD_STEMS: WordSet = WordSet::new(&[
    "record",
    "enregistr",
    "aufzeichn",
    "aufgezeichnet",
    "grabaci",
    "grabando",
    "grabad",
    "registra",
]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{NOTICE_EXACT, NOTICE_STEMS};

    #[test]
    fn normalise_collapses_and_lowercases() {
        assert_eq!(
            normalise("  Se\u{a0}connecter   avec\nGoogle ", 100),
            "se connecter avec google"
        );
        assert_eq!(normalise("S\u{2019}inscrire", 100), "s'inscrire");
        assert_eq!(normalise("ABCDEF", 3), "abc");
        // The ASCII path and the general one agree, on every kind of ASCII whitespace too.
        let ascii = " Sign\tIn\u{b}with\r\n\x0cGOOGLE  ";
        assert_eq!(normalise(ascii, 100), "sign in with google");
        assert_eq!(
            normalise(&format!("{ascii}\u{e9}"), 100),
            "sign in with google \u{e9}"
        );
        assert_eq!(squash(ascii, 100), "Sign In with GOOGLE");
    }

    #[test]
    fn words_need_boundaries() {
        assert!(has_word("login-form", "login"));
        assert!(!has_word("blogin", "login"));
        assert!(has_word("sign in with x", "x"));
        assert!(!has_word("xbox live", "x"));
        assert!(has_word("mit google-konto anmelden", "google"));
    }

    #[test]
    fn content_script_stems_cover_what_the_engine_reads() {
        // The content script only sends texts containing a NOTICE_STEMS entry: every phrase the engine looks
        // for in notices must contain one, or the engine would never see it.
        let covered =
            |w: &str| NOTICE_STEMS.iter().any(|s| w.contains(s)) || NOTICE_EXACT.contains(&w);
        for word in [
            &RECORDING_PHRASES,
            &RECORDING_LABELS,
            &CONSENT_STEMS,
            &AGREE_STEMS,
            &RECORD_STEMS,
        ]
        .iter()
        .flat_map(|set| set.words())
        {
            assert!(covered(word), "`{word}` is not covered by NOTICE_STEMS");
        }
    }

    #[test]
    fn lists_are_normalised() {
        // Needles are compared with normalised text: an upper-case letter or a double space would never match.
        for set in [
            &SIGN_IN_WITH,
            &LOGIN_WORDS,
            &NOT_LOGIN_SUBMIT,
            &PRIVACY_TEXT,
            &PRIVACY_HREF,
            &RECORDING_PHRASES,
            &RECORDING_LABELS,
            &RECORDING_NEGATIONS,
            &CHAT_RECORDING_ACTIONS,
            &CONSENT_STEMS,
            &AGREE_STEMS,
            &RECORD_STEMS,
        ] {
            for word in set.words() {
                assert_eq!(normalise(word, 200), *word);
            }
        }
    }

    #[test]
    fn sets_find_whole_words_and_stems() {
        assert_eq!(
            LOGIN_WORDS.find_word("please log in to continue"),
            Some("log in")
        );
        assert_eq!(LOGIN_WORDS.find_word("blogin catalogue"), None);
        // A failed boundary at one place does not hide a good match later.
        assert_eq!(LOGIN_WORDS.find_word("blogin, then login"), Some("login"));
        assert!(CONSENT_STEMS.has_stem("you are consenting to be recorded"));
        assert!(!CONSENT_STEMS.has_word("you are consenting to be recorded"));
    }
}
