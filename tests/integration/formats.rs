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
    assert_eq!(summary["ignored_by_reason"], serde_json::json!({"unknown_format": 1}));
    assert_eq!(summary["files_seen"], 8);

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

#[test]
fn a_wire_archive_of_extensionless_files_is_read_with_its_header_lines() {
    let env = Env::new();
    env.write(
        "archive/20070618/us-harbour-cranes-idUSL18001",
        "-- Harbour board orders twelve new cranes\n-- By  Lena Okafor and Tomas Reyes\n-- Mon Jun 18, 2007 12:38pm EDT\n\
         -- http://www.reuters.com/article/2007/06/18/us-harbour-cranes-idUSL18001\n\n\n\
         ROTTERDAM (Reuters) - The harbour board ordered twelve new cranes on Monday, its chairman Pieter Vos said.\n\n\
         The cranes will be delivered over three years.\n",
    );
    env.write(
        "archive/20070619/us-grain-idUSL19002",
        "-- Grain barges delayed\n-- Tue Jun 19, 2007 9:05am EDT\n\nLow water delayed grain barges on the river.\n",
    );
    env.write("archive/20070619/chart", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice());
    env.write("archive/notes.pdf", "%PDF-1.4");
    let out = env.run(&["index", "archive", "--json"]);
    assert!(out.status.success());
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (s["articles"].as_u64(), s["files_seen"].as_u64(), s["skipped"].as_u64()),
        (Some(2), Some(4), Some(0)),
        "{s}"
    );
    assert_eq!(s["ignored_by_reason"], serde_json::json!({"binary": 1, "unknown_format": 1}), "{s}");
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(
        warnings.contains("chart: not read (binary)") && warnings.contains("notes.pdf: not read (unknown_format)"),
        "{warnings}"
    );
    let a = env.json(&["show", "archive/20070618/us-harbour-cranes-idUSL18001", "--json"]);
    assert_eq!(a["title"], "Harbour board orders twelve new cranes");
    assert_eq!(a["author"], "Lena Okafor and Tomas Reyes");
    assert_eq!(a["date"], "2007-06-18T16:38:00Z");
    assert_eq!(a["source"], "Reuters");
    assert!(a["url"].as_str().unwrap().starts_with("http://www.reuters.com/article/2007/06/18/"));
    assert!(a["body"].as_str().unwrap().trim_start().starts_with("ROTTERDAM"), "{a}");
    let people: Vec<&str> = a["people"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(!people.iter().any(|p| p.contains("Mon") || p.contains("Jun")), "{people:?}");
}
