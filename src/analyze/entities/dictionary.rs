//! The corpus-wide entity dictionary: one canonical spelling per name (case and diacritics
//! folded), and surnames that map to the one full name that clearly dominates them.

use super::article_entities::{acronym, name_key, ArticleEntities, EntityRef};
use super::initials::{joined_by_signs, other_initials};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A surname maps to a full name holding at least this share of the full names with that surname…
pub const DEFAULT_SURNAME_SHARE: f32 = 0.8;
/// …seen in at least this many articles.
pub const DEFAULT_SURNAME_MIN_ARTICLES: usize = 2;

/// A one-word organisation is read as a longer name starting with it only when that name is
/// in at least this many articles: a few articles of a subsidiary ("Hertz Realty", "Gillette
/// Canada") are not evidence that the parent's name means it.
pub const DEFAULT_COMPANY_MIN_ARTICLES: usize = 10;

/// Acronyms of countries, never read as an organisation's ("US" is not the "United
/// Steelworkers").
const COUNTRY_ACRONYMS: [&str; 6] = ["us", "uk", "uae", "ussr", "nz", "hk"];

/// Spellings and article counts of every name seen, for people and organisations.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct EntityDictionary {
    /// kind ("person"/"org") → key → (spelling → articles).
    spellings: HashMap<String, HashMap<String, HashMap<String, usize>>>,
    /// Last word → keys of the people's full names ending with it.
    surnames: HashMap<String, Vec<String>>,
    /// First and last words → keys of the names (of either kind) starting or ending with them.
    parts: HashMap<String, Vec<String>>,
    /// Acronym → keys of the organisations of three or more words it abbreviates.
    acronyms: HashMap<String, Vec<String>>,
}

impl EntityDictionary {
    /// Counts the names of one article.
    pub fn add(&mut self, e: &ArticleEntities) {
        for (kind, list) in [("person", &e.people), ("org", &e.orgs)] {
            for r in list {
                let key = name_key(&r.name);
                let known = self.spellings.get(kind).is_some_and(|m| m.contains_key(&key));
                let slot = self.spellings.entry(kind.to_string()).or_default().entry(key.clone()).or_default();
                *slot.entry(r.name.clone()).or_default() += 1;
                if !known {
                    if let Some((first, last)) =
                        key.split_once(' ').map(|(f, _)| (f, key.rsplit(' ').next().unwrap_or(f)))
                    {
                        if kind == "person" {
                            self.surnames.entry(last.to_string()).or_default().push(key.clone());
                        }
                        for part in [first, last] {
                            self.parts.entry(format!("{kind}:{part}")).or_default().push(key.clone());
                        }
                        let short = acronym(&key);
                        // A name holding the acronym itself ("EC Commission") or only initials
                        // ("E.C.") is not what the acronym spells out.
                        let spelled_out = key.split(' ').all(|w| w != short) && key.split(' ').any(|w| w.len() > 1);
                        if kind == "org" && short.len() >= 2 && spelled_out {
                            self.acronyms.entry(short).or_default().push(key.clone());
                        }
                    }
                }
            }
        }
    }

    /// The canonical spelling of a name: its most frequent spelling in the corpus.
    pub fn canonical(&self, kind: &str, name: &str) -> Option<String> {
        let spellings = self.spellings.get(kind)?.get(&name_key(name))?;
        spellings.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(s, _)| s.clone())
    }

    /// The full name a lone surname stands for, when one full name clearly dominates it.
    pub fn full_name(&self, surname: &str) -> Option<String> {
        let key = name_key(surname);
        if key.contains(' ') {
            return None;
        }
        Some(self.dominant("person", self.surnames.get(&key)?, DEFAULT_SURNAME_MIN_ARTICLES)?.0)
    }

    /// The organisation an acronym stands for across the corpus (`IMF` → International Monetary
    /// Fund, `GE` → General Electric): the name of two or more words with those initials that
    /// holds most of the articles of all such names (the surname rule's share and minimum); never a
    /// country's ("US", "UK").
    pub fn long_name(&self, acronym: &str) -> Option<String> {
        let key = name_key(acronym);
        if key.contains(' ')
            || key.len() < 2
            || !written_as_acronym(acronym)
            || COUNTRY_ACRONYMS.contains(&key.as_str())
        {
            return None;
        }
        Some(self.dominant("org", self.acronyms.get(&key)?, DEFAULT_SURNAME_MIN_ARTICLES)?.0)
    }

    /// The organisation a one-word name is the short form of across the corpus (`Moody's` →
    /// Moody's Investors Service, `Ford` → Ford Motor): the longer name starting with it that
    /// holds most of the articles of all such names (the surname rule's share), at least
    /// [`DEFAULT_COMPANY_MIN_ARTICLES`], and at least half as many as the short form, so that a
    /// word most often written alone keeps its own value ("Congress" is not the "Congress
    /// Party"). Acronyms go by [`long_name`](Self::long_name) instead.
    pub fn full_org_name(&self, short: &str) -> Option<String> {
        let key = name_key(short);
        if short.split_whitespace().count() != 1 || key.len() < 3 || written_as_acronym(short) {
            return None;
        }
        let prefix = format!("{key} ");
        let first = key.split(' ').next().unwrap_or_default();
        let longer = self.parts.get(&format!("org:{first}"))?.iter().filter(|k| k.starts_with(&prefix));
        let (name, n) = self.dominant("org", longer, DEFAULT_COMPANY_MIN_ARTICLES)?;
        (2 * n >= self.articles("org", &key)).then_some(name)
    }

    /// The name of `kind` among `keys` in most articles (as spelled most often) and its count,
    /// when it is in at least `min` articles and [`DEFAULT_SURNAME_SHARE`] of all of theirs.
    fn dominant<'a>(
        &self,
        kind: &str,
        keys: impl IntoIterator<Item = &'a String>,
        min: usize,
    ) -> Option<(String, usize)> {
        let mut counted: Vec<(usize, &String)> = keys.into_iter().map(|k| (self.articles(kind, k), k)).collect();
        counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        counted.dedup();
        let total: usize = counted.iter().map(|c| c.0).sum();
        let &(n, best) = counted.first()?;
        let clear = n >= min && n as f32 >= DEFAULT_SURNAME_SHARE * total as f32;
        clear.then(|| self.canonical(kind, best)).flatten().map(|name| (name, n))
    }

    /// The name a department or ministry is more often written as in the corpus when it is
    /// written in both word orders ("U.S. Department of Agriculture" and "U.S. Agriculture
    /// Department" are one facet value).
    pub fn other_word_order(&self, name: &str) -> Option<String> {
        let key = name_key(name);
        let articles = |k: &str| self.articles("org", k);
        let (best, n) = word_orders(&key)
            .into_iter()
            .map(|k| (articles(&k), k))
            .filter(|(n, _)| *n > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
            .map(|(n, k)| (k, n))?;
        (n > articles(&key) || (n == articles(&key) && best < key)).then(|| self.canonical("org", &best)).flatten()
    }

    /// The name an organisation is more often written as in the corpus, with its initials
    /// dotted or run together ("J.P. Morgan" and "JP Morgan" are one facet value: the commoner).
    /// A word of two or three capitals before another word is read as initials ("JP Morgan" →
    /// "J P Morgan"), and initials as one word ("J.P. Morgan" → "JP Morgan"); letters joined by
    /// "&" or "/" are not initials ("S&L", "P/E").
    pub fn with_initials_joined_or_not(&self, name: &str) -> Option<String> {
        let other = other_initials(name)?;
        (self.articles("org", &other) > self.articles("org", name))
            .then(|| self.canonical("org", &other))
            .flatten()
            .filter(|c| !joined_by_signs(c))
    }

    /// The name an institution is more often written as in the corpus, with or without the
    /// wire's home country before it ("U.S. Treasury" and "Treasury" are one facet value; so
    /// are "US SEC" and "SEC"). Only the United States: other countries' institutions keep
    /// their prefix, so that "Treasury" never becomes the "U.K. Treasury" too.
    pub fn with_or_without_country(&self, name: &str) -> Option<String> {
        let key = name_key(name);
        let bare = COUNTRY_PREFIXES.iter().find_map(|p| key.strip_prefix(p)).unwrap_or(&key);
        // One word after the country is a state body's ("U.S. Navy") or a company's ("U.S.
        // Bancorp", "U.S. News"): only the first are the same with or without it.
        if bare.len() < 3 || (!bare.contains(' ') && !STATE_BODIES.contains(&bare)) {
            return None;
        }
        let variants = std::iter::once(bare.to_string()).chain(COUNTRY_PREFIXES.iter().map(|p| format!("{p}{bare}")));
        let (n, best) = variants
            .map(|k| (self.articles("org", &k), k))
            .filter(|(n, _)| *n > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))?;
        (best != key && n >= self.articles("org", &key)).then(|| self.canonical("org", &best)).flatten()
    }

    /// The organisation a lone word taken for a person names with a possessive ("Macy" of
    /// "Macy's", "Sam" of "Sam's Club"): of the organisations written "X's" or "X's …", the one in
    /// the most articles, in at least [`DEFAULT_SURNAME_MIN_ARTICLES`]; never when the word is
    /// the surname of a full name the corpus knows ("Murdoch" of "Rupert Murdoch").
    pub fn possessive_firm(&self, name: &str) -> Option<String> {
        let key = name_key(name);
        if key.is_empty() || key.contains(' ') || self.full_name(name).is_some() {
            return None;
        }
        let possessive = format!("{key} s");
        let longer = format!("{possessive} ");
        let (best, n) = self
            .parts
            .get(&format!("org:{key}"))?
            .iter()
            .filter(|k| **k == possessive || k.starts_with(&longer))
            .map(|k| (k, self.articles("org", k)))
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
        (n >= DEFAULT_SURNAME_MIN_ARTICLES).then(|| self.canonical("org", best)).flatten()
    }

    /// The one value a name takes in the facets: through a surname's full name (people), or an
    /// acronym's long name, a short form's long name, the commoner word order and the country
    /// prefix (organisations), then the commonest spelling.
    pub fn facet_name(&self, kind: &str, name: &str) -> String {
        let mut name = name.to_string();
        let steps: &[fn(&Self, &str) -> Option<String>] = if kind == "person" {
            &[Self::full_name]
        } else {
            &[
                Self::with_initials_joined_or_not,
                Self::long_name,
                Self::full_org_name,
                Self::other_word_order,
                Self::with_or_without_country,
            ]
        };
        for step in steps {
            if let Some(other) = step(self, &name) {
                name = other;
            }
        }
        self.canonical(kind, &name).unwrap_or(name)
    }

    /// Every known name (canonical spelling) of a kind whose key or surname matches `query`'s key:
    /// the alias lookup behind `--person Bukele`.
    pub fn resolve(&self, kind: &str, query: &str) -> Vec<String> {
        let key = name_key(query);
        let Some(names) = self.spellings.get(kind) else { return vec![] };
        let exact = names.contains_key(&key).then_some(&key);
        let by_part = self.parts.get(&format!("{kind}:{key}")).into_iter().flatten();
        // Several words ("espinoza madrigal"): a scan, rare and only for typed filters.
        let by_words: Vec<&String> = if key.contains(' ') {
            names.keys().filter(|k| k.ends_with(&format!(" {key}")) || k.starts_with(&format!("{key} "))).collect()
        } else {
            vec![]
        };
        let mut out: Vec<String> =
            exact.into_iter().chain(by_part).chain(by_words).filter_map(|k| self.canonical(kind, k)).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Names a query phrase stands for, strictly: the exact name, a person's surname, an
    /// organisation's acronym — never a first word or a common last word ("bank").
    pub fn named_by(&self, kind: &str, phrase: &str) -> Vec<String> {
        let key = name_key(phrase);
        let Some(names) = self.spellings.get(kind) else { return vec![] };
        let mut keys: Vec<&String> = names.get_key_value(&key).map(|(k, _)| k).into_iter().collect();
        if !key.contains(' ') {
            // Two letters of a query are too often a word ("us", "oil ec") to stand for every
            // organisation with those initials.
            let more = if kind == "person" {
                self.surnames.get(&key)
            } else {
                self.acronyms.get(&key).filter(|_| key.len() >= 3)
            };
            keys.extend(more.into_iter().flatten());
        }
        let mut out: Vec<String> = keys.into_iter().filter_map(|k| self.canonical(kind, k)).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Names as written in earlier articles that [`EntityDictionary::canonicalize`] would now
    /// write otherwise — a surname whose full name became known, an acronym whose long name
    /// did, a company first taken for a person, a spelling no longer the commonest — as
    /// (`person`/`org`, spelling) pairs, sorted.
    pub fn stale_spellings(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (kind, names) in &self.spellings {
            for spellings in names.values() {
                for spelling in spellings.keys() {
                    let one = vec![EntityRef::new(spelling.clone(), 1.0, 1)];
                    let mut e = if kind == "person" {
                        ArticleEntities { people: one, orgs: vec![] }
                    } else {
                        ArticleEntities { people: vec![], orgs: one }
                    };
                    self.canonicalize(&mut e);
                    let kept = if kind == "person" { &e.people } else { &e.orgs };
                    if kept.len() != 1 || kept[0].name != *spelling {
                        out.push((kind.clone(), spelling.clone()));
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// Articles counted for a name (all spellings).
    pub fn articles(&self, kind: &str, name: &str) -> usize {
        self.spellings.get(kind).and_then(|m| m.get(&name_key(name))).map_or(0, |s| s.values().sum())
    }

    /// Rewrites an article's names to their canonical forms, mapping dominated surnames to full
    /// names and merging what then coincides.
    pub fn canonicalize(&self, e: &mut ArticleEntities) {
        // A name the corpus writes as an organisation at least a third as often as a person's is
        // one (people are seldom tagged organisations; companies often people).
        let (mut companies, people): (Vec<EntityRef>, Vec<EntityRef>) = e.people.drain(..).partition(|r| {
            let as_org = self.articles("org", &r.name);
            as_org >= DEFAULT_SURNAME_MIN_ARTICLES && 3 * as_org >= self.articles("person", &r.name)
        });
        // A lone word the corpus writes as a firm's possessive is that firm ("Macy" → "Macy's").
        let mut kept = Vec::with_capacity(people.len());
        for mut r in people {
            match self.possessive_firm(&r.name) {
                Some(firm) => {
                    r.name = firm;
                    companies.push(r);
                }
                None => kept.push(r),
            }
        }
        e.people = kept;
        e.orgs.extend(companies);
        e.people = merge(e.people.drain(..).map(|mut r| {
            r.name = self.facet_name("person", &r.name);
            r
        }));
        e.orgs = merge(e.orgs.drain(..).map(|mut r| {
            r.name = self.facet_name("org", &r.name);
            r
        }));
    }
}

/// True when a name is written as an acronym: capitals only ("IMF", "USDA"; not "Yahoo").
fn written_as_acronym(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// The keys' ways of writing the United States before an institution's name.
const COUNTRY_PREFIXES: [&str; 3] = ["u s ", "us ", "united states "];

/// State bodies named by one word, written with or without their country.
const STATE_BODIES: [&str; 7] = ["army", "congress", "house", "marines", "navy", "senate", "treasury"];

/// Heads of organisation names written in either word order: "Department of X" and "X Department".
const TWO_ORDER_HEADS: [&str; 2] = ["department", "ministry"];

/// The other word orders of a department's or ministry's key: "u s department of the treasury"
/// → "u s treasury department"; "u s agriculture department" → "department of u s agriculture",
/// "u department of s agriculture", "u s department of agriculture" (where the words before the
/// head end is not known; the dictionary says which exist).
fn word_orders(key: &str) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let n = words.len();
    let Some(h) = words.iter().position(|w| TWO_ORDER_HEADS.contains(w)) else { return Vec::new() };
    if h + 2 < n && words[h + 1] == "of" {
        let object = if words[h + 2] == "the" && h + 3 < n { &words[h + 3..] } else { &words[h + 2..] };
        return vec![[&words[..h], object, &words[h..=h]].concat().join(" ")];
    }
    if h + 1 == n && h > 0 {
        let head = words[h];
        return (0..h)
            .flat_map(|i| {
                let (before, object) = (&words[..i], &words[i..h]);
                ["", "the "].map(|the| {
                    let before = before.iter().map(|w| format!("{w} ")).collect::<String>();
                    format!("{before}{head} of {the}{}", object.join(" "))
                })
            })
            .collect();
    }
    Vec::new()
}

fn merge(items: impl Iterator<Item = EntityRef>) -> Vec<EntityRef> {
    let mut by_key: HashMap<String, EntityRef> = HashMap::new();
    for r in items {
        by_key
            .entry(name_key(&r.name))
            .and_modify(|x| {
                x.salience += r.salience;
                x.mentions += r.mentions;
                x.headline |= r.headline;
                x.lead |= r.lead;
            })
            .or_insert(r);
    }
    let mut out: Vec<EntityRef> = by_key.into_values().collect();
    out.sort_by(|a, b| b.salience.total_cmp(&a.salience).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(people: &[&str]) -> ArticleEntities {
        ArticleEntities { people: people.iter().map(|n| EntityRef::new(*n, 1.0, 1)).collect(), orgs: vec![] }
    }

    fn orgs(names: &[&str]) -> ArticleEntities {
        ArticleEntities { people: vec![], orgs: names.iter().map(|n| EntityRef::new(*n, 1.0, 1)).collect() }
    }

    #[test]
    fn surname_maps_only_to_a_dominant_full_name() {
        let mut d = EntityDictionary::default();
        for _ in 0..5 {
            d.add(&ents(&["James Baker"]));
        }
        d.add(&ents(&["Howard Baker"]));
        d.add(&ents(&["Paul Volcker"]));
        assert_eq!(d.full_name("Baker").as_deref(), Some("James Baker"));
        assert_eq!(d.full_name("Volcker"), None, "one article is not enough");
        d.add(&ents(&["Howard Baker"]));
        d.add(&ents(&["Howard Baker"]));
        assert_eq!(d.full_name("Baker"), None, "5 of 8 does not dominate");
    }

    #[test]
    fn names_written_before_the_corpus_knew_better_are_stale() {
        let mut d = EntityDictionary::default();
        d.add(&ents(&["Reagan", "Ana Ruiz"]));
        assert!(d.stale_spellings().is_empty());
        d.add(&ents(&["Ronald Reagan"]));
        d.add(&ents(&["Ronald Reagan"]));
        assert_eq!(d.stale_spellings(), [("person".to_string(), "Reagan".to_string())]);
    }

    #[test]
    fn a_department_written_in_both_word_orders_is_one_name() {
        let mut d = EntityDictionary::default();
        for _ in 0..3 {
            d.add(&orgs(&["U.S. Agriculture Department", "Finance Ministry"]));
        }
        d.add(&orgs(&["U.S. Department of Agriculture", "Ministry of Finance", "Department of the Treasury"]));
        d.add(&orgs(&["Bank of England", "Treasury Department"]));
        let mut e = orgs(&["U.S. Department of Agriculture", "Ministry of Finance", "Bank of England"]);
        d.canonicalize(&mut e);
        let mut names: Vec<&str> = e.orgs.iter().map(|r| r.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Bank of England", "Finance Ministry", "U.S. Agriculture Department"]);
        // The order written more often wins, and both orders of a tie go to the same one.
        let (mut a, mut b) = (orgs(&["Department of the Treasury"]), orgs(&["Treasury Department"]));
        d.canonicalize(&mut a);
        d.canonicalize(&mut b);
        assert_eq!(a.orgs[0].name, b.orgs[0].name);
        assert_eq!(d.other_word_order("U.S. Agriculture Department"), None, "already the commoner order");
        assert_eq!(word_orders("u s department of the treasury"), ["u s treasury department"]);
        assert!(word_orders("u s agriculture department").contains(&"u s department of agriculture".to_string()));
        assert!(word_orders("bank of england").is_empty());
    }

    #[test]
    fn an_institution_with_and_without_the_country_is_one_name() {
        let mut d = EntityDictionary::default();
        for _ in 0..3 {
            d.add(&orgs(&["Treasury", "U.S. Agriculture Department", "U.K. Treasury"]));
        }
        d.add(&orgs(&["U.S. Treasury", "Agriculture Department", "US Treasury", "U.S. Steel", "U.S. Bancorp"]));
        d.add(&orgs(&["Bancorp"]));
        d.add(&orgs(&["Bancorp"]));
        let names = |list: &[&str]| {
            let mut e = orgs(list);
            d.canonicalize(&mut e);
            let mut n: Vec<String> = e.orgs.into_iter().map(|r| r.name).collect();
            n.sort();
            n
        };
        // The commoner way wins, with the country or without it; both go to the same one.
        assert_eq!(names(&["U.S. Treasury", "US Treasury"]), ["Treasury"]);
        assert_eq!(names(&["Agriculture Department"]), ["U.S. Agriculture Department"]);
        assert_eq!(names(&["Department of Agriculture"]), ["U.S. Agriculture Department"]);
        // Another country's institution keeps its name; a name never written bare keeps its own.
        assert_eq!(names(&["U.K. Treasury"]), ["U.K. Treasury"]);
        assert_eq!(names(&["U.S. Steel"]), ["U.S. Steel"]);
        // One word after the country is a company's unless it names a state body.
        assert_eq!(names(&["U.S. Bancorp"]), ["U.S. Bancorp"]);
        assert_eq!(d.with_or_without_country("Treasury"), None, "already the commoner");
        assert_eq!(d.facet_name("org", "us treasury"), "Treasury");
    }

    #[test]
    fn two_letter_acronyms_stand_for_a_dominant_name_but_not_for_a_country() {
        let mut d = EntityDictionary::default();
        for _ in 0..3 {
            d.add(&orgs(&["General Electric", "United Steelworkers", "European Community"]));
        }
        d.add(&orgs(&["European Commission", "Eastern Canada"]));
        assert_eq!(d.long_name("GE").as_deref(), Some("General Electric"));
        assert_eq!(d.long_name("US"), None, "a country");
        assert_eq!(d.long_name("EC"), None, "3 articles of 5 do not dominate");
        assert!(d.named_by("org", "ge").is_empty(), "two letters of a query are a word");
    }

    #[test]
    fn names_holding_the_acronym_or_only_initials_do_not_spell_it_out() {
        let mut d = EntityDictionary::default();
        for _ in 0..8 {
            d.add(&orgs(&["European Community"]));
        }
        for _ in 0..3 {
            d.add(&orgs(&["EC Commission", "E.C."]));
        }
        d.add(&orgs(&["Eastern Canada"]));
        // 8 articles of 9 (not of 15): "EC Commission" and "E.C." are not expansions of EC.
        assert_eq!(d.long_name("EC").as_deref(), Some("European Community"));
        let mut e = orgs(&["EC"]);
        d.canonicalize(&mut e);
        assert_eq!(e.orgs[0].name, "European Community");
    }

    #[test]
    fn a_company_short_form_is_its_dominant_long_name_unless_written_alone_more_often() {
        let mut d = EntityDictionary::default();
        for _ in 0..10 {
            d.add(&orgs(&["Moody's", "Moody's Investors Service", "Congress", "Congress", "Bank of England"]));
            d.add(&orgs(&["Congress", "Bank of Japan", "Hertz"]));
        }
        for _ in 0..9 {
            d.add(&orgs(&["Congress Party", "Hertz Realty"]));
        }
        assert_eq!(d.full_org_name("Moody's").as_deref(), Some("Moody's Investors Service"));
        assert_eq!(d.full_org_name("Congress"), None, "30 articles alone, 9 as the party");
        assert_eq!(d.full_org_name("Hertz"), None, "9 articles of a subsidiary are too few");
        assert_eq!(d.full_org_name("Bank"), None, "no one bank dominates");
        assert_eq!(d.full_org_name("GATT"), None, "an acronym");
        let mut e = orgs(&["Moody's"]);
        d.canonicalize(&mut e);
        assert_eq!(e.orgs[0].name, "Moody's Investors Service");
    }

    #[test]
    fn a_lone_word_written_as_a_firms_possessive_is_that_firm() {
        let mut d = EntityDictionary::default();
        for _ in 0..3 {
            d.add(&orgs(&["Macy's", "Sam's Club", "Rupert Murdoch's News Corp"]));
            d.add(&ents(&["Macy", "Sam", "Rupert Murdoch", "Murdoch", "Zell"]));
        }
        d.add(&orgs(&["Zell's Tribune"]));
        assert_eq!(d.possessive_firm("Macy").as_deref(), Some("Macy's"));
        assert_eq!(d.possessive_firm("Sam").as_deref(), Some("Sam's Club"));
        assert_eq!(d.possessive_firm("Murdoch"), None, "the surname of a known full name");
        assert_eq!(d.possessive_firm("Zell"), None, "one article is too few");
        assert_eq!(d.possessive_firm("Sam's Club"), None, "not a lone word");
        let mut e = ents(&["Macy", "Zell"]);
        d.canonicalize(&mut e);
        let names = |v: &[EntityRef]| v.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!((names(&e.people), names(&e.orgs)), (vec!["Zell".to_string()], vec!["Macy's".to_string()]));
    }

    #[test]
    fn initials_dotted_or_run_together_are_one_name_the_commoner() {
        let mut d = EntityDictionary::default();
        for _ in 0..5 {
            d.add(&orgs(&["JP Morgan", "J.P. Morgan Chase", "GE Capital", "U.S. Treasury"]));
        }
        for _ in 0..2 {
            d.add(&orgs(&["J.P. Morgan", "JP Morgan Chase", "US Treasury", "G.E. Capital"]));
        }
        assert_eq!(d.with_initials_joined_or_not("J.P. Morgan").as_deref(), Some("JP Morgan"));
        assert_eq!(d.with_initials_joined_or_not("J. P. Morgan").as_deref(), Some("JP Morgan"));
        assert_eq!(d.with_initials_joined_or_not("JP Morgan"), None, "already the commoner");
        assert_eq!(d.with_initials_joined_or_not("JP Morgan Chase").as_deref(), Some("J.P. Morgan Chase"));
        assert_eq!(d.with_initials_joined_or_not("US Treasury").as_deref(), Some("U.S. Treasury"));
        assert_eq!(d.with_initials_joined_or_not("G.E. Capital").as_deref(), Some("GE Capital"));
        assert_eq!(d.with_initials_joined_or_not("IMF"), None, "one word");
        assert_eq!(d.with_initials_joined_or_not("Bank of America"), None);
        assert_eq!(d.facet_name("org", "J.P. Morgan"), "JP Morgan");
        for _ in 0..5 {
            d.add(&orgs(&["SL Green", "S&L Green", "PE", "P/E"]));
        }
        d.add(&orgs(&["S&L", "S&L Green"]));
        assert_eq!(d.with_initials_joined_or_not("S&L"), None, "savings and loan, not SL");
        assert_eq!(d.with_initials_joined_or_not("SL Green"), None, "not S&L Green");
    }

    #[test]
    fn spellings_fold_case_and_diacritics() {
        let mut d = EntityDictionary::default();
        d.add(&ents(&["Iván Espinoza-Madrigal"]));
        d.add(&ents(&["Iván Espinoza-Madrigal"]));
        d.add(&ents(&["Ivan Espinoza-Madrigal"]));
        let mut e = ents(&["IVAN ESPINOZA-MADRIGAL"]);
        d.canonicalize(&mut e);
        assert_eq!(e.people[0].name, "Iván Espinoza-Madrigal");
        assert_eq!(d.resolve("person", "espinoza-madrigal"), ["Iván Espinoza-Madrigal"]);
    }
}
