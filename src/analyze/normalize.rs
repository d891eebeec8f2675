//! Normalising passages for comparison: NFKC, case folding, punctuation and whitespace folding,
//! datelines stripped. The stored text is never changed.

use unicode_normalization::UnicodeNormalization;

/// Normalised word tokens of `text`, for hashing and shingling.
///
/// ```
/// use newsdex::analyze::normalize::normalized_words;
/// assert_eq!(normalized_words("WASHINGTON (Reuters) - The U.S. Senate, today…"), ["the", "us", "senate", "today"]);
/// ```
pub fn normalized_words(text: &str) -> Vec<String> {
    let mut words = Vec::with_capacity(text.len() / 5);
    for_each_word(text, &mut String::new(), |w| words.push(w.to_string()));
    words
}

/// Calls `word` with each normalised word of `text` in turn, written into `buf`: the one
/// definition of a word that [`normalized_words`] and [`JoinedWords`] share. A word is a run of
/// letters and digits after NFKC and lower-casing; dots and apostrophes inside it are dropped
/// ("U.S." → "us", "don't" → "dont"); hyphens separate words like spaces do.
fn for_each_word(text: &str, buf: &mut String, mut word: impl FnMut(&str)) {
    let text = strip_dateline(text);
    if text.is_ascii() {
        // NFKC changes no ASCII text: a word is a run of letters, digits, dots and apostrophes.
        for run in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '\'')) {
            buf.clear();
            buf.extend(run.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
            if !buf.is_empty() {
                word(buf);
            }
        }
        return;
    }
    buf.clear();
    for c in text.nfkc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            buf.push(c);
        } else if c == '.' || c == '\'' || c == '\u{2019}' {
            // Dropped inside a word.
        } else if !buf.is_empty() {
            word(buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        word(buf);
    }
}

/// The [`normalized_words`] of a text written into one buffer, joined by single spaces, with
/// where each word starts and ends: a run of words is a slice of the buffer, so phrases of
/// neighbouring words need no copying. One value is refilled for text after text.
#[derive(Debug, Default)]
pub(crate) struct JoinedWords {
    text: String,
    spans: Vec<(usize, usize)>,
    /// The word being read.
    buf: String,
}

impl JoinedWords {
    /// Replaces the words with those of `text` (the same words as [`normalized_words`]).
    pub(crate) fn fill(&mut self, text: &str) {
        let Self { text: joined, spans, buf } = self;
        joined.clear();
        spans.clear();
        for_each_word(text, buf, |w| {
            if !spans.is_empty() {
                joined.push(' ');
            }
            spans.push((joined.len(), joined.len() + w.len()));
            joined.push_str(w);
        });
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `i`.
    pub(crate) fn word(&self, i: usize) -> &str {
        &self.text[self.spans[i].0..self.spans[i].1]
    }

    /// Words `i..j` (`i < j`) joined by single spaces.
    pub(crate) fn run(&self, i: usize, j: usize) -> &str {
        &self.text[self.spans[i].0..self.spans[j - 1].1]
    }
}

/// Removes a leading wire dateline such as `WASHINGTON (Reuters) -` or `SAN SALVADOR, March 16 —`.
pub fn strip_dateline(text: &str) -> &str {
    let head: &str = &text[..text.char_indices().nth(80).map(|(i, _)| i).unwrap_or(text.len())];
    // Every dash below is a hyphen or starts with the byte 0xE2 (em and en dash).
    if !head.bytes().any(|b| b == b'-' || b == 0xE2) {
        return text;
    }
    for dash in [" - ", " -- ", " \u{2014} ", " \u{2013} "] {
        if let Some(i) = head.find(dash) {
            let prefix = &head[..i];
            let letters: Vec<char> = prefix.chars().filter(|c| c.is_alphabetic()).collect();
            let caps = letters.iter().take_while(|c| c.is_uppercase()).count();
            if caps >= 3 && !prefix.is_empty() {
                return text[i + dash.len()..].trim_start();
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_forms() {
        assert_eq!(strip_dateline("SAN SALVADOR, March 16 \u{2014} Officials said"), "Officials said");
        assert_eq!(strip_dateline("Officials said - nothing"), "Officials said - nothing");
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        let text = "The U.S. Senate's vote -- 52-48 -- on Tuesday (Reuters) didn't pass... 'Yes.' A.B'C 'x";
        let mut general = normalized_words(&format!("{text} é"));
        assert_eq!(general.pop().as_deref(), Some("é"));
        assert_eq!(normalized_words(text), general);
    }

    #[test]
    fn joined_words_are_the_normalized_words_and_their_runs() {
        let texts = [
            "The U.S. Senate's vote -- 52-48 -- on Tuesday (Reuters) didn't pass... 'Yes.' A.B'C 'x",
            "WASHINGTON (Reuters) - The U.S. Senate, today…",
            "SAN SALVADOR, March 16 \u{2014} Officials said Iván Espinoza-Madrigal’s firm",
            "Ｆｕｌｌ-width, “quotes”  and\nCASE ... ' . x",
            "... ' .",
            "",
            "é",
            " . é . a",
        ];
        let mut joined = JoinedWords::default();
        for text in texts {
            joined.fill(text);
            let words = normalized_words(text);
            assert_eq!(joined.len(), words.len(), "{text:?}");
            for i in 0..words.len() {
                assert_eq!(joined.word(i), words[i], "{text:?}");
                for j in i + 1..=words.len() {
                    assert_eq!(joined.run(i, j), words[i..j].join(" "), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn folding_makes_variants_equal() {
        assert_eq!(
            normalized_words("Ｆｕｌｌ-width, “quotes”  and\nCASE"),
            normalized_words("full width quotes and case")
        );
    }
}
