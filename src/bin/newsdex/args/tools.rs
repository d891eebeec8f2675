//! Arguments of the commands that train and evaluate the models and rankings and measure speed
//! (`train-*`, `eval-*`, `ner`, `topics`, `gen-corpus`, `bench`, `bench-http`, `eval`).

use super::RankArg;
use clap::Args;
use newsdex::analyze::topics::model::{
    DEFAULT_BALANCE, DEFAULT_EPOCHS, DEFAULT_L2, DEFAULT_LEARNING_RATE, DEFAULT_LEXICON_WEIGHT,
};
use std::path::PathBuf;

/// `newsdex word-clusters`.
#[derive(Debug, Args)]
pub struct WordClustersArgs {
    /// Word vectors (a folder written by `scripts/export_vectors.py`).
    #[arg(long)]
    pub vectors: PathBuf,
    /// K-means passes per level.
    #[arg(long, default_value_t = newsdex::analyze::entities::clusters::DEFAULT_ITERATIONS)]
    pub iterations: usize,
    /// Where to write the clusters (gzipped text).
    #[arg(long, default_value = "models/word-clusters.tsv.gz")]
    pub out: PathBuf,
}

/// `newsdex train-ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// CoNLL training file.
    #[arg(long)]
    pub train: PathBuf,
    /// CoNLL development file, scored after each epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = newsdex::analyze::entities::tagger::DEFAULT_EPOCHS)]
    pub epochs: usize,
    /// Word clusters to train with (a file written by `newsdex word-clusters`); the built-in ones
    /// when not given. The tagger must be used with the clusters it was trained with.
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, default_value = "models/ner-conll2003.bin.gz")]
    pub out: PathBuf,
}

/// `newsdex eval-ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// CoNLL file with gold tags in the last column.
    #[arg(long)]
    pub conll: PathBuf,
    /// Fail when PER F1 is below this.
    #[arg(long, default_value_t = 0.0)]
    pub min_per_f1: f64,
    /// Fail when ORG F1 is below this.
    #[arg(long, default_value_t = 0.0)]
    pub min_org_f1: f64,
    /// List the N names most often shown wrongly and most often missed, per type.
    #[arg(long, default_value_t = 0)]
    pub misses: usize,
    /// A model file written by `newsdex train-ner` (with the built-in word clusters) instead of
    /// the built-in model.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex eval-entities`.
#[derive(Debug, Args)]
pub struct EvalEntitiesArgs {
    /// JSON Lines with `people` and `orgs` tag lists.
    #[arg(long)]
    pub data: PathBuf,
    /// How many of the most missed tags to list.
    #[arg(long, default_value_t = 10)]
    pub worst: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// Text to tag.
    #[arg(required_unless_present_any = ["file", "conll"])]
    pub text: Option<String>,
    /// Tag the text of this file.
    #[arg(long, conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Tag a CoNLL file: print its lines with the predicted tag appended.
    #[arg(long, conflicts_with_all = ["text", "file"])]
    pub conll: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex train-topics`.
#[derive(Debug, Args)]
pub struct TrainTopicsArgs {
    /// HuffPost News Category JSON Lines (train split used).
    #[arg(long)]
    pub huffpost: Vec<PathBuf>,
    /// Reuters-21578 JSON Lines (Lewis TRAIN articles with topics).
    #[arg(long)]
    pub reuters: Option<PathBuf>,
    /// Most Reuters articles used.
    #[arg(long, default_value_t = newsdex::analyze::topics::training::DEFAULT_REUTERS_CAP)]
    pub reuters_cap: usize,
    /// AG News JSON Lines: every fold but `--ag-holdout` is trained on.
    #[arg(long)]
    pub ag: Option<PathBuf>,
    /// An AG News fold (0-4) left out of training, for cross-validation (default: train on all).
    #[arg(long)]
    pub ag_holdout: Option<u64>,
    /// How many times each AG News text counts.
    #[arg(long, default_value_t = newsdex::analyze::topics::training::DEFAULT_AG_WEIGHT)]
    pub ag_weight: usize,
    /// Passes over the data.
    #[arg(long, default_value_t = DEFAULT_EPOCHS)]
    pub epochs: usize,
    /// Word vectors written by scripts/export_vectors.py (words.tsv, vectors.f32).
    #[arg(long)]
    pub vectors: Option<PathBuf>,
    /// Learning rate (logistic).
    #[arg(long, default_value_t = DEFAULT_LEARNING_RATE)]
    pub learning_rate: f32,
    /// L2 penalty per example (logistic).
    #[arg(long, default_value_t = DEFAULT_L2)]
    pub l2: f32,
    /// Evidence per subject word (logistic; 0 = no lexicon).
    #[arg(long, default_value_t = DEFAULT_LEXICON_WEIGHT)]
    pub lexicon_weight: f32,
    /// Class balance: 0 = none, 1 = every subject weighs the same in the loss.
    #[arg(long, default_value_t = DEFAULT_BALANCE)]
    pub balance: f32,
    /// Most examples per subject (balances politics-heavy sources).
    #[arg(long, default_value_t = newsdex::analyze::topics::training::DEFAULT_PER_CLASS)]
    pub per_class: usize,
    /// Where to write the model.
    #[arg(long, default_value = "models/topics.bin.gz")]
    pub out: PathBuf,
}

/// `newsdex eval-topics`.
#[derive(Debug, Args)]
pub struct EvalTopicsArgs {
    /// AG News JSON Lines: the held-out fold is scored.
    #[arg(long)]
    pub ag: Option<PathBuf>,
    /// The AG News fold the model was not trained on (`train-topics --ag-holdout`), or `all` for
    /// a model trained without AG News. The built-in model is trained on every fold: score it
    /// with `scripts/topics_cv.sh` instead.
    #[arg(long, default_value = "all")]
    pub ag_fold: String,
    /// Score this model file instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// HuffPost JSON Lines: its test split is scored.
    #[arg(long)]
    pub huffpost: Option<PathBuf>,
    /// Reuters-21578 JSON Lines: its Lewis TEST split is scored (`jobs` as labour, every other
    /// topic as economy; train the model without `--reuters` to score an unseen outlet).
    #[arg(long)]
    pub reuters: Option<PathBuf>,
    /// Print this many misclassified AG News texts.
    #[arg(long, default_value_t = 0)]
    pub misses: usize,
    /// Fail when the AG News top-1 accuracy is below this.
    #[arg(long, default_value_t = 0.0)]
    pub min_accuracy: f64,
    /// Read confidences with this temperature (the scores divided by it before the softmax; 1: as
    /// the model gives them, which is how `newsdex topics` and the index read them).
    #[arg(long, default_value_t = 1.0)]
    pub temperature: f32,
    /// Also print the temperature that calibrates each set best (least log loss of the top
    /// subject's confidence) and its reliability table.
    #[arg(long)]
    pub fit_temperature: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex topics`.
#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Text to classify (first line taken as the headline).
    #[arg(required_unless_present = "file")]
    pub text: Option<String>,
    /// Classify this file.
    #[arg(long, conflicts_with = "text")]
    pub file: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex gen-corpus`.
#[derive(Debug, Args)]
pub struct GenCorpusArgs {
    /// Articles.
    #[arg(long, default_value_t = 10_000)]
    pub docs: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Share of syndicated copies.
    #[arg(long, default_value_t = 0.05)]
    pub syndicated: f64,
    /// Share of articles repeating one of their paragraphs.
    #[arg(long, default_value_t = 0.02)]
    pub repeated: f64,
    /// Folder to write `corpus.jsonl` into.
    #[arg(long)]
    pub out: PathBuf,
}

/// `newsdex bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// One query per line (default: benches/queries/news-200.txt, built in).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Timed passes over the queries per class.
    #[arg(long, default_value_t = newsdex::bench::runner::DEFAULT_REPEATS)]
    pub repeats: usize,
    /// Concurrent clients.
    #[arg(long, default_value_t = 1)]
    pub clients: usize,
    /// Only this query class (repeatable): single_term, all_words, phrase, with_facets,
    /// person_filter, collapse, date_sort, facets_collapse.
    #[arg(long = "class")]
    pub classes: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex bench-read`.
#[derive(Debug, Args)]
pub struct BenchReadArgs {
    /// The articles, as JSON Lines (such as reuters21578.jsonl).
    #[arg(long)]
    pub data: PathBuf,
    /// At most this many articles.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Timed reads per format (the median is reported).
    #[arg(long, default_value_t = 3)]
    pub repeats: usize,
    /// Folder for the written formats (default: a temporary folder, removed afterwards).
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex bench-http`.
#[derive(Debug, Args)]
pub struct BenchHttpArgs {
    /// The server.
    #[arg(long, default_value = "http://127.0.0.1:7700")]
    pub url: String,
    /// One query per line (default: benches/queries/news-200.txt, built in).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Concurrent keep-alive clients.
    #[arg(long, default_value_t = 8)]
    pub clients: usize,
    /// Seconds of load.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// Extra query-string parameters for every search, e.g. `&collapse=false`.
    #[arg(long, default_value = "")]
    pub extra: String,
    /// The server's process id: its resident memory is sampled once a second.
    #[arg(long)]
    pub pid: Option<u32>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Queries: one per line, `ID<TAB>query text` (or `ID query text`); repeatable.
    #[arg(long, required = true)]
    pub queries: Vec<PathBuf>,
    /// Judgments, TREC qrels: `ID 0 DOCID RELEVANCE`.
    #[arg(long)]
    pub qrels: PathBuf,
    /// Rankings to score (repeatable).
    #[arg(long, value_enum, default_values_t = [RankArg::Bm25, RankArg::Entities])]
    pub rank: Vec<RankArg>,
    /// Also print each query's MAP@10 per ranking (tab-separated: id, query, one column per ranking).
    #[arg(long)]
    pub per_query: bool,
    /// Choose the entity ranking's weights by two-fold cross-validation (a grid of 256 settings,
    /// each half of the queries scored with the setting best on the other half) and report the
    /// held-out MAP@10 per query group (the id's prefix before `:`) against BM25.
    #[arg(long)]
    pub cross_validate: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex eval-dedup`.
#[derive(Debug, Args)]
pub struct EvalDedupArgs {
    /// JSON Lines corpus of real articles.
    #[arg(long)]
    pub data: PathBuf,
    /// Source passages per variant kind.
    #[arg(long, default_value_t = 2000)]
    pub passages: usize,
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Fail unless the 5% edit rate reaches this recall…
    #[arg(long, default_value_t = 0.95)]
    pub min_recall: f64,
    /// …and this precision, and every exact-duplicate group shares a cluster.
    #[arg(long, default_value_t = 0.98)]
    pub min_precision: f64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
