//! The disk under the index: full, read-only. Each test mounts a small tmpfs of its own, which
//! needs root: they are ignored by default and `.ci/run` (root on a fresh machine) runs them.

use crate::util::Env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs of `mb` megabytes mounted at `<env>/disk`, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(env: &Env, mb: usize) -> Tmpfs {
        let at = env.path("disk");
        std::fs::create_dir_all(&at).unwrap();
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={mb}m"), "tmpfs"]).arg(&at).status();
        assert!(ok.is_ok_and(|s| s.success()), "mounting a tmpfs needs root (run as .ci/run does)");
        Tmpfs(at)
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount").args(["-o", &format!("remount,{mode}")]).arg(&self.0).status().unwrap();
        assert!(ok.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn small_desk(env: &Env) {
    for i in 1..=3 {
        env.write(
            &format!("a/{i}.txt"),
            format!("Harbor story {i}\n\nThe harbor crane number {i} failed on Monday.\n"),
        );
    }
}

/// 3,000 articles of 400 made-up words: about 7 MB of index, more than the disk holds.
fn big_desk(env: &Env) {
    let mut seed = 7u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let words: Vec<String> =
        (0..20_000).map(|_| (0..3 + next() % 6).map(|_| (b'a' + (next() % 26) as u8) as char).collect()).collect();
    for i in 0..3_000 {
        let body: Vec<&str> = (0..400).map(|_| words[(next() % 20_000) as usize].as_str()).collect();
        env.write(&format!("b/{i}.txt"), format!("Filler {i}\n\n{}.\n", body.join(" ")));
    }
}

fn index_at(env: &Env, index: &Path, folders: &[&str]) -> std::process::Output {
    let mut args = vec!["--index", index.to_str().unwrap(), "index"];
    args.extend(folders);
    env.run(&args)
}

#[test]
#[ignore = "mounts a tmpfs (root); .ci/run runs it"]
fn a_full_disk_stops_the_run_with_one_message_and_keeps_the_index() {
    let env = Env::new();
    small_desk(&env);
    big_desk(&env);
    let disk = Tmpfs::mount(&env, 6);
    let index = disk.0.join("index");
    assert!(index_at(&env, &index, &["a"]).status.success());
    let before = env.ok(&["--index", index.to_str().unwrap(), "search", "crane", "--json"]);
    let out = index_at(&env, &index, &["b"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("is full") && err.contains("Free some space"), "{err}");
    assert!(!err.contains("panicked") && err.lines().filter(|l| l.starts_with("error")).count() == 1, "{err}");
    // The index is as it was, and the space the run took is free again.
    let after = env.ok(&["--index", index.to_str().unwrap(), "search", "crane", "--json"]);
    let hits = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["hits"].clone();
    assert_eq!(hits(&before), hits(&after));
    assert!(env.ok(&["--index", index.to_str().unwrap(), "check"]).contains("sound"));
    let generations = std::fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 1, "the failed run's generation is removed");
    // Nothing left behind trips a later run that fits.
    for i in 100..3_000 {
        std::fs::remove_file(env.path(&format!("b/{i}.txt"))).unwrap();
    }
    let out = index_at(&env, &index, &["b"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.ok(&["--index", index.to_str().unwrap(), "check"]).contains("sound"));
}

#[test]
#[ignore = "mounts a tmpfs (root); .ci/run runs it"]
fn a_read_only_index_folder_is_one_clear_message() {
    let env = Env::new();
    small_desk(&env);
    let disk = Tmpfs::mount(&env, 8);
    let index = disk.0.join("index");
    assert!(index_at(&env, &index, &["a"]).status.success());
    disk.remount("ro");
    for args in [vec!["index", "a"], vec!["search", "crane"]] {
        let mut all = vec!["--index", index.to_str().unwrap()];
        all.extend(args);
        let out = env.run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("cannot be written (read-only file system)") && err.contains("--index"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    disk.remount("rw");
}
