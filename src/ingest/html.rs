//! HTML articles, read with a real HTML parser: title, metadata and the main text's paragraphs.

use super::article::Article;
use super::date::parse_date;
use scraper::{ElementRef, Html, Selector};

/// Elements whose text is never article text.
const NOISE: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "figure", "iframe"];

/// Elements that make up paragraphs of the main text.
const BLOCKS: &str = "p, h2, h3, h4, blockquote, li";

/// Reads an HTML page: title from `og:title`, `<h1>` or `<title>`; body from the paragraphs of
/// `<article>` (else `<main>`, else `<body>`), skipping scripts, styles and navigation;
/// date, author, source and URL from the usual meta tags.
///
/// ```
/// use newsdex::ingest::html::parse_html;
/// let a = parse_html("<html><head><title>X</title></head><body><nav><p>Menu</p></nav>\
///   <article><h1>Storm</h1><p>Wind rose.</p><script>var a;</script><p>Rain fell.</p></article></body></html>");
/// assert_eq!(a.title, "Storm");
/// assert_eq!(a.body, "Wind rose.\n\nRain fell.");
/// ```
pub fn parse_html(html: &str) -> Article {
    let doc = Html::parse_document(html);
    let mut article = Article {
        title: meta(&doc, "og:title")
            .or_else(|| first_text(&doc, "h1"))
            .or_else(|| first_text(&doc, "title"))
            .unwrap_or_default(),
        date: meta(&doc, "article:published_time")
            .or_else(|| meta(&doc, "date"))
            .or_else(|| attr(&doc, "time[datetime]", "datetime"))
            .and_then(|d| parse_date(&d)),
        author: meta(&doc, "author").or_else(|| meta(&doc, "article:author")),
        source: meta(&doc, "og:site_name"),
        url: attr(&doc, "link[rel=canonical]", "href").or_else(|| meta(&doc, "og:url")),
        ..Article::default()
    };
    let root = ["article", "main", "body"].iter().find_map(|s| doc.select(&sel(s)).next());
    if let Some(root) = root {
        let blocks = sel(BLOCKS);
        let mut paragraphs: Vec<String> = Vec::new();
        for el in root.select(&blocks) {
            if in_noise(el) || has_block_ancestor_inside(el, root) {
                continue;
            }
            let text = collapse_ws(&visible_text(el));
            if !text.is_empty() && text != article.title {
                paragraphs.push(text);
            }
        }
        if paragraphs.is_empty() {
            let text = collapse_ws(&visible_text(root));
            if !text.is_empty() {
                paragraphs.push(text);
            }
        }
        article.body = paragraphs.join("\n\n");
    }
    article
}

/// The text of an HTML fragment (a feed item's description or content): its paragraphs joined
/// by blank lines, or all its text when it has none; entities decoded, scripts dropped.
///
/// ```
/// use newsdex::ingest::html::fragment_text;
/// assert_eq!(fragment_text("<p>Rain &amp; wind.</p><p>Roads shut.</p>"), "Rain & wind.\n\nRoads shut.");
/// assert_eq!(fragment_text("Plain &lt;b&gt; text"), "Plain <b> text");
/// ```
pub fn fragment_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let root = doc.root_element();
    let blocks = sel(BLOCKS);
    let paragraphs: Vec<String> = root
        .select(&blocks)
        .filter(|el| !in_noise(*el) && !has_block_ancestor_inside(*el, root))
        .map(|el| collapse_ws(&visible_text(el)))
        .filter(|t| !t.is_empty())
        .collect();
    if paragraphs.is_empty() {
        collapse_ws(&visible_text(root))
    } else {
        paragraphs.join("\n\n")
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

fn meta(doc: &Html, name: &str) -> Option<String> {
    let s = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
    attr(doc, &s, "content")
}

fn attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    doc.select(&sel(selector))
        .find_map(|e| e.value().attr(attr))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    doc.select(&sel(selector)).map(|e| collapse_ws(&visible_text(e))).find(|s| !s.is_empty())
}

/// True when the element sits inside navigation, scripts or other non-article parts.
fn in_noise(el: ElementRef) -> bool {
    el.ancestors().filter_map(ElementRef::wrap).any(|a| NOISE.contains(&a.value().name()))
}

/// True when a block element is nested in another block (its text is taken with the outer one).
fn has_block_ancestor_inside(el: ElementRef, root: ElementRef) -> bool {
    el.ancestors()
        .take_while(|a| a.id() != root.id())
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "p" | "blockquote" | "li"))
}

/// Text of an element without the text of script/style descendants.
fn visible_text(el: ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            let hidden = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "script" | "style" | "noscript"));
            if !hidden {
                out.push_str(text);
            }
        }
    }
    out
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_tags_fill_fields() {
        let a = parse_html(
            r#"<html><head><meta property="og:title" content="Head"><meta property="og:site_name" content="Bay Courier">
            <meta property="article:published_time" content="2025-03-18T09:30:00Z"><meta name="author" content="Lee Park">
            <link rel="canonical" href="https://bay.example/x"></head><body><main><p>One.</p><p>Two &amp; three.</p></main></body></html>"#,
        );
        assert_eq!(a.title, "Head");
        assert_eq!(a.source.as_deref(), Some("Bay Courier"));
        assert_eq!(a.author.as_deref(), Some("Lee Park"));
        assert_eq!(a.url.as_deref(), Some("https://bay.example/x"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-03-18T09:30:00+00:00");
        assert_eq!(a.body, "One.\n\nTwo & three.");
    }

    #[test]
    fn footer_and_style_text_is_dropped() {
        let a = parse_html("<body><style>p{}</style><p>Real.</p><footer><p>Subscribe now</p></footer></body>");
        assert_eq!(a.body, "Real.");
    }
}
