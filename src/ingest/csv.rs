//! CSV and TSV: one article per row, columns named by the header row with the same names as
//! JSON fields (`title`/`headline`, `text`/`content`/`article`, `date`, `url`, `publication`, …).

use super::article::Article;
use super::decode::decode_text;
use super::fields::article_from_json;
use super::reader::ReadLimits;
use super::skips::{Skip, SkipLog, SkipReason};
use super::source::Source;
use serde_json::{Map, Value};

/// Streams the rows of a CSV (`delimiter` `,`) or TSV (`\t`) file to `emit` with the line each
/// starts on; quoted fields may span lines. A row that cannot be read is skipped and counted,
/// and the rest of the file is read.
pub(crate) fn read_csv(src: &Source, delimiter: u8, limits: ReadLimits, log: &SkipLog, emit: &dyn Fn(Article, usize)) {
    let path = src.path();
    let reader = match src.open() {
        Ok(r) => r,
        Err(skip) => return log.skip(skip),
    };
    let mut csv = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(reader);
    let mut header: Option<Vec<String>> = None;
    let mut record = csv::ByteRecord::new();
    let mut cp1252_warned = false;
    loop {
        let line = csv.position().line() as usize;
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => {
                return log.skip(Skip::line(path, line, SkipReason::Unreadable, e.to_string()));
            }
            Err(e) => {
                log.skip(Skip::line(path, line, SkipReason::Malformed, e.to_string()));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        if record.as_slice().len() as u64 > limits.max_line_bytes {
            let detail = format!("row of {} bytes is over the limit", record.as_slice().len());
            log.skip(Skip::line(path, line, SkipReason::TooLarge, detail));
            continue;
        }
        let mut cells = Vec::with_capacity(record.len());
        for cell in record.iter() {
            let decoded = decode_text(cell);
            if decoded.cp1252 && !cp1252_warned {
                cp1252_warned = true;
                log.decoded_cp1252(path);
            }
            cells.push(decoded.text);
        }
        let Some(names) = &header else {
            header = Some(cells.iter().map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase()).collect());
            if !header.as_ref().expect("just set").iter().any(|n| is_article_column(n)) {
                let detail =
                    "the header row names no title or text column (title, headline, text, content, body, article)";
                return log.skip(Skip::line(path, line, SkipReason::Malformed, detail));
            }
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut obj = Map::new();
        for (name, cell) in names.iter().zip(cells) {
            if !cell.trim().is_empty() && !obj.contains_key(name) {
                obj.insert(name.clone(), Value::String(cell));
            }
        }
        match article_from_json(&Value::Object(obj), "") {
            Some(a) if !a.is_empty() => emit(a, line),
            _ => log.skip(Skip::line(path, line, SkipReason::Empty, "no title or body found")),
        }
    }
}

/// True for a column name that holds a title or a body.
fn is_article_column(name: &str) -> bool {
    super::fields::TITLE_FIELDS.contains(&name) || super::fields::BODY_FIELDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn read(bytes: &[u8], delimiter: u8) -> (Vec<(Article, usize)>, SkipLog) {
        let src = Source::Member { path: "t.csv".into(), bytes: bytes.to_vec() };
        let log = SkipLog::quiet();
        let out = Mutex::new(Vec::new());
        read_csv(&src, delimiter, ReadLimits::default(), &log, &|a, l| out.lock().unwrap().push((a, l)));
        (out.into_inner().unwrap(), log)
    }

    #[test]
    fn bom_quoted_newlines_and_aliases() {
        let csv = "\u{feff}Title,Author,Date,Content,URL,Publication,Category\n\
                   \"Ferry, delayed\",Ana Ruiz,2025-03-02,\"First line.\n\nSecond, with \"\"quotes\"\".\",https://x.example/a,Harbor Ledger,LOCAL\n\
                   ,,,,,,\n\
                   Only a title,,,,,,\n";
        let (got, log) = read(csv.as_bytes(), b',');
        assert_eq!(log.total(), 0);
        assert_eq!(got.len(), 2);
        let (a, line) = &got[0];
        assert_eq!((a.title.as_str(), *line), ("Ferry, delayed", 2));
        assert_eq!(a.body, "First line.\n\nSecond, with \"quotes\".");
        assert_eq!(a.source.as_deref(), Some("Harbor Ledger"));
        assert_eq!(a.publisher_tags, ["subject:LOCAL"]);
        assert!(a.date.is_some());
        assert_eq!(got[1].1, 6);
    }

    #[test]
    fn tsv_and_a_header_without_text_columns() {
        let (got, _) = read(b"headline\ttext\nA\tB\n", b'\t');
        assert_eq!((got[0].0.title.as_str(), got[0].0.body.as_str()), ("A", "B"));
        let (got, log) = read(b"price,volume\n1,2\n", b',');
        assert!(got.is_empty());
        assert_eq!(log.counts().get("malformed"), Some(&1));
    }
}
