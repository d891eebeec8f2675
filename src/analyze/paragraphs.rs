//! Paragraph splitting with byte offsets: blank lines, newline plus indentation (newswire style),
//! or one long unwrapped line per paragraph (web exports).

use std::ops::Range;

/// A line at least this long means the text is not hard-wrapped: each line is its own paragraph.
pub const UNWRAPPED_LINE_CHARS: usize = 100;

/// Splits `text` into paragraphs, returned as trimmed byte ranges into `text`.
///
/// ```
/// use newsdex::analyze::paragraphs::paragraphs;
/// let wire = "    Oil rose today\nin heavy trade.\n    Traders said so.\n";
/// let p: Vec<&str> = paragraphs(wire).into_iter().map(|r| &wire[r]).collect();
/// assert_eq!(p, ["Oil rose today\nin heavy trade.", "Traders said so."]);
/// ```
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks(text) {
        let lines = lines_of(text, block.clone());
        let indented = lines.iter().filter(|l| starts_indented(&text[(*l).clone()])).count();
        let unwrapped =
            lines.len() > 1 && lines.iter().any(|l| text[l.clone()].chars().count() >= UNWRAPPED_LINE_CHARS);
        if indented > 0 && indented < lines.len() {
            // Newswire: an indented line starts a paragraph; continuation lines are flush left.
            let mut start = lines[0].start;
            for l in &lines[1..] {
                if starts_indented(&text[l.clone()]) {
                    push_trimmed(text, start..l.start, &mut out);
                    start = l.start;
                }
            }
            push_trimmed(text, start..block.end, &mut out);
        } else if unwrapped || (indented == lines.len() && lines.len() > 1) {
            for l in lines {
                push_trimmed(text, l, &mut out);
            }
        } else {
            push_trimmed(text, block, &mut out);
        }
    }
    out
}

/// Byte ranges of runs of non-blank lines.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                out.push(s..pos);
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Byte ranges of the lines within `range` (without their newline).
fn lines_of(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            out.push(pos..pos + content.len());
        }
        pos += line.len();
    }
    out
}

fn starts_indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        paragraphs(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn blank_lines_separate() {
        assert_eq!(split("A one\nA two\n\n\nB one\n"), ["A one\nA two", "B one"]);
    }

    #[test]
    fn unwrapped_lines_are_paragraphs() {
        let long = "x ".repeat(60);
        let t = format!("{long}\n{long}\nshort last line");
        assert_eq!(split(&t).len(), 3);
    }

    #[test]
    fn hard_wrapped_block_stays_one_paragraph() {
        assert_eq!(
            split("line one of a wrapped\nparagraph continues\nhere."),
            ["line one of a wrapped\nparagraph continues\nhere."]
        );
    }

    #[test]
    fn reuters_style() {
        let t = "    Showers continued throughout\nthe week.\n    Dry areas remain.\n Reuter";
        assert_eq!(split(t), ["Showers continued throughout\nthe week.", "Dry areas remain.", "Reuter"]);
    }

    #[test]
    fn offsets_point_into_original() {
        let t = "\n\n  Hello.\n\n  World.  ";
        for r in paragraphs(t) {
            assert!(!t[r].starts_with(' '));
        }
    }
}
