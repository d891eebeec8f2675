//! The topic classifier's training procedure (what `newsdex train-topics` runs and what
//! reproduces `models/topics.bin.gz`): labelled HuffPost and Reuters-21578 examples, capped per
//! subject, then AG News descriptions labelled by their category (World texts by the subject
//! the first model likes best among World's), and a second model trained on all of them.

use super::data;
use super::model::{TopicModel, TrainOptions, CLASSES};
use super::taxonomy::{weak_label, TOP_LEVEL};
use super::vectors::WordVectors;
use crate::analyze::normalize::normalized_words;
use crate::error::{Error, Result};
use std::path::PathBuf;

/// Default cap of examples per subject before AG News is added.
pub const DEFAULT_PER_CLASS: usize = 5000;
/// Default cap of Reuters-21578 examples.
pub const DEFAULT_REUTERS_CAP: usize = 3000;
/// Default weight (repeats) of an AG News description.
pub const DEFAULT_AG_WEIGHT: usize = 3;

/// Where the training examples come from.
#[derive(Debug, Clone)]
pub struct TrainingData {
    /// HuffPost News Category files (their `train` split is used).
    pub huffpost: Vec<PathBuf>,
    /// Reuters-21578 JSON Lines, mapped to subjects.
    pub reuters: Option<PathBuf>,
    /// At most this many Reuters examples.
    pub reuters_cap: usize,
    /// AG News test set (its five folds).
    pub ag: Option<PathBuf>,
    /// An AG fold left out of training (for cross-validation).
    pub ag_holdout: Option<u64>,
    /// Repeats of each AG description.
    pub ag_weight: usize,
    /// At most this many HuffPost/Reuters examples per subject.
    pub per_class: usize,
    /// Word vectors (a folder written by `scripts/export_vectors.py`).
    pub vectors: Option<PathBuf>,
}

impl Default for TrainingData {
    fn default() -> Self {
        TrainingData {
            huffpost: Vec::new(),
            reuters: None,
            reuters_cap: DEFAULT_REUTERS_CAP,
            ag: None,
            ag_holdout: None,
            ag_weight: DEFAULT_AG_WEIGHT,
            per_class: DEFAULT_PER_CLASS,
            vectors: None,
        }
    }
}

/// A trained model and what it was trained on.
#[derive(Debug)]
pub struct Trained {
    /// The model.
    pub model: TopicModel,
    /// Examples per top-level subject (AG repeats counted).
    pub per_subject: Vec<(String, usize)>,
    /// Examples in all.
    pub examples: usize,
    /// AG News texts added, when AG was given.
    pub ag_texts: Option<usize>,
}

fn read<T>(path: &std::path::Path, what: std::io::Result<T>) -> Result<T> {
    what.map_err(|e| Error::io(path, e))
}

/// Trains the topic model on `data` with `options`.
pub fn train_topics(data: &TrainingData, options: &TrainOptions) -> Result<Trained> {
    let mut examples = Vec::new();
    for p in &data.huffpost {
        examples.extend(read(p, data::huffpost(p))?.into_iter().filter(|e| e.split == "train"));
    }
    if let Some(p) = &data.reuters {
        examples.extend(read(p, data::reuters(p, data.reuters_cap))?);
    }
    if examples.is_empty() {
        return Err(Error::user("No training examples.", "Pass --huffpost and/or --reuters files."));
    }
    let mut per_class = std::collections::HashMap::new();
    examples.retain(|e| {
        let n = per_class.entry(e.class).or_insert(0usize);
        *n += 1;
        *n <= data.per_class
    });
    let vectors = match &data.vectors {
        Some(dir) => Some(WordVectors::load(dir).map_err(|e| {
            Error::user(
                format!("Could not read word vectors from {} ({e}).", dir.display()),
                "Write them with scripts/export_vectors.py.",
            )
        })?),
        None => None,
    };
    let mut featured: Vec<(String, usize)> = examples.into_iter().map(|e| (e.text, e.class)).collect();
    let learn = |set: &[(String, usize)]| TopicModel::train(set, vectors.as_ref(), options);
    let mut model = learn(&featured);
    let mut ag_texts = None;
    if let Some(p) = &data.ag {
        // AG's Sports/Business/Sci/Tech name one subject each; its World spans many, so a World
        // text is labelled with the subject the model trained so far likes best among them.
        let ag: Vec<_> = read(p, data::ag_news(p))?.into_iter().filter(|e| Some(e.fold) != data.ag_holdout).collect();
        let world = data::ag_world_subjects();
        for e in &ag {
            let class = match data::ag_subject(&e.label) {
                Some(slug) => data::class_of(slug),
                None if let Some(slug) = weak_label(&normalized_words(&e.text)) => data::class_of(slug),
                None => {
                    let p = model.probabilities(&e.text);
                    *world.iter().max_by(|x, y| p[**x].total_cmp(&p[**y])).expect("World subjects")
                }
            };
            // News descriptions are closer to indexed articles than headlines alone: they count more.
            featured.extend(std::iter::repeat_n((e.text.clone(), class), data.ag_weight));
        }
        ag_texts = Some(ag.len());
        model = learn(&featured);
    }
    let mut counts = [0usize; CLASSES];
    featured.iter().for_each(|(_, c)| counts[*c] += 1);
    let per_subject = TOP_LEVEL.iter().zip(counts).map(|((slug, _), n)| (slug.to_string(), n)).collect();
    Ok(Trained { model, per_subject, examples: featured.len(), ag_texts })
}
