//! The entity commands: word-clusters, train-ner, eval-ner, ner.

use crate::args::{EvalNerArgs, NerArgs, TrainNerArgs, WordClustersArgs};
use anyhow::{Context, Result};
use newsdex::analyze::entities::clusters::WordClusters;
use newsdex::analyze::entities::conll::parse_conll;
use newsdex::analyze::entities::eval::{score, TypeScore};
use newsdex::analyze::entities::tagger::{tag_conll, train_ner};
use newsdex::analyze::entities::Tagger;
use std::io::Write;
use std::path::Path;

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("Could not read {}; check the path.", path.display()))
}

fn print_scores(scores: &[TypeScore]) {
    out!("{:<5} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}", "type", "gold", "pred", "right", "P", "R", "F1");
    for s in scores {
        out!(
            "{:<5} {:>6} {:>6} {:>6} {:>7.4} {:>7.4} {:>7.4}",
            s.entity,
            s.gold,
            s.predicted,
            s.correct,
            s.precision,
            s.recall,
            s.f1
        );
    }
}

fn builtin() -> Result<&'static Tagger> {
    Tagger::builtin().context("This newsdex was built without an entity model. Run `newsdex train-ner` and rebuild.")
}

/// `newsdex word-clusters`.
pub fn word_clusters(a: WordClustersArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let clusters = WordClusters::from_vectors(&a.vectors, a.iterations)?;
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::File::create(&a.out)
        .with_context(|| format!("Could not write {}; check the path.", a.out.display()))?;
    clusters.write(std::io::BufWriter::new(file))?;
    out!("Wrote {} ({} words) in {:.0} s.", a.out.display(), clusters.len(), started.elapsed().as_secs_f64());
    Ok(())
}

/// `newsdex train-ner`.
pub fn train(a: TrainNerArgs) -> Result<()> {
    let (train_text, dev_text) = (read(&a.train)?, read(&a.dev)?);
    let started = std::time::Instant::now();
    let clusters = match &a.clusters {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("Could not read {}; check the path.", path.display()))?;
            std::sync::Arc::new(WordClusters::read(file).with_context(|| {
                format!("{} is not a word-clusters file; write one with `newsdex word-clusters`.", path.display())
            })?)
        }
        None => WordClusters::builtin(),
    };
    let model = train_ner(&train_text, &dev_text, a.epochs, clusters, |epoch, scores| {
        let f = |t: &str| scores.iter().find(|s| s.entity == t).map_or(0.0, |s| s.f1);
        eprintln!(
            "epoch {:>2}: dev F1 ALL {:.4} PER {:.4} ORG {:.4} LOC {:.4} MISC {:.4} ({:.0} s)",
            epoch + 1,
            f("ALL"),
            f("PER"),
            f("ORG"),
            f("LOC"),
            f("MISC"),
            started.elapsed().as_secs_f64()
        );
    });
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    model.save(std::fs::File::create(&a.out)?)?;
    let size = std::fs::metadata(&a.out)?.len();
    out!("Wrote {} ({:.1} MB) in {:.0} s.", a.out.display(), size as f64 / 1e6, started.elapsed().as_secs_f64());
    Ok(())
}

/// `newsdex eval-ner`.
pub fn eval(a: EvalNerArgs) -> Result<()> {
    let docs = parse_conll(&read(&a.conll)?);
    let loaded = match &a.model {
        Some(path) => Some(std::fs::File::open(path).and_then(Tagger::load).with_context(|| {
            format!("Could not read the model {}; write one with `newsdex train-ner`.", path.display())
        })?),
        None => None,
    };
    let tagger = match &loaded {
        Some(t) => t,
        None => builtin()?,
    };
    let started = std::time::Instant::now();
    let pairs = tag_conll(tagger, &docs);
    let secs = started.elapsed().as_secs_f64();
    let tokens: usize = pairs.iter().map(|p| p.1.len()).sum();
    let scores = score(&pairs);
    let (documents, errors) = newsdex::analyze::entities::doc_eval::score_with_errors(tagger, &docs);
    if a.json {
        out!(
            "{}",
            serde_json::json!({"scores": scores, "documents": documents, "tokens": tokens, "tokens_per_sec": tokens as f64 / secs})
        );
    } else {
        print_scores(&scores);
        out!("{tokens} tokens in {secs:.2} s: {:.0} tokens/s on one core", tokens as f64 / secs);
        out!("Facet values per document (distinct names shown vs distinct gold names, {} documents):", docs.len());
        out!("{:<5} {:>6} {:>6} {:>6} {:>7} {:>7}", "type", "gold", "shown", "right", "P", "R");
        for d in &documents {
            out!(
                "{:<5} {:>6} {:>6} {:>6} {:>7.4} {:>7.4}",
                d.entity,
                d.gold,
                d.predicted,
                d.correct,
                d.precision,
                d.recall
            );
        }
        for kind in ["PER", "ORG"] {
            for (what, pick) in [("shown wrongly", 0), ("missed", 1)] {
                let mut list: Vec<(&String, usize)> = errors
                    .iter()
                    .filter(|((k, _), _)| k == kind)
                    .map(|((_, name), c)| (name, if pick == 0 { c.0 } else { c.1 }))
                    .filter(|(_, n)| *n > 0)
                    .collect();
                list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
                if a.misses > 0 && !list.is_empty() {
                    let top: Vec<String> = list.iter().take(a.misses).map(|(n, c)| format!("{n} ({c})")).collect();
                    out!("{kind} {what}: {}", top.join(", "));
                }
            }
        }
    }
    let f = |t: &str| scores.iter().find(|s| s.entity == t).map_or(0.0, |s| s.f1);
    anyhow::ensure!(f("PER") >= a.min_per_f1, "PER F1 {:.4} is below the floor {}.", f("PER"), a.min_per_f1);
    anyhow::ensure!(f("ORG") >= a.min_org_f1, "ORG F1 {:.4} is below the floor {}.", f("ORG"), a.min_org_f1);
    Ok(())
}

/// `newsdex ner`.
pub fn tag(a: NerArgs) -> Result<()> {
    let tagger = builtin()?;
    if let Some(path) = a.conll {
        let text = read(&path)?;
        let docs = parse_conll(&text);
        let tags: Vec<_> = tag_conll(tagger, &docs).into_iter().flat_map(|p| p.1).collect();
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        newsdex::analyze::entities::conll::write_tagged(&text, &tags, &mut out)?;
        return Ok(out.flush()?);
    }
    // A file is read as `index` reads it (HTML markup, JSON fields): the headline, then the body.
    let text = match (a.text, a.file) {
        (Some(t), _) => t,
        (None, Some(f)) => newsdex::ingest::reader::read_one_file(&f)?
            .iter()
            .map(|a| format!("{}\n\n{}", a.title, a.body))
            .collect::<Vec<_>>()
            .join("\n\n"),
        (None, None) => unreachable!("clap requires one"),
    };
    let entities = newsdex::analyze::entities::mentions::mentions(tagger, &text);
    if a.json {
        out!("{}", serde_json::to_string_pretty(&serde_json::json!({ "entities": entities }))?);
    } else {
        for e in entities {
            out!("{:<5} {:>6}..{:<6} {}", e.kind, e.start, e.end, e.text);
        }
    }
    Ok(())
}

/// `newsdex eval-entities`.
pub fn tag_recall(a: crate::args::EvalEntitiesArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let report = newsdex::analyze::entities::tag_recall::tag_recall(builtin()?, &a.data, a.worst)
        .with_context(|| format!("Could not read {}; check the path.", a.data.display()))?;
    if a.json {
        out!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    for r in &report {
        out!("{}: {} of {} tags found, recall {:.3}", r.field, r.found, r.tags, r.recall);
        let worst: Vec<String> = r.worst.iter().map(|(t, m, n)| format!("{t} {m}/{n}")).collect();
        out!("  most missed: {}", worst.join(", "));
    }
    out!("({:.1} s)", started.elapsed().as_secs_f64());
    Ok(())
}
