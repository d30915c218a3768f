//! Reads `Engine::link_records` back as extension/background/batch.js does: shared by the engine's JSON tests
//! (tests/json.rs) and the wasm facade's (crates/wasm/tests/in_page.rs).

/// `Engine::link_records`' hits read back into `[{index, assessment}]` as extension/background/batch.js
/// `readHits` does (`joinguard::screen::record`), with the tables of `Engine::write_link_tables`.
pub fn read_link_records(
    tables: &serde_json::Value,
    urls: &[impl AsRef<str>],
    records: &[u32],
    extras: &str,
) -> serde_json::Value {
    use joinguard::screen::record::{flag, HEAD, PER_LINK};
    use serde_json::{json, Value};
    let extras: Vec<Value> = serde_json::from_str(extras).unwrap();
    let mut extras = extras.into_iter();
    let vendor = |n: u32| match n {
        0 => {
            json!({"id": null, "name": null, "grade": null, "standing": null, "known_facts": null, "retired": null})
        }
        n => tables["vendors"][n as usize - 1].clone(),
    };
    let mut hits = Vec::new();
    let mut at = 0;
    while at < records.len() {
        let head = &records[at..at + HEAD];
        let (v, l, flags) = (vendor(head[1]), vendor(head[3]), head[4]);
        let own = if flags & flag::EXTRA != 0 {
            extras.next().unwrap()
        } else {
            json!({})
        };
        let url = own
            .get("url")
            .cloned()
            .unwrap_or_else(|| json!(urls[head[0] as usize].as_ref()));
        let meeting_id = if flags & flag::MEETING_IN_URL != 0 {
            json!(url.as_str().unwrap()[head[5] as usize..head[6] as usize])
        } else {
            own.get("meeting_id").cloned().unwrap_or(Value::Null)
        };
        at += HEAD;
        let slots = &records[at..at + head[7] as usize];
        at += slots.len();
        let mut own_findings = own
            .get("findings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        let findings: Vec<Value> = slots
            .iter()
            .map(|&slot| match slot {
                PER_LINK => own_findings.next().unwrap().clone(),
                slot => tables["findings"][slot as usize].clone(),
            })
            .collect();
        assert!(own_findings.next().is_none());
        hits.push(json!({
            "index": head[0],
            "assessment": {
                "url": url.clone(),
                "target": own.get("target").cloned().unwrap_or(url),
                "unwrapped": own.get("unwrapped").cloned().unwrap_or(json!([])),
                "vendor": v["id"], "vendor_name": v["name"],
                "kind": tables["kinds"][head[2] as usize],
                "lookalike_of": l["id"], "lookalike_name": l["name"],
                "meeting_id": meeting_id,
                "embedded_secret": flags & flag::EMBEDDED_SECRET != 0,
                "grade": v["grade"], "standing": v["standing"], "known_facts": v["known_facts"],
                "retired": v["retired"],
                "findings": findings,
            },
        }));
    }
    assert!(extras.next().is_none());
    Value::Array(hits)
}
