//! Accuracy of the topic classifier on labelled news it was not trained on.

use super::data::{ag_group, AgExample, Example};
use super::model::{best_class, tempered, TopicModel, CLASSES};
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
    /// How often the top subject is right at each confidence the model gives it.
    pub reliability: Vec<ReliabilityBin>,
    /// Expected calibration error: the texts' mean gap between confidence and accuracy, bin by bin.
    pub calibration_error: f64,
    /// The temperature the confidences were read with (1: as the model gives them).
    pub temperature: f32,
    /// Every text's probabilities (before the temperature) and whether its top subject is right.
    #[serde(skip)]
    pub outcomes: Vec<([f32; CLASSES], bool)>,
    /// The first misclassified texts: (gold, predicted subject, text).
    #[serde(skip)]
    pub misses: Vec<(String, String, String)>,
}

/// The texts whose top subject's confidence falls in one tenth of [0, 1].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReliabilityBin {
    /// Lower bound of the confidences (the bin holds [from, from + 0.1), the last one 1.0 too).
    pub from: f64,
    /// Texts in it.
    pub texts: usize,
    /// Their mean confidence.
    pub confidence: f64,
    /// Share of them whose top subject is right (a calibrated model: about `confidence`).
    pub accuracy: f64,
}

/// The reliability table of (confidence of the top subject, right or not) pairs, and the expected
/// calibration error over it.
pub fn reliability(outcomes: &[(f32, bool)]) -> (Vec<ReliabilityBin>, f64) {
    let mut bins: Vec<(usize, f64, usize)> = vec![(0, 0.0, 0); 10];
    for &(c, right) in outcomes {
        let b = bins.get_mut(((c.clamp(0.0, 1.0) * 10.0) as usize).min(9)).expect("ten bins");
        (b.0, b.1, b.2) = (b.0 + 1, b.1 + f64::from(c), b.2 + usize::from(right));
    }
    let n = outcomes.len().max(1) as f64;
    let table: Vec<ReliabilityBin> = bins
        .into_iter()
        .enumerate()
        .filter(|(_, b)| b.0 > 0)
        .map(|(i, (texts, sum, right))| ReliabilityBin {
            from: i as f64 / 10.0,
            texts,
            confidence: sum / texts as f64,
            accuracy: right as f64 / texts as f64,
        })
        .collect();
    let error = table.iter().map(|b| b.texts as f64 / n * (b.confidence - b.accuracy).abs()).sum();
    (table, error)
}

/// The reliability table and calibration error of `outcomes` read with temperature `t`.
pub fn reliability_at(outcomes: &[([f32; CLASSES], bool)], t: f32) -> (Vec<ReliabilityBin>, f64) {
    let top: Vec<(f32, bool)> = outcomes
        .iter()
        .map(|(p, right)| {
            let q = tempered(p, t);
            (q[best_class(&q)], *right)
        })
        .collect();
    reliability(&top)
}

/// The temperature (0.5–8, in steps of 0.05) whose top-subject confidences best predict whether
/// the top subject is right (least log loss), and that loss.
pub fn fit_temperature(outcomes: &[([f32; CLASSES], bool)]) -> (f32, f64) {
    let loss = |t: f32| {
        outcomes
            .iter()
            .map(|(p, right)| {
                let q = tempered(p, t);
                let c = f64::from(q[best_class(&q)]).clamp(1e-6, 1.0 - 1e-6);
                -if *right { c.ln() } else { (1.0 - c).ln() }
            })
            .sum::<f64>()
            / outcomes.len().max(1) as f64
    };
    (10..=160).map(|k| k as f32 * 0.05).map(|t| (t, loss(t))).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap_or((1.0, 0.0))
}

/// Misclassified texts kept per evaluation.
pub const MISSES_KEPT: usize = 200;

fn report(set: &str, pairs: &[(String, String)], probabilities: Vec<[f32; CLASSES]>, temperature: f32) -> TopicEval {
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
    let outcomes: Vec<([f32; CLASSES], bool)> =
        probabilities.into_iter().zip(pairs).map(|(q, (g, p))| (q, g == p)).collect();
    let (reliability, calibration_error) = reliability_at(&outcomes, temperature);
    TopicEval {
        set: set.to_string(),
        texts: pairs.len(),
        accuracy: right as f64 / pairs.len().max(1) as f64,
        per_class,
        confusion,
        reliability,
        calibration_error,
        temperature,
        outcomes,
        misses: Vec::new(),
    }
}

/// The top subject against the gold subject of labelled examples; confidences read with
/// `temperature`.
pub fn eval_examples(model: &TopicModel, set: &str, examples: &[Example], temperature: f32) -> TopicEval {
    let mut probabilities = Vec::with_capacity(examples.len());
    let pairs: Vec<(String, String)> = examples
        .iter()
        .map(|e| {
            let p = model.probabilities(&e.text);
            let best = best_class(&p);
            probabilities.push(p);
            (TOP_LEVEL[e.class].0.to_string(), TOP_LEVEL[best].0.to_string())
        })
        .collect();
    report(set, &pairs, probabilities, temperature)
}

/// AG News: the top subject mapped to AG's four classes (World, Sports, Business, Sci/Tech).
pub fn eval_ag(model: &TopicModel, set: &str, texts: &[AgExample], temperature: f32) -> TopicEval {
    let mut misses = Vec::new();
    let mut probabilities = Vec::with_capacity(texts.len());
    let pairs: Vec<(String, String)> = texts
        .iter()
        .map(|e| {
            let p = model.probabilities(&e.text);
            let best = best_class(&p);
            probabilities.push(p);
            let group = ag_group(TOP_LEVEL[best].0);
            if group != e.label && misses.len() < MISSES_KEPT {
                misses.push((e.label.clone(), TOP_LEVEL[best].0.to_string(), e.text.clone()));
            }
            (e.label.clone(), group.to_string())
        })
        .collect();
    TopicEval { misses, ..report(set, &pairs, probabilities, temperature) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reliability_table_bins_confidences_and_measures_the_gap() {
        let outcomes = [(0.95, true), (0.92, true), (0.91, false), (0.35, false), (0.31, true), (1.0, true)];
        let (table, error) = reliability(&outcomes);
        assert_eq!(table.iter().map(|b| (b.from, b.texts)).collect::<Vec<_>>(), [(0.3, 2), (0.9, 4)]);
        assert!((table[1].accuracy - 0.75).abs() < 1e-9);
        assert!((table[0].confidence - 0.33).abs() < 1e-6);
        // |0.33 - 0.5| * 2/6 + |0.945 - 0.75| * 4/6
        assert!((error - (0.17 * 2.0 / 6.0 + 0.195 * 4.0 / 6.0)).abs() < 1e-6, "{error}");
    }

    #[test]
    fn an_over_confident_model_is_softened_by_the_fitted_temperature() {
        // The top subject gets 0.9 but is right 6 times in 10: a temperature above 1 fits.
        let mut p = [0.1 / (CLASSES - 1) as f32; CLASSES];
        p[0] = 0.9;
        let outcomes: Vec<([f32; CLASSES], bool)> = (0..100).map(|i| (p, i % 10 < 6)).collect();
        let (t, _) = fit_temperature(&outcomes);
        assert!(t > 1.0, "{t}");
        let (_, before) = reliability_at(&outcomes, 1.0);
        let (table, after) = reliability_at(&outcomes, t);
        assert!((before - 0.3).abs() < 1e-6, "{before}");
        assert!(after < 0.05, "{after}: {table:?}");
        // A model right as often as it says keeps its temperature near 1.
        let honest: Vec<([f32; CLASSES], bool)> = (0..100).map(|i| (p, i % 10 < 9)).collect();
        assert!((fit_temperature(&honest).0 - 1.0).abs() <= 0.1);
    }
}
