//! Names the words right around them show to be a thing's, not a person's: a storm ("Hurricane
//! Katrina"), a product after its model number ("787 Dreamliner"), a grade of oil or a product
//! line before its kind ("Brent crude", "Wii console", "Jaguar brand"), a day ("Black Friday").

use super::article_entities::name_key;
use super::mentions::Mention;

/// Words before a name that make it a storm's.
const STORM_WORDS: &[&str] = &["hurricane", "hurricanes", "storm", "typhoon", "cyclone"];

/// Lower-case words after a name that make it a thing's.
const KINDS_OF_THING: &[&str] =
    &["crude", "jet", "jets", "jetliner", "jetliners", "console", "consoles", "brand", "brands", "model", "models"];

/// True for a model number before a product's name (`before` is the word before it): capitals
/// and digits ("A380", "X5"), or three digits or more, maybe with a hyphen ("787", "787-8"), after
/// a word or a determiner ("Boeing's 787", "the 787"; not a score or a rank in a results table,
/// "69 287 Ian Woosnam"); never a year ("1996"), a score ("6-3"), an ordinal ("2.") or an
/// amount ("$100").
fn model_number(w: &str, before: &str) -> bool {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_uppercase).count();
    let year = w.len() == 4 && digits == 4 && (w.starts_with("19") || w.starts_with("20"));
    let word = before.trim_end_matches("'s").trim_end_matches("’s");
    let after_a_word = word.chars().next().is_some_and(char::is_alphabetic) && word.chars().all(char::is_alphabetic);
    (2..=8).contains(&w.len())
        && w.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-')
        && ((digits >= 3 && after_a_word) || (digits >= 1 && letters >= 1))
        && !year
}

/// True when the words right around a mention make it a thing's: a storm word or a model number
/// before it, a kind of thing after it, or a day's name as its last word.
pub(super) fn names_a_thing(m: &Mention, body: &str) -> bool {
    let first = m.text.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
    let mut words_before = body[..m.start].split_whitespace().rev();
    let (before, two_before) = (words_before.next().unwrap_or_default(), words_before.next().unwrap_or_default());
    // A model number is on one line with its name and the word before it: a number ending a line
    // is a score ("Saqlain Mushtaq 113\nA. Stewart").
    let one_line = || body[..m.start].ends_with(&format!("{two_before} {before} "));
    let after = body[m.end..].split_whitespace().next().unwrap_or_default().trim_end_matches([',', '.', ';', ':']);
    let storm = |w: &str| STORM_WORDS.contains(&w.trim_start_matches(['(', '"']).to_ascii_lowercase().as_str());
    // A day's name: "Black Friday", "Super Tuesday".
    let last = m.text.split_whitespace().next_back().unwrap_or_default().to_ascii_lowercase();
    let day = m.text.contains(' ') && DAYS.contains(&last.as_str());
    storm(&first)
        || storm(before)
        || (model_number(before, two_before) && one_line())
        || KINDS_OF_THING.contains(&after)
        || day
}

/// Last words of the names of days ("Black Friday", "Cyber Monday", "Super Tuesday").
const DAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The people of an article less those some mention shows to be things, with every other
/// mention of such a name ("Katrina" beside "Hurricane Katrina"; not a longer name ending in it:
/// "John Mack" beside "the Mack brand").
pub(super) fn without_things(found: Vec<Mention>, body: &str) -> Vec<Mention> {
    let things: Vec<String> =
        found.iter().filter(|m| m.kind == "PER" && names_a_thing(m, body)).map(|m| name_key(&m.text)).collect();
    found.into_iter().filter(|m| m.kind != "PER" || !things.contains(&name_key(&m.text))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::entities::mentions::found_in;

    /// The mentions (kind, text) kept, found in `body` in order.
    fn kept(body: &str, tagged: &[(&'static str, &str)]) -> Vec<String> {
        without_things(found_in(body, tagged), body).into_iter().map(|m| m.text).collect()
    }

    fn people(body: &str, names: &[&str]) -> Vec<String> {
        kept(body, &names.iter().map(|&n| ("PER", n)).collect::<Vec<_>>())
    }

    #[test]
    fn storms_products_and_oil_grades_are_no_one() {
        let body = "Hurricane Katrina hit. Katrina cost Ben Bernanke sleep. Boeing's 787 Dreamliner and the \
                    A380 Superjumbo flew. London Brent crude rose; Brent crude fell. Nintendo's Wii console sold. \
                    In 1996 Ana Ruiz won 6-3 Sampras lost; 2. Michael Johnson ran. John Mack sold the Mack brand.";
        let names = [
            "Katrina",
            "Katrina",
            "Ben Bernanke",
            "Dreamliner",
            "Superjumbo",
            "London Brent",
            "Brent",
            "Wii",
            "Ana Ruiz",
            "Sampras",
            "Michael Johnson",
            "John Mack",
            "Mack",
        ];
        assert_eq!(people(body, &names), ["Ben Bernanke", "Ana Ruiz", "Sampras", "Michael Johnson", "John Mack"]);
        // A name tagged with its storm word, and typhoons in parentheses.
        assert!(people("Typhoon Haiyan struck.", &["Typhoon Haiyan"]).is_empty());
        assert!(people("a storm (Typhoon Haiyan) struck", &["Haiyan"]).is_empty());
        // Days; a product named after its maker is not told apart ("Nintendo Wii" beside
        // "Nintendo": "Bill Gates" beside a "Bill" would go with it).
        let days = "Black Friday sales rose; Nintendo said the Nintendo Wii sold well. Henry Ford met Ford.";
        let tagged = [
            ("PER", "Black Friday"),
            ("ORG", "Nintendo"),
            ("PER", "Nintendo Wii"),
            ("PER", "Henry Ford"),
            ("ORG", "Ford"),
        ];
        assert_eq!(kept(days, &tagged), ["Nintendo", "Nintendo Wii", "Henry Ford", "Ford"]);
        // A score at the end of a line in a cricket scorecard.
        let card = "N. Knight st Moin Khan b Saqlain Mushtaq 113\nA. Stewart b Mushtaq Ahmed";
        assert_eq!(people(card, &["A. Stewart"]), ["A. Stewart"]);
    }

    #[test]
    fn model_numbers_are_not_years_scores_ordinals_or_amounts() {
        for (w, before) in [("787", "the"), ("787-8", "Boeing"), ("A380", ""), ("X5", "69")] {
            assert!(model_number(w, before), "{before} {w}");
        }
        for (w, before) in [("1996", "in"), ("2007", "the"), ("6-3", "won"), ("2.", ""), ("$100", "a"), ("12", "the")] {
            assert!(!model_number(w, before), "{before} {w}");
        }
        // Ranks and totals in a results table.
        for (w, before) in [("287", "69"), ("285", ")"), ("287", "")] {
            assert!(!model_number(w, before), "{before} {w}");
        }
    }
}
