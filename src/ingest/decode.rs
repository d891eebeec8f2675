//! Turning raw bytes into text: gzip, binary detection, UTF-8 with a Windows-1252 fallback.

use super::skips::{Skip, SkipReason};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How many leading bytes are checked for NUL when deciding whether a file is binary.
pub const BINARY_SNIFF_BYTES: usize = 8192;

/// Text decoded from bytes, with whether the Windows-1252 fallback was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// True when the bytes were not UTF-8 and were decoded as Windows-1252.
    pub cp1252: bool,
}

/// Decodes bytes as UTF-8 (dropping a BOM), falling back to Windows-1252.
///
/// ```
/// use newsdex::ingest::decode::decode_text;
/// let d = decode_text(b"caf\xe9");
/// assert_eq!(d.text, "café");
/// assert!(d.cp1252);
/// ```
pub fn decode_text(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: s.to_string(), cp1252: false },
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Decoded { text: text.into_owned(), cp1252: true }
        }
    }
}

/// True when the bytes look binary (a NUL in the first [`BINARY_SNIFF_BYTES`]).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// True when the path ends in `.gz`, or the file starts with gzip's magic bytes.
pub fn is_gzip(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        return true;
    }
    let mut magic = [0u8; 2];
    File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic)).is_ok() && magic == [0x1f, 0x8b]
}

/// Opens a file as a buffered reader, transparently gunzipping `.gz` files.
pub fn open_reader(path: &Path) -> Result<Box<dyn BufRead + Send>, Skip> {
    let file = File::open(path).map_err(|e| Skip::file(path, SkipReason::Unreadable, e.to_string()))?;
    if is_gzip(path) {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file))))
    } else {
        Ok(Box::new(BufReader::new(file)))
    }
}

/// Reads a whole file (gunzipped if `.gz`) up to `max_bytes`, rejecting empty and binary content.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Decoded, Skip> {
    let meta = std::fs::metadata(path).map_err(|e| Skip::file(path, SkipReason::Unreadable, e.to_string()))?;
    if meta.len() > max_bytes {
        return Err(too_large(path, meta.len(), max_bytes));
    }
    read_capped(open_reader(path)?, path, max_bytes)
}

/// Reads text from `reader` (named `path` in skips) up to `max_bytes`, rejecting empty and
/// binary content.
pub fn read_capped(reader: impl Read, path: &Path, max_bytes: u64) -> Result<Decoded, Skip> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Skip::file(path, SkipReason::Unreadable, e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(path, bytes.len() as u64, max_bytes));
    }
    if looks_binary(&bytes) {
        return Err(Skip::file(path, SkipReason::Binary, "contains NUL bytes; not a text file"));
    }
    let decoded = decode_text(&bytes);
    if decoded.text.trim().is_empty() {
        return Err(Skip::file(path, SkipReason::Empty, "no text in file"));
    }
    Ok(decoded)
}

fn too_large(path: &Path, len: u64, max: u64) -> Skip {
    Skip::file(path, SkipReason::TooLarge, format!("{len} bytes is over the {max}-byte limit (raise --max-file-size)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_bom_is_dropped() {
        let d = decode_text("\u{feff}Iván".as_bytes());
        assert_eq!(d, Decoded { text: "Iván".into(), cp1252: false });
    }

    #[test]
    fn cp1252_smart_quotes_decode() {
        let d = decode_text(b"\x93quoted\x94 \x96 dash");
        assert!(d.cp1252);
        assert_eq!(d.text, "\u{201c}quoted\u{201d} \u{2013} dash");
    }

    #[test]
    fn nul_means_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"plain text"));
    }
}
