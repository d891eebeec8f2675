//! Every input format, read into the right fields.

use crate::util::Env;

#[test]
fn every_format_is_read_into_fields() {
    let env = Env::new();
    env.write("news/a.txt", "Port strike ends\nBy Ana Ruiz\nDate: 2025-02-01\n\nDock workers returned on Monday.\n\nShips queued outside.\n");
    env.write("news/b.md", "# Glacier retreat measured\n\nSource: Alpine Post\n\nThe glacier lost 40 metres.\n");
    env.write("news/c.json", r#"{"headline": "Bridge reopens", "maintext": "The bridge reopened to traffic.", "date_publish": "2025-02-03 08:00:00", "source_domain": "ridge.example"}"#);
    env.write("news/d.json", r#"[{"title": "Array one", "content": "First item body."}, {"title": "Array two", "content": "Second item body."}]"#);
    env.write("news/e.jsonl", "{\"id\": \"w-1\", \"title\": \"Wire one\", \"text\": \"Line one body.\", \"pubDate\": \"Tue, 04 Feb 2025 10:00:00 +0000\"}\n\n{\"id\": \"w-2\", \"title\": \"Wire two\", \"body\": \"Line two body.\"}\n");
    env.write("news/f.html", "<html><head><title>Page</title><meta property=\"og:site_name\" content=\"Town Crier\"></head><body><nav><p>Menu</p></nav><article><h1>Fair opens</h1><p>The county fair opened.</p><script>x()</script></article></body></html>");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, b"{\"id\": \"gz-1\", \"title\": \"Zipped\", \"body\": \"Compressed body.\"}\n")
        .unwrap();
    env.write("news/g.jsonl.gz", gz.finish().unwrap());
    env.write("news/README.pdf", "%PDF-1.4 not an article format");
    let summary = env.index("news", &[]);
    assert_eq!(summary["articles"], 9, "{summary}");
    assert_eq!(summary["skipped"], 0);
    assert_eq!(summary["ignored_files"], 1);

    let a = env.json(&["show", "news/a.txt", "--json"]);
    assert_eq!((a["title"].as_str(), a["author"].as_str()), (Some("Port strike ends"), Some("Ana Ruiz")));
    assert_eq!(a["date"], "2025-02-01T00:00:00Z");
    assert_eq!(a["passages"].as_array().unwrap().len(), 2);
    assert_eq!(env.json(&["show", "news/b.md", "--json"])["source"], "Alpine Post");
    let c = env.json(&["show", "news/c.json", "--json"]);
    assert_eq!(
        (c["title"].as_str(), c["source"].as_str(), c["date"].as_str()),
        (Some("Bridge reopens"), Some("ridge.example"), Some("2025-02-03T08:00:00Z"))
    );
    assert_eq!(env.json(&["show", "news/d.json#2", "--json"])["title"], "Array two");
    assert_eq!(env.json(&["show", "w-1", "--json"])["date"], "2025-02-04T10:00:00Z");
    assert_eq!(env.json(&["show", "w-2", "--json"])["path"], "e.jsonl");
    let f = env.json(&["show", "news/f.html", "--json"]);
    assert_eq!(
        (f["title"].as_str(), f["body"].as_str(), f["source"].as_str()),
        (Some("Fair opens"), Some("The county fair opened."), Some("Town Crier"))
    );
    assert_eq!(env.json(&["show", "gz-1", "--json"])["body"], "Compressed body.");
}

#[test]
fn windows_1252_text_is_decoded_not_dropped() {
    let env = Env::new();
    env.write("news/legacy.txt", b"Caf\xe9 owners protest\n\nThe \x93caf\xe9\x94 tax rose.\n".as_slice());
    let summary = env.index("news", &[]);
    assert_eq!((summary["articles"].as_u64(), summary["decoded_cp1252"].as_u64()), (Some(1), Some(1)));
    let a = env.json(&["show", "news/legacy.txt", "--json"]);
    assert_eq!(a["title"], "Café owners protest");
    assert_eq!(a["body"], "The \u{201c}café\u{201d} tax rose.");
    assert_eq!(env.search_ids("cafe tax", &[]), ["news/legacy.txt"]);
}
