//! Labelled news for training and evaluating the topic classifier, mapped to the IPTC top level.

use super::taxonomy::TOP_LEVEL;
use std::io::BufRead;
use std::path::Path;

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Example {
    /// Headline and body.
    pub text: String,
    /// Index into [`TOP_LEVEL`].
    pub class: usize,
    /// The dataset's own split ("train", "test", …).
    pub split: String,
}

/// Index of a top-level slug.
pub fn class_of(slug: &str) -> usize {
    TOP_LEVEL.iter().position(|(s, _)| *s == slug).expect("known slug")
}

/// The IPTC top level of a HuffPost News Category label; `None` for labels with no single subject
/// ("U.S. NEWS", "IMPACT", …).
pub fn huffpost_subject(label: &str) -> Option<&'static str> {
    Some(match label {
        "POLITICS" | "WORLD NEWS" | "THE WORLDPOST" | "WORLDPOST" => "politics",
        "ENTERTAINMENT" | "ARTS" | "ARTS & CULTURE" | "CULTURE & ARTS" | "COMEDY" | "MEDIA" => {
            "arts-culture-entertainment-media"
        }
        "BUSINESS" | "MONEY" => "economy-business-finance",
        "TECH" | "SCIENCE" => "science-technology",
        "SPORTS" => "sport",
        "CRIME" => "crime-law-justice",
        "ENVIRONMENT" | "GREEN" => "environment",
        "RELIGION" => "religion",
        "EDUCATION" | "COLLEGE" => "education",
        "WELLNESS" | "HEALTHY LIVING" => "health",
        "TRAVEL" | "FOOD & DRINK" | "TASTE" | "STYLE" | "STYLE & BEAUTY" | "HOME & LIVING" => "lifestyle-leisure",
        "PARENTING" | "PARENTS" | "WEDDINGS" | "DIVORCE" | "BLACK VOICES" | "QUEER VOICES" | "LATINO VOICES"
        | "WOMEN" => "society",
        "WEIRD NEWS" | "GOOD NEWS" => "human-interest",
        _ => return None,
    })
}

/// The IPTC top level of a Reuters-21578 topic list: `jobs` is labour, the rest economy.
pub fn reuters_subject(topics: &[String]) -> Option<&'static str> {
    if topics.is_empty() {
        None
    } else if topics.iter().any(|t| t == "jobs") {
        Some("labour")
    } else {
        Some("economy-business-finance")
    }
}

fn read_jsonl(path: &Path) -> std::io::Result<Vec<serde_json::Value>> {
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok(f.lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect())
}

fn text_of(v: &serde_json::Value) -> String {
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default();
    // AG News writes line breaks as backslashes and has "#39;"-style entity remnants.
    format!("{}\n\n{}", get("title"), get("body"))
        .replace('\\', " ")
        .replace("#39;", "'")
        .replace("#36;", "$")
        .replace("quot;", "\"")
}

/// HuffPost-style JSON Lines (`title`, `body`, `label`, `split`), mapped labels only.
pub fn huffpost(path: &Path) -> std::io::Result<Vec<Example>> {
    Ok(read_jsonl(path)?
        .iter()
        .filter_map(|v| {
            let subject = huffpost_subject(v.get("label")?.as_str()?)?;
            let split = v.get("split").and_then(|s| s.as_str()).unwrap_or("train").to_string();
            Some(Example { text: text_of(v), class: class_of(subject), split })
        })
        .collect())
}

/// Reuters-21578 JSON Lines: articles with a body and topics, at most `cap`, from the Lewis TRAIN split.
pub fn reuters(path: &Path, cap: usize) -> std::io::Result<Vec<Example>> {
    reuters_split(path, "TRAIN", cap)
}

/// Reuters-21578 JSON Lines: articles with a body and topics, at most `cap`, from the Lewis
/// `split` ("TRAIN" or "TEST").
pub fn reuters_split(path: &Path, split: &str, cap: usize) -> std::io::Result<Vec<Example>> {
    Ok(read_jsonl(path)?
        .iter()
        .filter(|v| v.get("lewissplit").and_then(|s| s.as_str()) == Some(split))
        .filter_map(|v| {
            let topics: Vec<String> =
                v.get("topics")?.as_array()?.iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
            let subject = reuters_subject(&topics)?;
            let body = v.get("body")?.as_str()?;
            (!body.trim().is_empty()).then(|| Example {
                text: text_of(v),
                class: class_of(subject),
                split: split.to_lowercase(),
            })
        })
        .take(cap)
        .collect())
}

/// One AG News text.
#[derive(Debug, Clone)]
pub struct AgExample {
    /// Headline and description, without the outlet's name (see [`strip_outlet`]).
    pub text: String,
    /// World, Sports, Business or Sci/Tech.
    pub label: String,
    /// The dataset's cross-validation fold (0..4).
    pub fold: u64,
}

/// Drops what names the outlet rather than the story: a trailing "(AP)" / "(SPACE.com)" in the
/// headline and a leading "Reuters - " / "SPACE.com - TORONTO, Canada -- " in the description, so a
/// model trained on some folds cannot learn the outlets of the others.
pub fn strip_outlet(title: &str, body: &str) -> (String, String) {
    let title = match title.trim_end().strip_suffix(')').and_then(|t| t.rfind(" (").map(|i| &title[..i])) {
        Some(t) => t,
        None => title,
    };
    let mut body = body.trim_start();
    for sep in [" -- ", " - "] {
        if let Some(i) = body.find(sep) {
            if i <= 40 {
                body = &body[i + sep.len()..];
            }
        }
    }
    (title.to_string(), body.to_string())
}

/// AG News JSON Lines (`title`, `body`, `label` in World/Sports/Business/Sci/Tech, `fold`).
pub fn ag_news(path: &Path) -> std::io::Result<Vec<AgExample>> {
    Ok(read_jsonl(path)?
        .iter()
        .filter_map(|v| {
            let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default();
            let (title, body) = strip_outlet(get("title"), get("body"));
            let text = text_of(&serde_json::json!({ "title": title, "body": body }));
            Some(AgExample {
                text,
                label: v.get("label")?.as_str()?.to_string(),
                fold: v.get("fold").and_then(|f| f.as_u64()).unwrap_or(0),
            })
        })
        .collect())
}

/// The top-level subject of an AG News label; `None` for World, which spans many subjects
/// (see [`ag_group`]).
pub fn ag_subject(label: &str) -> Option<&'static str> {
    match label {
        "Sports" => Some("sport"),
        "Business" => Some("economy-business-finance"),
        "Sci/Tech" => Some("science-technology"),
        _ => None,
    }
}

/// Subjects AG News files under World.
pub fn ag_world_subjects() -> Vec<usize> {
    (0..TOP_LEVEL.len()).filter(|&i| ag_group(TOP_LEVEL[i].0) == "World").collect()
}

/// The AG News class a top-level subject falls in.
pub fn ag_group(slug: &str) -> &'static str {
    match slug {
        "sport" => "Sports",
        "economy-business-finance" | "labour" => "Business",
        "science-technology" | "environment" => "Sci/Tech",
        _ => "World",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuters_articles_are_read_from_the_split_asked_for_with_their_subject() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.jsonl");
        let line = |split: &str, topics: &str, body: &str| {
            format!(r#"{{"lewissplit": "{split}", "topics": {topics}, "title": "T", "body": "{body}"}}"#)
        };
        let lines = [
            line("TRAIN", r#"["earn"]"#, "Profit rose."),
            line("TEST", r#"["jobs"]"#, "Unemployment fell."),
            line("TEST", r#"["grain", "trade"]"#, "Wheat exports grew."),
            line("TEST", "[]", "No topic."),
            line("TEST", r#"["acq"]"#, " "),
        ];
        std::fs::write(&path, lines.join("\n")).unwrap();
        let test = reuters_split(&path, "TEST", usize::MAX).unwrap();
        let subjects: Vec<&str> = test.iter().map(|e| TOP_LEVEL[e.class].0).collect();
        assert_eq!(subjects, ["labour", "economy-business-finance"]);
        assert!(test.iter().all(|e| e.split == "test"));
        let train = reuters(&path, 10).unwrap();
        assert_eq!(train.len(), 1);
        assert!(train[0].text.contains("Profit rose."));
        assert_eq!(reuters_split(&path, "TEST", 1).unwrap().len(), 1);
    }
}
