//! A maker's account sign-in copied on someone else's host: the Microsoft account page that Teams lures lead to.
//!
//! Kits seldom copy a conferencing vendor's own sign-in: a "join the Teams meeting" lure lands on a copy of the
//! Microsoft account sign-in, which names neither Teams nor Skype where the page layer looks for a vendor's name
//! (tests/data/real/phishing-pages/: "Sign in to your account", "Microsoft account" in a span, "Skype" only in the
//! e-mail field's placeholder). So that page is recognised by what it is made of, never by the word "Microsoft"
//! alone: a third-party sign-in offering "Sign in with Microsoft", a page about Microsoft Teams or a blog post
//! about Microsoft's sign-in name Microsoft too. The hosts where the account really signs people in come from the
//! vendor database (`[domains.account]` of rules/vendors/teams.toml).

use url::Url;

use crate::page::idp::parse_src;
use crate::page::words::{cap, has_word, normalise, squash, WordSet, SIGN_IN_WITH};
use crate::page::{
    Field, PageSignals, MAX_BUTTONS, MAX_COPYRIGHTS, MAX_FIELDS, MAX_FIELD_NAME, MAX_HEADINGS,
    MAX_LINKS, MAX_SCRIPTS, MAX_SRC, MAX_TEXT,
};
use crate::rules::shape::is_within;
use crate::rules::{Account, Vendor};

/// What a maker's account sign-in page is made of, beyond its name.
pub struct AccountPage {
    /// The maker as the database's `[domains.account] owner` writes it.
    pub owner: &'static str,
    /// The page's own wording, lower-case: phrases that other sign-in pages do not use (English and German as
    /// the captures show them; other languages as the maker's own localized pages quote them).
    pub distinctive: WordSet,
    /// Its wording that other sign-in pages use too ("Forgot my password"): at most `MAX_COMMON` of them count.
    pub common: WordSet,
    /// Names of its form's fields that no other sign-in form uses (compared without case).
    pub field_names: &'static [&'static str],
    /// Names the account's field hint gives beside an e-mail address ("Email, phone, or Skype"): in a field's
    /// placeholder they name the maker's account as much as its own name does (as written, whole words).
    pub hint_names: &'static [&'static str],
    /// A host label and a path part of the scripts of the maker's own sign-in page: a copy saved from it loads
    /// them still.
    pub script: (&'static str, &'static str),
}

/// The pages known. Read off the Microsoft-account captures of the tune split (tests/data/real/phishing-pages/:
/// the 2020-05 Office kit, the 2022-12 Hotmail kit, kit 1184577 and the German kit), the lead's list of
/// Microsoft's sign-in phrases (session 26), no held-out capture, and (session 28) Microsoft's own localized
/// documentation of the sign-in page, cited beside each phrase.
pub static PAGES: [AccountPage; 1] = [AccountPage {
    owner: "Microsoft",
    distinctive: WordSet::new(&[
        // en
        "can't access your account?",
        "no account? create one!",
        "sign-in options",
        "sign in with a single-use code",
        "sign in to your microsoft account",
        // de
        "dann erstellen sie jetzt eins!",
        // "Can't access your account?" as Microsoft's localized help quotes the link of the work-or-school
        // sign-in page it pictures (intune-user-help/sign-in-to-the-company-portal.md, "Sign in from another
        // device", the alt text of cp_ios_aad_signin_after_1804_005.png; translation type MTE75 or MT, that is
        // machine translation that Microsoft publishes, so a phrase may differ from the page's own string, which
        // then only misses). Question marks left off: French sets a space before its own.
        // fr: Microsoft/IntuneDocs.fr-fr at 464fe55 (ms.date 2019-09-18, lasthandoff 2019-12-05)
        "vous n'arrivez pas à accéder à votre compte",
        // de: Microsoft/IntuneDocs.de-de at 10264af (ms.date 2019-09-18)
        "kein zugriff auf ihr konto",
        // es: MicrosoftDocs/IntuneDocs.es-es at caa1669 (ms.date 2019-09-18, lasthandoff 2019-10-16)
        "no se puede acceder a su cuenta",
        // it: Microsoft/IntuneDocs.it-it at 0021a64 (ms.date 2019-09-18)
        "problemi di accesso all'account",
        // nl: Microsoft/IntuneDocs.nl-nl at 0ca7567 (ms.date 2019-04-19, lasthandoff 2019-07-02)
        "hebt u geen toegang tot uw account",
        // pt-PT: Microsoft/IntuneDocs.pt-pt at ced86fc (ms.date 2018-04-02, lasthandoff 2019-02-07)
        "não consegue aceder à conta",
    ]),
    common: WordSet::new(&[
        // en
        "sign in to your account",
        "forgot my password",
        "forgotten my password",
        "enter password",
        "keep me signed in",
        "sign in with another account",
        "create one!",
        // de
        "ich habe mein kennwort vergessen",
        "angemeldet bleiben",
        // The sign-in form's footer links, as Microsoft Graph names them (loginPageTextVisibilitySettings,
        // hideTermsOfUse and hidePrivacyAndCookies: "the 'Privacy & Cookies' hyperlink in the footer",
        // learn.microsoft.com/graph/api/resources/loginpagetextvisibilitysettings, beta, read 2026-12-05).
        "privacy & cookies",
    ]),
    // `loginfmt` holds the account name, `KMSI` is "keep me signed in" (kit 1184577, Hotmail kit).
    field_names: &["loginfmt", KEEP_SIGNED_IN],
    // "E-Mail, Telefon oder Skype" (the German kit); "Email, phone, or Skype" in English (the timesheet page,
    // which copies Microsoft's).
    hint_names: &["Skype"],
    // The sign-in service's code (ESTS) from its CDN hosts, `aadcdn.*` (kit 1184577).
    script: ("aadcdn", "/ests/"),
}];

/// The keep-me-signed-in field's name: Microsoft's sign-in and every AD FS sign-in have it.
const KEEP_SIGNED_IN: &str = "kmsi";

/// Common phrases that count at most: two generic phrases and a name make a page, not one.
const MAX_COMMON: usize = 2;

/// Markers needed in all (one per text), with at least one naming the maker or built like its form, and one
/// a person can see on the page.
const NEEDED: usize = 3;

/// Texts quoted in the warning.
const QUOTED: usize = 3;
/// Longest quote, in characters.
const MAX_QUOTE: usize = 80;

/// Why a page was taken for a copy of the account's sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Texts of the page that show it, as the page writes them, strongest first (at most `QUOTED`).
    pub seen: Vec<String>,
}

/// Whether the signals show a copy of `account`'s sign-in page (with a sign-in form, checked by the caller)
/// on a host that is not one of its hosts, and why.
pub fn copied(account: &Account, signals: &PageSignals, url: Option<&Url>) -> Option<Copied> {
    let page = PAGES.iter().find(|p| p.owner == account.owner)?;
    let mut specific = 0;
    let mut visible = 0;
    let mut common = 0;
    let mut distinctive = 0;
    let mut seen = Vec::new();

    // Texts that are the page's own words: the title, headings, links, buttons, submits and placeholders.
    // Plain loops into vectors, not `collect`s of adapter chains: each chain was its own copy of the adapters
    // and of `Vec`'s collect in the wasm engine, for code that runs once a page (docs/size.md, session 40).
    let forms = &signals.forms[..signals.forms.len().min(crate::page::MAX_FORMS)];
    let mut fields: Vec<&Field> = Vec::new();
    for form in forms {
        for field in form.fields.iter().take(MAX_FIELDS) {
            fields.push(field);
        }
    }
    let placeholders = || fields.iter().map(|f| &f.placeholder);
    // Squashed once: each text below is compared with every placeholder (up to MAX_FORMS × MAX_FIELDS).
    let mut squashed_placeholders = Vec::with_capacity(fields.len());
    for field in &fields {
        squashed_placeholders.push(squash(&field.placeholder, MAX_TEXT));
    }
    let texts = std::iter::once(&signals.title)
        .chain(signals.headings.iter().take(MAX_HEADINGS))
        .chain(signals.links.iter().take(MAX_LINKS).map(|l| &l.text))
        .chain(signals.buttons.iter().take(MAX_BUTTONS).map(|b| &b.text))
        .chain(forms.iter().map(|f| &f.submit))
        .chain(placeholders());
    let mut counted: Vec<String> = Vec::new();
    for text in texts {
        let shown = squash(text, MAX_TEXT);
        let lower = normalise(&shown, MAX_TEXT);
        if lower.is_empty() || counted.contains(&lower) {
            continue;
        }
        // One marker a text, the strongest: the maker's name, then its distinctive wording, then its common.
        let names_owner = names(&shown, account) && !SIGN_IN_WITH.has_word(&lower);
        let is_placeholder = squashed_placeholders.contains(&shown);
        let account_hint = is_placeholder && page.hint_names.iter().any(|n| has_word(&shown, n));
        let strength = if (names_owner && !is_link_or_button(signals, text)) || account_hint {
            specific += 1;
            0
        } else if page.distinctive.has_word(&lower) {
            distinctive += 1;
            1
        } else if page.common.has_word(&lower) && common < MAX_COMMON {
            common += 1;
            2
        } else {
            continue;
        };
        visible += 1;
        counted.push(lower);
        seen.push((strength, squash(&shown, MAX_QUOTE)));
    }
    // The maker's copyright claimed in the footer ("©2019 Microsoft", "Microsoft © 2018"), as the maker's own
    // sign-in showed it: kits that copy the page's wording and draw the logo as an image without a name keep
    // that line (session 47: tests/data/real/phishing-pages/, the hostingum Office 365 kit). Only a notice
    // whose holder is the maker: a third party's footer that names Microsoft ("© 2024 Contoso. Microsoft is a
    // trademark of …") is its own. One marker, whatever the number of notices.
    let notice = signals
        .copyrights
        .iter()
        .take(MAX_COPYRIGHTS)
        .map(|c| squash(c, MAX_TEXT))
        .find(|c| claims_copyright(c, &account.owner));
    if let Some(notice) = &notice {
        specific += 1;
        visible += 1;
        seen.push((0, squash(notice, MAX_QUOTE)));
    }
    // The warning quotes the strongest: the maker's name or account hint before its wording.
    crate::sort::sort_by_key(&mut seen, |(strength, _)| *strength);
    seen.truncate(QUOTED);
    let mut quoted = Vec::with_capacity(seen.len());
    for (_, text) in seen {
        quoted.push(text);
    }
    let seen = quoted;

    // Built like the maker's page: its form's field names, its sign-in code, links into its sign-in hosts.
    // The notice and the keep-me-signed-in field (`Kmsi`) are one marker together: every organisation's AD FS
    // sign-in has both ("© 2016 Microsoft" and `Kmsi`), so with one generic phrase more ("Forgot my password")
    // they would alarm an AD FS page served off its `/adfs/` path (review of s47, finding 3).
    let names_fields = fields.iter().any(|f| {
        let name = cap(&f.name, MAX_FIELD_NAME);
        page.field_names
            .iter()
            .filter(|n| notice.is_none() || !n.eq_ignore_ascii_case(KEEP_SIGNED_IN))
            .any(|n| n.eq_ignore_ascii_case(name))
    });
    let loads_code = signals
        .script_srcs
        .iter()
        .take(MAX_SCRIPTS)
        .filter_map(|s| parse_src(s, url))
        .any(|s| {
            let (label, path) = page.script;
            s.host_str().unwrap_or("").split('.').any(|l| l == label) && s.path().contains(path)
        });
    let links_home = signals
        .links
        .iter()
        .take(MAX_LINKS)
        .filter_map(|l| parse_src(cap(&l.href, MAX_SRC), url))
        .any(|href| {
            let host = href.host_str().unwrap_or("");
            account.hosts.iter().any(|h| is_within(host, h)) && !is_sign_in_request(&href)
        });
    specific += usize::from(names_fields) + usize::from(loads_code) + usize::from(links_home);

    let fires = specific >= 1 && visible >= 1 && specific + distinctive + common >= NEEDED;
    fires.then_some(Copied { seen })
}

/// Whether a text names the maker (or the account) as the page writes it: "Microsoft", "MICROSOFT",
/// "Microsoft-Konto", not "microsoft.com" in an address.
fn names(text: &str, account: &Account) -> bool {
    (has_word(text, &account.owner) || has_word(text, &account.owner.to_ascii_uppercase()))
        && !text
            .to_ascii_lowercase()
            .contains(&format!("{}.", account.owner.to_ascii_lowercase()))
}

/// Whether `notice` is `owner`'s copyright notice: the owner is the notice's holder, the name right after the
/// copyright sign ("©", "(c)", or the word "copyright" when a sign or a year follows it) and its years ("©2019
/// Microsoft", "Copyright © 2018 Microsoft Corporation"), or, when nothing but years and "All rights reserved"
/// follow the sign, the only name before it ("Microsoft © 2018", "Microsoft Corporation © 2018"), compared as
/// whole words without case. Another holder decides against ("Powered by Microsoft © 2024 Contoso", "Contoso ·
/// Microsoft © 2024"), and the bare word "copyright" is no notice ("Microsoft Copyright Policy").
fn claims_copyright(notice: &str, owner: &str) -> bool {
    let lower = notice.to_lowercase();
    let marked = lower
        .replace('\u{a9}', " \u{a9} ")
        .replace("(c)", " \u{a9} ");
    // Punctuation around words (and "·", "|", "-" standing alone) is not a word.
    let words: Vec<&str> = marked
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\u{a9}'))
        .filter(|w| !w.is_empty())
        .collect();
    let owner = owner.to_lowercase();
    // Years and spans of years ("2018", "2012-2019", "2012–2019").
    let year = |w: &str| {
        w.contains(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '\u{2013}')
    };
    let sign = |i: usize| {
        words[i] == "\u{a9}"
            || (words[i] == "copyright"
                && words.get(i + 1).is_some_and(|w| *w == "\u{a9}" || year(w)))
    };
    // Words that are no holder: the sign, years, "All rights reserved", "Corporation".
    let filler = |i: usize| {
        sign(i)
            || year(words[i])
            || matches!(
                words[i],
                "all" | "rights" | "right" | "reserved" | "corporation" | "corp"
            )
    };
    (0..words.len()).filter(|&i| sign(i)).any(|i| {
        match (i + 1..words.len()).find(|&j| !filler(j)) {
            Some(j) => words[j] == owner,
            None => {
                let mut before = (0..i).filter(|&j| !filler(j));
                before.next().is_some_and(|j| words[j] == owner) && before.next().is_none()
            }
        }
    })
}

/// A link or button text: where third-party pages name Microsoft ("Microsoft", "Log in with Microsoft 365").
fn is_link_or_button(signals: &PageSignals, text: &String) -> bool {
    signals
        .links
        .iter()
        .take(MAX_LINKS)
        .any(|l| std::ptr::eq(&l.text, text))
        || signals
            .buttons
            .iter()
            .take(MAX_BUTTONS)
            .any(|b| std::ptr::eq(&b.text, text))
}

/// A link that starts a sign-in with the account (a third party's "Sign in with Microsoft": OAuth, SAML or
/// WS-Federation), not one into the account's own pages.
fn is_sign_in_request(href: &Url) -> bool {
    let path = href.path().to_ascii_lowercase();
    ["oauth", "authorize", "saml", "wsfed"]
        .iter()
        .any(|p| path.contains(p))
        || href.query_pairs().any(|(k, v)| {
            let k = k.to_ascii_lowercase();
            k == "client_id" || k == "samlrequest" || (k == "wa" && v.starts_with("wsignin"))
        })
}

/// The vendors whose maker's account signs people in, with that account: the accounts a page can imitate.
pub fn accounts<'a>(
    vendors: impl Iterator<Item = &'a Vendor>,
) -> impl Iterator<Item = (&'a Vendor, &'a Account)> {
    vendors.filter_map(|v| v.domains.account.as_ref().map(|a| (v, a)))
}

/// Whether `host` is where one of the accounts really signs people in, or another of its maker's hosts of the
/// account's pages and sign-in flow (`own_hosts`).
pub fn is_account_host<'a>(vendors: impl Iterator<Item = &'a Vendor>, host: &str) -> bool {
    accounts(vendors).any(|(_, account)| {
        account
            .hosts
            .iter()
            .chain(&account.own_hosts)
            .any(|h| is_within(host, h))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;

    #[test]
    fn every_page_has_its_account_in_the_database_and_back() {
        let db = Database::bundled();
        let owners: Vec<&str> = accounts(db.entries.iter().map(|e| &e.vendor))
            .map(|(_, a)| a.owner.as_str())
            .collect();
        for page in &PAGES {
            assert!(owners.contains(&page.owner), "{}", page.owner);
        }
        for owner in owners {
            assert!(PAGES.iter().any(|p| p.owner == owner), "{owner}");
        }
    }

    #[test]
    fn sign_in_requests_and_account_pages() {
        for href in [
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x",
            "https://login.live.com/oauth20_authorize.srf?client_id=x",
            "https://login.microsoftonline.com/contoso.example/saml2?SAMLRequest=abc",
            "https://login.microsoftonline.com/login.srf?wa=wsignin1.0&wtrealm=x",
        ] {
            assert!(is_sign_in_request(&Url::parse(href).unwrap()), "{href}");
        }
        for href in [
            "http://login.live.com/gls.srf?urlID=WinLiveTermsOfUse&mkt=EN-US",
            "https://login.live.com/",
        ] {
            assert!(!is_sign_in_request(&Url::parse(href).unwrap()), "{href}");
        }
    }

    #[test]
    fn the_localized_wording_is_found_as_the_pages_write_it() {
        let page = &PAGES[0];
        for text in [
            "Vous n\u{2019}arrivez pas \u{e0} acc\u{e9}der \u{e0} votre compte\u{a0}?",
            "Kein Zugriff auf Ihr Konto?",
            "\u{bf}No se puede acceder a su cuenta?",
            "Problemi di accesso all'account?",
            "Hebt u geen toegang tot uw account?",
            "N\u{e3}o consegue aceder \u{e0} conta?",
            "Privacy & cookies",
        ] {
            let lower = normalise(text, MAX_TEXT);
            assert!(
                page.distinctive.has_word(&lower) || page.common.has_word(&lower),
                "{text}"
            );
        }
        // Whole phrases only: a help sentence that merely contains the words of one is another text.
        assert!(!page
            .distinctive
            .has_word(&normalise("Kein Zugriff auf Ihr Kontoauszug?", MAX_TEXT)));
    }

    #[test]
    fn the_makers_copyright_notice_not_a_footer_that_names_it() {
        for notice in [
            "\u{a9}2019 Microsoft",
            "\u{a9} 2018 Microsoft",
            "Microsoft \u{a9} 2018",
            "Microsoft \u{a9}2018",
            "Copyright \u{a9} 2018 Microsoft Corporation. All rights reserved.",
            "(c) 2012\u{2013}2019 MICROSOFT",
            "\u{a9}2019 Microsoft Terms of use Privacy & cookies",
            "\u{a9}2019 Microsoft Corporation",
            "Microsoft Corporation \u{a9} 2018. All rights reserved.",
            "Copyright 2018 Microsoft",
        ] {
            assert!(claims_copyright(notice, "Microsoft"), "{notice}");
        }
        for notice in [
            "\u{a9} 2024 Contoso. Microsoft and Office 365 are trademarks of Microsoft Corporation.",
            "Copyright \u{a9} 2017. All right reserved",
            "\u{a9} 2013 Google",
            "Microsoft Teams integration for Contoso",
            "\u{a9} 2020 Microsoftonline Ltd",
            "\u{a9} 2020 Contoso, a Microsoft partner",
            // A footer that names Microsoft beside another holder, or the word without a notice (review of s47).
            "Powered by Microsoft \u{a9} 2024 Contoso",
            "Contoso is built on Microsoft (c) 2024 Contoso Ltd",
            "Contoso \u{b7} Microsoft \u{a9} 2024",
            "Microsoft Copyright Policy",
        ] {
            assert!(!claims_copyright(notice, "Microsoft"), "{notice}");
        }
    }

    #[test]
    fn the_owner_as_a_name_not_in_an_address() {
        let db = Database::bundled();
        let (_, account) = accounts(db.entries.iter().map(|e| &e.vendor))
            .next()
            .expect("an account");
        assert!(names("Sign in to your Microsoft account", account));
        assert!(names("Microsoft-Konto", account));
        assert!(names("MICROSOFT", account));
        assert!(!names("see microsoft.com for help", account));
        assert!(!names("Microsoftonline", account));
    }
}
