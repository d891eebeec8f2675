//! Converting articles to tantivy documents and stored documents back to articles.

use super::schema::NewsSchema;
use crate::analyze::Analysis;
use crate::ingest::Article;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// An indexed article as `show --json` and `export` print it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date (RFC 3339), when known.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Path relative to the indexed folder.
    pub path: String,
    /// The indexed folder.
    pub root: String,
    /// Body as read.
    pub body: String,
    /// People, canonical names, most salient first.
    pub people: Vec<String>,
    /// Organisations, canonical names, most salient first.
    pub orgs: Vec<String>,
    /// What analysis found.
    #[serde(flatten)]
    pub analysis: Analysis,
}

/// Builds the tantivy document of an analysed article from root folder `root`.
pub fn to_document(f: &NewsSchema, article: &Article, analysis: &Analysis, root: &str) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &article.id);
    doc.add_u64(f.id_hash, xxhash_rust::xxh3::xxh3_64(article.id.as_bytes()));
    doc.add_text(f.title, &article.title);
    doc.add_text(f.text, analysis.index_text(&article.body));
    doc.add_text(f.body, &article.body);
    if let Some(d) = article.date {
        doc.add_date(f.date, tantivy::DateTime::from_timestamp_secs(d.timestamp()));
    }
    for (field, value) in [(f.source, &article.source), (f.author, &article.author), (f.url, &article.url)] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    doc.add_text(f.path, &article.path);
    doc.add_text(f.root, root);
    doc.add_u64(f.hash, article.content_hash());
    doc.add_text(f.analysis, serde_json::to_string(analysis).expect("analysis serialises"));
    let cluster = if analysis.cluster.is_empty() { &article.id } else { &analysis.cluster };
    doc.add_text(f.cluster, cluster);
    doc.add_u64(f.cluster_hash, xxhash_rust::xxh3::xxh3_64(cluster.as_bytes()));
    for (kind, field, list) in
        [("person", f.person, &analysis.entities.people), ("org", f.org, &analysis.entities.orgs)]
    {
        for e in list {
            doc.add_facet(f.facet, tantivy::schema::Facet::from_path([kind, e.name.as_str()]));
            doc.add_text(field, &e.name);
        }
    }
    doc
}

/// Reads a stored document back.
pub fn from_document(f: &NewsSchema, doc: &TantivyDocument) -> StoredArticle {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    StoredArticle {
        id: text(f.id).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        date: doc.get_first(f.date).and_then(|v| v.as_datetime()).map(format_date),
        source: text(f.source),
        author: text(f.author),
        url: text(f.url),
        path: text(f.path).unwrap_or_default(),
        root: text(f.root).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        analysis: Analysis::default(),
        people: vec![],
        orgs: vec![],
    }
    .with_analysis(text(f.analysis).and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

impl StoredArticle {
    /// Sets the analysis and the name lists derived from it.
    pub fn with_analysis(mut self, analysis: Analysis) -> Self {
        self.people = analysis.entities.people.iter().map(|e| e.name.clone()).collect();
        self.orgs = analysis.entities.orgs.iter().map(|e| e.name.clone()).collect();
        self.analysis = analysis;
        self
    }
}

/// Formats a tantivy date as RFC 3339 (UTC, seconds).
pub fn format_date(d: tantivy::DateTime) -> String {
    DateTime::<Utc>::from_timestamp(d.into_timestamp_secs(), 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
