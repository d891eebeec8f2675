//! Snippets: the best fragment of the body around the query words, with match ranges.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

/// Longest snippet, in characters.
pub const DEFAULT_SNIPPET_CHARS: usize = 220;

/// A fragment and the byte ranges of its highlighted words.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Highlighted byte ranges in `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// Makes snippets for one shard's hits.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
}

impl Snippets {
    /// Prepares a generator for `query` over `field` on one shard.
    pub fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> Self {
        let generator = SnippetGenerator::create(searcher, query, field).ok().map(|mut g| {
            g.set_max_num_chars(DEFAULT_SNIPPET_CHARS);
            g
        });
        Snippets { generator }
    }

    /// The snippet of `body`; the start of the body when no query word is in it.
    pub fn fragment(&self, body: &str) -> Fragment {
        if let Some(g) = &self.generator {
            let s = g.snippet(body);
            if !s.highlighted().is_empty() {
                let highlights: Vec<[usize; 2]> = s.highlighted().iter().map(|r| [r.start, r.end]).collect();
                return fold_whitespace(s.fragment(), &highlights);
            }
        }
        Fragment { text: lead(body, DEFAULT_SNIPPET_CHARS), highlights: vec![] }
    }
}

/// Folds runs of whitespace (wire indentation, line breaks) to one space, moving the ranges along.
fn fold_whitespace(text: &str, ranges: &[[usize; 2]]) -> Fragment {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut prev_space = false;
    for (i, c) in text.char_indices() {
        map[i] = out.len();
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
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
    }

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("one two three", 9), "one two…");
        assert_eq!(lead("short", 9), "short");
    }
}
