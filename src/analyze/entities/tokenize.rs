//! Raw-text tokenisation in CoNLL-2003 style, with byte offsets, and sentence splitting that
//! survives abbreviations such as "Mr." and "Jan.".

use crate::analyze::paragraphs::paragraphs;

/// Words that keep their trailing period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "rev", "st", "jr", "sr",
    "corp", "inc", "ltd", "co", "bros", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept", "univ", "assn", "est", "approx",
];

/// A token with its byte range in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// Splits text into sentences of tokens (byte ranges).
///
/// ```
/// use newsdex::analyze::entities::tokenize::sentences;
/// let text = "Mr. Bukele met U.S. officials on Jan. 5. Critics said Bukele's plan failed.";
/// let s = sentences(text);
/// assert_eq!(s.len(), 2);
/// let words: Vec<&str> = s[1].iter().map(|t| &text[t.start..t.end]).collect();
/// assert_eq!(words, ["Critics", "said", "Bukele", "'s", "plan", "failed", "."]);
/// assert_eq!(&text[s[0][0].start..s[0][0].end], "Mr.");
/// ```
pub fn sentences(text: &str) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let tokens = tokenize(text, para.start, para.end);
        let mut cur = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            cur.push(t.clone());
            let w = &text[t.start..t.end];
            let next_starts = tokens.get(i + 1).map(|n| &text[n.start..n.end]);
            let ends = matches!(w, "." | "!" | "?")
                && next_starts
                    .is_none_or(|n| n.chars().next().is_some_and(|c| c.is_uppercase() || "\"'“‘(".contains(c)));
            if ends {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// Tokens of `text[start..end]`.
fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let slice = &text[start..end];
    let mut pos = 0;
    for chunk in slice.split(char::is_whitespace) {
        let chunk_start = start + pos;
        pos += chunk.len() + slice[pos + chunk.len()..].chars().next().map_or(0, char::len_utf8);
        if !chunk.is_empty() {
            split_chunk(text, chunk_start, chunk_start + chunk.len(), &mut out);
        }
    }
    out
}

/// Endings split off as a token of their own, as CoNLL-2003 writes them ("Bukele 's", "I 've").
const CLITICS: [&str; 12] = ["'s", "’s", "'ve", "’ve", "'m", "’m", "'ll", "’ll", "'re", "’re", "'d", "’d"];

/// Split off the start of a word; `<` opens a company's name on the wire ("<Banque Industrielle
/// et Mobiliere Privee>", "Exxon Corp <XON>").
const LEADING: &str = "\"'([{<“‘«";
/// Split off the end of a word.
const TRAILING: &str = "\"')]}>,;:!?”’»";

fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Token>) {
    // Dashes standing alone or glued between words ("prison—and") split off.
    if let Some(i) = text[s..e].find(['—', '–']) {
        let dash_len = text[s + i..].chars().next().map_or(1, char::len_utf8);
        if i > 0 {
            split_chunk(text, s, s + i, out);
        }
        out.push(Token { start: s + i, end: s + i + dash_len });
        if s + i + dash_len < e {
            split_chunk(text, s + i + dash_len, e, out);
        }
        return;
    }
    while s < e {
        let c = text[s..e].chars().next().expect("non-empty");
        if !LEADING.contains(c) {
            break;
        }
        out.push(Token { start: s, end: s + c.len_utf8() });
        s += c.len_utf8();
    }
    let mut tail = Vec::new();
    loop {
        if s >= e {
            break;
        }
        let c = text[s..e].chars().next_back().expect("non-empty");
        let word = &text[s..e];
        if TRAILING.contains(c) || (c == '.' && !keeps_period(word)) {
            tail.push(Token { start: e - c.len_utf8(), end: e });
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    if s < e {
        let word = &text[s..e];
        let lower = word.to_lowercase();
        let split = CLITICS.iter().find(|suf| lower.ends_with(*suf) && word.len() > suf.len()).map(|suf| suf.len());
        let split = split.or_else(|| (lower.ends_with("n't") && word.len() > 3).then_some(3));
        match split {
            Some(n) => {
                out.push(Token { start: s, end: e - n });
                out.push(Token { start: e - n, end: e });
            }
            None => out.push(Token { start: s, end: e }),
        }
    }
    out.extend(tail.into_iter().rev());
}

/// True when a word ending in "." keeps it: abbreviations, initials, and dotted acronyms ("U.S.").
fn keeps_period(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() || stem.ends_with(|c| TRAILING.contains(c)) {
        return false;
    }
    let single_initial = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
    single_initial || stem.contains('.') || ABBREVIATIONS.contains(&stem.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        sentences(text).iter().map(|s| s.iter().map(|t| &text[t.start..t.end]).collect()).collect()
    }

    #[test]
    fn conll_conventions() {
        assert_eq!(
            words("\"Other countries want to copy this,\" he said."),
            [vec!["\"", "Other", "countries", "want", "to", "copy", "this", ",", "\"", "he", "said", "."]]
        );
        assert_eq!(words("Acme Corp. didn't pay."), [vec!["Acme", "Corp.", "did", "n't", "pay", "."]]);
        assert_eq!(words("I've said I'm sure"), [vec!["I", "'ve", "said", "I", "'m", "sure"]]);
        assert_eq!(words("SAN SALVADOR — President"), [vec!["SAN", "SALVADOR", "—", "President"]]);
        assert_eq!(words("Iván Espinoza-Madrigal (LCR)"), [vec!["Iván", "Espinoza-Madrigal", "(", "LCR", ")"]]);
        assert_eq!(
            words("<Mobiliere Privee> and Exxon <XON> and <Nestle S.A.>."),
            [vec![
                "<",
                "Mobiliere",
                "Privee",
                ">",
                "and",
                "Exxon",
                "<",
                "XON",
                ">",
                "and",
                "<",
                "Nestle",
                "S.A.",
                ">",
                "."
            ]]
        );
    }

    #[test]
    fn sentences_split_at_ends_not_abbreviations() {
        let s = words("Gen. J. Smith spoke. Then Dr. Lee left! Paragraph two.\n\nNext one.");
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!(s[0], ["Gen.", "J.", "Smith", "spoke", "."]);
    }
}
