//! `joinguard rules check` on broken fixtures (one per kind of error, each with its expected message) and on
//! the bundled database, which must have no problem at all.

use std::path::Path;

use joinguard::grade::grade_vendor;
use joinguard::rules::{check::check_files, load_dir, Vendor};

fn problems_in(dir: &Path) -> Vec<String> {
    let (files, mut problems) = load_dir(dir).expect("fixture directory loads");
    problems.extend(check_files(&files));
    problems
        .iter()
        .map(|p| {
            // Make paths relative to the fixture directory, as in expected.txt.
            let file = Path::new(&p.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // A message that names another file (a duplicate id's "also in") names it relative to the fixture too.
            let message = p.message.replace(&format!("{}/", dir.display()), "");
            format!("{file}:{}: {}: {message}", p.line, p.field)
        })
        .collect()
}

#[test]
fn each_broken_fixture_reports_its_problem() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken-rules");
    let mut cases = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let expected_file = dir.join("expected.txt");
        if !expected_file.exists() {
            // `valid` and `derived-valid` have no problem (their own tests).
            continue;
        }
        cases += 1;
        let expected = std::fs::read_to_string(&expected_file)
            .unwrap()
            .trim()
            .to_string();
        let problems = problems_in(&dir);
        assert!(
            problems.iter().any(|p| p.starts_with(&expected)),
            "{}: expected a problem starting with\n  {expected}\ngot:\n  {}",
            dir.display(),
            problems.join("\n  ")
        );
    }
    assert!(cases >= 15, "only {cases} broken fixtures found");
}

#[test]
fn the_valid_fixture_has_no_problem() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken-rules/valid");
    assert_eq!(problems_in(&dir), Vec::<String>::new());
}

#[test]
fn a_fact_left_out_is_derived_by_its_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken-rules/derived-valid");
    assert_eq!(problems_in(&dir), Vec::<String>::new());
    let (files, _) = load_dir(&dir).unwrap();
    let mut vendor = files[0].vendor.clone();
    assert_eq!(
        vendor.data_practices.ai_training.value,
        joinguard::rules::Answer::Unknown
    );
    assert!(joinguard::infer::apply(&mut vendor).is_empty());
    for fact in [
        &vendor.data_practices.ai_training,
        &vendor.data_practices.human_review,
    ] {
        assert_eq!(fact.value, joinguard::rules::Answer::No);
        let derivation = fact.derived.as_ref().expect("marked as derived");
        assert_eq!(
            (derivation.rule.as_str(), derivation.from.as_str()),
            ("e2ee-all-content", "e2ee")
        );
    }
    // Neither the metadata nor the terms follow from encryption.
    assert_eq!(
        vendor.data_practices.content_licence.value,
        joinguard::rules::Answer::Unknown
    );
    assert!(vendor.data_practices.content_licence.derived.is_none());
    // The detail table is read in all three languages.
    let detail = vendor.data_practices.ads_sharing.detail.as_ref().unwrap();
    assert_eq!(
        detail.get("de"),
        "Acme verkauft keine personenbezogenen Daten."
    );
    assert_eq!(
        detail.get("fr"),
        "Acme ne vend pas de données personnelles."
    );
}

#[test]
fn bundled_rules_have_no_problem() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/vendors");
    let problems = problems_in(&dir);
    assert!(
        problems.is_empty(),
        "run `joinguard rules check rules/vendors`:\n  {}",
        problems.join("\n  ")
    );
}

/// The bundled database holds what the rules files give: each vendor as written less the research record, with
/// the inference rules' facts, and the grade report `grade_vendor` gives it now at the date of all of them
/// (`grade::as_of`). `build.rs` grades them into the blob, so this holds the stored reports to the grader of this
/// build (docs/size.md, session 41).
#[test]
fn bundled_database_matches_the_rules_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/vendors");
    let (files, _) = load_dir(&dir).unwrap();
    let db = joinguard::Database::bundled();
    assert_eq!(db.len(), files.len(), "the build compiled every rules file");
    // The build leaves out the research record (notes, page examples) that only `rules check` reads.
    let written: Vec<Vendor> = files
        .iter()
        .map(|file| file.vendor.clone().without_research_record())
        .collect();
    let as_of = joinguard::grade::as_of(&written);
    for (file, mut expected) in files.iter().zip(written) {
        let index = db.get(&file.vendor.id).expect("vendor compiled in");
        joinguard::infer::apply(&mut expected);
        let entry = db.entry(index);
        assert_eq!(
            entry.vendor, expected,
            "{}: compiled copy differs",
            file.path
        );
        assert_eq!(
            entry.grade,
            grade_vendor(&expected, &as_of),
            "{}: the stored grade is not the grader's at {as_of}",
            file.path
        );
    }
}

/// `Database::get` (vendor id → vendor; the popup's vendor card and `joinguard vendor` ask it) on the bundled
/// database: each id gives its own vendor's entry and nothing else does. `bundled_database_matches_the_rules_files`
/// asks only the rules files' ids (a map that answered each with one vendor fails it too), and the grade tests
/// never look a vendor up: this test adds that near misses, a domain and unknown ids give none (docs/size.md,
/// sessions 39 and 40).
#[test]
fn bundled_database_finds_each_vendor_by_its_own_id_only() {
    let db = joinguard::Database::bundled();
    assert!(
        db.len() > 1,
        "more than one vendor, or a constant answer would pass"
    );
    let ids: Vec<&str> = (0..db.len())
        .map(|i| db.entry(i).vendor.id.as_str())
        .collect();
    for index in 0..db.len() {
        let id = &db.entry(index).vendor.id;
        assert_eq!(db.get(id), Some(index), "{id}");
        // Near misses of a real id: the map's hasher reads a key's head (`HeadHasher`), so these share a
        // bucket with it or its neighbours.
        for near in [
            format!("{id}x"),
            id[..id.len() - 1].to_string(),
            id.to_uppercase(),
            format!(" {id}"),
        ]
        .into_iter()
        .filter(|near| !ids.contains(&near.as_str()))
        {
            assert_eq!(db.get(&near), None, "{near:?} is no vendor's id");
        }
    }
    // The map's keys are ids, not the official domains that share its type.
    let (domain, _) = db.official_domains().next().expect("an official domain");
    assert_eq!(db.get(domain), None, "{domain} is a domain, not an id");
    for unknown in ["", "unknown-vendor", "-"] {
        assert_eq!(db.get(unknown), None, "{unknown:?}");
    }
}

/// The CLI's build and the extension's grade at the date of their own vendors (`grade::as_of`, the newest source),
/// and the extension's vendors lack the citations of domains and status (`without_matching_citations`). Today the
/// two dates agree, so a vendor's grade reads the same in both; should a domain or status citation become the
/// newest source, a rating's age would differ between them unseen. This makes that a decision (session 41's review).
#[test]
fn both_builds_grade_at_the_same_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/vendors");
    let (files, _) = load_dir(&dir).unwrap();
    let cli: Vec<Vendor> = files
        .iter()
        .map(|f| f.vendor.clone().without_research_record())
        .collect();
    let extension: Vec<Vendor> = cli
        .iter()
        .map(|v| v.clone().without_matching_citations())
        .collect();
    assert_eq!(
        joinguard::grade::as_of(&cli),
        joinguard::grade::as_of(&extension)
    );
}
