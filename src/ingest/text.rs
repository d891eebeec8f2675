//! Plain text and Markdown articles: title line, optional header lines, then the body.

use super::article::Article;
use super::date::parse_date;

/// Reads a `.txt`/`.md` article. The first non-empty line is the title (Markdown `#` and the
/// wire archives' `-- ` dropped); header lines right after it are recognised, with or without a
/// leading `-- `: `By …` bylines, bare date lines, bare URL lines, and `Key: value` lines for
/// date, source, url and author. Without a source, a URL's host names one (`www.reuters.com` →
/// Reuters). The rest, as written, is the body; header lines never reach it.
///
/// ```
/// use newsdex::ingest::text::parse_text;
/// let a = parse_text("# Rain returns\nBy Ana Ruiz\n2025-03-16\n\nIt rained.\n");
/// assert_eq!(a.title, "Rain returns");
/// assert_eq!(a.author.as_deref(), Some("Ana Ruiz"));
/// assert_eq!(a.body, "It rained.");
/// ```
pub fn parse_text(text: &str) -> Article {
    let mut article = Article::default();
    let mut rest = text;
    // Title: first non-empty line.
    while let Some((line, tail)) = split_line(rest) {
        rest = tail;
        let t = line.trim();
        if !t.is_empty() {
            article.title = t.strip_prefix("-- ").unwrap_or(t).trim_start_matches('#').trim().to_string();
            break;
        }
    }
    // Header lines until the first line that is not one (blank lines between them are allowed).
    while let Some((line, tail)) = split_line(rest) {
        let t = line.trim();
        if t.is_empty() {
            rest = tail;
            continue;
        }
        // Wire archives mark every header line with `-- `: those never reach the body.
        let wire = t.strip_prefix("-- ").or_else(|| (t == "--").then_some("")).map(str::trim);
        let header = read_header(wire.unwrap_or(t), &mut article);
        if !header && wire.is_none() {
            break;
        }
        rest = tail;
    }
    if article.source.is_none() {
        article.source = article.url.as_deref().and_then(source_of_url);
    }
    article.body = rest.trim_end().trim_start_matches(['\n', '\r']).to_string();
    // Keep the first line's indentation (newswire style) but drop leading blank lines only.
    if article.body.trim().is_empty() {
        article.body.clear();
    }
    article
}

/// Splits off the first line; `None` at end of text.
fn split_line(s: &str) -> Option<(&str, &str)> {
    if s.is_empty() {
        return None;
    }
    Some(match s.find('\n') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    })
}

/// The outlet a URL's host names: the label before the public suffix, capitalised
/// (`www.reuters.com` → `Reuters`, `news.bbc.co.uk` → `Bbc`).
pub fn source_of_url(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let short_suffix = |l: &str| matches!(l, "co" | "com" | "org" | "net" | "gov" | "ac" | "edu");
    let name = match labels.as_slice() {
        [.., name, second, tld] if tld.len() == 2 && short_suffix(second) => name,
        [.., name, _tld] => name,
        _ => return None,
    };
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Reads one header line into the article; false when the line is not a header.
fn read_header(line: &str, article: &mut Article) -> bool {
    if line.len() > 300 {
        return false;
    }
    if article.url.is_none() && (line.starts_with("http://") || line.starts_with("https://")) && !line.contains(' ') {
        article.url = Some(line.to_string());
        return true;
    }
    if let Some(name) = line.strip_prefix("By ").or_else(|| line.strip_prefix("by ")) {
        if article.author.is_none() && name.split_whitespace().count() <= 8 {
            article.author = Some(name.trim().to_string());
            return true;
        }
    }
    if article.date.is_none() {
        if let Some(d) = parse_date(line) {
            article.date = Some(d);
            return true;
        }
    }
    let Some((key, value)) = line.split_once(':') else { return false };
    let value = value.trim().to_string();
    match key.trim().to_ascii_lowercase().as_str() {
        "date" | "published" | "dateline date" => match parse_date(&value) {
            Some(d) => article.date = Some(d),
            None => return false,
        },
        "source" | "publisher" | "outlet" => article.source = Some(value),
        "url" | "link" => article.url = Some(value),
        "author" | "byline" => article.author = Some(value),
        "id" => article.id = value,
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_optional() {
        let a = parse_text("Title only line\n\nFirst paragraph.\n\nSecond.");
        assert_eq!(a.title, "Title only line");
        assert_eq!(a.body, "First paragraph.\n\nSecond.");
        assert!(a.author.is_none() && a.date.is_none());
    }

    #[test]
    fn key_value_headers() {
        let a = parse_text("T\nSource: The Harbor Ledger\nDate: 2025-03-17\nURL: https://h.example/a\n\nBody here.");
        assert_eq!(a.source.as_deref(), Some("The Harbor Ledger"));
        assert_eq!(a.url.as_deref(), Some("https://h.example/a"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-03-17T00:00:00+00:00");
        assert_eq!(a.body, "Body here.");
    }

    #[test]
    fn newswire_indentation_is_kept() {
        let a = parse_text("T\n    First para line one\nline two.\n    Second para.\n");
        assert_eq!(a.body, "    First para line one\nline two.\n    Second para.");
    }

    #[test]
    fn wire_archive_header_lines_become_fields() {
        let a = parse_text(
            "-- ICI rejects $14.2 bln Akzo Nobel bid approach\n-- By  Foo Yun Chee  and Miyoung Kim\n\
             -- Mon Jun 18, 2007 12:38pm EDT\n-- http://www.reuters.com/article/2007/06/18/us-ici-akzo-idUSL1818449720070618\n\n\
             \n LONDON (Reuters) - ICI rejected the approach.\n",
        );
        assert_eq!(a.title, "ICI rejects $14.2 bln Akzo Nobel bid approach");
        assert_eq!(a.author.as_deref(), Some("Foo Yun Chee  and Miyoung Kim"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2007-06-18T16:38:00+00:00");
        assert!(a.url.as_deref().unwrap().ends_with("idUSL1818449720070618"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert!(a.body.trim_start().starts_with("LONDON (Reuters)"), "{:?}", a.body);
        assert!(!a.body.contains("--"));
    }

    #[test]
    fn hosts_name_outlets() {
        assert_eq!(source_of_url("https://www.reuters.com/a/b").as_deref(), Some("Reuters"));
        assert_eq!(source_of_url("http://news.bbc.co.uk/x").as_deref(), Some("Bbc"));
        assert_eq!(source_of_url("not a url"), None);
    }

    #[test]
    fn a_body_line_with_colon_is_not_a_header() {
        let a = parse_text("T\n\nNote: the vote was close.");
        assert_eq!(a.body, "Note: the vote was close.");
    }
}
