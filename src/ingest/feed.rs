//! RSS 2.0, RSS 1.0 and Atom feeds (feed-rs): one article per item or entry.

use super::article::Article;
use super::html::fragment_text;

/// The articles of a feed: title, the full content where the feed carries it (else the
/// description or summary), link, date (published, else updated), authors, the feed's title
/// as source, the item's guid or id as id, and its categories as `subject:` tags.
pub(crate) fn parse_feed(text: &str) -> Result<Vec<Article>, String> {
    let feed = crate::util::contain::contained(|| feed_rs::parser::parse(text.as_bytes()))
        .map_err(|e| format!("the feed parser failed on it ({e})"))?
        .map_err(|e| format!("not a readable feed: {e}"))?;
    let source = feed.title.as_ref().map(|t| fragment_text(&t.content)).filter(|t| !t.is_empty());
    let mut out = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .or(entry.summary.as_ref().map(|s| s.content.as_str()))
            .map(fragment_text)
            .unwrap_or_default();
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let authors: Vec<String> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        let mut tags: Vec<String> = Vec::new();
        for c in &entry.categories {
            let tag = format!("subject:{}", c.label.as_deref().unwrap_or(&c.term).trim());
            if !tags.contains(&tag) && tag.len() > "subject:".len() {
                tags.push(tag);
            }
        }
        out.push(Article {
            id: entry.id.clone(),
            title: entry.title.as_ref().map(|t| fragment_text(&t.content)).unwrap_or_default(),
            body,
            date: entry.published.or(entry.updated),
            source: source.clone().or_else(|| url.as_deref().and_then(super::text::source_of_url)),
            url,
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            publisher_tags: tags,
            ..Article::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_and_entities() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbor Ledger &amp; Co</title><link>https://ledger.example/</link>
<item><title>Tide gauge &#8220;fixed&#8221;</title><link>https://ledger.example/tide</link>
<guid isPermaLink="false">ledger-tide-1</guid><pubDate>Tue, 04 Mar 2025 08:15:00 +0000</pubDate>
<dc:creator>Lee Park</dc:creator><category>Local</category>
<description><![CDATA[<p>Short <b>lead</b>.</p>]]></description>
<content:encoded><![CDATA[<p>The gauge works again.</p><p>Crews &amp; divers helped.</p><script>x()</script>]]></content:encoded></item>
<item><title>Second</title><description>Only a &lt;i&gt;summary&lt;/i&gt; here.</description></item>
</channel></rss>"#;
        let items = parse_feed(rss).unwrap();
        assert_eq!(items.len(), 2);
        let a = &items[0];
        assert_eq!(a.title, "Tide gauge \u{201c}fixed\u{201d}");
        assert_eq!(a.body, "The gauge works again.\n\nCrews & divers helped.");
        assert_eq!(a.id, "ledger-tide-1");
        assert_eq!(a.url.as_deref(), Some("https://ledger.example/tide"));
        assert_eq!(a.source.as_deref(), Some("Harbor Ledger & Co"));
        assert_eq!(a.author.as_deref(), Some("Lee Park"));
        assert_eq!(a.publisher_tags, ["subject:Local"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-03-04T08:15:00+00:00");
        assert_eq!(items[1].body, "Only a summary here.");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title><id>urn:vp</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title type="html">Bridge &lt;em&gt;reopens&lt;/em&gt;</title><id>urn:vp:1</id><link rel="alternate" href="https://vp.example/1"/>
<published>2025-01-02T10:00:00Z</published><updated>2025-01-03T10:00:00Z</updated><author><name>Sam Oyelaran</name></author>
<content type="html">&lt;p&gt;Traffic flows.&lt;/p&gt;</content></entry></feed>"#;
        let a = &parse_feed(atom).unwrap()[0];
        assert_eq!(
            (a.title.as_str(), a.body.as_str(), a.id.as_str()),
            ("Bridge reopens", "Traffic flows.", "urn:vp:1")
        );
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-01-02T10:00:00+00:00");
        assert_eq!(a.author.as_deref(), Some("Sam Oyelaran"));
    }

    #[test]
    fn not_a_feed_is_an_error() {
        assert!(parse_feed("<html><body>x</body></html>").is_err());
    }
}
