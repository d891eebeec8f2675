//! What the facet sidebar shows, scored: per CoNLL document, the distinct people and
//! organisations [`extract`] gives against the distinct gold names, as precision and recall.

use super::article_entities::{extract, facet_key, join_org_short_forms, join_surnames};
use super::conll::Document;
use super::eval::TypeScore;
use super::tags::{spans, TYPES};
use super::Tagger;
use crate::ingest::Article;
use std::collections::BTreeSet;

/// Document-level scores of one type (`PER` or `ORG`): `gold` counts the distinct gold names
/// summed over documents, `predicted` the distinct facet values shown, `correct` those that
/// are gold names.
pub type DocScore = TypeScore;

/// The article a CoNLL document stands for: its first sentence as headline, the rest as body
/// (one paragraph per sentence), tokens joined by spaces.
pub fn article_of(doc: &Document) -> Article {
    let mut sentences = doc.sentences.iter().map(|s| s.tokens.join(" "));
    let title = sentences.next().unwrap_or_default();
    Article { title, body: sentences.collect::<Vec<_>>().join("\n\n"), ..Article::default() }
}

/// The distinct gold names of one type in a document, as facet keys (so that "Barnett Banks
/// Inc" is the value "Barnett Banks"), with the aliases the facets join made one: a one-word
/// name that is the one longer gold name's first or last word (a surname, "Wang" of "Wang
/// Donghai") is that person; an acronym or the first word of the one longer name is that
/// organisation.
fn gold_names(doc: &Document, kind: &str) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for s in &doc.sentences {
        let Some(gold) = &s.gold else { continue };
        for (ty, a, b) in spans(gold) {
            if TYPES[ty] == kind {
                all.insert(facet_key(kind, &s.tokens[a..b].join(" ")));
            }
        }
    }
    let keys: Vec<String> = all.iter().cloned().collect();
    let join = if kind == "PER" { join_surnames } else { join_org_short_forms };
    all.into_iter().filter(|k| join(k, &keys).is_none()).collect()
}

/// Scores the people and organisations of every document against its gold names.
pub fn score_documents(tagger: &Tagger, docs: &[Document]) -> Vec<DocScore> {
    score_with_errors(tagger, docs).0
}

/// The errors behind the scores: (`PER`/`ORG`, name key) → documents where the value was
/// shown though no gold name (`wrong`) or a gold name was not shown (`missed`).
pub type DocErrors = std::collections::BTreeMap<(String, String), (usize, usize)>;

/// [`score_documents`] with the errors counted by name.
pub fn score_with_errors(tagger: &Tagger, docs: &[Document]) -> (Vec<DocScore>, DocErrors) {
    let mut errors = DocErrors::new();
    let mut counts = [[0usize; 3]; 2];
    for doc in docs {
        let found = extract(tagger, &article_of(doc));
        for (i, (kind, list)) in [("PER", &found.people), ("ORG", &found.orgs)].into_iter().enumerate() {
            let gold = gold_names(doc, kind);
            let predicted: BTreeSet<String> = list.iter().map(|e| facet_key(kind, &e.name)).collect();
            counts[i][0] += gold.len();
            counts[i][1] += predicted.len();
            counts[i][2] += predicted.intersection(&gold).count();
            for k in predicted.difference(&gold) {
                errors.entry((kind.to_string(), k.clone())).or_default().0 += 1;
            }
            for k in gold.difference(&predicted) {
                errors.entry((kind.to_string(), k.clone())).or_default().1 += 1;
            }
        }
    }
    let scores = ["PER", "ORG"]
        .iter()
        .zip(counts)
        .map(|(kind, [gold, predicted, correct])| TypeScore::of(kind, gold, predicted, correct))
        .collect();
    (scores, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::entities::conll::parse_conll;

    #[test]
    fn surnames_and_acronyms_of_gold_names_are_those_names() {
        let text = "-DOCSTART- O\n\nNayib B-PER\nBukele I-PER\nmet O\nthe O\nInternational B-ORG\nMonetary I-ORG\nFund I-ORG\n. O\n\n\
                    Bukele B-PER\nand O\nIMF B-ORG\nagreed O\n. O\n";
        let doc = &parse_conll(text)[0];
        assert_eq!(gold_names(doc, "PER").into_iter().collect::<Vec<_>>(), ["nayib bukele"]);
        assert_eq!(gold_names(doc, "ORG").into_iter().collect::<Vec<_>>(), ["international monetary fund"]);
        assert_eq!(article_of(doc).body, "Bukele and IMF agreed .");
    }

    #[test]
    fn gold_names_join_as_the_facets_join_them() {
        // "Wang" is the family name of "Wang Donghai", written first; "Brightfield" the short form
        // of "Brightfield Energy". "Smith" ends two people's names, so it stays a name of its own
        // (the facets cannot tell which), and so does "Energy", the last word of a company.
        let text = "-DOCSTART- O\n\nWang B-PER\nDonghai I-PER\nmet O\nJohn B-PER\nSmith I-PER\nand O\nAnn B-PER\n\
                    Smith I-PER\nof O\nBrightfield B-ORG\nEnergy I-ORG\n. O\n\nWang B-PER\nand O\nSmith B-PER\nleft O\n\
                    Brightfield B-ORG\nand O\nEnergy B-ORG\n. O\n";
        let doc = &parse_conll(text)[0];
        assert_eq!(
            gold_names(doc, "PER").into_iter().collect::<Vec<_>>(),
            ["ann smith", "john smith", "smith", "wang donghai"]
        );
        assert_eq!(gold_names(doc, "ORG").into_iter().collect::<Vec<_>>(), ["brightfield energy", "energy"]);
    }
}
