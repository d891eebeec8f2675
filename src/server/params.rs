//! Search parameters over HTTP (a query string or a JSON body) → a [`SearchRequest`], checked
//! against the server's limits.

use super::error::{ApiError, ApiResult};
use crate::search::filters::parse_date_bound;
use crate::search::{Filters, Rank, SearchRequest, SortBy};
use serde::Deserialize;

/// Most hits one page may ask for.
pub const MAX_LIMIT: usize = 1_000;
/// Deepest page: `offset + limit` at most this.
pub const MAX_WINDOW: usize = 10_000;
/// Longest query text, in characters.
pub const MAX_QUERY_CHARS: usize = 2_000;
/// Most facet values per field.
pub const MAX_FACETS: usize = 100;
/// Most values of one filter.
pub const MAX_FILTER_VALUES: usize = 50;

/// The parameters of `/api/v1/search`, as a JSON body spells them (a query string uses the same
/// names, repeating a key for several values).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Query text.
    #[serde(default)]
    pub q: String,
    /// People (any of them).
    #[serde(default)]
    pub person: Vec<String>,
    /// Organisations.
    #[serde(default)]
    pub org: Vec<String>,
    /// Topics.
    #[serde(default)]
    pub topic: Vec<String>,
    /// Keyphrases.
    #[serde(default)]
    pub keyword: Vec<String>,
    /// Outlets.
    #[serde(default)]
    pub source: Vec<String>,
    /// Published on or after (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    pub since: Option<String>,
    /// Published on or before (the whole day, month or year).
    pub until: Option<String>,
    /// `relevance` or `date`.
    pub sort: Option<String>,
    /// Hits to skip.
    pub offset: Option<usize>,
    /// Hits per page.
    pub limit: Option<usize>,
    /// Values counted per facet field (0: none).
    pub facets: Option<usize>,
    /// One article per story (default true).
    pub collapse: Option<bool>,
    /// `entities` (or `facets`) or `bm25`.
    pub rank: Option<String>,
    /// Put before each highlighted word of a snippet.
    pub highlight_pre: Option<String>,
    /// Put after it.
    pub highlight_post: Option<String>,
}

const LIST_KEYS: [&str; 5] = ["person", "org", "topic", "keyword", "source"];
const ONE_KEYS: [&str; 11] =
    ["q", "since", "until", "sort", "offset", "limit", "facets", "collapse", "rank", "highlight_pre", "highlight_post"];

impl SearchParams {
    /// Reads a query string (`q=…&person=a&person=b`); unknown keys and unreadable numbers are errors.
    pub fn from_query(query: &str) -> ApiResult<Self> {
        let mut p = SearchParams::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.into_owned();
            let number = |v: &str| {
                v.parse::<usize>().map_err(|_| {
                    ApiError::bad_request("invalid_parameter", format!("{key} must be a whole number, not {v:?}."))
                })
            };
            match key.as_ref() {
                "q" | "query" => p.q = value,
                "person" => p.person.push(value),
                "org" => p.org.push(value),
                "topic" => p.topic.push(value),
                "keyword" => p.keyword.push(value),
                "source" => p.source.push(value),
                "since" => p.since = Some(value),
                "until" => p.until = Some(value),
                "sort" => p.sort = Some(value),
                "rank" => p.rank = Some(value),
                "offset" => p.offset = Some(number(&value)?),
                "limit" => p.limit = Some(number(&value)?),
                "facets" => p.facets = Some(number(&value)?),
                "collapse" => {
                    p.collapse = Some(match value.as_str() {
                        "true" | "1" | "on" | "" => true,
                        "false" | "0" | "off" => false,
                        _ => {
                            return Err(ApiError::bad_request(
                                "invalid_parameter",
                                format!("collapse must be true or false, not {value:?}."),
                            ))
                        }
                    })
                }
                "highlight_pre" => p.highlight_pre = Some(value),
                "highlight_post" => p.highlight_post = Some(value),
                other => {
                    return Err(ApiError::bad_request(
                        "unknown_parameter",
                        format!(
                            "Unknown parameter {other:?}; the search takes {} and {}.",
                            ONE_KEYS.join(", "),
                            LIST_KEYS.join(", ")
                        ),
                    ))
                }
            }
        }
        Ok(p)
    }

    /// The library request, or an error naming the parameter that is out of bounds.
    pub fn to_request(&self) -> ApiResult<SearchRequest> {
        let bad = |code: &str, m: String| ApiError::bad_request(code, m);
        if self.q.chars().count() > MAX_QUERY_CHARS {
            return Err(bad(
                "query_too_long",
                format!("The query is longer than {MAX_QUERY_CHARS} characters; shorten it."),
            ));
        }
        let mut req = SearchRequest::new(self.q.clone());
        req.limit = self.limit.unwrap_or(req.limit);
        req.offset = self.offset.unwrap_or(0);
        if req.limit > MAX_LIMIT {
            return Err(bad("invalid_limit", format!("limit is at most {MAX_LIMIT}, not {}.", req.limit)));
        }
        if req.offset.saturating_add(req.limit) > MAX_WINDOW {
            return Err(bad(
                "invalid_offset",
                format!("offset + limit is at most {MAX_WINDOW}; narrow the search with filters instead of paging that deep."),
            ));
        }
        req.facets = self.facets.unwrap_or(req.facets);
        if req.facets > MAX_FACETS {
            return Err(bad("invalid_facets", format!("facets is at most {MAX_FACETS}, not {}.", req.facets)));
        }
        req.collapse = self.collapse.unwrap_or(true);
        req.sort = match self.sort.as_deref() {
            None | Some("relevance") => SortBy::Relevance,
            Some("date") => SortBy::Date,
            Some(other) => return Err(bad("invalid_sort", format!("sort is relevance or date, not {other:?}."))),
        };
        req.rank = match self.rank.as_deref() {
            None | Some("entities") | Some("facets") => Rank::Entities,
            Some("bm25") => Rank::Bm25,
            Some(other) => return Err(bad("invalid_rank", format!("rank is entities or bm25, not {other:?}."))),
        };
        let date = |name: &str, v: &Option<String>, end: bool| -> ApiResult<_> {
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) => parse_date_bound(v, end).map(Some).ok_or_else(|| {
                    bad("invalid_date", format!("{name} {v:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY."))
                }),
            }
        };
        for (name, values) in [
            ("person", &self.person),
            ("org", &self.org),
            ("topic", &self.topic),
            ("keyword", &self.keyword),
            ("source", &self.source),
        ] {
            if values.len() > MAX_FILTER_VALUES {
                return Err(bad("too_many_values", format!("{name} takes at most {MAX_FILTER_VALUES} values.")));
            }
        }
        req.filters = Filters {
            people: self.person.clone(),
            orgs: self.org.clone(),
            topics: self.topic.clone(),
            keywords: self.keyword.clone(),
            sources: self.source.clone(),
            since: date("since", &self.since, false)?,
            until: date("until", &self.until, true)?,
        };
        Ok(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_repeat_keys_and_refuse_unknown_ones() {
        let p = SearchParams::from_query("q=Bukele+deportees&person=Nayib%20Bukele&person=Ruiz&limit=5&collapse=false")
            .unwrap();
        assert_eq!((p.q.as_str(), p.person.len(), p.limit, p.collapse), ("Bukele deportees", 2, Some(5), Some(false)));
        let e = SearchParams::from_query("q=x&colour=red").unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (400, "unknown_parameter"));
        assert!(SearchParams::from_query("limit=ten").is_err());
    }

    #[test]
    fn limits_are_enforced() {
        let over = |q: &str| SearchParams::from_query(q).unwrap().to_request().unwrap_err().code;
        assert_eq!(over("limit=1001"), "invalid_limit");
        assert_eq!(over("offset=9995&limit=10"), "invalid_offset");
        assert_eq!(over(&format!("q={}", "a".repeat(2001))), "query_too_long");
        assert_eq!(over("since=yesterday"), "invalid_date");
        assert_eq!(over("sort=random"), "invalid_sort");
        let r = SearchParams::from_query("until=1987-04").unwrap().to_request().unwrap();
        assert_eq!(r.filters.until.unwrap().to_rfc3339(), "1987-04-30T23:59:59+00:00");
    }
}
