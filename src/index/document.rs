//! Converting articles to tantivy documents and stored documents back to articles.

use super::schema::NewsSchema;
use crate::analyze::entities::article_entities::{acronym, name_key};
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
    /// The publisher's own tags (`subject:…`, `person:…`), as read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publisher_tags: Vec<String>,
    /// People, canonical names, most salient first.
    pub people: Vec<String>,
    /// Organisations, canonical names, most salient first.
    pub orgs: Vec<String>,
    /// What analysis found (passages, entities, topics).
    #[serde(flatten)]
    pub analysis: Analysis,
    /// The other articles of its duplicate cluster, sorted (at most 20; filled by `show` and the
    /// article endpoint, empty in `export`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    /// Articles in its duplicate cluster, itself included (filled with `copies`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_size: Option<u64>,
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
    for tag in &article.publisher_tags {
        doc.add_text(f.publisher_tags, tag);
    }
    doc.add_u64(f.hash, article.content_hash());
    doc.add_text(f.analysis, serde_json::to_string(analysis).expect("analysis serialises"));
    if let Some(page) = f.page {
        doc.add_bytes(page, &super::page_analysis::PageAnalysis::from_analysis(analysis).to_bytes());
    }
    let cluster = if analysis.cluster.is_empty() { &article.id } else { &analysis.cluster };
    doc.add_text(f.cluster, cluster);
    if let Some(ord) = analysis.cluster_ord {
        doc.add_u64(f.cluster_ord, u64::from(ord));
    }
    for (kind, field, list) in
        [("person", f.person, &analysis.entities.people), ("org", f.org, &analysis.entities.orgs)]
    {
        for e in list {
            doc.add_facet(f.facet, tantivy::schema::Facet::from_path([kind, e.name.as_str()]));
            // Organisations also get their acronym ("OPEC" for its long name).
            let text = match acronym_of(&e.name) {
                Some(a) if kind == "org" => format!("{} {a}", e.name),
                _ => e.name.clone(),
            };
            for _ in 0..(e.salience.ceil() as usize).clamp(1, MAX_ENTITY_REPEATS) {
                doc.add_text(field, &text);
            }
            // Salience as terms the facet ranking weighs: named at all, in the headline, in the
            // lead, mentioned twice, mentioned four times.
            let identity = entity_term(kind, &e.name);
            for (feature, on) in [
                (Salience::Named, true),
                (Salience::Headline, e.headline),
                (Salience::Lead, e.lead),
                (Salience::Repeated, e.mentions >= REPEATED_MENTIONS),
                (Salience::Frequent, e.mentions >= FREQUENT_MENTIONS),
            ] {
                if on {
                    doc.add_text(f.entity, feature.term(&identity));
                }
            }
        }
    }
    for k in &analysis.keywords {
        doc.add_facet(f.keyword, tantivy::schema::Facet::from_path(["keyword", k.as_str()]));
    }
    for t in &analysis.topics {
        doc.add_facet(f.facet, tantivy::schema::Facet::from(t.path.as_str()));
    }
    if let Some(date) = article.date {
        // The month, for the histogram of matches by month.
        doc.add_facet(f.facet, tantivy::schema::Facet::from_path(["month", &date.format("%Y-%m").to_string()]));
    }
    if let Some(source) = article.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        doc.add_facet(f.facet, tantivy::schema::Facet::from_path(["source", source]));
    }
    doc
}

/// The term of an entity in the `entity` field: `person:nayib bukele`.
pub fn entity_term(kind: &str, name: &str) -> String {
    format!("{kind}:{}", crate::analyze::entities::article_entities::name_key(name))
}

/// Mentions from which an entity counts as repeated in an article…
pub const REPEATED_MENTIONS: usize = 2;
/// …and as frequent.
pub const FREQUENT_MENTIONS: usize = 4;

/// One salience feature of an entity in an article, indexed as a term of the `entity` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Salience {
    /// Named anywhere in the article.
    Named,
    /// Named in the headline.
    Headline,
    /// Named in the first two sentences.
    Lead,
    /// Mentioned at least [`REPEATED_MENTIONS`] times.
    Repeated,
    /// Mentioned at least [`FREQUENT_MENTIONS`] times.
    Frequent,
}

impl Salience {
    /// Every feature, in a fixed order.
    pub const ALL: [Salience; 5] =
        [Salience::Named, Salience::Headline, Salience::Lead, Salience::Repeated, Salience::Frequent];

    /// The term of this feature for an entity term (`person:nayib bukele#h`).
    pub fn term(self, identity: &str) -> String {
        match self {
            Salience::Named => identity.to_string(),
            Salience::Headline => format!("{identity}#h"),
            Salience::Lead => format!("{identity}#l"),
            Salience::Repeated => format!("{identity}#r"),
            Salience::Frequent => format!("{identity}#f"),
        }
    }
}

/// Most times an entity name is written into its search field.
pub const MAX_ENTITY_REPEATS: usize = 10;

/// The acronym of an organisation's name of three or more capitalised words ("Organization of
/// Petroleum Exporting Countries" → "opec"; the index lower-cases it anyway), by the one rule of
/// [`acronym`].
pub fn acronym_of(name: &str) -> Option<String> {
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| !["of", "for", "and", "the", "de", "la", "&"].contains(w)).collect();
    let capitalised = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (words.len() >= 3 && capitalised).then(|| acronym(&name_key(name)))
}

/// The analysis stored with a document (none stored: the default); one that does not parse is
/// an error naming the article.
pub fn stored_analysis(f: &NewsSchema, doc: &TantivyDocument, where_: &std::path::Path) -> crate::Result<Analysis> {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str());
    parse_analysis_json(text(f.analysis), text(f.id), where_)
}

/// The stored analysis JSON of article `id` read as `T` (the whole [`Analysis`], or the part a
/// page of hits shows); the default when there is none, and damage naming the article when it
/// does not parse.
pub(crate) fn parse_analysis_json<T: serde::de::DeserializeOwned + Default>(
    json: Option<&str>,
    id: Option<&str>,
    where_: &std::path::Path,
) -> crate::Result<T> {
    match json {
        Some(json) => serde_json::from_str(json).map_err(|e| damaged_analysis(where_, "", id, e)),
        None => Ok(T::default()),
    }
}

/// The error for a stored analysis of article `id` that does not decode; `form` names which
/// (`""` for the JSON, `"page "` for the compact form a page of hits reads).
pub(crate) fn damaged_analysis(
    where_: &std::path::Path,
    form: &str,
    id: Option<&str>,
    e: impl std::fmt::Display,
) -> crate::Error {
    let id = id.unwrap_or_default();
    crate::Error::damaged(where_, format!("stored {form}analysis of article {id:?} ({e}) in the index"))
}

/// Reads a stored document back; a stored analysis that does not parse is an error naming the
/// article (`where_` names the index folder in it), not an article without analysis.
pub fn from_document(f: &NewsSchema, doc: &TantivyDocument, where_: &std::path::Path) -> crate::Result<StoredArticle> {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    let analysis = stored_analysis(f, doc, where_)?;
    Ok(StoredArticle {
        id: text(f.id).unwrap_or_default(),
        title: text(f.title).unwrap_or_default(),
        date: doc.get_first(f.date).and_then(|v| v.as_datetime()).map(format_date),
        source: text(f.source),
        author: text(f.author),
        url: text(f.url),
        path: text(f.path).unwrap_or_default(),
        root: text(f.root).unwrap_or_default(),
        body: text(f.body).unwrap_or_default(),
        publisher_tags: doc.get_all(f.publisher_tags).filter_map(|v| v.as_str()).map(str::to_string).collect(),
        analysis: Analysis::default(),
        people: vec![],
        orgs: vec![],
        copies: vec![],
        cluster_size: None,
    }
    .with_analysis(analysis))
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
