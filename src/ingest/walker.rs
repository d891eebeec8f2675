//! Walking folders for article files (walkdir), reporting walk errors and skipping hidden entries.

use super::format::{has_no_extension, is_xml_name, sniff, Format, Sniffed};
use super::skips::{Skip, SkipLog, SkipReason};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One file to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its path relative to the walked root, with `/` separators: the base of its article ids.
    pub rel: String,
    /// How to read it.
    pub format: Format,
    /// Its size on disk, from the walk (for progress).
    pub bytes: u64,
}

/// Outcome of walking one root.
#[derive(Debug, Default)]
pub struct WalkResult {
    /// Files in a format we read, sorted by relative path.
    pub files: Vec<SourceFile>,
    /// Files not read for their format, per reason (`unknown_format`: an extension we do not
    /// read, such as `.pdf`; `binary`: no extension and not text); each is warned about by name.
    pub ignored: std::collections::BTreeMap<String, usize>,
    /// Files seen in all.
    pub seen: usize,
}

/// Walks `root` recursively (following symlinks, reporting loops), skipping hidden entries and
/// anything under `exclude` (the index folder itself).
pub fn walk(root: &Path, exclude: Option<&Path>, log: &SkipLog) -> WalkResult {
    let mut out = WalkResult::default();
    let walker = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        let hidden = e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
        let excluded = exclude.is_some_and(|x| e.path().canonicalize().ok().as_deref() == Some(x));
        !hidden && !excluded
    });
    for entry in walker {
        match entry {
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let detail = if e.loop_ancestor().is_some() { "symlink loop".to_string() } else { e.to_string() };
                log.skip(Skip::file(&path, SkipReason::WalkError, detail));
            }
            Ok(e) if e.file_type().is_file() => {
                out.seen += 1;
                // A known extension decides; a file without one is read as what its bytes are.
                let format = match Format::of(e.path()) {
                    Some(f) => Ok(f),
                    None if has_no_extension(e.path()) || is_xml_name(e.path()) => match sniff(e.path()) {
                        Sniffed::Format(f) => Ok(f),
                        Sniffed::Unreadable => Ok(Format::Text), // the reader reports why
                        Sniffed::Binary => Err(("binary", "no extension and not text".to_string())),
                        Sniffed::OtherXml => {
                            Err(("unknown_format", "XML that is neither a news feed nor NITF/NewsML".to_string()))
                        }
                    },
                    None => {
                        let ext = e.path().extension().map(|x| x.to_string_lossy().to_string()).unwrap_or_default();
                        Err(("unknown_format", format!("files ending in .{ext} are not read as articles")))
                    }
                };
                match format {
                    Ok(format) => {
                        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                        let rel =
                            rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                        let bytes = e.metadata().map_or(0, |m| m.len());
                        out.files.push(SourceFile { path: e.path().to_path_buf(), rel, format, bytes });
                    }
                    Err((reason, detail)) => {
                        if !log.is_quiet() {
                            tracing::warn!("{}: not read ({reason}): {detail}", e.path().display());
                        }
                        *out.ignored.entry(reason.to_string()).or_default() += 1;
                    }
                }
            }
            Ok(_) => {}
        }
    }
    out
}
