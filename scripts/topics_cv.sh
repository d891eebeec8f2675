#!/usr/bin/env bash
# Five-fold cross-validation of `newsdex train-topics` on AG News, plus a cross-domain run.
#   scripts/topics_cv.sh DATA_DIR VECTORS_DIR [MIN_MEAN]
# DATA_DIR is ../shared/data; VECTORS_DIR holds the output of scripts/export_vectors.py.
# For each fold k: train on HuffPost + Reuters-21578 + the other four AG folds, score fold k.
# Then: train without AG News at all and score every AG fold (news from an outlet mix and years
# the model never saw). Fails when the five-fold mean is below MIN_MEAN.
set -euo pipefail
data=$1; vectors=$2; min=${3:-0}
bin=${NEWSDEX:-./target/release/newsdex}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
xz -dc "$data/ag-news/ag_news_test_7600.jsonl.xz" > "$tmp/ag.jsonl"
xz -dc "$data/news-category/news_category_recent_13456.jsonl.xz" > "$tmp/recent.jsonl"
xz -dc "$data/news-category/huffpost_fewshot_36900.jsonl.xz" > "$tmp/fewshot.jsonl"
train=(--huffpost "$tmp/recent.jsonl" --huffpost "$tmp/fewshot.jsonl" --reuters "$data/reuters21578/reuters21578.jsonl" --vectors "$vectors")
accs=()
for k in 0 1 2 3 4; do
  "$bin" train-topics "${train[@]}" --ag "$tmp/ag.jsonl" --ag-holdout "$k" --out "$tmp/m$k.bin.gz" > /dev/null
  acc=$("$bin" eval-topics --model "$tmp/m$k.bin.gz" --ag "$tmp/ag.jsonl" --ag-fold "$k" | sed -n 's/.*top-1 accuracy //p')
  echo "AG News fold $k held out: top-1 accuracy $acc"
  accs+=("$acc")
done
"$bin" train-topics "${train[@]}" --out "$tmp/noag.bin.gz" > /dev/null
"$bin" eval-topics --model "$tmp/noag.bin.gz" --ag "$tmp/ag.jsonl" --ag-fold all > "$tmp/noag.txt"
echo "Trained without AG News, all 7,600 AG texts: top-1 accuracy $(sed -n 's/.*top-1 accuracy //p' "$tmp/noag.txt")"
# How far its confidences are from how often it is right, on an outlet it never saw.
sed -n '/reliability of the top subject/,/confusion/p' "$tmp/noag.txt" | grep -v confusion
python3 - "$min" "${accs[@]}" <<'PY'
import statistics, sys
floor, accs = float(sys.argv[1]), [float(a) for a in sys.argv[2:]]
mean = statistics.mean(accs)
print(f"AG News five-fold mean top-1 accuracy {mean:.4f} (min {min(accs):.4f}, max {max(accs):.4f}; floor {floor})")
sys.exit(0 if mean >= floor else f"five-fold mean {mean:.4f} is below the floor {floor}")
PY
