//! What may become a person or organisation facet value: names in credit lines, datelines and
//! the outlet's own name are not entities of the story; tickers, weekdays, sentence words and
//! geographic features are not names; a few institutions go by names no acronym rule joins (the
//! Fed family). Which names are companies': [`super::companies`].

use super::article_entities::name_key;
use super::companies::{is_ticker, COMPANY_SUFFIXES};
use std::ops::Range;

/// Phrases that open a credit line; the names after them are the agency's staff.
const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "reported by",
    "research by",
    "produced by",
    "translated by",
    "graphics by",
    "graphic by",
    "photos by",
    "photo by",
    "first published by",
    "originally published by",
    "published by permission of",
    "courtesy of",
    "first appeared in",
    "originally appeared in",
    "republished from",
    "reprinted from",
];
/// News agencies, which sign their copy: `(Reuters)`, `… REUTER`.
const AGENCIES: &[&str] = &[
    "reuters",
    "reuter",
    "thomson reuters",
    "associated press",
    "ap",
    "afp",
    "agence france presse",
    "dow jones",
    "xinhua",
    "kyodo",
    "upi",
    "dpa",
    "efe",
    "ansa",
    "pti",
    "interfax",
    "yonhap",
];
/// Words for a kind of body: alone or together ("Commission", "Central Bank") they stand for
/// one the article named before, and as a facet value they name nothing.
const GENERIC_BODIES: &[&str] = &[
    "administration",
    "agency",
    "association",
    "authority",
    "bank",
    "board",
    "central",
    "commission",
    "committee",
    "council",
    "court",
    "department",
    "exchange",
    "federation",
    "government",
    "institute",
    "ministry",
    "office",
];

/// Words that are never a name on their own (weekdays, months other than names, sentence
/// adverbs a headline or sentence start capitalises).
const NOT_NAMES: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "jun",
    "jul",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "no",
    "yes",
    "moreover",
    "however",
    // Holidays.
    "christmas",
    "easter",
    "thanksgiving",
    "meanwhile",
    "chapter",
    "but",
    "also",
    "the",
    "and",
    "it",
    "he",
    "she",
    "they",
    "we",
    "reuter",
    "us",
    "usa",
    "uk",
    // Wire-copy units ("N.Z. Dlrs", "Mln Stg") and currency codes of rate tables ("DMK 1.8210").
    "dlr",
    "dlrs",
    "dmk",
    "sfr",
    "ffr",
    "bfr",
    "dfl",
    "hfl",
    // Time zones ("1630 EST").
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "bst",
    "cet",
    "cest",
    "utc",
    "cts",
    "pct",
    "mln",
    "bln",
    "stg",
    // Titles without a name ("U.K. Chancellor").
    "chancellor",
    "minister",
    "president",
    "secretary",
    "chairman",
    "governor",
    "senator",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "ceo",
    "cfo",
    "coo",
];
/// Nationality words: "Kuwaiti" or "West German" (with [`COMPASS`]) alone is no one's name
/// ("West German Bundesbank" is: another word is a name).
const NATIONALITIES: &[&str] = &[
    "american",
    "arab",
    "argentine",
    "australian",
    "austrian",
    "belgian",
    "brazilian",
    "british",
    "canadian",
    "chilean",
    "chinese",
    "colombian",
    "danish",
    "dutch",
    "egyptian",
    "european",
    "filipino",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "indian",
    "indonesian",
    "iranian",
    "iraqi",
    "irish",
    "israeli",
    "italian",
    "japanese",
    "korean",
    "kuwaiti",
    "malaysian",
    "mexican",
    "nigerian",
    "norwegian",
    "pakistani",
    "peruvian",
    "philippine",
    "polish",
    "portuguese",
    "russian",
    "saudi",
    "soviet",
    "spanish",
    "swedish",
    "swiss",
    "taiwanese",
    "thai",
    "turkish",
    "venezuelan",
    "yugoslav",
];
/// Names of one institution that no acronym rule joins, and the name they all take.
const ALIASES: &[(&str, &str)] = &[
    ("fed", "Federal Reserve"),
    ("federal reserve", "Federal Reserve"),
    ("federal reserve board", "Federal Reserve"),
    ("u s federal reserve", "Federal Reserve"),
    ("us federal reserve", "Federal Reserve"),
    ("s p", "Standard & Poor's"),
    ("standard poor", "Standard & Poor's"),
    ("standard poor s", "Standard & Poor's"),
    ("standard and poor s", "Standard & Poor's"),
    ("poor s", "Standard & Poor's"),
    ("standard and poor", "Standard & Poor's"),
    ("poor", "Standard & Poor's"),
];
/// Spans of a body whose names are not entities of the story: credit lines (from "Reporting
/// by" to the end of their parenthesis or paragraph), a byline paragraph, the opening dateline
/// (`ANCHORAGE, Alaska (Reuters) -`), and agency signatures in parentheses.
pub fn excluded_spans(body: &str) -> Vec<Range<usize>> {
    let lower = body.to_ascii_lowercase();
    let mut out = Vec::new();
    // Every opener found in one pass (none overlaps itself: the same matches as a search per
    // opener), in the order of a search per opener.
    static OPENERS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(CREDIT_OPENERS).expect("plain patterns"));
    let mut found: Vec<(usize, usize)> =
        OPENERS.find_overlapping_iter(&lower).map(|m| (m.pattern().as_usize(), m.start())).collect();
    found.sort_unstable();
    for (_, at) in found {
        let from = floor_boundary(&lower, at.saturating_sub(200));
        let open_paren = lower[from..at].rfind('(').map(|p| from + p);
        let closed_before = open_paren.is_some_and(|p| lower[p..at].contains(')'));
        let end = match open_paren.filter(|_| !closed_before) {
            Some(_) => lower[at..].find(')').map_or(body.len(), |e| at + e + 1),
            None => lower[at..].find("\n\n").map_or(body.len(), |e| at + e),
        };
        out.push(open_paren.filter(|_| !closed_before).unwrap_or(at)..end.min(at + 400));
    }
    for p in crate::analyze::paragraphs::paragraphs(body) {
        let text = body[p.clone()].trim_start();
        if (text.starts_with("By ") || text.starts_with("BY ")) && text.split_whitespace().count() <= 12 {
            out.push(p);
        }
    }
    if let Some(d) = dateline(body) {
        out.push(d);
    }
    for (at, _) in lower.match_indices('(') {
        if let Some(len) = lower[at..].find(')').filter(|&l| l <= 40) {
            if AGENCIES.contains(&name_key(&lower[at + 1..at + len]).as_str()) {
                out.push(at..at + len + 1);
            }
        }
    }
    out
}

/// Subheadings: short paragraphs in title case without a sentence's end ("A Win for Trump",
/// "Strategic Partnership"). The tagger reads their capitals as names; a name found only there
/// is not taken.
pub fn subheadings(body: &str) -> Vec<Range<usize>> {
    let paragraphs = crate::analyze::paragraphs::paragraphs(body);
    let words = |r: &Range<usize>| body[r.clone()].split_whitespace().count();
    // Between paragraphs of prose: a list of short lines (results, fixtures) is no heading.
    let prose = |i: Option<usize>| i.and_then(|i| paragraphs.get(i)).is_some_and(|p| words(p) >= 12);
    (0..paragraphs.len())
        .filter(|&i| {
            let text = body[paragraphs[i].clone()].trim();
            let w: Vec<&str> = text.split_whitespace().collect();
            let capitalised = w.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
            let plain = !text.contains(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | ','));
            (3..=8).contains(&w.len())
                && plain
                && !text.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ';', ','])
                && capitalised * 2 > w.len()
                && prose(i.checked_sub(1))
                && prose(Some(i + 1))
        })
        .map(|i| paragraphs[i].clone())
        .collect()
}

/// The largest character boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    (0..=i.min(s.len())).rev().find(|&b| s.is_char_boundary(b)).unwrap_or(0)
}

/// The opening dateline: a place in capitals (`WASHINGTON`, `ANCHORAGE, Alaska`, `NEW YORK,
/// March 3`) up to an agency in parentheses or a dash, within the first 80 bytes.
fn dateline(body: &str) -> Option<Range<usize>> {
    let start = body.len() - body.trim_start().len();
    let head = &body[start..];
    let window = &head[..(0..=head.len().min(80)).rev().find(|&i| head.is_char_boundary(i))?];
    // The place ends at a dash, or at an agency's parenthesis (`(Reuters)`; any other
    // parenthesis, as in `OPEC (the cartel) said`, means this is no dateline).
    let dash = [" - ", " -- ", " \u{2014} ", " \u{2013} "].iter().filter_map(|d| window.find(d)).min();
    let paren = window.find('(').filter(|p| dash.is_none_or(|d| p < &d));
    let end = match paren {
        Some(p) => {
            let inner = window[p + 1..].split(')').next().unwrap_or("");
            if !AGENCIES.contains(&name_key(inner).as_str()) {
                return None;
            }
            p
        }
        None => dash?,
    };
    let place = window[..end].split(',').next()?.trim();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if !capitals {
        return None;
    }
    // Through the agency's parenthesis.
    let rest = &head[end..];
    let mut stop = end;
    if rest.starts_with('(') {
        stop += rest.find(')').map_or(0, |e| e + 1);
    }
    Some(start..start + stop)
}

/// First words of a geographic feature's name (`Lake Ontario`, `Mount Etna`, `Fort Worth`).
const PLACE_FIRST: &[&str] = &["lake", "mount", "mt", "port", "fort", "cape", "gulf", "strait", "straits", "isle"];
/// Last words of one (`Mississippi River`, `North Sea`, `Panama Canal`, `Orange County`).
const PLACE_LAST: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "canal",
    "island",
    "islands",
    "valley",
    "mountains",
    "peninsula",
    "gulf",
    "bay",
    "harbor",
    "harbour",
    "airport",
    "county",
    "province",
];

/// True when a name of two or more words is a geographic feature's (never a person's).
pub fn is_place_name(text: &str) -> bool {
    let key = name_key(text);
    let words: Vec<&str> = key.split(' ').collect();
    words.len() >= 2 && (PLACE_FIRST.contains(&words[0]) || words.last().is_some_and(|w| PLACE_LAST.contains(w)))
}

/// Points of the compass, part of a nationality beside one ("West German"; "West" alone may be a name).
const COMPASS: &[&str] = &["east", "north", "south", "west"];

/// True for a mention that is no name: a ticker (`BA.N`), or words that are never a name on
/// their own (`Fri`, `No`, `Mon Jun`).
pub fn is_not_a_name(text: &str) -> bool {
    let t = text.trim();
    let key = name_key(t);
    // Stray letters aside (`REUTER^M` is a sign-off with a control mark).
    let words: Vec<&str> = key.split(' ').filter(|w| w.len() > 1).collect();
    let country = key == "u s" || key == "u k";
    let nationality = words.iter().all(|w| NATIONALITIES.contains(w) || COMPASS.contains(w))
        && words.iter().any(|w| NATIONALITIES.contains(w));
    // A legal suffix alone ("Co", "Ltd") is a company name's remnant.
    let word_of_no_name =
        |w: &&str| NOT_NAMES.contains(w) || COMPANY_SUFFIXES.contains(w) || GENERIC_BODIES.contains(w);
    is_ticker(t)
        || key.is_empty()
        || country
        || (!words.is_empty() && (nationality || words.iter().all(word_of_no_name)))
}

/// The keys that name the outlet of an article: its source (without a leading "The"), the
/// agency of its dateline or of a sign-off as its last word.
pub fn outlet_keys(source: Option<&str>, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = source {
        let key = name_key(s);
        let key = key.strip_prefix("the ").unwrap_or(&key).to_string();
        if !key.is_empty() {
            out.push(key);
        }
    }
    let lower = body.to_ascii_lowercase();
    for agency in AGENCIES {
        let signed = lower[..floor_boundary(&lower, 200)].contains(&format!("({agency})"))
            || name_key(lower.split_whitespace().last().unwrap_or("")) == *agency;
        if signed {
            out.push(agency.to_string());
        }
    }
    if out.iter().any(|k| k == "reuters" || k == "reuter") {
        out.extend(["reuters", "reuter", "thomson reuters"].map(String::from));
    }
    out
}

/// True when a name is the outlet's own (`Reuters`, `Reuters Estimates`, `Thomson Reuters`
/// in a Reuters story; `Harbor Ledger` in one of the Ledger's).
pub fn is_outlet(name: &str, outlets: &[String]) -> bool {
    let key = name_key(name);
    outlets.iter().any(|o| key == *o || key.starts_with(&format!("{o} ")) || key.ends_with(&format!(" {o}")))
}

/// True when a person's name is the article's author (a byline names the writer, not a person
/// in the story).
pub fn is_author(name: &str, author: Option<&str>) -> bool {
    let Some(author) = author else { return false };
    let key = name_key(name);
    key.contains(' ') && name_key(author).contains(&key)
}

/// The one name an institution's aliases take (`Fed` → `Federal Reserve`).
pub fn alias(name: &str) -> Option<&'static str> {
    let key = name_key(name);
    ALIASES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_credit_opener_overlaps_itself() {
        // What lets one overlapping pass find exactly the matches of a search per opener.
        for o in CREDIT_OPENERS {
            assert!((1..o.len()).all(|k| !o.is_char_boundary(k) || o[..k] != o[o.len() - k..]), "{o:?}");
        }
        let body = "Reporting by Ana Ruiz; additional reporting by Tom Lee; Editing by Sam Ng";
        let lower = body.to_ascii_lowercase();
        let per_opener: usize = CREDIT_OPENERS.iter().map(|o| lower.matches(o).count()).sum();
        assert_eq!(per_opener, 4, "\"reporting by\" is found inside \"additional reporting by\" too");
        assert_eq!(excluded_spans(body).len(), per_opener);
    }

    fn covered(body: &str, word: &str) -> bool {
        let at = body.find(word).unwrap();
        excluded_spans(body).iter().any(|r| r.contains(&at))
    }

    #[test]
    fn credit_lines_datelines_and_signatures_are_excluded() {
        let body = "ANCHORAGE, Alaska (Reuters) - Exxon Mobil offered a plan, Mark Hanley said.\n\n\
                    (Reporting by Yereth Rosen; Editing by Tim Dobbyn)";
        for w in ["ANCHORAGE", "Alaska", "Reuters", "Yereth", "Tim Dobbyn"] {
            assert!(covered(body, w), "{w}");
        }
        assert!(!covered(body, "Exxon") && !covered(body, "Mark Hanley"));
        let body = "WASHINGTON, March 3 - The Fed met.\n\nWriting by Ana Ruiz\n\nLater news.";
        assert!(covered(body, "WASHINGTON") && covered(body, "Ana Ruiz") && !covered(body, "Later"));
        assert!(!covered("Harbor pilots said (quietly) that Ana Ruiz spoke.", "Ana Ruiz"));
        assert!(!covered("OPEC (the cartel) said output would rise.", "OPEC"), "no dateline");
        // Wide characters around the 200-byte windows.
        let wide = format!("{}(Reporting by Ana Ruiz) {}", "é".repeat(150), "ж".repeat(150));
        assert!(covered(&wide, "Ana Ruiz"));
        assert!(outlet_keys(None, &wide).is_empty());
        let syndicated = "Ana Ruiz spoke.\n\nThis story was first published by The Harbor Ledger.";
        assert!(covered(syndicated, "Harbor Ledger") && !covered(syndicated, "Ana Ruiz"));
    }

    #[test]
    fn subheadings_are_short_title_case_paragraphs() {
        let prose = "The president spoke to reporters on Monday about the agreement and what it means.";
        let body = format!("{prose}\n\nA Win for Trump\n\n{prose}\n\nStrategic Partnership Ahead\n\n{prose}\n\nWhat Comes Next?\n\nBolton v Wrexham\n\nQueens Park Rangers v Walsall");
        let heads: Vec<&str> = subheadings(&body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(heads, ["A Win for Trump", "Strategic Partnership Ahead"]);
    }

    #[test]
    fn units_titles_nationalities_and_suffixes_are_no_ones_name() {
        for junk in [
            "BA.N",
            "EAD.PA",
            ".DJI",
            ".N225",
            "NWSa.N",
            "Christmas",
            "CEO",
            "Fri",
            "No",
            "Mon Jun",
            "Moreover",
            "REUTER^M",
            "US",
            "U.S.",
            "N.Z. Dlrs",
            "DMK",
            "EST",
            "GMT",
            "U.K. Chancellor",
            "Kuwaiti",
            "West German",
            "Co",
            "Ltd",
            "Chapter",
            "Commission",
            "Central Bank",
            "U.S. Administration",
        ] {
            assert!(is_not_a_name(junk), "{junk}");
        }
        for name in [
            "May",
            "Chrysler",
            "St. Louis",
            "US Airways",
            "West",
            "West German Bundesbank",
            "Exxon Co",
            "Saudi Aramco",
            "World Bank",
            "Union Bank",
            "Central Fund",
            "Bank of England",
        ] {
            assert!(!is_not_a_name(name), "{name}");
        }
    }

    #[test]
    fn the_outlet_and_the_author_are_not_entities_of_the_story() {
        let outlets = outlet_keys(None, "LONDON (Reuters) - Prices rose.");
        assert!(is_outlet("Reuters", &outlets) && is_outlet("Reuters Estimates", &outlets));
        assert!(is_outlet("Thomson Reuters", &outlets) && !is_outlet("Goldman Sachs", &outlets));
        let outlets = outlet_keys(Some("The Harbor Ledger"), "Prices rose.");
        assert!(is_outlet("Harbor Ledger", &outlets));
        assert!(is_outlet("REUTER", &outlet_keys(None, "Prices rose.\n REUTER")));
        assert!(is_author("Foo Yun Chee", Some("Foo Yun Chee and Miyoung Kim")));
        assert!(!is_author("Chee", Some("Foo Yun Chee")), "a bare surname may be someone else");
        assert_eq!(alias("Fed"), Some("Federal Reserve"));
        assert_eq!(alias("Standard & Poor's"), Some("Standard & Poor's"));
        assert_eq!(alias("S&P"), Some("Standard & Poor's"));
    }
}
