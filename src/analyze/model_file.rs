//! Model files (the entity tagger's and the topic classifier's weights): quantised, gzipped.

use std::io::{Read, Write};

/// Writes model weights: an 8-byte magic, a header, the scale, then every weight quantised to
/// i16 (weight / scale, scale = max |weight| / i16::MAX), gzip-compressed.
pub fn write_quantized<'a>(
    w: impl Write,
    magic: &[u8; 8],
    header: &[u8],
    weights: impl Iterator<Item = &'a f32> + Clone,
) -> std::io::Result<()> {
    let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::best());
    let scale = quantization_scale(weights.clone());
    gz.write_all(magic)?;
    gz.write_all(header)?;
    gz.write_all(&scale.to_le_bytes())?;
    for v in weights {
        gz.write_all(&quantize(*v, scale).to_le_bytes())?;
    }
    gz.finish()?;
    Ok(())
}

/// The scale [`write_quantized`] writes weights with: one i16 step, max |weight| / i16::MAX.
pub fn quantization_scale<'a>(weights: impl Iterator<Item = &'a f32>) -> f32 {
    weights.fold(0f32, |m, v| m.max(v.abs())).max(1e-6) / i16::MAX as f32
}

/// A weight as [`write_quantized`] writes it, in steps of `scale`.
pub fn quantize(v: f32, scale: f32) -> i16 {
    (v / scale).round() as i16
}

/// Reads what [`write_quantized`] wrote, given the header length, as it is stored: (header,
/// scale, weights in steps of the scale).
pub fn read_quantized(r: impl Read, magic: &[u8; 8], header_len: usize) -> std::io::Result<(Vec<u8>, f32, Vec<i16>)> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(r).read_to_end(&mut bytes)?;
    let start = 8 + header_len + 4;
    if bytes.len() < start || &bytes[..8] != magic || !(bytes.len() - start).is_multiple_of(2) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a newsdex model file"));
    }
    let header = bytes[8..8 + header_len].to_vec();
    let scale = f32::from_le_bytes(bytes[8 + header_len..start].try_into().expect("4 bytes"));
    let steps = bytes[start..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
    Ok((header, scale, steps))
}
