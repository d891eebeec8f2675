//! The article record every input format is read into.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One news article as read from a file, before analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the record's own id, else the path relative to the root (`#<line>` for JSON Lines).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Body text exactly as read (paragraph breaks kept).
    pub body: String,
    /// Publication time, when one could be parsed.
    pub date: Option<DateTime<Utc>>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Path of the file relative to the indexed root.
    pub path: String,
    /// 1-based line in a JSON Lines or CSV file, or the record's number in other multi-article
    /// files (feeds, WARC, Parquet): orders the articles of one file.
    pub line: Option<usize>,
    /// What the publisher tagged the article with, as `kind:value` (`subject:Politics`,
    /// `person:Ana Ruiz`, `org:…`, `place:…`, `keyword:…`), kept beside newsdex's own analysis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publisher_tags: Vec<String>,
}

impl Article {
    /// True when the article has neither a title nor a body worth indexing.
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }

    /// A stable 64-bit hash of everything stored for the article (xxh3, fixed seed).
    pub fn content_hash(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0);
        for part in [
            self.id.as_str(),
            self.title.as_str(),
            self.body.as_str(),
            self.url.as_deref().unwrap_or(""),
            self.source.as_deref().unwrap_or(""),
            self.author.as_deref().unwrap_or(""),
            self.path.as_str(),
        ] {
            h.update(part.as_bytes());
            h.update(&[0xff]);
        }
        for tag in &self.publisher_tags {
            h.update(tag.as_bytes());
            h.update(&[0xfe]);
        }
        h.update(&self.date.map(|d| d.timestamp()).unwrap_or(i64::MIN).to_le_bytes());
        h.digest()
    }
}
