//! Command-line arguments (clap derive), parsed into typed commands.

use clap::{Args, Parser, Subcommand};
use newsdex::analyze::topics::model::{
    DEFAULT_BALANCE, DEFAULT_EPOCHS, DEFAULT_L2, DEFAULT_LEARNING_RATE, DEFAULT_LEXICON_WEIGHT,
};
use std::path::PathBuf;

/// Default index folder.
pub const DEFAULT_INDEX: &str = "index";
/// Default demo corpus, indexed on first search when there is no index yet.
pub const DEFAULT_CORPUS: &str = "corpus";

/// newsdex: full-text search for news corpora.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, propagate_version = true)]
pub struct Cli {
    /// Index folder.
    #[arg(long, global = true, default_value = DEFAULT_INDEX, env = "NEWSDEX_INDEX")]
    pub index: PathBuf,
    /// Print only errors (no warnings).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index one or more folders of articles (incremental; --rebuild starts fresh).
    Index(IndexArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Serve the HTTP API and the search page (loopback by default).
    Serve(ServeArgs),
    /// Show one article with its stored fields.
    Show(ShowArgs),
    /// Numbers about the index.
    Stats(JsonFlag),
    /// Verify the index: manifest, shards, side files and every stored document agree (exit 1 and the repair when not).
    Check(JsonFlag),
    /// Print every indexed article as one JSON object per line.
    Export(ExportArgs),
    /// List duplicate clusters and the most repeated passages.
    Dups(DupsArgs),
    /// Corpus-wide counts of people and organisations (optionally within a query and filters).
    Facets(FacetsArgs),
    /// Train the entity tagger on CoNLL-2003 (reproduces models/ner-conll2003.bin.gz).
    TrainNer(TrainNerArgs),
    /// Score the built-in entity tagger on a CoNLL file (per-type precision, recall, F1).
    EvalNer(EvalNerArgs),
    /// Recall of a corpus's human people/orgs tags among extracted entities (Reuters-21578 style JSON Lines).
    EvalEntities(EvalEntitiesArgs),
    /// Tag text (or a CoNLL file) with people, organisations, places and other names.
    Ner(NerArgs),
    /// Train the topic classifier (reproduces models/topics.bin.gz).
    TrainTopics(TrainTopicsArgs),
    /// Accuracy of the built-in topic classifier on labelled news it was not trained on.
    EvalTopics(EvalTopicsArgs),
    /// Topics of a text.
    Topics(TopicsArgs),
    /// Write a deterministic synthetic news corpus (JSON Lines) for scale tests.
    GenCorpus(GenCorpusArgs),
    /// Query latency per class (p50/p95/p99/mean, QPS), against plain tantivy over the same shards.
    Bench(BenchArgs),
    /// Load a running server over HTTP: N keep-alive clients for a fixed time (QPS, p50/p95/p99, errors, server memory).
    BenchHttp(BenchHttpArgs),
    /// Score rankings against TREC-style judgments: P@10, MAP@10, nDCG@10, recall@100.
    Eval(EvalArgs),
    /// Evaluate duplicate marking on a JSON Lines corpus (made near-duplicates, exact-duplicate stories).
    EvalDedup(EvalDedupArgs),
}

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders to index.
    #[arg(required = true)]
    pub folders: Vec<PathBuf>,
    /// Number of shards for a new index (default: available cores).
    #[arg(long)]
    pub shards: Option<usize>,
    /// Re-create the index from scratch (the old one stays searchable until the new one is committed).
    #[arg(long)]
    pub rebuild: bool,
    /// Treat any skipped file or record as an error and write nothing.
    #[arg(long)]
    pub strict: bool,
    /// Largest file read whole, in bytes (JSON Lines files are streamed).
    #[arg(long, default_value_t = newsdex::ingest::reader::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// Articles analysed, marked and written together (memory grows with it).
    #[arg(long, default_value_t = newsdex::index::batch::DEFAULT_BATCH as u64, value_parser = clap::value_parser!(u64).range(1..))]
    pub batch: u64,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", -exclusions, OR, field:word (title, body, source, author,
    /// person, org). Leave it out, or write `*`, to list the filtered articles newest first.
    #[arg(required_unless_present_any = ["batch", "person", "org", "topic", "keyword", "source", "since", "until"])]
    pub query: Option<String>,
    /// Hits to show.
    #[arg(long, default_value_t = newsdex::search::DEFAULT_LIMIT)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Read one query per line from stdin and print one JSON object per line.
    #[arg(long, conflicts_with = "query")]
    pub batch: bool,
    /// Show every copy instead of one article per duplicate cluster.
    #[arg(long)]
    pub no_collapse: bool,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// How relevance is scored: BM25 plus the salience of the people and organisations the query
    /// names (`entities`; `facets` is the old name), or plain BM25.
    #[arg(long, value_enum, default_value_t = RankArg::Entities)]
    pub rank: RankArg,
    /// Show each hit's score parts.
    #[arg(long)]
    pub explain: bool,
    /// Also count the top keyphrases of the matches.
    #[arg(long)]
    pub keyword_facets: bool,
    /// People and organisations counted over all matches (0: none).
    #[arg(long, default_value_t = newsdex::search::DEFAULT_FACETS)]
    pub facets: usize,
    /// Folder indexed first when the index does not exist yet (default: `corpus`, and only for
    /// the default index location).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

/// Ranking of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankArg {
    /// BM25 plus the salience of the named people and organisations.
    #[value(alias = "facets")]
    Entities,
    /// Plain BM25.
    Bm25,
}

impl From<RankArg> for newsdex::search::Rank {
    fn from(r: RankArg) -> Self {
        match r {
            RankArg::Entities => newsdex::search::Rank::Entities,
            RankArg::Bm25 => newsdex::search::Rank::Bm25,
        }
    }
}

/// Order of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

impl From<Sort> for newsdex::search::SortBy {
    fn from(s: Sort) -> Self {
        match s {
            Sort::Relevance => newsdex::search::SortBy::Relevance,
            Sort::Date => newsdex::search::SortBy::Date,
        }
    }
}

/// The filters `search` and `facets` share.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only articles about this person (repeatable: any of them); "Baker" is every Baker.
    #[arg(long)]
    pub person: Vec<String>,
    /// Only articles about this organisation (repeatable: any of them).
    #[arg(long)]
    pub org: Vec<String>,
    /// Only articles on this topic (repeatable: any of them): `politics`, `politics/migration`,
    /// `migration`, `sports`.
    #[arg(long)]
    pub topic: Vec<String>,
    /// Only articles with this keyphrase (repeatable: any of them), e.g. `deportees`.
    #[arg(long)]
    pub keyword: Vec<String>,
    /// Only articles from this outlet (repeatable: any of them); a word of its name will do.
    #[arg(long)]
    pub source: Vec<String>,
    /// Only articles published on or after this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY, or RFC 3339).
    #[arg(long, value_parser = parse_since)]
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Only articles published on or before this day, month or year (the whole of it).
    #[arg(long, value_parser = parse_until)]
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<FilterArgs> for newsdex::search::Filters {
    fn from(f: FilterArgs) -> Self {
        newsdex::search::Filters {
            people: f.person,
            orgs: f.org,
            topics: f.topic,
            keywords: f.keyword,
            sources: f.source,
            since: f.since,
            until: f.until,
        }
    }
}

fn parse_since(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    newsdex::search::filters::parse_date_bound(s, false)
        .ok_or_else(|| format!("{s:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"))
}

fn parse_until(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    newsdex::search::filters::parse_date_bound(s, true)
        .ok_or_else(|| format!("{s:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// `newsdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback unless told otherwise).
    #[arg(long, default_value = newsdex::server::DEFAULT_ADDR)]
    pub addr: std::net::SocketAddr,
    /// Key that writes (POST/DELETE of articles) must send as `Authorization: Bearer KEY`;
    /// without one, writes are refused.
    #[arg(long, env = "NEWSDEX_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Origin allowed to call the API from its own pages (repeatable).
    #[arg(long)]
    pub cors_origin: Vec<String>,
    /// Folder to index as files appear, change or go (repeatable).
    #[arg(long)]
    pub watch: Vec<PathBuf>,
    /// Folder indexed first when the index does not exist yet (default: `corpus`, and only for
    /// the default index location).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

/// `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id.
    pub id: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// A lone `--json` flag.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex facets`.
#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Only this facet.
    #[arg(long, value_parser = ["person", "org", "topic", "keyword"])]
    pub field: Option<String>,
    /// Count within the matches of this query (default: every article).
    #[arg(long)]
    pub query: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How many values.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex dups`.
#[derive(Debug, Args)]
pub struct DupsArgs {
    /// Smallest cluster listed.
    #[arg(long, default_value_t = 2)]
    pub min_size: usize,
    /// How many clusters and passages to list.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
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
    #[arg(long, default_value_t = 3000)]
    pub reuters_cap: usize,
    /// AG News JSON Lines: every fold but `--ag-holdout` is trained on.
    #[arg(long)]
    pub ag: Option<PathBuf>,
    /// An AG News fold (0-4) left out of training, for cross-validation (default: train on all).
    #[arg(long)]
    pub ag_holdout: Option<u64>,
    /// How many times each AG News text counts.
    #[arg(long, default_value_t = 3)]
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
    #[arg(long, default_value_t = 5000)]
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
    /// Print this many misclassified AG News texts.
    #[arg(long, default_value_t = 0)]
    pub misses: usize,
    /// Fail when the AG News top-1 accuracy is below this.
    #[arg(long, default_value_t = 0.0)]
    pub min_accuracy: f64,
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
    /// Queries: one per line, `ID<TAB>query text` (or `ID query text`).
    #[arg(long)]
    pub queries: PathBuf,
    /// Judgments, TREC qrels: `ID 0 DOCID RELEVANCE`.
    #[arg(long)]
    pub qrels: PathBuf,
    /// Rankings to score (repeatable).
    #[arg(long, value_enum, default_values_t = [RankArg::Bm25, RankArg::Entities])]
    pub rank: Vec<RankArg>,
    /// Also print each query's MAP@10 per ranking (tab-separated: id, query, one column per ranking).
    #[arg(long)]
    pub per_query: bool,
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

/// `newsdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// One JSON object per line (the only format; accepted for clarity).
    #[arg(long)]
    pub json_lines: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("newsdex").chain(args.iter().copied()))
    }

    #[test]
    fn search_defaults() {
        let cli = parse(&["search", "oil prices"]).unwrap();
        assert_eq!(cli.index, PathBuf::from(DEFAULT_INDEX));
        let Command::Search(s) = cli.command else { panic!("not search") };
        assert_eq!((s.query.as_deref(), s.limit, s.offset, s.json), (Some("oil prices"), 10, 0, false));
    }

    #[test]
    fn index_takes_many_folders_and_flags() {
        let cli = parse(&["--index", "/tmp/x", "index", "a", "b", "--shards", "4", "--rebuild", "--json"]).unwrap();
        let Command::Index(i) = cli.command else { panic!("not index") };
        assert_eq!(i.folders.len(), 2);
        assert_eq!((i.shards, i.rebuild, i.json), (Some(4), true, true));
        assert_eq!(cli.index, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn batch_needs_no_query_but_conflicts_with_one() {
        assert!(parse(&["search", "--batch"]).is_ok());
        assert!(parse(&["search"]).is_err());
        assert!(parse(&["search", "q", "--batch"]).is_err());
    }

    #[test]
    fn filters_repeat_and_dates_parse() {
        let cli = parse(&[
            "search",
            "q",
            "--person",
            "Bukele",
            "--person",
            "Ruiz",
            "--since",
            "2025-03-01",
            "--sort",
            "date",
        ])
        .unwrap();
        let Command::Search(s) = cli.command else { panic!("not search") };
        assert_eq!(s.filters.person, ["Bukele", "Ruiz"]);
        assert_eq!(s.filters.since.unwrap().to_rfc3339(), "2025-03-01T00:00:00+00:00");
        assert_eq!(s.sort, Sort::Date);
        assert!(parse(&["search", "q", "--since", "last week"]).is_err());
        let Command::Search(s) = parse(&["search", "--until", "1987-04"]).unwrap().command else { panic!() };
        assert_eq!(s.filters.until.unwrap().to_rfc3339(), "1987-04-30T23:59:59+00:00");
        assert_eq!(s.query, None, "filters alone need no query");
    }
}
