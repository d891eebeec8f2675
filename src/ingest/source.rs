//! Where one input's bytes come from: a file on disk, or a member of an archive held in memory.

use super::decode::{open_reader, read_capped, read_file, Decoded};
use super::skips::Skip;
use std::io::{BufRead, BufReader, Cursor};
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
        read_capped(self.open()?, path, max_bytes)
    }
}
