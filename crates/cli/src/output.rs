//! How the CLI prints assessments, scan findings and vendor explanations: human-readable or JSON Lines.

use joinguard::db::VendorEntry;
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
        (Some(name), _) => format!(
            "{name} {} page, grade {}",
            a.kind.as_str(),
            a.grade.map_or('-', |g| g)
        ),
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
    println!("grade {}", entry.grade.summary());
    for reason in &entry.grade.reasons {
        println!("  {:+4}  {}", reason.points, reason.reason);
        for s in &reason.sources {
            println!("        {} ({}): {}", s.url, s.date, s.claim);
        }
    }
    println!("official domains: {}", v.domains.official.join(", "));
}

fn severity_word(s: joinguard::Severity) -> &'static str {
    match s {
        joinguard::Severity::Info => "info",
        joinguard::Severity::Caution => "caution",
        joinguard::Severity::Warning => "warning",
        joinguard::Severity::Danger => "danger",
    }
}
