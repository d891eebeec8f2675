//! Human-readable output: summaries, hits with highlighted snippets, articles, stats.

use newsdex::index::{IndexSummary, StoredArticle};
use newsdex::search::{DupsReport, IndexStats, SearchResponse};

const BOLD_YELLOW: &str = "\x1b[1;33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `n` and the noun, singular or plural ("1 article", "2 articles").
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("{n} {noun}"),
        (_, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// Counts per reason: "malformed 3, empty 2".
fn by_reason(counts: &std::collections::BTreeMap<String, usize>) -> String {
    counts.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
}

/// Two lines: this run's work (changes, skips by reason, time and speed), then the index total.
pub fn index_summary_line(s: &IndexSummary) -> String {
    let skipped = if s.skipped == 0 {
        "0 skipped".to_string()
    } else {
        format!("{} skipped ({})", s.skipped, by_reason(&s.skipped_by_reason))
    };
    let written = s.added + s.updated;
    let speed = if written == 0 { String::new() } else { format!(", {:.0} articles/s", s.docs_per_sec) };
    let ignored = if s.ignored_files == 0 {
        String::new()
    } else {
        format!(
            "; {} not read for their format ({})",
            count(s.ignored_files as u64, "file"),
            by_reason(&s.ignored_by_reason)
        )
    };
    // With several formats, what each gave.
    let formats = if s.formats.len() > 1 {
        let parts: Vec<String> = s
            .formats
            .iter()
            .map(|(name, f)| {
                format!("{name} {} → {}", count(f.files as u64, "file"), count(f.articles as u64, "article"))
            })
            .collect();
        format!("By format: {}.\n", parts.join(", "))
    } else {
        String::new()
    };
    format!(
        "This run: {} seen, {} read, {} added, {} updated, {} deleted, {} unchanged; {skipped}{ignored}; {:.1} s{speed}.\n\
         {formats}The index at {} now holds {} in {}.",
        count(s.files_seen as u64, "file"),
        s.read,
        s.added,
        s.updated,
        s.deleted,
        s.unchanged,
        s.seconds,
        s.index,
        count(s.articles, "article"),
        count(s.shards as u64, "shard")
    )
}

/// The hits of a search, numbered from `offset + 1`.
pub fn print_search(r: &SearchResponse, offset: usize, color: bool) {
    if r.fallback.is_some() {
        out!("No article has all of the words; showing articles with any of them.");
    }
    let stories = r.total_clusters.map(|c| format!(", {}", count(c, "distinct story"))).unwrap_or_default();
    let matched = if r.total_hits == 1 { "matches" } else { "match" };
    out!("{} {matched} {:?}{stories} ({:.1} ms)", count(r.total_hits, "article"), r.query, r.took_us as f64 / 1000.0);
    if let Some(f) = &r.facets {
        let (subjects, themes): (Vec<_>, Vec<_>) = f.topic.iter().cloned().partition(|v| !v.value.contains('/'));
        let blocks = [
            ("people", &f.person),
            ("orgs", &f.org),
            ("topics", &subjects),
            ("themes", &themes),
            ("keywords", &f.keyword),
        ];
        for (label, values) in blocks {
            if !values.is_empty() {
                let list: Vec<String> = values.iter().take(6).map(|v| format!("{} ({})", v.value, v.count)).collect();
                out!("  {label}: {}", list.join(", "));
            }
        }
    }
    for (i, h) in r.hits.iter().enumerate() {
        let title = if color { format!("{BOLD}{}{RESET}", h.title) } else { h.title.clone() };
        out!("\n{:>3}. {title}", offset + i + 1);
        let meta: Vec<&str> =
            [h.date.as_deref().map(|d| &d[..10.min(d.len())]), h.source.as_deref(), Some(h.id.as_str())]
                .into_iter()
                .flatten()
                .collect();
        let meta = format!("{} · score {:.2}", meta.join(" · "), h.score);
        out!("     {}", if color { format!("{DIM}{meta}{RESET}") } else { meta });
        out!("     {}", highlight(h, color));
        if let Some(e) = &h.explain {
            out!("     score {:.3} = text {:.3} + entities {:.3} ({})", e.total, e.text, e.entities, e.rank);
        }
        if h.cluster_size > 1 {
            let others = count(h.cluster_size - 1, "other");
            out!("     also published by {others}: {}", others_listed(&h.duplicates, h.cluster_size - 1));
        }
    }
}

/// Marks a hit's highlighted ranges: colour on a terminal, `[…]` otherwise.
fn highlight(h: &newsdex::search::Hit, color: bool) -> String {
    let (open, close) = if color { (BOLD_YELLOW, RESET) } else { ("[", "]") };
    h.marked_snippet(open, close)
}

/// The listed ids of a story's other articles, and how many more there are than listed.
fn others_listed(listed: &[String], others: u64) -> String {
    let more = others.saturating_sub(listed.len() as u64);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!("{}{more}", listed.join(", "))
}

/// One article with its fields and passages.
pub fn print_article(a: &StoredArticle) {
    out!("{}", a.title);
    for (k, v) in [
        ("id", Some(&a.id)),
        ("date", a.date.as_ref()),
        ("source", a.source.as_ref()),
        ("author", a.author.as_ref()),
        ("url", a.url.as_ref()),
    ] {
        if let Some(v) = v {
            out!("{k:>8}: {v}");
        }
    }
    out!("{:>8}: {}/{}", "file", a.root, a.path);
    let topics: Vec<String> = a
        .analysis
        .topics
        .iter()
        .map(|t| format!("{} ({:.2})", t.path.trim_start_matches("/topic/"), t.confidence))
        .collect();
    for (k, list) in [("people", &a.people), ("orgs", &a.orgs), ("topics", &topics), ("keywords", &a.analysis.keywords)]
    {
        if !list.is_empty() {
            out!("{k:>8}: {}", list.join(", "));
        }
    }
    if let Some(size) = a.cluster_size.filter(|n| *n > 1) {
        out!("{:>8}: {}: {}", "copies", count(size - 1, "other article"), others_listed(&a.copies, size - 1));
    }
    out!();
    for (i, p) in a.analysis.passages.iter().enumerate() {
        let mark = match &p.of {
            Some(of) => format!(" [{:?} of {} passage {}]", p.kind, of.id, of.passage).to_lowercase(),
            None => String::new(),
        };
        out!("[{i}]{mark} {}", a.body[p.start..p.end].split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

/// Index numbers.
pub fn print_stats(s: &IndexStats) {
    let shards = count(s.shards.len() as u64, "shard");
    out!("{} in {shards}, {:.1} MB at {}", count(s.articles, "article"), s.bytes as f64 / 1e6, s.index);
    for (i, sh) in s.shards.iter().enumerate() {
        let (articles, segments) = (count(sh.articles, "article"), count(sh.segments as u64, "segment"));
        out!("  shard {i}: {articles}, {:.1} MB, {segments}", sh.bytes as f64 / 1e6);
    }
    for r in &s.roots {
        out!("  folder {} ({}): {} (indexed {})", r.name, r.path, count(r.articles, "article"), r.indexed_at);
    }
}

/// Duplicate clusters and most repeated passages.
pub fn print_dups(r: &DupsReport) {
    out!("{} clusters of {}+ articles ({} articles in them)", r.clusters_total, r.min_size, r.articles_in_clusters);
    for c in &r.clusters {
        out!("  {} articles: {} — {}", c.size, c.cluster, c.title);
        out!("      {}", c.ids.join(", "));
    }
    out!("\nMost repeated passages:");
    for p in &r.passages {
        out!("  {}× {:?} (first in {} passage {})", p.articles, p.text, p.first.id, p.first.passage);
    }
}

/// The duplicate-marking evaluation as a table.
pub fn print_dedup_eval(r: &newsdex::analyze::dedup::eval::DedupEval) {
    out!("{} articles; {} source passages and {} unrelated passages per row", r.articles, r.sources, r.unrelated);
    out!(
        "{:<12} {:>6} {:>6} {:>6} {:>8} {:>9}  recall by true Jaccard (>=band: found/pairs)",
        "variant",
        "pairs",
        "found",
        "false",
        "recall",
        "precision"
    );
    for s in &r.scores {
        let bands: Vec<String> =
            s.by_similarity.iter().filter(|b| b.1 > 0).map(|(lo, n, f)| format!(">={lo:.1}: {f}/{n}")).collect();
        out!(
            "{:<12} {:>6} {:>6} {:>6} {:>8.3} {:>9.3}  {}",
            s.variant,
            s.pairs,
            s.found,
            s.false_marks,
            s.recall,
            s.precision,
            bands.join(", ")
        );
    }
    out!(
        "exact-duplicate stories: {} groups, {} articles, {} split across clusters; reordered copies clustered: {}/{}",
        r.exact_groups,
        r.exact_group_articles,
        r.exact_groups_split,
        r.reordered_clustered,
        r.reordered
    );
}
