//! Candidate keyphrases of a text: words and 2–3 word phrases inside one clause, without digits
//! or function words (but the "of" of "prisoners of war").

use crate::analyze::normalize::JoinedWords;
use crate::analyze::stopwords::is_content_word;

/// One candidate: its words joined by single spaces, and how often it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Lower-case words joined by spaces.
    pub text: String,
    /// Occurrences in the body.
    pub count: u32,
    /// Occurrences in the headline.
    pub in_title: u32,
}

impl Candidate {
    /// The key its document frequency is counted under.
    pub fn key(&self) -> u64 {
        key(&self.text)
    }
}

/// The document-frequency key of a candidate text.
pub fn key(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), 41)
}

/// True for the characters that end a clause (no keyphrase spans one).
fn ends_clause(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | ':' | ',' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '‘' | '’' | '|' | '\n')
}

/// Calls `f` with every candidate occurrence of `text` (words joined by single spaces).
fn for_each_candidate(text: &str, mut f: impl FnMut(&str)) {
    let mut text = std::borrow::Cow::Borrowed(text);
    for possessive in ["'s ", "’s "] {
        if text.contains(possessive) {
            text = text.replace(possessive, " ").into();
        }
    }
    // A phrase is a run of a clause's words, a slice of `words`' buffer.
    let (mut words, mut ok) = (JoinedWords::default(), Vec::new());
    for clause in text.split(ends_clause) {
        words.fill(clause);
        let n = words.len();
        // A word can be part of a keyphrase; "of" can join the two words of a three-word one.
        ok.clear();
        ok.extend((0..n).map(|i| {
            let w = words.word(i);
            is_content_word(w)
        }));
        for i in 0..n {
            if !ok[i] {
                continue;
            }
            if words.word(i).len() >= 3 {
                f(words.word(i));
            }
            if i + 1 < n && ok[i + 1] {
                f(words.run(i, i + 2));
            }
            if i + 2 < n && (ok[i + 1] || words.word(i + 1) == "of") && ok[i + 2] {
                f(words.run(i, i + 3));
            }
        }
    }
}

/// One distinct candidate of an article: its key, where its text is in [`CandidateCounts`]'s
/// buffer, and its occurrences.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counted {
    /// Its document-frequency key ([`key`] of its text).
    pub key: u64,
    start: usize,
    len: usize,
    /// Occurrences in the body, in the headline.
    pub counts: [u32; 2],
}

/// An article's distinct candidates, counted under their document-frequency keys (the same hash
/// finds a candidate in the table and its document frequency); their texts in one buffer.
#[derive(Default)]
pub(crate) struct CandidateCounts {
    texts: String,
    table: hashbrown::HashTable<Counted>,
}

impl CandidateCounts {
    /// The candidates of a headline and a body.
    pub(crate) fn of(title: &str, body: &str) -> Self {
        let mut counts = Self::default();
        counts.count(body, 0);
        counts.count(title, 1);
        counts
    }

    /// Counts the candidates of `text` into slot `slot`; a text is copied the first time only.
    fn count(&mut self, text: &str, slot: usize) {
        let Self { texts, table } = self;
        for_each_candidate(text, |c| {
            let k = key(c);
            let same = |e: &Counted| e.key == k && &texts[e.start..e.start + e.len] == c;
            if let Some(e) = table.find_mut(k, same) {
                e.counts[slot] += 1;
            } else {
                let mut counts = [0, 0];
                counts[slot] = 1;
                table.insert_unique(k, Counted { key: k, start: texts.len(), len: c.len(), counts }, |e| e.key);
                texts.push_str(c);
            }
        });
    }

    /// The distinct candidates, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Counted> {
        self.table.iter()
    }

    /// The text of a candidate of this article.
    pub(crate) fn text(&self, c: &Counted) -> &str {
        &self.texts[c.start..c.start + c.len]
    }
}

/// The distinct document-frequency keys of a headline and body's candidates.
pub fn candidate_keys(title: &str, body: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    for text in [title, body] {
        for_each_candidate(text, |c| keys.push(key(c)));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Candidates of a headline and body (the body as indexed: repeats and boilerplate left out).
///
/// ```
/// use newsdex::analyze::keywords::candidates;
/// let c = candidates("Deportees sent to prison", "The deportees were flown to a maximum-security prison.");
/// let texts: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
/// assert!(texts.contains(&"maximum security prison") && texts.contains(&"deportees"));
/// assert!(!texts.iter().any(|t| t.starts_with("the ") || t.ends_with(" to")));
/// ```
pub fn candidates(title: &str, body: &str) -> Vec<Candidate> {
    let counts = CandidateCounts::of(title, body);
    let mut out: Vec<Candidate> = counts
        .iter()
        .map(|c| Candidate { text: counts.text(c).to_string(), count: c.counts[0], in_title: c.counts[1] })
        .collect();
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_the_occurrences_of_each_text_under_its_key() {
        let (title, body) =
            ("Prison deal: deportees", "The deportees' prison. Deportees left the prison, the prison said.");
        let counts = CandidateCounts::of(title, body);
        let mut naive: std::collections::HashMap<String, [u32; 2]> = Default::default();
        for (slot, text) in [body, title].into_iter().enumerate() {
            for_each_candidate(text, |c| naive.entry(c.to_string()).or_default()[slot] += 1);
        }
        assert_eq!(counts.iter().count(), naive.len());
        for c in counts.iter() {
            assert_eq!(c.key, key(counts.text(c)));
            assert_eq!(Some(&c.counts), naive.get(counts.text(c)), "{}", counts.text(c));
        }
        assert_eq!(naive["prison"], [3, 1]);
    }

    #[test]
    fn clauses_end_at_punctuation_quotes_brackets_bars_and_line_breaks() {
        let ends: Vec<char> = (0..0x3000).filter_map(char::from_u32).filter(|&c| ends_clause(c)).collect();
        assert_eq!(ends.iter().collect::<String>(), "\n!\"(),.:;?[]|‘’“”");
    }
}
