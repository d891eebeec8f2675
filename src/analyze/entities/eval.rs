//! Span-level precision, recall and F1 per entity type (the conlleval measure).

use super::tags::{spans, Tag, TYPES};
use serde::Serialize;

/// Scores of one type (or of all).
#[derive(Debug, Clone, Serialize, Default)]
pub struct TypeScore {
    /// Entity type, or "ALL".
    pub entity: String,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities with the exact gold span and type.
    pub correct: usize,
    /// correct / predicted.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl TypeScore {
    /// The scores of `correct` predictions among `predicted`, against `gold`.
    pub fn of(entity: &str, gold: usize, predicted: usize, correct: usize) -> Self {
        let precision = correct as f64 / predicted.max(1) as f64;
        let recall = correct as f64 / gold.max(1) as f64;
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        TypeScore { entity: entity.to_string(), gold, predicted, correct, precision, recall, f1 }
    }
}

/// Per-type and overall scores of predicted against gold tag sequences.
pub fn score(pairs: &[(Vec<Tag>, Vec<Tag>)]) -> Vec<TypeScore> {
    let mut counts = vec![[0usize; 3]; TYPES.len()];
    for (gold, pred) in pairs {
        let g = spans(gold);
        let p = spans(pred);
        for s in &g {
            counts[s.0][0] += 1;
        }
        for s in &p {
            counts[s.0][1] += 1;
            if g.contains(s) {
                counts[s.0][2] += 1;
            }
        }
    }
    let make = |entity: &str, [gold, predicted, correct]: [usize; 3]| TypeScore::of(entity, gold, predicted, correct);
    let mut out: Vec<TypeScore> = TYPES.iter().zip(&counts).map(|(t, c)| make(t, *c)).collect();
    let all = counts.iter().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    out.push(make("ALL", all));
    out
}
