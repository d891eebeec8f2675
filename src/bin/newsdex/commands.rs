//! One function per command; each turns typed arguments into library calls.

use crate::args::{Cli, Command, ExportArgs, IndexArgs, SearchArgs, ShowArgs};
use crate::output;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::index::{manifest::MANIFEST_FILE, run_index, IndexOptions};
use newsdex::ingest::ReadLimits;
use newsdex::search::{Filters, NewsIndex, SearchRequest};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

/// Runs the parsed command.
pub fn execute(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Index(a) => index(&cli.index, a),
        Command::Search(a) => search(&cli.index, a),
        Command::Show(a) => show(&cli.index, a),
        Command::Serve(a) => serve(&cli.index, a),
        Command::Stats(a) => {
            let stats = NewsIndex::open(&cli.index)?.stats();
            if a.json {
                out!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                output::print_stats(&stats);
            }
            Ok(())
        }
        Command::Export(a) => export(&cli.index, a),
        Command::Check(a) => check(&cli.index, a.json),
        Command::EvalDedup(a) => eval_dedup(a),
        Command::Eval(a) => crate::eval::run(&cli.index, a),
        Command::WordClusters(a) => crate::ner::word_clusters(a),
        Command::TrainNer(a) => crate::ner::train(a),
        Command::EvalNer(a) => crate::ner::eval(a),
        Command::Ner(a) => crate::ner::tag(a),
        Command::EvalEntities(a) => crate::ner::tag_recall(a),
        Command::Facets(a) => facets(&cli.index, a),
        Command::Bench(a) => bench(&cli.index, a),
        Command::BenchHttp(a) => bench_http(a),
        Command::BenchRead(a) => bench_read(a),
        Command::GenCorpus(a) => {
            std::fs::create_dir_all(&a.out).with_context(|| format!("Could not create {}.", a.out.display()))?;
            let path = a.out.join("corpus.jsonl");
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let opts = newsdex::bench::gen_corpus::GenOptions {
                docs: a.docs,
                seed: a.seed,
                syndicated: a.syndicated,
                repeated_paragraph: a.repeated,
            };
            let summary = newsdex::bench::gen_corpus::generate(&opts, &mut out)?;
            out.flush()?;
            out!("{}", serde_json::to_string(&summary)?);
            Ok(())
        }
        Command::TrainTopics(a) => crate::topics::train(a),
        Command::EvalTopics(a) => crate::topics::eval(a),
        Command::Topics(a) => crate::topics::classify(a),
        Command::Dups(a) => {
            let report = NewsIndex::open(&cli.index)?.dups(a.min_size, a.limit)?;
            if a.json {
                out!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                output::print_dups(&report);
            }
            Ok(())
        }
    }
}

fn index(dir: &Path, a: IndexArgs) -> Result<()> {
    let mut opts = IndexOptions::new(a.folders, dir.to_path_buf());
    opts.shards = a.shards;
    opts.rebuild = a.rebuild;
    opts.strict = a.strict;
    opts.batch = a.batch as usize;
    opts.limits = ReadLimits { max_file_bytes: a.max_file_size, ..ReadLimits::default() };
    let summary = run_index(&opts, &TerminalProgress::new())?;
    if a.json {
        out!("{}", serde_json::to_string(&summary)?);
    } else {
        out!("{}", output::index_summary_line(&summary));
    }
    Ok(())
}

/// The indexing run drawn on a terminal: the step, a bar of bytes read with percentage and ETA,
/// and the articles written; nothing when stderr is not a terminal.
struct TerminalProgress {
    bar: ProgressBar,
    articles: std::sync::atomic::AtomicU64,
    step: std::sync::Mutex<String>,
}

impl TerminalProgress {
    fn new() -> Self {
        let bar = if std::io::stderr().is_terminal() { ProgressBar::new(0) } else { ProgressBar::hidden() };
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}\n  [{bar:30}] {percent:>3}% of {total_bytes}, eta {eta}")
                .expect("static template")
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        TerminalProgress { bar, articles: Default::default(), step: Default::default() }
    }

    fn redraw(&self) {
        let n = self.articles.load(std::sync::atomic::Ordering::Relaxed);
        let step = self.step.lock().expect("poisoned").clone();
        self.bar.set_message(format!("{step}: {} written", output::count(n, "article")));
    }
}

impl newsdex::index::Progress for TerminalProgress {
    fn step(&self, name: &str) {
        *self.step.lock().expect("poisoned") = name.to_string();
        self.redraw();
    }
    fn total_bytes(&self, bytes: u64) {
        self.bar.set_length(bytes);
        self.bar.set_position(0);
    }
    fn read_bytes(&self, bytes: u64) {
        self.bar.inc(bytes);
    }
    fn articles(&self, n: u64) {
        self.articles.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        self.redraw();
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Builds the index from a corpus folder when there is none yet, saying so: from `--corpus`
/// when given, else from `./corpus` for the default index location only (an index path given
/// by the user is never filled from a folder they did not name).
pub fn ensure_index(dir: &Path, corpus: Option<&Path>) -> Result<()> {
    let default = Path::new(crate::args::DEFAULT_CORPUS);
    let corpus = match corpus {
        Some(c) => c,
        None if dir == Path::new(crate::args::DEFAULT_INDEX) => default,
        None => return Ok(()),
    };
    if dir.join(MANIFEST_FILE).exists() || !corpus.is_dir() {
        return Ok(());
    }
    eprintln!("No index at {} yet: building one from {} first.", dir.display(), corpus.display());
    let summary =
        run_index(&IndexOptions::new(vec![corpus.to_path_buf()], dir.to_path_buf()), &TerminalProgress::new())?;
    eprintln!("{}", output::index_summary_line(&summary));
    Ok(())
}

fn search(dir: &Path, a: SearchArgs) -> Result<()> {
    ensure_index(dir, a.corpus.as_deref())?;
    let index = NewsIndex::open(dir)?;
    let make = |q: &str| SearchRequest {
        query: q.to_string(),
        limit: a.limit,
        offset: a.offset,
        collapse: !a.no_collapse,
        filters: Filters::from(a.filters.clone()),
        facets: a.facets,
        sort: a.sort.into(),
        rank: a.rank.into(),
        explain: a.explain,
        keyword_facets: a.keyword_facets,
        weights: Default::default(),
    };
    if a.batch {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for line in std::io::stdin().lock().lines() {
            let line = line.context("could not read queries from standard input")?;
            if line.trim().is_empty() {
                continue;
            }
            let value = match index.search(&make(&line)) {
                Ok(r) => serde_json::to_value(&r)?,
                Err(e) => serde_json::json!({"query": line, "error": e.to_string()}),
            };
            writeln!(out, "{value}")?;
            out.flush()?;
        }
        return Ok(());
    }
    let response = index.search(&make(a.query.as_deref().unwrap_or_default()))?;
    if a.json {
        out!("{}", serde_json::to_string(&response)?);
    } else {
        output::print_search(&response, a.offset, std::io::stdout().is_terminal());
    }
    // The process ends here: freeing the index's tables (the entity dictionary, the facet names,
    // the segment readers) would take a tenth of a one-shot search at a million articles.
    std::mem::forget(index);
    Ok(())
}

fn serve(dir: &Path, a: crate::args::ServeArgs) -> Result<()> {
    ensure_index(dir, a.corpus.as_deref())?;
    let mut config = newsdex::server::ServerConfig::new(dir.to_path_buf());
    (config.addr, config.api_key, config.cors_origins, config.watch) = (a.addr, a.api_key, a.cors_origin, a.watch);
    if !config.addr.ip().is_loopback() {
        eprintln!("warning: listening on {}, reachable from other machines.", config.addr);
    }
    let writes = if config.api_key.is_some() { "writes need the key" } else { "writes are off (no --api-key)" };
    eprintln!("newsdex serving {} at http://{} ({writes}); Ctrl-C stops it.", dir.display(), config.addr);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the server runtime")?;
    Ok(runtime.block_on(newsdex::server::serve(config))?)
}

fn check(dir: &Path, json: bool) -> Result<()> {
    let r = newsdex::index::check::check(dir)?;
    if json {
        out!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        out!(
            "{}: generation {}, {}, {} decoded, {} checked.",
            r.index,
            r.generation,
            output::count(r.articles, "article"),
            output::count(r.documents_decoded, "document"),
            output::count(r.marks_checked, "duplicate mark")
        );
        for p in &r.problems {
            out!("  problem: {p}");
        }
    }
    match &r.repair {
        None => {
            if !json {
                out!("The index is sound.");
            }
            Ok(())
        }
        Some(cmd) => {
            let n: u64 = r.problem_counts.values().sum();
            anyhow::bail!("The index has {}. Repair it with: {cmd}", output::count(n, "problem"))
        }
    }
}

fn show(dir: &Path, a: ShowArgs) -> Result<()> {
    let index = NewsIndex::open(dir)?;
    let Some(article) = index.get(&a.id)? else {
        anyhow::bail!("No article with id {:?} in {}. Search for it first to see the ids.", a.id, dir.display());
    };
    if a.json {
        out!("{}", serde_json::to_string_pretty(&article)?);
    } else {
        output::print_article(&article);
    }
    Ok(())
}

fn export(dir: &Path, _a: ExportArgs) -> Result<()> {
    let index = NewsIndex::open(dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    index.for_each_article(|article| {
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n").map_err(|e| newsdex::Error::io("stdout", e))
    })?;
    out.flush()?;
    Ok(())
}

fn eval_dedup(a: crate::args::EvalDedupArgs) -> Result<()> {
    anyhow::ensure!(
        a.data.is_file(),
        "The corpus {} does not exist. Pass a JSON Lines file with --data.",
        a.data.display()
    );
    let report = newsdex::analyze::dedup::eval::evaluate(&a.data, a.passages, a.seed);
    if a.json {
        out!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        output::print_dedup_eval(&report);
    }
    let five = report.scores.iter().find(|s| s.variant == "edit 5%").context("no 5% row")?;
    anyhow::ensure!(
        five.recall >= a.min_recall && five.precision >= a.min_precision,
        "At a 5% word-edit rate recall is {:.3} and precision {:.3}, below the floors {} and {}.",
        five.recall,
        five.precision,
        a.min_recall,
        a.min_precision
    );
    anyhow::ensure!(
        report.exact_groups_split == 0,
        "{} exact-duplicate groups were split across clusters.",
        report.exact_groups_split
    );
    Ok(())
}

fn facets(dir: &Path, a: crate::args::FacetsArgs) -> Result<()> {
    let index = NewsIndex::open(dir)?;
    let mut req = SearchRequest::new(a.query.clone().unwrap_or_else(|| "*".to_string()));
    req.limit = 0;
    req.facets = a.limit;
    req.collapse = false;
    req.keyword_facets = a.field.as_deref().is_none_or(|f| f == "keyword");
    req.filters = a.filters.clone().into();
    let r = index.search(&req)?;
    let counts = r.facets.context("no facet counts")?;
    let fields: Vec<(&str, &Vec<newsdex::search::response::FacetValue>)> =
        [("person", &counts.person), ("org", &counts.org), ("topic", &counts.topic), ("keyword", &counts.keyword)]
            .into_iter()
            .filter(|(k, _)| a.field.as_deref().is_none_or(|f| f == *k))
            .collect();
    if a.json {
        let obj: serde_json::Map<String, serde_json::Value> =
            fields.iter().map(|(k, v)| (k.to_string(), serde_json::to_value(v).expect("serialises"))).collect();
        out!("{}", serde_json::json!({"articles": r.total_hits, "counted": counts.counted, "facets": obj}));
    } else {
        out!("{} articles", r.total_hits);
        for (k, values) in fields {
            out!("{k}:");
            for v in values {
                out!("  {:>6}  {}", v.count, v.value);
            }
        }
    }
    Ok(())
}

/// The queries of a file, one per line (blank lines skipped), or the built-in news queries.
fn query_lines(file: Option<&Path>) -> Result<Vec<String>> {
    let text = match file {
        Some(p) => std::fs::read_to_string(p).with_context(|| format!("Could not read {}.", p.display()))?,
        None => newsdex::bench::runner::DEFAULT_QUERIES.to_string(),
    };
    let lines: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    anyhow::ensure!(!lines.is_empty(), "The query file is empty. Put one query per line.");
    Ok(lines)
}

fn bench_read(a: crate::args::BenchReadArgs) -> Result<()> {
    let mut articles = newsdex::ingest::reader::read_one_file(&a.data)?;
    articles.truncate(a.limit.unwrap_or(usize::MAX));
    let temp = std::env::temp_dir().join(format!("newsdex-bench-read-{}", std::process::id()));
    let dir = a.keep.clone().unwrap_or_else(|| temp.clone());
    let speeds = newsdex::bench::formats::measure(&articles, &dir, a.repeats);
    if a.keep.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    let speeds = speeds?;
    if a.json {
        out!("{}", serde_json::to_string_pretty(&speeds)?);
        return Ok(());
    }
    out!("{} articles from {}, median of {} reads:", articles.len(), a.data.display(), a.repeats);
    out!("{:<10} {:>6} {:>10} {:>9} {:>8} {:>12}", "format", "files", "MB", "seconds", "MB/s", "articles/s");
    for s in speeds {
        out!(
            "{:<10} {:>6} {:>10.1} {:>9.3} {:>8.1} {:>12.0}",
            s.format,
            s.files,
            s.bytes as f64 / 1e6,
            s.seconds,
            s.mb_per_s,
            s.articles_per_s
        );
    }
    Ok(())
}

fn bench_http(a: crate::args::BenchHttpArgs) -> Result<()> {
    let opts = newsdex::bench::http::HttpBenchOptions {
        base: a.url,
        queries: query_lines(a.queries.as_deref())?,
        clients: a.clients,
        duration: std::time::Duration::from_secs(a.seconds),
        extra: a.extra,
        server_pid: a.pid,
    };
    let r = newsdex::bench::http::run_http_bench(&opts)?;
    if a.json {
        out!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        let l = &r.latency;
        out!(
            "{} clients, {:.0} s: {} answered, {} errors; {:.0} QPS; p50 {:.0} µs, p95 {:.0} µs, p99 {:.0} µs",
            r.clients,
            r.seconds,
            r.ok,
            r.errors,
            l.qps,
            l.p50_us,
            l.p95_us,
            l.p99_us
        );
        if let Some(m) = &r.rss {
            out!(
                "server RSS after warm-up: first {:.0} MB, last {:.0} MB, min {:.0}, max {:.0} ({} samples)",
                m.first_mb,
                m.last_mb,
                m.min_mb,
                m.max_mb,
                m.samples
            );
        }
        if let Some(m) = &r.rss_anon {
            out!(
                "  of it anonymous (heap): first {:.0} MB, last {:.0} MB, min {:.0}, max {:.0}",
                m.first_mb,
                m.last_mb,
                m.min_mb,
                m.max_mb
            );
        }
        for e in &r.error_samples {
            out!("  error: {e}");
        }
    }
    Ok(())
}

fn bench(dir: &Path, a: crate::args::BenchArgs) -> Result<()> {
    let index = NewsIndex::open(dir)?;
    let lines = query_lines(a.queries.as_deref())?;
    let classes =
        a.classes.iter().map(|c| newsdex::bench::runner::QueryClass::named(c)).collect::<newsdex::Result<Vec<_>>>()?;
    let report = newsdex::bench::run_bench(&index, &lines, a.repeats, a.clients, &classes)?;
    if a.json {
        out!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    out!(
        "{} articles, {} shards; {} queries × {} passes × {} client(s) per class; latency in µs",
        report.articles,
        report.shards,
        report.queries,
        report.repeats,
        report.clients
    );
    out!(
        "{:<15} {:>8} {:>8} {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} | {:>6} {:>6} | {:>8} {:>6} | {:>8} {:>8} {:>6} {:>6}",
        "class",
        "p50",
        "p95",
        "p99",
        "mean",
        "qps",
        "raw p50",
        "raw p99",
        "raw qps",
        "x p50",
        "x p99",
        "+doc p50",
        "x p50",
        "page p50",
        "page p99",
        "x p50",
        "x p99"
    );
    for c in &report.classes {
        let class = serde_json::to_value(c.class)?.as_str().unwrap_or_default().to_string();
        out!(
            "{:<15} {:>8.0} {:>8.0} {:>8.0} {:>8.0} {:>8.0} | {:>8.0} {:>8.0} {:>8.0} | {:>6.2} {:>6.2} | {:>8.0} {:>6.2} | {:>8.0} {:>8.0} {:>6.2} {:>6.2}",
            class,
            c.newsdex.p50_us,
            c.newsdex.p95_us,
            c.newsdex.p99_us,
            c.newsdex.mean_us,
            c.newsdex.qps,
            c.tantivy.p50_us,
            c.tantivy.p99_us,
            c.tantivy.qps,
            c.ratio_p50,
            c.ratio_p99,
            c.tantivy_docs.p50_us,
            c.ratio_p50_docs,
            c.tantivy_page.p50_us,
            c.tantivy_page.p99_us,
            c.ratio_p50_page,
            c.ratio_p99_page
        );
    }
    Ok(())
}
