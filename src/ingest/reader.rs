//! Reading one file into articles, whatever its format, reporting what had to be skipped.

use super::article::Article;
use super::decode::{decode_text, looks_binary, open_reader, read_file, BINARY_SNIFF_BYTES};
use super::fields::article_from_json;
use super::format::Format;
use super::html::parse_html;
use super::skips::{Skip, SkipLog, SkipReason};
use super::text::parse_text;
use rayon::prelude::*;
use std::io::{BufRead, Read};
use std::path::Path;

/// Default limit for files read whole (text, JSON, HTML): 256 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 << 20;
/// Default limit for one JSON Lines record: 16 MiB.
pub const DEFAULT_MAX_LINE_BYTES: u64 = 16 << 20;
/// JSON Lines records parsed per parallel batch.
const LINE_BATCH: usize = 2048;

/// Limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Largest file read whole.
    pub max_file_bytes: u64,
    /// Largest JSON Lines record.
    pub max_line_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_bytes: DEFAULT_MAX_FILE_BYTES, max_line_bytes: DEFAULT_MAX_LINE_BYTES }
    }
}

/// Reads every article of `path` (`rel` is its path relative to the root) and hands each to
/// `sink`, possibly from several threads. An article without an id of its own gets
/// `<id_prefix>/<rel>` (`#<line>` added for JSON Lines and `#<n>` for JSON arrays), so that the
/// same file name in two indexed folders gives two articles. Skips go to `log`. Returns the
/// number of articles.
#[allow(clippy::too_many_arguments)]
pub fn read_articles(
    path: &Path,
    rel: &str,
    id_prefix: &str,
    format: Format,
    limits: ReadLimits,
    log: &SkipLog,
    sink: &(dyn Fn(Article) + Sync),
) -> usize {
    let base = if id_prefix.is_empty() { rel.to_string() } else { format!("{id_prefix}/{rel}") };
    let emit = |mut a: Article, line: Option<usize>| {
        a.path = rel.to_string();
        a.line = line;
        if a.id.trim().is_empty() {
            a.id = match line {
                Some(l) => format!("{base}#{l}"),
                None => base.clone(),
            };
        }
        sink(a);
    };
    if format == Format::JsonLines {
        return read_json_lines(path, &base, limits, log, &|a, l| emit(a, Some(l)));
    }
    let decoded = match read_file(path, limits.max_file_bytes) {
        Ok(d) => d,
        Err(skip) => {
            log.skip(skip);
            return 0;
        }
    };
    if decoded.cp1252 {
        log.decoded_cp1252(path);
    }
    let articles = match format {
        Format::Text => vec![parse_text(&decoded.text)],
        Format::Html => vec![parse_html(&decoded.text)],
        Format::Json => match parse_json(&decoded.text, &base) {
            Ok(list) => list,
            Err(detail) => {
                log.skip(Skip::file(path, SkipReason::Malformed, detail));
                return 0;
            }
        },
        Format::JsonLines => unreachable!("handled above"),
    };
    let mut n = 0;
    for a in articles {
        if a.is_empty() {
            log.skip(Skip::file(path, SkipReason::Empty, "no title or body found"));
        } else {
            n += 1;
            emit(a, None);
        }
    }
    n
}

/// The articles of one file read the way `newsdex index` reads it (a file of no known format is
/// read as plain text); an error names the file and why nothing could be read.
pub fn read_one_file(path: &Path) -> crate::error::Result<Vec<Article>> {
    let format = super::format::Format::of(path).unwrap_or(Format::Text);
    let rel = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let log = SkipLog::quiet();
    let out = std::sync::Mutex::new(Vec::new());
    read_articles(path, &rel, "", format, ReadLimits::default(), &log, &|a| out.lock().expect("poisoned").push(a));
    let mut articles = out.into_inner().expect("poisoned");
    if articles.is_empty() {
        return Err(crate::error::Error::user(
            format!("No article could be read from {} ({} skipped).", path.display(), log.total()),
            "Check that the file exists and holds text, HTML or JSON.",
        ));
    }
    articles.sort_by_key(|a| a.line);
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

/// Streams a JSON Lines file, parsing batches of lines in parallel; bad lines are skipped one by one.
fn read_json_lines(
    path: &Path,
    base: &str,
    limits: ReadLimits,
    log: &SkipLog,
    emit: &(dyn Fn(Article, usize) + Sync),
) -> usize {
    let mut reader = match open_reader(path) {
        Ok(r) => r,
        Err(skip) => {
            log.skip(skip);
            return 0;
        }
    };
    match reader.fill_buf() {
        Ok([]) => {
            log.skip(Skip::file(path, SkipReason::Empty, "no text in file"));
            return 0;
        }
        Ok(head) if looks_binary(&head[..head.len().min(BINARY_SNIFF_BYTES)]) => {
            log.skip(Skip::file(path, SkipReason::Binary, "contains NUL bytes; not a text file"));
            return 0;
        }
        Ok(_) => {}
        Err(e) => {
            log.skip(Skip::file(path, SkipReason::Unreadable, e.to_string()));
            return 0;
        }
    }
    let mut total = 0;
    let mut line_no = 0;
    let mut cp1252_warned = false;
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(LINE_BATCH);
        let mut done = false;
        while batch.len() < LINE_BATCH {
            line_no += 1;
            match read_line_capped(&mut reader, limits.max_line_bytes) {
                Ok(LineRead::Eof) => {
                    done = true;
                    break;
                }
                Ok(LineRead::Line(bytes)) => batch.push((line_no, bytes)),
                Ok(LineRead::TooLong(len)) => log.skip(Skip::line(
                    path,
                    line_no,
                    SkipReason::TooLarge,
                    format!("record of {len}+ bytes is over the limit"),
                )),
                Err(e) => {
                    log.skip(Skip::line(path, line_no, SkipReason::Unreadable, e.to_string()));
                    done = true;
                    break;
                }
            }
        }
        let parsed: Vec<(usize, Result<Article, Skip>, bool)> = batch
            .into_par_iter()
            .filter(|(_, bytes)| !bytes.iter().all(u8::is_ascii_whitespace))
            .map(|(no, bytes)| {
                let decoded = decode_text(&bytes);
                let fallback = format!("{base}#{no}");
                let result = match serde_json::from_str::<serde_json::Value>(&decoded.text) {
                    Err(e) => Err(Skip::line(path, no, SkipReason::Malformed, format!("invalid JSON: {e}"))),
                    Ok(v) => match article_from_json(&v, &fallback) {
                        None => Err(Skip::line(path, no, SkipReason::Malformed, "not a JSON object")),
                        Some(a) if a.is_empty() => {
                            Err(Skip::line(path, no, SkipReason::Empty, "no title or body found"))
                        }
                        Some(a) => Ok(a),
                    },
                };
                (no, result, decoded.cp1252)
            })
            .collect();
        if !cp1252_warned && parsed.iter().any(|p| p.2) {
            cp1252_warned = true;
            log.decoded_cp1252(path);
        }
        let (good, bad): (Vec<_>, Vec<_>) = parsed.into_iter().partition(|p| p.1.is_ok());
        for (_, skip, _) in bad {
            log.skip(skip.expect_err("partitioned"));
        }
        total += good.len();
        // In line order, on this thread: the sink may block (the indexer's bounded queue).
        for (no, a, _) in good {
            emit(a.expect("partitioned"), no);
        }
        if done {
            break;
        }
    }
    total
}

enum LineRead {
    Eof,
    Line(Vec<u8>),
    TooLong(u64),
}

/// Reads one line of at most `max` bytes; longer lines are consumed and reported, never buffered.
fn read_line_capped(reader: &mut dyn BufRead, max: u64) -> std::io::Result<LineRead> {
    let mut buf = Vec::new();
    let n = (&mut *reader).take(max + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(LineRead::Eof);
    }
    if buf.last() == Some(&b'\n') || (buf.len() as u64) <= max {
        return Ok(LineRead::Line(buf));
    }
    let mut skipped = buf.len() as u64;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                skipped += i as u64;
                break;
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
                skipped += len as u64;
            }
        }
    }
    Ok(LineRead::TooLong(skipped))
}
