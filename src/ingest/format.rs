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
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
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
