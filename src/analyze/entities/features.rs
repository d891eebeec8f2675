//! Features of a token in its sentence, hashed into a fixed number of buckets.

/// Word shape: `Xxxx`, `XX`, `dd`, `X.X.` … with runs of one class collapsed after two.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 0;
        }
        if run < 2 {
            out.push(k);
        }
        last = k;
    }
    out
}

fn is_title(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
}

fn cap_class(w: Option<&str>) -> &'static str {
    match w {
        None => "_",
        Some(w) if w.chars().all(|c| !c.is_alphabetic()) => "n",
        Some(w) if w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) => "A",
        Some(w) if is_title(w) => "T",
        Some(w) if w.chars().next().is_some_and(char::is_uppercase) => "M",
        Some(_) => "l",
    }
}

/// True when every word of the sentence is in capitals (a CoNLL-style headline).
pub fn upper_sentence(tokens: &[&str]) -> bool {
    tokens.iter().filter(|t| t.chars().any(char::is_alphabetic)).all(|t| !t.chars().any(char::is_lowercase))
}

/// Per-sentence inputs of [`token_features`], computed once per sentence.
pub struct SentenceView<'a> {
    tokens: &'a [&'a str],
    lower: Vec<String>,
    shapes: Vec<String>,
    upper: bool,
}

impl<'a> SentenceView<'a> {
    /// Prepares a sentence.
    pub fn new(tokens: &'a [&'a str]) -> Self {
        SentenceView {
            tokens,
            lower: tokens.iter().map(|t| t.to_lowercase()).collect(),
            shapes: tokens.iter().map(|t| shape(t)).collect(),
            upper: upper_sentence(tokens),
        }
    }
}

/// Feature hashes of token `i` (each is `hash % buckets`), written to `out`. A feature is the
/// xxh3 (seed 17) of its key, a zero byte, and its value; values are streamed in parts, so no
/// string is built per feature.
pub fn token_features(s: &SentenceView, i: usize, buckets: u32, out: &mut Vec<u32>) {
    out.clear();
    let mut buf: Vec<u8> = Vec::with_capacity(128);
    let mut add = |key: &str, parts: &[&str]| {
        buf.clear();
        buf.extend_from_slice(key.as_bytes());
        buf.push(0);
        for p in parts {
            buf.extend_from_slice(p.as_bytes());
        }
        out.push((xxhash_rust::xxh3::xxh3_64_with_seed(&buf, 17) % buckets as u64) as u32);
    };
    let n = s.tokens.len() as isize;
    let w = s.tokens[i];
    let lw = s.lower[i].as_str();
    let i = i as isize;
    let inside = |j: isize| (0..n).contains(&j).then_some(j as usize);
    let low = |j: isize| inside(j).map_or("<pad>", |j| s.lower[j].as_str());
    let shp = |j: isize| inside(j).map_or("", |j| s.shapes[j].as_str());
    let cap = |j: isize| cap_class(inside(j).map(|j| s.tokens[j]));
    add("b", &[]);
    add("w", &[w]);
    add("lw", &[lw]);
    add("sh", &[shp(i)]);
    let bounds: Vec<usize> = lw.char_indices().map(|(b, _)| b).chain(std::iter::once(lw.len())).collect();
    let chars = bounds.len() - 1;
    for (k, (p, sfx)) in [("p1", "s1"), ("p2", "s2"), ("p3", "s3"), ("p4", "s4")].into_iter().enumerate() {
        if chars > k {
            add(p, &[&lw[..bounds[k + 1]]]);
            add(sfx, &[&lw[bounds[chars - k - 1]..]]);
        }
    }
    add("w-1", &[low(i - 1)]);
    add("w+1", &[low(i + 1)]);
    add("w-2", &[low(i - 2)]);
    add("w+2", &[low(i + 2)]);
    add("w-1w", &[low(i - 1), "|", lw]);
    add("ww+1", &[lw, "|", low(i + 1)]);
    add("w-2w-1", &[low(i - 2), "|", low(i - 1)]);
    add("w+1w+2", &[low(i + 1), "|", low(i + 2)]);
    add("w-1sh", &[low(i - 1), "|", shp(i)]);
    add("shw+1", &[shp(i), "|", low(i + 1)]);
    if s.upper {
        add("upper_sentence", &[lw]);
    }
    add("sh-1", &[shp(i - 1)]);
    add("sh+1", &[shp(i + 1)]);
    add("caps", &[cap(i - 1), cap(i), cap(i + 1)]);
    add("first", &[if i == 0 { "y" } else { "n" }]);
    add("first_cap", &[if i == 0 { "true" } else { "false" }, cap(i)]);
    if w.contains('-') {
        add("hyph", &[]);
    }
    if w.chars().any(|c| c.is_ascii_digit()) {
        add("digit", &[]);
    }
    if w.len() > 1 && w.ends_with('.') {
        add("abbr", &[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Bukele"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "dd-dd-dd");
        assert_eq!(shape("NATO"), "XX");
    }
}
