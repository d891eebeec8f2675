#!/usr/bin/env python3
"""Kill `newsdex index` with SIGKILL at random moments, many times, and check that nothing is
ever lost: after every kill the index opens, `newsdex check` finds it sound and a search answers;
at the end one uninterrupted run holds exactly the articles of a clean index of the same folder.

    python3 scripts/kill_runs.py --data reuters21578.jsonl --kills 50 [--articles 4000] [--binary B]

The folder is split into files of 200 articles; each attempt adds or changes some of them before
the run it kills, so that kills land in every step (reading, batches, commits, the swap).
"""
import argparse, json, os, random, shutil, signal, subprocess, sys, tempfile, time

def run(binary, *args, check=True):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {p.stderr.strip()}")
    return p

def ids(binary, index):
    out = run(binary, "--index", index, "export").stdout
    return sorted(json.loads(l)["id"] for l in out.splitlines() if l.strip())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--binary", default="target/release/newsdex")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = [l for l in open(a.data) if l.strip()][: a.articles]
    work = tempfile.mkdtemp(prefix="newsdex-kills-")
    corpus, index = os.path.join(work, "corpus"), os.path.join(work, "index")
    os.makedirs(corpus)
    parts = [lines[i:i + 200] for i in range(0, len(lines), 200)]
    written = 0
    def write_part(k, edit=False):
        rows = parts[k]
        if edit:
            rows = [json.dumps(dict(json.loads(r), body=json.loads(r).get("body", "") + " Updated.")) + "\n" for r in rows]
        with open(os.path.join(corpus, f"part-{k:03}.jsonl"), "w") as f:
            f.writelines(rows)
    write_part(0)
    run(a.binary, "--index", index, "-q", "index", corpus, "--shards", "2", "--batch", "500")
    # A clean run of one batch, timed, to spread the kills over a run's length.
    t0 = time.time()
    run(a.binary, "--index", index, "-q", "index", corpus, "--batch", "500")
    kills = survived = 0
    while kills < a.kills:
        if written + 1 < len(parts) and rng.random() < 0.7:
            written += 1
            write_part(written)
        else:
            write_part(rng.randrange(written + 1), edit=rng.random() < 0.5)
        p = subprocess.Popen([a.binary, "--index", index, "-q", "index", corpus, "--batch", "500"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 4.0))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            kills += 1
        else:
            survived += 1
        # After every kill: the index opens, is sound, and answers.
        c = run(a.binary, "--index", index, "check", check=False)
        if c.returncode != 0:
            sys.exit(f"after kill {kills}: check failed:\n{c.stdout}{c.stderr}")
        run(a.binary, "--index", index, "search", "oil", "--json")
    run(a.binary, "--index", index, "-q", "index", corpus)
    got = ids(a.binary, index)
    clean = os.path.join(work, "clean")
    run(a.binary, "--index", clean, "-q", "index", corpus, "--shards", "2")
    want = ids(a.binary, clean)
    ok = got == want
    print(json.dumps({"kills": kills, "runs_finished_before_the_kill": survived, "articles": len(got),
                      "same_articles_as_a_clean_run": ok, "check_sound_after_every_kill": True}))
    shutil.rmtree(work)
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
