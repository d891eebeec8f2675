//! Names written before the corpus knew better. Articles are analysed batch by batch, each
//! against the entity dictionary as it then stood: a lone surname read before its full name
//! was common, an acronym before its long name, a company the tagger took for a person. At the
//! end of a run, after the first commit, the articles still carrying such a name are written
//! again with the names the whole corpus now gives (the same content, hash and analysis
//! otherwise), so that one entity is one facet value however the archive was ordered.

use super::batch::write_article;
use super::document::from_document;
use super::existing::article_of;
use super::shards::ShardSet;
use crate::analyze::corpus::CorpusState;
use crate::error::Result;
use std::collections::HashSet;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{IndexWriter, Term};

/// Rewrites the committed articles whose people or organisations the dictionary now names
/// otherwise; returns how many were rewritten (they are committed with the next commit).
/// Articles in `written` were already written again since the commit (with current names):
/// their committed version is outdated and must not be written over them.
pub(crate) fn rewrite_stale_names(
    shards: &ShardSet,
    writers: &[IndexWriter],
    corpus: &CorpusState,
    written: &HashSet<String>,
) -> Result<usize> {
    let stale = corpus.dictionary.stale_spellings();
    if stale.is_empty() {
        return Ok(0);
    }
    let mut done: HashSet<String> = HashSet::new();
    for index in &shards.indexes {
        let searcher = index.reader()?.searcher();
        let mut addresses = HashSet::new();
        for (kind, spelling) in &stale {
            let term = Term::from_facet(shards.fields.facet, &Facet::from_path([kind.as_str(), spelling.as_str()]));
            addresses.extend(searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &DocSetCollector)?);
        }
        let mut addresses: Vec<_> = addresses.into_iter().collect();
        addresses.sort();
        for addr in addresses {
            let stored = from_document(&shards.fields, &searcher.doc(addr)?, &shards.gen_dir())?;
            let (article, root, mut analysis) = article_of(stored);
            // The cluster number lives in a fast field only: carried over as it is.
            let cluster_ord = searcher.segment_reader(addr.segment_ord).fast_fields().u64("cluster_ord")?;
            analysis.cluster_ord = cluster_ord.first(addr.doc_id).map(|v| v as u32);
            if written.contains(&article.id) || !done.insert(article.id.clone()) {
                continue;
            }
            corpus.dictionary.canonicalize(&mut analysis.entities);
            writers[shards.shard_of(&article.id)].delete_term(Term::from_field_text(shards.fields.id, &article.id));
            write_article(&article, analysis, &root, corpus, shards, writers)?;
        }
    }
    Ok(done.len())
}
