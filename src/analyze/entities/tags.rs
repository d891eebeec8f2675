//! The IOB2 tag set of CoNLL-2003: O plus B-/I- for PER, ORG, LOC, MISC.

/// Entity types.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Number of tags: O, then B-T and I-T for each type.
pub const NUM_TAGS: usize = 1 + 2 * TYPES.len();

/// A tag as an index: 0 = O, 1 + 2t = B-T, 2 + 2t = I-T.
pub type Tag = u8;

/// The index of each type in [`TYPES`].
pub const PER: usize = 0;
/// See [`PER`].
pub const ORG: usize = 1;
/// See [`PER`].
pub const LOC: usize = 2;
/// See [`PER`].
pub const MISC: usize = 3;

/// The tag that begins a name of type `ty` (B-T).
pub fn begin(ty: usize) -> Tag {
    1 + 2 * ty as Tag
}

/// The tag that continues a name of type `ty` (I-T).
pub fn inside(ty: usize) -> Tag {
    2 + 2 * ty as Tag
}

/// Tags the tokens of `span` as one name of type `ty` (B-T, then I-T).
pub fn set_span(tags: &mut [Tag], span: std::ops::Range<usize>, ty: usize) {
    tags[span.start] = begin(ty);
    for t in &mut tags[span.start + 1..span.end] {
        *t = inside(ty);
    }
}

/// Parses `O`, `B-PER`, `I-ORG`, … (IOB1 `I-` at an entity start is read as written).
pub fn parse_tag(s: &str) -> Option<Tag> {
    if s == "O" {
        return Some(0);
    }
    let (prefix, ty) = s.split_once('-')?;
    let t = TYPES.iter().position(|x| *x == ty)?;
    match prefix {
        "B" => Some(begin(t)),
        "I" => Some(inside(t)),
        _ => None,
    }
}

/// The tag's name.
pub fn tag_name(tag: Tag) -> String {
    match tag {
        0 => "O".to_string(),
        t => format!("{}-{}", if t % 2 == 1 { "B" } else { "I" }, TYPES[((t - 1) / 2) as usize]),
    }
}

/// The entity type index of a tag, `None` for O.
pub fn tag_type(tag: Tag) -> Option<usize> {
    (tag != 0).then(|| ((tag - 1) / 2) as usize)
}

/// True when `next` may follow `prev` in IOB2 (I-T only after B-T or I-T).
pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    if next == 0 || next % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && tag_type(p) == tag_type(next))
}

/// Entity spans `(type, start, end)` (token indexes, end exclusive) of a tag sequence.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let starts = t != 0 && (t % 2 == 1 || cur.is_none_or(|(ty, _)| Some(ty) != tag_type(t)));
        if t == 0 || starts {
            if let Some((ty, s)) = cur.take() {
                out.push((ty, s, i));
            }
        }
        if starts {
            cur = Some((tag_type(t).expect("entity tag"), i));
        }
    }
    if let Some((ty, s)) = cur {
        out.push((ty, s, tags.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_spans() {
        for name in ["O", "B-PER", "I-PER", "B-MISC", "I-LOC"] {
            assert_eq!(tag_name(parse_tag(name).unwrap()), name);
        }
        let tags: Vec<Tag> =
            ["B-PER", "I-PER", "O", "B-ORG", "B-ORG", "I-ORG", "I-LOC"].iter().map(|s| parse_tag(s).unwrap()).collect();
        assert_eq!(spans(&tags), [(0, 0, 2), (1, 3, 4), (1, 4, 6), (2, 6, 7)]);
    }
}
