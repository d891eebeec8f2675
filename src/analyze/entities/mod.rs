//! People and organisations: a CoNLL-2003 entity tagger (averaged perceptron) and its evaluation.

pub mod article_entities;
pub mod conll;
pub mod dictionary;
pub mod doc_eval;
pub mod eval;
pub mod facet_values;
pub mod features;
pub mod gazetteer;
pub mod mentions;
pub mod perceptron;
pub mod tag_recall;
pub mod tagger;
pub mod tags;
pub mod tokenize;

pub use tagger::Tagger;
