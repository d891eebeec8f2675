//! Accuracy of the topic classifier on labelled news it was not trained on.

use super::data::{ag_group, AgExample, Example};
use super::model::{best_class, TopicModel};
use super::taxonomy::TOP_LEVEL;
use serde::Serialize;
use std::collections::BTreeMap;

/// Accuracy, per-class precision/recall and the confusion matrix.
#[derive(Debug, Clone, Serialize)]
pub struct TopicEval {
    /// What was evaluated.
    pub set: String,
    /// Texts.
    pub texts: usize,
    /// Share whose top subject is right.
    pub accuracy: f64,
    /// class → (precision, recall, support).
    pub per_class: BTreeMap<String, (f64, f64, usize)>,
    /// gold → predicted → count.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// The first misclassified texts: (gold, predicted subject, text).
    #[serde(skip)]
    pub misses: Vec<(String, String, String)>,
}

/// Misclassified texts kept per evaluation.
pub const MISSES_KEPT: usize = 200;

fn report(set: &str, pairs: &[(String, String)]) -> TopicEval {
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (g, p) in pairs {
        *confusion.entry(g.clone()).or_default().entry(p.clone()).or_default() += 1;
    }
    let classes: std::collections::BTreeSet<&String> = pairs.iter().flat_map(|(g, p)| [g, p]).collect();
    let per_class = classes
        .into_iter()
        .map(|c| {
            let tp = pairs.iter().filter(|(g, p)| g == c && p == c).count();
            let predicted = pairs.iter().filter(|(_, p)| p == c).count();
            let support = pairs.iter().filter(|(g, _)| g == c).count();
            (c.clone(), (tp as f64 / predicted.max(1) as f64, tp as f64 / support.max(1) as f64, support))
        })
        .collect();
    let right = pairs.iter().filter(|(g, p)| g == p).count();
    TopicEval {
        set: set.to_string(),
        texts: pairs.len(),
        accuracy: right as f64 / pairs.len().max(1) as f64,
        per_class,
        confusion,
        misses: Vec::new(),
    }
}

/// The top subject against the gold subject of labelled examples.
pub fn eval_examples(model: &TopicModel, set: &str, examples: &[Example]) -> TopicEval {
    let pairs: Vec<(String, String)> = examples
        .iter()
        .map(|e| {
            let p = model.probabilities(&e.text);
            let best = best_class(&p);
            (TOP_LEVEL[e.class].0.to_string(), TOP_LEVEL[best].0.to_string())
        })
        .collect();
    report(set, &pairs)
}

/// AG News: the top subject mapped to AG's four classes (World, Sports, Business, Sci/Tech).
pub fn eval_ag(model: &TopicModel, set: &str, texts: &[AgExample]) -> TopicEval {
    let mut misses = Vec::new();
    let pairs: Vec<(String, String)> = texts
        .iter()
        .map(|e| {
            let p = model.probabilities(&e.text);
            let best = best_class(&p);
            let group = ag_group(TOP_LEVEL[best].0);
            if group != e.label && misses.len() < MISSES_KEPT {
                misses.push((e.label.clone(), TOP_LEVEL[best].0.to_string(), e.text.clone()));
            }
            (e.label.clone(), group.to_string())
        })
        .collect();
    TopicEval { misses, ..report(set, &pairs) }
}
