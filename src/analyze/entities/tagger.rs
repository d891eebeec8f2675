//! The entity tagger: the committed model, sentence tagging, document-level consistency, training.

use super::clusters::WordClusters;
use super::conll::{parse_conll, Document};
use super::eval::{score, TypeScore};
use super::features::upper_sentence;
use super::gazetteer::is_country;
use super::perceptron::{train, Perceptron, QuantizedPerceptron, SentenceFeatures, DEFAULT_BUCKETS};
use super::sentence_rules::{cut_openings_from_organisations, dateline_places, Pattern, ORGANISATION_PATTERNS};
use super::tags::{begin, set_span, spans, Tag, LOC, ORG, PER};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The model trained on CoNLL-2003 English train (see `newsdex train-ner`), built into the binary.
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../../models/ner-conll2003.bin.gz");
/// Default training epochs.
pub const DEFAULT_EPOCHS: usize = 15;

/// A loaded tagger.
pub struct Tagger {
    model: QuantizedPerceptron,
    /// The word clusters the model was trained with.
    clusters: Arc<WordClusters>,
}

impl Tagger {
    /// The built-in model, loaded once per process; `None` when the binary was built without one.
    pub fn builtin() -> Option<&'static Tagger> {
        static TAGGER: OnceLock<Option<Tagger>> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::load(BUILTIN_MODEL).ok()).as_ref()
    }

    /// A tagger from a model file written by `newsdex train-ner` (with the built-in word
    /// clusters, which `train-ner` trains with).
    pub fn load(r: impl std::io::Read) -> std::io::Result<Self> {
        Ok(Tagger { model: QuantizedPerceptron::load(r)?, clusters: WordClusters::builtin() })
    }

    /// A tagger from a model and the word clusters it was trained with, with the weights as its
    /// model file would hold them.
    pub fn new(model: &Perceptron, clusters: Arc<WordClusters>) -> Self {
        Tagger { model: QuantizedPerceptron::from(model), clusters }
    }

    /// Tags one sentence.
    pub fn tag_sentence(&self, tokens: &[&str]) -> Vec<Tag> {
        self.model.tag(tokens, &self.clusters)
    }

    /// Tags the sentences of one document, applies the sentence patterns (countries, acronyms,
    /// months, terms and where a firm is based cut from organisations' names, score lines,
    /// clubs, publications, teams in results lines, firms before their spokesmen and after where
    /// they are based), then makes it consistent: a name tagged with a type in one place gets
    /// the type it has most often in the document everywhere, or the type a pattern settled for
    /// it; last, a dateline's places are places.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut tags: Vec<Vec<Tag>> = sentences.iter().map(|s| self.tag_sentence(s)).collect();
        let mut settled = Vec::new();
        for (k, (s, t)) in sentences.iter().zip(tags.iter_mut()).enumerate() {
            countries_are_places(s, t);
            acronyms_are_not_places(s, t);
            cut_openings_from_organisations(s, t);
            for rule in ORGANISATION_PATTERNS {
                settle(rule, k, s, t, &mut settled);
            }
        }
        make_consistent(sentences, &mut tags, &settled);
        // A dateline's places are places whatever the document calls the names elsewhere.
        for (s, t) in sentences.iter().zip(tags.iter_mut()) {
            for span in dateline_places(s) {
                set_span(t, span, LOC);
            }
        }
        tags
    }
}

/// Makes the organisations `rule` finds in sentence `k` organisations, and records their spans
/// as settled for [`make_consistent`].
fn settle(rule: Pattern, k: usize, tokens: &[&str], tags: &mut [Tag], settled: &mut Vec<(usize, usize, usize)>) {
    for span in rule(tokens, tags) {
        set_span(tags, span.clone(), ORG);
        settled.push((k, span.start, span.end));
    }
}

/// Retypes a whole span that spells a country name as a place (LOC).
fn countries_are_places(tokens: &[&str], tags: &mut [Tag]) {
    for (ty, a, b) in spans(tags) {
        if ty != LOC && is_country(&tokens[a..b].join(" ")) {
            set_span(tags, a..b, LOC);
        }
    }
}

/// Abbreviations that are places: in a sentence of mixed case, any other acronym of three to six
/// capitals tagged as a place ("OPEC", "GATT": their word vectors sit among countries) is an
/// organisation, unless it opens the sentence (a dateline: "NICE, France").
const PLACE_ACRONYMS: [&str; 10] = ["USA", "UAE", "USSR", "PRC", "DRC", "NYC", "GDR", "FRG", "ROK", "DPRK"];

/// Organisations news agencies write as a word in title case ("Opec", "Nato"): the tagger, which
/// learnt them in capitals, takes them for places.
const TITLE_CASE_ACRONYMS: [&str; 16] = [
    "Opec", "Nato", "Unesco", "Unicef", "Unctad", "Unhcr", "Asean", "Oecd", "Comecon", "Efta", "Gatt", "Mercosur",
    "Ecowas", "Interpol", "Fifa", "Nasa",
];

/// Retypes a one-word place written as an acronym as an organisation (see [`PLACE_ACRONYMS`]),
/// and a word of [`TITLE_CASE_ACRONYMS`] standing alone, whatever it was tagged.
fn acronyms_are_not_places(tokens: &[&str], tags: &mut [Tag]) {
    for (i, w) in tokens.iter().enumerate() {
        // Untagged, or a name of this one word (not a part of a longer name, "Opec Secretariat").
        let continued = tags.get(i + 1).is_some_and(|&t| t != 0 && t % 2 == 0);
        let alone = (tags[i] == 0 || tags[i] % 2 == 1) && !continued;
        if alone && TITLE_CASE_ACRONYMS.contains(w) {
            tags[i] = begin(ORG);
        }
    }
    if upper_sentence(tokens) {
        return;
    }
    for (ty, a, b) in spans(tags) {
        let w = tokens[a];
        // At the start of a sentence only when a word follows ("OPEC's", "OPEC said"): "NICE,
        // France" is a dateline, "FRANCE - Bond futures" a heading, "GOLDS 8714.4" a table row.
        let not_a_dateline =
            a > 0 || tokens.get(1).is_some_and(|t| t.starts_with(|c: char| c.is_alphabetic() || c == '\''));
        // A country in capitals ("FRANCE") is written in title case in the gazetteer.
        let title_case = || w.chars().take(1).chain(w.chars().skip(1).flat_map(char::to_lowercase)).collect::<String>();
        if ty == LOC
            && not_a_dateline
            && b == a + 1
            && (3..=6).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_uppercase())
            && !PLACE_ACRONYMS.contains(&w)
            && !is_country(w)
            && !is_country(&title_case())
        {
            tags[a] = begin(ORG);
        }
    }
}

/// Votes a name has where a sentence pattern settled its type ([`super::sentence_rules`]): the
/// pattern outvotes the tagger's readings elsewhere in the document.
const SETTLED_VOTES: usize = 1_000;

/// Document-level consistency: every occurrence of a tagged name (capitalised, outside other
/// entities) takes the name's majority type in the document, whatever its case ("OPEC" and
/// "Opec" are one name). The spans in `settled` (sentence, start, end) decide their name's type.
pub fn make_consistent(sentences: &[Vec<&str>], tags: &mut [Vec<Tag>], settled: &[(usize, usize, usize)]) {
    // Every token's lower case as a number, so names are compared as numbers.
    type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
    let mut numbers: Map<std::borrow::Cow<str>, u32> = Map::default();
    let lower: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    let next = numbers.len() as u32;
                    *numbers.entry(lower_case(w)).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut words = vec![""; numbers.len()];
    for (w, &n) in &numbers {
        words[n as usize] = w;
    }
    let mut votes: Map<&[u32], [usize; 4]> = Map::default();
    for (k, ((s, l), t)) in sentences.iter().zip(&lower).zip(tags.iter()).enumerate() {
        for (ty, a, b) in spans(t) {
            if s[a..b].iter().any(|w| capitalised(w)) {
                let weight = if settled.contains(&(k, a, b)) { SETTLED_VOTES } else { 1 };
                votes.entry(&l[a..b]).or_default()[ty] += weight;
            }
        }
    }
    let mut settled_organisations: Vec<Vec<&str>> = Vec::new();
    let mut names: Vec<(Vec<&str>, usize)> = votes
        .into_iter()
        .map(|(name, v)| {
            let ty = (0..4).max_by_key(|&t| (v[t], std::cmp::Reverse(t))).expect("four types");
            let name: Vec<&str> = name.iter().map(|&n| words[n as usize]).collect();
            if ty == ORG && v[ORG] >= SETTLED_VOTES {
                settled_organisations.push(name.clone());
            }
            (name, ty)
        })
        .collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    // A person's name opened by an organisation's a pattern settled ("the Deportivo chairman",
    // "Deportivo Coruna") is the organisation's.
    for (name, ty) in &mut names {
        if *ty == PER && settled_organisations.iter().any(|o| o.len() < name.len() && name.starts_with(o)) {
            *ty = ORG;
        }
    }
    name_parts_take_the_type_of_the_whole(&mut names);
    let names: Vec<(Vec<u32>, usize)> =
        names.into_iter().map(|(name, ty)| (name.iter().map(|w| numbers[*w]).collect(), ty)).collect();
    for ((s, l), t) in sentences.iter().zip(&lower).zip(tags.iter_mut()) {
        for (name, ty) in &names {
            let n = name.len();
            let mut i = 0;
            while i + n <= s.len() {
                // The first word alone first: comparing whole slices at every word cost 1 % of indexing.
                if l[i] == name[0] && l[i..i + n] == name[..] && s[i..i + n].iter().any(|w| capitalised(w)) {
                    let free =
                        t[i..i + n].iter().all(|&x| x == 0) && (i + n == s.len() || t[i + n] % 2 == 1 || t[i + n] == 0);
                    let same_span = spans(t).iter().any(|x| x.1 == i && x.2 == i + n);
                    if free || same_span {
                        set_span(t, i..i + n, *ty);
                    }
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
    }
}

/// A word in lower case, borrowed when it is ASCII in lower case already.
fn lower_case(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        w.into()
    } else {
        w.to_lowercase().into()
    }
}

/// True when a word starts with a capital.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A shorter name that ends a person's name ("Clinton" of "Bill Clinton") is that person; one
/// tagged as a person that opens an organisation's name ("Jones" of "Jones Medical") is that
/// organisation, unless it also ends a person's name or the organisation is named after the
/// person ("Reagan" of "Ronald Reagan" and of "Reagan Administration"); a place that opens one
/// ("Leeds" of "Leeds United") stays a place. `names` is sorted longest first, so a changed type
/// carries on to still shorter names.
fn name_parts_take_the_type_of_the_whole(names: &mut [(Vec<&str>, usize)]) {
    for k in 0..names.len() {
        let (short, ty) = (&names[k].0, names[k].1);
        let longer = || names[..k].iter().filter(|(long, _)| long.len() > short.len());
        if longer().any(|(long, lt)| *lt == PER && long.ends_with(short)) {
            names[k].1 = PER;
        } else if ty == PER
            && longer().any(|(long, lt)| *lt == ORG && long.starts_with(short) && !named_after(&long[short.len()..]))
        {
            names[k].1 = ORG;
        }
    }
}

/// True when the words after a person's name make a body named after the person ("[Reagan]
/// Administration", "[Yeltsin] government"), not an organisation the name is short for.
fn named_after(rest: &[&str]) -> bool {
    const BODIES: [&str; 7] = ["administration", "government", "cabinet", "campaign", "presidency", "camp", "team"];
    rest.len() == 1 && BODIES.iter().any(|b| rest[0].eq_ignore_ascii_case(b))
}

/// Tags CoNLL documents (with document consistency) and returns (gold, predicted) per sentence.
pub fn tag_conll(tagger: &Tagger, docs: &[Document]) -> Vec<(Vec<Tag>, Vec<Tag>)> {
    let mut out = Vec::new();
    for d in docs {
        let sentences: Vec<Vec<&str>> =
            d.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let pred = tagger.tag_document(&sentences);
        for (s, p) in d.sentences.iter().zip(pred) {
            out.push((s.gold.clone().unwrap_or_else(|| vec![0; p.len()]), p));
        }
    }
    out
}

/// Trains on CoNLL train text, reporting dev scores after each epoch; returns the model.
pub fn train_ner(
    train_text: &str,
    dev_text: &str,
    epochs: usize,
    clusters: Arc<WordClusters>,
    mut report: impl FnMut(usize, &[TypeScore]),
) -> Perceptron {
    let train_docs = parse_conll(train_text);
    let dev_docs = parse_conll(dev_text);
    let data: Vec<(SentenceFeatures, Vec<Tag>)> = train_docs
        .iter()
        .flat_map(|d| &d.sentences)
        .filter_map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            Some((SentenceFeatures::new(&tokens, DEFAULT_BUCKETS, &clusters), s.gold.clone()?))
        })
        .collect();
    train(&data, DEFAULT_BUCKETS, epochs, |epoch, model| {
        let tagger = Tagger::new(model, Arc::clone(&clusters));
        report(epoch, &score(&tag_conll(&tagger, &dev_docs)));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags of a sentence from IOB2 strings.
    fn tags(iob: &[&str]) -> Vec<Tag> {
        iob.iter().map(|t| super::super::tags::parse_tag(t).unwrap()).collect()
    }

    fn consistent(sentences: &[&[&str]], iob: &[&[&str]]) -> Vec<Vec<Tag>> {
        let sentences: Vec<Vec<&str>> = sentences.iter().map(|s| s.to_vec()).collect();
        let mut t: Vec<Vec<Tag>> = iob.iter().map(|s| tags(s)).collect();
        make_consistent(&sentences, &mut t, &[]);
        t
    }

    /// What `tag_document` does with `pattern` alone, applied to the first sentence: settles its
    /// organisations, then makes the document consistent.
    fn settle_first_sentence(pattern: Pattern, sentences: &[Vec<&str>], t: &mut [Vec<Tag>]) {
        let mut settled = Vec::new();
        settle(pattern, 0, &sentences[0], &mut t[0], &mut settled);
        make_consistent(sentences, t, &settled);
    }

    #[test]
    fn a_type_a_sentence_pattern_settled_holds_across_the_document() {
        let sentences: Vec<Vec<&str>> =
            vec![vec!["the", "newspaper", "Granma", "said"], vec!["Granma", "called"], vec!["Granma", "wrote"]];
        let read = || vec![tags(&["O", "O", "B-MISC", "O"]), tags(&["B-PER", "O"]), tags(&["B-PER", "O"])];
        // The tagger's majority alone: a person everywhere.
        let mut t = read();
        make_consistent(&sentences, &mut t, &[]);
        assert!(t.iter().all(|s| s.contains(&begin(PER))));
        // Through the tagger: the pattern settles it as an organisation everywhere.
        let mut t = read();
        settle_first_sentence(super::super::sentence_rules::publications, &sentences, &mut t);
        assert!(t.iter().all(|s| s.contains(&begin(ORG)) && !s.contains(&begin(PER))));
    }

    #[test]
    fn a_person_opened_by_a_settled_organisation_is_the_organisation() {
        let sentences: Vec<Vec<&str>> = vec![
            vec!["the", "Deportivo", "chairman", "said"],
            vec!["contenders", "Deportivo", "Coruna", "."],
            vec!["Jacobs", "Engineering", "and", "Irwin", "Jacobs"],
        ];
        let read = || {
            vec![
                tags(&["O", "B-PER", "O", "O"]),
                tags(&["O", "B-PER", "I-PER", "O"]),
                tags(&["B-ORG", "I-ORG", "O", "B-PER", "I-PER"]),
            ]
        };
        // The pattern settles "Deportivo" alone; "Deportivo Coruna", which it opens, follows. A
        // person whose name an organisation's ends ("Irwin Jacobs") keeps their type.
        let mut t = read();
        settle_first_sentence(super::super::sentence_rules::spokespeople, &sentences, &mut t);
        assert_eq!(t[1], tags(&["O", "B-ORG", "I-ORG", "O"]));
        assert_eq!(t[2], read()[2]);
        // Read by the tagger alone, with nothing settled: a person.
        let mut t = read();
        make_consistent(&sentences, &mut t, &[]);
        assert_eq!(t[1], read()[1]);
    }

    #[test]
    fn a_name_part_takes_the_type_of_the_whole_name() {
        // A surname is the person; a "person" opening a company's name is the company.
        let t = consistent(
            &[&["Bill", "Clinton", "and", "Jones", "Medical", "Industries"], &["Clinton", "said", "Jones", "rose"]],
            &[&["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "I-ORG"], &["B-LOC", "O", "B-PER", "O"]],
        );
        assert_eq!(t[1], tags(&["B-PER", "O", "B-ORG", "O"]));
        // Named after the person, or a place opening a team's name: unchanged.
        let t = consistent(
            &[&["Reagan", "Administration", "officials", "and", "Leeds", "United"], &["Reagan", "in", "Leeds"]],
            &[&["B-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG"], &["B-PER", "O", "B-LOC"]],
        );
        assert_eq!(t[1], tags(&["B-PER", "O", "B-LOC"]));
    }

    #[test]
    fn a_name_keeps_its_majority_type_whatever_its_case() {
        let t = consistent(
            &[&["OPEC", "ministers", "met"], &["Opec", "said", "opec"], &["OPEC", "agreed"]],
            &[&["B-ORG", "O", "O"], &["B-LOC", "O", "O"], &["B-ORG", "O"]],
        );
        assert_eq!(t[1], tags(&["B-ORG", "O", "O"]), "a word in lower case is not the name");
    }

    #[test]
    fn an_acronym_is_a_place_only_when_it_names_one() {
        let mut t = tags(&["O", "O", "B-LOC", "O", "B-LOC"]);
        acronyms_are_not_places(&["Ministers", "of", "OPEC", "visited", "USA"], &mut t);
        assert_eq!(t, tags(&["O", "O", "B-ORG", "O", "B-LOC"]));
        // A dateline, and a headline in capitals, are left as tagged.
        let mut t = tags(&["B-LOC", "O", "B-LOC"]);
        acronyms_are_not_places(&["NICE", ",", "France"], &mut t);
        assert_eq!(t, tags(&["B-LOC", "O", "B-LOC"]));
        let mut t = tags(&["B-LOC", "O"]);
        acronyms_are_not_places(&["OPEC", "MEETS"], &mut t);
        assert_eq!(t, tags(&["B-LOC", "O"]));
        // An acronym opening a sentence without a dateline's comma is retyped.
        let mut t = tags(&["B-LOC", "O", "O"]);
        acronyms_are_not_places(&["OPEC", "'s", "credibility"], &mut t);
        assert_eq!(t, tags(&["B-ORG", "O", "O"]));
    }

    #[test]
    fn an_organisation_written_in_title_case_is_one_whatever_it_was_tagged() {
        let mut t = tags(&["O", "O", "O", "B-LOC", "O", "B-MISC", "O", "O"]);
        acronyms_are_not_places(&["The", "resolution", "of", "Opec", "members", "Nato", "summit", "Unesco"], &mut t);
        assert_eq!(t, tags(&["O", "O", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG"]));
        // Part of a longer name, it is left to that name.
        let mut t = tags(&["B-ORG", "I-ORG", "O"]);
        acronyms_are_not_places(&["Opec", "Secretariat", "said"], &mut t);
        assert_eq!(t, tags(&["B-ORG", "I-ORG", "O"]));
    }
}
