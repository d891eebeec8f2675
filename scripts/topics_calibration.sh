#!/usr/bin/env bash
# Topics on outlets the model never saw, and the temperature that calibrates its confidences there.
#   scripts/topics_calibration.sh DATA_DIR VECTORS_DIR
# Trains `newsdex train-topics` three times, each time leaving one corpus out: without AG News
# (scored on all 7,600 AG texts), without HuffPost (scored on the HuffPost test split) and without
# Reuters-21578 (scored on its Lewis TEST split, topics mapped to subjects). For each: the top-1
# accuracy, its reliability table and calibration error as trained, the temperature that fits that
# corpus best, and — the honest figure — the calibration error at the temperature fitted on the
# next left-out corpus (AG → HuffPost → Reuters → AG).
set -euo pipefail
data=$1; vectors=$2
bin=${NEWSDEX:-./target/release/newsdex}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xz -dc "$data/ag-news/ag_news_test_7600.jsonl.xz" > "$tmp/ag.jsonl"
xz -dc "$data/news-category/news_category_recent_13456.jsonl.xz" > "$tmp/recent.jsonl"
xz -dc "$data/news-category/huffpost_fewshot_36900.jsonl.xz" > "$tmp/fewshot.jsonl"
rt="$data/reuters21578/reuters21578.jsonl"
hp=(--huffpost "$tmp/recent.jsonl" --huffpost "$tmp/fewshot.jsonl")
"$bin" train-topics "${hp[@]}" --reuters "$rt" --vectors "$vectors" --out "$tmp/ag.bin.gz" > /dev/null
"$bin" train-topics --ag "$tmp/ag.jsonl" --reuters "$rt" --vectors "$vectors" --out "$tmp/hp.bin.gz" > /dev/null
"$bin" train-topics "${hp[@]}" --ag "$tmp/ag.jsonl" --vectors "$vectors" --out "$tmp/rt.bin.gz" > /dev/null
declare -A scored=([ag]="--ag $tmp/ag.jsonl --ag-fold all" [hp]="--huffpost $tmp/recent.jsonl" [rt]="--reuters $rt")
declare -A temperature
for k in ag hp rt; do
  # shellcheck disable=SC2086 # the scored set's arguments are words
  "$bin" eval-topics --model "$tmp/$k.bin.gz" ${scored[$k]} --temperature 1 --fit-temperature --json > "$tmp/$k.json"
  temperature[$k]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["temperature"])' "$tmp/$k.json")
done
declare -A next=([ag]=hp [hp]=rt [rt]=ag)
for k in ag hp rt; do
  # shellcheck disable=SC2086
  "$bin" eval-topics --model "$tmp/$k.bin.gz" ${scored[$k]} --temperature "${temperature[${next[$k]}]}" --json > "$tmp/$k-cross.json"
done
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
load = lambda n: json.load(open(f"{tmp}/{n}.json"))
names = {"ag": "AG News", "hp": "HuffPost", "rt": "Reuters"}
after = {"ag": "hp", "hp": "rt", "rt": "ag"}
print(f"{'left out':<10} {'texts':>6} {'top-1':>7} {'ECE as trained':>15} {'own best T':>11} {'ECE at own T':>13} {'T of the next':>14} {'ECE at it':>10}")
for k, name in names.items():
    raw, fit = load(k)
    cross = load(f"{k}-cross")[0]
    print(f"{name:<10} {raw['texts']:>6} {raw['accuracy']:>7.4f} {raw['calibration_error']:>15.3f} {fit['temperature']:>11.2f} "
          f"{fit['calibration_error']:>13.3f} {cross['temperature']:>14.2f} {cross['calibration_error']:>10.3f}")
for k, name in names.items():
    raw = load(k)[0]
    print(f"{name} left out, confidences as trained:")
    for b in raw["reliability"]:
        print(f"    confidence {b['from']:.1f}-{b['from'] + 0.1:.1f}: {b['texts']:>5} texts, mean {b['confidence']:.3f}, right {b['accuracy']:.3f}")
PY
