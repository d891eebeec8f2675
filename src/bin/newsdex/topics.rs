//! The topic commands: train-topics, eval-topics, topics.

use crate::args::{EvalTopicsArgs, TopicsArgs, TrainTopicsArgs};
use anyhow::{Context, Result};
use newsdex::analyze::normalize::normalized_words;
use newsdex::analyze::topics::eval::{eval_ag, eval_examples, TopicEval};
use newsdex::analyze::topics::model::{TopicModel, TrainOptions};
use newsdex::analyze::topics::taxonomy::weak_label;
use newsdex::analyze::topics::vectors::WordVectors;
use newsdex::analyze::topics::{classifier, data};

fn model() -> Result<&'static TopicModel> {
    classifier::builtin()
        .context("This newsdex was built without a topic model. Run `newsdex train-topics` and rebuild.")
}

/// `newsdex train-topics`.
pub fn train(a: TrainTopicsArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let mut examples = Vec::new();
    for p in &a.huffpost {
        examples.extend(
            data::huffpost(p)
                .with_context(|| format!("Could not read {}.", p.display()))?
                .into_iter()
                .filter(|e| e.split == "train"),
        );
    }
    if let Some(p) = &a.reuters {
        examples.extend(data::reuters(p, a.reuters_cap).with_context(|| format!("Could not read {}.", p.display()))?);
    }
    anyhow::ensure!(!examples.is_empty(), "No training examples; pass --huffpost and/or --reuters files.");
    let mut per_class = std::collections::HashMap::new();
    examples.retain(|e| {
        let n = per_class.entry(e.class).or_insert(0usize);
        *n += 1;
        *n <= a.per_class
    });
    let vectors = match &a.vectors {
        Some(dir) => Some(WordVectors::load(dir).with_context(|| {
            format!("Could not read word vectors from {}; write them with scripts/export_vectors.py.", dir.display())
        })?),
        None => None,
    };
    let options = TrainOptions {
        epochs: a.epochs,
        learning_rate: a.learning_rate,
        l2: a.l2,
        lexicon_weight: a.lexicon_weight,
        balance: a.balance,
    };
    let mut featured: Vec<(String, usize)> = examples.into_iter().map(|e| (e.text, e.class)).collect();
    let learn = |data: &[(String, usize)]| TopicModel::train(data, vectors.as_ref(), &options);
    let mut model = learn(&featured);
    if let Some(p) = &a.ag {
        // AG's Sports/Business/Sci/Tech name one subject each; its World spans many, so a World
        // text is labelled with the subject the model trained so far likes best among them.
        let ag: Vec<_> = data::ag_news(p)
            .with_context(|| format!("Could not read {}.", p.display()))?
            .into_iter()
            .filter(|e| Some(e.fold) != a.ag_holdout)
            .collect();
        let world = data::ag_world_subjects();
        let before = featured.len();
        for e in &ag {
            let class = match data::ag_subject(&e.label) {
                Some(slug) => data::class_of(slug),
                None if let Some(slug) = weak_label(&normalized_words(&e.text)) => data::class_of(slug),
                None => {
                    let p = model.probabilities(&e.text);
                    *world.iter().max_by(|x, y| p[**x].total_cmp(&p[**y])).expect("World subjects")
                }
            };
            // News descriptions are closer to indexed articles than headlines alone: they count more.
            featured.extend(std::iter::repeat_n((e.text.clone(), class), a.ag_weight));
        }
        let which = a.ag_holdout.map_or("all folds".to_string(), |k| format!("the folds other than {k}"));
        out!("AG News: {} texts from {which}.", (featured.len() - before) / a.ag_weight.max(1));
        model = learn(&featured);
    }
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    model.save(std::fs::File::create(&a.out)?)?;
    let mut counts = [0usize; newsdex::analyze::topics::model::CLASSES];
    featured.iter().for_each(|(_, c)| counts[*c] += 1);
    let per_subject: Vec<String> = newsdex::analyze::topics::taxonomy::TOP_LEVEL
        .iter()
        .zip(counts)
        .map(|((slug, _), n)| format!("{slug} {n}"))
        .collect();
    out!("Examples per subject: {}.", per_subject.join(", "));
    out!(
        "Trained on {} examples in {:.0} s; wrote {} ({:.1} MB).",
        featured.len(),
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
        reports.push(eval_examples(m, "HuffPost test split (held out)", &test));
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
        let r = eval_ag(m, &set, &texts);
        ag_accuracy = Some(r.accuracy);
        reports.push(r);
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
