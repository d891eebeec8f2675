//! Initials dotted or run together: "J.P. Morgan" and "JP Morgan" are written both ways, and the
//! dictionary keeps the commoner.

use super::article_entities::name_key;

/// True when a name joins letters by "&" or "/": those are no initials of one name ("S&L",
/// "P/E", "B&T").
pub(super) fn joined_by_signs(name: &str) -> bool {
    name.contains(['&', '/'])
}

/// The other way of writing a name's initials: single letters run together ("J.P. Morgan" →
/// "jp morgan"), or a word of two or three capitals before another word spelt out ("JP Morgan"
/// → "J P Morgan"); `None` when the name has neither, or joins letters by "&" or "/".
pub(super) fn other_initials(name: &str) -> Option<String> {
    if joined_by_signs(name) {
        return None;
    }
    let key = name_key(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters = |w: &str| (2..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    let other = if key.split(' ').collect::<Vec<_>>().windows(2).any(|p| p[0].len() == 1 && p[1].len() == 1) {
        // Runs of single letters joined: "j p morgan" → "jp morgan".
        let mut out: Vec<String> = Vec::new();
        let mut single = false;
        for w in key.split(' ') {
            match out.last_mut() {
                Some(last) if single && w.len() == 1 => last.push_str(w),
                _ => out.push(w.to_string()),
            }
            single = w.len() == 1;
        }
        out.join(" ")
    } else if words.len() >= 2 && words[..words.len() - 1].iter().any(|w| letters(w)) {
        let last = words.len() - 1;
        let spelt = |(i, w): (usize, &&str)| {
            if i < last && letters(w) {
                w.chars().map(String::from).collect::<Vec<_>>().join(" ")
            } else {
                w.to_string()
            }
        };
        words.iter().enumerate().map(spelt).collect::<Vec<_>>().join(" ")
    } else {
        return None;
    };
    (name_key(&other) != key).then_some(other)
}
