//! Criterion benchmarks of the hot paths: passage analysis, duplicate signatures, entity tagging,
//! topic classification and keyphrases per article, and search per query class over the demo
//! corpus and a 10,000-article generated index. `cargo bench` runs them; CI only compiles them
//! (`cargo bench --no-run`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsdex::analyze::analyze;
use newsdex::analyze::dedup::{DocRecord, DupStore};
use newsdex::index::{run_index, IndexOptions};
use newsdex::ingest::Article;
use newsdex::search::{NewsIndex, SearchRequest};
use std::path::Path;

/// Articles of the demo corpus, read through the real indexer and exported back.
fn demo_articles(index: &NewsIndex) -> Vec<Article> {
    let mut out = Vec::new();
    index
        .for_each_article(|a| {
            out.push(Article { id: a.id, title: a.title, body: a.body, ..Default::default() });
            Ok(())
        })
        .unwrap();
    out
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    run_index(&IndexOptions::new(vec![corpus], dir.path().join("index")), &newsdex::index::NoProgress).unwrap();
    let index = NewsIndex::open(&dir.path().join("index")).unwrap();
    let articles = demo_articles(&index);
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();

    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("passages_and_marks_demo_corpus", |b| {
        b.iter(|| articles.iter().map(|a| analyze(a).passages.len()).sum::<usize>())
    });
    g.bench_function("dedup_signatures_demo_corpus", |b| {
        b.iter(|| articles.iter().map(|a| DocRecord::new(a).bands.len()).sum::<usize>())
    });
    g.bench_function("dedup_mark_demo_corpus", |b| {
        b.iter(|| {
            let mut store = DupStore::default();
            let none = std::collections::HashSet::new();
            articles.iter().map(|a| store.mark(DocRecord::new(a), &none).passages.len()).sum::<usize>()
        })
    });
    g.finish();

    // Entity tagging per 1,000 tokens (throughput in tokens).
    let tagger = newsdex::analyze::entities::Tagger::builtin().expect("built-in NER model");
    let docs: Vec<Vec<Vec<&str>>> = articles
        .iter()
        .map(|a| {
            newsdex::analyze::entities::tokenize::sentences(&a.body)
                .iter()
                .map(|s| s.iter().map(|t| &a.body[t.start..t.end]).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(|s| s.len()).sum();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag_demo_corpus_tokens", |b| {
        b.iter(|| docs.iter().map(|d| tagger.tag_document(d).len()).sum::<usize>())
    });
    g.finish();

    // Topic classification and keyphrases per article (throughput in articles).
    let model = newsdex::analyze::topics::classifier::builtin().expect("built-in topic model");
    let mut df = newsdex::analyze::keywords::DocFrequencies::default();
    for a in &articles {
        df.add_document(&newsdex::analyze::keywords::candidate_keys(&a.title, &a.body));
    }
    let mut g = c.benchmark_group("per_article");
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.bench_function("topics_demo_corpus", |b| {
        b.iter(|| {
            articles.iter().map(|a| newsdex::analyze::topics::classify(model, &a.title, &a.body).len()).sum::<usize>()
        })
    });
    g.bench_function("keyphrases_demo_corpus", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| newsdex::analyze::keywords::keyphrases(&a.title, &a.body, &df, &[]).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("search");
    for (class, q) in [
        ("single_term", "prison"),
        ("all_words", "Bukele deportees"),
        ("phrase", "\"travel advisory\""),
        ("or", "frog OR marathon"),
    ] {
        let req = SearchRequest::new(q);
        g.bench_function(class, |b| b.iter(|| index.search(&req).unwrap().total_hits));
    }
    g.finish();

    // Query classes over 10,000 generated articles (2 shards), as `newsdex bench` runs them.
    let gen = tempfile::tempdir().unwrap();
    let opts = newsdex::bench::gen_corpus::GenOptions { docs: 10_000, ..Default::default() };
    let mut out = std::io::BufWriter::new(std::fs::File::create(gen.path().join("corpus.jsonl")).unwrap());
    newsdex::bench::gen_corpus::generate(&opts, &mut out).unwrap();
    drop(out);
    let mut options = IndexOptions::new(vec![gen.path().to_path_buf()], dir.path().join("gen-index"));
    options.shards = Some(2);
    run_index(&options, &newsdex::index::NoProgress).unwrap();
    let generated = NewsIndex::open(&dir.path().join("gen-index")).unwrap();
    let first = generated.search(&SearchRequest::new("*")).unwrap();
    let words: Vec<String> = first.hits[0].title.split_whitespace().map(str::to_lowercase).take(2).collect();
    let mut g = c.benchmark_group("search_10k_generated");
    let term = words[0].clone();
    let both = words.join(" ");
    let phrase = format!("\"{both}\"");
    for (class, q, facets, collapse) in [
        ("single_term", term.as_str(), 0, false),
        ("all_words", both.as_str(), 0, false),
        ("phrase", phrase.as_str(), 0, false),
        ("with_facets", both.as_str(), 10, false),
        ("collapse", both.as_str(), 0, true),
    ] {
        let mut req = SearchRequest::new(q);
        req.facets = facets;
        req.collapse = collapse;
        g.bench_function(class, |b| b.iter(|| generated.search(&req).unwrap().total_hits));
    }
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
