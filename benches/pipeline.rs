//! Criterion benchmarks of the hot paths: passage analysis and search over a small index.
//! `cargo bench` runs them; CI only compiles them (`cargo bench --no-run`).

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
    run_index(&IndexOptions::new(vec![corpus], dir.path().join("index")), &indicatif::ProgressBar::hidden()).unwrap();
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
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
