//! From mentions to an article's people and organisations: titles dropped, surnames joined to full
//! names, acronyms joined to their long forms, legal suffixes folded, salience scored.

use super::companies::{brands_as_organisations, is_company, is_ticker, possessive_firms};
use super::facet_values::{
    alias, excluded_spans, is_author, is_not_a_name, is_outlet, is_place_name, outlet_keys, subheadings,
};
use super::mentions::{mentions, Mention};
use super::things::without_things;
use super::Tagger;
use crate::ingest::Article;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Words dropped from the front of a person's name.
const HONORIFICS: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "gen",
    "general",
    "judge",
    "minister",
    "prime",
    "king",
    "queen",
    "pope",
    "sir",
    "lady",
    "lord",
    "rep",
    "secretary",
    "chancellor",
    "mayor",
    "prof",
    "professor",
    "rev",
    "director",
    "chairman",
    "ambassador",
    "vice",
    "premier",
    "sheikh",
    "prince",
    "princess",
];
/// Legal suffixes folded off organisation names.
const LEGAL_SUFFIXES: &[&str] = &[
    "cos",
    "inc",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "sa",
    "ag",
    "nv",
    "bv",
    "gmbh",
    "spa",
    "lp",
    "llp",
];
/// Small words skipped when forming an acronym.
const ACRONYM_SKIP: &[&str] = &["of", "for", "on", "and", "the", "de", "la", "&"];
/// Places that stand for the institution seated there ("the White House said"): tagged LOC in
/// CoNLL style, but organisations to a reader filtering news.
const INSTITUTION_PLACES: &[&str] = &[
    "white house",
    "kremlin",
    "pentagon",
    "downing street",
    "elysee",
    "elysee palace",
    "capitol hill",
    "whitehall",
    "blue house",
];
/// Salience bonus of a name in the headline.
pub const HEADLINE_BONUS: f32 = 3.0;
/// Salience bonus of a name in the first two sentences of the body.
pub const LEAD_BONUS: f32 = 1.0;

/// A person or organisation of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Canonical name within the article.
    pub name: String,
    /// Mentions + headline and lead bonuses.
    pub salience: f32,
    /// Number of mentions.
    pub mentions: usize,
    /// Named in the headline (by the tagger, or a headline word is the surname, name or acronym).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
    /// Mentioned in the first two sentences of the body.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lead: bool,
}

impl EntityRef {
    /// An entity with a name and salience only (no headline or lead mention).
    pub fn new(name: impl Into<String>, salience: f32, mentions: usize) -> Self {
        EntityRef { name: name.into(), salience, mentions, headline: false, lead: false }
    }
}

/// People and organisations of an article, most salient first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntities {
    /// People.
    pub people: Vec<EntityRef>,
    /// Organisations.
    pub orgs: Vec<EntityRef>,
}

/// A comparison key: NFKD without marks, lower case, letters and digits only, words by single spaces.
pub fn name_key(name: &str) -> String {
    let folded: std::borrow::Cow<str> =
        if name.is_ascii() { name.into() } else { name.nfkd().filter(|c| c.is_ascii()).collect::<String>().into() };
    // What is left is ASCII: one pass lower-cases it and joins its words by single spaces.
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    key
}

/// Extracts the people and organisations of an article. The body is tagged as one document;
/// the headline (often in title case, which misleads the tagger) only adds salience to names the
/// body has.
pub fn extract(tagger: &Tagger, article: &Article) -> ArticleEntities {
    // Paragraphs of one or two words are sign-offs and credits ("Reuter", "By Ana Ruiz"), not
    // news; nor are credit lines, bylines, the dateline and agency signatures.
    let mut excluded: Vec<std::ops::Range<usize>> = crate::analyze::paragraphs::paragraphs(&article.body)
        .into_iter()
        .filter(|p| article.body[p.clone()].split_whitespace().count() <= 2)
        .collect();
    excluded.extend(excluded_spans(&article.body));
    // The tagger reads the body without them: a dateline's "NEW YORK (Reuters)" read as an
    // organisation made every later "New York" of the article one too (the tagger keeps a
    // word's reading across a document). Blanked byte for byte, so offsets stay the body's.
    let mut blanked = article.body.clone().into_bytes();
    for span in &excluded {
        blanked[span.clone()].fill(b' ');
    }
    let blanked = String::from_utf8(blanked).unwrap_or_else(|_| article.body.clone());
    let mut found: Vec<Mention> =
        possessive_firms(join_ampersands(mentions(tagger, &blanked), &article.body), &article.body)
            .into_iter()
            .filter(|m| !excluded.iter().any(|p| p.contains(&m.start)) && !is_not_a_name(&m.text))
            .collect();
    // A name found only in subheadings is the tagger reading title case.
    let heads = subheadings(&article.body);
    let in_heads = |m: &Mention| heads.iter().any(|h| h.contains(&m.start));
    let elsewhere: std::collections::HashSet<String> =
        found.iter().filter(|m| !in_heads(m)).map(|m| name_key(&m.text)).collect();
    found.retain(|m| !in_heads(m) || elsewhere.contains(&name_key(&m.text)));
    // A name with a legal suffix or a ticker after it is a company's, wherever else the tagger
    // called it (or its short form: "Bear Stearns" of "Bear Stearns Cos") a person.
    let companies: Vec<String> = found
        .iter()
        .filter(|m| matches!(m.kind, "PER" | "ORG") && is_company(m, &article.body))
        .filter_map(|m| clean_org(&m.text).map(|n| name_key(&n)))
        .collect();
    // A single word is a company's short form ("Goldman" of "Goldman Sachs") unless it is the
    // surname of a person the article names ("Baker" beside "James Baker" and "Baker Hughes").
    let surnames: Vec<String> = found
        .iter()
        .filter(|m| m.kind == "PER")
        .filter_map(|m| name_key(&m.text).rsplit_once(' ').map(|(_, last)| last.to_string()))
        .collect();
    for m in found.iter_mut().filter(|m| m.kind == "PER") {
        let key = clean_org(&m.text).map(|n| name_key(&n)).unwrap_or_default();
        let short_form =
            |c: &String| c.starts_with(&format!("{key} ")) && (key.contains(' ') || !surnames.contains(&key));
        if companies.iter().any(|c| *c == key || short_form(c)) {
            m.kind = "ORG";
        }
    }
    // A name written as a brand is a company's ("MySpace", "DaimlerChrysler").
    brands_as_organisations(&mut found);
    // A geographic feature ("Lake Ontario") is no one, nor is a word of its name alone ("Ontario").
    let places: Vec<String> =
        found.iter().filter(|m| m.kind == "PER" && is_place_name(&m.text)).map(|m| name_key(&m.text)).collect();
    let of_a_place = |m: &Mention| {
        let key = name_key(&m.text);
        places.iter().any(|p| *p == key || p.split(' ').any(|w| w == key))
    };
    found.retain(|m| m.kind != "PER" || !of_a_place(m));
    // Nor is a storm, a product or a grade of oil ("Hurricane Katrina", "787 Dreamliner", "Brent crude").
    let found = without_things(found, &article.body);
    let outlets = outlet_keys(article.source.as_deref(), &article.body);
    let headline: Vec<Mention> = mentions(tagger, &article.title);
    let headline_keys: Vec<String> = headline.iter().map(|m| name_key(&m.text)).collect();
    let lead_sentences = 2;
    // A name written with several types in one article keeps the type it has most often.
    let mut type_votes: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for m in &found {
        *type_votes.entry(name_key(&m.text)).or_default().entry(m.kind).or_default() += 1;
    }
    let majority = |m: &Mention| {
        let votes = &type_votes[&name_key(&m.text)];
        votes.get(m.kind).copied().unwrap_or(0) >= votes.values().copied().max().unwrap_or(0)
    };
    let bonus = |name: &str, m: &Mention| {
        let key = name_key(name);
        let in_headline = headline_keys
            .iter()
            .any(|h| *h == key || h.ends_with(&format!(" {key}")) || key.ends_with(&format!(" {h}")));
        (if in_headline { HEADLINE_BONUS } else { 0.0 }) + if m.sentence < lead_sentences { LEAD_BONUS } else { 0.0 }
    };
    let pick = |kind: &str, clean: fn(&str) -> Option<String>| -> Vec<(String, f32, bool)> {
        found
            .iter()
            .filter(|m| m.kind == kind && majority(m))
            .filter_map(|m| {
                clean(&m.text).map(|n| {
                    let b = bonus(&n, m);
                    (n, b, m.sentence < lead_sentences)
                })
            })
            .collect()
    };
    let people: Vec<(String, f32, bool)> = pick("PER", clean_person)
        .into_iter()
        .filter(|(n, _, _)| !is_outlet(n, &outlets) && !is_author(n, article.author.as_deref()))
        .collect();
    let people_keys: Vec<String> = people.iter().map(|(n, _, _)| name_key(n)).collect();
    // A surname written as an organisation ("Bukele's government") is the person.
    let institutions =
        found.iter().filter(|m| m.kind == "LOC" && INSTITUTION_PLACES.contains(&name_key(&m.text).as_str()));
    let orgs: Vec<(String, f32, bool)> = pick("ORG", clean_org)
        .into_iter()
        .chain(
            institutions
                .filter_map(|m| clean_org(&m.text).map(|n| (n.clone(), bonus(&n, m), m.sentence < lead_sentences))),
        )
        .filter(|(n, _, _)| {
            let k = name_key(n);
            !people_keys.iter().any(|p| *p == k || p.ends_with(&format!(" {k}"))) && !is_outlet(n, &outlets)
        })
        .collect();
    let mut people = group(people, join_surnames);
    let mut orgs = group(orgs, join_org_short_forms);
    // Headlines are often in capitals, which the tagger misreads: a headline word that is a
    // person's surname, or words that are an organisation's name or acronym, also count.
    let title = format!(" {} ", name_key(&article.title));
    for (list, is_person) in [(&mut people, true), (&mut orgs, false)] {
        for e in list.iter_mut().filter(|e| !e.headline) {
            let key = name_key(&e.name);
            let named = if is_person {
                key.rsplit(' ').next().is_some_and(|w| w.len() >= 3 && title.contains(&format!(" {w} ")))
            } else {
                let short = acronym(&key);
                title.contains(&format!(" {key} "))
                    || (short.len() >= 2 && key.contains(' ') && title.contains(&format!(" {short} ")))
            };
            if named {
                e.headline = true;
                e.salience += HEADLINE_BONUS;
            }
        }
        list.sort_by(|a, b| b.salience.total_cmp(&a.salience).then_with(|| a.name.cmp(&b.name)));
    }
    ArticleEntities { people, orgs }
}

/// The key a name has as a facet value of `kind` (`PER`/`ORG`): titles, legal suffixes and
/// tickers dropped, aliases resolved, then [`name_key`]. "Barnett Banks Inc" and "Barnett
/// Banks" are one value; so are "Fed" and "Federal Reserve".
pub fn facet_key(kind: &str, name: &str) -> String {
    let clean = if kind == "PER" { clean_person(name) } else { clean_org(name) };
    name_key(&clean.unwrap_or_default())
}

/// An organisation's name split at its ampersand (`Standard` & `Poor's`, `Procter` & `Gamble`)
/// is one name; so is one split at "and" when the whole is a known alias (`Standard and Poor's`),
/// and two organisations joined by "on" (`General Agreement` on `Tariffs and Trade`, `Select
/// Committee` on `Economic Affairs`; "of" and "for" join two names as often: `Pennzoil` for
/// `Texaco`).
fn join_ampersands(found: Vec<Mention>, body: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if let Some(prev) = out.last_mut() {
            let between = &body[prev.end.min(m.start)..m.start];
            let whole = || alias(&body[prev.start..m.end]).is_some();
            let joins = match between.trim() {
                "&" => between.len() <= 3,
                "and" => between.len() <= 5 && whole(),
                // Not after an acronym: "SEC on Feb 3".
                "on" => between.len() <= 4 && m.kind == "ORG" && prev.text.chars().any(char::is_lowercase),
                _ => false,
            };
            if prev.kind == "ORG" && joins {
                prev.text = body[prev.start..m.end].to_string();
                prev.end = m.end;
                continue;
            }
        }
        out.push(m);
    }
    out
}

fn clean_person(raw: &str) -> Option<String> {
    let raw = raw.split('<').next().unwrap_or(raw).trim_end();
    let raw = raw.trim_end_matches("'s").trim_end_matches("’s");
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| is_ticker(w)) {
        words.pop();
    }
    let start = words.iter().take_while(|w| HONORIFICS.contains(&name_key(w).as_str())).count();
    let name = words[start..].join(" ");
    (name.chars().any(char::is_alphabetic)).then_some(name)
}

fn clean_org(raw: &str) -> Option<String> {
    // A ticker in angle brackets ends the name: "Exxon Corp <XON>".
    let raw = raw.split('<').next().unwrap_or(raw);
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    if words.first().is_some_and(|w| name_key(w) == "the") {
        words.remove(0);
    }
    // Tickers glued to the name, legal suffixes, and what joined them ("JPMorgan Chase & Co").
    while words.len() > 1
        && words.last().is_some_and(|w| {
            is_ticker(w) || LEGAL_SUFFIXES.contains(&name_key(w).as_str()) || matches!(*w, "&" | "and")
        })
    {
        words.pop();
    }
    let name = words.join(" ").trim_end_matches([',', '.']).to_string();
    let name = alias(&name).map(String::from).unwrap_or(name);
    (name.chars().any(char::is_alphabetic)).then_some(name)
}

/// Maps a short key to the long key it stands for, given all keys of the article.
type Joiner = fn(&str, &[String]) -> Option<String>;

/// A single-word name joins the one longer name ending (or starting) with it.
pub(super) fn join_surnames(key: &str, all: &[String]) -> Option<String> {
    if key.contains(' ') {
        return None;
    }
    let longer: Vec<&String> = all
        .iter()
        .filter(|k| k.contains(' ') && (k.ends_with(&format!(" {key}")) || k.starts_with(&format!("{key} "))))
        .collect();
    (longer.len() == 1).then(|| longer[0].clone())
}

/// An acronym joins the one longer name whose initials it is; a leading part of a name
/// ("Brightfield" of "Brightfield Energy") joins the one longer name it starts.
pub(super) fn join_org_short_forms(key: &str, all: &[String]) -> Option<String> {
    if key.contains(' ') || key.len() < 2 {
        return None;
    }
    let by_acronym: Vec<&String> = all.iter().filter(|k| k.contains(' ') && acronym(k) == key).collect();
    if by_acronym.len() == 1 {
        return Some(by_acronym[0].clone());
    }
    let by_prefix: Vec<&String> = all.iter().filter(|k| k.starts_with(&format!("{key} "))).collect();
    (by_prefix.len() == 1).then(|| by_prefix[0].clone())
}

/// The acronym of a name key (lower case, small words skipped): "international monetary fund"
/// → "imf". The one rule for acronyms everywhere (grouping, the dictionary, the index, evaluation).
pub fn acronym(key: &str) -> String {
    key.split(' ').filter(|w| !ACRONYM_SKIP.contains(w)).filter_map(|w| w.chars().next()).collect()
}

/// Groups mentions by key (after joining), sums salience, picks the most frequent spelling.
fn group(items: Vec<(String, f32, bool)>, join: Joiner) -> Vec<EntityRef> {
    let keys: Vec<String> = {
        let mut k: Vec<String> = items.iter().map(|(n, _, _)| name_key(n)).filter(|k| !k.is_empty()).collect();
        k.sort();
        k.dedup();
        k
    };
    // Spellings (with counts) and the entity they add up to, its name picked at the end.
    let mut groups: HashMap<String, (HashMap<String, usize>, EntityRef)> = HashMap::new();
    for (name, bonus, lead) in items {
        let key = name_key(&name);
        if key.is_empty() {
            continue;
        }
        let target = join(&key, &keys).unwrap_or(key.clone());
        let (spellings, e) =
            groups.entry(target.clone()).or_insert_with(|| (HashMap::new(), EntityRef::new("", 0.0, 0)));
        // Only spellings of the full key name the group.
        if key == target {
            *spellings.entry(name).or_default() += 1;
        }
        e.salience += 1.0 + bonus;
        e.mentions += 1;
        e.headline |= bonus >= HEADLINE_BONUS;
        e.lead |= lead;
    }
    let mut out: Vec<EntityRef> = groups
        .into_values()
        .filter_map(|(spellings, e)| {
            let name = spellings.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?.0;
            Some(EntityRef { name, ..e })
        })
        .collect();
    out.sort_by(|a, b| b.salience.total_cmp(&a.salience).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions of `kind` at each of `names` in `body`.
    fn at(body: &str, names: &[(&'static str, &str)]) -> Vec<Mention> {
        names
            .iter()
            .map(|(kind, n)| {
                let start = body.find(n).expect("name in body");
                Mention { kind, text: n.to_string(), start, end: start + n.len(), sentence: 0 }
            })
            .collect()
    }

    #[test]
    fn organisations_split_at_on_or_an_ampersand_are_one() {
        let body = "The General Agreement on Tariffs and Trade and Standard & Poor's met the SEC on Friday.";
        let found = at(
            body,
            &[
                ("ORG", "General Agreement"),
                ("ORG", "Tariffs and Trade"),
                ("ORG", "Standard"),
                ("ORG", "Poor's"),
                ("ORG", "SEC"),
                ("ORG", "Friday"),
            ],
        );
        let names: Vec<String> = join_ampersands(found, body).into_iter().map(|m| m.text).collect();
        assert_eq!(names, ["General Agreement on Tariffs and Trade", "Standard & Poor's", "SEC", "Friday"]);
        assert_eq!(acronym(&name_key("General Agreement on Tariffs and Trade")), "gatt");
        // A person before "on" is not joined to what follows.
        let body = "Ana Ruiz on Reuters";
        let names = join_ampersands(at(body, &[("PER", "Ana Ruiz"), ("ORG", "Reuters")]), body);
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn keys_fold_case_and_diacritics() {
        assert_eq!(name_key("Iván Espinoza-Madrigal"), "ivan espinoza madrigal");
        assert_eq!(name_key(" AT&T  Corp. "), "at t corp");
        assert_eq!(name_key("ＩＭＦ"), "imf");
        assert_eq!(acronym("international monetary fund"), "imf");
        assert_eq!(acronym("organization of petroleum exporting countries"), "opec");
    }

    #[test]
    fn surnames_and_acronyms_join_and_titles_drop() {
        let people = group(
            vec![
                ("Nayib Bukele".into(), 3.0, false),
                ("Bukele".into(), 0.0, true),
                ("Bukele".into(), 0.0, false),
                ("Ana Ruiz".into(), 0.0, false),
            ],
            join_surnames,
        );
        assert_eq!(
            people[0],
            EntityRef { name: "Nayib Bukele".into(), salience: 6.0, mentions: 3, headline: true, lead: true }
        );
        assert!(!people[1].headline && !people[1].lead);
        let orgs = group(
            vec![("International Monetary Fund".into(), 0.0, false), ("IMF".into(), 0.0, false)],
            join_org_short_forms,
        );
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0].name, "International Monetary Fund");
        assert_eq!(clean_person("President Nayib Bukele").as_deref(), Some("Nayib Bukele"));
        assert_eq!(clean_org("Brightfield Energy Inc.").as_deref(), Some("Brightfield Energy"));
        assert_eq!(clean_org("JPMorgan Chase & Co").as_deref(), Some("JPMorgan Chase"));
        assert_eq!(clean_org("Exxon Corp <XON>").as_deref(), Some("Exxon"));
        assert_eq!(clean_org("Freddie Mac FRE.N").as_deref(), Some("Freddie Mac"));
        assert_eq!(clean_person("Freddie Mac FRE.N").as_deref(), Some("Freddie Mac"));
    }
}
