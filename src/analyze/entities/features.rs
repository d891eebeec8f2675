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

/// Feature hashes of token `i` of `tokens` (each is `hash % buckets`).
pub fn token_features(tokens: &[&str], lower: &[String], i: usize, buckets: u32, out: &mut Vec<u32>) {
    out.clear();
    let mut add = |key: &str, val: &str| {
        let mut h = xxhash_rust::xxh3::Xxh3::with_seed(17);
        h.update(key.as_bytes());
        h.update(&[0]);
        h.update(val.as_bytes());
        out.push((h.digest() % buckets as u64) as u32);
    };
    let w = tokens[i];
    let lw = lower[i].as_str();
    let at = |j: isize| -> Option<&str> { (j >= 0 && (j as usize) < tokens.len()).then(|| tokens[j as usize]) };
    let low = |j: isize| -> &str {
        if j >= 0 && (j as usize) < tokens.len() {
            lower[j as usize].as_str()
        } else {
            "<pad>"
        }
    };
    let i = i as isize;
    add("b", "");
    add("w", w);
    add("lw", lw);
    add("sh", &shape(w));
    for k in 1..=4 {
        let chars: Vec<char> = lw.chars().collect();
        if chars.len() >= k {
            add(&format!("p{k}"), &chars[..k].iter().collect::<String>());
            add(&format!("s{k}"), &chars[chars.len() - k..].iter().collect::<String>());
        }
    }
    add("w-1", low(i - 1));
    add("w+1", low(i + 1));
    add("w-2", low(i - 2));
    add("w+2", low(i + 2));
    add("w-1w", &format!("{}|{lw}", low(i - 1)));
    add("ww+1", &format!("{lw}|{}", low(i + 1)));
    add("w-2w-1", &format!("{}|{}", low(i - 2), low(i - 1)));
    add("w+1w+2", &format!("{}|{}", low(i + 1), low(i + 2)));
    add("w-1sh", &format!("{}|{}", low(i - 1), shape(w)));
    add("shw+1", &format!("{}|{}", shape(w), low(i + 1)));
    let upper_sentence =
        tokens.iter().filter(|t| t.chars().any(char::is_alphabetic)).all(|t| !t.chars().any(char::is_lowercase));
    if upper_sentence {
        add("upper_sentence", lw);
    }
    add("sh-1", &at(i - 1).map(shape).unwrap_or_default());
    add("sh+1", &at(i + 1).map(shape).unwrap_or_default());
    add("caps", &format!("{}{}{}", cap_class(at(i - 1)), cap_class(Some(w)), cap_class(at(i + 1))));
    add("first", if i == 0 { "y" } else { "n" });
    add("first_cap", &format!("{}{}", i == 0, cap_class(Some(w))));
    if w.contains('-') {
        add("hyph", "");
    }
    if w.chars().any(|c| c.is_ascii_digit()) {
        add("digit", "");
    }
    if w.len() > 1 && w.ends_with('.') {
        add("abbr", "");
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
