#!/usr/bin/env bash
# Topics on outlets the model never saw, and the temperature that calibrates its confidences there.
#   scripts/topics_calibration.sh DATA_DIR VECTORS_DIR
# Trains `newsdex train-topics` twice, each time leaving one corpus out: without AG News (scored
# on all 7,600 AG texts) and without HuffPost (scored on the HuffPost test split). For each, the
# top-1 accuracy, the calibration error as trained, the temperature that fits that corpus best,
# and — the honest figure — the calibration error at the temperature fitted on the *other* corpus.
set -euo pipefail
data=$1; vectors=$2
bin=${NEWSDEX:-./target/release/newsdex}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xz -dc "$data/ag-news/ag_news_test_7600.jsonl.xz" > "$tmp/ag.jsonl"
xz -dc "$data/news-category/news_category_recent_13456.jsonl.xz" > "$tmp/recent.jsonl"
xz -dc "$data/news-category/huffpost_fewshot_36900.jsonl.xz" > "$tmp/fewshot.jsonl"
reuters=(--reuters "$data/reuters21578/reuters21578.jsonl" --vectors "$vectors")
"$bin" train-topics --huffpost "$tmp/recent.jsonl" --huffpost "$tmp/fewshot.jsonl" "${reuters[@]}" --out "$tmp/noag.bin.gz" > /dev/null
"$bin" train-topics --ag "$tmp/ag.jsonl" "${reuters[@]}" --out "$tmp/nohp.bin.gz" > /dev/null
"$bin" eval-topics --model "$tmp/noag.bin.gz" --ag "$tmp/ag.jsonl" --ag-fold all --temperature 1 --fit-temperature --json > "$tmp/ag.json"
"$bin" eval-topics --model "$tmp/nohp.bin.gz" --huffpost "$tmp/recent.jsonl" --temperature 1 --fit-temperature --json > "$tmp/hp.json"
t_ag=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["temperature"])' "$tmp/ag.json")
t_hp=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["temperature"])' "$tmp/hp.json")
"$bin" eval-topics --model "$tmp/noag.bin.gz" --ag "$tmp/ag.jsonl" --ag-fold all --temperature "$t_hp" --json > "$tmp/ag-cross.json"
"$bin" eval-topics --model "$tmp/nohp.bin.gz" --huffpost "$tmp/recent.jsonl" --temperature "$t_ag" --json > "$tmp/hp-cross.json"
python3 - "$tmp" "$t_ag" "$t_hp" <<'PY'
import json, sys
tmp, t_ag, t_hp = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
load = lambda n: json.load(open(f"{tmp}/{n}.json"))
print(f"{'left out':<10} {'texts':>6} {'top-1':>7} {'ECE as trained':>15} {'own best T':>11} {'ECE at own T':>13} {'T of the other':>15} {'ECE at it':>10}")
for name, own, cross, t_other in (("AG News", load("ag"), load("ag-cross"), t_hp), ("HuffPost", load("hp"), load("hp-cross"), t_ag)):
    raw, fit = own[0], own[1]
    print(f"{name:<10} {raw['texts']:>6} {raw['accuracy']:>7.4f} {raw['calibration_error']:>15.3f} {fit['temperature']:>11.2f} "
          f"{fit['calibration_error']:>13.3f} {t_other:>15.2f} {cross[0]['calibration_error']:>10.3f}")
    for b in cross[0]["reliability"]:
        print(f"    at T {t_other:.2f}: confidence {b['from']:.1f}-{b['from'] + 0.1:.1f}: {b['texts']:>5} texts, mean {b['confidence']:.3f}, right {b['accuracy']:.3f}")
PY
