//! Input formats, recognised by file extension (an extra `.gz` is allowed).

use std::path::Path;

/// A file format the indexer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// `.txt`, `.text`, `.md`, `.markdown`.
    Text,
    /// `.json`: one article object or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
    /// `.html`, `.htm`.
    Html,
    /// `.csv`: one article per row, columns named in the header row.
    Csv,
    /// `.tsv`, `.tab`: as CSV, tab-separated.
    Tsv,
    /// `.warc`: web archive records; HTML responses are articles.
    Warc,
    /// `.rss`, `.atom` (and `.xml` holding a feed): one article per item or entry.
    Feed,
    /// `.nitf`, `.newsml` (and `.xml` holding either, or an RCV1 `<newsitem>`).
    NewsXml,
    /// `.parquet`: one article per row.
    Parquet,
    /// `.zip`: every member read as a file of its own.
    Zip,
    /// `.tar`, `.tar.gz`, `.tgz`: every member read as a file of its own.
    Tar,
}

/// Every format, in the order the summary lists them.
pub const ALL_FORMATS: [Format; 12] = [
    Format::Text,
    Format::Json,
    Format::JsonLines,
    Format::Html,
    Format::Csv,
    Format::Tsv,
    Format::Warc,
    Format::Feed,
    Format::NewsXml,
    Format::Parquet,
    Format::Zip,
    Format::Tar,
];

impl Format {
    /// The format of a path, looking through a trailing `.gz`; `None` for files whose name does
    /// not say (no extension, `.xml`: see [`sniff`]) or that we do not read.
    ///
    /// ```
    /// use newsdex::ingest::format::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::of(Path::new("a/b.jsonl.gz")), Some(Format::JsonLines));
    /// assert_eq!(Format::of(Path::new("crawl.warc.gz")), Some(Format::Warc));
    /// assert_eq!(Format::of(Path::new("photo.jpg")), None);
    /// ```
    pub fn of(path: &Path) -> Option<Format> {
        let full = path.file_name()?.to_str()?.to_ascii_lowercase();
        if full.ends_with(".tgz") || full.ends_with(".tar.gz") {
            return Some(Format::Tar);
        }
        let name = name_without_gz(path)?;
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "warc" => Format::Warc,
            "rss" | "atom" => Format::Feed,
            "nitf" | "newsml" => Format::NewsXml,
            "parquet" => Format::Parquet,
            "zip" => Format::Zip,
            "tar" => Format::Tar,
            _ => return None,
        })
    }

    /// The name used in summaries and `--json` (`jsonl`, `news-xml`, …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Warc => "warc",
            Format::Feed => "feed",
            Format::NewsXml => "news-xml",
            Format::Parquet => "parquet",
            Format::Zip => "zip",
            Format::Tar => "tar",
        }
    }

    /// True for formats holding other files.
    pub fn is_archive(self) -> bool {
        matches!(self, Format::Zip | Format::Tar)
    }
}

/// True when the file's name says it may be an XML document whose root element decides.
pub fn is_xml_name(path: &Path) -> bool {
    name_without_gz(path).is_some_and(|n| n.ends_with(".xml"))
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
    /// NUL bytes and no format we know: not text.
    Binary,
    /// XML, but neither a news feed nor NITF/NewsML.
    OtherXml,
    /// It could not be opened (the reader reports why when it tries).
    Unreadable,
}

/// Looks at the first 8 KB of a file (through gzip) to choose how to read it.
pub fn sniff(path: &Path) -> Sniffed {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else { return Sniffed::Unreadable };
    let mut raw = [0u8; 4];
    let n = std::io::Read::read(&mut &file, &mut raw).unwrap_or(0);
    if &raw[..n] == b"PK\x03\x04" {
        return Sniffed::Format(Format::Zip);
    }
    if &raw[..n] == b"PAR1" {
        return Sniffed::Format(Format::Parquet);
    }
    let Ok(reader) = super::decode::open_reader(path) else { return Sniffed::Unreadable };
    let mut head = Vec::with_capacity(8192);
    if reader.take(8192).read_to_end(&mut head).is_err() && head.is_empty() {
        return Sniffed::Unreadable;
    }
    sniff_bytes(&head)
}

/// The format the first bytes of a file (after gunzipping) show: archives and Parquet by their
/// magic bytes, WARC by its version line, XML by its root element, HTML, a JSON object or
/// array, JSON Lines, or plain text.
pub fn sniff_bytes(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") {
        return Sniffed::Format(Format::Zip);
    }
    if head.starts_with(b"PAR1") {
        return Sniffed::Format(Format::Parquet);
    }
    if head.len() > 262 && &head[257..262] == b"ustar" {
        return Sniffed::Format(Format::Tar);
    }
    if head.starts_with(b"WARC/") {
        return Sniffed::Format(Format::Warc);
    }
    if super::decode::looks_binary(head) {
        return Sniffed::Binary;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let end = (0..=text.len().min(1024)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let lower = text[..end].to_ascii_lowercase();
    if lower.starts_with('<') {
        if let Some(kind) = xml_kind(&lower) {
            return kind;
        }
        if ["<html", "<!doctype html", "<body", "<article", "<head"].iter().any(|t| lower.contains(t)) {
            return Sniffed::Format(Format::Html);
        }
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

/// For text starting with `<`: the kind of XML document its root element names (after the
/// declaration, comments and a DOCTYPE), or `None` when it is not XML but HTML.
fn xml_kind(lower: &str) -> Option<Sniffed> {
    let mut rest = lower;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1;
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1;
        } else if rest.starts_with("<!doctype html") {
            return None;
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>')?.1;
        } else {
            break;
        }
    }
    let name: String =
        rest.strip_prefix('<')?.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
    let local = name.rsplit(':').next().unwrap_or(&name);
    match local {
        "rss" | "rdf" | "feed" => Some(Sniffed::Format(Format::Feed)),
        "nitf" | "newsitem" | "newsml" | "newsmessage" => Some(Sniffed::Format(Format::NewsXml)),
        "html" | "body" | "head" | "article" | "div" | "p" => None,
        _ if lower.starts_with("<?xml") => Some(Sniffed::OtherXml),
        _ => None,
    }
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
        let cases: [(&str, &[u8], Sniffed); 11] = [
            ("wire", b"-- Title\n-- By A\n\nBody.", Sniffed::Format(Format::Text)),
            ("page", b"<!DOCTYPE html><html><body><p>x</p></body></html>", Sniffed::Format(Format::Html)),
            ("one", b"{\"title\": \"a\",\n \"body\": \"b\"}", Sniffed::Format(Format::Json)),
            ("lines", b"{\"title\": \"a\"}\n{\"title\": \"b\"}\n", Sniffed::Format(Format::JsonLines)),
            ("blob", b"\x89PNG\r\n\x1a\n\x00\x00", Sniffed::Binary),
            ("list", b"[{\"title\": \"a\"}]", Sniffed::Format(Format::Json)),
            ("crawl", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", Sniffed::Format(Format::Warc)),
            ("feed", b"<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\">", Sniffed::Format(Format::Feed)),
            (
                "story",
                b"<?xml version=\"1.0\"?><!DOCTYPE nitf SYSTEM \"nitf.dtd\"><nitf>",
                Sniffed::Format(Format::NewsXml),
            ),
            ("other", b"<?xml version=\"1.0\"?><config a=\"1\"/>", Sniffed::OtherXml),
            ("archive", b"PK\x03\x04\x14\x00\x00\x00", Sniffed::Format(Format::Zip)),
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
