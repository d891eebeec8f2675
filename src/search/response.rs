//! The JSON shape of a search answer: `{"query", "total_hits", "took_us", "hits": [...]}`.

use serde::Serialize;

/// One search answer.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// The query as given.
    pub query: String,
    /// Articles matching the query (all shards), counted raw: every copy counts.
    pub total_hits: u64,
    /// Distinct duplicate clusters among the matches (what a collapsed list would count); absent when not collapsing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_clusters: Option<u64>,
    /// Whether hits were collapsed by duplicate cluster.
    pub collapsed: bool,
    /// Time spent inside the process answering, in microseconds.
    pub took_us: u64,
    /// `"any_word"` when no article had all the words and the search fell back to any word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
    /// Counts of the top people, organisations, topics and keyphrases over the whole match set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
    /// The page of hits.
    pub hits: Vec<Hit>,
}

/// Facet counts of a search.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// "raw": every matching article counts, copies included (equal to the filtered `total_hits`).
    pub counted: String,
    /// Top people.
    pub person: Vec<FacetValue>,
    /// Top organisations.
    pub org: Vec<FacetValue>,
    /// Top topics per level: the `n` best subjects (`politics`), then the `n` best themes
    /// (`politics/migration`).
    pub topic: Vec<FacetValue>,
    /// Top outlets.
    pub source: Vec<FacetValue>,
    /// Matches per month of publication (`2025-03`), every month, oldest first.
    pub month: Vec<FacetValue>,
    /// Top keyphrases (only with `--keyword-facets`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keyword: Vec<FacetValue>,
}

/// One facet value and its count.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// The name.
    pub value: String,
    /// Matching articles.
    pub count: u64,
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date (RFC 3339).
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Path relative to its indexed folder.
    pub path: String,
    /// Relevance score (BM25 over all shards).
    pub score: f32,
    /// A passage of the body around the matches.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Duplicate cluster id (the first article of the cluster).
    pub dup_cluster: String,
    /// Other articles of the cluster, sorted (at most 20: `cluster_size - 1` is how many there are).
    pub duplicates: Vec<String>,
    /// Articles in the duplicate cluster, this one included ("also published by
    /// `cluster_size - 1` others").
    pub cluster_size: u64,
    /// Score parts, with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
    /// People, most salient first.
    pub people: Vec<String>,
    /// Organisations, most salient first.
    pub orgs: Vec<String>,
    /// Topics with confidences.
    pub topics: Vec<crate::analyze::topics::TopicRef>,
    /// Keyphrases, best first.
    pub keywords: Vec<String>,
}

/// The parts of a hit's score: `total = text + entities`.
#[derive(Debug, Clone, Serialize)]
pub struct Explain {
    /// "entities" or "bm25".
    pub rank: String,
    /// BM25 of the query over title (×2) and body, corpus-wide statistics.
    pub text: f32,
    /// Entity part: the salience scores of the people and organisations the query names, plus a
    /// constant for each theme the query's words name that the article carries (0 with
    /// `--rank bm25` or when the query names none).
    pub entities: f32,
    /// The score.
    pub total: f32,
}

impl Hit {
    /// The snippet with `pre` and `post` around each highlighted range (the text itself is left
    /// as it is: a caller that shows it as HTML escapes it first, or asks for markers it can find).
    pub fn marked_snippet(&self, pre: &str, post: &str) -> String {
        let mut out = String::with_capacity(self.snippet.len() + self.highlights.len() * (pre.len() + post.len()));
        let mut pos = 0;
        for [s, e] in &self.highlights {
            let (s, e) = (*s, *e);
            if s < pos
                || e > self.snippet.len()
                || !self.snippet.is_char_boundary(s)
                || !self.snippet.is_char_boundary(e)
            {
                continue;
            }
            out.push_str(&self.snippet[pos..s]);
            out.push_str(pre);
            out.push_str(&self.snippet[s..e]);
            out.push_str(post);
            pos = e;
        }
        out.push_str(&self.snippet[pos..]);
        out
    }
}
