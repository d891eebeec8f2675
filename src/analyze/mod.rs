//! Analyze: what an article holds (passages, repeats, people, organisations, topics) and how it
//! relates to the corpus (duplicate marks, story clusters, keyphrases). [`corpus`] is the entry
//! point the indexer uses; [`analyze`] is the per-article first step.

pub(crate) mod corpus;
pub mod dedup;
pub mod entities;
pub mod keywords;
pub(crate) mod model_file;
pub mod normalize;
pub mod paragraphs;
pub(crate) mod passage;
pub mod passages;
pub mod stopwords;
pub mod topics;

use crate::ingest::Article;
use normalize::normalized_words;
pub use passage::{Passage, PassageKind, PassageRef};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Loads the built-in models (the entity tagger, its word clusters, the topic classifier) on
/// rayon's pool in the background, each on a thread of its own, so an indexing run reads its
/// first batch while they load instead of loading them one after another when it analyses it.
pub fn preload_models() {
    rayon::spawn(|| {
        rayon::join(
            || {
                entities::tagger::Tagger::builtin();
            },
            || {
                rayon::join(entities::clusters::WordClusters::builtin, topics::classifier::builtin);
            },
        );
    });
}

/// What analysis adds to an article; stored with it and shown by `show --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Duplicate cluster: the id of the first article of the cluster (its own id when it has no copies).
    #[serde(rename = "dup_cluster", default)]
    pub cluster: String,
    /// The cluster's number in the duplicate store (dense over the index, so distinct clusters
    /// are counted in a bitset); set when the article is marked, kept in a fast field only.
    #[serde(skip)]
    pub cluster_ord: Option<u32>,
    /// Passages in body order with their marks.
    pub passages: Vec<Passage>,
    /// People and organisations with their salience.
    #[serde(default)]
    pub entities: entities::article_entities::ArticleEntities,
    /// Topics (IPTC subjects and themes) with confidences, most confident first.
    #[serde(default)]
    pub topics: Vec<topics::TopicRef>,
    /// Keyphrases: words and 2–3 word phrases significant against the corpus, best first.
    #[serde(default)]
    pub keywords: Vec<String>,
}

impl Analysis {
    /// The text indexed for BM25: the body with intra-article repeats and boilerplate left out, so
    /// a paragraph printed twice counts once and boilerplate does not weigh.
    pub fn index_text(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        for p in self.passages.iter().filter(|p| !matches!(p.kind, PassageKind::Intra | PassageKind::Boilerplate)) {
            out.push_str(&body[p.start..p.end]);
            out.push_str("\n\n");
        }
        out
    }
}

/// Analyses one article on its own: passages, hashes and intra-article repeats.
///
/// ```
/// use newsdex::analyze::{analyze, PassageKind};
/// use newsdex::ingest::Article;
/// let a = Article { id: "a".into(), body: "Same words here.\n\nOther.\n\nSame words, here!".into(), ..Default::default() };
/// let kinds: Vec<_> = analyze(&a).passages.iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, [PassageKind::Original, PassageKind::Original, PassageKind::Intra]);
/// ```
pub fn analyze(article: &Article) -> Analysis {
    analyze_with_words(article).0
}

/// [`analyze`], also returning each passage's normalised words.
pub fn analyze_with_words(article: &Article) -> (Analysis, Vec<Vec<String>>) {
    let mut all_words = Vec::new();
    let mut first_seen: HashMap<u64, usize> = HashMap::new();
    let mut passages = Vec::new();
    for range in passages::passages(&article.body) {
        let words = normalized_words(&article.body[range.clone()]);
        if words.is_empty() {
            continue;
        }
        let hash = xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes());
        let index = passages.len();
        let (kind, of, similarity) = match first_seen.get(&hash) {
            Some(&first) => {
                (PassageKind::Intra, Some(PassageRef { id: article.id.clone(), passage: first }), Some(1.0))
            }
            None => {
                first_seen.insert(hash, index);
                (PassageKind::Original, None, None)
            }
        };
        passages.push(Passage { start: range.start, end: range.end, hash, words: words.len(), kind, of, similarity });
        all_words.push(words);
    }
    (
        Analysis {
            passages,
            cluster: article.id.clone(),
            cluster_ord: None,
            entities: Default::default(),
            topics: vec![],
            keywords: vec![],
        },
        all_words,
    )
}
