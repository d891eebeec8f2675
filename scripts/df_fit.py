#!/usr/bin/env python3
"""Compares the document frequencies of the commonest words of two corpora, rank by rank: the share
of articles holding the commonest word of each, the second commonest, … up to --top. Words are
title and body lowercased, split at anything not a letter or digit (as the index's tokenizer).
Also prints the shares of articles holding the words of the headline queries scripts/scale.py
takes from each corpus (the first two or three words of evenly spaced headlines).

    python3 scripts/df_fit.py --news ../shared/data/reuters-financial/reuters_financial_106520.jsonl.xz \\
        --generated G/corpus.jsonl [--top 1000] [--max-ratio 1.5]

Exits 1 when the ratio at some rank is beyond --max-ratio either way.
"""
import argparse, collections, json, lzma, re, statistics, sys

ap = argparse.ArgumentParser()
ap.add_argument("--news", required=True, help="JSON Lines (.xz allowed) of real news")
ap.add_argument("--generated", required=True, help="JSON Lines of newsdex gen-corpus")
ap.add_argument("--top", type=int, default=1000)
ap.add_argument("--max-ratio", type=float, default=1.5)
a = ap.parse_args()
WORD = re.compile(r"[^\W_]+")


def measure(path):
    opener = lzma.open if path.endswith(".xz") else open
    df, n, titles = collections.Counter(), 0, []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            title = r.get("title") or ""
            df.update({w.lower() for w in WORD.findall(title + " " + (r.get("body") or ""))})
            titles.append(title)
            n += 1
    step = max(1, len(titles) // 200)
    queries = [WORD.findall(t)[: 2 + i % 2] for i, t in enumerate(titles[::step][:200])]
    query_df = [df[w.lower()] / n for q in queries for w in q]
    return n, [c / n for _, c in df.most_common(a.top)], query_df


news_n, news, news_q = measure(a.news)
gen_n, gen, gen_q = measure(a.generated)
print(f"share of articles holding the word of each rank: news {news_n:,} articles, generated {gen_n:,}")
print(f"{'rank':>6} {'news':>8} {'generated':>10} {'ratio':>6}")
for r in [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 700, 1000]:
    if r <= min(len(news), len(gen)):
        print(f"{r:>6} {news[r-1]:>8.4f} {gen[r-1]:>10.4f} {gen[r-1]/news[r-1]:>6.2f}")
ratios = [(max(g / w, w / g), r + 1) for r, (w, g) in enumerate(zip(news, gen))]
worst, at = max(ratios)
print(f"largest ratio either way over ranks 1–{len(ratios)}: {worst:.3f} (rank {at})")
for name, q in (("news", news_q), ("generated", gen_q)):
    print(f"headline query words, share of articles holding them ({name}): median {statistics.median(q):.4f}, "
          f"max {max(q):.4f}")
if worst > a.max_ratio or len(ratios) < a.top:
    sys.exit(f"the generated corpus's document frequencies are not within {a.max_ratio}x of the news corpus's")
