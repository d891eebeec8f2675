//! Reading CoNLL-2003 files: documents of sentences of tokens, with the gold tag in the last column.

use super::tags::{parse_tag, tag_name, Tag};

/// One sentence: its original lines, tokens and (when present) gold tags.
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// The lines as read.
    pub lines: Vec<String>,
    /// First column of each line.
    pub tokens: Vec<String>,
    /// Last column parsed as a tag, when every line has one.
    pub gold: Option<Vec<Tag>>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// Parses CoNLL text into documents (a file without `-DOCSTART-` is one document).
pub fn parse_conll(text: &str) -> Vec<Document> {
    let mut docs = vec![Document::default()];
    let mut sent = Sentence::default();
    let flush = |sent: &mut Sentence, docs: &mut Vec<Document>| {
        if !sent.tokens.is_empty() {
            let gold: Option<Vec<Tag>> =
                sent.lines.iter().map(|l| l.split_whitespace().last().and_then(parse_tag)).collect();
            sent.gold = gold.filter(|_| sent.lines.iter().all(|l| l.split_whitespace().count() > 1));
            docs.last_mut().expect("one document").sentences.push(std::mem::take(sent));
        }
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            flush(&mut sent, &mut docs);
            if !docs.last().expect("one document").sentences.is_empty() {
                docs.push(Document::default());
            }
        } else if line.trim().is_empty() {
            flush(&mut sent, &mut docs);
        } else {
            sent.tokens.push(line.split_whitespace().next().unwrap_or_default().to_string());
            sent.lines.push(line.to_string());
        }
    }
    flush(&mut sent, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Writes CoNLL text back with one more column: the predicted tag of each token line, in
/// order (`-DOCSTART-` and blank lines as they are). Fails when there are fewer tags than
/// token lines.
pub fn write_tagged(text: &str, tags: &[Tag], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut tags = tags.iter();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            writeln!(out, "{line}")?;
        } else {
            let tag = tags.next().ok_or_else(|| std::io::Error::other("fewer tags than tokens"))?;
            writeln!(out, "{line} {}", tag_name(*tag))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_output_adds_a_column_to_token_lines() {
        let text = "-DOCSTART- O\n\nAna B-PER\nspoke O\n";
        let docs = parse_conll(text);
        assert_eq!(docs[0].sentences[0].tokens, ["Ana", "spoke"]);
        let tags: Vec<Tag> = ["B-PER", "O"].iter().filter_map(|t| parse_tag(t)).collect();
        let mut out = Vec::new();
        write_tagged(text, &tags, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "-DOCSTART- O\n\nAna B-PER B-PER\nspoke O O\n");
        assert!(write_tagged(text, &tags[..1], &mut Vec::new()).is_err());
    }
}
