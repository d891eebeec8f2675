//! Passages: paragraphs, with long ones cut into ~60-word chunks at sentence ends.

use super::paragraphs::paragraphs;
use std::ops::Range;

/// Paragraphs longer than this many words are cut into chunks.
pub const DEFAULT_MAX_PARAGRAPH_WORDS: usize = 120;
/// Target length of a chunk cut from a long paragraph.
pub const DEFAULT_CHUNK_WORDS: usize = 60;

/// Splits a body into passages, as byte ranges into `body`.
///
/// ```
/// use newsdex::analyze::passages::passages;
/// let body = "First paragraph.\n\nSecond paragraph.";
/// assert_eq!(passages(body).len(), 2);
/// ```
pub fn passages(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs(body) {
        if body[p.clone()].split_whitespace().count() <= DEFAULT_MAX_PARAGRAPH_WORDS {
            out.push(p);
        } else {
            chunk(body, p, &mut out);
        }
    }
    out
}

/// Cuts a long paragraph at the first sentence end after ~[`DEFAULT_CHUNK_WORDS`] words.
fn chunk(body: &str, p: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &body[p.clone()];
    let mut start = 0;
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
            }
            in_word = false;
            let prev = text[..i].chars().next_back();
            let sentence_end = matches!(prev, Some('.' | '!' | '?' | '"' | '\u{201d}'));
            let next_upper =
                text[i..].trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201c}');
            if words >= DEFAULT_CHUNK_WORDS && sentence_end && next_upper {
                out.push(p.start + start..p.start + i);
                start = i + text[i..].len() - text[i..].trim_start().len();
                words = 0;
            }
        } else {
            in_word = true;
        }
    }
    if start < text.len() {
        out.push(p.start + start..p.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraph_is_chunked_at_sentences() {
        let sentence = "The committee met again on Tuesday to weigh the plan. ";
        let body = sentence.repeat(30);
        let parts = passages(body.trim());
        assert!(parts.len() >= 3, "{}", parts.len());
        for r in &parts {
            let s = &body[r.clone()];
            assert!(s.starts_with("The") && s.ends_with('.'), "{s:?}");
            assert!(s.split_whitespace().count() <= DEFAULT_CHUNK_WORDS + 12);
        }
    }
}
