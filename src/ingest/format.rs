//! Input formats, recognised by file extension (an extra `.gz` is allowed).

use std::path::Path;

/// A file format the indexer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.text`, `.md`, `.markdown`.
    Text,
    /// `.json`: one article object or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
    /// `.html`, `.htm`.
    Html,
}

impl Format {
    /// The format of a path, looking through a trailing `.gz`; `None` for files we do not read.
    ///
    /// ```
    /// use newsdex::ingest::format::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::of(Path::new("a/b.jsonl.gz")), Some(Format::JsonLines));
    /// assert_eq!(Format::of(Path::new("photo.jpg")), None);
    /// ```
    pub fn of(path: &Path) -> Option<Format> {
        let name = name_without_gz(path)?;
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }
}

/// A file's name in lower case without a trailing `.gz` (`None` when it is not UTF-8).
fn name_without_gz(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    Some(name.strip_suffix(".gz").map(str::to_string).unwrap_or(name))
}

/// What the first bytes of a file without a known extension say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Read it as this format.
    Format(Format),
    /// NUL bytes: not text.
    Binary,
    /// It could not be opened (the reader reports why when it tries).
    Unreadable,
}

/// Looks at the first 8 KB of a file (through gzip) to choose how to read it: HTML, a JSON object
/// or array, JSON Lines, or plain text.
pub fn sniff(path: &Path) -> Sniffed {
    use std::io::Read;
    let Ok(reader) = super::decode::open_reader(path) else { return Sniffed::Unreadable };
    let mut head = Vec::with_capacity(8192);
    if reader.take(8192).read_to_end(&mut head).is_err() {
        return Sniffed::Unreadable;
    }
    if super::decode::looks_binary(&head) {
        return Sniffed::Binary;
    }
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let lower = text[..text.len().min(1024)].to_ascii_lowercase();
    if lower.starts_with('<')
        && ["<html", "<!doctype html", "<body", "<article", "<head"].iter().any(|t| lower.contains(t))
    {
        return Sniffed::Format(Format::Html);
    }
    if text.starts_with('{') {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let first = lines.next().unwrap_or("");
        let second = lines.next().unwrap_or("");
        let lines_of_objects = first.ends_with('}') && second.starts_with('{');
        return Sniffed::Format(if lines_of_objects { Format::JsonLines } else { Format::Json });
    }
    if text.starts_with('[') {
        return Sniffed::Format(Format::Json);
    }
    Sniffed::Format(Format::Text)
}

/// True for a file name with no extension to go by (`idUSL1818449720070618`, `article`, or a
/// dotted name whose last part is no file type, such as `v1.2007`), after an optional `.gz`.
pub fn has_no_extension(path: &Path) -> bool {
    let Some(name) = name_without_gz(path) else { return false };
    match name.rsplit_once('.') {
        None => true,
        Some((_, ext)) => ext.is_empty() || ext.len() > 8 || !ext.chars().any(|c| c.is_ascii_alphabetic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_for_files_without_an_extension() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], Sniffed); 6] = [
            ("wire", b"-- Title\n-- By A\n\nBody.", Sniffed::Format(Format::Text)),
            ("page", b"<!DOCTYPE html><html><body><p>x</p></body></html>", Sniffed::Format(Format::Html)),
            ("one", b"{\"title\": \"a\",\n \"body\": \"b\"}", Sniffed::Format(Format::Json)),
            ("lines", b"{\"title\": \"a\"}\n{\"title\": \"b\"}\n", Sniffed::Format(Format::JsonLines)),
            ("blob", b"\x89PNG\r\n\x1a\n\x00\x00", Sniffed::Binary),
            ("list", b"[{\"title\": \"a\"}]", Sniffed::Format(Format::Json)),
        ];
        for (name, bytes, want) in cases {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            assert_eq!(sniff(&p), want, "{name}");
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"Title\n\nBody text.").unwrap();
        std::fs::write(dir.path().join("zipped"), gz.finish().unwrap()).unwrap();
        assert_eq!(sniff(&dir.path().join("zipped")), Sniffed::Format(Format::Text));
        assert!(has_no_extension(Path::new("us-ici-akzo-idUSL1818449720070618")));
        assert!(has_no_extension(Path::new("report.2007")));
        assert!(!has_no_extension(Path::new("photo.jpg")));
    }
}
