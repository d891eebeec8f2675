//! Topics of an article: the classifier's top-level subjects above a confidence floor, plus the
//! second-level themes their lexicons find.

use super::model::{best_class, TopicModel};
use super::taxonomy::{LexiconCounts, TOP_LEVEL};
use crate::analyze::normalize::normalized_words;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The model trained by `newsdex train-topics`, built into the binary.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../../models/topics.bin.gz");
/// Subjects below this confidence are not stored (the best one always is).
pub const DEFAULT_CONFIDENCE_FLOOR: f32 = 0.25;
/// A theme whose words occur this often (two of them at least) adds its subject even when the
/// classifier did not pick it.
pub const THEME_ALONE: usize = 3;

/// One topic of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicRef {
    /// Facet path: `/topic/politics` or `/topic/politics/migration`.
    pub path: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// The built-in model, loaded once; `None` when the binary was built without one.
pub fn builtin() -> Option<&'static TopicModel> {
    static MODEL: OnceLock<Option<TopicModel>> = OnceLock::new();
    MODEL.get_or_init(|| TopicModel::load(BUILTIN_MODEL).ok()).as_ref()
}

/// Topics of a headline and body, most confident first.
pub fn classify(model: &TopicModel, title: &str, body: &str) -> Vec<TopicRef> {
    let text = format!("{title}\n\n{body}");
    let words = normalized_words(&text);
    let counts = LexiconCounts::of(&words);
    let p = model.probabilities_with_words(&text, &words, &counts);
    let best = best_class(&p);
    let mut kept: Vec<(usize, f32)> =
        (0..p.len()).filter(|&i| i == best || p[i] >= DEFAULT_CONFIDENCE_FLOOR).map(|i| (i, p[i])).collect();
    let found = counts.themes();
    for t in &found {
        let i = TOP_LEVEL.iter().position(|(s, _)| *s == t.parent).expect("theme parents are top-level");
        // One word said often is not enough: "director" three times in a bank's story is no film.
        if t.strength >= THEME_ALONE && t.distinct >= 2 && !kept.iter().any(|(k, _)| *k == i) {
            kept.push((i, p[i].max(0.5)));
        }
    }
    let mut out = Vec::new();
    for (i, conf) in &kept {
        let slug = TOP_LEVEL[*i].0;
        out.push(TopicRef { path: format!("/topic/{slug}"), confidence: *conf });
        for t in found.iter().filter(|t| t.parent == slug) {
            out.push(TopicRef { path: format!("/topic/{}/{}", t.parent, t.theme), confidence: *conf });
        }
    }
    out.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then_with(|| a.path.cmp(&b.path)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_adds_its_subject_only_with_two_of_its_words() {
        let Some(model) = builtin() else { return };
        let has = |topics: &[TopicRef], path: &str| topics.iter().any(|t| t.path.starts_with(path));
        // "director" three times in a bank's story: a film word said often, no film.
        let bank = classify(
            model,
            "Securities market starts well",
            "Bond trading rose, the director of trading at the bank said. The managing director said \
             turnover would grow, and an executive director said yields fell on the bond market.",
        );
        assert!(!has(&bank, "/topic/arts-culture-entertainment-media"), "{bank:?}");
        // Three words of the strikes lexicon: the subject is added whatever the classifier says.
        let strike = classify(
            model,
            "Dock workers walk out",
            "The union called a strike over the wage offer; every worker joined the walkout at the port.",
        );
        assert!(has(&strike, "/topic/labour/strikes-unions"), "{strike:?}");
    }
}
