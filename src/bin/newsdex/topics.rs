//! The topic commands: train-topics, eval-topics, topics.

use crate::args::{EvalTopicsArgs, TopicsArgs, TrainTopicsArgs};
use anyhow::{Context, Result};
use newsdex::analyze::topics::eval::{eval_ag, eval_examples, TopicEval};
use newsdex::analyze::topics::model::{features, TopicModel};
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
    let featured: Vec<(Vec<u32>, usize)> = examples.iter().map(|e| (features(&e.text), e.class)).collect();
    let model =
        if a.learner == "nb" { TopicModel::train_nb(&featured, 0.1) } else { TopicModel::train(&featured, a.epochs) };
    if let Some(dir) = a.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    model.save(std::fs::File::create(&a.out)?)?;
    println!(
        "Trained on {} examples in {:.0} s; wrote {} ({:.1} MB).",
        examples.len(),
        started.elapsed().as_secs_f64(),
        a.out.display(),
        std::fs::metadata(&a.out)?.len() as f64 / 1e6
    );
    Ok(())
}

fn print(e: &TopicEval) {
    println!("{}: {} texts, top-1 accuracy {:.4}", e.set, e.texts, e.accuracy);
    for (class, (p, r, n)) in &e.per_class {
        println!("  {class:<36} P {p:.3}  R {r:.3}  ({n})");
    }
    println!("  confusion (gold → predicted):");
    for (g, row) in &e.confusion {
        let cells: Vec<String> = row.iter().map(|(p, n)| format!("{p} {n}")).collect();
        println!("    {g:<36} {}", cells.join(", "));
    }
}

/// `newsdex eval-topics`.
pub fn eval(a: EvalTopicsArgs) -> Result<()> {
    let m = model()?;
    let mut reports = Vec::new();
    if let Some(p) = &a.huffpost {
        let test: Vec<_> = data::huffpost(p)?.into_iter().filter(|e| e.split == "test").collect();
        reports.push(eval_examples(m, "HuffPost test split (held out)", &test));
    }
    let mut ag_accuracy = None;
    if let Some(p) = &a.ag {
        let r = eval_ag(m, &data::ag_news(p)?);
        ag_accuracy = Some(r.accuracy);
        reports.push(r);
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        reports.iter().for_each(print);
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
    let text = match (a.text, a.file) {
        (Some(t), _) => t,
        (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| format!("Could not read {}.", f.display()))?,
        (None, None) => unreachable!("clap requires one"),
    };
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let topics = classifier::classify(model()?, title, body);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&topics)?);
    } else {
        for t in topics {
            println!("{:.2}  {}", t.confidence, t.path);
        }
    }
    Ok(())
}
