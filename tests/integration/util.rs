//! Test helpers: a temp dir with files, and the real `newsdex` binary run inside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary workspace; the index lives in `<dir>/index`.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file, creating parent folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }

    /// A `newsdex` command run in the workspace against `<dir>/index`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_newsdex"));
        c.current_dir(self.dir.path()).stdin(Stdio::null());
        if !args.contains(&"--index") {
            c.arg("--index").arg(self.path("index"));
        }
        c.args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run newsdex")
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "newsdex {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and parses stdout as one JSON value.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
    }

    /// Indexes `folder` (relative to the workspace) with extra args; returns the JSON summary.
    pub fn index(&self, folder: &str, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["index", folder, "--json"];
        args.extend_from_slice(extra);
        self.json(&args)
    }

    /// Ids of the hits of a JSON search.
    pub fn search_ids(&self, query: &str, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["search", query, "--json"];
        args.extend_from_slice(extra);
        self.json(&args)["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    }
}

/// The demo corpus of the repository.
pub fn demo_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A workspace whose index holds the demo corpus.
pub fn indexed_demo() -> Env {
    let env = Env::new();
    env.ok(&["index", demo_corpus().to_str().unwrap()]);
    env
}

/// A file under `../shared/data`. The tests that need one are `#[ignore]`d (a clean clone has no
/// `../shared`); run explicitly, a missing file is a failure that says so.
pub fn shared_data(rel: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(rel);
    assert!(p.exists(), "{} is not available: this test needs ../shared/data (CI provides it)", p.display());
    p
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
