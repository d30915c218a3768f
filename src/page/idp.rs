//! Identity providers on a page: "Sign in with …" buttons (labels in five languages and aria-labels), links to
//! their OAuth endpoints, the service's own sign-in routes (`/google_oauth_signin`), their sign-in SDK scripts
//! and button frames, and what each provider learns when it is used.

use url::Url;

use crate::page::words::{cap, normalise, runs, WordSet, SIGN_IN_WITH};
use crate::page::{
    PageSignals, MAX_BUTTONS, MAX_IFRAMES, MAX_LINKS, MAX_SCRIPTS, MAX_SRC, MAX_TEXT,
};
use crate::rules::IdentityProvider;

/// Where an endpoint's path must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRule {
    Any,
    Prefix(&'static str),
    Contains(&'static str),
}

/// A URL family: a host (with its subdomains; empty for any host) and a path rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub host: &'static str,
    pub path: PathRule,
}

impl Endpoint {
    const fn new(host: &'static str, path: PathRule) -> Endpoint {
        Endpoint { host, path }
    }

    pub fn matches(&self, url: &Url) -> bool {
        let host = url.host_str().unwrap_or("");
        let host_ok = self.host.is_empty()
            || host == self.host
            || (host.ends_with(self.host)
                && host.as_bytes().get(host.len() - self.host.len() - 1) == Some(&b'.'));
        host_ok
            && match self.path {
                PathRule::Any => true,
                PathRule::Prefix(p) => url.path().starts_with(p),
                PathRule::Contains(p) => url.path().contains(p),
            }
    }
}

/// One identity provider and how it shows on a page.
#[derive(Debug, Clone, Copy)]
pub struct Provider {
    pub id: IdentityProvider,
    pub name: &'static str,
    /// Lower-case names as buttons write them; matched as whole words.
    pub labels: &'static [&'static str],
    /// Whether a button whose whole label is the name ("Google", "Apple logo") is a sign-in button on a login
    /// page. Not for X: a button labelled "X" closes dialogs.
    pub bare_label: bool,
    /// Path tokens naming the provider in a service's own sign-in route (`/google_oauth_signin`,
    /// `/auth/github/callback`).
    pub route_tokens: &'static [&'static str],
    /// Authorisation endpoints a sign-in link points to.
    pub oauth: &'static [Endpoint],
    /// Sign-in SDK scripts and frames: loading one tells the provider about the visit.
    pub sdk: &'static [Endpoint],
    /// Frames that are the provider's own rendered button or prompt (Google's GSI button and One Tap).
    pub button_frames: &'static [Endpoint],
    /// What the provider learns when someone signs in with it; one neutral sentence.
    pub learns: &'static str,
}

use PathRule::{Any, Contains, Prefix};

/// The providers, in the order findings list them.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        id: IdentityProvider::Google,
        name: "Google",
        labels: &["google"],
        bare_label: true,
        route_tokens: &["google"],
        oauth: &[
            Endpoint::new("accounts.google.com", Prefix("/o/oauth2")),
            Endpoint::new("accounts.google.com", Prefix("/signin/oauth")),
        ],
        // platform.js is the retired Google Sign-In library; gsi/client is Google Identity Services.
        sdk: &[
            Endpoint::new("accounts.google.com", Prefix("/gsi/")),
            Endpoint::new("apis.google.com", Prefix("/js/platform.js")),
        ],
        button_frames: &[
            Endpoint::new("accounts.google.com", Prefix("/gsi/button")),
            Endpoint::new("accounts.google.com", Prefix("/gsi/iframe")),
        ],
        learns: english_str!("Google learns that you use this service and each time you sign in, and passes it your name, email address and profile picture."),
    },
    Provider {
        id: IdentityProvider::Facebook,
        name: "Facebook",
        labels: &["facebook"],
        bare_label: true,
        route_tokens: &["facebook"],
        oauth: &[Endpoint::new("facebook.com", Contains("/dialog/oauth"))],
        // Only the SDK (sdk.js, the older all.js): connect.facebook.net/…/fbevents.js is the Meta Pixel, an
        // advertising tracker, not a sign-in SDK.
        sdk: &[
            Endpoint::new("connect.facebook.net", Contains("/sdk.js")),
            Endpoint::new("connect.facebook.net", Contains("/sdk/")),
            Endpoint::new("connect.facebook.net", Contains("/all.js")),
        ],
        button_frames: &[Endpoint::new(
            "facebook.com",
            Contains("/plugins/login_button"),
        )],
        learns: english_str!("Facebook (Meta) learns that you use this service and each time you sign in, and passes it your name, email address and profile picture."),
    },
    Provider {
        id: IdentityProvider::Apple,
        name: "Apple",
        labels: &["apple", "apple id"],
        bare_label: true,
        route_tokens: &["apple"],
        oauth: &[Endpoint::new("appleid.apple.com", Prefix("/auth/authorize"))],
        sdk: &[Endpoint::new("appleid.cdn-apple.com", Prefix("/appleauth/"))],
        button_frames: &[],
        learns: english_str!("Apple learns that you use this service and each time you sign in, and passes it your name and either your email address or a relay address that hides it."),
    },
    Provider {
        id: IdentityProvider::Microsoft,
        name: "Microsoft",
        labels: &["microsoft", "office 365"],
        bare_label: true,
        route_tokens: &["microsoft", "azure", "azuread", "office365"],
        oauth: &[
            Endpoint::new("login.microsoftonline.com", Contains("/oauth2/")),
            Endpoint::new("login.microsoftonline.us", Contains("/oauth2/")),
            Endpoint::new("login.live.com", Prefix("/oauth20_authorize")),
        ],
        // MSAL.js from Microsoft's CDNs, or bundled under its npm name on any CDN.
        sdk: &[
            Endpoint::new("alcdn.msauth.net", Any),
            Endpoint::new("alcdn.msftauth.net", Any),
            Endpoint::new("", Contains("/msal-browser")),
            Endpoint::new("", Contains("/@azure/msal")),
        ],
        button_frames: &[],
        learns: english_str!("Microsoft learns that you use this service and each time you sign in, and passes it your name, email address and, for a work or school account, your organisation."),
    },
    Provider {
        id: IdentityProvider::Linkedin,
        name: "LinkedIn",
        labels: &["linkedin"],
        bare_label: true,
        route_tokens: &["linkedin"],
        oauth: &[
            Endpoint::new("linkedin.com", Prefix("/oauth/")),
            Endpoint::new("linkedin.com", Prefix("/uas/oauth2")),
        ],
        // platform.linkedin.com serves the JavaScript SDK; snap.licdn.com (the Insight Tag) is advertising.
        sdk: &[Endpoint::new("platform.linkedin.com", Any)],
        button_frames: &[],
        learns: english_str!("LinkedIn learns that you use this service and each time you sign in, and passes it your name, email address and profile picture."),
    },
    Provider {
        id: IdentityProvider::Github,
        name: "GitHub",
        labels: &["github"],
        bare_label: true,
        route_tokens: &["github"],
        oauth: &[Endpoint::new("github.com", Prefix("/login/oauth/"))],
        // GitHub offers no in-page sign-in script: only links show it.
        sdk: &[],
        button_frames: &[],
        learns: english_str!("GitHub learns that you use this service and each time you sign in, and passes it your user name, public profile and, if you allow it, your email address."),
    },
    Provider {
        id: IdentityProvider::X,
        name: "X (Twitter)",
        labels: &["x", "twitter"],
        bare_label: false,
        route_tokens: &["twitter"],
        oauth: &[
            Endpoint::new("twitter.com", Prefix("/i/oauth2/")),
            Endpoint::new("x.com", Prefix("/i/oauth2/")),
            Endpoint::new("api.twitter.com", Prefix("/oauth/")),
            Endpoint::new("api.x.com", Prefix("/oauth/")),
        ],
        // platform.twitter.com/widgets.js embeds posts and share buttons; X has no sign-in script.
        sdk: &[],
        button_frames: &[],
        learns: english_str!("X (Twitter) learns that you use this service and each time you sign in, and passes it your user name and public profile."),
    },
    Provider {
        id: IdentityProvider::Amazon,
        name: "Amazon",
        labels: &["amazon"],
        bare_label: true,
        route_tokens: &["amazon"],
        oauth: &[Endpoint::new("amazon.com", Prefix("/ap/oa"))],
        sdk: &[
            Endpoint::new("assets.loginwithamazon.com", Prefix("/sdk/")),
            Endpoint::new("api-cdn.amazon.com", Prefix("/sdk/login")),
        ],
        button_frames: &[],
        learns: english_str!("Amazon learns that you use this service and each time you sign in, and passes it your name and email address."),
    },
];

/// Pieces that every OAuth endpoint and sign-in route address holds (matched ASCII case-insensitively).
static HREF_SIGN_IN_HINTS: WordSet = WordSet::new(&["auth", "signin", "login", "sso", "/ap/oa"]);

/// Path tokens of a sign-in route; with a provider token in the same path they make a sign-in link.
const ROUTE_LOGIN_TOKENS: &[&str] = &[
    "oauth",
    "oauth2",
    "auth",
    "signin",
    "login",
    "sso",
    "authorize",
];

/// Words a bare-name button may carry around the name ("Google logo").
const BARE_LABEL_NOISE: &[&str] = &["logo", "icon", "button"];

/// How a provider's sign-in shows on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A button or link label ("Sign in with Google").
    Label(String),
    /// A link to the provider's authorisation endpoint (its host).
    OauthLink(String),
    /// A link to the service's own sign-in route for the provider (its path).
    SignInRoute(String),
    /// The provider's rendered button or prompt in a frame (its host).
    ButtonFrame(String),
}

impl Evidence {
    /// Short name for the extension's details view.
    pub fn kind(&self) -> &'static str {
        match self {
            Evidence::Label(_) => "button",
            Evidence::OauthLink(_) => "oauth-link",
            Evidence::SignInRoute(_) => "sign-in-link",
            Evidence::ButtonFrame(_) => "button-frame",
        }
    }
}

/// One provider found on a page.
#[derive(Debug, Clone)]
pub struct Detection {
    pub provider: &'static Provider,
    /// The first visible sign-in control found, if any.
    pub button: Option<Evidence>,
    /// Host of the first SDK script or frame, if any.
    pub sdk_host: Option<String>,
}

/// Every provider label of `PROVIDERS`, searched in one pass (a test keeps the two in step).
static PROVIDER_LABELS: WordSet = WordSet::new(&[
    "google",
    "facebook",
    "apple",
    "apple id",
    "microsoft",
    "office 365",
    "linkedin",
    "github",
    "x",
    "twitter",
    "amazon",
]);

fn provider_named(label: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.labels.contains(&label))
}

/// The provider a label names together with sign-in wording. `bare` allows a label that is only the name.
pub fn provider_of_label(label: &str, bare: bool) -> Option<&'static Provider> {
    let label = normalise(label, MAX_TEXT);
    // Most labels name no provider: one pass rules them out.
    let name = PROVIDER_LABELS.find_word(&label)?;
    if SIGN_IN_WITH.has_word(&label) {
        return provider_named(name);
    }
    if bare {
        let mut core = runs(&label, char::is_alphanumeric);
        core.retain(|w| !BARE_LABEL_NOISE.contains(w));
        return provider_named(&core.join(" ")).filter(|p| p.bare_label);
    }
    None
}

/// The provider whose authorisation endpoint, or whose sign-in route on the service, a link points to.
pub fn provider_of_href(url: &Url) -> Option<(&'static Provider, Evidence)> {
    if let Some(p) = PROVIDERS
        .iter()
        .find(|p| p.oauth.iter().any(|e| e.matches(url)))
    {
        return Some((
            p,
            Evidence::OauthLink(url.host_str().unwrap_or("").to_string()),
        ));
    }
    let path = url.path().to_ascii_lowercase();
    let tokens = runs(&path, |c| c.is_ascii_alphanumeric());
    if !tokens.iter().any(|t| ROUTE_LOGIN_TOKENS.contains(t)) {
        return None;
    }
    PROVIDERS
        .iter()
        .find(|p| p.route_tokens.iter().any(|r| tokens.contains(r)))
        .map(|p| (p, Evidence::SignInRoute(url.path().to_string())))
}

/// Parses an address from the page, resolving it against the page's own when relative.
pub fn parse_src(src: &str, base: Option<&Url>) -> Option<Url> {
    let src = cap(src.trim(), MAX_SRC);
    if src.is_empty() {
        return None;
    }
    let url = Url::options().base_url(base).parse(src).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Every provider whose sign-in shows on the page, in `PROVIDERS` order. `login_page` allows buttons labelled
/// only with a provider's name ("Google"), which on other pages may be share or follow buttons.
pub fn detect(signals: &PageSignals, base: Option<&Url>, login_page: bool) -> Vec<Detection> {
    let mut found: Vec<Detection> = Vec::new();
    let mut note = |provider: &'static Provider, button: Option<Evidence>, sdk: Option<String>| {
        let index = match found.iter().position(|d| d.provider.id == provider.id) {
            Some(i) => i,
            None => {
                found.push(Detection {
                    provider,
                    button: None,
                    sdk_host: None,
                });
                found.len() - 1
            }
        };
        let entry = &mut found[index];
        if entry.button.is_none() {
            entry.button = button;
        }
        if entry.sdk_host.is_none() {
            entry.sdk_host = sdk;
        }
    };

    for button in signals.buttons.iter().take(MAX_BUTTONS) {
        for label in [&button.text, &button.aria_label] {
            if let Some(p) = provider_of_label(label, login_page) {
                note(p, Some(Evidence::Label(normalise(label, MAX_TEXT))), None);
            }
        }
    }
    for link in signals.links.iter().take(MAX_LINKS) {
        // Links labelled only "Facebook" or "LinkedIn" are mostly the service's social pages: they need
        // sign-in wording, or an href that leads to a sign-in.
        for label in [&link.text, &link.aria_label] {
            if let Some(p) = provider_of_label(label, false) {
                note(p, Some(Evidence::Label(normalise(label, MAX_TEXT))), None);
            }
        }
        // Parsing every address costs more than the rest of the page's analysis: only those that could be a
        // sign-in (every endpoint and route above holds one of these) are parsed.
        if !HREF_SIGN_IN_HINTS.has_stem(&link.href) {
            continue;
        }
        if let Some((p, evidence)) = parse_src(&link.href, base).and_then(|u| provider_of_href(&u))
        {
            note(p, Some(evidence), None);
        }
    }
    let scripts = signals.script_srcs.iter().take(MAX_SCRIPTS);
    let frames = signals.iframe_srcs.iter().take(MAX_IFRAMES);
    for (src, is_frame) in scripts.map(|s| (s, false)).chain(frames.map(|s| (s, true))) {
        let Some(url) = parse_src(src, base) else {
            continue;
        };
        let host = url.host_str().unwrap_or("").to_string();
        for p in PROVIDERS {
            if is_frame && p.button_frames.iter().any(|e| e.matches(&url)) {
                note(
                    p,
                    Some(Evidence::ButtonFrame(host.clone())),
                    Some(host.clone()),
                );
            } else if p.sdk.iter().any(|e| e.matches(&url)) {
                note(p, None, Some(host.clone()));
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |d| {
        PROVIDERS.iter().position(|p| p.id == d.provider.id)
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str) -> Option<IdentityProvider> {
        provider_of_label(text, false).map(|p| p.id)
    }

    #[test]
    fn labels_in_five_languages() {
        use IdentityProvider::*;
        let cases = [
            ("Sign in with Google", Google),
            ("Continue with Facebook", Facebook),
            ("Sign up with Apple", Apple),
            ("Log in with Microsoft", Microsoft),
            ("Sign in with LinkedIn", Linkedin),
            ("Continue with GitHub", Github),
            ("Sign in with X", X),
            ("Log in with Twitter", X),
            ("Login with Amazon", Amazon),
            ("Se connecter avec Google", Google),
            ("Continuer avec Apple", Apple),
            ("Connexion avec Facebook", Facebook),
            ("S\u{2019}inscrire avec Microsoft", Microsoft),
            ("Mit Google anmelden", Google),
            ("Mit Apple fortfahren", Apple),
            ("Weiter mit Facebook", Facebook),
            ("Mit Ihrem Microsoft-Konto anmelden", Microsoft),
            ("Iniciar sesión con Google", Google),
            ("Continuar con Facebook", Facebook),
            ("Regístrate con Apple", Apple),
            ("Accedi con Google", Google),
            ("Continua con Facebook", Facebook),
            ("Accedi con Apple", Apple),
            ("Registrati con LinkedIn", Linkedin),
            ("SIGN\u{a0}IN WITH  GOOGLE", Google),
        ];
        for (text, expected) in cases {
            assert_eq!(label(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn social_and_unrelated_labels_are_not_sign_in() {
        for text in [
            "Facebook",
            "Follow us on LinkedIn",
            "Share on Facebook",
            "Connect with us on LinkedIn",
            "Sign in",
            "Sign in with SSO",
            "Continue with email",
            "Xbox",
            "Google Play",
            "Download on the App Store from Apple",
        ] {
            assert_eq!(label(text), None, "{text}");
        }
    }

    #[test]
    fn bare_names_only_on_buttons_of_login_pages() {
        assert_eq!(
            provider_of_label("Google", true).map(|p| p.id),
            Some(IdentityProvider::Google)
        );
        assert_eq!(
            provider_of_label("Apple logo", true).map(|p| p.id),
            Some(IdentityProvider::Apple)
        );
        assert_eq!(provider_of_label("Google", false).map(|p| p.id), None);
        // A close button.
        assert_eq!(provider_of_label("X", true).map(|p| p.id), None);
        assert_eq!(provider_of_label("Google Play", true).map(|p| p.id), None);
    }

    #[test]
    fn oauth_endpoints_and_sign_in_routes() {
        use IdentityProvider::*;
        let cases = [
            (
                "https://accounts.google.com/o/oauth2/v2/auth?client_id=x",
                Google,
            ),
            (
                "https://www.facebook.com/v18.0/dialog/oauth?client_id=1",
                Facebook,
            ),
            (
                "https://appleid.apple.com/auth/authorize?client_id=us.zoom",
                Apple,
            ),
            (
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                Microsoft,
            ),
            (
                "https://www.linkedin.com/oauth/v2/authorization?response_type=code",
                Linkedin,
            ),
            (
                "https://github.com/login/oauth/authorize?client_id=abc",
                Github,
            ),
            ("https://twitter.com/i/oauth2/authorize?client_id=abc", X),
            ("https://x.com/i/oauth2/authorize?client_id=abc", X),
            ("https://www.amazon.com/ap/oa?client_id=amzn1", Amazon),
            ("https://zoom.us/google_oauth_signin", Google),
            ("https://example.com/users/auth/github/callback", Github),
        ];
        for (href, expected) in cases {
            let url = Url::parse(href).unwrap();
            assert_eq!(
                provider_of_href(&url).map(|(p, _)| p.id),
                Some(expected),
                "{href}"
            );
        }
        for href in [
            "https://www.facebook.com/zoom",
            "https://www.linkedin.com/company/zoom-video-communications",
            "https://twitter.com/zoom",
            "https://policies.google.com/privacy",
            "https://github.com/zoom/sdk",
            "https://evil.example/o/oauth2/auth",
            "https://notaccounts.google.com.evil.example/o/oauth2/auth",
        ] {
            let url = Url::parse(href).unwrap();
            assert!(provider_of_href(&url).is_none(), "{href}");
        }
    }

    #[test]
    fn every_sign_in_address_passes_the_cheap_hint() {
        for p in PROVIDERS {
            for e in p.oauth {
                let path = match e.path {
                    Prefix(x) | Contains(x) => x,
                    Any => "",
                };
                assert!(HREF_SIGN_IN_HINTS.has_stem(path), "{}{path}", e.host);
            }
        }
        for token in ROUTE_LOGIN_TOKENS {
            assert!(HREF_SIGN_IN_HINTS.has_stem(token), "{token}");
        }
    }

    #[test]
    fn endpoint_hosts_match_on_label_boundaries() {
        let e = Endpoint::new("facebook.com", Contains("/dialog/oauth"));
        assert!(e.matches(&Url::parse("https://m.facebook.com/dialog/oauth").unwrap()));
        assert!(!e.matches(&Url::parse("https://evilfacebook.com/dialog/oauth").unwrap()));
    }

    #[test]
    fn the_label_set_holds_every_provider_label() {
        let mut table: Vec<&str> = PROVIDERS
            .iter()
            .flat_map(|p| p.labels.iter().copied())
            .collect();
        let mut set = PROVIDER_LABELS.words().to_vec();
        table.sort_unstable();
        set.sort_unstable();
        assert_eq!(table, set);
    }

    #[test]
    fn every_provider_has_a_sentence_and_a_way_to_be_seen() {
        for p in PROVIDERS {
            assert!(p.learns.starts_with(p.name), "{}", p.name);
            assert!(!p.labels.is_empty() && !p.oauth.is_empty(), "{}", p.name);
        }
        let ids: Vec<_> = PROVIDERS.iter().map(|p| p.id).collect();
        use IdentityProvider::*;
        for id in [
            Google, Facebook, Apple, Microsoft, Linkedin, Github, X, Amazon,
        ] {
            assert!(ids.contains(&id), "{id:?} missing");
        }
    }
}
