//! The tantivy schema of one shard and the news analyzer its text fields use.

use super::stemmer::CachedStemmer;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::Index;

/// Name of the analyzer registered on every shard: simple tokenizer, lower case, ASCII folding,
/// English stemming.
pub const NEWS_ANALYZER: &str = "news";

/// The fields of a shard, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct NewsSchema {
    /// Stable article id (raw, stored, fast).
    pub id: Field,
    /// Headline (analysed, stored).
    pub title: Field,
    /// Field `body`: the text BM25 sees, the body without intra-article repeats (analysed, not stored).
    pub text: Field,
    /// Field `stored_body`: the body as read (stored only).
    pub body: Field,
    /// Publication date (indexed, stored, fast).
    pub date: Field,
    /// Outlet (analysed, stored).
    pub source: Field,
    /// Byline (analysed, stored).
    pub author: Field,
    /// URL (stored).
    pub url: Field,
    /// Path relative to its root (raw, stored, fast).
    pub path: Field,
    /// The indexed root folder the article came from (raw, stored, fast).
    pub root: Field,
    /// Content hash for incremental indexing (fast, stored).
    pub hash: Field,
    /// JSON of the [`crate::analyze::Analysis`] (stored).
    pub analysis: Field,
    /// Duplicate cluster id: the first article of the cluster (raw, stored, fast).
    pub cluster: Field,
    /// The cluster's number in the duplicate store, for collapsing and counting distinct
    /// clusters (fast; absent for an article never marked).
    pub cluster_ord: Field,
    /// Facets: `/person/<name>`, `/org/<name>`.
    pub facet: Field,
    /// Keyphrases: `/keyword/<phrase>` (apart from `facet`: an index holds many, counted on request).
    pub keyword: Field,
    /// People's names (analysed, not stored): `person:bukele`.
    pub person: Field,
    /// Organisations' names (analysed, not stored): `org:opec`.
    pub org: Field,
    /// Entity salience terms (`person:nayib bukele`, `…#h` headline, `…#l` lead, `…#r` twice,
    /// `…#f` four times; raw, not stored): the entity part of the facet ranking.
    pub entity: Field,
    /// xxh3 of the id, to break score ties the same way whatever the shard count (fast).
    pub id_hash: Field,
    /// The publisher's own tags, `kind:value` (raw, stored; see
    /// [`crate::ingest::Article::publisher_tags`]).
    pub publisher_tags: Field,
    /// What a page of hits shows of the analysis, compact (stored bytes; absent from indexes
    /// written before it, which pages read from `analysis`).
    pub page: Option<Field>,
}

impl NewsSchema {
    /// Builds the tantivy schema.
    pub fn build() -> Schema {
        let mut b = Schema::builder();
        let analysed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let analysed_names = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        b.add_text_field("id", STRING | STORED | FAST);
        b.add_text_field("title", analysed.clone().set_stored());
        b.add_text_field("body", analysed.clone());
        b.add_text_field("stored_body", STORED);
        b.add_date_field(
            "date",
            DateOptions::from(INDEXED).set_stored().set_fast().set_precision(DateTimePrecision::Seconds),
        );
        b.add_text_field("source", analysed.clone().set_stored());
        b.add_text_field("author", analysed.set_stored());
        b.add_text_field("url", STORED);
        b.add_text_field("path", STRING | STORED | FAST);
        b.add_text_field("root", STRING | STORED | FAST);
        b.add_u64_field("hash", STORED | FAST);
        b.add_text_field("analysis", STORED);
        b.add_text_field("cluster", STRING | STORED | FAST);
        b.add_u64_field("cluster_ord", FAST);
        b.add_u64_field("id_hash", FAST);
        b.add_facet_field("facet", FacetOptions::default());
        b.add_facet_field("keyword", FacetOptions::default());
        b.add_text_field("person", analysed_names.clone());
        b.add_text_field("org", analysed_names);
        b.add_text_field("publisher_tags", STRING | STORED);
        b.add_text_field(
            "entity",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("raw")
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(false),
            ),
        );
        b.add_bytes_field("page", STORED);
        b.build()
    }

    /// Resolves the fields of a schema built by [`NewsSchema::build`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Self> {
        let f = |name: &str| schema.get_field(name);
        Ok(NewsSchema {
            id: f("id")?,
            title: f("title")?,
            text: f("body")?,
            body: f("stored_body")?,
            date: f("date")?,
            source: f("source")?,
            author: f("author")?,
            url: f("url")?,
            path: f("path")?,
            root: f("root")?,
            hash: f("hash")?,
            analysis: f("analysis")?,
            cluster: f("cluster")?,
            cluster_ord: f("cluster_ord")?,
            id_hash: f("id_hash")?,
            facet: f("facet")?,
            keyword: f("keyword")?,
            person: f("person")?,
            org: f("org")?,
            entity: f("entity")?,
            publisher_tags: f("publisher_tags")?,
            page: f("page").ok(),
        })
    }

    /// Fields searched when the query names none, with their boosts.
    pub fn default_fields(&self) -> [(Field, f32); 2] {
        [(self.title, 2.0), (self.text, 1.0)]
    }
}

/// Words of this many bytes or more are not indexed.
pub const MAX_TOKEN_BYTES: usize = 40;

/// The news analyzer: words (runs of alphanumeric characters) shorter than [`MAX_TOKEN_BYTES`],
/// lower-cased, folded to ASCII and stemmed.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// Registers the news analyzer on an index (needed after every open).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(NEWS_ANALYZER, news_analyzer());
}
