//! Inference rules: the only way a fact may be derived from other facts instead of stated by a source. Each rule
//! is written out here and in rules/README.md ("Inference rules"), applied to every vendor alike; a stated value
//! always wins, and a stated value that contradicts a rule is a `rules check` error. This file is also compiled
//! into `build.rs` (via `#[path]`), so it may only use `std`, `crate::rules` (the model) and the English macros.

use crate::rules::{Answer, Derivation, E2ee, E2eeScope, Fact, Vendor};

/// A fact a rule may derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    AiTraining,
    HumanReview,
}

impl Target {
    /// The field path, as in the rules files and `rules check` messages.
    pub fn field(self) -> &'static str {
        match self {
            Target::AiTraining => "data_practices.ai_training",
            Target::HumanReview => "data_practices.human_review",
        }
    }

    fn fact(self, vendor: &Vendor) -> &Fact<Answer> {
        match self {
            Target::AiTraining => &vendor.data_practices.ai_training,
            Target::HumanReview => &vendor.data_practices.human_review,
        }
    }

    fn fact_mut(self, vendor: &mut Vendor) -> &mut Fact<Answer> {
        match self {
            Target::AiTraining => &mut vendor.data_practices.ai_training,
            Target::HumanReview => &mut vendor.data_practices.human_review,
        }
    }
}

/// One inference rule: when `premise` holds, each target has the given value.
pub struct Rule {
    /// Stable id, shown with every derived value and used as the message id of its explanation.
    pub id: &'static str,
    /// The premise's field path.
    pub from: &'static str,
    pub premise: fn(&Vendor) -> bool,
    pub conclusions: &'static [(Target, Answer)],
    /// The rule in one English sentence (the extension has it in three languages under `derived_<id>`).
    pub english: &'static str,
}

/// Every rule. Deliberately narrow; see rules/README.md for what each may not conclude.
pub const RULES: &[Rule] = &[Rule {
    id: "e2ee-all-content",
    from: "e2ee",
    // End-to-end encryption by default of everything participants exchange means the provider holds no
    // readable call content, so it can neither train models on it nor have people look at it. It says nothing
    // about metadata (ads_sharing) or about the rights the terms claim (content_licence), and `calls` or
    // `messages` scope is not enough: the unencrypted part could be read.
    premise: |vendor| {
        vendor.e2ee.value == E2ee::Default && vendor.e2ee.scope == Some(E2eeScope::AllContent)
    },
    conclusions: &[
        (Target::AiTraining, Answer::No),
        (Target::HumanReview, Answer::No),
    ],
    english: english_str!("everything participants exchange is end-to-end encrypted by default, so the provider cannot read call content to train AI on it or to have people review it"),
}];

/// A stated value that a rule contradicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    pub rule: &'static str,
    pub field: &'static str,
    pub stated: Answer,
    pub derived: Answer,
}

/// What the rules would derive for a vendor, whatever it states: `(rule, target, value)`.
pub fn conclusions(vendor: &Vendor) -> Vec<(&'static Rule, Target, Answer)> {
    // Loops, not a `filter` and `flat_map` chain's `collect`: that was its own copy of the adapters and of
    // `Vec`'s collect in the wasm engine, for code that runs once a vendor at start-up (docs/size.md, session 40).
    let mut out = Vec::new();
    for rule in RULES {
        if (rule.premise)(vendor) {
            for &(target, value) in rule.conclusions {
                out.push((rule, target, value));
            }
        }
    }
    out
}

/// Fills each unknown fact a rule derives (marking it `derived`) and returns the stated values that contradict
/// a rule. A stated value is never replaced.
pub fn apply(vendor: &mut Vendor) -> Vec<Contradiction> {
    let mut contradictions = Vec::new();
    for (rule, target, value) in conclusions(vendor) {
        let stated = target.fact(vendor).value;
        if stated == Answer::Unknown {
            let fact = target.fact_mut(vendor);
            fact.value = value;
            fact.derived = Some(Derivation {
                rule: rule.id.to_string(),
                from: rule.from.to_string(),
            });
        } else if stated != value {
            contradictions.push(Contradiction {
                rule: rule.id,
                field: target.field(),
                stated,
                derived: value,
            });
        }
    }
    contradictions
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}
