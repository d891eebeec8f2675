//! The entity tagger: the committed model, sentence tagging, document-level consistency, training.

use super::conll::{parse_conll, Document};
use super::eval::{score, TypeScore};
use super::gazetteer::is_country;
use super::perceptron::{train, Perceptron, QuantizedPerceptron, SentenceFeatures, DEFAULT_BUCKETS};
use super::tags::{spans, Tag};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The model trained on CoNLL-2003 English train (see `newsdex train-ner`), built into the binary.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../../models/ner-conll2003.bin.gz");
/// Default training epochs.
pub const DEFAULT_EPOCHS: usize = 15;

/// A loaded tagger.
pub struct Tagger {
    model: QuantizedPerceptron,
}

impl Tagger {
    /// The built-in model, loaded once per process; `None` when the binary was built without one.
    pub fn builtin() -> Option<&'static Tagger> {
        static TAGGER: OnceLock<Option<Tagger>> = OnceLock::new();
        TAGGER.get_or_init(|| QuantizedPerceptron::load(BUILTIN_MODEL).ok().map(|model| Tagger { model })).as_ref()
    }

    /// A tagger from a model, with the weights as its model file would hold them.
    pub fn new(model: &Perceptron) -> Self {
        Tagger { model: QuantizedPerceptron::from(model) }
    }

    /// Tags one sentence.
    pub fn tag_sentence(&self, tokens: &[&str]) -> Vec<Tag> {
        self.model.decode(&SentenceFeatures::new(tokens, self.model.buckets))
    }

    /// Tags the sentences of one document, then makes it consistent: a name tagged with a type in
    /// one place gets the type it has most often in the document everywhere.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut tags: Vec<Vec<Tag>> = sentences.iter().map(|s| self.tag_sentence(s)).collect();
        for (s, t) in sentences.iter().zip(tags.iter_mut()) {
            countries_are_places(s, t);
        }
        make_consistent(sentences, &mut tags);
        tags
    }
}

/// Retypes a whole span that spells a country name as a place (LOC).
fn countries_are_places(tokens: &[&str], tags: &mut [Tag]) {
    for (ty, a, b) in spans(tags) {
        if ty != 2 && is_country(&tokens[a..b].join(" ")) {
            tags[a] = 1 + 2 * 2;
            for t in &mut tags[a + 1..b] {
                *t = 2 + 2 * 2;
            }
        }
    }
}

/// Document-level consistency: every occurrence of a tagged name (capitalised, outside other
/// entities) takes the name's majority type in the document.
pub fn make_consistent(sentences: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    let mut votes: HashMap<Vec<&str>, [usize; 4]> = HashMap::new();
    for (s, t) in sentences.iter().zip(tags.iter()) {
        for (ty, a, b) in spans(t) {
            votes.entry(s[a..b].to_vec()).or_default()[ty] += 1;
        }
    }
    let mut names: Vec<(Vec<&str>, usize)> = votes
        .into_iter()
        .filter(|(name, _)| name.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase)))
        .map(|(name, v)| {
            let ty = (0..4).max_by_key(|&t| (v[t], std::cmp::Reverse(t))).expect("four types");
            (name, ty)
        })
        .collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    for (s, t) in sentences.iter().zip(tags.iter_mut()) {
        for (name, ty) in &names {
            let n = name.len();
            let mut i = 0;
            while i + n <= s.len() {
                if s[i..i + n] == name[..] {
                    let free =
                        t[i..i + n].iter().all(|&x| x == 0) && (i + n == s.len() || t[i + n] % 2 == 1 || t[i + n] == 0);
                    let same_span = spans(t).iter().any(|x| x.1 == i && x.2 == i + n);
                    if free || same_span {
                        t[i] = 1 + 2 * *ty as Tag;
                        for x in &mut t[i + 1..i + n] {
                            *x = 2 + 2 * *ty as Tag;
                        }
                    }
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// Tags CoNLL documents (with document consistency) and returns (gold, predicted) per sentence.
pub fn tag_conll(tagger: &Tagger, docs: &[Document]) -> Vec<(Vec<Tag>, Vec<Tag>)> {
    let mut out = Vec::new();
    for d in docs {
        let sentences: Vec<Vec<&str>> =
            d.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let pred = tagger.tag_document(&sentences);
        for (s, p) in d.sentences.iter().zip(pred) {
            out.push((s.gold.clone().unwrap_or_else(|| vec![0; p.len()]), p));
        }
    }
    out
}

/// Trains on CoNLL train text, reporting dev scores after each epoch; returns the model.
pub fn train_ner(
    train_text: &str,
    dev_text: &str,
    epochs: usize,
    mut report: impl FnMut(usize, &[TypeScore]),
) -> Perceptron {
    let train_docs = parse_conll(train_text);
    let dev_docs = parse_conll(dev_text);
    let data: Vec<(SentenceFeatures, Vec<Tag>)> = train_docs
        .iter()
        .flat_map(|d| &d.sentences)
        .filter_map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            Some((SentenceFeatures::new(&tokens, DEFAULT_BUCKETS), s.gold.clone()?))
        })
        .collect();
    train(&data, DEFAULT_BUCKETS, epochs, |epoch, model| {
        let tagger = Tagger::new(model);
        report(epoch, &score(&tag_conll(&tagger, &dev_docs)));
    })
}
