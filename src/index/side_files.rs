//! The side files of an index generation beside the shards — the duplicate store, the entity
//! dictionary, the keyphrase document frequencies — read and written in one place. A damaged
//! file is an error naming it and the repair, never an empty default.

use crate::analyze::corpus::CorpusState;
use crate::analyze::dedup::DupStore;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::analyze::keywords::DocFrequencies;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// The duplicate store's file in a generation folder.
pub const DUPS_FILE: &str = "dedup.bin";
/// The entity dictionary's file.
pub const ENTITIES_FILE: &str = "entities.bin";
/// The keyphrase document frequencies' file.
pub const KEYWORDS_FILE: &str = "keywords.bin";

/// Writes `bytes` to `path` atomically: a temporary file beside it (`<name>.tmp`), flushed to
/// disk, then renamed over it — a reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| Error::io(path, e))
}

/// Reads a postcard file, or the default value when it does not exist; `what` names it in errors.
pub fn load_or_default<T: DeserializeOwned + Default>(path: &Path, what: &str) -> Result<T> {
    match std::fs::read(path) {
        Ok(bytes) => postcard::from_bytes(&bytes).map_err(|_| Error::damaged(path, what)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Writes a postcard file atomically (temporary file, then rename: a hard-linked copy of the
/// previous generation keeps its own), streaming it rather than building it in memory; returns
/// its size.
pub fn save_atomic<T: Serialize>(path: &Path, value: &T) -> Result<u64> {
    let tmp = path.with_extension("tmp");
    let io = |e: std::io::Error| Error::io(path, e);
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let writer = postcard::to_io(value, std::io::BufWriter::with_capacity(1 << 20, file))
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    let file = writer.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    fail::fail_point!("index:before_side_file_rename");
    std::fs::rename(&tmp, path).map_err(io)?;
    fail::fail_point!("index:after_side_file_rename");
    Ok(bytes)
}

/// Everything a run marks new articles against, as the generation in `gen_dir` left it (empty
/// for a new index).
pub fn load_corpus(gen_dir: &Path) -> Result<CorpusState> {
    Ok(CorpusState {
        dups: load_dups(gen_dir)?,
        dictionary: load_dictionary(gen_dir)?,
        keywords: load_keywords(gen_dir)?,
    })
}

/// Writes the corpus state into `gen_dir`; returns the size of the duplicate store.
pub fn save_corpus(corpus: &CorpusState, gen_dir: &Path) -> Result<u64> {
    save_atomic(&gen_dir.join(ENTITIES_FILE), &corpus.dictionary)?;
    let store = save_atomic(&gen_dir.join(DUPS_FILE), &corpus.dups)?;
    save_keywords(&corpus.keywords, gen_dir)?;
    Ok(store)
}

/// The duplicate store of a generation.
pub fn load_dups(gen_dir: &Path) -> Result<DupStore> {
    load_or_default(&gen_dir.join(DUPS_FILE), "duplicate store")
}

/// The entity dictionary of a generation.
pub fn load_dictionary(gen_dir: &Path) -> Result<EntityDictionary> {
    load_or_default(&gen_dir.join(ENTITIES_FILE), "entity dictionary")
}

/// The keyphrase document frequencies of a generation (gzipped postcard).
pub fn load_keywords(gen_dir: &Path) -> Result<DocFrequencies> {
    let path = gen_dir.join(KEYWORDS_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DocFrequencies::default()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut raw)
        .map_err(|_| Error::damaged(&path, "keyword frequencies"))?;
    let df: DocFrequencies = postcard::from_bytes(&raw).map_err(|_| Error::damaged(&path, "keyword frequencies"))?;
    if !df.is_whole() {
        return Err(Error::damaged(&path, "keyword frequencies"));
    }
    Ok(df)
}

/// Writes the keyphrase document frequencies atomically; returns the file's size.
pub fn save_keywords(df: &DocFrequencies, gen_dir: &Path) -> Result<u64> {
    let path = gen_dir.join(KEYWORDS_FILE);
    let raw = postcard::to_stdvec(df).map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&raw).map_err(|e| Error::io(&path, e))?;
    let bytes = gz.finish().map_err(|e| Error::io(&path, e))?;
    fail::fail_point!("index:before_side_file_rename");
    write_atomic(&path, &bytes)?;
    fail::fail_point!("index:after_side_file_rename");
    Ok(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_frequencies_round_trip_and_damage_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = DocFrequencies::default();
        d.add_document(&[1, 2, 3]);
        save_keywords(&d, dir.path()).unwrap();
        assert_eq!(load_keywords(dir.path()).unwrap(), d);
        std::fs::write(dir.path().join(KEYWORDS_FILE), b"garbage").unwrap();
        let e = load_keywords(dir.path()).unwrap_err().to_string();
        assert!(e.contains("keywords.bin is damaged") && e.contains("--rebuild"), "{e}");
    }

    #[test]
    fn a_damaged_dictionary_is_an_error_not_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_dictionary(dir.path()).is_ok(), "a new index has none yet");
        std::fs::write(dir.path().join(ENTITIES_FILE), b"\xff\xff\xff not postcard").unwrap();
        let e = load_dictionary(dir.path()).unwrap_err().to_string();
        assert!(e.contains("entity dictionary") && e.contains("entities.bin"), "{e}");
    }
}
