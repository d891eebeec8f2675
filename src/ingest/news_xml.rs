//! The publishers' XML formats: NITF (newspapers; the New York Times Annotated Corpus), RCV1's
//! `<newsitem>` (Reuters), and NewsML 1 and G2 (wire services; one or many items per file,
//! often with NITF inside). Read with quick-xml into a small element tree.

use super::article::Article;
use super::date::parse_date;
use quick_xml::events::Event;

/// An element: local name in lower case, attributes (local names, lower case), children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
}

#[derive(Debug)]
enum Child {
    Node(Node),
    Text(String),
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Node(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    /// Every element below this one named `name`, in document order, not looking inside matches.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for n in self.nodes() {
            if n.name == name {
                out.push(n);
            } else {
                n.all(name, out);
            }
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    fn find(&self, name: &str) -> Option<&Node> {
        self.find_all(name).into_iter().next()
    }

    /// All text below, whitespace collapsed.
    fn text(&self) -> String {
        fn walk(n: &Node, out: &mut String) {
            for c in &n.children {
                match c {
                    Child::Text(t) => out.push_str(t),
                    Child::Node(n) => {
                        out.push(' ');
                        walk(n, out);
                    }
                }
            }
        }
        let mut out = String::new();
        walk(self, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The collapsed text of the first element named `name`, when it has any.
    fn text_of(&self, name: &str) -> Option<String> {
        self.find_all(name).into_iter().map(Node::text).find(|t| !t.is_empty())
    }

    /// Paragraphs: the text of each `<p>` below (or the whole text when there is none).
    fn paragraphs(&self) -> String {
        let ps: Vec<String> = self.find_all("p").into_iter().map(Node::text).filter(|t| !t.is_empty()).collect();
        if ps.is_empty() {
            self.text()
        } else {
            ps.join("\n\n")
        }
    }
}

/// Builds the element tree of a document; an error says where the XML breaks.
fn parse_tree(text: &str) -> Result<Node, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<Node> = vec![Node::default()];
    loop {
        let pos = reader.buffer_position();
        let event = crate::util::contain::contained(|| reader.read_event())
            .map_err(|e| format!("the XML parser failed at byte {pos} ({e})"))?
            .map_err(|e| format!("invalid XML at byte {pos}: {e}"))?;
        let depth = stack.len();
        let top = stack.last_mut().expect("the document node stays");
        match event {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => top.children.push(Child::Node(element(&e))),
            Event::End(_) if depth > 1 => {
                let done = stack.pop().expect("checked");
                stack.last_mut().expect("checked").children.push(Child::Node(done));
            }
            Event::Text(t) => top.children.push(Child::Text(t.xml10_content().into_owned())),
            Event::CData(t) => top.children.push(Child::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_html5_entity(&name).unwrap_or(" ").to_string(),
                };
                top.children.push(Child::Text(resolved));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while stack.len() > 1 {
        // Unclosed elements at the end (a truncated file): keep what was read.
        let done = stack.pop().expect("checked");
        stack.last_mut().expect("checked").children.push(Child::Node(done));
    }
    Ok(stack.pop().expect("the document node"))
}

fn element(e: &quick_xml::events::BytesStart) -> Node {
    let local = |q: &str| {
        let s = q.to_lowercase();
        s.rsplit(':').next().unwrap_or_default().to_string()
    };
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            (
                local(a.key.as_ref()),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default(),
            )
        })
        .collect();
    Node { name: local(e.name().as_ref()), attrs, children: Vec::new() }
}

/// The articles of an NITF, RCV1 or NewsML document.
pub(crate) fn parse_news_xml(text: &str) -> Result<Vec<Article>, String> {
    let doc = parse_tree(text)?;
    let Some(root) = doc.nodes().next() else { return Err("no XML element in the file".into()) };
    let articles = match root.name.as_str() {
        "nitf" => vec![from_nitf(root)],
        "newsitem" if root.attr("itemid").is_some() => vec![from_rcv1(root)],
        "newsml" | "newsmessage" | "newsitem" => {
            let mut items = root.find_all("newsitem");
            if root.name == "newsitem" {
                items = vec![root];
            }
            items.into_iter().map(from_newsml).collect()
        }
        other => return Err(format!("XML with root <{other}> is neither NITF nor NewsML")),
    };
    Ok(articles)
}

/// Adds `kind:value` once.
fn tag(tags: &mut Vec<String>, kind: &str, value: &str) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = format!("{kind}:{value}");
    if !value.is_empty() && !tags.contains(&t) {
        tags.push(t);
    }
}

fn byline(s: String) -> String {
    let t = s.trim();
    t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")).unwrap_or(t).trim().to_string()
}

/// NITF: `hl1` headline, `byline`, `body.content` paragraphs, `doc-id`, `date.issue`/
/// `date.release`, `pubdata`'s name, and the tagged people, organisations, places and subjects
/// of `identified-content` and the key list.
fn from_nitf(nitf: &Node) -> Article {
    let mut a = Article {
        title: nitf.text_of("hl1").or_else(|| nitf.text_of("title")).unwrap_or_default(),
        author: nitf.text_of("byline").map(byline).filter(|b| !b.is_empty()),
        body: nitf.find("body.content").map(Node::paragraphs).unwrap_or_default(),
        id: nitf.find("doc-id").and_then(|d| d.attr("id-string")).unwrap_or_default().to_string(),
        ..Article::default()
    };
    a.date = ["date.issue", "date.release", "date.publication"]
        .iter()
        .filter_map(|n| nitf.find(n))
        .filter_map(|d| d.attr("norm"))
        .find_map(parse_date);
    a.source = nitf.find("pubdata").and_then(|p| p.attr("name")).map(str::to_string);
    a.url = nitf.find("pubdata").and_then(|p| p.attr("ex-ref")).map(str::to_string);
    if let Some(ids) = nitf.find("identified-content") {
        for (element, kind) in [("person", "person"), ("org", "org"), ("location", "place"), ("classifier", "subject")]
        {
            for n in ids.find_all(element) {
                tag(&mut a.publisher_tags, kind, &n.text());
            }
        }
    }
    for k in nitf.find_all("keyword") {
        tag(&mut a.publisher_tags, "keyword", k.attr("key").unwrap_or_default());
    }
    a
}

/// RCV1 `<newsitem itemid date>`: headline, byline, `<text>` paragraphs, the publisher from
/// its `dc.publisher`, and its topic, country and industry codes.
fn from_rcv1(item: &Node) -> Article {
    let mut a = Article {
        id: item.attr("itemid").map(|i| format!("rcv1-{i}")).unwrap_or_default(),
        title: item.text_of("headline").or_else(|| item.text_of("title")).unwrap_or_default(),
        author: item.text_of("byline").map(byline).filter(|b| !b.is_empty()),
        body: item.find("text").map(Node::paragraphs).unwrap_or_default(),
        date: item.attr("date").and_then(parse_date),
        ..Article::default()
    };
    for dc in item.find_all("dc") {
        if dc.attr("element") == Some("dc.publisher") {
            a.source = dc.attr("value").map(str::to_string);
        }
    }
    for codes in item.find_all("codes") {
        let class = codes.attr("class").unwrap_or_default();
        let kind = if class.contains("countries") { "place" } else { "subject" };
        for c in codes.find_all("code") {
            tag(&mut a.publisher_tags, kind, c.attr("code").unwrap_or_default());
        }
    }
    a
}

/// A NewsML item (G2 `newsItem` or 1.x `NewsItem`): headline, byline and dates of its metadata,
/// the body of the NITF or HTML inside it, its subjects by type.
fn from_newsml(item: &Node) -> Article {
    let inner = item.find("nitf").map(from_nitf).unwrap_or_default();
    let content = item.find("contentset").or_else(|| item.find("datacontent"));
    let mut a = Article {
        id: item.attr("guid").or_else(|| item.find("newsitemid").map(|_| "")).unwrap_or_default().to_string(),
        title: item.text_of("headline").filter(|t| !t.is_empty()).unwrap_or(inner.title.clone()),
        author: item.text_of("by").or_else(|| item.text_of("byline")).map(byline).or(inner.author.clone()),
        body: if inner.body.is_empty() {
            content.map(Node::paragraphs).unwrap_or_default()
        } else {
            inner.body.clone()
        },
        ..Article::default()
    };
    if a.id.is_empty() {
        a.id = item.text_of("newsitemid").map(|n| format!("newsml-{n}")).unwrap_or(inner.id.clone());
    }
    a.date = ["contentcreated", "firstcreated", "versioncreated", "datelabel", "dateid"]
        .iter()
        .filter_map(|n| item.text_of(n))
        .find_map(|d| parse_date(&d))
        .or(inner.date);
    a.source =
        item.text_of("provider").or_else(|| item.find("provider").and_then(|p| p.attr("literal")).map(str::to_string));
    a.source = a.source.or(inner.source.clone());
    a.publisher_tags = inner.publisher_tags.clone();
    for s in item.find_all("subject") {
        let kind = match s.attr("type").unwrap_or_default() {
            t if t.ends_with("person") => "person",
            t if t.ends_with("organisation") || t.ends_with("organization") => "org",
            t if t.ends_with("geoarea") || t.ends_with("poi") => "place",
            _ => "subject",
        };
        let value = s.text_of("name").or_else(|| s.attr("qcode").map(str::to_string)).unwrap_or_default();
        tag(&mut a.publisher_tags, kind, &value);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nitf_with_a_dtd_line_and_tags() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.3/specification/dtd/nitf-3-3.dtd">
<nitf><head><title>Ignored when hl1 is there</title>
<docdata><doc-id id-string="ledger-2025-0412"/><date.issue norm="20250412T000000"/>
<identified-content><person>Ruiz, Ana</person><org>Port Authority</org><location>Harbor City</location>
<classifier type="descriptor">Shipping</classifier></identified-content><key-list><keyword key="tides"/></key-list></docdata>
<pubdata name="Harbor Ledger" ex-ref="https://ledger.example/2025/04/12/dredging"/></head>
<body><body.head><hedline><hl1>Dredging &amp; the channel</hl1></hedline><byline>By Lee Park</byline>
<dateline>HARBOR CITY, April 11</dateline></body.head>
<body.content><p>The channel is deeper.</p><p>Ships&#8217; captains are pleased&nbsp;now.</p></body.content></body></nitf>"#;
        let a = &parse_news_xml(xml).unwrap()[0];
        assert_eq!(a.title, "Dredging & the channel");
        assert_eq!(a.author.as_deref(), Some("Lee Park"));
        assert_eq!(a.body, "The channel is deeper.\n\nShips\u{2019} captains are pleased now.");
        assert_eq!(a.id, "ledger-2025-0412");
        assert_eq!(a.source.as_deref(), Some("Harbor Ledger"));
        assert_eq!(a.date.unwrap().format("%Y-%m-%d").to_string(), "2025-04-12");
        assert_eq!(
            a.publisher_tags,
            ["person:Ruiz, Ana", "org:Port Authority", "place:Harbor City", "subject:Shipping", "keyword:tides"]
        );
    }

    #[test]
    fn rcv1_newsitem() {
        let xml = r#"<?xml version="1.0" encoding="iso-8859-1" ?>
<newsitem itemid="9001" id="root" date="1996-08-20" xml:lang="en"><title>X: Y</title><headline>Mill output rises</headline>
<byline>Sam Oyelaran</byline><text><p>Output rose.</p><p>Prices held.</p></text>
<metadata><codes class="bip:countries:1.0"><code code="NZ"/></codes><codes class="bip:topics:1.0"><code code="C21"/></codes>
<dc element="dc.publisher" value="Valley Wire"/></metadata></newsitem>"#;
        let a = &parse_news_xml(xml).unwrap()[0];
        assert_eq!((a.id.as_str(), a.title.as_str()), ("rcv1-9001", "Mill output rises"));
        assert_eq!(a.body, "Output rose.\n\nPrices held.");
        assert_eq!(a.source.as_deref(), Some("Valley Wire"));
        assert_eq!(a.publisher_tags, ["place:NZ", "subject:C21"]);
    }

    #[test]
    fn newsml_g2_with_two_items() {
        let xml = r#"<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
<newsItem guid="urn:valley:1"><contentMeta><contentCreated>2025-05-01T09:00:00Z</contentCreated>
<subject type="cpnat:person"><name>Ana Ruiz</name></subject><subject type="cpnat:abstract" qcode="medtop:20000568"/>
<headline>Council votes</headline><by>Lee Park</by></contentMeta>
<contentSet><inlineXML><nitf><body><body.content><p>The vote passed.</p></body.content></body></nitf></inlineXML></contentSet></newsItem>
<newsItem guid="urn:valley:2"><contentMeta><headline>Second</headline></contentMeta><contentSet><inlineXML><html><body><p>Body two.</p></body></html></inlineXML></contentSet></newsItem>
</itemSet></newsMessage>"#;
        let items = parse_news_xml(xml).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].id.as_str(), items[0].title.as_str(), items[0].body.as_str()),
            ("urn:valley:1", "Council votes", "The vote passed.")
        );
        assert_eq!(items[0].publisher_tags, ["person:Ana Ruiz", "subject:medtop:20000568"]);
        assert_eq!(items[0].author.as_deref(), Some("Lee Park"));
        assert_eq!(items[1].body, "Body two.");
    }

    #[test]
    fn broken_xml_is_an_error_with_a_position() {
        let e = parse_news_xml("<nitf><body></nitf>").unwrap_err();
        assert!(e.contains("byte"), "{e}");
    }
}
