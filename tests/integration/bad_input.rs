//! Bad input is skipped with a warning naming the file (and line), counted, and nothing good is lost.

use crate::util::Env;

fn bad_folder(env: &Env) {
    env.write("news/good.txt", "Good article\n\nIt has a body.\n");
    env.write(
        "news/wire.jsonl",
        concat!(
            "{\"id\": \"ok-1\", \"title\": \"One\", \"body\": \"First.\"}\n",
            "\n",
            "{\"id\": \"ok-2\", \"title\": \"Two\", \"body\": \"Second.\"}\n",
            "{\"id\": \"cut\", \"title\": \"Trunc\n",
            "[1, 2, 3]\n",
            "{\"id\": \"hollow\", \"url\": \"https://x.example\"}\n",
            "{\"id\": \"ok-3\", \"title\": \"Three\", \"body\": \"Third.\"}"
        ),
    );
    env.write("news/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice());
    env.write("news/empty.txt", "  \n\n ");
    env.write("news/broken.json", "{\"title\": \"never closed\"");
    env.write("news/corrupt.jsonl.gz", b"this is not gzip data at all".as_slice());
    let huge = std::fs::File::create(env.path("news/huge.txt")).unwrap();
    huge.set_len(2 << 30).unwrap(); // 2 GiB, sparse: never read
    std::os::unix::fs::symlink(env.path("news"), env.path("news/loop")).unwrap();
}

#[test]
fn bad_files_and_lines_are_skipped_and_counted() {
    let env = Env::new();
    bad_folder(&env);
    let out = env.run(&["index", "news", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["articles"], 4, "{summary}");
    let reasons = &summary["skipped_by_reason"];
    assert_eq!(reasons["malformed"], 3, "{summary}"); // truncated line, non-object line, broken.json
    assert_eq!(reasons["empty"], 2, "{summary}"); // empty.txt, record with no title/body
    assert_eq!(reasons["binary"], 1, "{summary}");
    assert_eq!(reasons["too_large"], 1, "{summary}");
    assert_eq!(reasons["unreadable"], 1, "{summary}");
    assert_eq!(reasons["walk_error"], 1, "{summary}");
    assert_eq!(summary["skipped"], 9);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "wire.jsonl:4",
        "wire.jsonl:5",
        "wire.jsonl:6",
        "binary.txt",
        "huge.txt",
        "broken.json",
        "corrupt.jsonl.gz",
        "loop",
    ] {
        assert!(stderr.contains(needle), "no warning naming {needle}:\n{stderr}");
    }
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert_eq!(env.search_ids("second", &[]), ["ok-2"]);
}

#[test]
fn strict_mode_fails_and_writes_nothing() {
    let env = Env::new();
    bad_folder(&env);
    let out = env.run(&["index", "news", "--strict"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--strict"), "{stderr}");
    let out = env.run(&["search", "second"]);
    assert!(!out.status.success(), "an index was written despite --strict");
}

#[test]
fn user_errors_are_one_clear_sentence() {
    let env = Env::new();
    let out = env.run(&["search", "anything", "--corpus", "nowhere"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: No newsdex index at") && stderr.contains("newsdex index"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    let out = env.run(&["index", "does-not-exist"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));

    env.write("news/a.txt", "Title\n\nBody words.\n");
    env.index("news", &[]);
    let out = env.run(&["search", "title:(unclosed"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: The query \"title:(unclosed\" could not be understood."), "{stderr}");
    assert!(!stderr.contains("Syntax") && stderr.contains("person"), "{stderr}");
    let stderr = String::from_utf8_lossy(&env.run(&["search", "\"unclosed phrase"]).stderr).to_string();
    assert!(stderr.contains("opens a quoted phrase but does not close it"), "{stderr}");

    let manifest = env.path("index/newsdex.json");
    let current = format!("\"format_version\": {}", newsdex::index::manifest::FORMAT_VERSION);
    let text = std::fs::read_to_string(&manifest).unwrap().replace(&current, "\"format_version\": 0");
    std::fs::write(&manifest, text).unwrap();
    let stderr = String::from_utf8_lossy(&env.run(&["search", "body"]).stderr).to_string();
    assert!(stderr.contains("format version 0") && stderr.contains("--rebuild"), "{stderr}");
}
