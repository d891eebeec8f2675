//! Live updates through the real server binary: a watched folder is indexed as files appear,
//! change and go, and searches see it without a restart.

use crate::util::Env;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<serde_json::Value> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    serde_json::from_str(out.split("\r\n\r\n").nth(1)?).ok()
}

/// Waits (up to 30 s) until `what` holds for the search of `query`.
fn until(port: u16, query: &str, what: &str, ok: impl Fn(&serde_json::Value) -> bool) {
    let started = Instant::now();
    loop {
        if let Some(r) = get(port, &format!("/api/v1/search?q={query}")) {
            if ok(&r) {
                return;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(30), "waited 30 s for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_watched_folder_is_indexed_as_files_come_change_and_go() {
    let env = Env::new();
    env.write("inbox/first.txt", "Harbour crane fails\n\nThe harbour crane failed on Monday.\n");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let _server = Server(
        env.command(&["serve", "--addr", &format!("127.0.0.1:{port}"), "--watch", "inbox"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let hits = |r: &serde_json::Value| r["total_hits"].as_u64().unwrap_or(0);
    until(port, "crane", "the folder indexed at start", |r| hits(r) == 1);
    env.write("inbox/second.txt", "Lighthouse keepers strike\n\nThe lighthouse keepers went on strike.\n");
    until(port, "lighthouse+keepers", "a new file", |r| hits(r) == 1);
    env.write("inbox/second.txt", "Lighthouse keepers return\n\nThe lighthouse keepers returned to work.\n");
    until(port, "returned", "a changed file", |r| hits(r) == 1);
    std::fs::remove_file(env.path("inbox/first.txt")).unwrap();
    until(port, "crane", "a deleted file", |r| hits(r) == 0 && r["total_hits"].is_u64());
}
