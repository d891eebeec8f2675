//! Where one input's bytes come from: a file on disk, or a member of an archive held in memory.

use super::decode::{decode_text, looks_binary, open_reader, read_file, Decoded};
use super::skips::{Skip, SkipReason};
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// One input to read articles from.
#[derive(Debug)]
pub enum Source<'a> {
    /// A file on disk (gunzipped when it is gzip).
    File(&'a Path),
    /// A member of an archive, read whole (still gzip when the member is).
    Member {
        /// The archive's path joined with the member's path inside it, for messages.
        path: PathBuf,
        /// The member's bytes.
        bytes: Vec<u8>,
    },
}

impl Source<'_> {
    /// The path that names this input in warnings (`corpus/2024.zip/day1/a.txt` for a member).
    pub fn path(&self) -> &Path {
        match self {
            Source::File(p) => p,
            Source::Member { path, .. } => path,
        }
    }

    /// A buffered reader over the content, gunzipped when it starts with gzip's magic bytes.
    pub fn open(&self) -> Result<Box<dyn BufRead + Send + '_>, Skip> {
        match self {
            Source::File(p) => open_reader(p),
            Source::Member { bytes, .. } if bytes.starts_with(&[0x1f, 0x8b]) => {
                Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(Cursor::new(bytes.as_slice())))))
            }
            Source::Member { bytes, .. } => Ok(Box::new(Cursor::new(bytes.as_slice()))),
        }
    }

    /// The whole content as text, at most `max_bytes`; empty and binary content are skips.
    pub fn read_text(&self, max_bytes: u64) -> Result<Decoded, Skip> {
        let Source::Member { path, .. } = self else {
            return read_file(self.path(), max_bytes);
        };
        let mut bytes = Vec::new();
        self.open()?
            .take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Skip::file(path, SkipReason::Unreadable, e.to_string()))?;
        if bytes.len() as u64 > max_bytes {
            let detail = format!("over the {max_bytes}-byte limit once unpacked (raise --max-file-size)");
            return Err(Skip::file(path, SkipReason::TooLarge, detail));
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
}
