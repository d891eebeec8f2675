//! Entity mentions in raw text: tokenise, split sentences, tag the whole text as one document.

use super::companies::is_ticker;
use super::tags::{spans, TYPES};
use super::tokenize::sentences;
use super::Tagger;
use serde::Serialize;

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// PER, ORG, LOC or MISC.
    pub kind: &'static str,
    /// The text as written.
    pub text: String,
    /// Start byte in the input.
    pub start: usize,
    /// End byte in the input.
    pub end: usize,
    /// Sentence number (0-based).
    pub sentence: usize,
}

/// Every entity mention of `text`, in order.
pub fn mentions(tagger: &Tagger, text: &str) -> Vec<Mention> {
    let sents = sentences(text);
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|t| &text[t.start..t.end]).collect()).collect();
    let tags = tagger.tag_document(&words);
    let mut out = Vec::new();
    for (si, ((s, t), w)) in sents.iter().zip(&tags).zip(&words).enumerate() {
        for (ty, mut a, b) in spans(t) {
            // "Lawyers for [Civil Rights]", "Bank of [England]": an organisation's head words
            // before "for"/"of" that the tagger left out join the name.
            if TYPES[ty] == "ORG"
                && a >= 2
                && matches!(w[a - 1], "for" | "of")
                && t[a - 1] == 0
                && t[a - 2] == 0
                && w[a - 2].chars().next().is_some_and(char::is_uppercase)
                && a - 2 > 0
            {
                a -= 2;
            }
            // A name neither starts nor ends with a token of no letters or digits ("> Home Oil").
            let word = |i: usize| w[i].chars().any(char::is_alphanumeric);
            let mut b = b;
            while a < b && !word(a) {
                a += 1;
            }
            while b > a && !word(b - 1) {
                b -= 1;
            }
            // A capitalised connective opening a sentence is not part of the name after it
            // ("Although Bank of Japan", "For Wall Street"), nor is a ticker before it ("News
            // Corp.'s NWSa.N MySpace"), nor where it is based ("Minneapolis-based First Bank").
            while b - a > 1 && (is_capitalised(w[a], CONNECTIVES) || is_ticker(w[a]) || w[a].ends_with("-based")) {
                a += 1;
            }
            // A ticker in angle brackets after a company's name ("Exxon Corp <XON>") is no name.
            let bracketed = a > 0 && w[a - 1] == "<" && w.get(b) == Some(&">");
            // Capitalised "And" or "Was" inside: words of a title-case headline, or text
            // capitalised after every full stop ("the U.S. And Japan"), not one name.
            let headline = w.get(a + 1..b).is_some_and(|inner| inner.iter().any(|x| is_capitalised(x, INNER_WORDS)));
            if a == b || headline || (bracketed && b == a + 1 && is_ticker_symbol(w[a])) {
                continue;
            }
            let (start, end) = (s[a].start, s[b - 1].end);
            out.push(Mention { kind: TYPES[ty], text: text[start..end].to_string(), start, end, sentence: si });
        }
    }
    out
}

/// Connectives, prepositions and "former" that open a sentence (lower case).
#[rustfmt::skip]
const CONNECTIVES: &[&str] = &[
    "after", "although", "and", "as", "before", "but", "for", "former", "from", "however", "if", "meanwhile", "moreover",
    "since", "then", "though", "when", "while", "with", "yet",
];

/// Conjunctions, auxiliaries and relative pronouns: never a word of a name written in running
/// text. ("Will", "May", "Can" and "Said" are not here: they are surnames and company words.)
const INNER_WORDS: &[&str] = &[
    "and", "or", "but", "nor", "was", "were", "is", "are", "would", "could", "should", "has", "have", "had", "did",
    "which", "who",
];

/// True for `word` written with one capital then lower case ("And"), whose lower case is in `list`.
fn is_capitalised(word: &str, list: &[&str]) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase())
        && list.contains(&word.to_ascii_lowercase().as_str())
}

/// Capitals, digits and dots, as a stock symbol is written ("XON", "AKZO.AS", "BRK.A").
fn is_ticker_symbol(w: &str) -> bool {
    w.len() <= 10
        && w.chars().any(|c| c.is_ascii_uppercase())
        && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
}

/// Mentions of the given (kind, text), found in `body` in that order: what a test's tagger would
/// have found.
#[cfg(test)]
pub(super) fn found_in(body: &str, tagged: &[(&'static str, &str)]) -> Vec<Mention> {
    let mut from = 0;
    tagged
        .iter()
        .map(|&(kind, text)| {
            let start = from + body[from..].find(text).unwrap();
            from = start + text.len();
            Mention { kind, text: text.into(), start, end: from, sentence: 0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_to_words_and_bracketed_tickers_are_none() {
        let Some(tagger) = Tagger::builtin() else { return };
        let text = "Exxon Corp <XON> and <Banque Industrielle et Mobiliere Privee> said on Monday.";
        let found = mentions(tagger, text);
        assert!(found.iter().all(|m| m.text != "XON" && !m.text.contains(['<', '>'])), "{found:?}");
        assert!(found.iter().any(|m| m.text == "Exxon Corp"), "{found:?}");
    }

    #[test]
    fn headline_words_and_opening_connectives_are_no_part_of_a_name() {
        assert!(is_capitalised("And", INNER_WORDS) && !is_capitalised("and", INNER_WORDS));
        assert!(!is_capitalised("AND", INNER_WORDS) && !is_capitalised("Can", INNER_WORDS));
        let Some(tagger) = Tagger::builtin() else { return };
        let text = "Officials want a rate differential between the U.S. And Japan, the ministry said. \
                    Although Bank of Japan officials disagreed, Mitsubishi Bank and Sanwa Bank said it was fair.";
        let found: Vec<String> = mentions(tagger, text).into_iter().map(|m| m.text).collect();
        assert!(!found.iter().any(|m| m.contains(" And ") || m.starts_with("Although")), "{found:?}");
        assert!(found.iter().any(|m| m == "Bank of Japan"), "{found:?}");
        // Lower-case "and" between two names still parts them, and neither is lost.
        assert!(found.iter().any(|m| m == "Mitsubishi Bank") && found.iter().any(|m| m == "Sanwa Bank"), "{found:?}");
        let text = "Rupert Murdoch's News Corp.'s NWSa.N MySpace site signed a deal.";
        let found: Vec<String> = mentions(tagger, text).into_iter().map(|m| m.text).collect();
        assert!(found.iter().any(|m| m == "MySpace") && !found.iter().any(|m| m.contains("NWSa.N")), "{found:?}");
    }

    #[test]
    fn an_opening_preposition_or_where_a_firm_is_based_is_no_part_of_its_name() {
        let Some(tagger) = Tagger::builtin() else { return };
        let text = "Since Wall Street opened, shares fell. Former Federal Reserve officials said so. \
                    The Michigan-based Delphi Corp said it would cut jobs. Interested in buying are \
                    Minneapolis-based First Bank System Inc. and Norwest Corp.";
        let found: Vec<String> = mentions(tagger, text).into_iter().map(|m| m.text).collect();
        for name in ["Wall Street", "Federal Reserve", "Delphi Corp", "First Bank System Inc."] {
            assert!(found.iter().any(|m| m == name), "{name}: {found:?}");
        }
        assert!(
            !found.iter().any(|m| m.starts_with("Since ") || m.starts_with("Former ") || m.contains("-based ")),
            "{found:?}"
        );
    }
}
