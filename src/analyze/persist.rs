//! Side files of an index generation (duplicate store, entity dictionary) and model files: one
//! way to read and write each kind.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// Reads a postcard file, or the default value when it does not exist; `what` names it in errors.
pub fn load_or_default<T: DeserializeOwned + Default>(path: &Path, what: &str) -> Result<T> {
    match std::fs::read(path) {
        Ok(bytes) => postcard::from_bytes(&bytes).map_err(|_| {
            Error::user(
                format!("The {what} {} is damaged.", path.display()),
                "Rebuild the index with `newsdex index --rebuild <folder>`.",
            )
        }),
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
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(bytes)
}

/// Writes model weights: an 8-byte magic, a header, the scale, then every weight quantised to
/// i16 (weight / scale, scale = max |weight| / i16::MAX), gzip-compressed.
pub fn write_quantized<'a>(
    w: impl Write,
    magic: &[u8; 8],
    header: &[u8],
    weights: impl Iterator<Item = &'a f32> + Clone,
) -> std::io::Result<()> {
    let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::best());
    let scale = weights.clone().fold(0f32, |m, v| m.max(v.abs())).max(1e-6) / i16::MAX as f32;
    gz.write_all(magic)?;
    gz.write_all(header)?;
    gz.write_all(&scale.to_le_bytes())?;
    for v in weights {
        gz.write_all(&((v / scale).round() as i16).to_le_bytes())?;
    }
    gz.finish()?;
    Ok(())
}

/// Reads what [`write_quantized`] wrote, given the header length: (header, weights).
pub fn read_quantized(r: impl Read, magic: &[u8; 8], header_len: usize) -> std::io::Result<(Vec<u8>, Vec<f32>)> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(r).read_to_end(&mut bytes)?;
    let start = 8 + header_len + 4;
    if bytes.len() < start || &bytes[..8] != magic || !(bytes.len() - start).is_multiple_of(2) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a newsdex model file"));
    }
    let header = bytes[8..8 + header_len].to_vec();
    let scale = f32::from_le_bytes(bytes[8 + header_len..start].try_into().expect("4 bytes"));
    let weights = bytes[start..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 * scale).collect();
    Ok((header, weights))
}
