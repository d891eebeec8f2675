//! People and organisations: a CoNLL-2003 entity tagger (averaged perceptron) and its evaluation.

pub mod article_entities;
pub mod clusters;
pub(crate) mod companies;
pub mod conll;
pub(crate) mod dictionary;
pub mod doc_eval;
pub mod eval;
pub(crate) mod facet_values;
pub(crate) mod features;
pub(crate) mod gazetteer;
pub(crate) mod initials;
pub mod mentions;
pub(crate) mod perceptron;
pub(crate) mod sentence_rules;
pub mod tag_recall;
pub mod tagger;
pub(crate) mod tags;
pub(crate) mod things;
pub mod tokenize;

pub use tagger::Tagger;
