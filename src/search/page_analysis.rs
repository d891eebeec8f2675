//! What a page of hits reads of each hit's stored analysis: the passages' spans and marks, the
//! names of its people and organisations, its topics and keyphrases. The rest (passage hashes,
//! what each repeat repeats, salience) is skipped unparsed — parsing the whole analysis of ten
//! hits was a visible share of a search.

use crate::analyze::topics::TopicRef;
use crate::analyze::PassageKind;
use crate::index::NewsSchema;
use serde::Deserialize;
use tantivy::TantivyDocument;

/// A passage's place in the body and its mark.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct PassageSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: PassageKind,
}

impl PassageSpan {
    /// Neither boilerplate nor a repeat within the article: what BM25 indexes and snippets show.
    pub(super) fn is_indexed(&self) -> bool {
        !matches!(self.kind, PassageKind::Intra | PassageKind::Boilerplate)
    }

    /// The passage's text in `body` (empty if the span does not fit the body).
    pub(super) fn text<'b>(&self, body: &'b str) -> &'b str {
        body.get(self.start..self.end).unwrap_or_default()
    }
}

/// A person or organisation, by name.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Named {
    pub(super) name: String,
}

/// People and organisations (required within `entities`, as [`crate::analyze::entities`] writes them).
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct PageEntities {
    pub(super) people: Vec<Named>,
    pub(super) orgs: Vec<Named>,
}

/// The parts of [`crate::analyze::Analysis`] a hit shows, with the same required fields and defaults.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct PageAnalysis {
    pub(super) passages: Vec<PassageSpan>,
    #[serde(default)]
    pub(super) entities: PageEntities,
    #[serde(default)]
    pub(super) topics: Vec<TopicRef>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
}

impl PageAnalysis {
    /// The stored analysis of `doc`; one that does not parse is damage (named with the article
    /// and `where_`), not an article without analysis.
    pub(super) fn of(f: &NewsSchema, doc: &TantivyDocument, where_: &std::path::Path) -> crate::Result<Self> {
        crate::index::document::parse_stored_analysis(f, doc, where_)
    }

    /// The body less repeats within the article and boilerplate, passages apart by a blank line
    /// (the text BM25 indexes, as [`crate::analyze::Analysis::index_text`] makes it).
    pub(super) fn index_text(&self, body: &str) -> String {
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
    use crate::analyze::entities::article_entities::EntityRef;
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
