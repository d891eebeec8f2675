#!/usr/bin/env python3
"""Scale table for the README: index time, docs/s, indexer peak RSS, index size, and query
p50/p99 per class (newsdex bench, with the raw tantivy ratio) for generated corpora of N articles
with 1, 2 and 4 shards, plus any real JSON Lines corpus given with --corpus.

    python3 scripts/scale.py --docs 10000 100000 --shards 1 2 4 [--corpus NAME=PATH ...] [--json OUT]
"""
import argparse, json, os, resource, shutil, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--binary", default="target/release/newsdex")
ap.add_argument("--docs", type=int, nargs="*", default=[10000])
ap.add_argument("--shards", type=int, nargs="+", default=[1, 2, 4])
ap.add_argument("--corpus", nargs="*", default=[], help="NAME=FOLDER of a real corpus")
ap.add_argument("--repeats", type=int, default=1)
ap.add_argument("--json", help="append one JSON line per run here")
ap.add_argument("--work", default=None, help="scratch folder (default: a temp dir)")
a = ap.parse_args()
binary = os.path.abspath(a.binary)
work = a.work or tempfile.mkdtemp(prefix="newsdex-scale-")


def gen_queries(folder):
    """200 queries from the generated corpus's own words (the shipped news queries would match
    nothing in a synthetic vocabulary): the first two or three words of evenly spaced headlines."""
    path = folder.rstrip("/") + "-queries.txt"
    lines = open(os.path.join(folder, "corpus.jsonl")).read().splitlines()
    step = max(1, len(lines) // 200)
    with open(path, "w") as f:
        for i, line in enumerate(lines[::step][:200]):
            words = json.loads(line)["title"].split()
            f.write(" ".join(words[: 2 + i % 2]) + "\n")
    return path


def index(folder, shards, queries=None):
    idx = os.path.join(work, "index")
    shutil.rmtree(idx, ignore_errors=True)
    t = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "index", folder, "--index", idx, "--shards", str(shards), "-q"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(p.stderr)
    seconds = time.time() - t
    rss_mb = int(p.stderr.strip().splitlines()[-1]) / 1024
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(idx) for f in fs)
    stats = json.loads(subprocess.run([binary, "stats", "--index", idx, "--json"], capture_output=True, text=True).stdout)
    extra = ["--queries", queries] if queries else []
    bench = json.loads(subprocess.run([binary, "bench", "--index", idx, "--json", "--repeats", str(a.repeats)] + extra,
                                      capture_output=True, text=True, check=True).stdout)
    return seconds, rss_mb, size, stats.get("articles"), bench


runs = []
for n in a.docs:
    folder = os.path.join(work, f"gen-{n}")
    if not os.path.exists(os.path.join(folder, "corpus.jsonl")):
        subprocess.run([binary, "gen-corpus", "--docs", str(n), "--seed", "1", "--out", folder, "-q"], check=True)
    runs.append((f"generated {n:,}", folder, gen_queries(folder)))
for c in a.corpus:
    name, folder = c.split("=", 1)
    runs.append((name, folder, None))

print("| corpus | shards | articles | index s | docs/s | peak RSS MB | index MB | " +
      " | ".join(f"{c} p50/p99 µs (×raw p50)" for c in ["single_term", "all_words", "phrase", "facets", "filter", "collapse", "date_sort", "facets+collapse"]) + " |")
for name, folder, queries in runs:
    for shards in a.shards:
        seconds, rss, size, docs, bench = index(folder, shards, queries)
        cells = []
        by = {c["class"]: c for c in bench["classes"]}
        for c in ["single_term", "all_words", "phrase", "with_facets", "person_filter", "collapse", "date_sort", "facets_collapse"]:
            k = by.get(c)
            cells.append(f"{k['newsdex']['p50_us']:.0f}/{k['newsdex']['p99_us']:.0f} ({k['ratio_p50']:.1f}×)" if k else "–")
        print(f"| {name} | {shards} | {docs:,} | {seconds:.1f} | {docs / seconds:,.0f} | {rss:,.0f} | {size / 1e6:,.0f} | " + " | ".join(cells) + " |", flush=True)
        if a.json:
            with open(a.json, "a") as f:
                f.write(json.dumps({"corpus": name, "shards": shards, "articles": docs, "seconds": seconds,
                                    "peak_rss_mb": rss, "index_bytes": size, "bench": bench}) + "\n")
if not a.work:
    shutil.rmtree(work, ignore_errors=True)
