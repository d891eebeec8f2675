//! The topic commands: train-topics, eval-topics, topics.

use crate::args::{EvalTopicsArgs, TopicsArgs, TrainTopicsArgs};
use anyhow::{Context, Result};
use newsdex::analyze::topics::eval::{eval_ag, eval_examples, fit_temperature, reliability_at, TopicEval};
use newsdex::analyze::topics::model::{TopicModel, TrainOptions};
use newsdex::analyze::topics::training::{train_topics, TrainingData};
use newsdex::analyze::topics::{classifier, data};

fn model() -> Result<&'static TopicModel> {
    classifier::builtin()
        .context("This newsdex was built without a topic model. Run `newsdex train-topics` and rebuild.")
}

/// `newsdex train-topics`.
pub fn train(a: TrainTopicsArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let data = TrainingData {
        huffpost: a.huffpost,
        reuters: a.reuters,
        reuters_cap: a.reuters_cap,
        ag: a.ag,
        ag_holdout: a.ag_holdout,
        ag_weight: a.ag_weight,
        per_class: a.per_class,
        vectors: a.vectors,
    };
    let options = TrainOptions {
        epochs: a.epochs,
        learning_rate: a.learning_rate,
        l2: a.l2,
        lexicon_weight: a.lexicon_weight,
        balance: a.balance,
    };
    let trained = train_topics(&data, &options)?;
    if let Some(n) = trained.ag_texts {
        let which = data.ag_holdout.map_or("all folds".to_string(), |k| format!("the folds other than {k}"));
        out!("AG News: {n} texts from {which}.");
    }
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    trained.model.save(std::fs::File::create(&a.out)?)?;
    let per_subject: Vec<String> = trained.per_subject.iter().map(|(slug, n)| format!("{slug} {n}")).collect();
    out!("Examples per subject: {}.", per_subject.join(", "));
    out!(
        "Trained on {} examples in {:.0} s; wrote {} ({:.1} MB).",
        trained.examples,
        started.elapsed().as_secs_f64(),
        a.out.display(),
        std::fs::metadata(&a.out)?.len() as f64 / 1e6
    );
    Ok(())
}

fn print(e: &TopicEval) {
    out!("{}: {} texts, top-1 accuracy {:.4}", e.set, e.texts, e.accuracy);
    for (class, (p, r, n)) in &e.per_class {
        out!("  {class:<36} P {p:.3}  R {r:.3}  ({n})");
    }
    out!(
        "  reliability of the top subject (calibration error {:.3}, temperature {:.2}):",
        e.calibration_error,
        e.temperature
    );
    for b in &e.reliability {
        out!(
            "    confidence {:.1}–{:.1}: {:>5} texts, mean confidence {:.3}, right {:.3}",
            b.from,
            b.from + 0.1,
            b.texts,
            b.confidence,
            b.accuracy
        );
    }
    out!("  confusion (gold → predicted):");
    for (g, row) in &e.confusion {
        let cells: Vec<String> = row.iter().map(|(p, n)| format!("{p} {n}")).collect();
        out!("    {g:<36} {}", cells.join(", "));
    }
}

/// `newsdex eval-topics`.
pub fn eval(a: EvalTopicsArgs) -> Result<()> {
    let loaded;
    let m = match &a.model {
        Some(p) => {
            let f = std::fs::File::open(p).with_context(|| format!("Could not open {}.", p.display()))?;
            loaded = TopicModel::load(f).with_context(|| format!("{} is not a newsdex topic model.", p.display()))?;
            &loaded
        }
        None => model()?,
    };
    let mut reports = Vec::new();
    if let Some(p) = &a.huffpost {
        let test: Vec<_> = data::huffpost(p)?.into_iter().filter(|e| e.split == "test").collect();
        reports.push(eval_examples(m, "HuffPost test split (held out)", &test, a.temperature));
    }
    if let Some(p) = &a.reuters {
        let test = data::reuters_split(p, "TEST", usize::MAX)?;
        reports.push(eval_examples(
            m,
            "Reuters-21578 TEST split (1987; topics mapped to subjects)",
            &test,
            a.temperature,
        ));
    }
    let mut ag_accuracy = None;
    if let Some(p) = &a.ag {
        let mut texts = data::ag_news(p)?;
        let set = if a.ag_fold == "all" {
            "AG News test, all folds (2004–2005)".to_string()
        } else {
            let fold: u64 = a.ag_fold.parse().context("--ag-fold is a fold number (0-4) or `all`.")?;
            texts.retain(|e| e.fold == fold);
            format!("AG News test, fold {fold} (2004–2005, held out)")
        };
        let r = eval_ag(m, &set, &texts, a.temperature);
        ag_accuracy = Some(r.accuracy);
        reports.push(r);
    }
    if a.fit_temperature {
        // Each set's best temperature, and the set read with it (the reliability table printed).
        let fitted: Vec<TopicEval> = reports
            .iter()
            .map(|r| {
                let (t, loss) = fit_temperature(&r.outcomes);
                let (reliability, calibration_error) = reliability_at(&r.outcomes, t);
                if !a.json {
                    out!("{}: temperature {t:.2} fits best (log loss {loss:.4})", r.set);
                }
                TopicEval {
                    set: format!("{} at temperature {t:.2}", r.set),
                    reliability,
                    calibration_error,
                    temperature: t,
                    outcomes: Vec::new(),
                    misses: Vec::new(),
                    ..r.clone()
                }
            })
            .collect();
        reports.extend(fitted);
    }
    if a.json {
        out!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        reports.iter().for_each(print);
        for r in &reports {
            for (gold, predicted, text) in r.misses.iter().take(a.misses) {
                out!("  miss: {gold} → {predicted}: {}", text.replace('\n', " "));
            }
        }
    }
    if let Some(acc) = ag_accuracy {
        anyhow::ensure!(
            acc >= a.min_accuracy,
            "AG News top-1 accuracy {acc:.4} is below the floor {}.",
            a.min_accuracy
        );
    }
    Ok(())
}

/// `newsdex topics`.
pub fn classify(a: TopicsArgs) -> Result<()> {
    let (title, body) = match (a.text, a.file) {
        (Some(t), _) => {
            let (title, body) = t.split_once('\n').unwrap_or((&t, ""));
            (title.to_string(), body.to_string())
        }
        // A file is read as `index` reads it; its first article is classified.
        (None, Some(f)) => {
            let first = newsdex::ingest::reader::read_one_file(&f)?.swap_remove(0);
            (first.title, first.body)
        }
        (None, None) => unreachable!("clap requires one"),
    };
    let topics = classifier::classify(model()?, &title, &body);
    if a.json {
        out!("{}", serde_json::to_string_pretty(&serde_json::json!({ "topics": topics }))?);
    } else {
        for t in topics {
            out!("{:.2}  {}", t.confidence, t.path);
        }
    }
    Ok(())
}
