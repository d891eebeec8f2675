#!/usr/bin/env python3
"""Judged queries from Reuters-21578's human tags, for `newsdex eval`.

For every people, orgs and topics tag carried by at least 5 articles (with a body): a query in
natural words (a person's surname, an organisation's acronym or name, topic words) and, as
relevant, the articles carrying the tag. Writes OUT/entities.tsv (people and orgs queries),
OUT/topics.tsv and OUT/qrels.txt (TREC format). The files are derived data: keep them out of
the repository.

usage: scripts/reuters_judgments.py OUTDIR [--data PATH]
"""
import argparse, collections, json, os

TOPIC_WORDS = {
    "earn": "earnings", "acq": "acquisition", "money-fx": "currency exchange", "interest": "interest rates",
    "ship": "shipping", "money-supply": "money supply", "veg-oil": "vegetable oil", "nat-gas": "natural gas",
    "bop": "balance of payments", "cpi": "consumer prices", "wpi": "wholesale prices", "ipi": "industrial production",
    "jobs": "unemployment", "gnp": "gross national product", "retail": "retail sales", "income": "personal income",
    "lei": "leading indicators", "instal-debt": "consumer credit", "dlr": "dollar", "dmk": "mark", "stg": "sterling",
    "f-cattle": "cattle", "l-cattle": "cattle", "pet-chem": "petrochemicals", "fuel": "fuel oil", "heat": "heating oil",
    "jet": "jet fuel", "gas": "gasoline", "meal-feed": "feed", "soy-meal": "soymeal", "soy-oil": "soybean oil",
    "palm-oil": "palm oil", "rape-oil": "rapeseed oil", "sun-oil": "sunflower oil", "coconut-oil": "coconut oil",
    "cpu": "capacity utilization", "crude": "crude oil", "carcass": "meat", "hog": "hogs", "orange": "orange juice",
    "rapeseed": "rapeseed", "sunseed": "sunflower seed", "cotton-oil": "cottonseed oil", "groundnut": "groundnuts",
    "strategic-metal": "strategic metals", "iron-steel": "steel", "plywood": "plywood",
}
ORG_WORDS = {"worldbank": "world bank", "ec": "ec", "un": "united nations"}

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--data", default="../shared/data/reuters21578/reuters21578.jsonl")
args = ap.parse_args()
os.makedirs(args.out, exist_ok=True)
tagged = {"people": collections.defaultdict(set), "orgs": collections.defaultdict(set), "topics": collections.defaultdict(set)}
for line in open(args.data, encoding="utf-8"):
    d = json.loads(line)
    if not d.get("body", "").strip():
        continue
    for field in tagged:
        for tag in d.get(field) or []:
            tagged[field][tag].add(d["id"])

def words(field, tag):
    if field == "people":
        return tag.split("-")[-1]
    if field == "orgs":
        return ORG_WORDS.get(tag, tag.split("-")[0])
    return TOPIC_WORDS.get(tag, tag.replace("-", " "))

n = 0
with open(os.path.join(args.out, "entities.tsv"), "w") as ent, open(os.path.join(args.out, "topics.tsv"), "w") as top, \
        open(os.path.join(args.out, "qrels.txt"), "w") as qrels:
    for field in ("people", "orgs", "topics"):
        for tag, ids in sorted(tagged[field].items()):
            if len(ids) < 5:
                continue
            qid = f"{field}:{tag}"
            (top if field == "topics" else ent).write(f"{qid}\t{words(field, tag)}\n")
            for doc in sorted(ids):
                qrels.write(f"{qid} 0 {doc} 1\n")
            n += 1
print(f"{n} judged queries written to {args.out}")
