//! Candidate keyphrases of a text: words and 2–3 word phrases inside one clause, without digits
//! or function words (but the "of" of "prisoners of war").

use crate::analyze::normalize::normalized_words;
use std::collections::HashMap;

/// Words that never start or end a keyphrase: function words and words every news story uses.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "called",
    "came",
    "can",
    "could",
    "day",
    "days",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "early",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "first",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "late",
    "later",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "near",
    "nearly",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "part",
    "past",
    "per",
    "percent",
    "put",
    "rather",
    "really",
    "recent",
    "recently",
    "said",
    "same",
    "say",
    "saying",
    "says",
    "second",
    "see",
    "seen",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "take",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thursday",
    "to",
    "today",
    "told",
    "too",
    "took",
    "toward",
    "tuesday",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "way",
    "we",
    "wednesday",
    "week",
    "weeks",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yesterday",
    "yet",
    "you",
    "your",
    "monday",
    "friday",
    "saturday",
    "sunday",
    "month",
    "months",
    "time",
    "times",
    "according",
    "added",
    "asked",
    "going",
    "want",
    "wanted",
    "week",
    "told",
    "reuter",
    "reuters",
    "dont",
    "cant",
    "wont",
    "didnt",
    "isnt",
    "its",
    "thats",
    "theres",
];

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

    /// Number of words.
    pub fn words(&self) -> usize {
        self.text.split(' ').count()
    }
}

/// The document-frequency key of a candidate text.
pub fn key(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), 41)
}

fn is_stop(w: &str) -> bool {
    type Set = std::collections::HashSet<&'static str, xxhash_rust::xxh3::Xxh3DefaultBuilder>;
    static SET: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(w)
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
    let mut buf = String::new();
    for clause in text.split(ends_clause) {
        let words = normalized_words(clause);
        // A word can be part of a keyphrase; "of" can join the two words of a three-word one.
        let ok: Vec<bool> =
            words.iter().map(|w| w.len() >= 2 && !w.chars().any(|c| c.is_ascii_digit()) && !is_stop(w)).collect();
        for i in 0..words.len() {
            if !ok[i] {
                continue;
            }
            if words[i].len() >= 3 {
                f(&words[i]);
            }
            if i + 1 < words.len() && ok[i + 1] {
                buf.clear();
                buf.push_str(&words[i]);
                buf.push(' ');
                buf.push_str(&words[i + 1]);
                f(&buf);
            }
            if i + 2 < words.len() && (ok[i + 1] || words[i + 1] == "of") && ok[i + 2] {
                buf.clear();
                for (j, w) in words[i..i + 3].iter().enumerate() {
                    if j > 0 {
                        buf.push(' ');
                    }
                    buf.push_str(w);
                }
                f(&buf);
            }
        }
    }
}

type Counts = HashMap<String, u32, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

fn count_into(text: &str, counts: &mut Counts) {
    for_each_candidate(text, |c| match counts.get_mut(c) {
        Some(n) => *n += 1,
        None => {
            counts.insert(c.to_string(), 1);
        }
    });
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
    let mut out = unordered_candidates(title, body);
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out
}

/// What [`candidates`] returns, in no particular order (each text moved, not copied, from the
/// counts).
pub(crate) fn unordered_candidates(title: &str, body: &str) -> Vec<Candidate> {
    let (mut in_body, mut in_title) = (Counts::default(), Counts::default());
    count_into(body, &mut in_body);
    count_into(title, &mut in_title);
    let mut out = Vec::with_capacity(in_body.len() + in_title.len());
    for (text, count) in in_body {
        let in_title = in_title.remove(&text).unwrap_or(0);
        out.push(Candidate { text, count, in_title });
    }
    out.extend(in_title.into_iter().map(|(text, in_title)| Candidate { text, count: 0, in_title }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_end_at_punctuation_quotes_brackets_bars_and_line_breaks() {
        let ends: Vec<char> = (0..0x3000).filter_map(char::from_u32).filter(|&c| ends_clause(c)).collect();
        assert_eq!(ends.iter().collect::<String>(), "\n!\"(),.:;?[]|‘’“”");
    }
}
