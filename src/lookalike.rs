//! Lookalike detection: hosts that imitate a vendor on a domain it does not own (its domain or brand inside
//! another domain, typosquats, homoglyphs and punycode, user-name tricks), built once per database.
//!
//! Everything is compared in one space: the lower-cased Unicode TR39 skeleton of the host with `-` read as `.`,
//! so `zo0m`, `zооm` (Cyrillic) and `zoorn` all read `zoorn` like `zoom`, and `teams-microsoft` reads like
//! `teams.microsoft`. One Aho-Corasick automaton finds every needle (official domains, their stems, brand terms,
//! vendor labels and their typosquat variants) on token boundaries; where a match sits relative to the public
//! suffix and the registrable label then decides whether it is an imitation. The same automaton, run over a
//! byte-wise fold of an ASCII host, is the cheap screen that lets the classifier skip ordinary URLs without
//! parsing them.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use serde::Serialize;

use crate::brand_words::BrandWords;
use crate::db::{Database, VendorIndex};
use crate::host_screen::{HostDfa, Scan, HOST_END};
use crate::matcher::{Matcher, StateId};
use crate::rules::shape::{FragmentKey, IdFormat, PathPattern};
use crate::rules::PageKind;

/// The index's maps hash with a fixed seed, not std's per-process random one: a lookup's probes (and the
/// heap the build leaves, from the maps' iteration order) are then the same in every run, which `make
/// bench-instructions` needs to agree with itself. Their keys are the bundled database's, so a seed an
/// attacker knows buys nothing.
type FixedMap<K, V> = HashMap<K, V, BuildHasherDefault<crate::text::HeadHasher>>;
/// Names (domains, labels, folded texts) to a vendor or a number: the index's sets and maps are all of this one
/// type, the type of `Database`'s `domains` and `by_id` too, because each table type brings a copy of its own of
/// the table's code (`reserve_rehash`, `insert`, the hash) into the wasm, where these run once at start-up or
/// as a look-up (docs/size.md, session 40). A set holds the name's vendor, unread.
pub(crate) type NameMap = FixedMap<String, VendorIndex>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookalikeHit {
    pub vendor: VendorIndex,
    pub reason: String,
    /// The reason as finding params for a localised message: `variant` (which wording: a `Why` code), the
    /// words it names (`written`, `brand`, `words`, `suffix`, `site`) and `more` (how a misspelling differs:
    /// `how_extra_letter`, …).
    pub why: Vec<(&'static str, String)>,
}

/// Why a host imitates a vendor: each kind of reason the engine gives has its own sentence in the warning
/// (`extension/shared/findings-text.js` maps the code to a `finding_lookalike_*` message of each locale), so a
/// warning never says "look-alike characters" when the reason is something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// `zooom.us`: a vendor's name misspelt.
    Misspelling,
    /// `discorcd.surge.sh`: a vendor's name misspelt as the name a free host (`FREE_HOST_SUFFIXES`) gives its
    /// user, an address anyone can make there.
    MisspeltOnFreeHost,
    /// `zооm.us` (Cyrillic): written with characters that look like the name's.
    LookalikeCharacters,
    /// `zoom-install.com`, `microsoftt-teams.com`: the name run together with other words.
    BrandWithWords,
    /// `teams-meet.us`, `zoom-meetings.net`: the name run together with meeting words only, as a fake meeting
    /// page is named to pass for the place an invitation's link opens (not a download or sign-in site).
    BrandWithMeetingWords,
    /// `meet.googie.com-join.us`: a service's host with the company name misspelt.
    MisspeltService,
    /// `teams.us.org`: the name under a suffix that reads like a country's but is sold to anyone.
    BrandOnSharedHost,
    /// `uk03web.us`: named like a vendor's numbered server under its own ending, the name left out.
    ServerName,
    /// `zoom.uswe05.us`: the name in front of a domain named like a numbered server under the vendor's ending.
    ServerDomain,
    /// `teams.us07live.com`: a vendor's name in front of a domain named like another vendor's numbered server
    /// (`us07web.zoom.us`), or like one under another ending: two imitations in one host.
    ServerShapedDomain,
    /// `us02web-zoom.us`: the vendor's address with a `-` where its `.` would be.
    DashForDot,
    /// `zoom.us.example.com`: the vendor's whole address inside someone else's.
    OfficialInside,
    /// `meet.google.example.com`: a service's host name without its ending, on someone else's domain.
    ServiceName,
    /// `zoom.cheap`, `zoom.example.live`: the name under an ending sold cheaply for throw-away sites.
    BrandOnCheapEnding,
    /// `teams.webredirect.org`: the name as someone's free name on a dynamic-DNS service.
    BrandOnDynamicDns,
    /// `in-zoom.us`: a word and the name under the ending of the vendor's own address.
    BrandOnOwnEnding,
    /// `signalxz.com.cn`: the name of an app blocked in mainland China, with other letters, under China's ending.
    BlockedInChina,
    /// `googlemeet.com`: the name as someone else's domain.
    BrandInHost,
    /// `zoom.example.com/j/85123456789`: the name on someone else's site, with the vendor's meeting path.
    BrandWithPath,
    /// `https://zoom.us@example.com/`: a user name that reads like the vendor's address.
    UserName,
    /// An address that browsers and other programs read differently, one of them as the vendor's.
    ParserTrick,
}

impl Why {
    /// Every kind of reason, for tests that each has its wording.
    pub const ALL: [Why; 21] = [
        Why::Misspelling,
        Why::MisspeltOnFreeHost,
        Why::LookalikeCharacters,
        Why::BrandWithWords,
        Why::BrandWithMeetingWords,
        Why::MisspeltService,
        Why::BrandOnSharedHost,
        Why::ServerName,
        Why::ServerDomain,
        Why::ServerShapedDomain,
        Why::DashForDot,
        Why::OfficialInside,
        Why::ServiceName,
        Why::BrandOnCheapEnding,
        Why::BrandOnDynamicDns,
        Why::BrandOnOwnEnding,
        Why::BlockedInChina,
        Why::BrandInHost,
        Why::BrandWithPath,
        Why::UserName,
        Why::ParserTrick,
    ];

    /// The `variant` param of the finding (the serialised name).
    pub fn code(self) -> &'static str {
        match self {
            Why::Misspelling => "misspelling",
            Why::MisspeltOnFreeHost => "misspelt-on-free-host",
            Why::LookalikeCharacters => "lookalike-characters",
            Why::BrandWithWords => "brand-with-words",
            Why::BrandWithMeetingWords => "brand-with-meeting-words",
            Why::MisspeltService => "misspelt-service",
            Why::BrandOnSharedHost => "brand-on-shared-host",
            Why::ServerName => "server-name",
            Why::ServerDomain => "server-domain",
            Why::ServerShapedDomain => "server-shaped-domain",
            Why::DashForDot => "dash-for-dot",
            Why::OfficialInside => "official-inside",
            Why::ServiceName => "service-name",
            Why::BrandOnCheapEnding => "brand-on-cheap-ending",
            Why::BrandOnDynamicDns => "brand-on-dynamic-dns",
            Why::BrandOnOwnEnding => "brand-on-own-ending",
            Why::BlockedInChina => "blocked-in-china",
            Why::BrandInHost => "brand-in-host",
            Why::BrandWithPath => "brand-with-path",
            Why::UserName => "user-name",
            Why::ParserTrick => "parser-trick",
        }
    }

    /// The finding params: the variant, then `params`.
    pub fn params(self, params: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        std::iter::once(("variant", self.code().to_string()))
            .chain(
                params
                    .iter()
                    .map(|&(name, value)| (name, value.to_string())),
            )
            .collect()
    }
}

/// The `more` param naming how a misspelling differs, from the wording of `typo_variants` and
/// `brand_words::misspelling`.
pub fn how_code(how: &str) -> &'static str {
    match how {
        "a letter repeated" | "a letter doubled" => "how_doubled_letter",
        "letters doubled" => "how_doubled_letters",
        "an extra letter" => "how_extra_letter",
        "a letter left out" | "a missing letter" => "how_missing_letter",
        "two letters swapped" => "how_swapped_letters",
        "a look-alike character" => "how_lookalike_character",
        // Two edits (`name_edits`): a letter taken out and put in elsewhere, or the same edit twice; two edits
        // of other kinds are two codes (`misspelt_name`).
        "a letter moved" => "how_moved_letter",
        "two extra letters" => "how_extra_letters",
        "two pairs of letters swapped" => "how_swapped_pairs",
        "two look-alike characters" => "how_lookalike_characters",
        // An `l`, a thin stroke read past or as another letter's part (`name_edits`: `dliscord`, `discold`,
        // `discorcl`).
        "an extra l" => "how_extra_l",
        "two extra l's" => "how_extra_ls",
        "an l for a letter" => "how_l_for_letter",
        "l's for two letters" => "how_l_for_letters",
        "`cl` for `d`" => "how_cl_for_d",
        // `split_name`: the name cut in two (`whats-app`, `wha.tsapp`).
        "a hyphen put in" | "a dot put in" => "how_split_name",
        _ => "how_changed_letter",
    }
}

/// What a needle is, in order of how much a match says (earlier wins among hits of equal strength).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum NeedleKind {
    /// An official domain (`zoom.us`, `meet.google.com`) inside a host the vendor does not own.
    OfficialDomain,
    /// An official host without its public suffix, where the company domain is shared (`meet.google`,
    /// `teams.microsoft`): specific enough to be an imitation wherever it appears.
    OfficialStem,
    /// A brand term from the vendor's rules (`zoom`, `teams-microsoft`, `googlemeet`); `label` when it is
    /// also the first label of one of the vendor's domains (`zoom` of zoom.us).
    Brand { label: bool },
    /// The first label of an official registrable domain (`zoom`, `webex`, `chime`); it may be an ordinary
    /// word, so on its own it only counts when written with look-alike characters. `only_on`: the public
    /// suffixes where a short label (`jit` of jit.si, `tel` of tel.meet) counts; empty for any suffix.
    Label { only_on: Vec<String> },
    /// A typosquat of a vendor label (`zooom`, `webx`).
    Variant {
        original: String,
        how: &'static str,
        distinctive: bool,
    },
    /// A host the classifier must look at for another reason (a link wrapper); never a lookalike.
    Screen { path_prefix: Option<&'static str> },
    /// A brand word searched anywhere in a host, not only on label boundaries, so that the screen lets
    /// `zoomus-install.com` through to `brand_words`; says nothing by itself.
    Words,
    /// The end of a host named like one of a vendor's numbered servers under its own ending (`web.us.`,
    /// `02.us.`), searched anywhere, so that the screen lets `uk03web.us` through to `numbered_server_name`;
    /// says nothing by itself.
    Server,
    /// A name cut in two by a separator (`whats.app`, `zo.om`, with the letter at the cut written twice too:
    /// `whats.sapp`), searched between label boundaries, so that the screen lets `whats-sapp.com` through to
    /// `split_name`; says nothing by itself.
    Split,
    /// A cheap ending (`CHEAP_SUFFIXES`) where the host ends, searched as `.top.` + `HOST_END`, so that the
    /// screen lets every host under it through to `slipped_name` (a typing slip of a name is no needle: one
    /// inserted letter alone would be thousands), and a free host's suffix (`FREE_HOST_SUFFIXES`) alike, for
    /// `edited_name`; says nothing by itself, and never matches in the full path's `.folded.` text.
    Ending,
    /// A maker's shared host that a vendor-site shape names (`www.microsoft.com`, `Database::shared_hosts`),
    /// searched as the whole host (`.www.microsoft.com.` + `HOST_END`), so that the screen's table marks it
    /// (`HostScreen::shared`) and only such hosts have their path compared with the shapes'; no hit, says
    /// nothing by itself, and never matches in the full path's `.folded.` text.
    Shared,
}

impl NeedleKind {
    /// Whether a match of this kind is weighed as a sign of imitation (`judge`, `check_userinfo`); the others
    /// only let hosts through the screen or mark them for a later look.
    fn is_judged(&self) -> bool {
        !matches!(
            self,
            NeedleKind::Screen { .. }
                | NeedleKind::Words
                | NeedleKind::Server
                | NeedleKind::Split
                | NeedleKind::Ending
                | NeedleKind::Shared
        )
    }
}

#[derive(Debug, Clone)]
struct Needle {
    vendor: VendorIndex,
    kind: NeedleKind,
    /// The needle as written (before skeleton folding).
    text: String,
    /// What it imitates, for messages (the official host for a stem, else `text`).
    shown: String,
}

impl Needle {
    fn new(vendor: VendorIndex, kind: NeedleKind, text: &str) -> Needle {
        Needle {
            vendor,
            kind,
            text: text.to_string(),
            shown: text.to_string(),
        }
    }
}

/// A path shape of a vendor, as far as the path alone tells (the host is the lookalike's).
#[derive(Debug, Clone)]
struct VendorPath {
    pattern: PathPattern,
    id_format: Option<IdFormat>,
    case_insensitive: bool,
    /// A join link's path that carries the meeting's ID (`/l/meetup-join/{id}`, not a webinar's `/event/{id}`,
    /// which a sports club's `teams.` site may serve too): `ordinary_name_with_path` takes only these, and those
    /// with `fragment_key`.
    meeting_id: bool,
    /// A join link's fragment item that names the meeting instead (the shape's `fragment_key`: Signal's
    /// `/call/#key=<key>`): `ordinary_name_with_path` takes the path only with it.
    fragment_key: Option<FragmentKey>,
}

/// How strongly a match says "imitation".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Only with one of the vendor's own meeting paths (`zoom.example.edu` is a university's help site;
    /// `zoom.example.edu/j/85123456789` imitates a Zoom join link).
    Weak,
    Strong,
}

/// The fold of one byte of a URL's host into the comparison space: up to two bytes. `len == 0` means the byte
/// ends the host (`end`: `/`, `?`, `#`, `:`) or cannot be handled by the fast path (upper case, `%`, `@`, `\`,
/// controls, non-ASCII).
#[derive(Debug, Clone, Copy, Default)]
struct Fold {
    bytes: [u8; 2],
    len: u8,
    end: bool,
}

/// The screen of the host at the start of a URL's authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostScreen {
    pub outcome: Screen,
    /// Where the host ends (at `/`, `?`, `#`, `:` or the end of the text); meaningless when `Unusual`.
    pub end: usize,
    /// With `Clear`: the host may be a maker's shared host (`NeedleKind::Shared`, folded as needles are, so
    /// the caller compares it with the hosts); its URL needs the full path only with a vendor-site path.
    pub shared: bool,
}

/// The result of the cheap look at an ASCII host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// No needle on token boundaries: the host is no vendor's, no wrapper and imitates nothing.
    Clear,
    /// Something worth a full look.
    Hit,
    /// The host has bytes the fast path does not handle: take the full path.
    Unusual,
}

pub struct LookalikeIndex {
    /// All needles as `.needle.`, in one automaton over folded text (the full path: a few hosts per page).
    /// It builds quickly and stays small in a service worker that starts often; the screen reads
    /// `host_screen` instead.
    automaton: Matcher,
    /// The screen's table: the automaton re-tabled for raw host bytes, the fold composed in. Built at its
    /// first use (`host_dfa`), not with the index: it was 39 M of the 95 M instructions of `joinguard check`
    /// (callgrind), and a page's first verdict, after the browser stopped the extension's worker, needs only
    /// the full path of one URL; the screen serves the batches of links that come after it.
    host_screen: OnceLock<HostDfa>,
    /// Single URLs classified while the screen's table was not built (`table_or_count_unscreened`).
    unscreened: AtomicU32,
    /// The paths of the wrapper hosts that need the full path only with them (`/url`).
    wrapper_paths: Vec<&'static str>,
    /// Automaton pattern id → the needles whose folded text it is.
    patterns: Vec<Vec<Needle>>,
    fold: [Fold; 256],
    /// Per vendor, the path shapes that identify a meeting or sign-in page even on a foreign host; empty for
    /// self-hostable vendors, whose paths on a foreign host are as likely an organisation's own server
    /// (`bigbluebutton.example.edu/b/…`) as an imitation.
    vendor_paths: Vec<Vec<VendorPath>>,
    /// Brands run together with lure words, misspelt service hosts (`brand_words`).
    words: BrandWords,
    /// Vendor display names, for messages.
    names: Vec<String>,
    /// Domains the rules say are never lookalikes (`[domains] not_lookalikes`: operators, namesakes).
    not_lookalikes: Vec<String>,
    /// Per vendor, the top-level domains its owner runs as its own registry (`[domains] owner_endings`).
    owner_endings: Vec<(VendorIndex, String)>,
    /// The vendors' official domains (`zoom.us`) to their vendor (one each, as `Database` refuses a domain
    /// claimed twice), to tell `zoom.<x>.us` apart from `zoom.<x>.edu`.
    official: NameMap,
    /// `(vendor, brand, ending)` of the official domains that are a brand term under an ending of the vendor's
    /// own choosing, not an old generic one (`zoom` + `us`): see `name_on_own_ending`.
    own_endings: Vec<(VendorIndex, String, String)>,
    /// The vendors' numbered servers under their own ending, as their example links show them: vendor, ending,
    /// the word of the server names, an example host (`us02web.zoom.us` gives zoom, `us`, `web`).
    servers: Vec<Server>,
    /// The names whose typing slips count (`slipped_name` on a cheap ending, `stray_letter` anywhere):
    /// distinctive brand terms and ordinary-word names run together with their owner's (`msteams`).
    slip_names: Vec<(VendorIndex, String)>,
    /// Every vendor's real names, folded: a slip of one name that is another's real name is that vendor's.
    reserved: NameMap,
    /// The long `slip_names` whose misspellings by one or two edits count as the registrable label
    /// (`edited_name`).
    edited: crate::name_edits::EditedNames,
    /// Per vendor, whether anyone may run its software on their own host (BigBlueButton, Jitsi, Element).
    self_hostable: Vec<bool>,
    /// The vendors of `BLOCKED_IN_CHINA` in the database, with their names (`blocked_in_china`).
    blocked_in_china: Vec<(VendorIndex, &'static str)>,
}

/// What `check_host` reads once about a host, for all its needle matches.
struct HostView<'a> {
    /// The host, Unicode for international names.
    host: &'a str,
    /// Its registrable domain (`grupo-zoom.com` of `www.grupo-zoom.com`).
    registrable: &'a str,
    suffix: SuffixClass,
    /// The public suffix's text (`us`, `co.uk`).
    ending: &'a str,
    /// The public suffix of `registrable` when it is the host's (the registrable domain as written is that
    /// suffix and one label, so the list gives it the same one); `None`: ask the list about `registrable`.
    registrable_suffix: Option<crate::psl::Suffix<'a>>,
}

impl HostView<'_> {
    /// Whether the registrable domain sits under a country's own ending (`is_country_namespace`).
    fn is_country_namespace(&self) -> bool {
        match self.registrable_suffix {
            Some(suffix) => is_country_suffix(suffix),
            None => is_country_namespace(self.registrable),
        }
    }
}

/// The kind of reason a needle match gives (`judge`), written out only for the winner (`explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// The vendor's domain behind a `-` (`us02web-zoom.us`).
    DashForDot,
    /// An official domain or service host inside the host.
    Official,
    /// The name in front of a domain named like a numbered server.
    ServerDomain,
    /// A brand, label or misspelling of one.
    Brand,
    /// The name as a subdomain label of a domain named with lure words only (`zoom.app-download.com`).
    LureDomain,
}

/// A match that reads like the needle but is written differently: look-alike characters (`.` and `-` are the
/// same separator here: `teams.microsoft` is `teams-microsoft` in another form).
fn is_disguised(original: &str, needle: &str) -> bool {
    // Byte by byte, without the two strings `replace` built (both ASCII separators, never inside a character).
    let separator = |b: u8| if b == b'.' { b'-' } else { b };
    original.len() != needle.len()
        || original
            .bytes()
            .zip(needle.bytes())
            .any(|(a, b)| separator(a) != separator(b))
}

/// One vendor's kind of numbered server host (`LookalikeIndex::servers`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Server {
    vendor: VendorIndex,
    ending: String,
    word: String,
    /// The region code of the example (`us` of `us02web`): a name one slip off the shape must keep it.
    region: String,
    example: String,
}

/// Shortest label that gets typosquat variants: shorter ones collide with ordinary words.
const MIN_VARIANT_LABEL: usize = 4;
/// Shortest label that gets omission variants: `zoom` → `zoo`, `skype` → `skye`, `slack` → `sack` are words.
const MIN_OMISSION_LABEL: usize = 6;
/// Longest host the fast path folds on the stack; longer ones (rare) take the full path.
const MAX_FAST_HOST: usize = 120;
/// Single URLs classified by the full path alone before one builds the screen's table (`host_screen`): a full
/// path costs about 20,000 instructions, the table about 39 M (callgrind), so these cost a caller that
/// classifies many URLs one by one under 1 % of the table, and spare one that classifies a few the table.
const SINGLE_URLS_BEFORE_TABLE: u32 = 16;

/// The cheap look at the host at the start of `authority` (a URL after its `scheme://`) with the screen's table
/// (`LookalikeIndex::host_dfa`), in one pass that finds where the host ends and runs it through the needles'
/// table. `Clear` guarantees that the full check finds no vendor or lookalike for this host, nor a wrapper
/// unless the URL's path is a wrapper's (`LookalikeIndex::wrapper_path`).
// Inlined into the screen's one caller: in the wasm package (fat LTO with the facade at "z") LLVM left it a
// call of its own, which the bench's wasm module inlines (node under callgrind: about 4 % of classifyUrls).
#[inline(always)]
pub(crate) fn screen_url_host(table: &HostDfa, authority: &[u8]) -> HostScreen {
    // Every host under a cheap ending is a hit of the table (`NeedleKind::Ending`).
    match table.scan(authority, MAX_FAST_HOST) {
        Scan::Clear { end, shared } => HostScreen {
            outcome: Screen::Clear,
            end,
            shared,
        },
        Scan::Hit => HostScreen {
            outcome: Screen::Hit,
            end: 0,
            shared: false,
        },
        Scan::Unusual => HostScreen {
            outcome: Screen::Unusual,
            end: 0,
            shared: false,
        },
    }
}

impl LookalikeIndex {
    /// Builds the index of a database; `screen_hosts` are further hosts (link wrappers) for which the screen
    /// must answer `Hit`, each with an optional path prefix that must also be present.
    pub fn new(
        db: &Database,
        screen_hosts: &[(&'static str, Option<&'static str>)],
    ) -> LookalikeIndex {
        // The byte table first: folding the (mostly ASCII) needles through it keeps start-up short, which
        // counts in a browser's service worker that starts often.
        let fold = fold_table();

        let mut needles: Vec<Needle> = Vec::new();
        let mut labels: Vec<(VendorIndex, String)> = Vec::new();
        // (vendor, label, ending) of the official domains that are one label under their public suffix, in
        // `domains`' order: a list read a few hundred times at start-up, not a map (one table type, `NameMap`).
        let mut label_suffixes: Vec<(VendorIndex, String, String)> = Vec::new();
        // The constructors' lists are built in loops rather than iterator chains and `collect`s: each chain is
        // a set of generic instances of its own in the wasm package (docs/size.md, sessions 40 and 41).
        let mut domains: Vec<(&str, VendorIndex)> = Vec::new();
        for domain in db.official_domains() {
            domains.push(domain);
        }
        crate::sort::sort(&mut domains);
        for &(domain, vendor) in &domains {
            needles.push(Needle::new(vendor, NeedleKind::OfficialDomain, domain));
            let Some(suffix) = crate::psl::suffix_str(domain) else {
                continue;
            };
            let Some(stem) = domain
                .strip_suffix(suffix)
                .and_then(|s| s.strip_suffix('.'))
            else {
                // The official domain is itself a public suffix: nothing of it names the vendor.
                continue;
            };
            if stem.contains('.') {
                needles.push(Needle {
                    shown: domain.to_string(),
                    ..Needle::new(vendor, NeedleKind::OfficialStem, stem)
                });
            } else {
                labels.push((vendor, stem.to_string()));
                label_suffixes.push((vendor, stem.to_string(), suffix.to_string()));
            }
        }
        let mut single_brands: Vec<(VendorIndex, String)> = Vec::new();
        for (vendor, entry) in db.entries.iter().enumerate() {
            for term in &entry.vendor.brand_terms {
                needles.push(Needle::new(
                    vendor,
                    NeedleKind::Brand { label: false },
                    term,
                ));
                if !term.contains('-') {
                    single_brands.push((vendor, term.clone()));
                }
            }
        }
        crate::sort::sort(&mut labels);
        labels.dedup();
        // A brand that the vendor itself uses as a host label (`zoom` of zoom.us, `facetime` of
        // facetime.apple.com) is a name others may hold under other suffixes; a made-up one (`googlemeet`) is not.
        mark_brand_labels(&mut needles, &domains);
        let variant_sources = variant_sources(&labels, &single_brands);
        push_label_needles(&mut needles, &labels, &single_brands, &label_suffixes);
        // Variants must not be a real name of any vendor.
        // Sized first, as `collect` sized it (here, `official` below and `BrandWords::new`'s own labels): grown
        // insert by insert, the three tables' rehashes cost the native start-up about 60 K instructions
        // (callgrind, session 41).
        let mut reserved = NameMap::default();
        reserved.reserve(variant_sources.len());
        for (vendor, label, _) in &variant_sources {
            reserved.insert(fold_with(&fold, label), *vendor);
        }
        push_variants(&mut needles, &variant_sources, &reserved, &fold);
        for &(host, path_prefix) in screen_hosts {
            needles.push(Needle::new(0, NeedleKind::Screen { path_prefix }, host));
        }
        let servers = numbered_servers(db, &label_suffixes);
        push_server_needles(&mut needles, &servers);
        let words = brand_words_of(db, &single_brands, &labels, &needles, &reserved, &fold);
        let mut slip_names: Vec<(VendorIndex, String)> = Vec::new();
        for (vendor, brand) in &single_brands {
            if brand.len() >= MIN_VARIANT_LABEL && brand.is_ascii() {
                slip_names.push((*vendor, brand.clone()));
            }
        }
        words.owner_compounds(&mut slip_names);
        crate::sort::sort(&mut slip_names);
        slip_names.dedup();
        for (vendor, text) in words.screen_needles() {
            needles.push(Needle::new(vendor, NeedleKind::Words, text));
        }
        push_split_needles(&mut needles, &slip_names);
        for ending in CHEAP_SUFFIXES
            .iter()
            .chain(FREE_HOST_SUFFIXES)
            .copied()
            .chain(crate::psl::dynamic_dns_suffixes())
        {
            needles.push(Needle::new(0, NeedleKind::Ending, ending));
        }
        for (host, vendor) in db.shared_hosts() {
            needles.push(Needle::new(vendor, NeedleKind::Shared, &host));
        }

        // Group needles by their folded text: one automaton pattern each. Each text is folded into one buffer
        // with its dots (a folded string and a `format!` per needle cost the start-up about 5 M instructions,
        // callgrind), and the map's key is the only copy.
        let (texts, patterns) = group_needles(&fold, needles);
        // Every occurrence, overlapping ones included (a needle may hide inside a longer one).
        let automaton = Matcher::new(&texts);

        // Per vendor: its meeting paths, whether it is self-hostable, its name, the domains that are never its
        // lookalikes and the endings its owner runs.
        let mut vendor_paths: Vec<Vec<VendorPath>> = Vec::with_capacity(db.len());
        let mut self_hostable = Vec::with_capacity(db.len());
        let mut names = Vec::with_capacity(db.len());
        let mut not_lookalikes = Vec::new();
        let mut owner_endings = Vec::new();
        for (vendor, entry) in db.entries.iter().enumerate() {
            let hostable = entry.vendor.is_self_hostable();
            let mut paths = Vec::new();
            // A self-hostable vendor's paths are on every organisation's own server: no lookalike evidence.
            let shapes = if hostable { &[][..] } else { &entry.shapes[..] };
            // `Database` compiled each page into its shape, in order (or refused the vendor).
            for (shape, page) in shapes.iter().zip(&entry.vendor.pages) {
                // A vendor-site shape's paths are pages on its maker's shared host, not the vendor's meeting
                // paths that a lookalike host would copy.
                if shape.kind == PageKind::VendorSite {
                    continue;
                }
                // Parsed here, once, not in `CompiledShape`: only this index reads it. build.rs checked the text
                // (`rules::requirements`).
                let fragment_key = page.fragment_key.as_deref().and_then(FragmentKey::parse);
                for pattern in &shape.paths {
                    if !is_specific_path(pattern) {
                        continue;
                    }
                    paths.push(VendorPath {
                        pattern: pattern.clone(),
                        id_format: shape.id_format.clone(),
                        case_insensitive: shape.path_case_insensitive,
                        meeting_id: shape.kind == PageKind::Join && shape.id_format.is_some(),
                        fragment_key: fragment_key.clone(),
                    });
                }
            }
            vendor_paths.push(paths);
            self_hostable.push(hostable);
            names.push(entry.vendor.name.clone());
            let domains = &entry.vendor.domains;
            for exception in &domains.not_lookalikes {
                not_lookalikes.push(exception.domain.clone());
            }
            for owned in &domains.owner_endings {
                owner_endings.push((vendor, owned.ending.clone()));
            }
        }

        let own_endings = own_endings(&label_suffixes, &single_brands);
        // Each path once (three hosts share `/l.php`, two `/url`): each is compared for every URL that gets
        // this far.
        let mut wrapper_paths: Vec<&'static str> = Vec::new();
        for &(_, path) in screen_hosts {
            if let Some(path) = path {
                wrapper_paths.push(path);
            }
        }
        crate::sort::sort(&mut wrapper_paths);
        wrapper_paths.dedup();
        let mut blocked_in_china = Vec::new();
        for &name in BLOCKED_IN_CHINA {
            if let Some(vendor) = db.get(name) {
                blocked_in_china.push((vendor, name));
            }
        }
        let mut official = NameMap::default();
        official.reserve(domains.len());
        for &(domain, vendor) in &domains {
            official.insert(domain.to_string(), vendor);
        }
        LookalikeIndex {
            automaton,
            host_screen: OnceLock::new(),
            unscreened: AtomicU32::new(0),
            wrapper_paths,
            patterns,
            fold,
            vendor_paths,
            own_endings,
            servers,
            words,
            edited: crate::name_edits::EditedNames::new(&slip_names),
            slip_names,
            reserved,
            self_hostable,
            blocked_in_china,
            names,
            official,
            not_lookalikes,
            owner_endings,
        }
    }

    /// The screen's table, built at its first use (`host_screen`). A caller that screens many URLs takes it
    /// once (`Classifier::url_screen`) and screens each with it (`screen_url_host`), instead of asking whether
    /// it is built for every URL.
    #[inline(always)]
    pub(crate) fn host_dfa(&self) -> &HostDfa {
        match self.host_screen.get() {
            Some(table) => table,
            None => self.build_host_dfa(),
        }
    }

    /// The screen's table for a URL classified on its own (`Classifier::classify_with`): the table once it is
    /// built; otherwise `None`, counting the URL as one that goes to the full path without it, until
    /// `SINGLE_URLS_BEFORE_TABLE` have, and then the table, built. The full path answers what the screen and
    /// the full path do together (the screen only skips it for URLs it would find nothing in), so a page's
    /// first verdict waits for one full path instead of the table; a caller that classifies URL after URL
    /// builds the table soon and keeps its speed.
    #[inline(always)]
    pub(crate) fn table_or_count_unscreened(&self) -> Option<&HostDfa> {
        if let Some(table) = self.host_screen.get() {
            return Some(table);
        }
        // Relaxed: a count that only decides when to build, never what is answered.
        (self.unscreened.fetch_add(1, Ordering::Relaxed) >= SINGLE_URLS_BEFORE_TABLE)
            .then(|| self.build_host_dfa())
    }

    // Out of line: the screen's callers inline `host_dfa`, and keep only its test of whether the table is built.
    #[inline(never)]
    #[cold]
    fn build_host_dfa(&self) -> &HostDfa {
        self.host_screen
            .get_or_init(|| host_table(&self.automaton, &self.patterns, &self.fold, HostDfa::new))
    }

    /// Whether the screen's table has been built (`host_screen`).
    pub fn screen_is_built(&self) -> bool {
        self.host_screen.get().is_some()
    }

    /// The same index with every shortcut's look taken (`BrandWords::shortcuts`), for tests that compare answers.
    #[cfg(test)]
    fn exhaustive(mut self) -> LookalikeIndex {
        self.words = self.words.exhaustive();
        self
    }

    /// Whether the host at `url[start..end]` (after `http://` or `https://`) may be a long name misspelt as the
    /// label before a one-label ending or a country's of two (`edited_name`), which the host table cannot tell:
    /// asked for every URL whose host the screen cleared.
    #[inline(always)]
    pub fn may_be_edited_name(&self, url: &[u8], start: usize, end: usize) -> bool {
        self.edited.may_be_edited(url, start, end)
    }

    /// Whether the rest of a URL (after its host and port) starts with the path of a wrapper host that needs
    /// the full path only with that path (`/url` of Google's redirects). Asked for every URL whose host the
    /// screen cleared (the host table does not tell these hosts apart: that would double its rows); any
    /// wrapper's path counts, which at worst sends a URL to the full path for nothing.
    pub fn wrapper_path(&self, rest: &[u8]) -> bool {
        // Compared in line: `<[u8]>::starts_with` stays a call to the standard library's shared copy in the wasm
        // package (its engine at opt-level "s"), with compiler-builtins' byte-by-byte `memcmp` behind it.
        self.wrapper_paths.iter().any(|prefix| {
            let prefix = prefix.as_bytes();
            rest.len() >= prefix.len() && rest.iter().zip(prefix).all(|(a, b)| a == b)
        })
    }

    /// Every needle occurrence in `.folded.` text, overlapping ones included: (pattern, start, end).
    fn occurrences(&self, dotted: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        self.automaton
            .find(dotted.as_bytes(), 0, dotted.len(), |pattern, start, end| {
                found.push((pattern, start, end));
                false
            });
        found
    }

    /// Checks a host that no vendor owns (and the URL's path and user-name part) for imitation of a vendor.
    /// `host` is the parsed host (ASCII, punycode for international names), `path` the URL's path, `fragment`
    /// what follows its `#` (empty without one).
    pub fn check_url(
        &self,
        host: &str,
        path: &str,
        fragment: &str,
        userinfo: &str,
    ) -> Option<LookalikeHit> {
        if !userinfo.is_empty() {
            if let Some(hit) = self.check_userinfo(userinfo, host) {
                return Some(hit);
            }
        }
        self.check_host_reading_path(host, path, fragment).0
    }

    /// Whether the registrable label without the brand at `brand` (a range of `host`) is made of lure words,
    /// affixes and digits only (`install` of `zoom-install.com`, `us02web` of `us02web-zoom.us`).
    fn rest_is_lure(&self, host: &str, registrable: &str, brand: &std::ops::Range<usize>) -> bool {
        let start = registrable_label_start(host, registrable);
        let end = start + first_label(registrable).len();
        let (Some(before), Some(after)) = (
            host.get(start..brand.start.max(start)),
            host.get(brand.end.min(end)..end),
        ) else {
            return false;
        };
        let rest: String = before
            .chars()
            .chain(after.chars())
            .filter(|&c| c != '-')
            .collect();
        // `teamviewer-support`: the name set apart with `support` reads as the vendor's help desk, the bait of
        // tech-support scams; run together (`zoomsupport`) it is not a lure word (someone's name for a service).
        rest.is_empty() || rest == "support" || self.words.is_lure_prefix(&rest)
    }

    /// The ordinary-word brand names of `brand_words` (for the extension's prefilter, built from the engine).
    pub fn ordinary_brand_names(&self) -> Vec<String> {
        self.words.ordinary_names().map(str::to_string).collect()
    }

    /// A host within a domain the rules list as never a lookalike (only hosts the screen let through get here).
    fn is_exception(&self, host: &str) -> bool {
        self.not_lookalikes
            .iter()
            .any(|domain| crate::rules::shape::is_within(host, domain))
    }

    /// Whether `host` is under a top-level domain that `vendor`'s owner runs (`teams.microsoft` for Teams:
    /// Microsoft runs `.microsoft`), so that it is no imitation of that vendor. Another vendor's lookalike there
    /// is still one: the owner may serve others' names under its ending. The host's public suffix must be the
    /// ending itself: a name the Public Suffix List gives to others under it (`translate.goog`, where Google
    /// serves anyone's site; `on.aws`, anyone's code) is not the owner's to vouch for.
    fn owner_holds(&self, vendor: VendorIndex, host: &str) -> bool {
        // The last label first: the public suffix's walk would run for every lookalike found.
        let last = host.rsplit('.').next().unwrap_or(host);
        self.owner_endings.iter().any(|(owner_of, ending)| {
            *owner_of == vendor
                && ending == last
                && crate::psl::suffix(host).is_some_and(|suffix| {
                    suffix.kind == crate::psl::SuffixKind::Icann && suffix.text == last
                })
        })
    }

    /// A user name that names a vendor (`https://meet.google.com@evil.example/`): people read it as the host.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn check_userinfo(&self, userinfo: &str, host: &str) -> Option<LookalikeHit> {
        let user = userinfo.to_lowercase();
        let tokens = Tokens::new(&user, None, &|t, out| fold_into(&self.fold, t, out));
        let needle = self
            .occurrences(&tokens.dotted)
            .into_iter()
            .flat_map(|(pattern, _, _)| &self.patterns[pattern])
            .filter(|n| n.kind.is_judged())
            .min_by(|a, b| a.kind.cmp(&b.kind))?;
        Some(LookalikeHit {
            vendor: needle.vendor,
            why: Why::UserName.params(&[("written", &user), ("brand", &needle.shown)]),
            reason: english!(
                "the address starts with `{user}@`, which reads like `{}`; the link really goes to {host}",
                needle.shown
            ),
        })
    }

    /// Checks a host that no vendor owns for imitation of a vendor; `path` weighs up weak signs (a brand in a
    /// subdomain, a vendor's name on another suffix) when it is one of that vendor's meeting or sign-in paths.
    pub fn check_host(&self, host: &str, path: &str) -> Option<LookalikeHit> {
        self.check_host_reading_path(host, path, "").0
    }

    /// `check_host` with the URL's `fragment` too (a call key rides there: `FragmentKey`), and
    /// whether its answer read the path or the fragment (a weak sign was weighed against the vendor's paths).
    /// An answer that did not is the host's under any path, so a caller may keep it by host
    /// (`classify::LookalikeMemo`).
    pub fn check_host_reading_path(
        &self,
        host: &str,
        path: &str,
        fragment: &str,
    ) -> (Option<LookalikeHit>, bool) {
        let mut path_read = false;
        let hit = self
            .judge_host(host, path, fragment, &mut path_read)
            .filter(|hit| !self.owner_holds(hit.vendor, host));
        (hit, path_read)
    }

    /// `check_host`, setting `path_read` when it weighs a weak sign against `path`.
    fn judge_host(
        &self,
        host: &str,
        path: &str,
        fragment: &str,
        path_read: &mut bool,
    ) -> Option<LookalikeHit> {
        // Borrowed where nothing changes (hosts come lower case from the parser and the screen, and are ASCII
        // without `xn--` labels): a copy each of the host, its Unicode form and its registrable domain cost the
        // check three allocations a host (callgrind, `make bench-instructions`).
        let host = host.trim_end_matches('.');
        let host: Cow<str> = if host.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(host.to_ascii_lowercase())
        } else {
            Cow::Borrowed(host)
        };
        let host = &*host;
        if host.is_empty() || host.starts_with('[') || is_ipv4(host) || self.is_exception(host) {
            return None;
        }
        let unicode = if has_idn_label(host) {
            crate::idn::to_unicode(host)
        } else {
            Cow::Borrowed(host)
        };
        let idn = matches!(unicode, Cow::Owned(_));
        let unicode = &*unicode;
        let suffix = crate::psl::suffix(host);
        let suffix_labels = suffix.map_or(1, |s| 1 + s.text.bytes().filter(|&b| b == b'.').count());
        let suffix_class = match suffix {
            Some(s) if self.is_dynamic_dns(s) => SuffixClass::DynamicDns,
            Some(s) => SuffixClass::of(s),
            None => SuffixClass::Ordinary,
        };
        // A host in which the screen's table finds no needle it marks has no needle match that says anything
        // here (the needles it does not mark, a wrapper's and a shared host's, are judged `None` and are neither
        // brand words nor cut names): its tokens and the automaton's search are skipped (`Words::shortcuts`).
        // Asked of the host alone, so that every caller gains (the URL's screen may have read another host: a
        // wrapper's). Only where the table reads the tokens' text: an ASCII host (`xn--` labels are read in
        // Unicode here) whose separators are never next to each other or at its ends (the table reads `a-.b`
        // as `.a..b.`, the tokens as `.a.b.`).
        let needle_free = self.words.shortcuts() && !idn && self.has_no_needle(host);
        let tokens = (!needle_free).then(|| {
            Tokens::new(unicode, Some(suffix_labels), &|t, out| {
                fold_into(&self.fold, t, out)
            })
        });
        // The registrable domain, with its suffix where that is the host's: the registrable domain as written
        // (a second search of the list for it cost the check of a host under a country's ending about 1,400
        // instructions, callgrind).
        let (registrable, registrable_suffix) =
            match suffix.and_then(|s| Some((s, crate::psl::domain_of(host, s)?))) {
                // A byte test, not `str::contains`, whose searcher's set-up cost more than these few bytes in wasm
                // (docs/speed.md, session 41).
                Some((_, d)) if d.as_bytes().windows(4).any(|w| w == b"xn--") => {
                    (crate::idn::to_unicode(d), None)
                }
                Some((s, d)) => (Cow::Borrowed(d), self.words.shortcuts().then_some(s)),
                None => (Cow::Borrowed(unicode), None),
            };
        let registrable = &*registrable;

        if let Some(hit) = self.name_on_own_ending(unicode, registrable) {
            return Some(hit);
        }
        if let Some(hit) = self.numbered_server_name(unicode, registrable) {
            return Some(hit);
        }
        let view = HostView {
            host: unicode,
            registrable,
            suffix: suffix_class,
            ending: suffix.map_or("", |s| s.text),
            registrable_suffix,
        };
        // The winner's reason is written once, after the loop (`explain`): most candidates lose.
        let mut best: Option<(Strength, &Needle, Place, Verdict)> = None;
        // The brand words seen anywhere in the host: the second look (`check_words`) only runs for them.
        let mut words_seen: Vec<(VendorIndex, &str)> = Vec::new();
        // A name cut in two was seen (`NeedleKind::Split`): only then does `split_name` look.
        let mut split_seen = false;
        // Each occurrence as the automaton finds it, without a list of them first.
        if let Some(tokens) = &tokens {
            let dotted = tokens.dotted.as_bytes();
            self.automaton
                .find(dotted, 0, dotted.len(), |pattern, start, end| {
                    let mut judged = false;
                    for needle in &self.patterns[pattern] {
                        match needle.kind {
                            NeedleKind::Words => {
                                words_seen.push((needle.vendor, needle.text.as_str()))
                            }
                            NeedleKind::Split => split_seen = true,
                            _ => {}
                        }
                        judged |= needle.kind.is_judged();
                    }
                    // A match of needles that `judge` never weighs (most often a brand word searched anywhere,
                    // `NeedleKind::Words`) needs no place in the host: each of them is judged `None`.
                    if !judged {
                        return false;
                    }
                    // `.needle.` at [s, e) of `.folded.` is `needle` at [s, e - 2) of `folded`.
                    let place = tokens.place(start, end - 2);
                    if place.in_suffix && !place.ends_host {
                        // `daily.co` inside `daily.co.uk`, `zoom.us` inside `zoom.us.com`: the suffix is not a name.
                        // A match that runs to the end of the host is another matter: `meet.gооgle.com` (Cyrillic)
                        // reads exactly like an official domain.
                        return false;
                    }
                    let original = &unicode[place.original.clone()];
                    for needle in &self.patterns[pattern] {
                        let Some((strength, verdict)) = self.judge(needle, &place, original, &view)
                        else {
                            continue;
                        };
                        if strength == Strength::Weak {
                            *path_read = true;
                            if !self.has_vendor_path(needle.vendor, path) {
                                continue;
                            }
                        }
                        let better = best.as_ref().is_none_or(|(s, n, _, _)| {
                            (strength, std::cmp::Reverse(&needle.kind))
                                > (*s, std::cmp::Reverse(&n.kind))
                        });
                        if better {
                            best = Some((strength, needle, place.clone(), verdict));
                        }
                    }
                    false
                });
        }
        // A name in front of a server-shaped domain counts bare, and says so with a path too (the path's
        // weak answer, `BrandWithPath`, would hide the stronger reason).
        if best.as_ref().is_none_or(|(s, ..)| *s == Strength::Weak) && !words_seen.is_empty() {
            if let Some(hit) = self.name_on_server_domain(unicode, registrable, &words_seen) {
                return Some(hit);
            }
        }
        let best = best.map(|(strength, needle, place, verdict)| {
            self.explain(needle, &place, &view, strength, verdict)
        });
        best.or_else(|| {
            (!words_seen.is_empty())
                .then(|| {
                    let bare = match suffix_class {
                        SuffixClass::Shared => Some(Why::BrandOnSharedHost),
                        SuffixClass::DynamicDns => Some(Why::BrandOnDynamicDns),
                        _ => None,
                    };
                    let ending = view.ending;
                    let telling = |vendor: VendorIndex| {
                        bare.is_some()
                            || suffix_class == SuffixClass::Cheap
                            || self.is_own_ending(vendor, ending)
                    };
                    // Brand words were seen, so the automaton ran over the tokens.
                    let tokens = tokens.as_ref()?;
                    self.check_words(tokens, unicode, bare, &words_seen, &telling)
                })
                .flatten()
        })
        // The stages that need a brand word seen are not called without one (they would answer `None`): each is
        // a function of its own, which Chromium compiles on its first call (tools/wasm-out-of-line.txt).
        .or_else(|| {
            (!words_seen.is_empty())
                .then(|| self.blocked_in_china(unicode, registrable, view.ending, &words_seen))
                .flatten()
        })
        .or_else(|| {
            (suffix_class == SuffixClass::Cheap)
                .then(|| self.slipped_name(unicode, view.ending))
                .flatten()
        })
        .or_else(|| {
            split_seen
                .then(|| self.split_name(unicode, view.ending))
                .flatten()
        })
        .or_else(|| {
            (!words_seen.is_empty())
                .then(|| self.stray_letter(unicode, registrable, &words_seen))
                .flatten()
        })
        .or_else(|| {
            (!words_seen.is_empty())
                .then(|| {
                    self.ordinary_name_with_path(
                        unicode,
                        registrable,
                        path,
                        fragment,
                        &words_seen,
                        path_read,
                    )
                })
                .flatten()
        })
        .or_else(|| {
            let cheap = suffix_class == SuffixClass::Cheap;
            // A free host's suffix (`discorcd.surge.sh`, `discorcd.netlify.app`): the label is the name its user
            // picked, said so (`EditedAt::FreeHost`).
            let free_host = suffix.filter(|s| is_free_host(*s)).map(|s| s.text);
            let at = match free_host {
                Some(site) => EditedAt::FreeHost(site),
                None if cheap => EditedAt::CheapEnding,
                None => EditedAt::Registered,
            };
            (cheap
                || suffix_labels == 1
                || free_host.is_some()
                || suffix.is_some_and(|s| {
                    // A country's (the PSL's ICANN part): the reason's "registered" is true there. Another
                    // company's suffix of the shape (`now.sh`, `com.de`) is left as before.
                    s.kind == crate::psl::SuffixKind::Icann
                        && crate::name_edits::is_country_second_level(s.text)
                }))
            .then(|| self.edited_name(unicode, registrable, view.ending, at))
            .flatten()
        })
    }

    /// `discorcd.site`, `dirscod.com` (invented examples): a long, distinctive name (`name_edits`: seven
    /// letters or more) misspelt by one or two edits that keep it readable, its first letter kept, as the whole
    /// registrable label (the typosquat registered to catch a mistyped address) or as a part of it between
    /// hyphens (`discold-nitro.ru`, `nitro-dlscold.ru`: a lure's name). Asked under a cheap ending
    /// (`cheap`), whose hosts the screen always lets through (`NeedleKind::Ending`), and under any one-label
    /// ending or a country's of two (`co.uk`, `com.cn`: `name_edits::is_country_second_level`), whose hosts the
    /// screen lets through when the label's first letter, length and letters are in reach of a name
    /// (`EditedNames::may_be_edited`): the registrable label is the same thing under `com` and `co.uk`, and an
    /// attacker chooses the ending (session 47). Only the PSL's ICANN suffixes of that shape count: its 280
    /// company suffixes of the shape (`surge.sh`, `now.sh`, `ngrok.io`, `repl.co`, `com.de`) are mostly free
    /// hosts' and dynamic DNS's, where the label is a subdomain handed out, not an address registered, so the
    /// reason's words would be wrong there; the screen still lets them through (a superset). Except the free
    /// hosts of `FREE_HOST_SUFFIXES` (`discorcd.surge.sh`, `discorcd.netlify.app`; session 48), whose hosts the
    /// screen lets through whole (`NeedleKind::Ending`): there the label is the name the host gave its user,
    /// with the same edits as under `com`, and the reason says so (`EditedAt::FreeHost`). Under other endings
    /// of two labels or more (`blogspot.com`, `police.uk`, `kawasaki.jp`'s three) the screen does not look.
    fn edited_name(
        &self,
        host: &str,
        registrable: &str,
        ending: &str,
        at: EditedAt<'_>,
    ) -> Option<LookalikeHit> {
        let label = first_label(registrable);
        if self.reserved.contains_key(label) {
            return None;
        }
        let cheap = at == EditedAt::CheapEnding;
        let (part, edited) = self.edited.check_parts(label, cheap)?;
        if self.reserved.contains_key(part) {
            return None;
        }
        // Two edits of other kinds in `misspelt_name`'s words: "… and …".
        let how = match edited.also {
            Some(also) => Cow::Owned([edited.how, " and ", also].concat()),
            None => Cow::Borrowed(edited.how),
        };
        let context = match at {
            EditedAt::FreeHost(site) => {
                return Some(self.misspelt_name(
                    host,
                    edited.vendor,
                    part,
                    edited.name,
                    &how,
                    Context::FreeHost(site),
                ))
            }
            _ if part.len() < label.len() => english!(
                "set apart by a hyphen in `{label}`, as fake gift, download and sign-in sites are named"
            ),
            EditedAt::CheapEnding => {
                english!("under `.{ending}`, an ending sold cheaply where throw-away sites live")
            }
            EditedAt::Registered => {
                english!("as addresses registered to catch a mistyped name are")
            }
        };
        Some(self.misspelt_name(
            host,
            edited.vendor,
            part,
            edited.name,
            &how,
            Context::Said(&context),
        ))
    }

    /// `teams.example.cl/l/meetup-join/19%3ameeting_…`: an ordinary-word name (`teams`, `slack`) as a whole label
    /// of someone else's subdomain, serving that vendor's join link with its meeting ID, as `zoom.example.edu/j/…`
    /// does for a brand term (`Strength::Weak` in `judge`). The name alone is a word (`teams.example.com` is a
    /// club's page of its teams); the vendor's meeting link under it is not anyone's own path. A link whose
    /// meeting is named by a key in the fragment, not an ID in the path (Signal's `/call/#key=…`), counts
    /// with its path only when the fragment carries the vendor's key (`FragmentKey`): `/call` alone is
    /// an ordinary page of a `signal.` site (trading signals, signal processing).
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn ordinary_name_with_path(
        &self,
        host: &str,
        registrable: &str,
        path: &str,
        fragment: &str,
        seen: &[(VendorIndex, &str)],
        path_read: &mut bool,
    ) -> Option<LookalikeHit> {
        let subdomains = host.strip_suffix(registrable)?.strip_suffix('.')?;
        // `teams.secure-login.com`: the name on a lure domain counts without a path (`lure_domain_hit`); Google
        // Meet's name (`meet.`, anyone's meeting server) only with Google's.
        if self.words.is_lure_domain(first_label(registrable)) {
            if let Some(hit) = self
                .words
                .ordinary_vendor_names()
                .filter(|&(vendor, name)| {
                    seen.iter().any(|&(v, form)| v == vendor && form == name)
                        && subdomains.split('.').any(|label| label == name)
                        && !self.words.is_owner_only(name)
                })
                .find_map(|(vendor, name)| {
                    self.lure_domain_hit(host, registrable, vendor, name, name)
                })
            {
                return Some(hit);
            }
        }
        // `slack.workmeetingsapp.com`: the name right in front of a domain named as a meeting app run together
        // (`BrandWords::is_meeting_app_domain`), bare. Google Meet's name only with Google's.
        let label = first_label(registrable);
        if self.words.is_meeting_app_domain(label) {
            let in_front = subdomains.rsplit('.').next().unwrap_or(subdomains);
            if let Some((vendor, name)) =
                self.words.ordinary_vendor_names().find(|&(vendor, name)| {
                    in_front == name
                        && !self.words.is_owner_only(name)
                        && seen.iter().any(|&(v, form)| v == vendor && form == name)
                })
            {
                return Some(self.meeting_app_hit(host, registrable, vendor, name));
            }
        }
        let (vendor, name) = self.words.ordinary_vendor_names().find(|&(vendor, name)| {
            if !(seen.iter().any(|&(v, form)| v == vendor && form == name)
                && subdomains.split('.').any(|label| label == name))
            {
                return false;
            }
            // The answer now depends on the path: a memo by host must not keep it (`check_host_reading_path`).
            *path_read = true;
            self.vendor_paths.get(vendor).is_some_and(|paths| {
                paths.iter().any(|p| {
                    (p.meeting_id
                        || p.fragment_key
                            .as_ref()
                            .is_some_and(|k| k.in_fragment(fragment)))
                        && p.pattern
                            .matches(path, p.id_format.as_ref(), p.case_insensitive)
                            .is_some()
                })
            })
        })?;
        Some(LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` uses the name `{name}` on `{registrable}` and serves one of the vendor's meeting or sign-in paths"
            ),
            why: Why::BrandWithPath.params(&[("brand", name), ("site", registrable)]),
        })
    }

    /// `zoom.app-download.com`, `teams.secure-login.com`: a vendor's one-word name `name` (as `written`) as a
    /// subdomain label of a domain named with lure words only (`BrandWords::lure_domain_words`), bare: the
    /// shape of fake installer, sign-in and join pages. The name as a label of an ordinary domain is weak
    /// (`zoom.example.edu`, an organisation's page about Zoom); one of a domain whose whole name is "app
    /// download" is not. The host reads as one name (`.` and `-` are one separator, as `google.live-meet.blog`
    /// of `BrandWords::check`), so the warning is the name run together with words. Only the registrable
    /// label: a lure word as a subdomain label beside the name is an organisation's own (`login.zoom.example.edu`
    /// is an SSO page; `discord.verify.openai.com`, CrUX top million, is OpenAI's).
    // Out of line: few hosts get here, and `explain`, one of its two callers, runs for every lookalike.
    #[inline(never)]
    fn lure_domain_hit(
        &self,
        host: &str,
        registrable: &str,
        vendor: VendorIndex,
        name: &str,
        written: &str,
    ) -> Option<LookalikeHit> {
        let words = self.words.lure_domain_words(first_label(registrable))?;
        let why = crate::brand_words::words_reason(name, self.words.owners_of(name), &words);
        let sites = if why == Why::BrandWithMeetingWords {
            "as fake meeting pages do to pass for the link of an invitation"
        } else {
            "as fake download and sign-in sites do"
        };
        let vendor_name = &self.names[vendor];
        Some(LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: it puts the name `{name}` on `{registrable}`, a domain named only with `{}`, {sites}",
                words.join("`, `")
            ),
            why: why.params(&[
                ("written", written),
                ("brand", name),
                ("words", &words.join(", ")),
            ]),
        })
    }

    /// The hit of the ordinary-word name `name` in front of `registrable`, a domain named as a meeting app run
    /// together (`BrandWords::is_meeting_app_domain`).
    // Out of line: few hosts get here.
    #[inline(never)]
    fn meeting_app_hit(
        &self,
        host: &str,
        registrable: &str,
        vendor: VendorIndex,
        name: &str,
    ) -> LookalikeHit {
        let vendor_name = &self.names[vendor];
        LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: it puts the name `{name}` on `{registrable}`, a domain named as a meeting app, as fake meeting pages do to pass for the link of an invitation"
            ),
            why: Why::BrandWithMeetingWords.params(&[
                ("written", name),
                ("brand", name),
                ("words", first_label(registrable)),
            ]),
        }
    }

    /// `whatsappb.com`, `xdiscord.net`: a name of six letters or more with one stray letter before or after it,
    /// as the registrable name under any ending: the typosquat registered to catch a mistyped address. The name
    /// is there intact, so the screen already stops at it (`seen`: the brand words it found). Letters that make
    /// the name a word of its own are left out: a plural `s` (`discords`), an `r` after an `e` (`facetimer`).
    /// A coined name (`COINED_NAMES`) is no word, and no one names a thing of their own its plural
    /// (`teamviewers`, `whatsapps`): for it a plural `s` is a stray letter too.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn stray_letter(
        &self,
        host: &str,
        registrable: &str,
        seen: &[(VendorIndex, &str)],
    ) -> Option<LookalikeHit> {
        // The caller calls it only once a brand word was seen (and without one no word below could match).
        debug_assert!(!seen.is_empty());
        let label = first_label(registrable);
        if !label.is_ascii() {
            return None;
        }
        for word in label.split(|c: char| c == '-' || c.is_ascii_digit()) {
            for (vendor, name) in &self.slip_names {
                if name.len() < MIN_OMISSION_LABEL
                    || word.len() != name.len() + 1
                    || !seen.iter().any(|(v, _)| v == vendor)
                {
                    continue;
                }
                let stray = if let Some(after) = word.strip_prefix(name.as_str()) {
                    let plural = after == "s" && !COINED_NAMES.contains(&name.as_str());
                    let makes_word = plural || (after == "r" && name.ends_with('e'));
                    (!makes_word).then_some(after)
                } else {
                    word.strip_suffix(name.as_str())
                };
                if !stray.is_some_and(|letter| letter.bytes().all(|b| b.is_ascii_lowercase())) {
                    continue;
                }
                let how = crate::brand_words::misspelling(word, name)?;
                let context = "as addresses registered to catch a mistyped name are";
                return Some(self.misspelt_name(
                    host,
                    *vendor,
                    word,
                    name,
                    how,
                    Context::Said(context),
                ));
            }
        }
        None
    }

    /// The hit of a host whose `word` is the vendor's `name` misspelt (`how`), the reason ending with `context`,
    /// or, on a free host, first saying whose the address is (`Why::MisspeltOnFreeHost`).
    fn misspelt_name(
        &self,
        host: &str,
        vendor: VendorIndex,
        word: &str,
        name: &str,
        how: &str,
        context: Context<'_>,
    ) -> LookalikeHit {
        let vendor_name = &self.names[vendor];
        // Two edits of another kind each (`name_edits`: "two letters swapped and an extra letter") are said as
        // two sentences, `more` and `also`.
        let (first, second) = how.split_once(" and ").unwrap_or((how, ""));
        let (code, reason) = match context {
            Context::Said(context) => (
                Why::Misspelling,
                english!(
                    "`{host}` is not {vendor_name}: `{word}` is `{name}` misspelt, with {how}, {context}"
                ),
            ),
            Context::FreeHost(site) => (
                Why::MisspeltOnFreeHost,
                english!(
                    "`{host}` is not {vendor_name}'s: it is an address anyone can make on `{site}`, and `{word}` is `{name}` misspelt, with {how}"
                ),
            ),
        };
        let mut why = code.params(&[
            ("written", word),
            ("brand", name),
            ("more", how_code(first)),
        ]);
        if let Context::FreeHost(site) = context {
            why.push(("site", site.to_string()));
        }
        if !second.is_empty() {
            why.push(("also", how_code(second).to_string()));
        }
        LookalikeHit {
            vendor,
            reason,
            why,
        }
    }

    /// `whats-app.cfd`, `zo-om.us`, `wha.tsapp.me`, `whats-sapp.com`: a vendor's name cut in two by a `-` or a
    /// `.` in the host's names (the public suffix left out, so `ogwhats.app` under `.app` is no cut name), each
    /// piece a whole word between separators, with nothing else run together with them; at the cut a letter
    /// may be written twice (`whats-sapp`). At a glance it reads as the name, and no one's own name is a
    /// vendor's cut in two (a vendor that writes its name so lists it as a brand term: `team-viewer`).
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn split_name(&self, host: &str, ending: &str) -> Option<LookalikeHit> {
        let names = host.strip_suffix(ending)?.strip_suffix('.')?;
        if !names.is_ascii() {
            return None;
        }
        let words: Vec<&str> = names.split(['.', '-']).collect();
        for (i, pair) in words.windows(2).enumerate() {
            let (left, right) = (pair[0], pair[1]);
            if left.len() < 2 || right.len() < 2 {
                continue;
            }
            let joined = [left, right].concat();
            for (vendor, name) in &self.slip_names {
                let how = if joined == *name {
                    None
                } else if doubled_letters(&joined, name) == Some("a letter doubled")
                    && left.as_bytes().last() == right.as_bytes().first()
                {
                    Some("a letter doubled")
                } else {
                    continue;
                };
                // The separator as written: the one after the `i`th word.
                let at: usize = words[..=i].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
                let cut = if names.as_bytes()[at] == b'-' {
                    "a hyphen put in"
                } else {
                    "a dot put in"
                };
                let how = match how {
                    Some(also) => Cow::Owned([cut, " and ", also].concat()),
                    None => Cow::Borrowed(cut),
                };
                let written = &names[at - left.len()..at + 1 + right.len()];
                let context = "so that it reads as the name at a glance";
                return Some(self.misspelt_name(
                    host,
                    *vendor,
                    written,
                    name,
                    &how,
                    Context::Said(context),
                ));
            }
        }
        None
    }

    /// `dilscord.online`, `tmsteams.site`, `webbexx.site`: a vendor's name with one letter put in, or with
    /// letters doubled, as a word of a host under a cheap ending (split at `.`, `-` and digits), where names are
    /// sold for throw-away sites and no one's own name is one letter off a vendor's. Elsewhere such a name may be
    /// a company's (`eyezon`, `zooma`), so only these endings, which the screen always lets through
    /// (`CheapEndings`). An inserted letter counts in names of five letters or more: `zoom` with one more
    /// letter makes words (`zooms`, `zooma`). The ordinary-word names (`signal`, `teams`) count with letters
    /// doubled (`signall.xyz`): one letter more of another kind makes them other words (`signals`,
    /// `steams`), a doubled one does not. An ordinary-word name (`short_names`: `signal`, `teams`) counts with
    /// one letter changed or two swapped too, when that makes no English word (`signel.top`; `terms`, `slick`
    /// are words: `name_edits::is_english`, from Debian's wamerican; session 49), as a typist's slip makes it
    /// (`typed_slip`) in the registrable label. Letters put in stay as
    /// above: `zooma` is no English word but a company's name under a cheap ending (`zooma-casino-2.online`,
    /// Tranco), so the word list cannot tell a slip from a name there.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn slipped_name(&self, host: &str, ending: &str) -> Option<LookalikeHit> {
        const MIN_INSERTION_NAME: usize = 5;
        let names = host.strip_suffix(ending)?.strip_suffix('.')?;
        if !names.is_ascii() {
            return None;
        }
        let words = names
            .split(|c: char| matches!(c, '.' | '-') || c.is_ascii_digit())
            .filter(|word| word.len() > MIN_VARIANT_LABEL);
        // The words of the name registered under the ending (`teads` of `portal.teads.xyz` is someone's
        // subdomain's; review of s49-recall49, finding 1).
        let registrable_words = names
            .rsplit('.')
            .next()
            .unwrap_or(names)
            .split(|c: char| c == '-' || c.is_ascii_digit());
        for word in words {
            let slips = self.slip_names.iter().map(|(vendor, name)| {
                let how = if word.len() == name.len() + 1 && name.len() >= MIN_INSERTION_NAME {
                    crate::brand_words::misspelling(word, name)
                } else {
                    doubled_letters(word, name)
                };
                (*vendor, name.as_str(), how)
            });
            let doubled_words = self
                .words
                .ordinary_vendor_names()
                .map(|(vendor, name)| (vendor, name, doubled_letters(word, name)));
            // A letter changed or two swapped in a short name, in the registrable label, as a typist's slip
            // does it (`typed_slip`), where that makes no English word (`signel`, not `terms` or `slick`;
            // issue 11, session 49). The word list is asked last: it is a scan, and most words are no slip.
            let changed = self.short_names().map(|(vendor, name)| {
                let how = (word.len() == name.len()
                    && registrable_words.clone().any(|w| w == word))
                .then(|| crate::brand_words::misspelling(word, name))
                .flatten()
                .filter(|_| typed_slip(word, name) && !crate::name_edits::is_english(word));
                (vendor, name, how)
            });
            for (vendor, name, how) in slips.chain(doubled_words).chain(changed) {
                let Some(how) = how else {
                    continue;
                };
                if self.reserved.contains_key(&self.fold_text(word)) {
                    continue;
                }
                let context = english!(
                    "under `.{ending}`, an ending sold cheaply where throw-away sites live"
                );
                return Some(self.misspelt_name(
                    host,
                    vendor,
                    word,
                    name,
                    how,
                    Context::Said(&context),
                ));
            }
        }
        None
    }

    /// The ordinary-word names of five and six letters (`signal`, `slack`, `teams`) whose changed letter counts
    /// in `slipped_name` when it makes no English word. Not the coined names: a letter changed in one makes
    /// another coined name, no English word either, someone's under a cheap ending (`delio.tk` of `demio`,
    /// `eyezon.online` of `eyeson`: Tranco and HSTS preload hosts that alarmed when they counted). Not four
    /// letters (`meet`): a letter changed there is too often a name of four letters.
    fn short_names(&self) -> impl Iterator<Item = (VendorIndex, &str)> {
        const MIN_CHANGED_NAME: usize = 5;
        self.words.ordinary_vendor_names().filter(|(_, name)| {
            (MIN_CHANGED_NAME..crate::name_edits::MIN_EDITED_NAME).contains(&name.len())
        })
    }

    /// The second look, for what the needles on label boundaries miss: a brand run together with lure words
    /// in one label, a misspelt company name after a service label (`brand_words`).
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn check_words(
        &self,
        tokens: &Tokens,
        host: &str,
        bare: Option<Why>,
        seen: &[(VendorIndex, &str)],
        telling_ending: &dyn Fn(VendorIndex) -> bool,
    ) -> Option<LookalikeHit> {
        let names_end = tokens.labels.checked_sub(tokens.suffix_labels)?;
        let registrable = names_end.checked_sub(1)?;
        // The labels as written, not folded: the skeleton reads digits as letters (`0` as `o`, `6` as `b`), and
        // lookalike hosts number their words (`us06webzoomus`).
        let mut labels: Vec<Vec<String>> = vec![Vec::new(); names_end];
        for token in &tokens.tokens {
            if token.label < names_end {
                labels[token.label].push(host[token.original.clone()].to_lowercase());
            }
        }
        let hit = self
            .words
            .check(&labels, registrable, bare, seen, telling_ending)?;
        let vendor = &self.names[hit.vendor];
        let how = match (&hit.how, &hit.misspelt) {
            (Some(how), _) => english!(": `{}` is `{}` with {how}", hit.written, hit.brand),
            (None, Some((written, meant, how))) => {
                english!(": `{written}` is `{meant}` with {how}")
            }
            (None, None) => String::new(),
        };
        let reason = match hit.code {
            _ if hit.coded => english!(
                "`{host}` is not {vendor}: it runs the name `{}` together with `{}`, a code that spells no word and is no country's code",
                hit.brand,
                hit.words.join("")
            ),
            Why::MisspeltService => english!(
                "`{host}` is not {vendor}: it starts like `{}` but the name `{}` is misspelt{how}",
                hit.words.join(""),
                hit.brand
            ),
            Why::BrandOnSharedHost => english!(
                "`{host}` is not {vendor}: it puts the name `{}` under `{}`, which looks like a country's domain but sells names to anyone",
                hit.brand,
                crate::psl::suffix_str(host).unwrap_or(host)
            ),
            Why::BrandOnDynamicDns => english!(
                "`{host}` is not {vendor}: it puts the name `{}` on `{}`, a dynamic-DNS service that gives anyone a name under it for free",
                hit.brand,
                crate::psl::suffix_str(host).unwrap_or(host)
            ),
            Why::BrandWithMeetingWords => english!(
                "`{host}` is not {vendor}: it runs the name `{}` together with `{}`, as fake meeting pages do to pass for the link of an invitation{how}",
                hit.brand,
                hit.words.join("`, `")
            ),
            _ => english!(
                "`{host}` is not {vendor}: it runs the name `{}` together with `{}`, as fake download and sign-in sites do{how}",
                hit.brand,
                hit.words.join("`, `")
            ),
        };
        let mut why = vec![
            ("variant", hit.code.code().to_string()),
            ("written", hit.written.clone()),
            ("brand", hit.brand.clone()),
            ("words", hit.words.join(", ")),
        ];
        if let Some(how) = hit.how.or(hit.misspelt.as_ref().map(|m| m.2)) {
            why.push(("more", how_code(how).to_string()));
        }
        if hit.coded {
            why.push(("more", "how_code_tag".to_string()));
        }
        if hit.code == Why::BrandOnSharedHost {
            let suffix = crate::psl::suffix_str(host).unwrap_or(host);
            why.push(("suffix", suffix.to_string()));
        }
        if hit.code == Why::BrandOnDynamicDns {
            let site = crate::psl::suffix_str(host).unwrap_or(host);
            why.push(("site", site.to_string()));
        }
        Some(LookalikeHit {
            vendor: hit.vendor,
            reason,
            why,
        })
    }

    /// How strongly one needle match says "imitation", and which kind of reason; `None` when it says nothing.
    /// The reason's words are written only for the winner (`explain`).
    fn judge(
        &self,
        needle: &Needle,
        place: &Place,
        original: &str,
        view: &HostView,
    ) -> Option<(Strength, Verdict)> {
        let (host, registrable, suffix) = (view.host, view.registrable, view.suffix);
        let text = &needle.text;
        let single_token = !text.bytes().any(|b| b == b'.' || b == b'-');
        // The match reads like the needle but is written differently: look-alike characters.
        // (`.` and `-` are the same separator here: `teams.microsoft` is `teams-microsoft` in another form.)
        let disguised = is_disguised(original, text);
        match &needle.kind {
            // The kinds `NeedleKind::is_judged` leaves out (`judge_host` skips their matches): keep the two alike.
            NeedleKind::Screen { .. }
            | NeedleKind::Words
            | NeedleKind::Server
            | NeedleKind::Split
            | NeedleKind::Ending
            | NeedleKind::Shared => None,
            // `us02web-zoom.us`: the vendor's domain behind a `-` where a subdomain's `.` would be. It reads
            // as the vendor's host when the words before it are a vendor's own kind of prefix (`us02web`,
            // `login`); a company's name (`grupo-zoom.com`) is left to the other checks.
            NeedleKind::OfficialDomain if place.ends_host && !disguised => {
                let label_start = registrable_label_start(host, registrable);
                let prefix = host
                    .get(label_start..place.original.start)
                    .unwrap_or("")
                    .trim_end_matches('-');
                self.words
                    .is_lure_prefix(&prefix.replace('-', ""))
                    .then_some((Strength::Strong, Verdict::DashForDot))
            }
            NeedleKind::OfficialDomain => Some((Strength::Strong, Verdict::Official)),
            NeedleKind::OfficialStem => {
                // `meet.google.co.uk`: the service name on the same company's domain under another suffix,
                // unless that suffix is a pseudo-country one sold to anyone (`teams.live.us.org`).
                let owners_other_suffix = !disguised
                    && place.ends_registrable_label
                    && place.registrable_single_token
                    && suffix != SuffixClass::Shared;
                let strength = if owners_other_suffix {
                    Strength::Weak
                } else {
                    Strength::Strong
                };
                Some((strength, Verdict::Official))
            }
            NeedleKind::Brand { label } => {
                let strength = if place.touches_registrable {
                    // `zoom.de`, `zoom.earth`: the vendor's own name under another suffix is often someone
                    // else's word; a made-up brand (`googlemeet`, `msteams`) or a disguised one is not.
                    if place.whole_registrable && single_token && *label && !disguised {
                        match suffix {
                            // `zoom.cheap`, `zoom.us.org`: where throw-away names are sold cheaply in bulk, or
                            // under a suffix dressed as a country's domain.
                            SuffixClass::Cheap | SuffixClass::Shared => Strength::Strong,
                            // `zoom.ddns.net`: a name anyone took for free on a dynamic-DNS service, unless
                            // the vendor's software is run by anyone (`jitsi.ddns.net`: someone's own server).
                            SuffixClass::DynamicDns if !self.self_hostable[needle.vendor] => {
                                Strength::Strong
                            }
                            SuffixClass::DynamicDns => Strength::Weak,
                            // `skype.party`: a coined name (`COINED_NAMES`) makes no phrase with the word, so
                            // under a new word ending it is someone else's use of the trade name.
                            SuffixClass::Word if is_coined_on_new_ending(text, view.ending) => {
                                Strength::Strong
                            }
                            // `zoom.earth` (a weather map): the name read with an ordinary word for an ending is
                            // a phrase of its own, where no one expects the vendor; a meeting path there is
                            // anyone's path, not evidence.
                            SuffixClass::Word => return None,
                            // `zoom.co.jp` (an audio-recorder maker), `zoom.nl`, `goto.de`: under a country's own
                            // ending the bare name is that country's namesake (or the vendor's local site), and a
                            // meeting path there is anyone's path, as under a word ending.
                            SuffixClass::Ordinary if view.is_country_namespace() => return None,
                            SuffixClass::Ordinary => Strength::Weak,
                        }
                    } else if single_token
                        && *label
                        && !disguised
                        && place.ends_registrable_label
                        && !self.rest_is_lure(host, registrable, &place.original)
                    {
                        // `grupo-zoom.com`, `tech-zoom.com`: a company's own word followed by the name, as
                        // businesses name themselves, even with a meeting path (any site may have `/j/…`); the
                        // name after lure and vendor words (`secure-zoom`, `us02web-zoom`) is an imitation.
                        return None;
                    } else if single_token
                        && *label
                        && !disguised
                        && matches!(suffix, SuffixClass::Ordinary | SuffixClass::Word)
                        && !self.is_own_ending(needle.vendor, view.ending)
                        && !self.rest_is_lure(host, registrable, &place.original)
                    {
                        // `zoom-erlebniswelt.de` (a zoo), `zoom-maps.com`, `discord-tracker.com`: the name first,
                        // then a word of the maker's own (no download, sign-in or meeting word), under an
                        // ordinary ending, names something of its own; `zoom-meetings.net`, `zoom-client.com`
                        // and anything under a cheap ending or the vendor's own (`zoom-foo.us`) imitate.
                        return None;
                    } else {
                        Strength::Strong
                    }
                } else if single_token
                    && !disguised
                    && self.numbered_server_of(needle.vendor, text, registrable)
                {
                    // `zoom.uswe05.us`: the name in front of a domain named like one of the vendor's numbered
                    // servers under the vendor's own ending reads as the vendor's address reshuffled.
                    return Some((Strength::Strong, Verdict::ServerDomain));
                } else if single_token && !disguised && suffix == SuffixClass::Cheap {
                    // `zoom.hanagroup.live`, `whatsapp.group-invitation.site`: the name as a subdomain of a
                    // throw-away domain, where no university or company hosts its page about the vendor.
                    Strength::Strong
                } else if single_token
                    && !disguised
                    && self.words.is_lure_domain(first_label(registrable))
                {
                    // `zoom.app-download.com`: no organisation's page about Zoom, a fake installer's.
                    return Some((Strength::Strong, Verdict::LureDomain));
                } else if single_token && !disguised {
                    // `zoom.example.edu`: a university's page about Zoom, unless it serves a Zoom meeting path.
                    Strength::Weak
                } else {
                    Strength::Strong
                };
                Some((strength, Verdict::Brand))
            }
            NeedleKind::Label { only_on }
                if !only_on.is_empty()
                    && !only_on.iter().any(|suffix| {
                        registrable
                            .strip_suffix(suffix.as_str())
                            .is_some_and(|head| head.ends_with('.'))
                    }) =>
            {
                None
            }
            NeedleKind::Label { .. } if disguised => Some((Strength::Strong, Verdict::Brand)),
            // `slack.com.ru`, `slack.ddns.net`: the name alone as a name sold to anyone under a suffix dressed as
            // a country's domain, or taken for free on a dynamic-DNS service (where a self-hostable vendor's
            // name is someone's own server's).
            NeedleKind::Label { .. }
                if place.whole_registrable
                    && (suffix == SuffixClass::Shared
                        || (suffix == SuffixClass::DynamicDns
                            && !self.self_hostable[needle.vendor])) =>
            {
                Some((Strength::Strong, Verdict::Brand))
            }
            // Under a word ending or a country's own (`zoom.nl`), the bare name is a namesake's, path or not.
            NeedleKind::Label { .. }
                if place.whole_registrable
                    && suffix != SuffixClass::Word
                    && !view.is_country_namespace() =>
            {
                Some((Strength::Weak, Verdict::Brand))
            }
            NeedleKind::Label { .. } => None,
            NeedleKind::Variant { distinctive, .. } => {
                if place.whole_registrable && suffix == SuffixClass::Word {
                    // `eyeon.design` ("eye on design"), `zomo.fyi`: a name one letter off the vendor's, read with
                    // an ordinary word for an ending, is a phrase of its own, as the exact name there is.
                    return None;
                }
                let strength = if place.touches_registrable && *distinctive {
                    Strength::Strong
                } else {
                    Strength::Weak
                };
                Some((strength, Verdict::Brand))
            }
        }
    }

    /// The reason of the winning needle match, in English and as finding params (`Why`).
    fn explain(
        &self,
        needle: &Needle,
        place: &Place,
        view: &HostView,
        strength: Strength,
        verdict: Verdict,
    ) -> LookalikeHit {
        let (host, registrable) = (view.host, view.registrable);
        let original = &host[place.original.clone()];
        let (text, shown) = (needle.text.as_str(), needle.shown.as_str());
        let vendor = &self.names[needle.vendor];
        let hit = |reason: String, why: Why, params: &[(&'static str, &str)]| LookalikeHit {
            vendor: needle.vendor,
            reason,
            why: why.params(params),
        };
        if let NeedleKind::Variant {
            original: label,
            how,
            ..
        } = &needle.kind
        {
            return hit(
                english!(
                    "`{host}` is not {vendor}: `{original}` is `{label}` misspelt, with {how}"
                ),
                Why::Misspelling,
                &[
                    ("written", original),
                    ("brand", label),
                    ("more", how_code(how)),
                ],
            );
        }
        if is_disguised(original, text) {
            return hit(
                english!("`{original}` in `{host}` reads like `{shown}` but is written with look-alike characters; the vendor does not own `{registrable}`"),
                Why::LookalikeCharacters,
                &[("written", original), ("brand", shown)],
            );
        }
        let dash_for_dot = || {
            hit(
                english!("`{host}` is built to read like an address of `{shown}`: a `-` stands where the vendor's addresses have a `.`"),
                Why::DashForDot,
                &[("brand", shown)],
            )
        };
        let brand_in_host = || {
            hit(
                english!("`{host}` borrows the name `{text}` but the vendor does not own `{registrable}`"),
                Why::BrandInHost,
                &[("brand", text), ("site", registrable)],
            )
        };
        let cheap_ending = || {
            let suffix = format!(".{}", view.ending);
            hit(
                english!("`{host}` puts the name `{text}` on `{registrable}`, under `{suffix}`, an ending sold cheaply where throw-away sites live"),
                Why::BrandOnCheapEnding,
                &[("brand", text), ("site", registrable), ("suffix", &suffix)],
            )
        };
        match verdict {
            Verdict::DashForDot => dash_for_dot(),
            Verdict::LureDomain => self
                .lure_domain_hit(host, registrable, needle.vendor, text, original)
                .unwrap_or_else(brand_in_host),
            // `zoom-us.com`: the vendor's address written with a `-` for its `.`, inside another domain.
            Verdict::Official
                if needle.kind == NeedleKind::OfficialDomain && original != shown =>
            {
                dash_for_dot()
            }
            Verdict::Official if needle.kind == NeedleKind::OfficialDomain => hit(
                english!("`{shown}` appears inside `{host}`, but the address belongs to `{registrable}`, which the vendor does not own"),
                Why::OfficialInside,
                &[("brand", shown), ("site", registrable)],
            ),
            Verdict::Official => hit(
                english!("`{host}` is built to read like `{shown}`, but the address belongs to `{registrable}`, which the vendor does not own"),
                Why::ServiceName,
                &[("brand", shown), ("site", registrable)],
            ),
            Verdict::ServerDomain => {
                let (server, suffix) = registrable.split_once('.').unwrap_or((registrable, ""));
                self.server_domain_hit(host, needle.vendor, server, text, suffix)
            }
            Verdict::Brand if strength == Strength::Weak => hit(
                english!("`{host}` uses the name `{text}` on `{registrable}` and serves one of the vendor's meeting or sign-in paths"),
                Why::BrandWithPath,
                &[("brand", text), ("site", registrable)],
            ),
            // `discord-staff.tk`: the name with a word of no weight of its own (no download, sign-in or meeting
            // word) counts for the ending alone, which the warning names.
            Verdict::Brand
                if view.suffix == SuffixClass::Cheap
                    && !self.rest_is_lure(host, registrable, &place.original) =>
            {
                cheap_ending()
            }
            Verdict::Brand if !place.touches_registrable || place.whole_registrable => {
                let suffix = format!(".{}", view.ending);
                match view.suffix {
                    SuffixClass::Cheap => cheap_ending(),
                    SuffixClass::Shared => hit(
                        english!("`{host}` is not {vendor}: it puts the name `{text}` under `{suffix}`, which looks like a country's domain but sells names to anyone"),
                        Why::BrandOnSharedHost,
                        &[("brand", text), ("suffix", &suffix)],
                    ),
                    SuffixClass::DynamicDns => hit(
                        english!("`{host}` is not {vendor}: it puts the name `{text}` on `{}`, a dynamic-DNS service that gives anyone a name under it for free", view.ending),
                        Why::BrandOnDynamicDns,
                        &[("brand", text), ("site", view.ending)],
                    ),
                    _ => brand_in_host(),
                }
            }
            Verdict::Brand => {
                // The other words of the registrable label (`install` of `zoom-install.com`).
                let start = registrable_label_start(host, registrable);
                let end = start + registrable.find('.').unwrap_or(registrable.len());
                let words: Vec<&str> = [
                    host.get(start..place.original.start.max(start)),
                    host.get(place.original.end.min(end)..end),
                ]
                .into_iter()
                .flatten()
                .flat_map(|part| part.split('-'))
                .filter(|word| !word.is_empty())
                .collect();
                if words.is_empty() {
                    brand_in_host()
                } else {
                    let why = crate::brand_words::words_reason(text, self.words.owners_of(text), &words);
                    let sites = if why == Why::BrandWithMeetingWords {
                        "as fake meeting pages do to pass for the link of an invitation"
                    } else {
                        "as fake download and sign-in sites do"
                    };
                    hit(
                        english!("`{host}` is not {vendor}: it runs the name `{text}` together with `{}`, {sites}", words.join("`, `")),
                        why,
                        &[("written", original), ("brand", text), ("words", &words.join(", "))],
                    )
                }
            }
        }
    }

    /// Whether `registrable` (`uswe05.us`) is named like a numbered server (letters, two digits, maybe more
    /// letters: `us05web`, `uswe05`) under the ending of the vendor's domain named `brand` (`zoom.us`). A school
    /// district's `sd23.bc.ca` is not under a vendor's ending.
    fn numbered_server_of(&self, vendor: VendorIndex, brand: &str, registrable: &str) -> bool {
        let Some((label, suffix)) = split_at_dot(registrable) else {
            return false;
        };
        let b = label.as_bytes();
        let letters = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
        let digits = b[letters..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let numbered = (2..=4).contains(&letters)
            && digits == 2
            && b[letters + digits..].len() <= 4
            && b[letters + digits..].iter().all(u8::is_ascii_lowercase);
        let server_named = self
            .servers
            .iter()
            .any(|s| s.vendor == vendor && s.ending == suffix && is_server_name(label, &s.word));
        (numbered || server_named)
            && self.official.get(&format!("{brand}.{suffix}")) == Some(&vendor)
    }

    /// `uk03web.us`, `webus02.us`, `ukweb05.us`: a domain named like one of a vendor's numbered servers
    /// (`us02web.zoom.us`), its region code, number and word in any order, under the ending the vendor chose
    /// for its own address: the vendor's server address with the vendor's name left out, the shape of
    /// BlueNoroff's fake meeting hosts. Without the vendor's ending (`uk03web.com`) it is left alone.
    fn numbered_server_name(&self, host: &str, registrable: &str) -> Option<LookalikeHit> {
        let (label, ending) = split_at_dot(registrable)?;
        let server = self.servers.iter().find(|s| {
            s.ending == ending && (is_server_name(label, &s.word) || server_slip(label, s))
        })?;
        let vendor = &self.names[server.vendor];
        let suffix = format!(".{ending}");
        // `zoom.ukweb07.us`: the name is there, in front, not left out.
        let name = server.example.split('.').nth(1).unwrap_or("");
        let subdomains = host.strip_suffix(registrable).unwrap_or("");
        if subdomains.split(['.', '-']).any(|word| word == name) {
            return Some(self.server_domain_hit(host, server.vendor, label, name, ending));
        }
        Some(LookalikeHit {
            vendor: server.vendor,
            reason: english!(
                "`{host}` is not {vendor}: `{label}` is named like {vendor}'s numbered servers (`{}`), under `.{ending}` like {vendor}'s own address, with the name {vendor} left out",
                server.example
            ),
            why: Why::ServerName.params(&[
                ("written", label),
                ("brand", &server.example),
                ("suffix", &suffix),
            ]),
        })
    }

    /// `zoom.uswe05.us`: the hit of the name `name` in front of `label`, named like a numbered server, under
    /// `ending` (`Why::ServerDomain`).
    fn server_domain_hit(
        &self,
        host: &str,
        vendor: VendorIndex,
        label: &str,
        name: &str,
        ending: &str,
    ) -> LookalikeHit {
        let vendor_name = &self.names[vendor];
        let suffix = format!(".{ending}");
        LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: `{label}` is named like a numbered server, and the address ends in `{suffix}` like `{name}{suffix}`"
            ),
            why: Why::ServerDomain.params(&[
                ("written", label),
                ("brand", name),
                ("suffix", &suffix),
            ]),
        }
    }

    /// `zoom.us07-web.us`, `zoom.05web.us`, `teams.us07live.com`, `teams.uso2live.us`: a vendor's name as a
    /// subdomain label in front of a registrable label named like a vendor's numbered server (`us07web` of
    /// `us07web.zoom.us`) with the slips that keep it reading so (`server_shaped`) or its region code left out
    /// (`region_less_server`): a double imitation, the shape of the fake meeting hosts in a researcher's
    /// BlueNoroff notes (tayvano/lazarus-bluenoroff-research, 2026). Either half alone is weak evidence (`zoom.example.edu` is a university's page, `ab12cd.com`
    /// someone's name); a name in front of a server's name is the vendor's address reshuffled, so it counts
    /// without the vendor's path. `seen`: the brand words the automaton found, the names looked for. The
    /// vendor is the name's: `teams.us07live.com` imitates Teams with Zoom's server shape.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn name_on_server_domain(
        &self,
        host: &str,
        registrable: &str,
        seen: &[(VendorIndex, &str)],
    ) -> Option<LookalikeHit> {
        let in_front = || {
            let subdomains = host.strip_suffix(registrable)?.strip_suffix('.')?;
            let (label, ending) = split_at_dot(registrable)?;
            let &(vendor, name) = seen
                .iter()
                .find(|&&(_, name)| subdomains.split('.').any(|word| word == name))?;
            // `us05.zoom.web05.uk`, `webus.zoom.05live.us`: the server's number and word without its region
            // code (batch s44's tune rows, JUMPSEC's BlueNoroff kit, 2026), as the registrable label only, where
            // every host of the report has it: deeper in a host such a label is an organisation's own server
            // naming (`zoom.web01.example.edu`, `teams.live02.corp.example.com`; session 44's review).
            let server = server_named(label, ending, &self.servers)?;
            Some(self.server_name_hit(host, vendor, name, label, ending, server))
        };
        in_front().or_else(|| {
            // Only a registrable name that begins with a name seen (most reach here with the name elsewhere).
            seen.iter()
                .any(|&(_, name)| registrable.starts_with(name))
                .then(|| self.name_run_together_with_server(host, registrable, seen))
                .flatten()
        })
    }

    /// `teams02live.us`: `name_on_server_domain`'s two names with the dot between them left out, the vendor's
    /// name first, maybe a `-`, then a server's number from `01` to `09` and a server's or meeting-host word
    /// in the registrable label (the FaceStealer block list's Teams hosts, batch s45's seen tune rows; Zoom's
    /// servers are `us02`-`us06`). Only this form: `24live`, `live24`, `88live` is how live-score, news, radio
    /// and betting sites name themselves (`sport24live`, `bd24live.com`, `golflive24`, Tranco and CrUX), and a
    /// vendor's name that is an ordinary word fits in front of it (`teams24live.com`, `signalfm24live.com`;
    /// session 46's review); the digit right after the name also keeps the reason from cutting a word
    /// (`meetup24live`). Deeper in a host than the registrable label it is an organisation's own naming, as above.
    #[inline(never)]
    fn name_run_together_with_server(
        &self,
        host: &str,
        registrable: &str,
        seen: &[(VendorIndex, &str)],
    ) -> Option<LookalikeHit> {
        let (label, ending) = split_at_dot(registrable)?;
        seen.iter().find_map(|&(vendor, name)| {
            let rest = label.strip_prefix(name)?;
            let rest = rest.strip_prefix('-').unwrap_or(rest);
            if !rest.starts_with('0') {
                return None;
            }
            let server = region_less_server(rest, &self.servers)?;
            Some(self.server_name_hit(host, vendor, name, rest, ending, server))
        })
    }

    /// The hit of the vendor's name `name` beside `label`, named like `server`, under `ending`: the vendor's own
    /// kind of server under its own ending in `ServerDomain`'s words (`zoom.us07-web.us`), else the double
    /// imitation (`ServerShapedDomain`). The vendor is the name's: `teams.us07live.com` imitates Teams with
    /// Zoom's server shape.
    fn server_name_hit(
        &self,
        host: &str,
        vendor: VendorIndex,
        name: &str,
        label: &str,
        ending: &str,
        server: &Server,
    ) -> LookalikeHit {
        if server.vendor == vendor && server.ending == ending {
            return self.server_domain_hit(host, vendor, label, name, ending);
        }
        let vendor_name = &self.names[vendor];
        LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: it puts the name `{name}` in front of `{label}`, which is numbered like the server part of real meeting links (such as `{}`); fake meeting hosts are named this way",
                server.example
            ),
            why: Why::ServerShapedDomain.params(&[
                ("written", label),
                ("brand", name),
                ("server", &server.example),
            ]),
        }
    }

    /// `in-zoom.us`, `officezoom.us`, `biz-zoom.us`: a short word or code in front of the vendor's name, under
    /// the ending the vendor chose for its own address (`.us` of `zoom.us`), reads as the vendor's address with
    /// a word put before it, the shape of the fake meeting hosts in the threat reports (a subdomain's `.` left
    /// out, or turned into `-`). The name first (`zoomdev.us`, `discordlist.gg`: the name of something about the
    /// vendor) and long phrases (`thefintechzoom.us`) are left to the other checks, and so are old generic
    /// endings (`.com`): `zoomcar.com` is someone's business.
    fn name_on_own_ending(&self, host: &str, registrable: &str) -> Option<LookalikeHit> {
        const MAX_WORD: usize = 8;
        let (label, ending) = split_at_dot(registrable)?;
        let (vendor, brand, _) = self
            .own_endings
            .iter()
            .filter(|(_, brand, suffix)| suffix == ending && label != brand)
            .find(|(_, brand, _)| label.ends_with(brand.as_str()))?;
        let word = label[..label.len() - brand.len()].trim_end_matches('-');
        if word.is_empty()
            || word.len() > MAX_WORD
            || !word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return None;
        }
        let vendor_name = &self.names[*vendor];
        Some(LookalikeHit {
            vendor: *vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: it runs the name `{brand}` together with `{word}` under `.{ending}`, the ending of the vendor's own `{brand}.{ending}`, as fake meeting sites do"
            ),
            why: Why::BrandOnOwnEnding.params(&[
                ("written", label),
                ("brand", brand),
                ("words", word),
                ("suffix", &format!(".{ending}")),
            ]),
        })
    }

    /// `signalxz.com.cn`, `fans-whatsapp.com.cn`: the name of an app blocked in mainland China
    /// (`BLOCKED_IN_CHINA`) inside a longer registrable name under China's ending (`.cn`, `.com.cn`, …). The
    /// vendor serves no one there and runs no site there, while people in China who want the app must fetch
    /// it from somewhere else than their phone's or computer's store: fake download sites named after it
    /// under `.cn` meet them there (Silver Fox's, batch s23 of tests/data/real/lookalikes.tsv). The name
    /// alone (`whatsapp.cn`) is left to the main check: a vendor may hold it to keep it from others. Only the
    /// registrable name: a label in front of someone's domain (`signal.example.edu.cn`) is their page, a
    /// university's signal-processing lab's. Not Hong Kong's or Macau's endings, where the apps are not
    /// blocked. `seen`: the brand words the screen found; the host needs one of the vendor's.
    // Out of line, in wasm too (tools/wasm-out-of-line.txt): most hosts never reach it.
    #[inline(never)]
    fn blocked_in_china(
        &self,
        host: &str,
        registrable: &str,
        ending: &str,
        seen: &[(VendorIndex, &str)],
    ) -> Option<LookalikeHit> {
        // The caller calls it only once a brand word was seen (and without one no name below could match).
        debug_assert!(!seen.is_empty());
        if !(ending == "cn" || ending.ends_with(".cn")) {
            return None;
        }
        let label = first_label(registrable);
        let &(vendor, name) = self.blocked_in_china.iter().find(|&&(vendor, name)| {
            label != name && label.contains(name) && seen.iter().any(|&(v, _)| v == vendor)
        })?;
        let vendor_name = &self.names[vendor];
        Some(LookalikeHit {
            vendor,
            reason: english!(
                "`{host}` is not {vendor_name}: it puts the name `{name}` in `{label}` under `.{ending}`, China's ending, where {vendor_name} is blocked and runs no site, as fake download sites for blocked apps are named"
            ),
            why: Why::BlockedInChina.params(&[
                ("written", label),
                ("brand", name),
                ("suffix", &format!(".{ending}")),
            ]),
        })
    }

    /// Whether the screen's table finds no needle it marks in `host` (lower-case ASCII, `xn--` labels as they
    /// are), read as `Tokens` reads it (`separators_apart`).
    /// `false` while the table is not built: a single URL's check does not build it, and the full check gives
    /// the same answers without the skip.
    fn has_no_needle(&self, host: &str) -> bool {
        separators_apart(host)
            && self.host_screen.get().is_some_and(|table| {
                matches!(
                    table.scan(host.as_bytes(), MAX_FAST_HOST),
                    Scan::Clear { .. }
                )
            })
    }

    /// Whether `suffix` is a dynamic-DNS service's (`crate::psl::is_dynamic_dns`).
    fn is_dynamic_dns(&self, suffix: crate::psl::Suffix<'_>) -> bool {
        suffix.kind == crate::psl::SuffixKind::Private && crate::psl::is_dynamic_dns(suffix.text)
    }

    /// Whether `ending` is one the vendor chose for its own address (`us` of `zoom.us`: `own_endings`).
    fn is_own_ending(&self, vendor: VendorIndex, ending: &str) -> bool {
        self.own_endings
            .iter()
            .any(|(v, _, e)| *v == vendor && e == ending)
    }

    /// `normalise`, through the byte table when the text is plain host ASCII.
    fn fold_text(&self, text: &str) -> String {
        fold_with(&self.fold, text)
    }

    /// Whether `path` is one of the vendor's meeting or sign-in paths.
    fn has_vendor_path(&self, vendor: VendorIndex, path: &str) -> bool {
        self.vendor_paths.get(vendor).is_some_and(|paths| {
            paths.iter().any(|p| {
                p.pattern
                    .matches(path, p.id_format.as_ref(), p.case_insensitive)
                    .is_some()
            })
        })
    }
}

/// The signature of `HostDfa`'s builders (`HostDfa::new`; the stepwise reference in tests).
type HostDfaBuilder = fn(
    &Matcher,
    &dyn Fn(u8) -> Vec<u8>,
    &dyn Fn(u8) -> bool,
    &dyn Fn(StateId) -> bool,
    &dyn Fn(StateId) -> bool,
) -> HostDfa;

/// The screen's host table of the needles' automaton (`patterns`: automaton pattern id → its needles).
fn host_table(
    automaton: &Matcher,
    patterns: &[Vec<Needle>],
    fold: &[Fold; 256],
    build: HostDfaBuilder,
) -> HostDfa {
    build(
        automaton,
        &|byte| {
            let f = fold[usize::from(byte)];
            f.bytes[..usize::from(f.len)].to_vec()
        },
        &|byte| fold[usize::from(byte)].end,
        // A wrapper host whose path decides (`google` with `/url`) is no hit: the caller of the screen looks
        // for the wrappers' paths (`wrapper_path`) in every URL it clears. Nor is a shared host: the table
        // marks it instead, for the caller to look at its path.
        &|sid| {
            automaton.matches(sid).iter().any(|&pattern| {
                patterns[pattern as usize].iter().any(|needle| {
                    !matches!(
                        needle.kind,
                        NeedleKind::Screen {
                            path_prefix: Some(_)
                        } | NeedleKind::Shared
                    )
                })
            })
        },
        &|sid| {
            automaton.matches(sid).iter().any(|&pattern| {
                patterns[pattern as usize]
                    .iter()
                    .any(|needle| needle.kind == NeedleKind::Shared)
            })
        },
    )
}

/// The vendors' numbered server hosts (`[domains] numbered_servers` of their rules: Zoom's `us02web.zoom.us`)
/// that sit under an ending of the vendor's own choosing. `label_suffixes`: (vendor, label of an official
/// domain) → its endings.
#[inline(never)]
fn numbered_servers(
    db: &Database,
    label_suffixes: &[(VendorIndex, String, String)],
) -> Vec<Server> {
    let mut servers = Vec::new();
    for (vendor, entry) in db.entries.iter().enumerate() {
        for server in &entry.vendor.domains.numbered_servers {
            let host = server.example.as_str();
            let Some((first, domain)) = host.split_once('.') else {
                continue;
            };
            let Some((name, ending)) = domain.split_once('.') else {
                continue;
            };
            let own = !LEGACY_GTLDS.contains(&ending)
                && label_suffixes
                    .iter()
                    .any(|(v, l, e)| *v == vendor && l == name && e == ending);
            if let Some(word) = server_word(first).filter(|_| own) {
                servers.push(Server {
                    vendor,
                    ending: ending.to_string(),
                    word: word.to_string(),
                    region: first[..2].to_string(),
                    example: host.to_string(),
                });
            }
        }
    }
    servers
}

/// The word of a numbered server's label (`web` of `us02web`): two letters, two digits, then a word of two to
/// five letters. (`rules check` holds `numbered_servers` examples to this shape.)
pub fn server_word(label: &str) -> Option<&str> {
    let b = label.as_bytes();
    let shaped = b.len() >= 6
        && b[..2].iter().all(u8::is_ascii_lowercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && (2..=5).contains(&(b.len() - 4))
        && b[4..].iter().all(u8::is_ascii_lowercase);
    shaped.then(|| &label[4..])
}

/// Whether `label` is the vendor's server name (`us02web`) with one slip, the shape of BlueNoroff's fake Zoom
/// hosts under `.us` in Validin's reports ("Zooming through BlueNoroff pivots", 2025, and the hosts Maltrail's
/// `apt_bluenoroff` trail lists under it): the number written with one digit or three (`usweb0`, `us007web`), or
/// the word cut short by its last letter (`uswe01`), in the vendor's own order (region, number, word) or with the
/// number last. The region code must be the vendor's own (`us` of Zoom's `us02web.zoom.us`, whose servers its
/// links name: rules/vendors/zoom.toml `numbered_servers`): a name further from the shape keeps more of it, so
/// `ukweb1` or `abwe01` (someone's own short name) stay quiet. Two slips (`uswe1`) are no longer the shape.
fn server_slip(label: &str, server: &Server) -> bool {
    let Some(rest) = label.strip_prefix(server.region.as_str()) else {
        return false;
    };
    let digits =
        |text: &str| (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    let cut = &server.word[..server.word.len() - 1];
    // (word as written, number): the number before the word or after it.
    let split = |word: &str| {
        rest.strip_suffix(word)
            .filter(|number| digits(number))
            .or_else(|| rest.strip_prefix(word).filter(|number| digits(number)))
            .map(str::len)
    };
    match (split(&server.word), split(cut)) {
        (Some(len), _) => len != 2,
        (None, Some(len)) => len == 2 && cut.len() >= 2,
        (None, None) => false,
    }
}

/// Words of the vendors' own meeting hosts that a fake server name puts after its number in place of a
/// server's own word (`Server::word`, Zoom's `web`): `live` (Teams' `teams.live.com`: `us07live`), `meet`
/// (Google Meet's `meet.google.com`). Any other word after two letters and two digits is someone's name
/// (`co2online.de`, `tf1info.fr`, `all4ed.org`: about 600 Tranco top-million domains have that shape with an
/// arbitrary word, session 30's review), so the shape takes only these.
const SERVER_LURE_WORDS: &[&[u8]] = &[b"live", b"meet"];

/// The numbered server (`LookalikeIndex::servers`) that `label` under `ending` is named like, read with the
/// slips BlueNoroff's fake meeting domains make: one `-` put in (`us07-web`), a letter for a digit (`uso2live`:
/// `o` for `0`, `l` or `i` for `1`; one digit at least stays a digit), a vendor's meeting-host word after the
/// number instead of the server's own (`us07live`, `SERVER_LURE_WORDS`), or, under the vendor's own ending only,
/// the region code left out (`05web.us`; `12go.com` is someone's name). Shorter or looser names (`cs50`,
/// `ab1cd`), or another word after the number (`co2online`), are not the shape. The server whose word the name
/// ends with answers, else the first (a lure word names no server).
fn server_shaped<'a>(label: &str, ending: &str, servers: &'a [Server]) -> Option<&'a Server> {
    // The longest name of the shape: two letters, two digits, a five-letter word and one `-`. The label without
    // its `-` goes on the stack: this runs for every host with a vendor's name in a subdomain.
    const LONGEST: usize = 10;
    if label.len() > LONGEST || label.bytes().filter(|&b| b == b'-').count() > 1 {
        return None;
    }
    let mut kept = [0u8; LONGEST];
    let mut len = 0;
    for byte in label.bytes().filter(|&b| b != b'-') {
        kept[len] = byte;
        len += 1;
    }
    let plain = &kept[..len];
    let number = |pair: &[u8]| {
        pair.iter().any(u8::is_ascii_digit)
            && pair
                .iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b'o' | b'l' | b'i'))
    };
    let letters = |text: &[u8]| text.iter().all(u8::is_ascii_lowercase);
    let word_after = |at: usize| {
        plain.len() >= at + 2
            && (2..=5).contains(&(plain.len() - at - 2))
            && number(&plain[at..at + 2])
    };
    if plain.len() >= 6 && letters(&plain[..2]) && word_after(2) {
        let word = &plain[4..];
        let own = servers.iter().find(|s| s.word.as_bytes() == word);
        if own.is_some() {
            return own;
        }
        if SERVER_LURE_WORDS.contains(&word) {
            return servers.first();
        }
    }
    servers
        .iter()
        .find(|s| s.ending == ending && word_after(0) && plain[2..] == *s.word.as_bytes())
}

/// The numbered server (`LookalikeIndex::servers`) that `label` is named like with its region code left out:
/// a server's own word or a meeting-host word (`SERVER_LURE_WORDS`) and a server's number, `01` to `09`, in
/// either order (`web05`, `05live`). Alone it is someone's name as often as not (`08web.com`), so only
/// `name_on_server_domain` asks, for the registrable label after a vendor's name: none of the Tranco, CrUX,
/// Umbrella or HSTS hosts has the pair (session 44). Other numbers are how radio, news and live-score sites
/// name themselves (`live24.gr` gives its stations subdomains such as `derti.live24.gr`, so a station called
/// `signal` or `zoom` would read as a lookalike; session 46's review), and every row of the shape has `0`
/// first. The server whose word it is answers, else the first (a lure word names no server).
fn region_less_server<'a>(label: &str, servers: &'a [Server]) -> Option<&'a Server> {
    let b = label.as_bytes();
    if b.len() < 4 {
        return None;
    }
    let (word, number) = if b[0].is_ascii_digit() {
        (&b[2..], &b[..2])
    } else {
        (&b[..b.len() - 2], &b[b.len() - 2..])
    };
    if number[0] != b'0' || !number[1].is_ascii_digit() {
        return None;
    }
    let own = servers.iter().find(|s| s.word.as_bytes() == word);
    own.or_else(|| {
        SERVER_LURE_WORDS
            .contains(&word)
            .then(|| servers.first())
            .flatten()
    })
}

/// The numbered server (`LookalikeIndex::servers`) that `label` under `ending` is named like, with the slips
/// of `server_shaped` or its region code left out (`region_less_server`).
fn server_named<'a>(label: &str, ending: &str, servers: &'a [Server]) -> Option<&'a Server> {
    server_shaped(label, ending, servers).or_else(|| region_less_server(label, servers))
}

/// Whether `label` is a region code (two letters), two digits and `word`, in any order, digits kept together:
/// `uk03web`, `ukweb05`, `webus02`, `us02web`.
fn is_server_name(label: &str, word: &str) -> bool {
    let digits: Vec<usize> = label
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    let [d0, d1] = digits[..] else {
        return false;
    };
    if d1 != d0 + 1 || !label.is_ascii() {
        return false;
    }
    let letters = format!("{}{}", &label[..d0], &label[d1 + 1..]);
    letters.len() == word.len() + 2
        && letters.bytes().all(|b| b.is_ascii_lowercase())
        && (letters.starts_with(word) || letters.ends_with(word))
}

// `LookalikeIndex::new`'s loops over many items, each a function of its own (with `numbered_servers` and
// `brand_words_of`): V8 compiles a wasm function whose loops run long with TurboFan in the background, although
// the constructor runs once and never enters that code (no on-stack replacement), and the compile grows with the
// function. With these loops inline (16.7 KB) it cost the Node start-up about 23 M instructions more than with the
// iterator chains (12.6 KB); out of line (9.8 KB), about 15 M fewer (callgrind; docs/size.md, session 41).

/// The byte table that folds a host's bytes (`Fold`).
#[inline(never)]
fn fold_table() -> [Fold; 256] {
    let mut fold = [Fold::default(); 256];
    for end in [b'/', b'?', b'#', b':'] {
        fold[usize::from(end)].end = true;
    }
    for byte in 0u8..128 {
        let c = byte as char;
        let host_byte =
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_');
        if !host_byte {
            continue;
        }
        let folded = normalise(&c.to_string());
        if folded.is_ascii() && (1..=2).contains(&folded.len()) {
            let mut entry = Fold {
                len: folded.len() as u8,
                ..Fold::default()
            };
            entry.bytes[..folded.len()].copy_from_slice(folded.as_bytes());
            fold[usize::from(byte)] = entry;
        }
    }
    fold
}

/// Marks the brand terms that their vendor uses as a host label of one of its official `domains`.
#[inline(never)]
fn mark_brand_labels(needles: &mut [Needle], domains: &[(&str, VendorIndex)]) {
    for needle in needles {
        if let NeedleKind::Brand { label } = &mut needle.kind {
            *label = domains.iter().any(|(domain, v)| {
                *v == needle.vendor && domain.split('.').any(|l| l == needle.text)
            });
        }
    }
}

/// The typing-slip needles of `variant_sources` (vendor, label, distinctive) that are no vendor's real name
/// (`reserved`).
#[inline(never)]
fn push_variants(
    needles: &mut Vec<Needle>,
    variant_sources: &[(VendorIndex, String, bool)],
    reserved: &NameMap,
    fold: &[Fold; 256],
) {
    // Each `(vendor, variant)` once: the map holds each variant's first vendor, `shared_variants` the pairs
    // of a variant another vendor took first (a set of pairs was a table type of its own, `NameMap`).
    let mut seen_variants = NameMap::default();
    let mut shared_variants: Vec<(VendorIndex, String)> = Vec::new();
    for (vendor, label, distinctive) in variant_sources {
        if label.chars().count() < MIN_VARIANT_LABEL {
            continue;
        }
        for (variant, how) in typo_variants(label) {
            let folded = fold_with(fold, &variant);
            if reserved.contains_key(&folded) {
                continue;
            }
            let new = match seen_variants.entry(folded) {
                Entry::Vacant(first) => {
                    first.insert(*vendor);
                    true
                }
                Entry::Occupied(first) if first.get() == vendor => false,
                Entry::Occupied(first) => {
                    let pair = (*vendor, first.key().clone());
                    let new = !shared_variants.contains(&pair);
                    if new {
                        shared_variants.push(pair);
                    }
                    new
                }
            };
            if !new {
                continue;
            }
            let kind = NeedleKind::Variant {
                original: label.clone(),
                how,
                distinctive: *distinctive,
            };
            needles.push(Needle::new(*vendor, kind, &variant));
        }
    }
}

/// Whether `label` of `vendor` is distinctive: the vendor declared it (or a part of it) a brand term
/// (`zoomgov` is; `chime` and `signal`, ordinary words and not brand terms, are not).
fn distinctive(single_brands: &[(VendorIndex, String)], vendor: VendorIndex, label: &str) -> bool {
    single_brands
        .iter()
        .any(|(v, b)| *v == vendor && label.contains(b.as_str()))
}

/// The names that get typing-slip variants, as (vendor, name, distinctive): the one-label official domains'
/// labels, then the single-word brand terms that are no label of their vendor.
#[inline(never)]
fn variant_sources(
    labels: &[(VendorIndex, String)],
    single_brands: &[(VendorIndex, String)],
) -> Vec<(VendorIndex, String, bool)> {
    let mut variant_sources = Vec::with_capacity(labels.len());
    for (vendor, label) in labels {
        variant_sources.push((
            *vendor,
            label.clone(),
            distinctive(single_brands, *vendor, label),
        ));
    }
    for (vendor, brand) in single_brands {
        if !labels.iter().any(|(v, l)| v == vendor && l == brand) {
            variant_sources.push((*vendor, brand.clone(), true));
        }
    }
    variant_sources
}

/// The needles of the one-label official domains' labels.
#[inline(never)]
fn push_label_needles(
    needles: &mut Vec<Needle>,
    labels: &[(VendorIndex, String)],
    single_brands: &[(VendorIndex, String)],
    label_suffixes: &[(VendorIndex, String, String)],
) {
    for (vendor, label) in labels {
        // Shorter than a variant-worthy label (`tel` of tel.meet, `jit` of jit.si), a domain label is an
        // ordinary abbreviation elsewhere: `te1.com` imitates nothing, `j1t.si` imitates jit.si.
        let mut only_on = Vec::new();
        if label.chars().count() < MIN_VARIANT_LABEL && !distinctive(single_brands, *vendor, label)
        {
            for (v, l, suffix) in label_suffixes {
                if v == vendor && l == label {
                    only_on.push(suffix.clone());
                }
            }
        }
        needles.push(Needle::new(*vendor, NeedleKind::Label { only_on }, label));
    }
}

/// The split forms' needles of the names one may split (`slip_names`).
fn push_split_needles(needles: &mut Vec<Needle>, slip_names: &[(VendorIndex, String)]) {
    for (vendor, name) in slip_names {
        for text in split_forms(name) {
            needles.push(Needle::new(*vendor, NeedleKind::Split, &text));
        }
    }
}

/// The one-label official domains under an ending other than a legacy gTLD whose label is a brand term, as
/// (vendor, label, ending), sorted.
fn own_endings(
    label_suffixes: &[(VendorIndex, String, String)],
    single_brands: &[(VendorIndex, String)],
) -> Vec<(VendorIndex, String, String)> {
    let mut own_endings = Vec::new();
    for (vendor, label, suffix) in label_suffixes {
        if label.len() >= MIN_VARIANT_LABEL
            && single_brands.iter().any(|(v, b)| v == vendor && b == label)
            && !LEGACY_GTLDS.contains(&suffix.as_str())
        {
            own_endings.push((*vendor, label.clone(), suffix.clone()));
        }
    }
    crate::sort::sort(&mut own_endings);
    own_endings
}

/// The needles of the vendors' numbered server hosts.
#[inline(never)]
fn push_server_needles(needles: &mut Vec<Needle>, servers: &[Server]) {
    for server in servers {
        needles.push(Needle::new(
            server.vendor,
            NeedleKind::Server,
            &format!("{}.{}.", server.word, server.ending),
        ));
        for number in 0..100 {
            let text = format!("{number:02}.{}.", server.ending);
            needles.push(Needle::new(server.vendor, NeedleKind::Server, &text));
        }
        // The ends of the names one slip off the shape (`server_slip`): one digit after the word
        // (`usweb0`), the word cut short at the end (`us02we`); the others end in two digits or the word.
        for digit in 0..10 {
            let text = format!("{}{digit}.{}.", server.word, server.ending);
            needles.push(Needle::new(server.vendor, NeedleKind::Server, &text));
        }
        let cut = &server.word[..server.word.len() - 1];
        if cut.len() >= 2 {
            let text = format!("{cut}.{}.", server.ending);
            needles.push(Needle::new(server.vendor, NeedleKind::Server, &text));
        }
    }
}

/// The needles grouped by their folded text: the automaton's patterns' texts and each pattern's needles.
#[inline(never)]
fn group_needles(fold: &[Fold; 256], needles: Vec<Needle>) -> (Vec<String>, Vec<Vec<Needle>>) {
    let mut by_text: FixedMap<String, usize> = FixedMap::default();
    let mut patterns: Vec<Vec<Needle>> = Vec::new();
    let mut dotted = String::new();
    for needle in needles {
        if !needle_text(fold, &needle, &mut dotted) {
            continue;
        }
        let id = *by_text.entry(dotted.clone()).or_insert_with(|| {
            patterns.push(Vec::new());
            patterns.len() - 1
        });
        patterns[id].push(needle);
    }
    let mut texts = vec![String::new(); patterns.len()];
    for (text, id) in by_text {
        texts[id] = text;
    }
    (texts, patterns)
}

/// The brand words of a database: single-token brand terms with their typing slips, the vendors whose names
/// are ordinary words, and the two-label service stems (`meet.google`). `labels`: the vendors' official
/// domains that are one label under their public suffix, as (vendor, label).
#[inline(never)]
fn brand_words_of(
    db: &Database,
    single_brands: &[(VendorIndex, String)],
    labels: &[(VendorIndex, String)],
    needles: &[Needle],
    reserved: &NameMap,
    fold: &[Fold; 256],
) -> BrandWords {
    // `brand_words` compares the labels as written (see `check_words`), so its words stay unfolded; `fold`
    // only tells which typing slips are another vendor's real name.
    let mut distinctive: Vec<crate::brand_words::DistinctiveBrand> = Vec::new();
    for (vendor, brand) in single_brands {
        if brand.chars().count() < MIN_VARIANT_LABEL {
            continue;
        }
        let mut variants = Vec::new();
        for (variant, how) in typo_variants(brand) {
            if variant.is_ascii() && !reserved.contains_key(&fold_with(fold, &variant)) {
                variants.push((variant, how));
            }
        }
        distinctive.push((*vendor, brand.clone(), variants));
    }
    let mut stems: Vec<(VendorIndex, String)> = Vec::new();
    for needle in needles {
        if needle.kind == NeedleKind::OfficialStem {
            stems.push((needle.vendor, needle.text.clone()));
        }
    }
    BrandWords::new(&distinctive, &|id| db.get(id), &stems, labels)
}

/// A path pattern with at least one literal segment (`/j/{id}`, `/l/meetup-join/**`). One made of
/// placeholders only (`/{id}`, `/*/{id}`, `/`) matches ordinary pages of any site, so it weighs nothing.
fn is_specific_path(pattern: &PathPattern) -> bool {
    // No literal segment can equal a NUL segment, while every placeholder accepts it.
    const PROBES: &[&str] = &["/", "/\0", "/\0/\0", "/\0/\0/\0", "/\0/\0/\0/\0"];
    PROBES
        .iter()
        .all(|probe| pattern.matches(probe, None, false).is_none())
}

/// `text.split_once('.')` by byte: a `char` search pays its searcher's set-up, more than the few bytes of a
/// registrable domain cost to read (callgrind, `make bench-instructions`).
fn split_at_dot(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b'.')?;
    Some((&text[..at], &text[at + 1..]))
}

/// The text before the first `.` (all of it without one), as `text.split('.').next()`.
fn first_label(text: &str) -> &str {
    split_at_dot(text).map_or(text, |(label, _)| label)
}

/// Whether no `.` or `-` of `host` is next to another or at its start or end: then the screen's table
/// (`host_screen`, which reads `-` as `.`) reads the host as `Tokens` folds it, `.` between tokens.
fn separators_apart(host: &str) -> bool {
    let separator = |b: &u8| matches!(b, b'.' | b'-');
    let bytes = host.as_bytes();
    !bytes.first().is_some_and(separator)
        && !bytes.last().is_some_and(separator)
        && !bytes
            .windows(2)
            .any(|w| separator(&w[0]) && separator(&w[1]))
}

/// Whether a label of `host` starts with `xn--` (an IDN label in its ASCII form).
fn has_idn_label(host: &str) -> bool {
    host.starts_with("xn--") || memchr::memmem::find(host.as_bytes(), b".xn--").is_some()
}

fn is_ipv4(host: &str) -> bool {
    host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// A host (or user name) split into tokens at `.` and `-`, each folded into the comparison space.
struct Tokens {
    /// The folded tokens joined by `.`, between two more `.`: what the automaton searches.
    dotted: String,
    tokens: Vec<Token>,
    /// Number of labels, and how many of them (from the right) are the public suffix.
    labels: usize,
    suffix_labels: usize,
}

struct Token {
    folded: std::ops::Range<usize>,
    original: std::ops::Range<usize>,
    label: usize,
}

/// Where a match lies in the host.
#[derive(Clone)]
struct Place {
    original: std::ops::Range<usize>,
    /// The match reaches into the public suffix.
    in_suffix: bool,
    /// The match runs to the end of the host.
    ends_host: bool,
    /// The match covers part of the registrable label.
    touches_registrable: bool,
    /// The match is exactly the registrable label.
    whole_registrable: bool,
    /// The match ends where the registrable label ends.
    ends_registrable_label: bool,
    /// The registrable label has no `-`.
    registrable_single_token: bool,
}

impl Tokens {
    /// `suffix_labels`: how many labels on the right are the public suffix (`None` for a user name).
    /// `fold(token, out)` appends the folded token to `out`.
    fn new(text: &str, suffix_labels: Option<usize>, fold: &dyn Fn(&str, &mut String)) -> Tokens {
        // Room for every byte folded to two (`m` reads `rn`) and the dots around: never grown.
        let mut folded = String::with_capacity(2 * text.len() + 2);
        folded.push('.');
        // A token a byte at most, and a host has a few: sized once instead of grown.
        let mut tokens = Vec::with_capacity(8);
        let mut label = 0;
        let mut start = 0;
        // By byte: the separators are ASCII, so they are never inside a character, and the token before one
        // ends on a character boundary (a walk by `char` cost the check of a host about 300 instructions).
        let bytes = text.as_bytes();
        for i in 0..=bytes.len() {
            let byte = bytes.get(i).copied().unwrap_or(b'.');
            if !matches!(byte, b'.' | b'-' | b':' | b'@') {
                continue;
            }
            if i > start {
                if !tokens.is_empty() {
                    folded.push('.');
                }
                // Offsets count in the folded host without the leading `.`.
                let begin = folded.len() - 1;
                fold(&text[start..i], &mut folded);
                tokens.push(Token {
                    folded: begin..folded.len() - 1,
                    original: start..i,
                    label,
                });
            }
            if byte == b'.' {
                label += 1;
            }
            start = i + 1;
        }
        let labels = label;
        folded.push('.');
        Tokens {
            dotted: folded,
            tokens,
            labels,
            suffix_labels: suffix_labels.unwrap_or(0),
        }
    }

    /// Where the needle at `[start, end)` of the folded text lies. The tokens it covers are consecutive (the
    /// tokens' folded ranges are in order and apart), and so are the registrable label's (labels in order):
    /// both are index ranges, so nothing is collected (two lists a match cost the check of a host about 250
    /// instructions, callgrind).
    fn place(&self, start: usize, end: usize) -> Place {
        let covers = |t: &Token| t.folded.start < end && t.folded.end > start;
        let first = self.tokens.iter().position(covers);
        let covered = first.map_or(0..0, |first| {
            let count = self.tokens[first..]
                .iter()
                .take_while(|t| covers(t))
                .count();
            first..first + count
        });
        let suffix_from = self.labels.saturating_sub(self.suffix_labels);
        let registrable = suffix_from
            .checked_sub(1)
            .filter(|_| self.suffix_labels > 0);
        let label_of = |i: usize| Some(self.tokens[i].label);
        let in_suffix =
            self.suffix_labels > 0 && covered.clone().any(|i| self.tokens[i].label >= suffix_from);
        let reg_first = self
            .tokens
            .iter()
            .position(|t| Some(t.label) == registrable);
        let reg_tokens = reg_first.map_or(0..0, |first| {
            let count = self.tokens[first..]
                .iter()
                .take_while(|t| Some(t.label) == registrable)
                .count();
            first..first + count
        });
        let touches_registrable = covered.clone().any(|i| label_of(i) == registrable);
        let whole_registrable = !reg_tokens.is_empty() && covered == reg_tokens;
        let ends_registrable_label =
            !reg_tokens.is_empty() && !covered.is_empty() && reg_tokens.end == covered.end;
        Place {
            original: if covered.is_empty() {
                0..0
            } else {
                self.tokens[covered.start].original.start..self.tokens[covered.end - 1].original.end
            },
            in_suffix,
            ends_host: end + 2 == self.dotted.len(),
            touches_registrable,
            whole_registrable,
            ends_registrable_label,
            registrable_single_token: reg_tokens.len() == 1,
        }
    }
}

/// The automaton's pattern for `needle`, written into `dotted` (cleared first); `false` when the needle folds to
/// nothing. Needles only count on token boundaries: searching for `.needle.` in `.host.` makes every match
/// one, with no check afterwards. Brand words for `brand_words` are searched anywhere.
fn needle_text(fold: &[Fold; 256], needle: &Needle, dotted: &mut String) -> bool {
    let bare = matches!(needle.kind, NeedleKind::Words | NeedleKind::Server);
    dotted.clear();
    if !bare {
        dotted.push('.');
    }
    let start = dotted.len();
    fold_into(fold, &needle.text, dotted);
    if dotted.len() == start {
        return false;
    }
    if !bare {
        dotted.push('.');
        if matches!(needle.kind, NeedleKind::Ending | NeedleKind::Shared) {
            dotted.push(char::from(HOST_END));
        }
    }
    true
}

/// `fold_with`, appended to `out`: byte by byte where every byte folds to ASCII (a host's tokens, almost
/// always), without the string `fold_with` builds, which cost the lookalike check of a host an allocation a
/// token (callgrind, `make bench-instructions`); anything else through `fold_with`.
fn fold_into(table: &[Fold; 256], text: &str, out: &mut String) {
    let start = out.len();
    for &byte in text.as_bytes() {
        let fold = table[usize::from(byte)];
        // One or two ASCII bytes, pushed as they are (an iterator over the slice of them cost about ten
        // instructions more a byte).
        let [first, second] = fold.bytes;
        let ascii = match fold.len {
            1 => first.is_ascii(),
            2 => first.is_ascii() && second.is_ascii(),
            _ => false,
        };
        if !ascii {
            out.truncate(start);
            out.push_str(&fold_with(table, text));
            return;
        }
        out.push(char::from(first));
        if fold.len == 2 {
            out.push(char::from(second));
        }
    }
}

/// `normalise` through the byte table when the text is plain host ASCII (the skeleton is per character there,
/// and the table holds it), else the full skeleton.
fn fold_with(table: &[Fold; 256], text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    for &byte in text.as_bytes() {
        let fold = table[usize::from(byte)];
        if fold.len == 0 {
            return normalise(text);
        }
        out.extend_from_slice(&fold.bytes[..usize::from(fold.len)]);
    }
    String::from_utf8(out).unwrap_or_else(|_| normalise(text))
}

/// The comparison space: lower-cased TR39 confusable skeleton without diacritics, `-` read as `.`. `zo0m`,
/// `zооm` (Cyrillic), `zööm` and `zoom` all give `zoorn` (TR39 maps `m` to `rn`, so `zoorn` gives it too).
/// Diacritics go because people read past them (`zööm.us` passes for zoom.us), as Chromium's lookalike check
/// also assumes. A table built from the skeleton (`crate::fold`).
pub fn normalise(text: &str) -> String {
    crate::fold::normalise(text)
}

/// Typosquat variants of a label: repetition, adjacent swap, look-alike substitution and (long labels) omission
/// of any letter but the first.
fn typo_variants(label: &str) -> Vec<(String, &'static str)> {
    let chars: Vec<char> = label.chars().collect();
    // Each variant written once into a string of its size (a copy of `chars` edited and collected was about
    // 2 M of the start-up's instructions, callgrind).
    let join = |parts: &[&[char]]| -> String {
        let mut out = String::with_capacity(label.len() + 4);
        for part in parts {
            out.extend(part.iter());
        }
        out
    };
    let mut out = Vec::new();
    for i in 0..chars.len() {
        out.push((join(&[&chars[..=i], &chars[i..]]), "a letter repeated"));
        // Dropping the first letter makes other words (`hereby` from `whereby`), not typing slips.
        if chars.len() >= MIN_OMISSION_LABEL && i > 0 {
            out.push((join(&[&chars[..i], &chars[i + 1..]]), "a letter left out"));
        }
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let swapped = [chars[i + 1], chars[i]];
            out.push((
                join(&[&chars[..i], &swapped, &chars[i + 2..]]),
                "two letters swapped",
            ));
        }
        let substitutes: &[&str] = match chars[i] {
            'l' => &["i"],
            'i' => &["l", "1"],
            'w' => &["vv"],
            'e' => &["3"],
            'a' => &["4"],
            's' => &["5"],
            _ => &[],
        };
        for substitute in substitutes {
            let mut replaced = join(&[&chars[..i]]);
            replaced.push_str(substitute);
            replaced.extend(&chars[i + 1..]);
            out.push((replaced, "a look-alike character"));
        }
    }
    out.retain(|(v, _)| v != label);
    out
}

/// `name` cut in two by a separator (`whats.app`), each piece two letters or more, and with the letter at the
/// cut written on both sides (`whats.sapp`, `whatsa.app`): `NeedleKind::Split`'s texts, between label
/// boundaries (`.whats.app.`).
fn split_forms(name: &str) -> Vec<String> {
    let mut forms = Vec::new();
    if !name.is_ascii() || name.len() < 4 {
        return forms;
    }
    for cut in 2..=name.len() - 2 {
        let (left, right) = name.split_at(cut);
        forms.push(format!("{left}.{right}"));
        forms.push(format!("{left}.{}{right}", &left[left.len() - 1..]));
        forms.push(format!("{left}{}.{right}", &right[..1]));
    }
    forms
}

/// How `written` is `name` with letters doubled (`webbexx` of `webex`, `zooom` of `zoom`): the same letters in
/// the same order, some written more times, none fewer.
fn doubled_letters(written: &str, name: &str) -> Option<&'static str> {
    let (w, n) = (written.as_bytes(), name.as_bytes());
    if w.len() <= n.len() {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    while j < n.len() {
        let letter = n[j];
        let in_name = n[j..].iter().take_while(|&&b| b == letter).count();
        let in_written = w[i..].iter().take_while(|&&b| b == letter).count();
        if in_written < in_name {
            return None;
        }
        i += in_written;
        j += in_name;
    }
    (i == w.len()).then_some(if w.len() == n.len() + 1 {
        "a letter doubled"
    } else {
        "letters doubled"
    })
}

/// Whether `word`, one letter changed or two swapped from `name` (`brand_words::misspelling`), is so as a typist's
/// slip or an imitator's look-alike makes it: two neighbours swapped (`slcak`), a vowel for a vowel (`signel`) or a
/// look-alike letter (`slgnal`). A consonant changed is most often another language's word or a company's name
/// one letter from `teams`/`slack`/`signal`: `teads` (Teads, an ad platform), `cignal` (a Philippine pay-TV),
/// `slask` (Polish, Silesia), `klack`, names of the Tranco and CrUX lists that no English word list holds (review
/// of s49-recall49, finding 1).
fn typed_slip(word: &str, name: &str) -> bool {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut changed = word.bytes().zip(name.bytes()).filter(|(a, b)| a != b);
    match (changed.next(), changed.next()) {
        (Some((a, b)), None) => {
            (vowel(a) && vowel(b)) || crate::brand_words::is_look_alike(a.into(), b.into())
        }
        // Two letters differ: `misspelling` found them swapped neighbours.
        _ => true,
    }
}

/// New generic top-level domains sold cheaply and over-represented among phishing domains (the issue's own
/// list, and the most-abused lists Spamhaus publishes): the vendor's bare name there (`zoom.cheap`) is not a
/// namesake's site (`zoom.earth`) but a throwaway imitation. Spamhaus on why:
/// https://www.spamhaus.org/resource-hub/domain-reputation/spamhaus-presents-the-worlds-worst-top-level-domains/
/// (promotional prices, even free names, no body of legitimate old registrations).
///
/// Public for the wasm package's `cheapEndings`: the extension's prefilter holds a changed ordinary-word name
/// (`slipped_name`) only under these.
pub const CHEAP_SUFFIXES: &[&str] = &[
    "top", "buzz", "click", "link", "site", "one", "cheap", "xyz", "icu", "cyou", "rest", "cfd",
    "sbs", "bond", "monster", "quest", "lol", "online", "live", "support", "shop", "store", "fun",
    "space", "website", "pro",
    // An ending that is itself a lure word: `zoom.app-center.download` is no one's page about Zoom.
    "download",
    // The rest of the endings of Radix, the registry of `online`, `site`, `website`, `store`, `space` and `fun`
    // above, sold through the same registrars at the same promotional prices (Tucows Registry's list of Radix's
    // endings: https://support.tucowsregistry.com/en/support/solutions/articles/201000124351-transition-to-tucows-registry-services).
    "tech", "host", "press", "uno",
    // Freenom's five country endings, given away free to anyone (Tokelau, Mali, Gabon, Central African Republic,
    // Equatorial Guinea): half of the ten endings most used for phishing in Interisle's studies of 2021 and 2022,
    // as Meta's lawsuit against Freenom quoted them (Krebs on Security, "Phishing Domains Tanked After Meta Sued
    // Freenom", 2023-05-26: https://krebsonsecurity.com/2023/05/phishing-domains-tanked-after-meta-sued-freenom/).
    // Not a country's namesakes (`is_country_namespace`).
    "tk", "ml", "ga", "cf", "gq",
];

/// Free hosts' suffixes (the Public Suffix List's private section): static-site and app hosting and tunnels,
/// where anyone who signs up makes `<name>.<suffix>`, the name of their choosing, with no address registered.
/// A vendor's long name misspelt as that name (`discorcd.surge.sh`, `wahtsaipp.pages.dev`) is an imitation as
/// under `com` (issue 11's "brand on free hosting"; `edited_name`), said in its own words: no address was
/// registered there. Dynamic-DNS services' suffixes count too, from their own list (`is_free_host`:
/// `crate::psl::is_dynamic_dns`, `ddns.net`, `duckdns.org`), not from this one.
///
/// Chosen by a rule, session 48 (the rule and the list came in one commit with the engine change, and CrUX is
/// itself one of the guard lists): the private suffixes with at least 15 hosts in the CrUX top million
/// (tests/data/real/crux-top1m.txt, counted with the list's private rules) whose names their users pick
/// themselves. Left out, each with at least 15 hosts there: blogs (`blogspot.com`, `hatenablog.com`: a blog's
/// name, and 79 of the bench corpus's URLs); CDNs' generated names (`cloudfront.net`, `azurefd.net`,
/// `global.ssl.fastly.net`) and a storage service's bucket names (`cdn.digitaloceanspaces.com`: files, not
/// sites); shops (`myshopify.com`); paid hosting (`sakura.ne.jp`); a proxy (`translate.goog`); Google's own
/// (`withgoogle.com`); the UK government's own (`service.gov.uk`); and names registered through a registry,
/// not handed out by a host, where session 47's "registered" is true but the suffix is a company's: the
/// pseudo-country ones (`SuffixClass::Shared`; `jpn.com`, CentralNic's), the regional and city names
/// (`spb.ru`; the grandfathered Polish `krakow.pl`, `lodz.pl`, `poznan.pl`, `wroc.pl`, `lublin.pl`), a
/// former AFNIC second level (`aeroport.fr`, Smallregistry's) and `pp.ua` (Service Online LLC's, sold with
/// `biz.ua` and `co.ua` through registrars: its names are registered domains, free to a Ukrainian phone
/// number, so "an address anyone can make on `pp.ua`" would not be the right words). Added beyond the rule:
/// the free hosts of issue 11, of session 47's notes and of the lookalike corpus's tune rows (`surge.sh`,
/// `ngrok.io`, `repl.co`), and ngrok's other suffixes (tunnels are not browsed top sites: `ngrok-free.app`
/// has no host in CrUX). Not reachable this way: a free host that is not in the list (`glitch.me`), whose
/// user's name is a label of the host's own registrable domain. The screen lets every host under these and the
/// dynamic-DNS suffixes through (`NeedleKind::Ending`); none is in the bench corpus.
const FREE_HOST_SUFFIXES: &[&str] = &[
    "pages.dev",
    "github.io",
    "azurewebsites.net",
    "firebaseapp.com",
    "vercel.app",
    "netlify.app",
    "web.app",
    "appspot.com",
    "altervista.org",
    "workers.dev",
    "herokuapp.com",
    "gitlab.io",
    "wixsite.com",
    "onrender.com",
    "readthedocs.io",
    "bitbucket.io",
    "surge.sh",
    "ngrok.io",
    // ngrok's other suffixes (the list's block "ngrok : https://ngrok.com/"): `ngrok-free.app` and
    // `ngrok-free.dev` are what a free account's tunnels get now, `ngrok.io`'s regional names its older ones.
    "ngrok-free.app",
    "ngrok-free.dev",
    "ngrok.app",
    "ngrok.dev",
    "ap.ngrok.io",
    "au.ngrok.io",
    "eu.ngrok.io",
    "in.ngrok.io",
    "jp.ngrok.io",
    "sa.ngrok.io",
    "us.ngrok.io",
    "repl.co",
];

/// Whether `suffix` is a free host's (`FREE_HOST_SUFFIXES`) or a dynamic-DNS service's
/// (`crate::psl::is_dynamic_dns`: `duckdns.org`, `hopto.org`, one name to anyone who signs up), as the list's
/// private rule: one list of dynamic-DNS suffixes, the one `Why::BrandOnDynamicDns` reads.
fn is_free_host(suffix: crate::psl::Suffix<'_>) -> bool {
    suffix.kind == crate::psl::SuffixKind::Private
        && (FREE_HOST_SUFFIXES.contains(&suffix.text) || crate::psl::is_dynamic_dns(suffix.text))
}

/// Where `edited_name` found a misspelt name, which decides the edits it takes and the reason's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditedAt<'a> {
    /// Under a cheap ending: a letter changed for one of the name's own counts too.
    CheapEnding,
    /// Under a one-label ending or a country's of two: an address registered.
    Registered,
    /// The name a free host gave its user, on that host's suffix (`FREE_HOST_SUFFIXES`).
    FreeHost(&'a str),
}

/// How `LookalikeIndex::misspelt_name` ends its reason.
#[derive(Debug, Clone, Copy)]
enum Context<'a> {
    /// The words after the misspelling ("as addresses registered to catch a mistyped name are").
    Said(&'a str),
    /// An address anyone can make on this free host (`Why::MisspeltOnFreeHost`).
    FreeHost(&'a str),
}

/// Vendors' names that are no word of any language but the trade name itself (`skype`, `webex`, `whatsapp`,
/// `teamviewer`). Under a new word ending (`SuffixClass::Word`) the exact name alone is evidence for them, where
/// for a word (`zoom.earth`, a weather map; `discord.place`, `slack.engineering`, `signal.art`: all in the
/// Tranco top million, tests/data/real/tranco-top1m.txt) it is a phrase of its own. The list was decided
/// by what the names are, then checked against the popular lists: neither the Tranco top million nor the HSTS
/// preload list holds any of these names alone under a new word ending.
pub(crate) const COINED_NAMES: &[&str] = &["skype", "webex", "whatsapp", "teamviewer"];

/// Vendors whose apps and sites mainland China blocks (its "Great Firewall"), each a vendor id that is also
/// its name as written in a host (`blocked_in_china`):
/// - WhatsApp, since September 2017 (Fast Company, "WhatsApp is now almost fully blocked in China",
///   2017-09-26: https://www.fastcompany.com/40473046/whatsapp-is-now-almost-fully-blocked-in-china);
/// - Signal, since March 2021 (Protocol, "Is Signal blocked in China?", 2021-03-16:
///   https://www.protocol.com/is-signal-blocked-in-china);
/// - Discord (SlashGear, "Why Discord Is Blocked In China":
///   https://www.slashgear.com/1903247/discord-blocked-in-china-alternate-apps).
///
/// Not Google's Meet: Google keeps sites under `.cn` (`google.cn`, `developers.google.cn`), and `meet` is in
/// Chinese companies' names (`zohomeeting.com.cn`). Not Messenger, which has no brand word to find.
const BLOCKED_IN_CHINA: &[&str] = &["whatsapp", "signal", "discord"];

/// The generic endings opened between 2001 and 2005, before the new word endings of 2013 on. Each opened with a
/// sunrise period for trade-mark holders, as `.info` and `.biz` did (general knowledge, not checked against a
/// registry's page here), and brand owners took their names there (`whatsapp.mobi` is in the Tranco top
/// million; its owner was not looked up), so a coined name there is as likely the vendor's own as under an old
/// generic ending.
const EARLY_GENERIC_ENDINGS: &[&str] = &[
    "aero", "asia", "cat", "coop", "jobs", "mobi", "museum", "name", "post", "tel", "travel", "xxx",
];

/// Whether `name` is a coined name (`COINED_NAMES`) and `ending` a new word ending (not an early generic one):
/// `skype.party`, not `whatsapp.mobi`.
fn is_coined_on_new_ending(name: &str, ending: &str) -> bool {
    COINED_NAMES.contains(&name) && !EARLY_GENERIC_ENDINGS.contains(&ending)
}

/// Country codes sold worldwide as generic endings (`.co` for "company", `.io`, `.me`, `.tv`, …) and Zoom's
/// own `.us`: a name under them is no country's namesake, so they stay with the old generic domains.
const GENERIC_COUNTRY_CODES: &[&str] = &[
    "us", "co", "io", "me", "tv", "cc", "ws", "ai", "gg", "to", "ly", "fm", "am", "la", "vc", "sh",
    "so",
];

/// Whether `registrable` (`zoom.co.jp`, `zoom.nl`) sits under a country's own ending: an ICANN suffix whose
/// top-level label is a two-letter country code, not one of `GENERIC_COUNTRY_CODES`.
fn is_country_namespace(registrable: &str) -> bool {
    crate::psl::suffix(registrable).is_some_and(is_country_suffix)
}

/// `is_country_namespace` of a domain whose public suffix is `suffix`.
fn is_country_suffix(suffix: crate::psl::Suffix<'_>) -> bool {
    let tld = suffix.text.rsplit('.').next().unwrap_or(suffix.text);
    suffix.kind == crate::psl::SuffixKind::Icann
        && tld.len() == 2
        && tld.bytes().all(|b| b.is_ascii_lowercase())
        && !GENERIC_COUNTRY_CODES.contains(&tld)
        && !CHEAP_SUFFIXES.contains(&tld)
}

/// The old generic top-level domains, read like country codes (see `SuffixClass::Ordinary`).
const LEGACY_GTLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int",
];

/// What a host's public suffix says about who may hold the vendor's bare name under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SuffixClass {
    /// Country codes, the old generic domains (`com`, `net`, `org`, …), hosting services (`github.io`, where
    /// vendors have their own accounts: `zoom.github.io` is Zoom's) and anything else: the vendor's name there
    /// is someone's name or the vendor's expected country site (`zoom.de`), an imitation only with its paths.
    Ordinary,
    /// A pseudo-country suffix a company sells names under (in the public suffix list's private section, two
    /// letters under an old generic domain: `us.org`, `uk.com`, `eu.com`, or an old generic domain or `co`
    /// under a country code: `com.ru`, `com.de`, `co.nl`): it reads like a country's domain, yet anyone can
    /// take a name there, so `slack.com.ru` reads as `slack.com` in Russia.
    Shared,
    /// An ending of `CHEAP_SUFFIXES`: new generic ones, and Freenom's free country endings.
    Cheap,
    /// A dynamic-DNS service's suffix (`crate::psl::is_dynamic_dns`: `ddns.net`, `duckdns.org`): the name under it is one that
    /// anyone took for free in a minute, for a home server or a throw-away site, never a vendor's.
    DynamicDns,
    /// Any other new generic top-level domain, an ordinary word (`earth`, `photography`): a name under it reads
    /// as a phrase of its own (`zoom.earth`, a weather map).
    Word,
}

impl SuffixClass {
    fn of(suffix: crate::psl::Suffix<'_>) -> SuffixClass {
        let tld = suffix.text.rsplit('.').next().unwrap_or(suffix.text);
        if suffix.kind == crate::psl::SuffixKind::Private {
            let pseudo_country = suffix.text.split_once('.').is_some_and(|(first, last)| {
                let generic = |label: &str| label == "co" || LEGACY_GTLDS.contains(&label);
                (first.len() == 2 && generic(last)) || (generic(first) && last.len() == 2)
            });
            return if pseudo_country {
                SuffixClass::Shared
            } else {
                SuffixClass::Ordinary
            };
        }
        if suffix.text.contains('.') || LEGACY_GTLDS.contains(&tld) {
            SuffixClass::Ordinary
        } else if CHEAP_SUFFIXES.contains(&tld) {
            SuffixClass::Cheap
        } else if tld.len() <= 2 {
            SuffixClass::Ordinary
        } else if tld.is_ascii() && !tld.starts_with("xn--") {
            SuffixClass::Word
        } else {
            SuffixClass::Ordinary
        }
    }
}

/// Whether `ending` is a whole top-level domain of ICANN's new generic ones, neither an old generic one, a
/// country's nor one of `CHEAP_SUFFIXES`: the only kind a brand owner can run as its own registry (`rules check`
/// holds `[domains] owner_endings` to it, so that a slip cannot exempt `com` or `top`).
pub(crate) fn is_brand_registry_ending(ending: &str) -> bool {
    let host = format!("x.{ending}");
    crate::psl::suffix(&host).is_some_and(|suffix| {
        suffix.text == ending
            && suffix.kind == crate::psl::SuffixKind::Icann
            && SuffixClass::of(suffix) == SuffixClass::Word
    })
}

/// Where the registrable label (the label left of the public suffix) starts in `host`; `registrable` is the
/// registrable domain (`grupo-zoom.com` of `www.grupo-zoom.com`).
fn registrable_label_start(host: &str, registrable: &str) -> usize {
    host.len().saturating_sub(registrable.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index as it runs and with every shortcut off, to compare their answers.
    fn fast_and_full(db: &crate::Database) -> (LookalikeIndex, LookalikeIndex) {
        let fast = LookalikeIndex::new(db, &[]);
        // The skip needs the screen's table, which the full check alone does not build (`has_no_needle`).
        fast.host_dfa();
        (fast, LookalikeIndex::new(db, &[]).exhaustive())
    }

    /// The bundled vendors as rules files give them, to change and compile again (`Database::from_vendors`).
    fn bundled_vendors() -> Vec<crate::rules::Vendor> {
        crate::Database::bundled()
            .entries
            .into_iter()
            .map(|e| e.vendor)
            .collect()
    }

    /// Each typo variant is a needle once per vendor (`seen_variants`: `zoom` gives `zooom` twice), and a variant
    /// that two vendors' names both give is kept for each (`shared_variants`): the bundled database has none, so
    /// two made-up brand terms give `qwertyui` (the last letter left out) to two vendors.
    #[test]
    fn each_vendor_keeps_its_typo_variants_once_shared_ones_included() {
        let mut vendors = bundled_vendors();
        vendors[0].brand_terms.push("qwertyuia".into());
        vendors[1].brand_terms.push("qwertyuib".into());
        let db = crate::Database::from_vendors(vendors).unwrap();
        let index = LookalikeIndex::new(&db, &[]);
        let mut pairs: Vec<(usize, VendorIndex)> = Vec::new();
        let mut shared: Vec<VendorIndex> = Vec::new();
        for (id, needles) in index.patterns.iter().enumerate() {
            for needle in needles {
                if matches!(needle.kind, NeedleKind::Variant { .. }) {
                    pairs.push((id, needle.vendor));
                    if needle.text == "qwertyui" {
                        shared.push(needle.vendor);
                    }
                }
            }
        }
        let count = pairs.len();
        pairs.sort();
        pairs.dedup();
        assert_eq!(pairs.len(), count, "a (vendor, variant) needle twice");
        shared.sort();
        assert_eq!(shared, [0, 1]);
    }

    /// The call-key rule is the shapes' `fragment_key`, not a vendor's name: moved from Signal's call link to an
    /// invented Slack link (`/huddle#room=<two groups of three digits>`, not Slack's), it follows the data.
    /// Invented hosts.
    #[test]
    fn a_key_in_the_fragment_counts_for_whichever_vendor_s_shape_names_it() {
        let mut vendors = bundled_vendors();
        let signal = vendors.iter().position(|v| v.id == "signal").unwrap();
        let slack = vendors.iter().position(|v| v.id == "slack").unwrap();
        let call = vendors[signal]
            .pages
            .iter_mut()
            .find(|p| p.fragment_key.is_some())
            .expect("Signal's call link names its key");
        call.fragment_key = None;
        let mut huddle = call.clone();
        huddle.hosts = vec!["app.slack.com".into()];
        huddle.paths = vec!["/huddle".into()];
        huddle.matches = vec!["https://app.slack.com/huddle#room=123-456".into()];
        huddle.no_matches.clear();
        huddle.fragment_key = Some("room=groups:0123456789:2x3".into());
        vendors[slack].pages.push(huddle);
        let db = crate::Database::from_vendors(vendors).unwrap();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |host: &str, path: &str, fragment: &str| {
            index
                .check_host_reading_path(host, path, fragment)
                .0
                .map(|hit| db.entries[hit.vendor].vendor.id.clone())
        };
        let key = "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx";
        assert_eq!(
            vendor(
                "signal.example-trading.com",
                "/call/",
                &format!("key={key}")
            ),
            None
        );
        assert_eq!(
            vendor("slack.example-trading.com", "/huddle", "room=123-456").as_deref(),
            Some("slack")
        );
        for fragment in [
            "",
            "room=123456",
            "room=123-45",
            "room=123-4567",
            "room=123-456&room=123-456",
            "key=123-456",
        ] {
            assert_eq!(
                vendor("slack.example-trading.com", "/huddle", fragment),
                None,
                "{fragment}"
            );
        }
    }

    /// Signal's key (`key=groups:bcdfghkmnpqrstxz:8x4`, signal.toml's `fragment_key`): its letters, eight groups of
    /// four joined by `-`, no group one letter four times (ringrtc refuses those keys), one `key` item only.
    #[test]
    fn a_grouped_fragment_key_reads_signal_s_keys() {
        let key = FragmentKey::parse("key=groups:bcdfghkmnpqrstxz:8x4").unwrap();
        assert!(key.in_fragment("key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx"));
        for refused in [
            "bbbb-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
            "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtza",
            "BCDF-GHKM-NPQR-STXZ-CBDG-FHKN-MQPS-RTZX",
            "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps",
            "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx-",
            "bcdfghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx-",
            "bcdf_ghkm_npqr_stxz_cbdg_fhkn_mqps_rtzx",
            "bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx&key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
        ] {
            assert!(!key.in_fragment(&format!("key={refused}")), "{refused}");
        }
        // A non-ASCII character is no letter: without `in_alphabet`'s `b < 128`, release builds (no overflow checks)
        // wrap `1 << b` for a byte of 128 or more, and `°` (C2 B0) would read as `B` and `0` (review, session 43).
        let two = FragmentKey::parse("k=groups:0B:1x2").unwrap();
        assert!(two.in_fragment("k=0B"));
        assert!(!two.in_fragment("k=\u{b0}"));
        for bad in [
            "groups:bcdfghkmnpqrstxz:8x4",
            "=groups:abc:8x4",
            "a&b=groups:abc:8x4",
            "key=digits:6-6",
            "key=groups:",
            "key=groups:abc",
            "key=groups:abc:8",
            "key=groups:abc:0x4",
            "key=groups:abc:8x1",
            "key=groups::8x4",
            "key=groups:a-b:8x4",
            "key=groups:a&b:8x4",
            "key=groups:a=b:8x4",
            "key=groups:a#b:8x4",
            "key=groups:abc:256x4",
            "key=groups:abc:8x256",
            "k12345678901234567=groups:abc:8x4",
        ] {
            assert!(FragmentKey::parse(bad).is_none(), "{bad}");
        }
    }

    /// A list of tests/data/real/.
    fn real_list(file: &str) -> String {
        let path = format!("{}/tests/data/real/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The host check's shortcuts (`BrandWords::shortcuts`: letter masks before the distance table, an
    /// ordinary-word name in a subdomain not split into words, the host's suffix taken for its registrable
    /// domain's) change no answer: every host of the real-world lists (the threat reports' lookalikes, the
    /// benign near-misses, the reviewed Tranco and HSTS preload alarms), bare and with each vendor's join path,
    /// gets the same hit or none, with the same reason, and reads the path alike, with them and without.
    #[test]
    fn the_host_check_s_shortcuts_change_no_answer() {
        let db = crate::Database::bundled();
        let (fast, full) = fast_and_full(&db);
        let paths = [
            "/",
            "/j/85123456789",
            "/l/meetup-join/19%3ameeting_ZmQ2NjEyYzctNDA5Yi00YTRj%40thread.v2/0",
            "/abc-defg-hij",
            "/huddle/T07LSULVCQY/C07L45LKYHY",
            "/invite/Xy12Ab34Cd56",
            "/meet/jsmith",
            "/video/AbCdEfGhIjKlMnOpQrStUv",
            "/join/123456789",
        ];
        let (mut hosts, mut hits) = (0, 0);
        for file in [
            "lookalikes.tsv",
            "benign-near-misses.txt",
            "tranco-alarms.txt",
            "hsts-preload-alarms.txt",
        ] {
            for line in real_list(file).lines() {
                let host = line.split(['#', '\t']).next().unwrap_or("").trim();
                if host.is_empty() {
                    continue;
                }
                hosts += 1;
                for path in paths {
                    let answer = fast.check_host_reading_path(host, path, "");
                    assert_eq!(
                        answer,
                        full.check_host_reading_path(host, path, ""),
                        "{host}{path}"
                    );
                    hits += usize::from(answer.0.is_some());
                }
            }
        }
        // The lists were read: hundreds of hosts, most of the lookalikes caught.
        assert!(hosts > 500 && hits > 3000, "{hosts} hosts, {hits} hits");
    }

    /// A host with no needle of the screen's table skips the tokens and the automaton (`has_no_needle`): the
    /// same answers as the full check for Tranco's top 10,000 hosts (most of them with no needle) and the
    /// lookalikes (misspelt names, which have none and are caught all the same), bare, with `www.`, under a
    /// cheap ending and with separators side by side, under each of two paths; and the skip is taken.
    #[test]
    fn hosts_without_needles_get_the_full_check_s_answers() {
        let db = crate::Database::bundled();
        let (fast, full) = fast_and_full(&db);
        let (mut skipped, mut skipped_hits) = (0, 0);
        for file in ["tranco-top10k.txt", "lookalikes.tsv"] {
            for line in real_list(file).lines() {
                let host = line.split(['#', '\t']).next().unwrap_or("").trim();
                if host.is_empty() {
                    continue;
                }
                let label = host.split('.').next().unwrap_or(host);
                for host in [
                    host.to_string(),
                    format!("www.{host}"),
                    format!("{label}.xyz"),
                    format!("{label}-.{host}"),
                    format!("-{host}"),
                ] {
                    for path in ["/", "/j/85123456789"] {
                        let answer = fast.check_host_reading_path(&host, path, "");
                        assert_eq!(
                            answer,
                            full.check_host_reading_path(&host, path, ""),
                            "{host}{path}"
                        );
                        if fast.has_no_needle(&host) && !has_idn_label(&host) {
                            skipped += 1;
                            skipped_hits += usize::from(answer.0.is_some());
                        }
                    }
                }
            }
        }
        assert!(
            skipped > 20_000 && skipped_hits > 10,
            "{skipped} skipped, {skipped_hits} hits among them"
        );
        // Separators side by side read differently by the table and the tokens: no skip.
        for host in [
            "a-.example.com",
            "a.-example.com",
            "-example.com",
            "example-.com",
        ] {
            assert!(!separators_apart(host), "{host}");
        }
        assert!(fast.has_no_needle("example.com"));
        assert!(!fast.has_no_needle("zoom-install.com"));
    }

    #[test]
    fn ascii_fold_agrees_with_the_skeleton() {
        // The fast path folds byte by byte through a table; the full path folds whole strings. They must agree.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let host_bytes = ('a'..='z').chain('0'..='9').chain(['.', '-', '_']);
        for c in host_bytes {
            let text = c.to_string();
            assert_eq!(index.fold_text(&text), normalise(&text), "{c:?}");
        }
        for text in [
            "zoom.us",
            "z00m-us",
            "meet.google.com",
            "teams-microsoft",
            "a_b.1.io",
        ] {
            assert_eq!(index.fold_text(text), normalise(text), "{text}");
        }
        // The tokens' fold appends what `fold_with` returns: by bytes for plain tokens, through `fold_with` for
        // non-ASCII ones.
        for text in [
            "z00m",
            "rnicrosoft",
            "zооm",
            "zööm",
            "Zoom",
            "teams_app",
            "",
        ] {
            let mut out = String::from(".prefix.");
            fold_into(&index.fold, text, &mut out);
            assert_eq!(out, format!(".prefix.{}", fold_with(&index.fold, text)));
        }
        assert_eq!(normalise("zооm"), normalise("zoom"));
        assert_eq!(normalise("zööm"), normalise("zoom"));
        assert_eq!(normalise("z0om"), normalise("zoorn"));
    }

    #[test]
    fn variants_cover_the_classic_typos() {
        let variants: Vec<String> = typo_variants("zoom").into_iter().map(|(v, _)| v).collect();
        assert!(variants.contains(&"zooom".to_string()));
        assert!(variants.contains(&"zomo".to_string()));
        assert!(
            !variants.contains(&"zoo".to_string()),
            "too short to drop letters"
        );
        let long: Vec<String> = typo_variants("whereby")
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert!(long.contains(&"wherby".to_string()));
        assert!(!long.contains(&"hereby".to_string()));
    }

    /// The screen's table against the plain way: fold the host, search `.folded.` with the automaton.
    /// `None`: the full path (a needle, or something unusual); else where the host ends and whether a shared
    /// host's needle matched. A wrapper host whose path decides is no needle here (the screen's caller looks
    /// at the path), nor a shared host (it marks the host).
    #[test]
    fn the_screen_table_is_the_one_a_stepwise_build_makes() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &crate::classify::screen_hosts());
        let stepwise = host_table(
            &index.automaton,
            &index.patterns,
            &index.fold,
            HostDfa::new_stepwise,
        );
        assert!(*index.host_dfa() == stepwise);
    }

    fn plain_screen(index: &LookalikeIndex, authority: &[u8]) -> Option<(usize, bool)> {
        let end = authority
            .iter()
            .position(|&b| index.fold[usize::from(b)].len == 0)
            .unwrap_or(authority.len());
        if end < authority.len() && !index.fold[usize::from(authority[end])].end {
            return None;
        }
        let host = &authority[..end];
        let repeated = host
            .windows(2)
            .any(|w| w[0] == w[1] && matches!(w[0], b'.' | b'-'));
        // A host that ends with its `.` is unusual too (`HostDfa::build`).
        if end == 0 || end > MAX_FAST_HOST || repeated || host[0] == b'.' || host.ends_with(b".") {
            return None;
        }
        let host = std::str::from_utf8(host).unwrap();
        let mut dotted = format!(".{}.", index.fold_text(host));
        dotted.push(char::from(HOST_END));
        let mut shared = false;
        for (pattern, _, _) in index.occurrences(&dotted) {
            for needle in &index.patterns[pattern] {
                match needle.kind {
                    NeedleKind::Screen {
                        path_prefix: Some(_),
                    } => {}
                    NeedleKind::Shared => shared = true,
                    _ => return None,
                }
            }
        }
        Some((end, shared))
    }

    #[test]
    fn the_screen_table_agrees_with_folding_and_searching() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[("google", Some("/url")), ("l.facebook.com", None)]);
        let mut hosts: Vec<String> = db.official_domains().map(|(d, _)| d.to_string()).collect();
        let shared_hosts = db.shared_hosts();
        assert!(!shared_hosts.is_empty());
        for (host, _) in &shared_hosts {
            hosts.extend([
                host.clone(),
                format!("x.{host}"),
                format!("{host}x"),
                host.replace('.', "-"),
                host.replace('m', "rn"),
            ]);
        }
        let pieces = [
            "zoom",
            "www",
            "aws",
            "amazon",
            "help",
            "zoho",
            "zo0m",
            "teams",
            "microsoft",
            "meet",
            "google",
            "webex",
            "slack",
            "us02web",
            "-",
            ".",
            "com",
            "us",
            "a",
            "m",
            "rn",
            "w",
            "vv",
            "1",
            "l",
            "0",
            "o",
            "_",
            "x",
            "login",
            "install",
            "top",
            "online",
            "facebook",
            "l.",
            "--",
            "..",
            "Z",
            "%",
            "/",
            "?",
            "#",
            ":",
            "@",
            "\\",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut host = String::new();
            for _ in 0..1 + seed % 6 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                host.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            hosts.push(host);
        }
        for host in &hosts {
            for authority in [host.clone(), format!("{host}/j/1"), format!("{host}.:443/")] {
                let got = match index.host_dfa().scan(authority.as_bytes(), MAX_FAST_HOST) {
                    Scan::Clear { end, shared } => Some((end, shared)),
                    Scan::Hit | Scan::Unusual => None,
                };
                assert_eq!(
                    got,
                    plain_screen(&index, authority.as_bytes()),
                    "{authority:?}"
                );
            }
        }
    }

    /// The hit on `host`, which the screen must let through to the full check.
    fn screened_and_flagged(index: &LookalikeIndex, host: &str) -> LookalikeHit {
        assert_ne!(
            screen_url_host(index.host_dfa(), host.as_bytes()).outcome,
            Screen::Clear,
            "{host} must reach the full check"
        );
        index
            .check_host(host, "/")
            .unwrap_or_else(|| panic!("{host}"))
    }

    #[test]
    fn numbered_server_names_under_the_vendors_ending_are_imitations() {
        assert_eq!(server_word("us02web"), Some("web"));
        assert_eq!(server_word("zoom"), None);
        for label in ["uk03web", "ukweb05", "webus02", "hk05web", "us02web"] {
            assert!(is_server_name(label, "web"), "{label}");
        }
        for label in [
            "web02", "ukweb", "uk0web3", "ukk03web", "uk03webs", "uk003web",
        ] {
            assert!(!is_server_name(label, "web"), "{label}");
        }
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let zoom = db.get("zoom").unwrap();
        for host in [
            "uk03web.us",
            "webus02.us",
            "ukweb07.us",
            "zoom.webus08.us",
            "zoom.usweb02.us",
        ] {
            assert_eq!(screened_and_flagged(&index, host).vendor, zoom, "{host}");
        }
        let hit = index.check_host("uk03web.us", "/").unwrap();
        assert!(hit.why.contains(&("variant", "server-name".to_string())));
        assert!(hit.why.contains(&("written", "uk03web".to_string())));
        assert!(hit.reason.contains("numbered servers"), "{}", hit.reason);
        // Not under the vendor's own ending, or not shaped like its servers: someone else's name.
        for host in ["uk03web.com", "web2020.us", "class05.us", "ab12cd.us"] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // One slip off the shape, the vendor's region code kept: a digit more or fewer, the word cut short.
        for host in [
            "us007web.us",
            "usweb0.us",
            "uswe01.us",
            "us02we.us",
            "usweb123.us",
        ] {
            let hit = screened_and_flagged(&index, host);
            assert!(
                hit.why.contains(&("variant", "server-name".to_string())),
                "{host}: {hit:?}"
            );
        }
        // Two slips, another region code with a slip, four digits, the word cut to one letter, or someone's
        // own word: not the shape.
        for host in [
            "uswe1.us",
            "ukweb1.us",
            "abwe01.us",
            "us0007web.us",
            "usw01.us",
            "uswed01.us",
            "usweb.us",
            "us01.us",
            "usweb0.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn a_name_in_front_of_a_server_shaped_domain_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let (zoom, skype) = (db.get("zoom").unwrap(), db.get("skype").unwrap());
        let servers = &index.servers;
        // The slips: a `-` put in, a letter for a digit, another word, the region left out under Zoom's `.us`.
        for (label, ending) in [
            ("uk04-web", "us"),
            ("us-04web", "org"),
            ("ukl2web", "net"),
            ("uk0ilive", "com"),
            ("de03meet", "com"),
            ("08web", "us"),
        ] {
            assert!(
                server_shaped(label, ending, servers).is_some(),
                "{label}.{ending}"
            );
        }
        // Two `-`, no digit kept, one digit, a word too short or too long, the region left out elsewhere or
        // with another word, a name shaped like a course (`cs50`).
        for (label, ending) in [
            ("uk-04-web", "us"),
            ("ukoiweb", "us"),
            ("uk4web", "us"),
            ("uk04w", "us"),
            ("uk04meeting", "us"),
            ("uk0ihost", "com"),
            // Two letters, two digits and a word of someone's own (Tranco top-million domains).
            ("co2online", "de"),
            ("tf1info", "fr"),
            ("all4ed", "org"),
            ("08web", "com"),
            ("12go", "us"),
            ("cs50", "org"),
        ] {
            assert!(
                server_shaped(label, ending, servers).is_none(),
                "{label}.{ending}"
            );
        }
        // Zoom's own kind of server under its own ending gets `ServerDomain`'s words.
        for host in ["zoom.uk04-web.us", "zoom.08web.us", "www.zoom.uko4web.us"] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, zoom, "{host}");
            assert!(
                hit.why.contains(&("variant", "server-domain".to_string())),
                "{host}: {hit:?}"
            );
        }
        // Another vendor's name, or another ending: the double imitation, said as such.
        for host in ["skype.de03meet.org", "skype.uk0l-web.org"] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, skype, "{host}");
            assert!(
                hit.why
                    .contains(&("variant", "server-shaped-domain".to_string())),
                "{host}: {hit:?}"
            );
            assert!(
                hit.reason.contains("numbered like the server part"),
                "{}",
                hit.reason
            );
        }
        // Either half alone, or a name that is not a label of its own: someone's page or someone's name.
        for host in [
            "zoom.example.edu",
            "de03meet.com",
            "zoom.12go.com",
            "zoom.cs50.org",
            "myzoom.de03meet.com",
            "events.de03meet.com",
            // A vendor's name on someone's domain of two letters, two digits and a word of its own (Tranco
            // top-million domains; session 30's review found the first version flagging all of them).
            "teams.co2online.de",
            "zoom.tf1info.fr",
            "slack.all4ed.org",
            "signal.all4kids.org",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // The server's number and word with the region code left out, as the registrable label after the name,
        // under any ending (batch s44's tune rows; session 30 left `zoom.08web.com` alone, the new rows and the
        // popular lists, which hold no such pair, say otherwise): Zoom's word, or a meeting host's (`live`, `meet`).
        for host in [
            "us05.zoom.web05.uk",
            "webus.zoom.05live.us",
            "usweb06.zoom.meet06.us",
            "zoom.08web.com",
        ] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, zoom, "{host}");
        }
        let hit = screened_and_flagged(&index, "us05.zoom.web05.uk");
        assert!(hit.reason.contains("in front of `web05`"), "{}", hit.reason);
        // The name run together with the server's name, the dot between them left out, as the registrable label
        // (session 46: batch s45's seen tune rows `teams02live.us`, `teams07live.com`): another vendor's server
        // shape says so; Zoom's own under `.us` gets `ServerDomain`'s words.
        let teams = db.get("teams").unwrap();
        for host in ["teams04live.com", "teams-06live.us"] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, teams, "{host}");
            assert!(
                hit.why
                    .contains(&("variant", "server-shaped-domain".to_string())),
                "{host}: {hit:?}"
            );
        }
        let hit = screened_and_flagged(&index, "teams04live.com");
        assert!(
            hit.reason.contains("in front of `04live`"),
            "{}",
            hit.reason
        );
        let hit = screened_and_flagged(&index, "skype03meet.org");
        assert_eq!(hit.vendor, skype);
        let hit = screened_and_flagged(&index, "zoom06web.us");
        assert_eq!(hit.vendor, zoom);
        assert!(
            hit.why.contains(&("variant", "server-domain".to_string())),
            "{hit:?}"
        );
        // A name and a number alone, a number and `live` after another word (Tranco hosts), the name not first,
        // the pair deeper than the registrable label, one digit: someone's name or page. Run together, only a
        // server's number (`0` and a digit) straight after the name and then the word: a live-score, radio or
        // news site's `24live`/`live24` after a name that is an ordinary word, the word after the number, region
        // letters between, or the name as the start of a longer word (session 46's review; main quiet on each).
        for host in [
            "signal88.com",
            "zoom24.it",
            "bd24live.com",
            "myteams02live.com",
            "teams02live.example.com",
            "teams2live.com",
            "teams24live.com",
            "teamslive24.com",
            "teamslive04.net",
            "teamsbd24live.com",
            "signal24live.de",
            "signallive24.com",
            "signalfm24live.com",
            "signaltv24live.de",
            "meet24live.com",
            "meetlive24.com",
            "meetup24live.com",
            "meetup04live.com",
            "slack24live.com",
            "slacker24live.com",
            "slacker04live.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // Deeper in a host than the registrable label, such a label is an organisation's own server naming
        // (session 44's review: an intranet's `web01`, `live02`); before the name; not two digits with the word,
        // or someone's own word.
        for host in [
            "zoom.web05.example.net",
            "teams.live02.corp.example.com",
            "zoom.web01.example.edu",
            "web05.zoom.example.net",
            "zoom.web5.net",
            "zoom.web2024.net",
            "zoom.help05.net",
            // A radio station's subdomain of `live24.gr` (Tranco, CrUX; stream hosts such as
            // `derti.live24.gr` in public code): a number that is not a server's (session 46's review).
            "signal.live24.gr",
            "zoom.live24.gr",
            "teams.live24.gr",
            "meet.live24.gr",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        for (label, word) in [
            ("web05", Some("web")),
            ("05live", Some("web")),
            ("meet02", Some("web")),
            ("meet12", None),
            ("live24", None),
            ("24live", None),
        ] {
            assert_eq!(
                region_less_server(label, servers).map(|s| s.word.as_str()),
                word,
                "{label}"
            );
        }
        for label in ["web5", "05", "help05", "05help", "web2024", "w05"] {
            assert!(region_less_server(label, servers).is_none(), "{label}");
        }
    }

    #[test]
    fn a_coined_name_alone_under_a_new_word_ending_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for (host, vendor) in [
            ("skype.rocks", "skype"),
            ("teamviewer.world", "teamviewer"),
            ("www.whatsapp.bargains", "whatsapp"),
        ] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, db.get(vendor).unwrap(), "{host}");
            assert!(
                hit.why.contains(&("variant", "brand-in-host".to_string())),
                "{host}: {hit:?}"
            );
        }
        // A word's name makes a phrase with the ending (`zoom.earth`, `signal.art`); an early generic ending is
        // where owners took their names in sunrise periods; a country's ending is its namesake's; the name with
        // a word of its own under a word ending is left to the other checks, as before.
        for host in [
            "zoom.earth",
            "signal.art",
            "discord.place",
            "whatsapp.mobi",
            "skype.asia",
            "skype.nl",
            "skypeclub.rocks",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        assert!(is_coined_on_new_ending("webex", "party"));
        assert!(!is_coined_on_new_ending("webex", "travel"));
        assert!(!is_coined_on_new_ending("slack", "party"));
    }

    #[test]
    fn a_blocked_app_s_name_in_a_longer_name_under_china_s_ending_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for (host, vendor) in [
            ("whatsappfans.cn", "whatsapp"),
            ("www.discordhelper.net.cn", "discord"),
            ("signalqz.com.cn", "signal"),
        ] {
            let hit = screened_and_flagged(&index, host);
            assert_eq!(hit.vendor, db.get(vendor).unwrap(), "{host}");
            assert!(
                hit.why
                    .contains(&("variant", "blocked-in-china".to_string())),
                "{host}: {hit:?}"
            );
        }
        // The name alone may be the vendor's own; a label in front of someone's domain is their page; Hong
        // Kong's ending is not blocked; a vendor that China does not block (Zoho) keeps its name there.
        for host in [
            "whatsapp.cn",
            "signal.com.cn",
            "signal.lab.example.edu.cn",
            "signalqz.com.hk",
            "zohomeeting.com.cn",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn a_brand_subdomain_under_a_lure_ending_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        assert!(index.check_host("zoom.app-center.download", "/").is_some());
        assert!(
            index.check_host("zoom.example.edu", "/").is_none(),
            "a university's page about Zoom stays quiet bare"
        );
    }

    #[test]
    fn a_name_on_a_domain_named_with_lure_words_only_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for (host, id, variant) in [
            ("zoom.app-download.com", "zoom", "brand-with-words"),
            ("zoom.meeting-join.com", "zoom", "brand-with-meeting-words"),
            ("www.webex.install-update.net", "webex", "brand-with-words"),
            ("teams.secure-login.com", "teams", "brand-with-words"),
            ("slack.auth-verify.org", "slack", "brand-with-words"),
            ("zoom.cloud-meetings.com", "zoom", "brand-with-words"),
        ] {
            let hit = assert_flagged_as(&db, &index, host, id, variant);
            assert!(hit.reason.contains("a domain named only with"), "{host}");
        }
        for host in [
            // An organisation's own hosts: a lure word as a subdomain label is its own (an SSO page, OpenAI's
            // Discord verification in the CrUX top million), not the domain's name.
            "zoom.example.edu",
            "login.zoom.example.edu",
            "zoom.download.example.edu",
            "download.zoom.example.com",
            "teams.login.example.org",
            "discord.verify.openai.com",
            // One word (`download.com`), run together (`secureauth`, an identity vendor), no installer, sign-in
            // or meeting word (`cloud-security.net`, `security-protect`, `secure-secure`, and `app` alone:
            // `web-app`), a phrase (`join-us`), a platform (`meeting-hub.net`).
            "zoom.download.com",
            "zoom.secureauth.com",
            "zoom.cloud-security.net",
            "zoom.security-protect.com",
            "zoom.secure-secure.co.uk",
            "zoom.web-app.com",
            "teams.join-us.jp",
            "zoom.meeting-hub.net",
            // Google Meet's name is anyone's meeting server's without Google's.
            "meet.secure-login.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn an_ordinary_name_subdomain_counts_with_the_vendors_meeting_link() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let join = "/l/meetup-join/19%3ameeting_ZmQ2NjEyYzctNDA5Yi00YTRj%40thread.v2/0";
        for (host, path, id) in [
            ("teams.example.cl", join, "teams"),
            ("teams.example.com", "/meet/2381234567890", "teams"),
            (
                "slack.example.com",
                "/huddle/T07LSULVCQY/C07L45LKYHY",
                "slack",
            ),
        ] {
            let hit = index
                .check_host(host, path)
                .unwrap_or_else(|| panic!("{host}{path}"));
            assert_eq!(hit.vendor, db.get(id).unwrap(), "{host}");
            assert!(hit
                .why
                .contains(&("variant", "brand-with-path".to_string())));
        }
        for (host, path) in [
            // The name alone, or with a path of the vendor's that carries no meeting ID or is no join link: a
            // club's teams, a product's signal, a webinar-like event page.
            ("teams.example.cl", "/"),
            ("teams.sportsclub.com", "/event/summer-tournament-2024"),
            ("teams.example.com", "/meet/12345"),
            ("signal.example.com", "/call"),
            // The name as part of a label, or run together with it, is the brand words' business.
            ("myteams.example.com", join),
        ] {
            assert_eq!(index.check_host(host, path), None, "{host}{path}");
        }
    }

    /// `host` is flagged, bare, as a lookalike of the vendor `id` with the warning's `variant`; its hit.
    fn assert_flagged_as(
        db: &crate::Database,
        index: &LookalikeIndex,
        host: &str,
        id: &str,
        variant: &str,
    ) -> LookalikeHit {
        let hit = index
            .check_host(host, "/")
            .unwrap_or_else(|| panic!("{host}"));
        assert_eq!(hit.vendor, db.get(id).unwrap(), "{host}");
        assert!(
            hit.why.contains(&("variant", variant.to_string())),
            "{host}: {:?}",
            hit.why
        );
        hit
    }

    /// Issue 11, session 50: an ordinary-word name right in front of a domain named as a meeting app run together
    /// counts bare (`BrandWords::is_meeting_app_domain`); the shape of `slack.workmeetingsapp.com` (a tune row of
    /// tests/data/real/lookalikes.tsv), here invented.
    #[test]
    fn an_ordinary_name_in_front_of_a_meeting_app_domain_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for (host, id) in [
            ("slack.quickmeetingsapp.com", "slack"),
            ("www.teams.onlinemeetingapp.org", "teams"),
            ("signal.securemeetingapps.io", "signal"),
        ] {
            let hit = assert_flagged_as(&db, &index, host, id, "brand-with-meeting-words");
            assert!(
                hit.reason.contains("a domain named as a meeting app"),
                "{host}"
            );
        }
        for host in [
            // Real hosts of domains of the Tranco or CrUX top million that the first, wider rule (any `meet…`,
            // `app`, `apps` ending) flagged: Microsoft's own, meeting products' Teams and Slack integrations,
            // SaaS tenants (review of s50-recall50, finding 1). They reach the rule's test of the label.
            "teams.powerapps.com",
            "teams.livemeeting.com",
            "teams.zohomeeting.com",
            "teams.globalmeet.com",
            "teams.yealinkmeeting.com",
            "slack.screenmeet.com",
            "signal.lucidmeetings.com",
            "teams.escribemeetings.com",
            "teams.leagueapps.com",
            "slack.glideapp.io",
            "teams.funmeetapp.com",
            "teams.voovmeeting.com",
            // Sports apps' pages (CrUX top million; these never reach the rule: no such ending), Google Meet's
            // ordinary name without Google's, the name not right in front, a short lead, a `-`, meetings or apps
            // alone (`videomeet`, `photoeditorapp`: the first rule's invented shapes).
            "teams.trainheroic.com",
            "teams.gamesheet.app",
            "meet.quickmeetingsapp.com",
            "teams.portal.quickmeetingsapp.com",
            "slack.mymeetingsapp.com",
            "slack.quickmeetings-app.com",
            "myteams.quickmeetingsapp.com",
            "teams.videomeet.net",
            "slack.photoeditorapp.net",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn signal_s_call_link_counts_with_its_key_in_the_fragment_only() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let signal = db.get("signal").unwrap();
        let key = "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx";
        let check = |host: &str, path: &str, fragment: &str| {
            index.check_host_reading_path(host, path, fragment)
        };
        for (host, path) in [
            ("signal.example-trading.com", "/call/"),
            ("signal.example-trading.com", "/call"),
            ("call.signal.example.org", "/call/"),
        ] {
            let (hit, read) = check(host, path, key);
            let hit = hit.unwrap_or_else(|| panic!("{host}{path}#{key}"));
            assert_eq!(hit.vendor, signal, "{host}");
            assert!(hit
                .why
                .contains(&("variant", "brand-with-path".to_string())));
            assert!(read, "{host}: the answer read the path and fragment");
        }
        for (host, path, fragment) in [
            // `signal.` is a common label of an organisation's own (trading signals, signal processing): the
            // name bare, `/call` without a key, another fragment, the key on another path.
            ("signal.example-trading.com", "/", ""),
            ("signal.example-trading.com", "/call/", ""),
            ("signal.example-trading.com", "/call", "pricing"),
            ("signal.example-trading.com", "/", key),
            ("signal.example-trading.com", "/calls/", key),
            // Keys not of Signal's shape: a vowel, seven groups, upper case, no dashes, one letter four times
            // (Signal's app refuses it), two keys, a key under another name.
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtza",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=BCDF-GHKM-NPQR-STXZ-CBDG-FHKN-MQPS-RTZX",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdfghkmnpqrstxzcbdgfhknmqpsrtzx",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bbbb-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx&key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "mykey=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx",
            ),
            // Nine groups (or a trailing `-`), and `_` for `-`: not 39 characters of Signal's form (review,
            // session 42: `len() >= 39` and any separator let these through unseen).
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx-bcdf",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf-ghkm-npqr-stxz-cbdg-fhkn-mqps-rtzx-",
            ),
            (
                "signal.example-trading.com",
                "/call/",
                "key=bcdf_ghkm_npqr_stxz_cbdg_fhkn_mqps_rtzx",
            ),
            // Another vendor's ordinary name with Signal's link: the key is Signal's, not Teams'; on a Teams path
            // without a meeting ID too (a sports club's `teams.` site may serve `/event/…`).
            ("teams.example.cl", "/call/", key),
            ("teams.example-club.com", "/event/abcdefghij12", key),
        ] {
            assert_eq!(check(host, path, fragment).0, None, "{host}{path}#{fragment}");
        }
    }

    #[test]
    fn a_vendor_owner_s_own_ending_is_the_owner_s() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        // Under the ending of the vendor's owner (`[domains] owner_endings`: Teams' `.microsoft`), its name is
        // the owner's: the warning would say the vendor does not own the address, which is false.
        for host in [
            "teams.microsoft",
            "microsoft-teams.cloud.microsoft",
            "teams.microsoft.com.microsoft",
        ] {
            for path in ["/", "/l/meetup-join/19%3ameeting_x%40thread.v2/0"] {
                assert_eq!(index.check_host(host, path), None, "{host}{path}");
            }
        }
        // Another vendor's imitation there, a name the Public Suffix List gives to others under an owner's
        // ending (Google Translate's proxy of any site, anyone's AWS Lambda code), an ending not listed, or the
        // ending as a label in front of someone else's domain: still lookalikes.
        for host in [
            "zoom-us-join.microsoft",
            "zoom-us-join-com.translate.goog",
            "teams-microsoft-com.translate.goog",
            "teams-microsoft.lambda-url.us-east-1.on.aws",
            "skype.office",
            "teams.microsoft.top",
            "microsoft.teams-login.top",
        ] {
            assert!(index.check_host(host, "/j/85123456789").is_some(), "{host}");
        }
    }

    #[test]
    fn logmein_is_goto_s_name_outside_its_own_domains() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let goto = db.get("goto").unwrap();
        let quiet = |host: &str| assert_eq!(index.check_host(host, "/"), None, "{host}");
        // GoTo's LogMeIn hosts (rules/vendors/goto.toml, from GoTo's allowlisting help) and their subdomains.
        [
            "logmein.com",
            "secure.logmein.com",
            "logmein.eu",
            "logmeinrescue.com",
            "secure.logmeinrescue.com",
            "logmeinrescue-enterprise.eu",
            "logmein-gateway.com",
            "logmein123.com",
            "logmein123.eu",
        ]
        .into_iter()
        .for_each(quiet);
        // Hosts of the Tranco top million with the name that no GoTo document in reach names: quiet without it,
        // the name not standing alone or with a lure word in them.
        [
            "logme.in",
            "logmeinusercontent.com",
            "dev-logmeinrescue.com",
        ]
        .into_iter()
        .for_each(quiet);
        // Tune rows of tests/data/real/lookalikes.tsv (BATLOADER's and AMOS's LogMeIn hosts, in Maltrail).
        for (host, variant, more) in [
            (
                "logmeln.com",
                "misspelling",
                Some("how_lookalike_character"),
            ),
            ("logmeeine.com", "misspelling", None),
            ("logmeinofferblackfriday.com", "brand-with-words", None),
        ] {
            let hit = index
                .check_host(host, "/")
                .unwrap_or_else(|| panic!("{host}"));
            assert_eq!(hit.vendor, goto, "{host}");
            let param = |name: &str| {
                hit.why
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.as_str())
            };
            assert_eq!(param("variant"), Some(variant), "{host}: {:?}", hit.why);
            if more.is_some() {
                assert_eq!(param("more"), more, "{host}: {:?}", hit.why);
            }
        }
    }

    #[test]
    fn meeting_words_alone_get_the_meeting_page_wording() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let variant = |host: &str| {
            let hit = index
                .check_host(host, "/")
                .unwrap_or_else(|| panic!("{host}"));
            hit.why
                .iter()
                .find(|(name, _)| *name == "variant")
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        for host in [
            "teams-meet.us",
            "zoom-meet.us",
            "zoom-meetings.net",
            "zoom-join-online.com",
            // APT35's fake Meet pages (a tune row of tests/data/real/lookalikes.tsv): Google's name with Meet's
            // and a neutral word, nothing of a download or sign-in.
            "google.live-meet.blog",
        ] {
            assert_eq!(variant(host), "brand-with-meeting-words", "{host}");
            let hit = index.check_host(host, "/").unwrap();
            assert!(hit.reason.contains("fake meeting pages"), "{}", hit.reason);
            assert!(!hit.reason.contains("download"), "{}", hit.reason);
        }
        for host in [
            "zoom-install.com",
            "zoom-meeting-install.com",
            "teams-login.com",
            "google.meet-download.com",
        ] {
            assert_eq!(variant(host), "brand-with-words", "{host}");
        }
    }

    #[test]
    fn a_name_on_a_free_hosting_platform_reads_as_under_any_ordinary_ending() {
        // `<x>.netlify.app`, `<x>.web.app`, `<x>.azurewebsites.net` are names anyone takes in a minute, but also
        // where the vendors' developer ecosystems live (Teams apps on Azure App Service, Zoom SDK demos, a
        // vendor's own GitHub account under github.io): the name with lure words or misspelt counts there as
        // anywhere; the name alone, or with a maker's own word, needs the vendor's meeting path, as under `.com`.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for host in [
            "zoom-download.vercel.app",
            "teams-login.azurewebsites.net",
            "whatsapp-web.web.app",
            "discord-nitro.pages.dev",
            "zooom.herokuapp.com",
            "zoom-meeting.netlify.app",
        ] {
            assert!(index.check_host(host, "/").is_some(), "{host}");
        }
        for host in [
            "zoom.netlify.app",
            "zoom.github.io",
            "teams.azurewebsites.net",
            "zoom-clone.vercel.app",
            "whatsapp-clone.netlify.app",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        assert!(index
            .check_host("zoom.netlify.app", "/j/85123456789")
            .is_some());
    }

    #[test]
    fn small_legitimate_sites_against_the_rules_session_33_dropped() {
        // Session 33 looked for rules behind its tune misses and kept none: each candidate met a small site of
        // a legitimate shape that the popular lists are too coarse to hold (invented here unless said), and
        // these stay quiet so that a later rule has to face them. A vendor's label on a free app-hosting name
        // (`discord.<someone>.repl.co`, a tune row of batch s33): bots of Discord and Slack are built and kept
        // alive on Replit and Glitch under such names. Signal run together with `premium` (`signalpremium.com`):
        // trading-signal services sell "premium signals". A long coined name with a letter left out and
        // another changed (`whtsaps.club`): Progress's network monitor WhatsUp Gold (`whatsupgold.com`) and
        // `whatsup.es` (Tranco top million) are that far from `whatsapp`. Microsoft's `msteams` run together
        // with any word (`msteamseyeappstore.com`): makers of Teams integrations name them so
        // (`msteams-atlassian.com`, Tranco top million).
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for host in [
            "discord.mybot.repl.co",
            "discord-bot.someone.repl.co",
            "slack-bot.glitch.me",
            "signalspremium.com",
            "forexsignalpremium.com",
            "whatsupgold.com",
            "whatsup.es",
            "msteams-atlassian.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn a_vendor_address_under_traffic_managers_zone_is_still_an_imitation() {
        // Session 33 kept `*.skype.com.trafficmanager.net` (Cisco Umbrella top 20,000, CNAME targets of Skype's
        // own hosts) quiet on the belief that a customer's Traffic Manager profile is one label there; its review
        // found that the relative DNS name may hold dots (Azure/azure-sdk-for-python#8446, Microsoft's maintainer:
        // "dnsConfig relative name can have dots"), so anyone can hold `zoom.us.trafficmanager.net` and serve a
        // certificate for it. Those names stay alarms, whoever writes them.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for host in [
            "zoom.us.trafficmanager.net",
            "join.zoom.us.trafficmanager.net",
            "meet.google.com.trafficmanager.net",
            "teams.microsoft.com.trafficmanager.net",
            "skype.com.trafficmanager.net",
            "edge.skype.com.trafficmanager.net",
            "zoom-us.trafficmanager.net",
        ] {
            assert!(index.check_host(host, "/j/85123456789").is_some(), "{host}");
        }
    }

    #[test]
    fn a_name_on_a_dynamic_dns_service_is_an_imitation() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        for (host, id, code) in [
            ("zoom.ddns.net", "zoom", "brand-on-dynamic-dns"),
            ("teams.duckdns.org", "teams", "brand-on-dynamic-dns"),
            ("slack.hopto.org", "slack", "brand-on-dynamic-dns"),
            ("signal.zapto.org", "signal", "brand-on-dynamic-dns"),
            ("whatsapp-web.mywire.org", "whatsapp", "brand-with-words"),
        ] {
            let hit = index
                .check_host(host, "/")
                .unwrap_or_else(|| panic!("{host}"));
            assert_eq!(hit.vendor, vendor(id), "{host}");
            assert!(
                hit.why.contains(&("variant", code.to_string())),
                "{host}: {hit:?}"
            );
        }
        let hit = index.check_host("teams.duckdns.org", "/").unwrap();
        assert!(hit.why.contains(&("site", "duckdns.org".to_string())));
        assert!(hit.reason.contains("dynamic-DNS"), "{}", hit.reason);
        // Someone's own meeting server (`meet`: Google's only with Google's name), a vendor's word under a
        // name of someone's own, the ordinary words elsewhere: quiet.
        for host in [
            "meet.duckdns.org",
            "jitsi.ddns.net",
            "teams.myhome.duckdns.org",
            "zoom.myhome.ddns.net",
            "teams.example.com",
            "slack.example.org",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn freenom_s_free_country_endings_are_cheap_endings() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        for (host, id) in [
            ("discord-staff.tk", "discord"),
            ("zoom-helpdesk.ml", "zoom"),
            ("webex.ga", "webex"),
            ("whatsapp.group-invite.cf", "whatsapp"),
        ] {
            assert_eq!(
                screened_and_flagged(&index, host).vendor,
                vendor(id),
                "{host}"
            );
        }
        // The ending is the evidence, and the warning says so (not "run together with `staff`").
        let hit = index.check_host("discord-staff.tk", "/").unwrap();
        assert!(
            hit.why
                .contains(&("variant", "brand-on-cheap-ending".to_string())),
            "{hit:?}"
        );
        assert!(hit.why.contains(&("suffix", ".tk".to_string())), "{hit:?}");
        // The same words under a country's own ending or an old generic one: someone's own name.
        for host in ["discord-staff.nl", "zoom-helpdesk.com", "webex.nl"] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn a_generic_ending_under_a_country_code_sold_to_anyone_is_a_shared_suffix() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for host in ["slack.com.se", "zoom.com.de", "teams.co.nl"] {
            let hit = index
                .check_host(host, "/")
                .unwrap_or_else(|| panic!("{host}"));
            assert!(
                hit.why
                    .contains(&("variant", "brand-on-shared-host".to_string())),
                "{host}: {hit:?}"
            );
        }
        // The country's own `com.au` (its registry's, not a company's sub-registry): the name there is a
        // namesake's.
        for host in ["slack.com.au", "zoom.com.au", "teams.co.uk"] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn doubled_letters_keep_the_name_s_letters_in_order() {
        assert_eq!(doubled_letters("webbexx", "webex"), Some("letters doubled"));
        assert_eq!(doubled_letters("zooom", "zoom"), Some("a letter doubled"));
        assert_eq!(doubled_letters("wwebex", "webex"), Some("a letter doubled"));
        for written in [
            "webex", "webx", "wbeex", "webexs", "webbexa", "zom", "zoomm0",
        ] {
            let name = if written.starts_with('z') {
                "zoom"
            } else {
                "webex"
            };
            assert_eq!(doubled_letters(written, name), None, "{written}");
        }
    }

    #[test]
    fn the_screen_sends_every_host_under_a_cheap_ending_and_no_other_through() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let outcome = |host: &str| screen_url_host(index.host_dfa(), host.as_bytes()).outcome;
        for ending in CHEAP_SUFFIXES {
            assert_eq!(outcome(&format!("qq.{ending}")), Screen::Hit, "{ending}");
            // A host that ends with its `.` takes the full path whatever it is.
            let dotted = format!("a-b.c.{ending}./x");
            assert_eq!(outcome(&dotted), Screen::Unusual, "{dotted}");
            for host in [
                format!("{ending}.example.com"),
                format!("qq.x{ending}"),
                format!("qq.{ending}x/"),
                format!("qq.{ending}-x:8080"),
            ] {
                assert_eq!(outcome(&host), Screen::Clear, "{host}");
            }
        }
        for host in [
            "example.com",
            "a.org",
            "b.de",
            "c.co.uk",
            "d.online1",
            "e.downloads",
        ] {
            assert_eq!(outcome(host), Screen::Clear, "{host}");
        }
        for host in ["f.", "example.com./", "zoom.us."] {
            assert_ne!(outcome(host), Screen::Clear, "{host}");
        }
    }

    /// `host` reaches the full check (neither the host table nor the misspelt-name gate after it clears it),
    /// which calls it `vendor`'s name misspelt, `how` (a `more` code).
    fn assert_misspelt(index: &LookalikeIndex, host: &str, vendor: VendorIndex, how: &str) {
        let url = format!("https://{host}/");
        let screened = screen_url_host(index.host_dfa(), &url.as_bytes()["https://".len()..]);
        assert!(
            screened.outcome != Screen::Clear
                || index.may_be_edited_name(
                    url.as_bytes(),
                    "https://".len(),
                    "https://".len() + screened.end
                ),
            "{host} must reach the full check"
        );
        let hit = index
            .check_host(host, "/")
            .unwrap_or_else(|| panic!("{host}"));
        assert_eq!(hit.vendor, vendor, "{host}");
        assert!(
            hit.why.contains(&("variant", "misspelling".to_string())),
            "{host}"
        );
        assert!(
            hit.why.contains(&("more", how.to_string())),
            "{host}: {:?}",
            hit.why
        );
    }

    #[test]
    fn a_long_name_a_few_edits_off_counts_as_the_registrable_label_under_one_label_and_cheap_endings(
    ) {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        // Invented hosts: one or two edits that keep the name readable.
        for (host, id, how) in [
            ("discorod.site", "discord", "how_extra_letter"),
            ("dicosrd.online", "discord", "how_moved_letter"),
            ("whatsppa.top", "whatsapp", "how_moved_letter"),
            ("www.dicsordd.xyz", "discord", "how_swapped_letters"),
            ("tcamvlewer.store", "teamviewer", "how_lookalike_characters"),
            ("diiscordd.fun", "discord", "how_doubled_letters"),
            // Under any one-label ending: the screen lets the label through by its first letter, length and
            // letters (`EditedNames::may_be_edited`), with and without `www.`, and a host's closing `.`.
            ("dicosrd.com", "discord", "how_moved_letter"),
            ("www.dicosrd.de", "discord", "how_moved_letter"),
            ("discorcd.com.", "discord", "how_extra_letter"),
            (
                "a.b.c.tcamvlewer.org",
                "teamviewer",
                "how_lookalike_characters",
            ),
            ("whatsappp.io", "whatsapp", "how_doubled_letter"),
            // Discord written with `l`s, as a part of a hyphenated label too (tune rows of lookalikes.tsv:
            // batches s23 and s25).
            ("dliscord.com", "discord", "how_extra_l"),
            ("discorcl.link", "discord", "how_cl_for_d"),
            ("discold-nitro.ru", "discord", "how_l_for_letter"),
            ("nitro-dlscold.ru", "discord", "how_lookalike_character"),
            ("dlscold-nilro.com", "discord", "how_lookalike_character"),
            // Under a cheap ending, a letter changed for one of the name's own (invented hosts).
            ("whatsapa.online", "whatsapp", "how_changed_letter"),
            ("whasaspp.top", "whatsapp", "how_changed_letter"),
        ] {
            assert_misspelt(&index, host, vendor(id), how);
        }
        let hit = index.check_host("nitro-dlscold.ru", "/").unwrap();
        assert!(hit.why.contains(&("also", "how_l_for_letter".to_string())));
        assert!(hit.why.contains(&("written", "dlscold".to_string())));
        // Said in plain words: under a cheap ending, where throw-away sites live; elsewhere, as a typosquat.
        let reason = |host: &str| index.check_host(host, "/").unwrap().reason;
        if cfg!(feature = "english") {
            assert!(reason("dicosrd.online").contains("an ending sold cheaply"));
            assert_eq!(
                reason("dicosrd.com"),
                "`dicosrd.com` is not Discord: `dicosrd` is `discord` misspelt, with a letter moved, as \
                 addresses registered to catch a mistyped name are"
            );
        }
        // Two edits of other kinds are said one by one: the second as `also`.
        let hit = index.check_host("www.dicsordd.xyz", "/").unwrap();
        assert!(
            hit.why
                .contains(&("also", "how_doubled_letter".to_string())),
            "{:?}",
            hit.why
        );
        // One edit has no second sentence.
        let hit = index.check_host("discorod.site", "/").unwrap();
        assert!(hit.why.iter().all(|(name, _)| *name != "also"));
        for host in [
            // Ordinary words one or two edits from a name: another letter for one of the name's, two letters
            // left out, the first letter changed (a letter from outside the name put in is `slipped_name`'s).
            "discard.site",
            "disco.site",
            "hiscord.site",
            "discard.com",
            "hiscord.com",
            // Not the registrable label.
            "dicosrd.example.site",
            "dicosrd.example.com",
            "dicosrd-x.example.com",
            // A part that is another word, or the name with a letter from outside it (invented hosts).
            "disco-lord.com",
            "dischord-band.com",
            // Under an ending of two labels that is no country's second level (a longer second label, a
            // company's suffix): the screen does not look there (`name_edits::is_country_second_level`).
            "dicosrd.police.uk",
            "dicosrd.blogspot.com",
            // A letter changed for one of the name's own counts under a cheap ending only; for one from outside
            // the name, nowhere.
            "whatsapa.com",
            "whatsapz.online",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // Short and ordinary-word names get no edits: one or two letters off them are words.
        let names: Vec<&str> = index.edited.names().collect();
        assert!(names.contains(&"discord") && names.contains(&"teamviewer"));
        for name in &names {
            assert!(name.len() >= crate::name_edits::MIN_EDITED_NAME, "{name}");
        }
        for short in ["zoom", "meet", "teams", "slack", "signal", "skype", "webex"] {
            assert!(!names.contains(&short), "{short}");
        }
    }

    /// Issue 11, session 49: a long name with two letters put in that make English words (the name's own words
    /// with one changed for a word, or a word put in) is someone's ordinary name, not a misspelling, under any
    /// ending and on a free host (session 48's five known false alarms, invented hosts); two letters that make
    /// none (`whatsquapp`, the issue's own), one slip that makes a word (`whatapp`: the typosquatter's) and
    /// letters changed into a word (`whatssap`) stay misspellings.
    #[test]
    fn two_letters_put_in_that_make_english_words_are_no_misspelling() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        for host in [
            "teamreviewer.github.io",
            "whatsupapp.github.io",
            "riversidefarm.wixsite.com",
            "riversidefilm.wixsite.com",
            "riversidefirm.wixsite.com",
            "teamreviewer.com",
            "riversidefilm.co.uk",
            "whatsupapp.top",
            "bigmarketer.com",
            "clickupmeeting.online",
            "discord-teamreviewer.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        let vendor = |id: &str| db.get(id).unwrap();
        for (host, id, how) in [
            ("whatsquapp.com", "whatsapp", "how_extra_letters"),
            ("whatapp.top", "whatsapp", "how_missing_letter"),
            ("teaviewer.com", "teamviewer", "how_missing_letter"),
            ("teamrxviewer.com", "teamviewer", "how_extra_letters"),
            // Two letters that a word list holds but that are no function word (session 50: roman numerals,
            // abbreviations; tools/english-compounds.py `TWO_LETTER_WORDS`).
            ("whatsiiapp.com", "whatsapp", "how_doubled_letters"),
            ("teamixviewer.com", "teamviewer", "how_extra_letters"),
            ("whatsyrapp.top", "whatsapp", "how_extra_letters"),
        ] {
            assert_misspelt(&index, host, vendor(id), how);
        }
        for host in ["whatsquapp.github.io", "whatssap.top"] {
            let hit = index.check_host(host, "/");
            assert_eq!(hit.map(|h| h.vendor), Some(vendor("whatsapp")), "{host}");
        }
    }

    /// Issue 11, session 49: data/english/compounds.txt is derived for the engine's long names (always checked)
    /// and, when Debian's wamerican word list is there (`WAMERICAN`, else `/usr/share/dict/american-english`),
    /// is what tools/english-compounds.py and `check_edits` make of it today; `JOINGUARD_WRITE_ENGLISH=1` writes
    /// it instead. A word list of another version is skipped with a note (the file's first line names the
    /// one it was made from, with its hash).
    #[test]
    fn the_english_compounds_are_the_word_list_s() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let mut names: Vec<&str> = index.edited.names().collect();
        names.sort_unstable();
        names.dedup();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/english/compounds.txt");
        let committed = std::fs::read_to_string(path).unwrap();
        let write = std::env::var_os("JOINGUARD_WRITE_ENGLISH").is_some();
        let mut short: Vec<&str> = index.short_names().map(|(_, name)| name).collect();
        short.sort_unstable();
        short.dedup();
        let names_lines = format!(
            "# names: {}\n# short names: {}",
            names.join(" "),
            short.join(" ")
        );
        if !write {
            assert_eq!(
                committed.lines().skip(1).take(2).collect::<Vec<_>>().join("\n"),
                names_lines,
                "the names changed: regenerate data/english/compounds.txt (tools/english-compounds.py)"
            );
        }
        // Asked for by name (`WAMERICAN`), the word list must be there and be the one the file names: a check
        // that was asked for does not pass by skipping (review of s49-recall49, finding 2).
        let asked = std::env::var("WAMERICAN").ok();
        let dict = asked
            .clone()
            .unwrap_or_else(|| "/usr/share/dict/american-english".to_string());
        if !std::path::Path::new(&dict).is_file() {
            assert!(!write && asked.is_none(), "no word list at {dict}");
            eprintln!("no word list at {dict}: the compounds were not derived again");
            return;
        }
        let dir = std::env::temp_dir().join(format!("joinguard-english-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let names_file = dir.join("names.txt");
        std::fs::write(&names_file, names.join("\n") + "\n").unwrap();
        let short_file = dir.join("short.txt");
        std::fs::write(&short_file, short.join("\n") + "\n").unwrap();
        let out = std::process::Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tools/english-compounds.py"
            ))
            .arg(&names_file)
            .arg(&short_file)
            .arg(&dict)
            .output()
            .expect("python3 runs the generator");
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut derived = String::new();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            // The short names' words are kept whole; the compounds, to what `check_edits` takes.
            if line.starts_with('#')
                || line.len() < crate::name_edits::MIN_EDITED_NAME
                || index.edited.check_edits(line, true).is_some()
            {
                derived.push_str(line);
                derived.push('\n');
            }
        }
        if write {
            std::fs::write(path, &derived).unwrap();
        } else if derived.lines().next() != committed.lines().next() {
            assert!(
                asked.is_none(),
                "{dict} is not the word list the compounds were derived from"
            );
            eprintln!("{dict} is not the word list the compounds were derived from: not compared");
        } else {
            assert!(
                derived == committed,
                "data/english/compounds.txt is stale: regenerate it"
            );
        }
    }

    #[test]
    fn a_long_name_misspelt_counts_under_a_country_ending_of_two_labels_as_under_com() {
        // Issue 11, session 47: the registrable label is the same thing under `com` and `co.uk`, and the
        // attacker chooses the ending (fake download sites under `.com.cn`). `app-whatsquapp.com.cn` is a tune
        // row of tests/data/real/lookalikes.tsv; the others are invented, the pairs recall47 found quiet
        // under two labels and flagged under `com`.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        let reason = |host: &str| index.check_host(host, "/").unwrap().reason;
        for ending in ["com", "co.uk", "com.cn", "com.au", "org.uk"] {
            for (label, id, how) in [
                ("whatsquapp", "whatsapp", "how_extra_letters"),
                ("wahtsaipp", "whatsapp", "how_swapped_letters"),
                ("app-whatsquapp", "whatsapp", "how_extra_letters"),
                ("www.dicosrd", "discord", "how_moved_letter"),
                ("teamvlcwer", "teamviewer", "how_lookalike_characters"),
            ] {
                assert_misspelt(&index, &format!("{label}.{ending}"), vendor(id), how);
            }
            // Said as under `com`: a typosquat, not a cheap ending.
            if cfg!(feature = "english") {
                assert_eq!(
                    reason(&format!("dicosrd.{ending}")),
                    format!(
                        "`dicosrd.{ending}` is not Discord: `dicosrd` is `discord` misspelt, with a letter \
                         moved, as addresses registered to catch a mistyped name are"
                    )
                );
            }
            // Ordinary words a few edits from a name, a letter changed (cheap endings only), not the
            // registrable label, ordinary sites: quiet under both.
            for label in [
                "discard",
                "hiscord",
                "disco",
                "whatsapa",
                "dicosrd.example",
                "www.bbc",
                "www.theguardian",
            ] {
                let host = format!("{label}.{ending}");
                assert_eq!(index.check_host(&host, "/"), None, "{host}");
            }
        }
        // Real sites of the shape, each within two edits of `discord` or another long name with the first
        // letter kept: hosts of Tranco's top million (tests/data/real/tranco-top1m.txt), quiet, so that a later
        // loosening fails on real sites, not only on invented words.
        for host in [
            "disco3.co.uk",
            "doscorp.co.jp",
            "dicorp.co.kr",
            "livescore.com.tr",
            "lifeline.org.au",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // Only a country's ending (the PSL's ICANN part) counts as registered. A company's suffix of the same
        // shape is quiet unless it is a free host's (`FREE_HOST_SUFFIXES`: `surge.sh`, `ngrok.io`, said in
        // words of their own, `a_long_name_misspelt_as_a_free_host_s_name_is_an_address_anyone_can_make`),
        // like the longer company suffixes that the screen never reads past (`blogspot.com`).
        for host in [
            "discorcd.now.sh",
            "discorcd.com.de",
            "discorcd.blogspot.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        assert!(crate::name_edits::is_country_second_level("surge.sh"));
        assert!(crate::psl::suffix("discorcd.surge.sh")
            .is_some_and(|s| s.text == "surge.sh" && s.kind == crate::psl::SuffixKind::Private));
    }

    #[test]
    fn a_long_name_misspelt_as_a_free_host_s_name_is_an_address_anyone_can_make() {
        // Issue 11's "brand on free hosting", session 48: the label a free host gives its user
        // (`FREE_HOST_SUFFIXES`) misspelling a long name, with the edits that count under `com`. Invented hosts,
        // the labels of the session 47 test above; `dlscord-new-year.ru.com` and `zooom.pages.dev` (one edit,
        // a needle of the screen, caught before) are tune rows of tests/data/real/lookalikes.tsv.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        for site in [
            "surge.sh",
            "ngrok.io",
            "repl.co",
            "netlify.app",
            "pages.dev",
            "github.io",
            "azurewebsites.net",
            "vercel.app",
            "web.app",
            "herokuapp.com",
            "ddns.net",
            // Dynamic DNS (`crate::psl::is_dynamic_dns`) and ngrok's free and regional tunnels.
            "duckdns.org",
            "hopto.org",
            "ngrok-free.app",
            "eu.ngrok.io",
        ] {
            for (label, id, how) in [
                ("discorcd", "discord", "how_extra_letter"),
                ("whatsquapp", "whatsapp", "how_extra_letters"),
                ("wahtsaipp", "whatsapp", "how_swapped_letters"),
                ("teamvlcwer", "teamviewer", "how_lookalike_characters"),
                ("dicosrd-nitro", "discord", "how_moved_letter"),
                ("preview.dicosrd", "discord", "how_moved_letter"),
            ] {
                let host = format!("{label}.{site}");
                let url = format!("https://{host}/");
                let screened =
                    screen_url_host(index.host_dfa(), &url.as_bytes()["https://".len()..]);
                assert_ne!(
                    screened.outcome,
                    Screen::Clear,
                    "{host} must reach the full check"
                );
                let hit = index
                    .check_host(&host, "/")
                    .unwrap_or_else(|| panic!("{host}"));
                assert_eq!(hit.vendor, vendor(id), "{host}");
                for param in [
                    ("variant", "misspelt-on-free-host"),
                    ("site", site),
                    ("brand", id),
                    ("more", how),
                ] {
                    assert!(
                        hit.why.contains(&(param.0, param.1.to_string())),
                        "{host}: {:?}",
                        hit.why
                    );
                }
                // Never "registered" (nothing was) nor "look-alike" unless a letter is one.
                assert!(!hit.reason.contains("registered"), "{}", hit.reason);
                assert_eq!(
                    hit.reason.contains("look-alike"),
                    how == "how_lookalike_characters",
                    "{}",
                    hit.reason
                );
            }
            // Ordinary words a few edits from a name, a letter changed (cheap endings only), the exact name (a
            // vendor's own account, `zoom.github.io`, or anyone's page about it: only with its path), and a name
            // in front of the user's: quiet.
            for label in [
                "discard",
                "hiscord",
                "disco",
                "whatsapa",
                "discord",
                "dicosrd.example",
            ] {
                // The exact name alone on a dynamic-DNS service is one already (`Why::BrandOnDynamicDns`).
                if label == "discord" && crate::psl::is_dynamic_dns(site) {
                    continue;
                }
                let host = format!("{label}.{site}");
                assert_eq!(index.check_host(&host, "/"), None, "{host}");
            }
        }
        if cfg!(feature = "english") {
            assert_eq!(
                index.check_host("discorcd.surge.sh", "/").unwrap().reason,
                "`discorcd.surge.sh` is not Discord's: it is an address anyone can make on `surge.sh`, and \
                 `discorcd` is `discord` misspelt, with an extra letter"
            );
        }
        // Two edits of other kinds: the second as `also`, as under `com`.
        let hit = index.check_host("dicsordd.netlify.app", "/").unwrap();
        assert!(hit
            .why
            .contains(&("also", "how_doubled_letter".to_string())));
        // A company's suffix that is no free host's keeps session 47's answer (the screen's shape lets it
        // through, the check does not read it), and the one-edit needles keep their own reason.
        assert_eq!(index.check_host("discorcd.now.sh", "/"), None);
        let zooom = index.check_host("zooom.pages.dev", "/").unwrap();
        assert!(zooom.why.contains(&("variant", "misspelling".to_string())));
        for suffix in FREE_HOST_SUFFIXES {
            let host = format!("x.{suffix}");
            let listed = crate::psl::suffix(&host).expect("a suffix");
            assert!(
                is_free_host(listed),
                "{suffix} is no private rule of the list"
            );
            assert_ne!(SuffixClass::of(listed), SuffixClass::Shared, "{suffix}");
        }
    }

    #[test]
    fn a_name_cut_in_two_by_a_separator_is_an_imitation() {
        // `whats-app.cfd`, `zo-om.us` (batch s24), `wha.tsapp.me` (s13) and `whats-sapp.com` (s22) are tune rows
        // of tests/data/real/lookalikes.tsv; the others are invented.
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        for (host, id) in [
            ("whats-app.cfd", "whatsapp"),
            ("zo-om.us", "zoom"),
            ("wha.tsapp.me", "whatsapp"),
            ("whats-sapp.com", "whatsapp"),
            ("login.disc-ord.net", "discord"),
        ] {
            assert_misspelt(&index, host, vendor(id), "how_split_name");
        }
        let doubled = index.check_host("whats-sapp.com", "/").expect("whats-sapp");
        assert!(doubled
            .why
            .contains(&("also", "how_doubled_letter".to_string())));
        assert!(doubled.reason.contains("`whats-sapp` is `whatsapp`"));
        for host in [
            // The cut runs into the public suffix: `whats` under `.app` is a name of its own.
            "whats.app",
            "ogwhats.app",
            // Other letters run together with a piece: no cut name.
            "zo-omega.com",
            "ozo-om.net",
            // A letter doubled away from the cut.
            "whaats-app.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
    }

    #[test]
    fn a_name_one_letter_off_counts_under_cheap_endings_only() {
        let db = crate::Database::bundled();
        let index = LookalikeIndex::new(&db, &[]);
        let vendor = |id: &str| db.get(id).unwrap();
        for (host, id, how) in [
            ("diskcord.online", "discord", "how_extra_letter"),
            ("get-whatsappp.top", "whatsapp", "how_doubled_letter"),
            ("wwebbex.xyz", "webex", "how_doubled_letters"),
            ("zzoomm.click", "zoom", "how_doubled_letters"),
            ("login.msteamsx.site", "teams", "how_extra_letter"),
            ("skypea2.live", "skype", "how_extra_letter"),
            ("diskcord.tech", "discord", "how_extra_letter"),
            // Ordinary-word names with letters doubled.
            ("ssignal.top", "signal", "how_doubled_letter"),
            ("slaackk.site", "slack", "how_doubled_letters"),
        ] {
            assert_misspelt(&index, host, vendor(id), how);
        }
        // An ordinary-word name with a letter put in makes other words; with one changed, or two swapped, it
        // may, and then it is a word (`terms`, `slick`, `stack`: data/english/compounds.txt, from Debian's
        // wamerican), not a misspelling.
        for host in [
            "signals.top",
            "steams.online",
            "signet.xyz",
            "slacks.site",
            "terms.top",
            "slick.online",
            "stack.site",
            "teems.xyz",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // One that makes no word is a misspelling there (issue 11, session 49: `signel.top` is a tune row of
        // tests/data/real/lookalikes.tsv; the others invented), but elsewhere than under a cheap ending, and
        // in a coined name (`demio`'s `delio.tk`, `eyeson`'s `eyezon.online` are Tranco and HSTS hosts), not.
        for (host, id, how) in [
            ("signel.top", "signal", "how_changed_letter"),
            ("signol.online", "signal", "how_changed_letter"),
            ("slcak.site", "slack", "how_swapped_letters"),
            ("teoms.xyz", "teams", "how_changed_letter"),
        ] {
            assert_misspelt(&index, host, vendor(id), how);
        }
        // A consonant changed (other languages' words, companies' names: `teads`, `cignal`, `slask`, Tranco and
        // CrUX names), or a slip in a subdomain, is not (review of s49-recall49, finding 1).
        for host in [
            "signel.com",
            "delio.tk",
            "eyezon.online",
            "zoomi.fit",
            "teads.tech",
            "teamo.live",
            "cignal.live",
            "slask.online",
            "klack.store",
            "portal.teads.xyz",
            "signel.blog.site",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // One stray letter next to a long name, under any ending; a plural `s` after a coined name, which no
        // word's plural is.
        for (host, id) in [
            ("xdiscord.net", "discord"),
            ("whatsappk.com", "whatsapp"),
            ("teamviewers.net", "teamviewer"),
        ] {
            let hit = index
                .check_host(host, "/")
                .unwrap_or_else(|| panic!("{host}"));
            assert_eq!(hit.vendor, vendor(id), "{host}");
            assert!(
                hit.why.contains(&("more", "how_extra_letter".to_string())),
                "{host}"
            );
        }
        for host in [
            "discords.net",
            "facetimer.com",
            "zoomx.com",
            "whatsappxy.com",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // A four-letter name with a letter put in makes words; a letter changed (not put in) is someone's
        // name; elsewhere than under a cheap ending, a slip is a company's name.
        for host in [
            "zooma.online",
            "zooms.site",
            "eyezon.online",
            "diskcord.com",
            "diskcord.earth",
        ] {
            assert_eq!(index.check_host(host, "/"), None, "{host}");
        }
        // The screen stops at the ending only, not at a label that reads like one.
        for host in ["online.example.com", "example.com", "site.example.org"] {
            assert_eq!(
                screen_url_host(index.host_dfa(), format!("{host}/").as_bytes()).outcome,
                Screen::Clear,
                "{host}"
            );
        }
    }

    #[test]
    fn reason_codes_are_the_kebab_case_names() {
        for why in Why::ALL {
            let name = format!("{why:?}");
            let mut kebab = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    kebab.push('-');
                }
                kebab.push(c.to_ascii_lowercase());
            }
            assert_eq!(why.code(), kebab);
        }
    }

    /// `Tokens::place` as it was written before it read index ranges: the lists of the covered tokens and of
    /// the registrable label's, compared by identity.
    fn place_reference(tokens: &Tokens, start: usize, end: usize) -> Place {
        let covered: Vec<&Token> = tokens
            .tokens
            .iter()
            .filter(|t| t.folded.start < end && t.folded.end > start)
            .collect();
        let first = covered.first().map_or(0, |t| t.original.start);
        let last = covered.last().map_or(0, |t| t.original.end);
        let suffix_from = tokens.labels.saturating_sub(tokens.suffix_labels);
        let registrable = suffix_from
            .checked_sub(1)
            .filter(|_| tokens.suffix_labels > 0);
        let in_suffix = tokens.suffix_labels > 0 && covered.iter().any(|t| t.label >= suffix_from);
        let reg_tokens: Vec<&Token> = tokens
            .tokens
            .iter()
            .filter(|t| Some(t.label) == registrable)
            .collect();
        Place {
            original: first..last,
            in_suffix,
            ends_host: end + 2 == tokens.dotted.len(),
            touches_registrable: covered.iter().any(|t| Some(t.label) == registrable),
            whole_registrable: !reg_tokens.is_empty()
                && covered.len() == reg_tokens.len()
                && covered
                    .iter()
                    .zip(&reg_tokens)
                    .all(|(a, b)| std::ptr::eq(*a, *b)),
            ends_registrable_label: reg_tokens
                .last()
                .zip(covered.last())
                .is_some_and(|(a, b)| std::ptr::eq(*a, *b)),
            registrable_single_token: reg_tokens.len() == 1,
        }
    }

    #[test]
    fn places_are_the_ones_the_token_lists_gave() {
        let index = LookalikeIndex::new(&Database::bundled(), &crate::classify::screen_hosts());
        // Folds that drop a token (an empty folded token) or lengthen it, as the skeleton may.
        type TokenFold<'a> = &'a dyn Fn(&str, &mut String);
        let folds: [TokenFold; 3] = [
            &|t, out| fold_into(&index.fold, t, out),
            &|t, out| {
                if t != "x" {
                    out.push_str(t)
                }
            },
            &|t, out| out.push_str(&t.replace('m', "rn")),
        ];
        let hosts = [
            "zoom.us",
            "us02web-zoom.us",
            "meet.google.com.evil.example",
            "a-b.x.c-d-e.co.uk",
            "x.zoom-x-x.x.com",
            "teams-microsoft.x-login.site",
            "m.m-m.m",
            "xn--zm-fmca.us",
        ];
        let mut checked = 0;
        for host in hosts {
            for fold in folds {
                for suffix_labels in [None, Some(1), Some(2), Some(3)] {
                    let tokens = Tokens::new(host, suffix_labels, fold);
                    let n = tokens.dotted.len();
                    for start in 0..n {
                        for end in start..n {
                            let (a, b) = (
                                tokens.place(start, end),
                                place_reference(&tokens, start, end),
                            );
                            assert_eq!(
                                (a.original, a.in_suffix, a.ends_host, a.touches_registrable),
                                (b.original, b.in_suffix, b.ends_host, b.touches_registrable),
                                "{host} {start}..{end}"
                            );
                            assert_eq!(
                                (
                                    a.whole_registrable,
                                    a.ends_registrable_label,
                                    a.registrable_single_token
                                ),
                                (
                                    b.whole_registrable,
                                    b.ends_registrable_label,
                                    b.registrable_single_token
                                ),
                                "{host} {start}..{end}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn placeholder_only_paths_are_not_specific() {
        assert!(!is_specific_path(&PathPattern::parse("/{id}").unwrap()));
        assert!(!is_specific_path(&PathPattern::parse("/*/{id}").unwrap()));
        assert!(!is_specific_path(&PathPattern::parse("/").unwrap()));
        assert!(is_specific_path(&PathPattern::parse("/j/{id}").unwrap()));
        assert!(is_specific_path(&PathPattern::parse("/*/j.php").unwrap()));
    }

    /// The needles' automaton finds what brute force finds with the texts it was built from
    /// (`crate::matcher::brute_force`): over the bench corpus's hosts, folded and dotted, and over text made of
    /// the needles run together and apart (most of them occur, overlapping). Its behaviour, not its arrays'
    /// layout (session 34's review of `Matcher::build_nested`).
    #[test]
    fn the_needle_automaton_finds_what_brute_force_finds() {
        let db = crate::Database::bundled();
        let classifier = crate::Classifier::new(&db);
        let index = &classifier.lookalikes;
        let texts: Vec<String> = index
            .patterns
            .iter()
            .map(|needles| {
                let mut text = String::new();
                assert!(needle_text(&index.fold, &needles[0], &mut text));
                text
            })
            .collect();
        assert!(texts.len() > 1_000, "{} needles", texts.len());
        let mut corpus = String::new();
        for url in include_str!("../benches/data/urls.txt").lines() {
            let authority = url.split_once("://").map_or(url, |(_, rest)| rest);
            let host = authority
                .split(['/', '?', '#', ':'])
                .next()
                .unwrap_or_default();
            corpus.push('.');
            fold_into(&index.fold, host, &mut corpus);
            corpus.push('.');
            corpus.push(char::from(HOST_END));
        }
        let mut numbers = crate::Numbers(0x2f7a_91c3_55e0_b1d7);
        let mut generated = String::new();
        for _ in 0..3_000 {
            generated.push_str(&texts[numbers.below(texts.len())]);
            generated.push_str(["", ".", "-", "x", "0"][numbers.below(5)]);
        }
        for text in [&corpus, &generated] {
            let found = index.occurrences(text);
            assert!(
                found.len() > 1_000,
                "{} occurrences: the comparison can fail",
                found.len()
            );
            assert_eq!(
                found,
                crate::matcher::brute_force(&texts, text.as_bytes(), false)
            );
        }
    }
}
