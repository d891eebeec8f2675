//! The page of hits: stored documents, snippets from the passages that hold the query's words,
//! score parts, and the other articles of each hit's story.

use super::cluster_sizes::read_ids;
use super::news_index::NewsIndex;
use super::pass::Candidate;
use super::request::{SearchRequest, SortBy, MAX_DUPLICATES_LISTED};
use super::response::{Explain, Hit};
use super::snippets::Snippets;
use super::stats::GlobalStats;
use crate::error::Result;
use crate::index::document::format_date;
use crate::index::page_analysis::{Named, PageAnalysis, PassageSpan};
use crate::index::stored_fields::StoredFields;
use rayon::prelude::*;
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::DocSet;
use tantivy::{DocAddress, Searcher, Term};

/// The text snippets are made from: the passage (neither boilerplate nor a repeat) holding the
/// most query terms, with the next one — stemming a whole long body for one fragment is the
/// largest cost of a page of hits. Falls back to every such passage when none holds a term.
fn snippet_source(body: &str, analysis: &PageAnalysis, terms: &[String]) -> String {
    if analysis.passages.is_empty() {
        return body.to_string();
    }
    let usable: Vec<&PassageSpan> = analysis.passages.iter().filter(|p| p.is_indexed()).collect();
    // Lower-cased once for the whole body when that keeps the passages' byte offsets (ASCII
    // lower-casing always does), else passage by passage.
    let lower_body = body.is_ascii().then(|| body.to_ascii_lowercase());
    let hits = |p: &PassageSpan| {
        let count = |text: &str| terms.iter().filter(|t| text.contains(&**t)).count();
        match &lower_body {
            Some(lower) => count(p.text(lower)),
            None => count(&p.text(body).to_lowercase()),
        }
    };
    let best = usable
        .iter()
        .enumerate()
        .map(|(i, p)| (hits(p), i))
        .filter(|(h, _)| *h > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, i)) => {
            usable[i..usable.len().min(i + 2)].iter().map(|p| p.text(body)).collect::<Vec<_>>().join("\n\n")
        }
        None => analysis.index_text(body),
    }
}

/// The first [`MAX_DUPLICATES_LISTED`] of a cluster's sorted `ids` other than `except`.
fn others<'a>(ids: impl Iterator<Item = &'a str>, except: &str) -> Vec<String> {
    ids.filter(|&id| id != except).take(MAX_DUPLICATES_LISTED).map(str::to_string).collect()
}

/// The score `query` gives one document, with corpus-wide statistics.
fn score_of(query: &dyn Query, searcher: &Searcher, addr: DocAddress, stats: &GlobalStats) -> Result<f32> {
    let weight = query.weight(tantivy::query::EnableScoring::enabled_from_statistics_provider(stats, searcher))?;
    let mut scorer = weight.scorer(searcher.segment_reader(addr.segment_ord), 1.0)?;
    Ok(if scorer.seek(addr.doc_id) == addr.doc_id { scorer.score() } else { 0.0 })
}

impl NewsIndex {
    /// The page's hits with snippets, score parts (`explain`) and cluster members.
    pub(super) fn page_hits(
        &self,
        req: &SearchRequest,
        page: &[Candidate],
        text_query: &dyn Query,
        searchers: &[Searcher],
    ) -> Result<Vec<Hit>> {
        let mut hits = self.hits(page, text_query, searchers)?;
        if req.explain {
            let stats = GlobalStats::new(searchers);
            for (hit, c) in hits.iter_mut().zip(page) {
                let text = score_of(text_query, &searchers[c.shard], c.addr, &stats)?;
                hit.explain = Some(Explain {
                    text,
                    entities: hit.score - text,
                    total: hit.score,
                    rank: format!("{:?}", req.rank).to_lowercase(),
                });
            }
        }
        if req.sort == SortBy::Date {
            // Date order has no relevance score.
            hits.iter_mut().for_each(|h| h.score = 0.0);
        }
        // Most stories have one article: the table of cluster sizes, once counted, says which have
        // more and what their ids are (until then each hit's cluster is looked up in the term
        // dictionary).
        let sizes = self.cluster_sizes(searchers);
        for (hit, c) in hits.iter_mut().zip(page) {
            let size = sizes.as_ref().map(|s| (s.size(c.cluster), s.members(c.cluster)));
            match size {
                Some((1, _)) => {}
                Some((n, members)) if !members.is_empty() => {
                    hit.duplicates = others(members.iter().map(|id| &**id), &hit.id);
                    hit.cluster_size = n;
                }
                _ => (hit.duplicates, hit.cluster_size) = self.cluster_members(searchers, &hit.dup_cluster, &hit.id)?,
            }
        }
        Ok(hits)
    }

    /// Ids of the other articles of a cluster (the first [`MAX_DUPLICATES_LISTED`] in order), and
    /// the number of articles in the cluster.
    pub(super) fn cluster_members(
        &self,
        searchers: &[Searcher],
        cluster: &str,
        except: &str,
    ) -> Result<(Vec<String>, u64)> {
        let term = Term::from_field_text(self.shards.fields.cluster, cluster);
        // Most articles are alone in their cluster: the term dictionary says so without a search.
        if searchers.iter().map(|s| s.doc_freq(&term)).sum::<tantivy::Result<u64>>()? <= 1 {
            return Ok((Vec::new(), 1));
        }
        let q = TermQuery::new(term, IndexRecordOption::Basic);
        let name = searchers[0].schema().get_field_name(self.shards.fields.id);
        let mut ids = Vec::new();
        for s in searchers {
            // The members per segment: its id column opened once, its ids read in one pass.
            let mut docs: HashMap<u32, Vec<tantivy::DocId>> = HashMap::new();
            for addr in s.search(&q, &DocSetCollector)? {
                docs.entry(addr.segment_ord).or_default().push(addr.doc_id);
            }
            for (segment, docs) in docs {
                let Some(column) = s.segment_reader(segment).fast_fields().str(name)? else { continue };
                let wanted = docs.iter().filter_map(|&d| column.term_ords(d).next()).map(|ord| (ord, ())).collect();
                read_ids(&column, wanted, |(), id| ids.push(id.to_string()))
                    .map_err(|e| crate::error::Error::io(&self.shards.dir, e))?;
            }
        }
        ids.sort_unstable();
        let size = ids.len() as u64;
        Ok((others(ids.iter().map(String::as_str), except), size.max(1)))
    }

    /// Fetches the page's documents and makes their snippets, in parallel.
    pub(super) fn hits(&self, page: &[Candidate], query: &dyn Query, searchers: &[Searcher]) -> Result<Vec<Hit>> {
        let f = &self.shards.fields;
        let mut terms: Vec<String> = Vec::new();
        query.query_terms(&mut |t: &Term, _| {
            if let Some(text) = t.value().as_str() {
                terms.push(text.to_string());
            }
        });
        let snippets = Snippets::new(query, f.text);
        page.par_iter()
            .map(|c| {
                let mut doc: StoredFields = searchers[c.shard].doc(c.addr)?;
                // A stored analysis that does not parse is damage, not an article without one.
                let analysis = PageAnalysis::of_fields(f, &doc, &self.shards.gen_dir())?;
                let date = doc.first(f.date).and_then(|v| v.as_datetime()).map(format_date);
                let mut text = |field| doc.take_str(field);
                // Snippets come from the passages that are neither boilerplate nor repeats.
                let body = text(f.body).unwrap_or_default();
                let snippet_text = snippet_source(&body, &analysis, &terms);
                let names = |list: Vec<Named>| list.into_iter().map(|e| e.name).collect();
                let fragment = snippets.fragment(&snippet_text);
                Ok(Hit {
                    id: text(f.id).unwrap_or_default(),
                    title: text(f.title).unwrap_or_default(),
                    date,
                    source: text(f.source),
                    url: text(f.url),
                    path: text(f.path).unwrap_or_default(),
                    score: c.score,
                    snippet: fragment.text,
                    highlights: fragment.highlights,
                    dup_cluster: text(f.cluster).unwrap_or_default(),
                    duplicates: Vec::new(),
                    cluster_size: 1,
                    explain: None,
                    people: names(analysis.entities.people),
                    orgs: names(analysis.entities.orgs),
                    // Topic paths as the facet counts write them: `politics/migration`.
                    topics: analysis
                        .topics
                        .into_iter()
                        .map(|t| crate::analyze::topics::TopicRef {
                            path: t.path.trim_start_matches("/topic/").to_string(),
                            confidence: t.confidence,
                        })
                        .collect(),
                    keywords: analysis.keywords,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::PassageKind;

    fn spans(body: &str) -> PageAnalysis {
        let mut start = 0;
        let passages = body
            .split("\n\n")
            .map(|p| {
                let span = PassageSpan { start, end: start + p.len(), kind: PassageKind::Original };
                start += p.len() + 2;
                span
            })
            .collect();
        PageAnalysis { passages, ..Default::default() }
    }

    #[test]
    fn snippets_come_from_the_passage_holding_most_terms_whatever_its_case() {
        let terms = ["bukel".to_string(), "deporte".to_string()];
        let body = "Weather today.\n\nBUKELE spoke.\n\nBukele took Deportees.\n\nSports.";
        assert_eq!(snippet_source(body, &spans(body), &terms), "Bukele took Deportees.\n\nSports.");
        // Outside ASCII the passages are lower-cased one by one (offsets stay those of the body).
        let terms = ["москв".to_string()];
        let body = "Ёлки.\n\nВ МОСКВЕ снег.\n\nКонец.";
        assert_eq!(snippet_source(body, &spans(body), &terms), "В МОСКВЕ снег.\n\nКонец.");
        // No passage holds a term: every indexed passage.
        assert_eq!(snippet_source("A.\n\nB.", &spans("A.\n\nB."), &terms), "A.\n\nB.\n\n");
    }
}
