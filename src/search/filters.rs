//! Filters by person, organisation, topic, keyphrase, source and date: each value resolved to the
//! facet values the index holds (or refused with a sentence saying what is known), then combined
//! with the user's query.

use crate::analyze::entities::article_entities::name_key;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::analyze::topics::taxonomy::{resolve_topic, topic_paths};
use crate::error::{Error, Result};
use crate::index::NewsSchema;
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use std::ops::Bound;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

/// What to keep: AND across fields, OR within one field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// People: a name as the facet list shows it, or a part of one ("Baker" is every Baker,
    /// "Bukele" is "Nayib Bukele").
    pub people: Vec<String>,
    /// Organisations: a name, or an acronym of one ("IMF" is also "International Monetary Fund").
    pub orgs: Vec<String>,
    /// Topics: a path below `/topic` (`politics`, `politics/migration`), a theme by its last part
    /// (`migration`) or an everyday name (`sports`); a subject also matches its themes.
    pub topics: Vec<String>,
    /// Keyphrases (`deportees`, `maximum security prison`).
    pub keywords: Vec<String>,
    /// Outlets: a name, or words of one ("Ledger" is "Harbor Ledger").
    pub sources: Vec<String>,
    /// Published on or after.
    pub since: Option<DateTime<Utc>>,
    /// Published on or before.
    pub until: Option<DateTime<Utc>>,
}

/// What the index knows, to resolve filter values against.
pub struct Known<'a> {
    /// People and organisations.
    pub dictionary: &'a EntityDictionary,
    /// Outlet names, as written in the articles.
    pub sources: &'a [String],
    /// Whether a facet value (`kind`, `value`) is in the index: a value the facet list shows is
    /// filtered on exactly.
    pub has_facet: &'a dyn Fn(&str, &str) -> bool,
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.orgs.is_empty()
            && self.topics.is_empty()
            && self.keywords.is_empty()
            && self.sources.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// The query restricted by the filters; an error names a value the index does not know, or a
    /// date range that ends before it starts.
    pub fn apply(&self, query: Box<dyn Query>, f: &NewsSchema, known: &Known) -> Result<Box<dyn Query>> {
        if self.is_empty() {
            return Ok(query);
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(Error::user(
                    format!(
                        "The date range starts on {} but ends earlier, on {}.",
                        since.date_naive(),
                        until.date_naive()
                    ),
                    "Swap --since and --until.",
                ));
            }
        }
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        for (kind, names) in [("person", &self.people), ("org", &self.orgs)] {
            if !names.is_empty() {
                let resolved = resolve_names(kind, names, known.dictionary, known.has_facet)?;
                filters
                    .push(any_term(resolved.iter().map(|n| Term::from_facet(f.facet, &Facet::from_path([kind, n])))));
            }
        }
        if !self.topics.is_empty() {
            let paths = self
                .topics
                .iter()
                .map(|t| resolve_topic(t).ok_or_else(|| unknown_topic(t)))
                .collect::<Result<Vec<_>>>()?;
            filters.push(any_term(
                paths.iter().map(|p| Term::from_facet(f.facet, &Facet::from(format!("/topic/{p}").as_str()))),
            ));
        }
        if !self.keywords.is_empty() {
            let phrases = self.keywords.iter().map(|k| {
                let phrase = crate::analyze::normalize::normalized_words(k).join(" ");
                Term::from_facet(f.keyword, &Facet::from_path(["keyword", phrase.as_str()]))
            });
            filters.push(any_term(phrases));
        }
        if !self.sources.is_empty() {
            let names = resolve_sources(&self.sources, known.sources)?;
            filters.push(any_term(names.iter().map(|n| Term::from_facet(f.facet, &Facet::from_path(["source", n])))));
        }
        if self.since.is_some() || self.until.is_some() {
            let bound = |d: Option<DateTime<Utc>>| match d {
                Some(d) => Bound::Included(Term::from_field_date(
                    f.date,
                    tantivy::DateTime::from_timestamp_secs(d.timestamp()),
                )),
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(bound(self.since), bound(self.until))));
        }
        // Filters select; they never add to the score.
        let clauses: Vec<(Occur, Box<dyn Query>)> = std::iter::once((Occur::Must, query))
            .chain(filters.into_iter().map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)))
            .collect();
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// Every known name each value stands for: a value the facet list shows is taken as it is (so a
/// facet value and its filter agree); any other is every name it is the whole, a part or the
/// acronym of ("Baker" → James Baker and Howard Baker; "bukele" → Nayib Bukele).
pub fn resolve_names(
    kind: &str,
    names: &[String],
    dictionary: &EntityDictionary,
    has_facet: &dyn Fn(&str, &str) -> bool,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for n in names {
        let found: Vec<String> = if has_facet(kind, n) {
            vec![n.clone()]
        } else {
            // The value the name itself takes in the facets ("U.S. Treasury" → Treasury), then
            // every name it is a part or the acronym of.
            std::iter::once(dictionary.facet_name(kind, n))
                .chain(dictionary.canonical(kind, n))
                .chain(dictionary.resolve(kind, n))
                .chain(dictionary.named_by(kind, n))
                .filter(|name| has_facet(kind, name))
                .collect()
        };
        if found.is_empty() {
            let label = if kind == "person" { "person" } else { "organisation" };
            return Err(Error::UnknownValue {
                field: kind.into(),
                message: format!("No {label} named {n:?} is in the index."),
                hint: format!("Check the spelling, or list the names with `newsdex facets --field {kind}`."),
            });
        }
        out.extend(found);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The outlets each value names: the same name (case and accents aside), else every outlet
/// whose name holds all of the value's words.
fn resolve_sources(values: &[String], known: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for v in values {
        let key = name_key(v);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let exact: Vec<&String> = known.iter().filter(|k| name_key(k) == key).collect();
        let found: Vec<&String> = if exact.is_empty() {
            known
                .iter()
                .filter(|k| {
                    let k = name_key(k);
                    let have: Vec<&str> = k.split(' ').collect();
                    !words.is_empty() && words.iter().all(|w| have.contains(w))
                })
                .collect()
        } else {
            exact
        };
        if found.is_empty() {
            let mut list: Vec<&str> = known.iter().map(String::as_str).take(20).collect();
            list.sort_unstable();
            let more = if known.len() > 20 { ", …" } else { "" };
            return Err(Error::UnknownValue {
                field: "source".into(),
                message: format!("No source named {v:?} is in the index; known sources: {}{more}.", list.join(", ")),
                hint: "Use one of these names (or a word of one).".into(),
            });
        }
        out.extend(found.into_iter().cloned());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn unknown_topic(value: &str) -> Error {
    Error::UnknownValue {
        field: "topic".into(),
        message: format!("No topic named {value:?}; known topics: {}.", topic_paths().join(", ")),
        hint: "Use a subject (politics), a subject/theme path (politics/migration) or a theme's last part (migration)."
            .into(),
    }
}

/// A date as a filter bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` stand for the whole year, month
/// or day (its first second when `end` is false, its last when true); anything else is read as a
/// point in time (RFC 3339 and the other forms articles use).
pub fn parse_date_bound(text: &str, end: bool) -> Option<DateTime<Utc>> {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let all_digits = parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let (first, last) = match (all_digits, parts.as_slice()) {
        (true, [y]) if y.len() == 4 => {
            let y: i32 = y.parse().ok()?;
            (NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?)
        }
        (true, [y, m]) if y.len() == 4 && m.len() <= 2 => {
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next =
                if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            (first, next.pred_opt()?)
        }
        (true, [y, m, d]) if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            (day, day)
        }
        _ => return crate::ingest::date::parse_date(t),
    };
    let day = if end { last } else { first };
    let time = if end { day.and_hms_opt(23, 59, 59)? } else { day.and_hms_opt(0, 0, 0)? };
    debug_assert!(day.year() > 0);
    Some(Utc.from_utc_datetime(&time))
}

/// Articles holding any of the terms.
fn any_term(terms: impl Iterator<Item = Term>) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = terms
        .map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>))
        .collect();
    Box::new(BooleanQuery::new(any))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_whole_days_months_and_years() {
        let s = |t: &str, end| parse_date_bound(t, end).map(|d| d.to_rfc3339());
        assert_eq!(s("1987-04-01", true).as_deref(), Some("1987-04-01T23:59:59+00:00"));
        assert_eq!(s("1987-04-01", false).as_deref(), Some("1987-04-01T00:00:00+00:00"));
        assert_eq!(s("1987-02", true).as_deref(), Some("1987-02-28T23:59:59+00:00"));
        assert_eq!(s("1988-02", true).as_deref(), Some("1988-02-29T23:59:59+00:00"));
        assert_eq!(s("1987-12", true).as_deref(), Some("1987-12-31T23:59:59+00:00"));
        assert_eq!(s("1987", false).as_deref(), Some("1987-01-01T00:00:00+00:00"));
        assert_eq!(s("2025-03-16T10:00:00Z", true).as_deref(), Some("2025-03-16T10:00:00+00:00"));
        assert_eq!(s("1987-13", true), None);
        assert_eq!(s("last week", true), None);
    }

    #[test]
    fn names_resolve_to_every_person_a_surname_fits() {
        use crate::analyze::entities::article_entities::{ArticleEntities, EntityRef};
        let mut d = EntityDictionary::default();
        for name in ["James Baker", "James Baker", "Howard Baker", "Paul Volcker"] {
            d.add(&ArticleEntities { people: vec![EntityRef::new(name, 1.0, 1)], orgs: vec![] });
        }
        d.add(&ArticleEntities { people: vec![], orgs: vec![EntityRef::new("International Monetary Fund", 1.0, 1)] });
        d.add(&ArticleEntities { people: vec![], orgs: vec![EntityRef::new("IMF", 1.0, 1)] });
        let in_index = ["Howard Baker", "James Baker", "Paul Volcker", "International Monetary Fund", "IMF"];
        let all = |_: &str, n: &str| in_index.contains(&n);
        let baker = resolve_names("person", &["baker".into()], &d, &all).unwrap();
        assert_eq!(baker, ["Howard Baker", "James Baker"]);
        assert_eq!(resolve_names("person", &["James Baker".into()], &d, &all).unwrap(), ["James Baker"]);
        assert_eq!(resolve_names("person", &["volcker".into()], &d, &all).unwrap(), ["Paul Volcker"]);
        // A value the facet list shows is filtered on exactly, so its count and its filter agree.
        assert_eq!(resolve_names("org", &["IMF".into()], &d, &all).unwrap(), ["IMF"]);
        let long_only = |_: &str, n: &str| n == "International Monetary Fund";
        assert_eq!(resolve_names("org", &["imf".into()], &d, &long_only).unwrap(), ["International Monetary Fund"]);
        // A name the facets write otherwise finds the value they show.
        for name in ["Treasury", "Treasury", "U.S. Treasury"] {
            d.add(&ArticleEntities { people: vec![], orgs: vec![EntityRef::new(name, 1.0, 1)] });
        }
        let bare = |_: &str, n: &str| n == "Treasury";
        assert_eq!(resolve_names("org", &["U.S. Treasury".into()], &d, &bare).unwrap(), ["Treasury"]);
        let err = resolve_names("person", &["Nobody Atall".into()], &d, &all).unwrap_err().to_string();
        assert!(err.contains("No person named \"Nobody Atall\""), "{err}");
    }

    #[test]
    fn sources_resolve_by_name_or_words() {
        let known = vec!["Harbor Ledger".to_string(), "Capital Dispatch".to_string()];
        assert_eq!(resolve_sources(&["harbor ledger".into()], &known).unwrap(), ["Harbor Ledger"]);
        assert_eq!(resolve_sources(&["Ledger".into()], &known).unwrap(), ["Harbor Ledger"]);
        let err = resolve_sources(&["Daily Bugle".into()], &known).unwrap_err().to_string();
        assert!(err.contains("known sources: Capital Dispatch, Harbor Ledger"), "{err}");
    }
}
