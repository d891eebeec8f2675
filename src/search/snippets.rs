//! Snippets: the best fragment of the body around the query words, with match ranges.

use crate::index::schema::{news_analyzer, MAX_TOKEN_BYTES};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

/// Longest snippet, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 220;
/// Characters of context shown before the first highlighted word, at most.
const LEAD_IN_CHARS: usize = 40;

/// A fragment and the byte ranges of its highlighted words.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Highlighted byte ranges in `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// Makes snippets for a query's hits: the window of the body holding the most distinct query
/// terms, with those words highlighted. Words in ASCII (nearly all) are stemmed only when they
/// could stem to a query term (they start with its first letters), which keeps snippets cheap on
/// long articles.
pub struct Snippets {
    /// Query terms of the field, as the news analyzer indexes them.
    terms: Vec<String>,
    /// Each term's first three characters, in bytes.
    prefixes: Vec<Vec<u8>>,
}

impl Snippets {
    /// Prepares snippets for the terms `query` has in `field`.
    pub fn new(query: &dyn Query, field: Field) -> Self {
        let mut terms = Vec::new();
        query.query_terms(&mut |t, _| {
            if t.field() == field {
                if let Some(text) = t.value().as_str() {
                    terms.push(text.to_string());
                }
            }
        });
        terms.sort();
        terms.dedup();
        // The first three characters (not bytes: a term may be "mbѽje").
        let prefixes = terms
            .iter()
            .map(|t| t.char_indices().nth(3).map_or(t.as_bytes(), |(i, _)| &t.as_bytes()[..i]).to_vec())
            .collect();
        Snippets { terms, prefixes }
    }

    /// The query term the word `word` (as written in the body) stands for, if any: what the
    /// index's analyzer makes of it. A word in ASCII is compared with the terms' first letters
    /// before it is lower-cased and stemmed; any other word goes through the analyzer itself
    /// (made on the first such word).
    fn term_at(
        &self,
        word: &str,
        lower: &mut String,
        stemmer: &frostem::Stemmer,
        analyzer: &mut Option<TextAnalyzer>,
    ) -> Option<usize> {
        if word.len() >= MAX_TOKEN_BYTES {
            return None;
        }
        if !word.is_ascii() {
            let mut stream = analyzer.get_or_insert_with(news_analyzer).token_stream(word);
            return if stream.advance() { self.terms.iter().position(|t| *t == stream.token().text) } else { None };
        }
        let could = |p: &Vec<u8>| word.len() >= p.len() && word.as_bytes()[..p.len()].eq_ignore_ascii_case(p);
        if !self.prefixes.iter().any(could) {
            return None;
        }
        lower.clear();
        lower.push_str(word);
        lower.make_ascii_lowercase();
        let stem = stemmer.stem(lower);
        self.terms.iter().position(|t| **t == *stem)
    }

    /// The snippet of `body`; the start of the body when no query word is in it.
    pub fn fragment(&self, body: &str) -> Fragment {
        let mut matches: Vec<(usize, usize, usize)> = Vec::new();
        if !self.terms.is_empty() {
            let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
            let (mut lower, mut analyzer) = (String::new(), None);
            for (from, to) in word_ranges(body) {
                if let Some(term) = self.term_at(&body[from..to], &mut lower, &stemmer, &mut analyzer) {
                    matches.push((from, to, term));
                }
            }
        }
        if matches.is_empty() {
            return Fragment { text: lead(body, DEFAULT_SNIPPET_CHARS), highlights: vec![] };
        }
        // The window of at most DEFAULT_SNIPPET_CHARS holding the most distinct terms, earliest first.
        let mut best = (0, 0, 0usize);
        let mut seen = vec![false; self.terms.len()];
        for i in 0..matches.len() {
            seen.fill(false);
            let mut j = i;
            while j < matches.len() && matches[j].1 - matches[i].0 <= DEFAULT_SNIPPET_CHARS {
                seen[matches[j].2] = true;
                j += 1;
            }
            let distinct = seen.iter().filter(|s| **s).count();
            if distinct > best.2 {
                best = (i, j, distinct);
            }
        }
        let first = matches[best.0].0;
        let start = word_start(body, first.saturating_sub(LEAD_IN_CHARS), first);
        let end = word_end(body, (start + DEFAULT_SNIPPET_CHARS).max(matches[best.1 - 1].1));
        let highlights: Vec<[usize; 2]> =
            matches.iter().filter(|m| m.0 >= start && m.1 <= end).map(|m| [m.0 - start, m.1 - start]).collect();
        fold_whitespace(&body[start..end], &highlights)
    }
}

/// Words as the index's tokenizer cuts them: runs of alphanumeric characters, as byte ranges.
fn word_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let from = next_char(text, at, char::is_alphanumeric)?;
        let to = next_char(text, from, |c| !c.is_alphanumeric()).unwrap_or(text.len());
        at = to;
        Some((from, to))
    })
}

/// The byte offset of the first character at or after `at` (a character boundary) for which
/// `test` holds; a byte below 128 is its own character and needs no decoding (news text is
/// nearly all ASCII).
#[inline]
fn next_char(text: &str, mut at: usize, test: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        let (c, len) = match b {
            0..0x80 => (char::from(b), 1),
            _ => text[at..].chars().next().map(|c| (c, c.len_utf8()))?,
        };
        if test(c) {
            return Some(at);
        }
        at += len;
    }
    None
}

/// The start of the first word at or after byte `from` (never after `limit`).
fn word_start(text: &str, from: usize, limit: usize) -> usize {
    if from == 0 {
        return 0;
    }
    let mut i = from;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..limit].find(char::is_whitespace) {
        Some(ws) => {
            let after = i + ws;
            after + text[after..limit].len() - text[after..limit].trim_start().len()
        }
        None => limit,
    }
}

/// The end of the word at byte `to` (or the text's end).
fn word_end(text: &str, to: usize) -> usize {
    if to >= text.len() {
        return text.len();
    }
    let mut i = to;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    text[i..].find(char::is_whitespace).map_or(text.len(), |ws| i + ws)
}

/// Folds runs of whitespace (wire indentation, line breaks) to one space, moving the ranges along.
fn fold_whitespace(text: &str, ranges: &[[usize; 2]]) -> Fragment {
    let mut out = String::with_capacity(text.len());
    // Where each byte of `text` is in `out` (a run of whitespace: where its one space is).
    let mut map = vec![0usize; text.len() + 1];
    let mut at = 0;
    while at < text.len() {
        // A run of other characters, copied whole.
        let end = next_char(text, at, char::is_whitespace).unwrap_or(text.len());
        let base = out.len();
        map[at..end].iter_mut().enumerate().for_each(|(i, m)| *m = base + i);
        out.push_str(&text[at..end]);
        if end == text.len() {
            break;
        }
        let after = next_char(text, end, |c| !c.is_whitespace()).unwrap_or(text.len());
        map[end..after].fill(out.len());
        out.push(' ');
        at = after;
    }
    map[text.len()] = out.len();
    let highlights =
        ranges.iter().filter(|[s, e]| *e <= text.len() && s < e).map(|[s, e]| [map[*s], map[*e]]).collect();
    Fragment { text: out, highlights }
}

/// The first `max_chars` characters of `text` with whitespace folded, cut at a word end.
pub fn lead(text: &str, max_chars: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max_chars {
        return folded;
    }
    let cut: String = folded.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_highlights_on_their_words() {
        let text = "oil  prices\n    rose";
        let f = fold_whitespace(text, &[[5, 11], [16, 20]]);
        assert_eq!(f.text, "oil prices rose");
        let words: Vec<&str> = f.highlights.iter().map(|[s, e]| &f.text[*s..*e]).collect();
        assert_eq!(words, ["prices", "rose"]);
        // Every kind of whitespace folds as `char::is_whitespace` says, in and out of ASCII.
        for text in ["a\u{b}b\u{c}c\r\n d", "É \u{2003}\u{a0}ö\u{85}x", "東京\t\t京", " lead and trail ", ""] {
            let mut reference = String::new();
            for c in text.chars() {
                match c.is_whitespace() {
                    true if reference.ends_with(' ') => {}
                    true => reference.push(' '),
                    false => reference.push(c),
                }
            }
            assert_eq!(fold_whitespace(text, &[]).text, reference, "{text:?}");
        }
    }

    #[test]
    fn fragments_highlight_stemmed_matches_in_the_densest_window() {
        let mut schema = tantivy::schema::Schema::builder();
        let body = schema.add_text_field("body", tantivy::schema::TEXT);
        let q = tantivy::query::BooleanQuery::new_multiterms_query(
            ["deporte", "prison"].iter().map(|t| tantivy::Term::from_field_text(body, t)).collect(),
        );
        let s = Snippets::new(&q, body);
        let text = format!("{} The deal sends Deportees to a prison.", "Unrelated words here. ".repeat(20));
        let f = s.fragment(&text);
        let words: Vec<&str> = f.highlights.iter().map(|[a, b]| &f.text[*a..*b]).collect();
        assert_eq!(words, ["Deportees", "prison"]);
        assert!(f.text.chars().count() <= DEFAULT_SNIPPET_CHARS + 1, "{}", f.text);
        assert!(f.text.ends_with("prison."), "{}", f.text);
        assert_eq!(s.fragment("nothing relevant").highlights, vec![] as Vec<[usize; 2]>);
    }

    #[test]
    fn words_and_terms_are_what_the_index_analyzer_makes_of_the_text() {
        let text = "Iván Espinoza-Madrigal's 200+ naïve DEPORTEES, 東京 mbѽje Ünïcode \
                    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa deported.";
        let mut index = crate::index::schema::news_analyzer();
        let mut stream = index.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            let t = stream.token();
            expected.push(((t.offset_from, t.offset_to), t.text.clone()));
        }
        let mut schema = tantivy::schema::Schema::builder();
        let body = schema.add_text_field("body", tantivy::schema::TEXT);
        let terms: Vec<String> = expected.iter().map(|(_, t)| t.clone()).collect();
        let q = tantivy::query::BooleanQuery::new_multiterms_query(
            terms.iter().map(|t| tantivy::Term::from_field_text(body, t)).collect(),
        );
        let s = Snippets::new(&q, body);
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let (mut lower, mut analyzer) = (String::new(), None);
        // Every word the index keeps is found where the index found it, as the term it indexed.
        let found: Vec<((usize, usize), String)> = word_ranges(text)
            .filter_map(|(a, b)| {
                let term = s.term_at(&text[a..b], &mut lower, &stemmer, &mut analyzer)?;
                Some(((a, b), s.terms[term].clone()))
            })
            .collect();
        assert_eq!(found, expected);
        assert!(expected.iter().any(|(_, t)| t == "ivan") && expected.iter().any(|(_, t)| t == "deporte"));
    }

    #[test]
    fn word_ranges_cut_as_the_alphanumeric_runs_of_characters() {
        let reference = |text: &str| {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        out.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        for text in
            ["", " ", "a", "ab cd", "  x-y_z9 ", "É", "naïve", "東京 mbѽje", "a\u{2003}b", "€5 ½ ²x", "Ünï—cöde!"]
        {
            assert_eq!(word_ranges(text).collect::<Vec<_>>(), reference(text), "{text:?}");
        }
    }

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("one two three", 9), "one two…");
        assert_eq!(lead("short", 9), "short");
    }
}
