//! Reading one file into articles, whatever its format, reporting what had to be skipped.

use super::article::Article;
use super::fields::article_from_json;
use super::format::Format;
use super::html::parse_html;
use super::skips::{Skip, SkipLog, SkipReason};
use super::source::Source;
use super::text::parse_text;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Default limit for files read whole (text, JSON, HTML, feeds, archive members): 256 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;
/// Default limit for one record of a streamed format (a JSON Lines line, a CSV row, a WARC
/// record): 16 MiB.
pub const DEFAULT_MAX_LINE_BYTES: u64 = 16 << 20;
/// How deep archives inside archives are opened.
const MAX_ARCHIVE_DEPTH: usize = 3;

/// Limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Largest file read whole.
    pub max_file_bytes: u64,
    /// Largest record of a streamed format.
    pub max_line_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_bytes: DEFAULT_MAX_FILE_BYTES, max_line_bytes: DEFAULT_MAX_LINE_BYTES }
    }
}

/// What reading one file gave besides skips.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileRead {
    /// Articles handed on.
    pub articles: usize,
    /// Records that are no articles by nature and were passed over (a WARC's request and
    /// metadata records, responses that are not HTML).
    pub other_records: usize,
    /// Archive members not read for their format, per reason (as the walk counts files).
    pub ignored: BTreeMap<String, usize>,
}

/// The shared state of reading one top-level file.
pub(crate) struct Ctx<'a> {
    pub(crate) limits: ReadLimits,
    pub(crate) log: &'a SkipLog,
    sink: &'a (dyn Fn(Article) + Sync),
    depth: usize,
}

/// Reads every article of `bytes` as a file of `format` named `name` would be read (an
/// archive member's way), handing each to `sink`; skips go to `log`.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    limits: ReadLimits,
    log: &SkipLog,
    sink: &(dyn Fn(Article) + Sync),
) -> FileRead {
    let ctx = Ctx { limits, log, sink, depth: 0 };
    let mut out = FileRead::default();
    read_source(&Source::Member { path: name.into(), bytes }, name, name, format, &ctx, &mut out);
    out
}

/// Reads every article of `path` (`rel` is its path relative to the root) and hands each to
/// `sink` in file order. An article without an id of its own gets `<id_prefix>/<rel>`
/// (`#<n>` added in files of many articles: the line for JSON Lines and CSV, the item for the
/// rest), so that the same file name in two indexed folders gives two articles; a member of an
/// archive gets `<id_prefix>/<rel>/<member path>`. Skips go to `log`.
pub fn read_articles(
    path: &Path,
    rel: &str,
    id_prefix: &str,
    format: Format,
    limits: ReadLimits,
    log: &SkipLog,
    sink: &(dyn Fn(Article) + Sync),
) -> FileRead {
    let base = if id_prefix.is_empty() { rel.to_string() } else { format!("{id_prefix}/{rel}") };
    let ctx = Ctx { limits, log, sink, depth: 0 };
    let mut out = FileRead::default();
    read_source(&Source::File(path), rel, &base, format, &ctx, &mut out);
    out
}

/// Reads one input (a file or an archive member) of a known format.
pub(crate) fn read_source(src: &Source, rel: &str, base: &str, format: Format, ctx: &Ctx, out: &mut FileRead) {
    let count = AtomicUsize::new(0);
    let emit = |mut a: Article, line: Option<usize>| {
        a.path = rel.to_string();
        a.line = line;
        if a.id.trim().is_empty() {
            a.id = match line {
                Some(l) => format!("{base}#{l}"),
                None => base.to_string(),
            };
        }
        count.fetch_add(1, Ordering::Relaxed);
        (ctx.sink)(a);
    };
    let log = ctx.log;
    match format {
        Format::JsonLines => {
            super::jsonl::read_json_lines(src, base, ctx.limits, log, &|a, l| emit(a, Some(l)));
        }
        Format::Csv | Format::Tsv => {
            let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
            super::csv::read_csv(src, delimiter, ctx.limits, log, &|a, l| emit(a, Some(l)));
        }
        Format::Warc => out.other_records += super::warc::read_warc(src, ctx.limits, log, &|a, n| emit(a, Some(n))),
        Format::Parquet => super::parquet::read_parquet(src, ctx.limits, log, &|a, n| emit(a, Some(n))),
        Format::Zip | Format::Tar if ctx.depth >= MAX_ARCHIVE_DEPTH => {
            let detail = format!("archive nested more than {MAX_ARCHIVE_DEPTH} deep");
            log.skip(Skip::file(src.path(), SkipReason::Malformed, detail));
        }
        Format::Zip | Format::Tar => {
            let inner = Ctx { limits: ctx.limits, log, sink: ctx.sink, depth: ctx.depth + 1 };
            super::archive::read_archive(src, rel, base, format, &inner, out);
        }
        Format::Text | Format::Html | Format::Json | Format::Feed | Format::NewsXml => {
            read_whole(src, base, format, log, ctx.limits, &emit)
        }
    }
    out.articles += count.into_inner();
}

/// Formats read whole: text, HTML, JSON, feeds, NITF/NewsML.
fn read_whole(
    src: &Source,
    base: &str,
    format: Format,
    log: &SkipLog,
    limits: ReadLimits,
    emit: &dyn Fn(Article, Option<usize>),
) {
    let path = src.path();
    let decoded = match src.read_text(limits.max_file_bytes) {
        Ok(d) => d,
        Err(skip) => return log.skip(skip),
    };
    if decoded.cp1252 {
        log.decoded_cp1252(path);
    }
    let parsed = match format {
        Format::Text => Ok(vec![parse_text(&decoded.text)]),
        Format::Html => Ok(vec![parse_html(&decoded.text)]),
        Format::Json => parse_json(&decoded.text, base),
        Format::Feed => super::feed::parse_feed(&decoded.text),
        Format::NewsXml => super::news_xml::parse_news_xml(&decoded.text),
        _ => unreachable!("streamed formats are read elsewhere"),
    };
    let articles = match parsed {
        Ok(list) => list,
        Err(detail) => return log.skip(Skip::file(path, SkipReason::Malformed, detail)),
    };
    // Many articles in one file: each gets its number (JSON arrays number their ids themselves).
    let numbered = articles.len() > 1 && format != Format::Json;
    if articles.is_empty() {
        log.skip(Skip::file(path, SkipReason::Empty, "no articles in it"));
    }
    for (i, a) in articles.into_iter().enumerate() {
        if a.is_empty() {
            let what = if numbered {
                format!("item {}: no title or body found", i + 1)
            } else {
                "no title or body found".into()
            };
            log.skip(Skip::file(path, SkipReason::Empty, what));
        } else {
            emit(a, numbered.then_some(i + 1));
        }
    }
}

/// The articles of one file read the way `newsdex index` reads it (a file of no known format is
/// read as plain text); an error names the file and why nothing could be read.
pub fn read_one_file(path: &Path) -> crate::error::Result<Vec<Article>> {
    let format = match super::format::Format::of(path) {
        Some(f) => f,
        None => match super::format::sniff(path) {
            super::format::Sniffed::Format(f) => f,
            _ => Format::Text,
        },
    };
    let rel = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let log = SkipLog::quiet();
    let out = std::sync::Mutex::new(Vec::new());
    read_articles(path, &rel, "", format, ReadLimits::default(), &log, &|a| out.lock().expect("poisoned").push(a));
    let articles = out.into_inner().expect("poisoned");
    if articles.is_empty() {
        return Err(crate::error::Error::user(
            format!("No article could be read from {} ({} skipped).", path.display(), log.total()),
            "Check that the file exists and holds articles in a format newsdex reads (see docs/formats.md).",
        ));
    }
    Ok(articles)
}

/// Parses a `.json` file: one object, or an array of objects (ids `base#N` when they have none).
fn parse_json(text: &str, base: &str) -> Result<Vec<Article>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match &value {
        serde_json::Value::Array(items) => {
            let many = items.len() > 1;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let fallback = if many { format!("{base}#{}", i + 1) } else { base.to_string() };
                out.push(
                    article_from_json(item, &fallback)
                        .ok_or_else(|| format!("array item {} is not an object", i + 1))?,
                );
            }
            Ok(out)
        }
        _ => article_from_json(&value, base).map(|a| vec![a]).ok_or_else(|| "not a JSON object or array".to_string()),
    }
}
