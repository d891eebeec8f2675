//! Parsing user queries: all words by default, with a fallback to any word.

use crate::error::{Error, Result};
use crate::index::NewsSchema;
use tantivy::query::{Query, QueryParser};
use tantivy::Index;

/// Parsers for one index: all-words (default) and any-word (fallback).
pub struct QueryParsers {
    all: QueryParser,
    any: QueryParser,
}

impl QueryParsers {
    /// Builds both parsers over the default fields (title boosted) of `index`.
    pub fn new(index: &Index, f: &NewsSchema) -> Self {
        let make = |conjunction: bool| {
            let fields = f.default_fields();
            let mut p = QueryParser::for_index(index, fields.iter().map(|(f, _)| *f).collect());
            for (field, boost) in fields {
                p.set_field_boost(field, boost);
            }
            if conjunction {
                p.set_conjunction_by_default();
            }
            p
        };
        QueryParsers { all: make(true), any: make(false) }
    }

    /// Parses `text` requiring every word (`any_word = false`) or any of them.
    /// Syntax: `"exact phrase"`, `-exclude`, `OR`, `AND`, `title:word`, `source:word`, `author:word`, `body:word`.
    pub fn parse(&self, text: &str, any_word: bool) -> Result<Box<dyn Query>> {
        let parser = if any_word { &self.any } else { &self.all };
        parser.parse_query(text).map_err(|e| query_error(text, &e))
    }
}

/// What to do when a query does not parse.
pub const QUERY_HINT: &str = "Use plain words, \"quoted phrases\", -exclusions, OR, and field:word with title, body, \
source, author, person or org.";

/// One sentence for a query the parser refused (the parser's own words name its internals).
fn query_error(text: &str, e: &tantivy::query::QueryParserError) -> Error {
    use tantivy::query::QueryParserError as E;
    let message = if text.matches('"').count() % 2 == 1 {
        format!("The query {text:?} opens a quoted phrase but does not close it.")
    } else {
        match e {
            E::FieldDoesNotExist(field) => {
                format!("The query {text:?} names a field {field:?} that articles do not have.")
            }
            E::DateFormatError(_) => {
                format!("The query {text:?} has a date the parser cannot read; filter dates with --since and --until.")
            }
            E::FieldNotIndexed(field) => format!("The field {field:?} cannot be searched."),
            _ => format!("The query {text:?} could not be understood."),
        }
    };
    Error::QueryInvalid { message, hint: QUERY_HINT.into() }
}

/// True when a query has more than one word outside quotes and operators, so an any-word
/// fallback can find more than the all-words query did.
pub fn can_fall_back(text: &str) -> bool {
    !text.contains('"')
        && text.split_whitespace().filter(|w| !w.starts_with('-') && *w != "AND" && *w != "OR").count() > 1
}

/// Takes `person:…` and `org:…` clauses (a word or a "quoted name") out of a query and adds them
/// to the filters, so that `person:baker` and `--person baker` select the same articles. Left in
/// place when the query has `OR` (the clause may be an alternative, not a condition) or when the
/// clause is negated (`-person:…`).
pub fn entity_clauses(text: &str, filters: &super::Filters) -> (String, super::Filters) {
    let mut filters = filters.clone();
    if text.split_whitespace().any(|w| w == "OR") {
        return (text.to_string(), filters);
    }
    let mut rest = String::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let at_word = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let field = ["person:", "org:"].into_iter().find(|f| text[i..].starts_with(f) && at_word);
        let Some(field) = field else {
            let c = text[i..].chars().next().expect("in bounds");
            rest.push(c);
            i += c.len_utf8();
            continue;
        };
        let start = i + field.len();
        let (value, end) = match text[start..].strip_prefix('"') {
            Some(quoted) => match quoted.find('"') {
                Some(close) => (&quoted[..close], start + 1 + close + 1),
                None => (quoted, text.len()),
            },
            None => {
                let len = text[start..].find(char::is_whitespace).unwrap_or(text.len() - start);
                (&text[start..start + len], start + len)
            }
        };
        if value.trim().is_empty() {
            rest.push_str(&text[i..end]);
        } else if field == "person:" {
            filters.people.push(value.trim().to_string());
        } else {
            filters.orgs.push(value.trim().to_string());
        }
        i = end;
    }
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), filters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_and_org_clauses_become_filters() {
        let (q, f) =
            entity_clauses(r#"dollar person:baker org:"International Monetary Fund" rates"#, &Default::default());
        assert_eq!(q, "dollar rates");
        assert_eq!(f.people, ["baker"]);
        assert_eq!(f.orgs, ["International Monetary Fund"]);
        let (q, f) = entity_clauses("person:baker OR person:volcker", &Default::default());
        assert_eq!((q.as_str(), f.people.len()), ("person:baker OR person:volcker", 0));
        let (q, f) = entity_clauses("-person:baker dollar", &Default::default());
        assert_eq!((q.as_str(), f.people.len()), ("-person:baker dollar", 0));
    }
}
