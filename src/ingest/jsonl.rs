//! JSON Lines: one article object per line, streamed, parsed in parallel batches.

use super::article::Article;
use super::decode::{decode_text, looks_binary, BINARY_SNIFF_BYTES};
use super::fields::article_from_json;
use super::reader::ReadLimits;
use super::skips::{Skip, SkipLog, SkipReason};
use super::source::Source;
use rayon::prelude::*;
use std::io::{BufRead, Read};

/// JSON Lines records parsed per parallel batch.
const LINE_BATCH: usize = 2048;

/// Streams a JSON Lines file, parsing batches of lines in parallel; bad lines are skipped one by one.
pub(crate) fn read_json_lines(
    src: &Source,
    base: &str,
    limits: ReadLimits,
    log: &SkipLog,
    emit: &(dyn Fn(Article, usize) + Sync),
) -> usize {
    let path = src.path();
    let mut reader = match src.open() {
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
