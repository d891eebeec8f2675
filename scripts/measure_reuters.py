#!/usr/bin/env python3
"""Index Reuters-21578 and time 200 queries with `newsdex search --batch`.

Prints docs/s, peak RSS of the indexer, and p50/p95/p99 of the in-process `took_us`,
as the median over several runs. Fails when the indexed count is not the count of
well-formed articles (21,578 records, one of which has neither title nor body).

usage: scripts/measure_reuters.py [--runs N] [--binary PATH] [--data PATH]
"""
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--binary", default="target/release/newsdex")
ap.add_argument("--data", default="../shared/data/reuters21578/reuters21578.jsonl")
ap.add_argument("--queries", default="benches/queries/news-200.txt")
ap.add_argument("--shards", type=int, default=2)
args = ap.parse_args()

if not os.path.exists(args.data):
    print(f"SKIPPED: {args.data} not found")
    sys.exit(0)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

work = tempfile.mkdtemp(prefix="newsdex-reuters-")
corpus = os.path.join(work, "corpus")
os.makedirs(corpus)
os.symlink(os.path.abspath(args.data), os.path.join(corpus, "reuters21578.jsonl"))
index = os.path.join(work, "index")
queries = open(args.queries).read()

rates, rss, p50s, p95s, p99s = [], [], [], [], []
for run in range(args.runs):
    # Peak RSS of one child: run each index in a fresh python child so ru_maxrss is its own.
    probe = (
        "import resource,subprocess,sys,json;"
        "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "print(json.dumps({'rc':r.returncode,'out':r.stdout,'err':r.stderr[-2000:],"
        "'rss_kb':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
    )
    cmd = [sys.executable, "-c", probe, args.binary, "--index", index, "-q", "index", corpus,
           "--rebuild", "--shards", str(args.shards), "--json"]
    res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    if res["rc"] != 0:
        print(res["err"]); sys.exit(1)
    summary = json.loads(res["out"])
    if summary["articles"] != 21577 or summary["skipped_by_reason"] != {"empty": 1}:
        print("FAIL: expected 21,577 articles and one empty record skipped, got", summary)
        sys.exit(1)
    rates.append(summary["docs_per_sec"]); rss.append(res["rss_kb"] / 1024)
    out = subprocess.run([args.binary, "--index", index, "search", "--batch"], input=queries,
                         capture_output=True, text=True, check=True).stdout
    took = [json.loads(l)["took_us"] for l in out.splitlines()]
    assert len(took) == 200, len(took)
    p50s.append(pct(took, 50)); p95s.append(pct(took, 95)); p99s.append(pct(took, 99))
    print(f"run {run+1}: {summary['articles']} docs, {summary['docs_per_sec']:.0f} docs/s, "
          f"peak RSS {res['rss_kb']/1024:.0f} MB; search p50 {p50s[-1]} us p95 {p95s[-1]} us p99 {p99s[-1]} us")

print(f"Reuters-21578 ({args.shards} shards), median of {args.runs}: "
      f"{statistics.median(rates):.0f} docs/s, peak RSS {statistics.median(rss):.0f} MB; "
      f"200 queries p50 {statistics.median(p50s):.0f} us, p95 {statistics.median(p95s):.0f} us, "
      f"p99 {statistics.median(p99s):.0f} us")
