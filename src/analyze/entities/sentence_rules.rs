//! Sentence patterns that settle a name's type whatever the tagger read: a score line names two
//! teams ("Harlequins 75 Gloucester 19"), so does "team" or "club" before a name ("team Deportivo
//! Coruna"), a name beside a publication's kind is the publication's ("the news weekly Der
//! Spiegel", "the Xinhua news agency"), a name between a competitor's country and a time is
//! their team ("Alex Zanardi ( Italy ) , Reynard Honda , 53.980"), a firm's name comes before
//! its spokesman or chairman ("an Ericsson spokesman") and after where it is based
//! ("Ontario-based Magna").

use super::companies::is_legal_suffix;
use super::tags::{begin, set_span, spans, Tag, LOC, MISC, ORG, PER};
use std::ops::Range;

/// Most tokens a side of a score line ("Atletico Mineiro", "Heriot ' s F.P.") or an untagged
/// publication's name has.
const MAX_NAME_WORDS: usize = 5;

/// Months, which a line of two dates ("Aug 27 Aug 26") writes like a score line.
const MONTHS: &str = "Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec January February March April June July \
                      August September October November December";

/// A month's name or abbreviation, as written ("Aug", "September").
fn month(w: &str) -> bool {
    MONTHS.split_whitespace().any(|m| m == w)
}

/// Kinds of publication written right before its name ("the official newspaper Granma") or right
/// after it ("Zycie Warszawy daily said"); "news" only as "news agency" after the name.
const PUBLICATION_KINDS: [&str; 5] = ["newspaper", "daily", "weekly", "magazine", "tabloid"];
/// The kinds that are never adjectives ("weekly T-bill auction"): only these mark words the
/// tagger left untagged as a publication's name.
const PUBLICATION_NOUNS: [&str; 3] = ["newspaper", "magazine", "tabloid"];

/// Words right before a team's name ("first division team Deportivo Coruna", "club Torino").
const TEAM_KINDS: [&str; 2] = ["team", "club"];

/// A word of a team's name: capitalised, the "'s" of "Heriot's F.P." (one token or two), or the
/// brackets of a mark after the name ("Zeleznik (B)").
fn team_word(w: &str) -> bool {
    (w.starts_with(|c: char| c.is_uppercase()) && !month(w)) || matches!(w, "'s" | "'" | "s" | "(" | ")")
}

/// A capitalised word with a lower-case letter: a table in capitals ("DECLINES 9 UP 4", "SEP7
/// 110 OCT7 112") is no score line.
fn title_case(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase()) && w.chars().any(char::is_lowercase)
}

fn score(w: &str) -> bool {
    !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
}

/// The two sides of a score line: name, score, name, score and nothing else.
fn score_line(tokens: &[&str]) -> Option<[Range<usize>; 2]> {
    let (&last, rest) = tokens.split_last()?;
    let mid = rest.iter().position(|w| score(w))?;
    let sides = [0..mid, mid + 1..rest.len()];
    let team = |r: &Range<usize>| {
        (1..=MAX_NAME_WORDS).contains(&r.len())
            && tokens[r.start].starts_with(|c: char| c.is_uppercase())
            && tokens[r.clone()].iter().all(|w| team_word(w))
            && tokens[r.clone()].iter().any(|w| title_case(w))
    };
    (score(last) && sides.iter().all(team)).then_some(sides)
}

/// A pattern: the spans of a sentence (its tokens and the tags read so far) that name an
/// organisation.
pub(super) type Pattern = fn(&[&str], &[Tag]) -> Vec<Range<usize>>;

/// The patterns, in the order the tagger applies them (each sees the organisations the ones
/// before it made).
pub(super) const ORGANISATION_PATTERNS: [Pattern; 6] =
    [score_line_teams, clubs, publications, results_teams, spokespeople, based_firms];

/// Both sides of a score line, teams, unless a side is one place's name (a country's national
/// team is the country).
pub(super) fn score_line_teams(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    let Some(sides) = score_line(tokens) else { return Vec::new() };
    // A price list ("Zinc 495 Electro 503") is written alike; the tagger found a name in a score
    // line's teams.
    if sides.iter().all(|side| tags[side.clone()].iter().all(|&t| t == 0)) {
        return Vec::new();
    }
    sides.into_iter().filter(|side| spans(&tags[side.clone()]) != [(LOC, 0, side.len())]).collect()
}

/// Publications' names: a name right after a kind of publication or right before one (or before
/// "news agency") tagged as a person (a person is not a newspaper), as an organisation or, after
/// the kind, as other; or capitalised words the tagger left untagged after a word in lower case
/// or "The", beside a kind that is never an adjective ("the Today newspaper"; not "weekly T-bill
/// auction").
pub(super) fn publications(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    let kind = |i: usize| tokens.get(i).is_some_and(|w| PUBLICATION_KINDS.contains(w));
    let noun = |i: usize| tokens.get(i).is_some_and(|w| PUBLICATION_NOUNS.contains(w));
    let agency = |i: usize| tokens.get(i) == Some(&"news") && tokens.get(i + 1) == Some(&"agency");
    let after = |a: usize| a > 0 && kind(a - 1);
    let beside = |a: usize, b: usize| after(a) || kind(b) || agency(b);
    // Besides people and organisations, a name read as "other" right after the kind ("newspaper
    // Granma"); before it, "other" is the outlet's nationality ("the Iranian news agency").
    let mut names: Vec<Range<usize>> = spans(tags)
        .into_iter()
        .filter(|&(ty, a, _)| ty == PER || ty == ORG || (ty == MISC && after(a)))
        .map(|(_, a, b)| a..b)
        .collect();
    let untagged = |i: usize| tags[i] == 0 && tokens[i].starts_with(|c: char| c.is_uppercase());
    // After a word in lower case or "The" ("the official newspaper Granma", "the Today
    // newspaper", "The Observer newspaper"), not after a dash or a quote ("- Fallen newspaper
    // tycoon", "\"Our newspaper").
    let lower = |i: usize| tokens[i].starts_with(|c: char| c.is_lowercase());
    let mut i = 1;
    while i < tokens.len() {
        let run = (i..tokens.len().min(i + MAX_NAME_WORDS)).take_while(|&j| untagged(j)).count();
        let (mut a, b) = (i, i + run);
        if run > 1 && tokens[a] == "The" {
            a += 1;
        }
        let opens = lower(a - 1) || tokens[a - 1] == "The";
        if run > 0 && opens && (noun(a - 1) || noun(b) || agency(b)) {
            names.push(a..b);
        }
        i += run.max(1);
    }
    names.retain(|r| beside(r.start, r.end));
    names
}

/// Teams: a name tagged as a person right after "team" or "club" ("Spanish first division team
/// Deportivo Coruna").
pub(super) fn clubs(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    spans(tags)
        .into_iter()
        .filter(|&(ty, a, _)| ty == PER && a > 0 && TEAM_KINDS.contains(&tokens[a - 1]))
        .map(|(_, a, b)| a..b)
        .collect()
}

/// A competitor's team or car in a line of results, read as a person: a name right after a
/// person and their country in brackets and right before a time or a score ("Alex Zanardi
/// ( Italy ) , Reynard Honda , 53.980"; "Gerhard Berger ( Austria ) Benetton 1:54.2").
pub(super) fn results_teams(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    let found = spans(tags);
    let ends_with = |ty: usize, end: usize| found.iter().any(|&(t, _, b)| t == ty && b == end);
    // The country in brackets ends at `close` (a ")") and follows a person.
    let after_competitor = |close: usize| {
        tokens.get(close) == Some(&")")
            && found
                .iter()
                .any(|&(t, a, b)| t == LOC && b == close && a >= 2 && tokens[a - 1] == "(" && ends_with(PER, a - 1))
    };
    let number = |i: usize| tokens.get(i).is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()));
    found
        .iter()
        .filter(|&&(ty, a, b)| {
            let close = if a > 0 && tokens[a - 1] == "," { a.checked_sub(2) } else { a.checked_sub(1) };
            let time = if tokens.get(b) == Some(&",") { b + 1 } else { b };
            ty == PER && close.is_some_and(after_competitor) && number(time)
        })
        .map(|&(_, a, b)| a..b)
        .collect()
}

/// Who speaks for or chairs an organisation, named right after it ("an Ericsson spokesman", "the
/// Deportivo chairman").
const SPEAKERS: [&str; 6] = ["spokesman", "spokeswoman", "spokesperson", "spokesmen", "chairman", "chairwoman"];

/// An organisation's spokesman or chairman: a name read as a person right before one, if it is
/// one word or ends in a legal suffix ("the Deportivo chairman", "Pirelli SpA chairman Marco
/// Tronchetti Provera"). In CoNLL-2003 train the name before "spokesman", "spokeswoman" or
/// "chairman" is an organisation 30 times, a place 4 ("Nairobi spokesman") and a person once;
/// places are left as they are, and so are people's full names, which lists of officers write
/// before their posts ("Robert E. Purcell chairman").
pub(super) fn spokespeople(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    spans(tags)
        .into_iter()
        .filter(|&(ty, a, b)| {
            ty == PER && tokens.get(b).is_some_and(|w| SPEAKERS.contains(w)) && no_full_name(&tokens[a..b])
        })
        .map(|(_, a, b)| a..b)
        .collect()
}

/// True for a name of one word, or one ending in a legal suffix ("Pirelli SpA"): not a person's
/// full name, which the firm patterns leave to the tagger ("Robert E. Purcell chairman",
/// "London-based Grant Williams").
fn no_full_name(name: &[&str]) -> bool {
    name.len() == 1 || name.last().is_some_and(|w| is_legal_suffix(w))
}

/// A word of a date or a term that opens a name the tagger read as an organisation's but is no
/// part of it: a month ("the August National Association of Purchasing Management index", "the
/// September Treasury bond") or a term ("the 30-year Treasury bond"). Not "May" (the May
/// Department Stores).
fn opens_no_organisation(w: &str) -> bool {
    let term = w.split_once('-').is_some_and(|(n, unit)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && matches!(unit, "year" | "month" | "week" | "day")
    });
    term || (w != "May" && month(w))
}

/// A year written before a name, after a word in lower case: "the 1979 Democracy Wall movement"
/// (in CoNLL-2003 train such a year opens an organisation's name once, "the 2000 Games"; in dev it
/// comes right before one twice. A club's founding year, "1860 Munich", follows no such word).
fn year_before_a_name(w: &str, before: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
        && before.starts_with(|c: char| c.is_lowercase())
}

/// Where a firm is based, written before its name: "Minneapolis-based", "Mo.-based" (capitalised;
/// not "oil-based", "broad-based").
fn based(w: &str) -> bool {
    w.len() > "-based".len() && w.ends_with("-based") && w.starts_with(|c: char| c.is_uppercase())
}

/// Cuts a month, a term or a year from the start of an organisation's name ("September Treasury"
/// becomes "Treasury", "the 1979 Democracy Wall" "Democracy Wall"), and where it is based, which
/// is other ("Minneapolis-based First Bank System Inc." becomes "First Bank System Inc.", as
/// CoNLL-2003 tags it); not before a word in lower case ("March of Dimes").
pub(super) fn cut_openings_from_organisations(tokens: &[&str], tags: &mut [Tag]) {
    for (ty, a, b) in spans(tags) {
        if ty == ORG && b - a > 1 && tokens[a + 1].starts_with(|c: char| c.is_uppercase()) {
            if opens_no_organisation(tokens[a]) || (a > 0 && year_before_a_name(tokens[a], tokens[a - 1])) {
                tags[a] = 0;
            } else if based(tokens[a]) {
                tags[a] = begin(MISC);
            } else {
                continue;
            }
            set_span(tags, a + 1..b, ORG);
        }
    }
}

/// A firm after where it is based: a name read as a person or a place right after a word such
/// as "Ontario-based", if it is one word or ends in a legal suffix ("Ontario-based Magna",
/// "Michigan-based Delphi Corp"). In CoNLL-2003 train the name after one is an organisation 5
/// times, other 2 ("Cyprus-based Arabic monthly") and a place once ("Nablus-based al-Risala
/// bookshop"); in dev, an organisation all 8 times. In 20,000 Reuters financial articles the
/// full names after one are people's as often as firms' ("London-based Grant Williams").
pub(super) fn based_firms(tokens: &[&str], tags: &[Tag]) -> Vec<Range<usize>> {
    spans(tags)
        .into_iter()
        .filter(|&(ty, a, b)| (ty == PER || ty == LOC) && a > 0 && based(tokens[a - 1]) && no_full_name(&tokens[a..b]))
        .map(|(_, a, b)| a..b)
        .collect()
}

/// A date as a wire's dateline writes it: `1996-08-30`.
fn iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A word of a place in capitals ("NEW", "ST.", "WINSTON-SALEM").
fn capital_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
}

/// Datelines that name an organisation's seat, the organisation's name.
const ORGANISATION_DATELINES: [&[&str]; 1] = [&["UNITED", "NATIONS"]];

/// The places of a dateline, a line of its own: a place in capitals, perhaps its region after a
/// comma, then the date ("NICE , France 1996-08-30", "NEW YORK 1996-08-30"). A dateline names
/// where the story was filed, whatever the story calls the name elsewhere (the "New York" of a
/// baseball report is a team).
pub(super) fn dateline_places(tokens: &[&str]) -> Vec<Range<usize>> {
    let Some((&date, rest)) = tokens.split_last() else { return Vec::new() };
    let city = rest.iter().take_while(|w| capital_word(w)).count();
    if !iso_date(date) || city == 0 || city > MAX_NAME_WORDS || ORGANISATION_DATELINES.contains(&&rest[..city]) {
        return Vec::new();
    }
    let mut places = Vec::with_capacity(2);
    places.push(0..city);
    match &rest[city..] {
        [] => {}
        [",", region @ ..] if (1..=3).contains(&region.len()) && region.iter().all(|w| title_case(w)) => {
            places.push(city + 1..rest.len());
        }
        _ => return Vec::new(),
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::entities::tags::{parse_tag, tag_name};

    /// The line ("word/TAG word/TAG …") as `retag` leaves it.
    fn retagged(line: &str, retag: impl FnOnce(&[&str], &mut Vec<Tag>)) -> String {
        let (tokens, mut tags): (Vec<&str>, Vec<Tag>) = line
            .split(' ')
            .map(|x| {
                let (w, t) = x.rsplit_once('/').unwrap();
                (w, parse_tag(t).unwrap())
            })
            .unzip();
        retag(&tokens, &mut tags);
        tokens.iter().zip(&tags).map(|(w, &t)| format!("{w}/{}", tag_name(t))).collect::<Vec<_>>().join(" ")
    }

    /// The line tagged as the tagger leaves it after `rule`: the spans it finds made organisations.
    fn run(rule: Pattern, line: &str) -> String {
        retagged(line, |tokens, tags| {
            let found = rule(tokens, tags);
            assert!(found.iter().all(|r| r.start < r.end && r.end <= tokens.len()));
            for span in found {
                set_span(tags, span, ORG);
            }
        })
    }

    /// Each line of `changed` is tagged as its pair says after `rule`; each of `unchanged` as it was.
    fn check(rule: Pattern, changed: &[(&str, &str)], unchanged: &[&str]) {
        check_with(|line| run(rule, line), changed, unchanged);
    }

    /// Each line of `changed` is as its pair says after `retag`; each of `unchanged` as it was.
    fn check_with(retag: impl Fn(&str) -> String, changed: &[(&str, &str)], unchanged: &[&str]) {
        for &(line, after) in changed {
            assert_eq!(retag(line), after);
        }
        for &line in unchanged {
            assert_eq!(retag(line), line);
        }
    }

    #[test]
    fn both_sides_of_a_score_line_are_teams_unless_a_side_is_one_place() {
        let changed = [
            ("Harlequins/B-PER 75/O Gloucester/B-ORG 19/O", "Harlequins/B-ORG 75/O Gloucester/B-ORG 19/O"),
            ("Sale/O 31/O Wasps/B-PER 33/O", "Sale/B-ORG 31/O Wasps/B-ORG 33/O"),
            (
                "Currie/B-PER 45/O Heriot/B-PER 's/O F.P./B-ORG 5/O",
                "Currie/B-ORG 45/O Heriot/B-ORG 's/I-ORG F.P./I-ORG 5/O",
            ),
            (
                "Currie/B-PER 45/O Heriot/B-PER '/O s/O F.P./B-ORG 5/O",
                "Currie/B-ORG 45/O Heriot/B-ORG '/I-ORG s/I-ORG F.P./I-ORG 5/O",
            ),
            (
                "Obilic/B-ORG 2/O Zeleznik/B-PER (/O B/O )/O 0/O",
                "Obilic/B-ORG 2/O Zeleznik/B-ORG (/I-ORG B/I-ORG )/I-ORG 0/O",
            ),
            ("London/B-LOC Irish/B-MISC 27/O Bristol/B-ORG 28/O", "London/B-ORG Irish/I-ORG 27/O Bristol/B-ORG 28/O"),
        ];
        // National teams are their countries; dates and prose are no score lines.
        let unchanged = [
            "Zinc/O 495/O Electro/O 503/O",
            "Togo/B-LOC 1/O Congo/B-LOC 0/O",
            "Aug/O 27/O Aug/O 26/O",
            "ADVANCES/O 12/O DECLINES/B-ORG 9/O",
            "Smith/B-PER scored/O 2/O goals/O 3/O",
            "Bonn/B-LOC 1996/O Paris/B-LOC 1997/O",
        ];
        check(score_line_teams, &changed, &unchanged);
    }

    #[test]
    fn a_person_right_after_team_or_club_is_the_team() {
        let changed = [
            (
                "division/O team/O Deportivo/B-PER Coruna/I-PER will/O",
                "division/O team/O Deportivo/B-ORG Coruna/I-ORG will/O",
            ),
            ("club/O Torino/B-PER", "club/O Torino/B-ORG"),
        ];
        // Elsewhere, or not read as a person: unchanged.
        let unchanged = ["the/O team/O ,/O Jordan/B-PER said/O", "team/O Italy/B-LOC"];
        check(clubs, &changed, &unchanged);
    }

    #[test]
    fn a_name_beside_a_kind_of_publication_is_the_publication() {
        let changed = [
            (
                "the/O news/O weekly/O Der/B-PER Spiegel/I-PER ,/O which/O said/O",
                "the/O news/O weekly/O Der/B-ORG Spiegel/I-ORG ,/O which/O said/O",
            ),
            ("the/O Xinhua/B-PER news/O agency/O said/O", "the/O Xinhua/B-ORG news/O agency/O said/O"),
            ("Zycie/B-PER Warszawy/I-PER daily/O said/O", "Zycie/B-ORG Warszawy/I-ORG daily/O said/O"),
            (
                "the/O official/O newspaper/O Granma/O reported/O",
                "the/O official/O newspaper/O Granma/B-ORG reported/O",
            ),
            (
                "the/O official/O newspaper/O Granma/B-MISC reported/O",
                "the/O official/O newspaper/O Granma/B-ORG reported/O",
            ),
            ("the/O Today/O newspaper/O gave/O", "the/O Today/B-ORG newspaper/O gave/O"),
            ("The/O Observer/O newspaper/O", "The/O Observer/B-ORG newspaper/O"),
        ];
        // An outlet's nationality stays what it is; a person beside other words stays a person.
        let unchanged = [
            "the/O Iranian/B-MISC news/O agency/O IRNA/B-ORG",
            "The/O daily/O Iran/B-LOC quoted/O",
            "each/O weekly/O T-bill/O auction/O",
            "-/O Fallen/O newspaper/O tycoon/O",
            "the/O Maputo/B-LOC daily/O Noticias/B-ORG",
            "John/B-PER Smith/I-PER told/O the/O newspaper/O",
            "the/O news/O of/O Smith/B-PER",
        ];
        check(publications, &changed, &unchanged);
    }

    #[test]
    fn a_month_a_term_or_where_a_firm_is_based_opens_no_organisation() {
        let changed = [
            ("the/O September/B-ORG Treasury/I-ORG bond/O", "the/O September/O Treasury/B-ORG bond/O"),
            (
                "are/O Minneapolis-based/B-ORG First/I-ORG Bank/I-ORG System/I-ORG Inc./I-ORG",
                "are/O Minneapolis-based/B-MISC First/B-ORG Bank/I-ORG System/I-ORG Inc./I-ORG",
            ),
            ("the/O 30-year/B-ORG Treasury/I-ORG bond/O", "the/O 30-year/O Treasury/B-ORG bond/O"),
            (
                "of/O the/O 1979/B-ORG Democracy/I-ORG Wall/I-ORG movement/O",
                "of/O the/O 1979/O Democracy/B-ORG Wall/I-ORG movement/O",
            ),
            (
                "the/O August/B-ORG National/I-ORG Association/I-ORG index/O",
                "the/O August/O National/B-ORG Association/I-ORG index/O",
            ),
        ];
        let unchanged = [
            "the/O March/B-ORG of/I-ORG Dimes/I-ORG",
            "May/B-ORG Department/I-ORG Stores/I-ORG",
            "1860/B-ORG Munich/I-ORG 1/O",
            "beat/O 1860/B-ORG Munich/I-ORG",
            "MAY/O 1996/B-ORG CDU/I-ORG",
            "the/O 1979/B-ORG",
            "the/O 250/B-ORG Group/I-ORG",
            "September/B-MISC Treasury/I-MISC",
            "oil-based/B-ORG Products/I-ORG Co/I-ORG",
            "Minneapolis-based/B-ORG group/I-ORG",
        ];
        let cut = |line: &str| retagged(line, |tokens, tags| cut_openings_from_organisations(tokens, tags));
        check_with(cut, &changed, &unchanged);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // a list of one place
    fn a_dateline_names_places() {
        assert_eq!(dateline_places(&["NEW", "YORK", "1996-08-30"]), [0..2]);
        assert_eq!(dateline_places(&["NICE", ",", "France", "1996-08-30"]), [0..1, 2..3]);
        assert_eq!(dateline_places(&["THE", "HAGUE", "1996-08-30"]), [0..2]);
        // A line with more than a place and a date, a place in title case, no date: no dateline.
        for line in [
            &["NEW", "YORK", "said", "1996-08-30"][..],
            &["Milan", "1996-08-30"],
            &["MILAN", "Aug", "30"],
            &["MILAN", ",", "said", "1996-08-30"],
            &["1996-08-30"],
            &["UNITED", "NATIONS", "1996-08-29"],
        ] {
            assert!(dateline_places(line).is_empty(), "{line:?}");
        }
    }

    #[test]
    fn a_person_after_a_competitor_and_country_before_a_time_is_the_team() {
        let changed = [
            (
                "Alex/B-PER Zanardi/I-PER (/O Italy/B-LOC )/O ,/O Reynard/B-PER Honda/I-PER ,/O 53.980/O",
                "Alex/B-PER Zanardi/I-PER (/O Italy/B-LOC )/O ,/O Reynard/B-ORG Honda/I-ORG ,/O 53.980/O",
            ),
            (
                "Berger/B-PER (/O Austria/B-LOC )/O Benetton/B-PER 1:54.2/O",
                "Berger/B-PER (/O Austria/B-LOC )/O Benetton/B-ORG 1:54.2/O",
            ),
        ];
        // A car's model read as other, a venue read as a place, a person with no time after, or
        // no competitor before: unchanged.
        let unchanged = [
            "Juha/B-PER Kankkunen/I-PER (/O Finland/B-LOC )/O Toyota/B-MISC Celica/I-MISC 12/O",
            "Maria/B-PER Mutola/I-PER (/O Mozambique/B-LOC )/O Brussels/B-LOC 25.8.95/O",
            "Berger/B-PER (/O Austria/B-LOC )/O ,/O Jean/B-PER Alesi/I-PER said/O",
            "the/O race/O (/O Italy/B-LOC )/O ,/O Reynard/B-PER Honda/I-PER ,/O 53.980/O",
        ];
        check(results_teams, &changed, &unchanged);
    }

    #[test]
    fn a_one_word_person_or_a_firm_before_its_spokesman_or_chairman_is_an_organisation() {
        let changed = [
            ("an/O Ericsson/B-PER spokesman/O said/O", "an/O Ericsson/B-ORG spokesman/O said/O"),
            (
                "Pirelli/B-PER SpA/I-PER chairman/O Marco/B-PER Tronchetti/I-PER",
                "Pirelli/B-ORG SpA/I-ORG chairman/O Marco/B-PER Tronchetti/I-PER",
            ),
            ("the/O Deportivo/B-PER chairwoman/O", "the/O Deportivo/B-ORG chairwoman/O"),
        ];
        // A place's spokesman, a person's full name before the post in a list of officers, the
        // post written as a title, and a name after the post: unchanged.
        let unchanged = [
            "a/O Nairobi/B-LOC spokesman/O for/O the/O rebels/O",
            "Robert/B-PER E./I-PER Purcell/I-PER chairman/O ,/O",
            "Ericsson/B-PER Chairman/O Lars/B-PER Ramqvist/I-PER",
            "spokesman/O Mike/B-PER McCurry/I-PER said/O",
        ];
        check(spokespeople, &changed, &unchanged);
    }

    #[test]
    fn a_person_or_a_place_after_where_it_is_based_is_a_firm() {
        let changed = [
            ("Ontario-based/O Magna/B-LOC 's/O", "Ontario-based/O Magna/B-ORG 's/O"),
            (
                "the/O Michigan-based/B-MISC Delphi/B-PER Corp/I-PER",
                "the/O Michigan-based/B-MISC Delphi/B-ORG Corp/I-ORG",
            ),
        ];
        // Other after it (a nationality), no name after it, a word in lower case before it, a
        // person's full name.
        let unchanged = [
            "Cyprus-based/B-MISC Arabic/B-MISC monthly/O",
            "London-based/B-MISC spokesman/O",
            "an/O oil-based/O Smith/B-PER",
            "London-based/B-MISC Grant/B-PER Williams/I-PER said/O",
        ];
        check(based_firms, &changed, &unchanged);
    }
}
