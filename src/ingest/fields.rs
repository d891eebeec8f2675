//! Mapping a JSON news record to an [`Article`], accepting the field names real dumps use.

use super::article::Article;
use super::date::parse_date;
use serde_json::{Map, Value};

/// Field names for the headline, in order of preference.
pub const TITLE_FIELDS: &[&str] = &["title", "headline", "name"];
/// Field names for the body, in order of preference (news-please puts the lead in `description`).
pub const BODY_FIELDS: &[&str] =
    &["body", "text", "content", "article", "maintext", "full_text", "description", "short_description", "summary"];
/// Field names for the publication date.
pub const DATE_FIELDS: &[&str] =
    &["date", "published", "publishedAt", "published_at", "pubDate", "date_publish", "datePublished", "timestamp"];
/// Field names for the URL.
pub const URL_FIELDS: &[&str] = &["url", "link", "uri"];
/// Field names for the outlet.
pub const SOURCE_FIELDS: &[&str] =
    &["source", "site", "publisher", "publication", "domain", "source_domain", "site_name", "outlet"];
/// Field names for the author.
pub const AUTHOR_FIELDS: &[&str] = &["author", "authors", "byline", "creator"];
/// Field names for the record's own id.
pub const ID_FIELDS: &[&str] = &["id", "_id", "uuid", "guid", "doc_id"];

/// Fields holding the publisher's own tags, with the kind each becomes in
/// [`Article::publisher_tags`] (`topics: ["grain"]` → `subject:grain`).
pub const TAG_FIELDS: &[(&str, &str)] = &[
    ("topics", "subject"),
    ("subjects", "subject"),
    ("category", "subject"),
    ("categories", "subject"),
    ("section", "subject"),
    ("people", "person"),
    ("persons", "person"),
    ("orgs", "org"),
    ("organizations", "org"),
    ("organisations", "org"),
    ("places", "place"),
    ("locations", "place"),
    ("keywords", "keyword"),
    ("tags", "keyword"),
];

/// Builds an article from a JSON object; returns `None` when the value is not an object.
/// `fallback_id` is used when the record has no id field.
///
/// ```
/// use newsdex::ingest::fields::article_from_json;
/// let v = serde_json::json!({"headline": "Rates rise", "maintext": "The bank raised rates.", "date_publish": "2024-01-02"});
/// let a = article_from_json(&v, "x.json").unwrap();
/// assert_eq!((a.title.as_str(), a.id.as_str()), ("Rates rise", "x.json"));
/// assert!(a.date.is_some());
/// ```
pub fn article_from_json(value: &Value, fallback_id: &str) -> Option<Article> {
    let obj = value.as_object()?;
    let date_raw = first_text(obj, DATE_FIELDS);
    Some(Article {
        id: first_text(obj, ID_FIELDS).unwrap_or_else(|| fallback_id.to_string()),
        title: first_text(obj, TITLE_FIELDS).unwrap_or_default(),
        body: first_text(obj, BODY_FIELDS).unwrap_or_default(),
        date: date_raw.as_deref().and_then(parse_date),
        url: first_text(obj, URL_FIELDS),
        source: first_text(obj, SOURCE_FIELDS),
        author: first_text(obj, AUTHOR_FIELDS),
        path: String::new(),
        line: None,
        publisher_tags: publisher_tags(obj),
    })
}

/// The publisher's tags of a record, `kind:value`, in [`TAG_FIELDS`] order, without repeats.
/// Arrays give one tag per item; a keyword or tag string is split at commas.
fn publisher_tags(obj: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (field, kind) in TAG_FIELDS {
        let values: Vec<String> = match obj.get(*field) {
            Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
            Some(Value::String(s)) if *kind == "keyword" => s.split(',').map(str::to_string).collect(),
            Some(v) => as_text(v).into_iter().collect(),
            None => continue,
        };
        for v in values {
            let tag = format!("{kind}:{}", v.trim());
            if !v.trim().is_empty() && !out.contains(&tag) {
                out.push(tag);
            }
        }
    }
    out
}

/// The first non-empty text among `names`, flattening arrays (joined by ", ") and objects with a `name`.
fn first_text(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().filter_map(|n| obj.get(*n)).filter_map(as_text).find(|s| !s.trim().is_empty())
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).filter(|s| !s.trim().is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").or_else(|| o.get("title")).and_then(as_text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_reuters_style() {
        let v =
            json!({"id": "reuters-4", "title": "T", "body": "B", "date": "1987-02-26T15:01:01.790", "people": ["x"]});
        let a = article_from_json(&v, "f#1").unwrap();
        assert_eq!(a.id, "reuters-4");
        assert_eq!(a.date.unwrap().to_rfc3339(), "1987-02-26T15:01:01.790+00:00");
    }

    #[test]
    fn reads_newsapi_style_source_object_and_author_list() {
        let v = json!({"title": "T", "content": "C", "source": {"id": null, "name": "Daily Planet"},
                       "authors": ["Ana Ruiz", "Bo Li"], "publishedAt": "2024-05-01T08:00:00Z", "link": "https://x"});
        let a = article_from_json(&v, "f").unwrap();
        assert_eq!(a.source.as_deref(), Some("Daily Planet"));
        assert_eq!(a.author.as_deref(), Some("Ana Ruiz, Bo Li"));
        assert_eq!(a.url.as_deref(), Some("https://x"));
        assert_eq!(a.body, "C");
    }

    #[test]
    fn publisher_tags_keep_their_kind() {
        let v = json!({"title": "T", "topics": ["grain", "wheat"], "people": [], "orgs": ["OPEC"],
                       "category": "POLITICS", "keywords": "rates, inflation ,", "places": ["usa"]});
        let a = article_from_json(&v, "f").unwrap();
        let want = [
            "subject:grain",
            "subject:wheat",
            "subject:POLITICS",
            "org:OPEC",
            "place:usa",
            "keyword:rates",
            "keyword:inflation",
        ];
        assert_eq!(a.publisher_tags, want);
    }

    #[test]
    fn prefers_maintext_over_description() {
        let v = json!({"title": "T", "description": "lead", "maintext": "full"});
        assert_eq!(article_from_json(&v, "f").unwrap().body, "full");
    }

    #[test]
    fn non_objects_are_rejected() {
        assert!(article_from_json(&json!([1, 2]), "f").is_none());
        assert!(article_from_json(&json!("s"), "f").is_none());
    }
}
