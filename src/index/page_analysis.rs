//! What a page of hits reads of each hit's stored analysis: the passages' spans and marks, the
//! names of its people and organisations, its topics and keyphrases. It is stored beside the
//! whole analysis in a compact binary form (postcard, field `page`), which a hit reads several
//! times faster than the JSON; an index written before that field existed is read from the JSON,
//! skipping the rest (passage hashes, what each repeat repeats, salience) unparsed.

use crate::analyze::entities::article_entities::EntityRef;
use crate::analyze::topics::TopicRef;
use crate::analyze::{Analysis, PassageKind};
use crate::index::document::{damaged_analysis, parse_analysis_json};
use crate::index::stored_fields::StoredFields;
use crate::index::NewsSchema;
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// A passage's place in the body and its mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct PassageSpan {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: PassageKind,
}

impl PassageSpan {
    /// Neither boilerplate nor a repeat within the article: what BM25 indexes and snippets show.
    pub(crate) fn is_indexed(&self) -> bool {
        !matches!(self.kind, PassageKind::Intra | PassageKind::Boilerplate)
    }

    /// The passage's text in `body` (empty if the span does not fit the body).
    pub(crate) fn text<'b>(&self, body: &'b str) -> &'b str {
        body.get(self.start..self.end).unwrap_or_default()
    }
}

/// A person or organisation, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Named {
    pub(crate) name: String,
}

/// People and organisations (required within `entities`, as [`crate::analyze::entities`] writes them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct PageEntities {
    pub(crate) people: Vec<Named>,
    pub(crate) orgs: Vec<Named>,
}

/// The parts of [`crate::analyze::Analysis`] a hit shows, with the same required fields and defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct PageAnalysis {
    pub(crate) passages: Vec<PassageSpan>,
    #[serde(default)]
    pub(crate) entities: PageEntities,
    #[serde(default)]
    pub(crate) topics: Vec<TopicRef>,
    #[serde(default)]
    pub(crate) keywords: Vec<String>,
}

impl PageAnalysis {
    /// What a page shows of a whole analysis.
    pub(crate) fn from_analysis(a: &Analysis) -> Self {
        let named = |list: &[EntityRef]| list.iter().map(|e| Named { name: e.name.clone() }).collect();
        PageAnalysis {
            passages: a.passages.iter().map(|p| PassageSpan { start: p.start, end: p.end, kind: p.kind }).collect(),
            entities: PageEntities { people: named(&a.entities.people), orgs: named(&a.entities.orgs) },
            topics: a.topics.clone(),
            keywords: a.keywords.clone(),
        }
    }

    /// The compact binary form stored in field `page`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).expect("a page analysis serialises")
    }

    /// The page analysis of `doc`: from its `page` field when the index has one, else from the
    /// stored JSON analysis. One that does not decode is damage (named with the article and
    /// `where_`), not an article without analysis.
    pub(crate) fn of(f: &NewsSchema, doc: &TantivyDocument, where_: &std::path::Path) -> crate::Result<Self> {
        let text = |field| doc.get_first(field).and_then(|v| v.as_str());
        let page = f.page.and_then(|page| doc.get_first(page)).and_then(|v| v.as_bytes());
        Self::read(page, text(f.analysis), text(f.id), where_)
    }

    /// [`PageAnalysis::of`] a document read as [`StoredFields`].
    pub(crate) fn of_fields(f: &NewsSchema, doc: &StoredFields, where_: &std::path::Path) -> crate::Result<Self> {
        Self::read(f.page.and_then(|page| doc.bytes(page)), doc.str(f.analysis), doc.str(f.id), where_)
    }

    /// From the compact form when there is one, else from the JSON analysis, else the default.
    fn read(
        page: Option<&[u8]>,
        json: Option<&str>,
        id: Option<&str>,
        where_: &std::path::Path,
    ) -> crate::Result<Self> {
        match page {
            Some(bytes) => postcard::from_bytes(bytes).map_err(|e| damaged_analysis(where_, "page ", id, e)),
            None => parse_analysis_json(json, id, where_),
        }
    }

    /// The body less repeats within the article and boilerplate, passages apart by a blank line
    /// (the text BM25 indexes, as [`crate::analyze::Analysis::index_text`] makes it).
    pub(crate) fn index_text(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        for p in self.passages.iter().filter(|p| p.is_indexed()) {
            out.push_str(p.text(body));
            out.push_str("\n\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Article;

    #[test]
    fn reads_what_a_hit_shows_from_a_whole_stored_analysis() {
        let body = "Same words here.\n\nOther words.\n\nSame words, here!\n\nLast words.";
        let mut full = crate::analyze::analyze(&Article { id: "a".into(), body: body.into(), ..Default::default() });
        full.passages[1].kind = PassageKind::Boilerplate;
        full.entities.people = vec![EntityRef::new("Nayib Bukele", 3.0, 2)];
        full.entities.orgs = vec![EntityRef::new("White House", 1.0, 1), EntityRef::new("Harbor Ledger", 1.0, 1)];
        full.topics = vec![TopicRef { path: "/topic/politics/migration".into(), confidence: 0.75 }];
        full.keywords = vec!["deportees".into()];
        let page: PageAnalysis = serde_json::from_str(&serde_json::to_string(&full).unwrap()).unwrap();
        assert_eq!(page.index_text(body), full.index_text(body));
        assert_eq!(page.index_text(body), "Same words here.\n\nLast words.\n\n");
        let names = |list: &[Named]| list.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&page.entities.people), ["Nayib Bukele"]);
        assert_eq!(names(&page.entities.orgs), ["White House", "Harbor Ledger"]);
        assert_eq!(page.topics, full.topics);
        assert_eq!(page.keywords, full.keywords);
        // The compact form holds the same, and decodes to it.
        assert_eq!(PageAnalysis::from_analysis(&full), page);
        assert_eq!(postcard::from_bytes::<PageAnalysis>(&page.to_bytes()).unwrap(), page);
    }

    #[test]
    fn a_hit_reads_the_compact_form_and_an_older_index_the_json() {
        let body = "Bukele spoke.\n\nBukele spoke.\n\nDeportees arrived.";
        let article = Article { id: "a".into(), body: body.into(), ..Default::default() };
        let mut full = crate::analyze::analyze(&article);
        full.entities.people = vec![EntityRef::new("Nayib Bukele", 2.0, 2)];
        full.keywords = vec!["deportees".into()];
        let f = NewsSchema::from_schema(&NewsSchema::build()).unwrap();
        let doc = crate::index::document::to_document(&f, &article, &full, "/news");
        assert!(doc.get_first(f.page.unwrap()).is_some());
        // An index written before the `page` field: the same document less that field.
        let old = NewsSchema { page: None, ..f };
        let old_doc = crate::index::document::to_document(&old, &article, &full, "/news");
        let here = std::path::Path::new("/idx");
        let compact = PageAnalysis::of(&f, &doc, here).unwrap();
        assert_eq!(compact, PageAnalysis::of(&old, &old_doc, here).unwrap());
        assert_eq!(compact, PageAnalysis::from_analysis(&full));
        assert_eq!(compact.index_text(body), "Bukele spoke.\n\nDeportees arrived.\n\n");
        // A damaged compact form is reported with the article, not read as no analysis.
        let mut damaged = TantivyDocument::default();
        damaged.add_text(f.id, "a");
        damaged.add_bytes(f.page.unwrap(), &[0xff, 0xff, 0xff]);
        let e = PageAnalysis::of(&f, &damaged, here).unwrap_err().to_string();
        assert!(e.contains("\"a\"") && e.contains("/idx"), "{e}");
    }

    #[test]
    fn an_analysis_the_full_type_rejects_is_rejected_too() {
        // Passages are required in both; so are people and organisations within `entities`.
        for json in [r#"{"dup_cluster":"a"}"#, r#"{"passages":[],"entities":{"people":[]}}"#, "not json"] {
            assert!(serde_json::from_str::<crate::analyze::Analysis>(json).is_err(), "{json}");
            assert!(serde_json::from_str::<PageAnalysis>(json).is_err(), "{json}");
        }
        // A span that does not fit the body reads as empty text, not a panic.
        let span = PassageSpan { start: 5, end: 50, kind: PassageKind::Original };
        assert_eq!(span.text("short"), "");
    }
}
