//! Command-line arguments (clap derive), parsed into typed commands.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod tools;
pub use tools::*;

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
    /// Cluster word vectors for the entity tagger's features (reproduces models/word-clusters.tsv.gz).
    WordClusters(WordClustersArgs),
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
    /// Reading speed per input format: a JSON Lines corpus written in every format, read back (no analysis).
    BenchRead(BenchReadArgs),
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
