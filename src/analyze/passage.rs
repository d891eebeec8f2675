//! A passage of an article and the duplicate mark it carries.

use serde::{Deserialize, Serialize};

/// What a passage repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// First known occurrence.
    #[default]
    Original,
    /// Exact repeat of an earlier passage of the same article.
    Intra,
    /// Exact repeat of a passage of another article.
    Cross,
    /// Near-duplicate of a passage of another article.
    Near,
    /// Seen in many articles from several sources.
    Boilerplate,
}

/// Where the duplicated original is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassageRef {
    /// Article id.
    pub id: String,
    /// Passage index within that article.
    pub passage: usize,
}

/// One passage with its byte range in the body and its mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Byte offset of the start in the body.
    pub start: usize,
    /// Byte offset of the end in the body.
    pub end: usize,
    /// xxh3-64 (seed 0) of the normalised words.
    #[serde(with = "hex_u64")]
    pub hash: u64,
    /// Number of normalised words.
    pub words: usize,
    /// The mark.
    pub kind: PassageKind,
    /// The passage it repeats, for every kind but `original`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<PassageRef>,
    /// Similarity to that passage (1.0 for exact repeats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
}

/// Serialises u64 hashes as 16 hex digits: JSON numbers lose precision above 2^53.
mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}
