//! Recall of human people/organisation tags (Reuters-21578 slugs such as `james-baker`, `imf`)
//! among the entities extracted from the same articles.

use super::article_entities::acronym;
use super::article_entities::{extract, name_key};
use super::Tagger;
use crate::ingest::fields::article_from_json;
use serde::Serialize;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Recall of one tag type.
#[derive(Debug, Clone, Serialize)]
pub struct TagRecall {
    /// "people" or "orgs".
    pub field: String,
    /// (article, tag) pairs.
    pub tags: usize,
    /// Pairs whose tag was found among the article's extracted entities.
    pub found: usize,
    /// found / tags.
    pub recall: f64,
    /// Tags missed most often: (tag, missed, total).
    pub worst: Vec<(String, usize, usize)>,
}

/// True when the person slug (`james-baker`, `volcker`) names one of the people.
pub fn person_matches(slug: &str, people: &[String]) -> bool {
    let last = slug.rsplit('-').next().unwrap_or(slug);
    people
        .iter()
        .any(|p| name_key(p).rsplit(' ').next() == Some(last) || name_key(p).replace(' ', "") == slug.replace('-', ""))
}

/// True when the organisation slug (`imf`, `worldbank`, `ico-coffee`) names one of the organisations.
pub fn org_matches(slug: &str, orgs: &[String]) -> bool {
    let head = slug.split('-').next().unwrap_or(slug);
    orgs.iter().any(|o| {
        let key = name_key(o);
        let joined = key.replace(' ', "");
        joined == slug.replace('-', "") || joined == head || (key.contains(' ') && acronym(&key) == head)
    })
}

/// Reads a Reuters-style JSON Lines file and measures tag recall for `people` and `orgs`.
pub fn tag_recall(tagger: &Tagger, data: &Path, worst: usize) -> std::io::Result<Vec<TagRecall>> {
    let file = std::io::BufReader::new(std::fs::File::open(data)?);
    let mut counts: HashMap<&str, HashMap<String, (usize, usize)>> = HashMap::new();
    for line in file.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line?) else { continue };
        let tags = |f: &str| -> Vec<String> {
            v.get(f)
                .and_then(|x| x.as_array())
                .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
                .unwrap_or_default()
        };
        let (people_tags, org_tags) = (tags("people"), tags("orgs"));
        if people_tags.is_empty() && org_tags.is_empty() {
            continue;
        }
        let Some(article) = article_from_json(&v, "") else { continue };
        if article.body.trim().is_empty() {
            continue;
        }
        let found = extract(tagger, &article);
        let people: Vec<String> = found.people.into_iter().map(|e| e.name).collect();
        let orgs: Vec<String> = found.orgs.into_iter().map(|e| e.name).collect();
        for t in people_tags {
            let e = counts.entry("people").or_default().entry(t.clone()).or_default();
            e.0 += 1;
            e.1 += person_matches(&t, &people) as usize;
        }
        for t in org_tags {
            let e = counts.entry("orgs").or_default().entry(t.clone()).or_default();
            e.0 += 1;
            e.1 += org_matches(&t, &orgs) as usize;
        }
    }
    Ok(["people", "orgs"]
        .iter()
        .map(|field| {
            let m = counts.remove(field).unwrap_or_default();
            let tags = m.values().map(|c| c.0).sum();
            let found = m.values().map(|c| c.1).sum();
            let mut misses: Vec<(String, usize, usize)> =
                m.into_iter().map(|(t, (n, f))| (t, n - f, n)).filter(|x| x.1 > 0).collect();
            misses.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            misses.truncate(worst);
            TagRecall {
                field: field.to_string(),
                tags,
                found,
                recall: found as f64 / tags.max(1) as f64,
                worst: misses,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_match_names() {
        assert!(person_matches("james-baker", &["James Baker".into()]));
        assert!(person_matches("volcker", &["Paul Volcker".into()]));
        assert!(!person_matches("volcker", &["Paul Smith".into()]));
        assert!(org_matches("imf", &["International Monetary Fund".into()]));
        assert!(org_matches("worldbank", &["World Bank".into()]));
        assert!(org_matches("ico-coffee", &["International Coffee Organization".into()]));
        assert!(org_matches("opec", &["OPEC".into()]));
        assert!(!org_matches("gatt", &["World Bank".into()]));
    }
}
