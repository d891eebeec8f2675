//! The IPTC Media Topics top level (17 subjects; IPTC, CC BY 4.0) and a second level for the
//! themes news readers filter by most, each found by a lexicon of its words.

/// Top-level subjects: (slug, IPTC name).
pub const TOP_LEVEL: [(&str, &str); 17] = [
    ("arts-culture-entertainment-media", "arts, culture, entertainment and media"),
    ("conflict-war-peace", "conflict, war and peace"),
    ("crime-law-justice", "crime, law and justice"),
    ("disaster-accident-emergency", "disaster, accident and emergency incident"),
    ("economy-business-finance", "economy, business and finance"),
    ("education", "education"),
    ("environment", "environment"),
    ("health", "health"),
    ("human-interest", "human interest"),
    ("labour", "labour"),
    ("lifestyle-leisure", "lifestyle and leisure"),
    ("politics", "politics"),
    ("religion", "religion"),
    ("science-technology", "science and technology"),
    ("society", "society"),
    ("sport", "sport"),
    ("weather", "weather"),
];

/// Second-level themes: (parent slug, theme slug, lexicon of word stems; a theme is present when
/// at least two of its words occur, or one occurs twice).
pub const THEMES: &[(&str, &str, &[&str])] = &[
    ("politics", "migration", &["migra", "immigra", "deport", "asylum", "refugee", "border", "visa"]),
    ("politics", "elections", &["election", "vote", "voter", "ballot", "campaign", "poll", "turnout", "candidate"]),
    (
        "politics",
        "diplomacy",
        &["diplomat", "embassy", "summit", "ambassador", "treaty", "foreign minister", "bilateral"],
    ),
    (
        "politics",
        "government",
        &["parliament", "congress", "senate", "lawmaker", "cabinet", "minister", "legislat", "white house"],
    ),
    (
        "politics",
        "human-rights",
        &["human rights", "civil rights", "due process", "rights group", "discriminat", "freedom"],
    ),
    (
        "crime-law-justice",
        "prisons-policing",
        &["prison", "jail", "inmate", "detain", "police", "arrest", "custody", "gang"],
    ),
    (
        "crime-law-justice",
        "courts",
        &["court", "judge", "lawsuit", "trial", "ruling", "attorney", "lawyer", "prosecutor"],
    ),
    (
        "economy-business-finance",
        "markets",
        &["stock", "share", "market", "investor", "bond", "index", "trading", "exchange"],
    ),
    (
        "economy-business-finance",
        "energy",
        &["oil", "gas", "energy", "crude", "barrel", "opec", "solar", "power plant"],
    ),
    ("economy-business-finance", "trade", &["export", "import", "tariff", "trade", "shipment", "customs"]),
    (
        "economy-business-finance",
        "monetary-policy",
        &["interest rate", "central bank", "inflation", "currency", "monetary"],
    ),
    (
        "economy-business-finance",
        "commodities",
        &["wheat", "grain", "corn", "copper", "gold", "sugar", "coffee", "harvest"],
    ),
    (
        "science-technology",
        "technology-companies",
        &["smartphone", "software", "app", "tech", "internet", "chip", "data"],
    ),
    ("science-technology", "research", &["research", "scientist", "species", "study", "journal", "discover"]),
    ("sport", "football", &["soccer", "football", "goal", "league", "striker", "midfield"]),
    ("sport", "baseball", &["baseball", "inning", "pitcher", "home run"]),
    ("sport", "athletics", &["marathon", "runner", "athlet", "sprint"]),
    ("arts-culture-entertainment-media", "film", &["film", "movie", "documentary", "director", "festival", "premiere"]),
    ("arts-culture-entertainment-media", "museums-art", &["museum", "gallery", "painting", "exhibition", "artist"]),
    ("labour", "strikes-unions", &["strike", "union", "wage", "walkout", "worker"]),
    ("health", "public-health", &["flu", "vaccin", "hospital", "disease", "virus", "outbreak", "covid"]),
    ("disaster-accident-emergency", "floods-storms", &["flood", "storm", "hurricane", "rescue", "evacuat"]),
    ("weather", "forecasts", &["forecast", "rain", "snow", "temperature", "weather"]),
    ("education", "schools", &["school", "teacher", "pupil", "student", "class size", "university"]),
];

/// Words that speak for a subject in any outlet and decade (word starts), added to the
/// classifier's evidence: the training headlines are few for some subjects.
pub const SUBJECT_WORDS: &[(&str, &[&str])] = &[
    (
        "sport",
        &[
            "game",
            "team",
            "season",
            "coach",
            "championship",
            "league",
            "player",
            "tournament",
            "match",
            "cup",
            "olympic",
            "quarterback",
            "inning",
            "goal",
            "striker",
            "playoff",
            "medal",
            "victory",
            "defeat",
            "scored",
            "seed",
        ],
    ),
    (
        "science-technology",
        &[
            "software",
            "internet",
            "computer",
            "technolog",
            "microsoft",
            "google",
            "apple",
            "intel",
            "ibm",
            "space",
            "nasa",
            "scientist",
            "research",
            "web",
            "online",
            "wireless",
            "linux",
            "chip",
            "browser",
            "spacecraft",
            "telescope",
            "genome",
            "virus",
            "digital",
            "broadband",
            "download",
        ],
    ),
    (
        "economy-business-finance",
        &[
            "stock",
            "shares",
            "profit",
            "earnings",
            "quarter",
            "company",
            "investor",
            "market",
            "bank",
            "economy",
            "econom",
            "sales",
            "price",
            "oil",
            "billion",
            "million",
            "dollar",
            "merger",
            "acquisition",
            "revenue",
            "bid",
            "deal",
            "fund",
            "trade",
        ],
    ),
    (
        "politics",
        &[
            "president",
            "minister",
            "government",
            "election",
            "parliament",
            "vote",
            "prime",
            "party",
            "leader",
            "talks",
            "official",
            "diplomat",
            "senate",
            "congress",
        ],
    ),
    (
        "conflict-war-peace",
        &[
            "troops",
            "killed",
            "attack",
            "military",
            "army",
            "rebel",
            "war",
            "bomb",
            "soldier",
            "militant",
            "insurgent",
            "ceasefire",
            "peace",
        ],
    ),
    (
        "disaster-accident-emergency",
        &[
            "earthquake",
            "hurricane",
            "tsunami",
            "flood",
            "wildfire",
            "tornado",
            "crash",
            "derail",
            "explosion",
            "rescue",
            "evacuat",
            "survivor",
            "disaster",
            "emergency",
        ],
    ),
    ("weather", &["weather", "forecast", "rain", "snow", "storm", "temperature", "heatwave", "drought"]),
];

/// Subjects no training set labels; texts filed under a broad label ("World") whose subject words
/// name one of them at least [`WEAK_LABEL_WORDS`] times are labelled with it.
pub const WEAK_LABEL_SUBJECTS: [&str; 3] = ["conflict-war-peace", "disaster-accident-emergency", "weather"];
/// Subject words needed for a weak label.
pub const WEAK_LABEL_WORDS: usize = 2;

/// The subject the words of a broadly labelled text name clearly enough, if any.
pub fn weak_label(words: &[String]) -> Option<&'static str> {
    subject_words(words)
        .into_iter()
        .filter(|(slug, n)| WEAK_LABEL_SUBJECTS.contains(slug) && *n >= WEAK_LABEL_WORDS)
        .max_by_key(|(_, n)| *n)
        .map(|(slug, _)| slug)
}

/// Evidence per subject: how many of its words the text has (each word once).
pub fn subject_words(words: &[String]) -> Vec<(&'static str, usize)> {
    LexiconCounts::of(words).subject_words()
}

/// How often each entry of the subject and theme lexicon occurs in a text's words: one pass,
/// read by both [`LexiconCounts::subject_words`] and [`LexiconCounts::themes`].
#[derive(Debug, Clone)]
pub struct LexiconCounts(Vec<usize>);

impl LexiconCounts {
    /// Counts the entries in a text's normalised words.
    pub fn of(words: &[String]) -> Self {
        LexiconCounts(taxonomy_lexicon().counts(words))
    }

    /// [`subject_words`] of the text counted.
    pub fn subject_words(&self) -> Vec<(&'static str, usize)> {
        let mut counts = self.0.iter();
        SUBJECT_WORDS
            .iter()
            .map(|(slug, entries)| (*slug, counts.by_ref().take(entries.len()).filter(|&&n| n > 0).count()))
            .collect()
    }

    /// Themes present in the text counted, matched as [`Lexicon`] says.
    pub fn themes(&self) -> Vec<FoundTheme> {
        let subject_entries: usize = SUBJECT_WORDS.iter().map(|(_, e)| e.len()).sum();
        let mut counts = self.0[subject_entries..].iter();
        let mut out = Vec::new();
        for (parent, theme, entries) in THEMES {
            let counts: Vec<usize> = counts.by_ref().take(entries.len()).copied().collect();
            let distinct = counts.iter().filter(|c| **c > 0).count();
            let total: usize = counts.iter().sum();
            if distinct >= 2 || total >= 2 {
                out.push(FoundTheme { parent, theme, strength: total, distinct });
            }
        }
        out
    }
}

/// A theme a text's words name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundTheme {
    /// The subject it belongs to (`politics`).
    pub parent: &'static str,
    /// The theme (`migration`).
    pub theme: &'static str,
    /// Occurrences of its words.
    pub strength: usize,
    /// Distinct words of it found.
    pub distinct: usize,
}

/// Lexicon entries found in one pass over a text's words (an Aho–Corasick automaton over the
/// words joined by spaces; a match counts where a word starts). An entry matches at the start of
/// a word ("deport" matches "deportees", "oil" does not match "soil"); an entry of several words
/// matches consecutive words, the last as a prefix ("interest rate" matches "interest rates").
struct Lexicon {
    entries: usize,
    matcher: aho_corasick::AhoCorasick,
    /// Per distinct pattern, the entries spelled so.
    owners: Vec<Vec<usize>>,
}

impl Lexicon {
    fn new(entries: &[&str]) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match patterns.iter().position(|p| p == e) {
                Some(k) => owners[k].push(i),
                None => {
                    patterns.push(e);
                    owners.push(vec![i]);
                }
            }
        }
        let matcher = aho_corasick::AhoCorasick::new(&patterns).expect("lexicon entries are short literals");
        Lexicon { entries: entries.len(), matcher, owners }
    }

    /// Occurrences of every entry (in the order given to [`Lexicon::new`]).
    fn counts(&self, words: &[String]) -> Vec<usize> {
        let text = words.join(" ");
        let mut counts = vec![0; self.entries];
        for m in self.matcher.find_overlapping_iter(&text) {
            if m.start() == 0 || text.as_bytes()[m.start() - 1] == b' ' {
                for &i in &self.owners[m.pattern().as_usize()] {
                    counts[i] += 1;
                }
            }
        }
        counts
    }
}

/// Every subject word, then every theme word, in the order of their lists.
fn taxonomy_entries() -> Vec<&'static str> {
    let subjects = SUBJECT_WORDS.iter().flat_map(|(_, entries)| entries.iter());
    let themes = THEMES.iter().flat_map(|(_, _, entries)| entries.iter());
    subjects.chain(themes).copied().collect()
}

/// [`taxonomy_entries`] as one lexicon.
fn taxonomy_lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(&taxonomy_entries()))
}

/// Theme facet paths a query's words name: a one-word lexicon entry a query word starts with
/// ("deportees" → `/topic/politics/migration`).
pub fn query_themes(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = THEMES
        .iter()
        .filter(|(_, _, entries)| {
            entries.iter().any(|e| !e.contains(' ') && words.iter().any(|w| w.len() >= 3 && w.starts_with(*e)))
        })
        .map(|(parent, theme, _)| format!("/topic/{parent}/{theme}"))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Everyday names of subjects: what people type for `--topic` ("sports", "business").
pub const SUBJECT_ALIASES: &[(&str, &str)] = &[
    ("sports", "sport"),
    ("business", "economy-business-finance"),
    ("economy", "economy-business-finance"),
    ("finance", "economy-business-finance"),
    ("arts", "arts-culture-entertainment-media"),
    ("culture", "arts-culture-entertainment-media"),
    ("entertainment", "arts-culture-entertainment-media"),
    ("media", "arts-culture-entertainment-media"),
    ("war", "conflict-war-peace"),
    ("conflict", "conflict-war-peace"),
    ("crime", "crime-law-justice"),
    ("law", "crime-law-justice"),
    ("justice", "crime-law-justice"),
    ("disaster", "disaster-accident-emergency"),
    ("disasters", "disaster-accident-emergency"),
    ("accidents", "disaster-accident-emergency"),
    ("science", "science-technology"),
    ("technology", "science-technology"),
    ("tech", "science-technology"),
    ("labor", "labour"),
    ("lifestyle", "lifestyle-leisure"),
    ("leisure", "lifestyle-leisure"),
];

/// Every topic path below `/topic`: the subjects, then `subject/theme` for each theme.
pub fn topic_paths() -> Vec<String> {
    TOP_LEVEL.iter().map(|(s, _)| s.to_string()).chain(THEMES.iter().map(|(p, t, _)| format!("{p}/{t}"))).collect()
}

/// The topic path (below `/topic`) a user's value names: a path (`politics/migration`, with or
/// without `/topic/`), a subject or theme by its last part (`migration`, `energy`), or an
/// everyday name (`sports` → `sport`). `None` when it names none.
pub fn resolve_topic(value: &str) -> Option<String> {
    let v = value.trim().trim_start_matches('/').trim_start_matches("topic/").trim_end_matches('/').to_lowercase();
    let v = v.replace([' ', '_'], "-");
    let paths = topic_paths();
    if paths.contains(&v) {
        return Some(v);
    }
    if let Some((_, subject)) = SUBJECT_ALIASES.iter().find(|(alias, _)| *alias == v) {
        return Some(subject.to_string());
    }
    let by_last: Vec<&String> = paths.iter().filter(|p| p.rsplit('/').next() == Some(v.as_str())).collect();
    if let [one] = by_last.as_slice() {
        return Some(one.to_string());
    }
    // A subject by one of the words of its slug ("health", "environment" are slugs already).
    let by_word: Vec<&(&str, &str)> = TOP_LEVEL.iter().filter(|(s, _)| s.split('-').any(|w| w == v)).collect();
    match by_word.as_slice() {
        [one] => Some(one.0.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn entries_match_at_word_starts() {
        let count = |text: &str, entry: &str| Lexicon::new(&[entry]).counts(&words(text))[0];
        assert_eq!(count("the deportees were deported", "deport"), 2);
        assert_eq!(count("rich soil", "oil"), 0);
        assert_eq!(count("the interest rates rose", "interest rate"), 1);
        assert_eq!(count("interest rates and interest rate cuts, interest", "interest rate"), 2);
        assert_eq!(count("a b c a b cd a b", "a b c"), 2);
        let found = LexiconCounts::of(&words("officials deported migrants after the asylum ruling")).themes();
        assert!(found.iter().any(|t| t.parent == "politics" && t.theme == "migration"), "{found:?}");
    }

    #[test]
    fn the_lexicon_counts_what_a_scan_of_every_window_counts() {
        let scan = |words: &[String], entry: &str| {
            let parts: Vec<&str> = entry.split(' ').collect();
            let (last, head) = parts.split_last().unwrap();
            words
                .windows(parts.len())
                .filter(|w| w[..head.len()].iter().zip(head).all(|(a, b)| a == b) && w[head.len()].starts_with(last))
                .count()
        };
        let texts = [
            "the central bank raised interest rates as oil prices rose and the oil minister resigned",
            "officials deported migrants after the asylum ruling while the world cup final drew fans",
            "interest interest rate interest rates rate the the the election election campaign vote",
        ];
        let entries = taxonomy_entries();
        let mut found = 0;
        for text in texts {
            let w = words(text);
            let counts = taxonomy_lexicon().counts(&w);
            for (e, n) in entries.iter().zip(&counts) {
                assert_eq!(*n, scan(&w, e), "{e:?} in {text:?}");
                found += n;
            }
            let subjects = subject_words(&w);
            for ((slug, n), (_, list)) in subjects.iter().zip(SUBJECT_WORDS) {
                let scanned = list.iter().filter(|e| w.iter().any(|x| x.starts_with(*e))).count();
                assert_eq!(*n, scanned, "{slug} in {text:?}");
            }
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn query_words_name_themes() {
        assert_eq!(query_themes(&words("bukele deportees")), ["/topic/politics/migration"]);
        assert!(query_themes(&words("grain")).contains(&"/topic/economy-business-finance/commodities".to_string()));
        assert!(query_themes(&words("the of")).is_empty());
    }
}

#[cfg(test)]
mod resolve_tests {
    use super::*;

    #[test]
    fn topics_resolve_by_path_last_part_and_everyday_name() {
        assert_eq!(resolve_topic("sports").as_deref(), Some("sport"));
        assert_eq!(resolve_topic("energy").as_deref(), Some("economy-business-finance/energy"));
        assert_eq!(resolve_topic("/topic/politics/migration").as_deref(), Some("politics/migration"));
        assert_eq!(resolve_topic("Politics").as_deref(), Some("politics"));
        assert_eq!(resolve_topic("courts").as_deref(), Some("crime-law-justice/courts"));
        assert_eq!(resolve_topic("crime").as_deref(), Some("crime-law-justice"));
        assert_eq!(resolve_topic("knitting"), None);
    }
}
