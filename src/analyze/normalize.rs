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
    let text = strip_dateline(text);
    if text.is_ascii() {
        return ascii_words(text);
    }
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.nfkc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            cur.push(c);
        } else if c == '.' || c == '\'' || c == '\u{2019}' {
            // "U.S." → "us", "don't" → "dont"; hyphens separate words like spaces do.
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// [`normalized_words`] for ASCII text, where NFKC changes nothing: a word is a run of letters,
/// digits, dots and apostrophes, the dots and apostrophes dropped ("U.S." → "us"), each word
/// allocated once at its length.
fn ascii_words(text: &str) -> Vec<String> {
    let mut words = Vec::with_capacity(text.len() / 5);
    for run in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '\'')) {
        if run.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if !run.is_empty() {
                words.push(run.to_ascii_lowercase());
            }
        } else {
            let word: String =
                run.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())).collect();
            if !word.is_empty() {
                words.push(word);
            }
        }
    }
    words
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
    fn folding_makes_variants_equal() {
        assert_eq!(
            normalized_words("Ｆｕｌｌ-width, “quotes”  and\nCASE"),
            normalized_words("full width quotes and case")
        );
    }
}
