#!/usr/bin/env python3
"""How many story clusters mix articles whose figures differ (templated reports taken for copies).

Usage: scripts/cluster_numbers.py INDEX [--binary PATH]
Reads `newsdex export` of INDEX; a cluster "mixes" when two of its articles state different
numbers in their bodies (digit runs in order)."""
import argparse, collections, json, re, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("index")
ap.add_argument("--binary", default="target/release/newsdex")
a = ap.parse_args()
out = subprocess.run([a.binary, "--index", a.index, "export"], check=True, capture_output=True, text=True).stdout
clusters = collections.defaultdict(list)
for line in out.splitlines():
    d = json.loads(line)
    nums = tuple(re.sub(r"[,.]", "", n) for n in re.findall(r"\d[\d,.]*", d["body"]))
    clusters[d["dup_cluster"]].append(nums)
multi = [c for c in clusters.values() if len(c) > 1]
mixed = [c for c in multi if len(set(c)) > 1]
print(json.dumps({"articles": sum(len(c) for c in clusters.values()), "clusters_2plus": len(multi),
                  "articles_in_them": sum(len(c) for c in multi), "mixed_numbers": len(mixed),
                  "articles_in_mixed": sum(len(c) for c in mixed)}))
