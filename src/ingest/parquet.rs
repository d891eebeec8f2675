//! Parquet (how published news datasets ship): one article per row, string columns named as
//! JSON fields are. Read row group by row group.

use super::article::Article;
use super::fields::article_from_json;
use super::reader::ReadLimits;
use super::skips::{Skip, SkipLog, SkipReason};
use super::source::Source;
use parquet::file::reader::{FileReader, SerializedFileReader};

/// Streams the rows of a Parquet file to `emit` with their 1-based row numbers. Null cells
/// are absent fields; a row with neither title nor text is skipped and counted.
pub(crate) fn read_parquet(src: &Source, limits: ReadLimits, log: &SkipLog, emit: &dyn Fn(Article, usize)) {
    let path = src.path();
    let opened: Result<Box<dyn FileReader>, String> = crate::util::contain::contained(|| match src {
        Source::File(p) => std::fs::File::open(p)
            .map_err(|e| e.to_string())
            .and_then(|f| SerializedFileReader::new(f).map_err(|e| e.to_string()))
            .map(|r| Box::new(r) as Box<dyn FileReader>),
        Source::Member { bytes, .. } => SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes))
            .map(|r| Box::new(r) as Box<dyn FileReader>)
            .map_err(|e| e.to_string()),
    })
    .unwrap_or_else(|e| Err(format!("the Parquet reader failed ({e})")));
    let reader = match opened {
        Ok(r) => r,
        Err(e) => {
            return log.skip(Skip::file(path, SkipReason::Malformed, format!("not a readable Parquet file: {e}")))
        }
    };
    let mut rows = match crate::util::contain::contained(|| reader.get_row_iter(None)) {
        Ok(Ok(rows)) => rows,
        Ok(Err(e)) => return log.skip(Skip::file(path, SkipReason::Malformed, e.to_string())),
        Err(e) => return log.skip(Skip::file(path, SkipReason::Malformed, format!("the Parquet reader failed ({e})"))),
    };
    for n in 1.. {
        let row = match crate::util::contain::contained(|| rows.next()) {
            Ok(None) => break,
            Ok(Some(Ok(r))) => r,
            Ok(Some(Err(e))) => {
                let detail = format!("row {n}: {e}; the rest of the file is not read");
                return log.skip(Skip::file(path, SkipReason::Malformed, detail));
            }
            Err(e) => {
                let detail = format!("row {n}: the Parquet reader failed ({e}); the rest of the file is not read");
                return log.skip(Skip::file(path, SkipReason::Malformed, detail));
            }
        };
        let serde_json::Value::Object(cells) = row.to_json_value() else { continue };
        let obj: serde_json::Map<String, serde_json::Value> =
            cells.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.to_lowercase(), v)).collect();
        let size: usize = obj.values().filter_map(|v| v.as_str()).map(str::len).sum();
        if size as u64 > limits.max_line_bytes {
            log.skip(Skip::file(path, SkipReason::TooLarge, format!("row {n} of {size} bytes is over the limit")));
            continue;
        }
        match article_from_json(&serde_json::Value::Object(obj), "") {
            Some(a) if !a.is_empty() => emit(a, n),
            _ => log.skip(Skip::file(path, SkipReason::Empty, format!("row {n}: no title or body found"))),
        }
    }
}
