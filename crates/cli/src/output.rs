//! How the CLI prints assessments, scan findings and vendor explanations: human-readable or JSON Lines.

use joinguard::db::VendorEntry;
use joinguard::grade::{Standing, CORE_FACTS};
use joinguard::rules::Fact;
use joinguard::text::ScanFinding;
use joinguard::Assessment;

pub fn print_assessment(a: &Assessment, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string(a).expect("assessments serialise")
        );
        return;
    }
    let who = match (&a.vendor_name, &a.lookalike_name) {
        (Some(name), _) => {
            let grade = a.grade_words().unwrap_or_else(|| "no grade".into());
            format!("{name} {} page, {grade}", a.kind.as_str())
        }
        (None, Some(imitated)) => format!("LOOKALIKE of {imitated}"),
        (None, None) => "not a conferencing page".to_string(),
    };
    println!("{}\n  {who}", a.url);
    if a.target != a.url && !a.unwrapped.is_empty() {
        println!(
            "  leads to {} (unwrapped: {})",
            a.target,
            a.unwrapped.join(", ")
        );
    }
    if let Some(id) = &a.meeting_id {
        println!(
            "  meeting id {id}{}",
            if a.embedded_secret {
                ", passcode in the link"
            } else {
                ""
            }
        );
    }
    for f in &a.findings {
        println!("  [{}] {}: {}", severity_word(f.severity), f.id, f.message);
    }
}

pub fn print_scan_finding(file: &str, f: &ScanFinding, json: bool) {
    if json {
        let mut value = serde_json::to_value(f).expect("scan findings serialise");
        value["file"] = serde_json::Value::String(file.to_string());
        println!("{value}");
        return;
    }
    let subject = f.url.as_deref().or(f.meeting_id.as_deref()).unwrap_or("");
    println!(
        "{file}:{}: [{}] {}: {} — {}",
        f.line,
        severity_word(f.severity),
        f.id,
        subject,
        f.message
    );
}

pub fn print_vendor(entry: &VendorEntry, json: bool) {
    let v = &entry.vendor;
    if json {
        let value = serde_json::json!({ "vendor": v, "grade": entry.grade });
        println!("{value}");
        return;
    }
    println!(
        "{} ({}) — {}, {}",
        v.name, v.id, v.operator.company, v.operator.country
    );
    let grade = &entry.grade;
    if grade.standing == Standing::Retired {
        println!("status: {}", grade.headline());
        println!("  (a retired service gets no grade; its facts as they were when it ran:)");
    } else {
        println!("grade {}", grade.headline());
    }
    for reason in &grade.reasons {
        println!("  {:+4}  {}", reason.points, reason.reason);
        for s in &reason.sources {
            println!("        {} ({}): {}", s.url, s.date, s.claim);
        }
    }
    if grade.reasons.is_empty() {
        println!("  no known risk in the database");
    }
    for reason in &grade.history {
        println!("     0  {}", reason.reason);
    }
    println!("core facts ({} of {CORE_FACTS} known):", grade.known);
    let practices = &v.data_practices;
    fact_line("end-to-end encryption", &v.e2ee);
    fact_line("recording notice", &v.recording_notice);
    fact_line("advertising sharing", &practices.ads_sharing);
    fact_line("licence over content", &practices.content_licence);
    fact_line("AI training on content", &practices.ai_training);
    fact_line("human review of content", &practices.human_review);
    println!("official domains: {}", v.domains.official.join(", "));
}

/// "  AI training on content: no (derived: rule e2ee-all-content, from e2ee)".
fn fact_line<T: serde::Serialize>(name: &str, fact: &Fact<T>) {
    let value = serde_json::to_value(&fact.value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    match &fact.derived {
        Some(derivation) => {
            let why = joinguard::infer::rule(&derivation.rule).map_or("", |r| r.english);
            println!(
                "  {name}: {value} (derived: rule {}, from {}: {why})",
                derivation.rule, derivation.from
            );
        }
        None => {
            let detail = fact.detail.as_ref().map(|d| d.get("en")).unwrap_or("");
            if detail.is_empty() {
                println!("  {name}: {value}");
            } else {
                println!("  {name}: {value}: {detail}");
            }
        }
    }
}

fn severity_word(s: joinguard::Severity) -> &'static str {
    match s {
        joinguard::Severity::Info => "info",
        joinguard::Severity::Caution => "caution",
        joinguard::Severity::Warning => "warning",
        joinguard::Severity::Danger => "danger",
    }
}
