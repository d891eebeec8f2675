//! Which names are companies' wherever the tagger called them people: a legal suffix, a ticker
//! after the name, a partnership's list of names ending in "and Co", or a brand's way of writing
//! ("MySpace", "DaimlerChrysler").

use super::article_entities::name_key;
use super::mentions::Mention;

/// Legal suffixes that make a name a company's (as written, before folding).
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "co",
    "cos",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "nv",
    "gmbh",
    "spa",
    "sa",
    "lp",
    "llp",
];

/// True for a legal suffix as written in a name, dotted or not ("Inc.", "SpA", "L.P.").
pub(super) fn is_legal_suffix(word: &str) -> bool {
    COMPANY_SUFFIXES.contains(&last_word_key(word).as_str())
}

/// A name's last word as the suffix lists spell it: a dotted suffix as the plain one ("L.P." is
/// "lp").
fn last_word_key(word: &str) -> String {
    name_key(word).replace(' ', "")
}

/// Last words of partnership names ("Alex. Brown and Sons", "Lazard Freres and Co"), besides the
/// legal suffixes.
const FIRM_ENDINGS: &[&str] = &["sons", "partners", "brothers", "associates", "cie"];
/// Longest run of partners' names followed before the firm's ending ("Smith Barney, Harris
/// Upham and Co": 4 words after "Smith Barney").
const MAX_PARTNER_WORDS: usize = 6;

/// Jobs held at a firm, not at a person: "analysts at JP Morgan", "a Stifel Nicolaus analyst".
const FIRM_JOBS: &[&str] = &["analyst", "analysts", "economist", "economists", "strategist", "strategists"];

/// Kinds of firm that name one right after them ("research firm Dealogic", "investment bank
/// Lazard").
const FIRM_KINDS: &[&str] = &[
    "firm",
    "company",
    "bank",
    "brokerage",
    "insurer",
    "lender",
    "retailer",
    "carmaker",
    "automaker",
    "airline",
    "manufacturer",
    "maker",
    "website",
    "brand",
    "brands",
    "marque",
    "nameplate",
    "label",
    "chain",
];

/// Parts of a firm named right before them ("Ford's Jaguar unit", "the Jaguar nameplate"). Not
/// right after them: "the commercial airplane unit Scott Carson told Reuters" names its head.
const FIRM_PARTS: &[&str] = &["unit", "division", "subsidiary", "brand", "marque", "nameplate"];

/// Words before a kind of firm that make the name after it no apposition: "the company Steve
/// Jobs founded", "his firm John Smith sold".
const NOT_APPOSITION: &[&str] =
    &["the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "which"];

/// True when the words around a name make it a firm's: a job held at it before ("analysts at
/// JP Morgan", "economist with Dresdner Kleinwort") or right after it ("a Stifel Nicolaus
/// analyst"), a kind of firm with a word before it ("research firm Dealogic", "luxury brands
/// Jaguar"), or a part of a firm right after it ("the Jaguar unit"). People are not where
/// analysts work.
fn works_there(m: &Mention, body: &str) -> bool {
    let before: Vec<&str> = body[..m.start].split_whitespace().rev().take(2).collect();
    let job = |w: &str| FIRM_JOBS.contains(&w.to_ascii_lowercase().as_str());
    let at = before.len() == 2 && matches!(before[0], "at" | "with") && job(before[1]);
    let kind = before.len() == 2
        && FIRM_KINDS.contains(&before[0])
        && !NOT_APPOSITION.contains(&before[1].to_ascii_lowercase().as_str());
    // Right after the name, no comma between: "Smith, analyst at X" names a person.
    let after = body[m.end..].split_whitespace().next().unwrap_or_default().trim_end_matches(['.', ',', ';', ':']);
    at || kind || job(after) || FIRM_PARTS.contains(&after)
}

/// Last words of a firm's name that no person's name ends with (`Apollo Management`, `Warner
/// Bros`, `Dow Jones Newswires`).
const FIRM_LAST_WORDS: &[&str] = &[
    "management",
    "capital",
    "group",
    "holdings",
    "securities",
    "bros",
    "brothers",
    "partners",
    "associates",
    "investments",
    "advisors",
    "advisers",
    "newswires",
    "airlines",
    "airways",
    "motors",
    "industries",
    "pharmaceuticals",
    "technologies",
    "bancorp",
    "bancshares",
];

/// Words after a possessive that make it a firm's name ("Sam's Club", "Wendy's International",
/// "Lowe's Companies"; "Macy's stores"), besides the legal suffixes ("Macy's Inc").
const POSSESSIVE_FIRM_WORDS: &[&str] = &["club", "companies", "international", "restaurants", "stores"];
/// Of those, the words that name a firm only in capitals (a person's "international trip"), and
/// that are then part of its name ("Sam's Club", not "Wendy's Restaurants").
const CAPITALISED_FIRM_WORDS: &[&str] = &["club", "companies", "international"];

/// Names of firms written as a possessive, which the tagger cuts at the "'s" and often calls a
/// person ("Macy" of "Macy's Inc", "Sam" and "Club" of "Sam's Club"): one word tagged a person
/// right before "'s" and a capitalised legal suffix or a word of [`POSSESSIVE_FIRM_WORDS`]
/// becomes the organisation "X's" ("Macy's"; "Sam's Club", with a word of
/// [`CAPITALISED_FIRM_WORDS`]), and a mention inside what it now spans goes.
pub(super) fn possessive_firms(found: Vec<Mention>, body: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    for mut m in found {
        if out.last().is_some_and(|p| m.start < p.end) {
            continue;
        }
        let rest = &body[m.end..];
        let after = rest.strip_prefix("'s ").or_else(|| rest.strip_prefix("’s "));
        // One word the tagger called a person: after an organisation's name or a person's full
        // name, "'s International" is a division ("Navistar's International", "Wilbur Ross's
        // International Steel").
        if let (Some(after), "PER", false) = (after, m.kind, m.text.contains(' ')) {
            let word = after.split_whitespace().next().unwrap_or_default().trim_end_matches([',', '.', ';', ':']);
            let key = word.to_ascii_lowercase();
            let upper = word.chars().next().is_some_and(char::is_uppercase);
            let legal = upper && COMPANY_SUFFIXES.contains(&key.as_str());
            let capitalised_word = CAPITALISED_FIRM_WORDS.contains(&key.as_str());
            let firm_word = POSSESSIVE_FIRM_WORDS.contains(&key.as_str()) && (upper || !capitalised_word);
            if legal || firm_word {
                let possessive = rest.len() - after.len() - 1;
                m.end += possessive;
                if upper && capitalised_word {
                    let word_start = body.len() - after.trim_start().len();
                    m.end = word_start + word.len();
                }
                m.text = body[m.start..m.end].to_string();
                m.kind = "ORG";
            }
        }
        out.push(m);
    }
    out
}

/// True when the mention is a company's name the tagger called a person: it holds a slash
/// (`Royal Dutch/Shell`), ends in a legal suffix (`General Electric Co.`) or a firm's word
/// (`Apollo Management`), a ticker follows it (`Exxon Mobil ( XOM.N )`, `Exxon Corp <XON>`), it
/// opens a firm's list of partners (`Smith Barney, Harris Upham and Co`, `Kidder, Peabody and
/// Co`), or the words around it make it a firm's (`analysts at JP Morgan`, `research firm
/// Dealogic`).
pub fn is_company(m: &Mention, body: &str) -> bool {
    // Two names joined by a slash are a group's ("Royal Dutch/Shell"), never a person's.
    if m.text.contains('/') {
        return true;
    }
    let last = m.text.split_whitespace().last().unwrap_or_default();
    let key = last_word_key(last);
    let firm_ending = COMPANY_SUFFIXES.contains(&key.as_str()) || FIRM_LAST_WORDS.contains(&key.as_str());
    if m.text.contains(' ') && (firm_ending || is_ticker(last)) {
        return true;
    }
    if opens_a_firm_name(&body[m.end..]) || works_there(m, body) {
        return true;
    }
    // `( XOM.N )`, `(NYSE: XOM)`, `<XON>`; not `( GER )`, a country in sports results.
    let after = body[m.end..].trim_start();
    let upper = |t: &str| {
        !t.is_empty() && t.len() <= 12 && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.')
    };
    if let Some(r) = after.strip_prefix('(') {
        let t = r.split(')').next().unwrap_or("").trim();
        return match t.split_once(':') {
            Some((exchange, symbol)) => {
                ["nyse", "nasdaq", "amex", "lse", "tsx", "asx"].contains(&exchange.trim().to_ascii_lowercase().as_str())
                    && upper(symbol.trim())
            }
            None => is_ticker(t),
        };
    }
    after.strip_prefix('<').is_some_and(|r| upper(r.split('>').next().unwrap_or("").trim()))
}

/// True when `after` (the text after a name) goes on as a partnership's name: capitalised words,
/// commas and "and"/"&" up to a legal suffix or a firm ending (`, Harris Upham and Co said`).
/// The list must name another partner or end in "and Co"-like words right away; a sentence
/// that merely goes on ("Ronald Reagan and Co-chairman …", "Baker said") is no firm.
fn opens_a_firm_name(after: &str) -> bool {
    let mut joined = false;
    for (i, word) in after.split_whitespace().take(MAX_PARTNER_WORDS + 1).enumerate() {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        let key = bare.to_ascii_lowercase();
        if joined && (COMPANY_SUFFIXES.contains(&key.as_str()) || FIRM_ENDINGS.contains(&key.as_str())) {
            return true;
        }
        let starts_upper = bare.chars().next().is_some_and(char::is_uppercase);
        let joiner = matches!(key.as_str(), "and" | "&");
        let comma_before = i == 0 && after.trim_start().starts_with(',');
        if joiner || comma_before {
            joined = true;
        }
        if !(joiner || starts_upper || comma_before && bare.is_empty()) {
            return false;
        }
        // A word ending a sentence ends the name.
        if word.ends_with(['.', ';', ':']) && !joiner && bare.len() > 2 {
            return false;
        }
    }
    false
}

/// True for a stock ticker with its exchange (`BA.N`, `EAD.PA`, `FRE.N`), or an index's code
/// (`.DJI`, `.SPX`, `.N225`).
pub fn is_ticker(word: &str) -> bool {
    if let Some(code) = word.strip_prefix('.') {
        return (2..=6).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && code.chars().any(|c| c.is_ascii_uppercase());
    }
    word.split_once('.').is_some_and(|(a, b)| {
        // A share class in lower case after the symbol: `NWSa.N`, `RDSa.L`.
        let symbol = a.strip_suffix(|c: char| c.is_ascii_lowercase()).filter(|s| s.len() >= 2).unwrap_or(a);
        !symbol.is_empty()
            && symbol.len() <= 6
            && (1..=3).contains(&b.len())
            && symbol.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// Beginnings of surnames written with a capital inside ("McCain", "DeLauro", "ElBaradei",
/// "deSilva", "FitzSimons", "O'Neill", "AbuZayyad", "SyCip").
const SURNAME_PREFIXES: &[&str] = &[
    "Mc", "Mac", "O'", "O’", "De", "de", "Des", "Del", "Di", "Da", "Do", "Du", "El", "Al", "Abu", "La", "Le", "Lo",
    "Van", "Von", "Fitz", "St", "Sy",
];

/// True for a word with a capital after a lower-case letter, as brands are written ("MySpace",
/// "BaFin", "SoundScan"), unless the capital follows a surname's beginning ("McCain", "LaSorda",
/// "ElBaradei"; an apostrophe or hyphen starts a new part: "August-deWilde").
fn brand_word(word: &str) -> bool {
    word.split(['-', '\'', '’']).filter(|part| !part.is_empty()).any(|part| {
        let inner_capital = part
            .char_indices()
            .skip(1)
            .find(|&(i, c)| c.is_uppercase() && part[..i].chars().next_back().is_some_and(char::is_lowercase));
        inner_capital.is_some_and(|(i, _)| !SURNAME_PREFIXES.contains(&&part[..i]))
    })
}

/// Makes organisations of the people whose name ends in a brand's word ("MySpace", "Nielsen
/// SoundScan", "DaimlerChrysler"; not a first name: "JoAnne Feeney"), with every other mention of
/// the name as a person.
pub(super) fn brands_as_organisations(found: &mut [Mention]) {
    let brands: Vec<String> = found
        .iter()
        .filter(|m| m.kind == "PER" && m.text.split_whitespace().next_back().is_some_and(brand_word))
        .map(|m| name_key(&m.text))
        .collect();
    for m in found.iter_mut().filter(|m| m.kind == "PER" && brands.contains(&name_key(&m.text))) {
        m.kind = "ORG";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::entities::mentions::found_in;

    #[test]
    fn a_possessive_before_a_firm_word_is_a_firm_name() {
        let body = "Sam's Club and Wendy's International Inc gained, Macy's Inc and Lowe's stores fell, \
                    Navistar's International unit and Wilbur Ross's International Steel rose, \
                    Bush's international trip and Ana's Club ended.";
        // What the tagger finds: one-word people cut at the "'s", the word after it often a name too.
        let tagged = [
            ("PER", "Sam"),
            ("PER", "Club"),
            ("PER", "Wendy"),
            ("ORG", "International Inc"),
            ("PER", "Macy"),
            ("PER", "Lowe"),
            ("ORG", "Navistar"),
            ("PER", "Wilbur Ross"),
            ("ORG", "International Steel"),
            ("PER", "Bush"),
            ("PER", "Ana"),
        ];
        let found = found_in(body, &tagged);
        let out: Vec<(&str, String)> = possessive_firms(found, body).into_iter().map(|m| (m.kind, m.text)).collect();
        let expected = [
            ("ORG", "Sam's Club"),
            ("ORG", "Wendy's International"),
            ("ORG", "Macy's"),
            ("ORG", "Lowe's"),
            ("ORG", "Navistar"),
            ("PER", "Wilbur Ross"),
            ("ORG", "International Steel"),
            ("PER", "Bush"),
            ("ORG", "Ana's Club"),
        ];
        assert_eq!(out, expected.map(|(k, t)| (k, t.to_string())));
        let curly = "Wendy’s Restaurants said";
        let wendy = Mention { kind: "PER", text: "Wendy".into(), start: 0, end: 5, sentence: 0 };
        let out = possessive_firms(vec![wendy], curly);
        assert_eq!((out[0].kind, out[0].text.as_str(), out[0].end), ("ORG", "Wendy’s", "Wendy’s".len()));
    }

    #[test]
    fn legal_suffixes_tickers_and_partner_lists_make_companies() {
        let m = |text: &str, body: &str| {
            let start = body.find(text).unwrap();
            Mention { kind: "PER", text: text.into(), start, end: start + text.len(), sentence: 0 }
        };
        let body = "Exxon Mobil ( XOM.N ) and Exxon Corp <XON> and General Electric Co. and Ana Ruiz (left).";
        assert!(is_company(&m("Exxon Mobil", body), body));
        assert!(is_company(&m("Exxon Corp", body), body));
        assert!(is_company(&m("General Electric Co.", body), body));
        let slash = "the Royal Dutch/Shell Group affiliate";
        assert!(is_company(&m("Royal Dutch/Shell", slash), slash));
        let dotted = "Harris Associates L.P. and Nestle S.A. said";
        assert!(is_company(&m("Harris Associates L.P.", dotted), dotted));
        assert!(is_company(&m("Nestle S.A.", dotted), dotted));
        let glued = "Freddie Mac FRE.N said.";
        assert!(is_company(&m("Freddie Mac FRE.N", glued), glued));
        assert!(!is_company(&m("Ana Ruiz", body), body));
        let firms = "Smith Barney, Harris Upham and Co said. Kidder, Peabody and Co. sold. Alex. Brown and Sons \
                     bought. James Capel and Co agreed. Ronald Reagan and Co-chairman Baker met. Baker and Jones left.";
        for firm in ["Smith Barney", "Harris Upham", "Kidder", "Brown", "James Capel"] {
            assert!(is_company(&m(firm, firms), firms), "{firm}");
        }
        for person in ["Ronald Reagan", "Baker"] {
            assert!(!is_company(&m(person, firms), firms), "{person}");
        }
        let jobs = "Analysts at JP Morgan and an economist with Dresdner Kleinwort agreed with a Stifel Nicolaus \
                    analyst. Ben Bernanke, analysts said, and Ana Ruiz, analyst at Wedbush, disagreed; Ian Lowe \
                    spoke at Harvard.";
        for firm in ["JP Morgan", "Dresdner Kleinwort", "Stifel Nicolaus"] {
            assert!(is_company(&m(firm, jobs), jobs), "{firm}");
        }
        for person in ["Ben Bernanke", "Ana Ruiz", "Ian Lowe"] {
            assert!(!is_company(&m(person, jobs), jobs), "{person}");
        }
        let names = "Apollo Management and Warner Bros. bought it, Dow Jones Newswires said; Ana Capital-Ruiz and \
                     Group spoke.";
        for firm in ["Apollo Management", "Warner Bros.", "Dow Jones Newswires"] {
            assert!(is_company(&m(firm, names), names), "{firm}");
        }
        let kinds = "Research firm Dealogic said; investment bank Lazard agreed. The company Steve Jobs founded \
                     and a bank Jamie Dimon runs grew.";
        for firm in ["Dealogic", "Lazard"] {
            assert!(is_company(&m(firm, kinds), kinds), "{firm}");
        }
        for person in ["Steve Jobs", "Jamie Dimon"] {
            assert!(!is_company(&m(person, kinds), kinds), "{person}");
        }
        // Brands and parts of a firm: before a brand's name, after a part's; the head of a unit
        // named after it is a person.
        let parts = "Ford's luxury brands Jaguar and Volvo sold, the Aston Martin unit grew, the Opel nameplate \
                     went, and the commercial airplane unit Scott Carson runs hired Ana Ruiz.";
        for firm in ["Jaguar", "Aston Martin", "Opel"] {
            assert!(is_company(&m(firm, parts), parts), "{firm}");
        }
        for person in ["Scott Carson", "Ana Ruiz"] {
            assert!(!is_company(&m(person, parts), parts), "{person}");
        }
        for person in ["Ana Capital-Ruiz", "Group"] {
            assert!(!is_company(&m(person, names), names), "{person}");
        }
        let sports = "Steffi Graf ( GER ) beat Ana Ruiz (NYSE: XOM).";
        assert!(!is_company(&m("Steffi Graf", sports), sports));
        assert!(is_company(&m("Ana Ruiz", sports), sports));
    }

    #[test]
    fn names_written_as_brands_are_organisations() {
        let body = "MySpace grew. Nielsen SoundScan counted. John McCain, Mohamed ElBaradei, Rosa DeLauro, \
                    Peter deSilva, Katherine August-deWilde, Brian O'Neill and JoAnne Feeney spoke. MySpace again.";
        let names = [
            "MySpace",
            "Nielsen SoundScan",
            "John McCain",
            "Mohamed ElBaradei",
            "Rosa DeLauro",
            "Peter deSilva",
            "Katherine August-deWilde",
            "Brian O'Neill",
            "JoAnne Feeney",
            "MySpace",
        ];
        let mut found = found_in(body, &names.iter().map(|&n| ("PER", n)).collect::<Vec<_>>());
        brands_as_organisations(&mut found);
        let kinds: Vec<(&str, &str)> = found.iter().map(|m| (m.kind, m.text.as_str())).collect();
        let expected: Vec<(&str, &str)> =
            names.iter().enumerate().map(|(i, &n)| (if (2..9).contains(&i) { "PER" } else { "ORG" }, n)).collect();
        assert_eq!(kinds, expected);
        for w in ["MySpace", "BaFin", "SoundScan", "GameSpot", "Wal-MoneyCard"] {
            assert!(brand_word(w), "{w}");
        }
        for w in ["McDonald", "MacIntosh", "LeRoy", "DiCaprio", "SyCip", "Smith", "IBM", "O'Neill", "de", "McC"] {
            assert!(!brand_word(w), "{w}");
        }
    }
}
