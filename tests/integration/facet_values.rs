//! Facet values people can trust: the examples the facet-quality issue listed, each checked
//! through the library (the tagger as shipped) or the real binary.

use crate::util::Env;
use newsdex::analyze::entities::article_entities::{extract, ArticleEntities};
use newsdex::analyze::entities::Tagger;
use newsdex::ingest::Article;

fn entities(title: &str, body: &str, source: Option<&str>, author: Option<&str>) -> ArticleEntities {
    let article = Article {
        title: title.into(),
        body: body.into(),
        source: source.map(String::from),
        author: author.map(String::from),
        ..Article::default()
    };
    extract(Tagger::builtin().expect("the built-in model"), &article)
}

fn names(list: &[newsdex::analyze::entities::article_entities::EntityRef]) -> Vec<String> {
    list.iter().map(|e| e.name.clone()).collect()
}

#[test]
fn credit_lines_datelines_and_the_agency_are_not_people_or_organisations() {
    let e = entities(
        "Exxon Mobil offers plan to end Alaska dispute",
        "ANCHORAGE, Alaska (Reuters) - Exxon Mobil ( XOM.N ) offered to pay a fine and give up some \
         leases, according to a letter made public on Friday by Governor Sarah Palin's office.\n\n\
         \"We believe this approach is in the best interest of the state,\" wrote Richard Owen of \
         Exxon Mobil, according to Reuters Estimates.\n\n\
         (Reporting by Yereth Rosen; Editing by Tim Dobbyn)",
        Some("Reuters"),
        Some("Yereth Rosen"),
    );
    let (people, orgs) = (names(&e.people), names(&e.orgs));
    for credit in ["Yereth Rosen", "Tim Dobbyn"] {
        assert!(!people.contains(&credit.to_string()), "{credit} is staff: {people:?}");
    }
    assert!(people.contains(&"Richard Owen".to_string()), "{people:?}");
    assert!(orgs.iter().all(|o| !o.contains("Reuters") && o != "ANCHORAGE"), "{orgs:?}");
    assert!(orgs.contains(&"Exxon Mobil".to_string()) && !people.contains(&"Exxon Mobil".to_string()), "{e:?}");
}

#[test]
fn a_dateline_read_as_an_organisation_does_not_make_the_city_one_later_in_the_story() {
    // The tagger keeps a word's reading across a document: it read "NEW YORK (Reuters)" as an
    // organisation, and the city named later with it.
    let e = entities(
        "Web company may face hedge fund pressure",
        "NEW YORK  (Reuters) - Acme Inc ( ACME.O ), whose shares fell as much as 20 percent on Monday \
         after Globex Corp ( GLBX.O ) dropped its $4 billion bid for the web company, is likely to face \
         pressure from activist hedge funds.\n\n\
         A person close to the investor said he was weighing his options. But experts said the \
         billionaire New York financier could be in a strong position to demand a new deal.\n",
        Some("Reuters"),
        None,
    );
    let orgs = names(&e.orgs);
    assert!(!orgs.iter().any(|o| o.eq_ignore_ascii_case("new york")), "{orgs:?}");
    assert!(orgs.contains(&"Acme".to_string()) && orgs.contains(&"Globex".to_string()), "{orgs:?}");
}

#[test]
fn wire_sign_offs_tickers_and_institution_aliases() {
    let e = entities(
        "Fed watchers see steady rates",
        "WASHINGTON, March 3 - The Fed will hold rates steady, analysts said, after the Federal \
         Reserve Board met on Tuesday. Standard and Poor's Corp said it kept its rating on Exxon \
         Corp <XON>, and Morgan Stanley and Co agreed.\n\n\
         Fri trading was light, traders at BA.N said.\n REUTER",
        None,
        None,
    );
    let (people, orgs) = (names(&e.people), names(&e.orgs));
    assert_eq!(orgs.iter().filter(|o| o.contains("Fed")).collect::<Vec<_>>(), ["Federal Reserve"], "{orgs:?}");
    assert!(orgs.contains(&"Standard & Poor's".to_string()), "{orgs:?}");
    for junk in ["REUTER", "Fri", "BA.N", "WASHINGTON", "Co", "Morgan Stanley and", "Exxon Corp <XON>"] {
        assert!(!people.contains(&junk.to_string()) && !orgs.contains(&junk.to_string()), "{junk}: {e:?}");
    }
    assert!(orgs.contains(&"Exxon".to_string()) && !people.iter().any(|p| p.contains("Exxon")), "{e:?}");
}

#[test]
fn an_outlet_credited_and_title_case_subheadings_are_not_people() {
    let prose = "The agreement lets El Salvador hold more than two hundred deportees in its prison.";
    let body = format!(
        "President Nayib Bukele announced the agreement on Sunday in San Salvador. {prose}\n\n\
         A Win for Trump\n\n{prose} Critics said the deal ignored the courts entirely.\n\n\
         Strategic Partnership\n\n{prose} Lawyers for Civil Rights filed a challenge.\n\n\
         This story was first published by The Harbor Ledger."
    );
    let e = entities("El Salvador agrees to hold deportees", &body, Some("Bay Courier"), None);
    let all: Vec<String> = names(&e.people).into_iter().chain(names(&e.orgs)).collect();
    for junk in ["Harbor Ledger", "Strategic Partnership", "Win for Trump", "A Win for Trump", "Trump"] {
        assert!(!all.contains(&junk.to_string()), "{junk}: {all:?}");
    }
    assert!(names(&e.people).contains(&"Nayib Bukele".to_string()), "{all:?}");
}

#[test]
fn a_surname_read_before_its_full_name_was_known_becomes_the_full_name() {
    let env = Env::new();
    // Batches of one, oldest first: the first article is written before the corpus knows
    // who "Reagan" is.
    env.write("desk/1.json", r#"{"title": "Tariff vote", "date": "1987-03-01", "body": "The Senate asked President Reagan to act against the corn tariff."}"#);
    env.write("desk/2.json", r#"{"title": "Budget talks", "date": "1987-03-02", "body": "President Ronald Reagan met congressional leaders on the budget."}"#);
    env.write("desk/3.json", r#"{"title": "Arms talks", "date": "1987-03-03", "body": "President Ronald Reagan said arms talks would resume in Geneva."}"#);
    let s = env.index("desk", &["--batch", "1"]);
    assert!(s["names_updated"].as_u64().unwrap_or(0) >= 1, "{s}");
    let f = env.json(&["facets", "--field", "person", "--json"]);
    let people: Vec<(String, u64)> = f["facets"]["person"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_string(), v["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(people, [("Ronald Reagan".to_string(), 3)], "{f}");
    assert!(env.ok(&["check"]).contains("sound"));
}

#[test]
fn brokerage_partnerships_are_organisations_and_units_titles_nationalities_are_no_one() {
    // Wire copy of the kind Reuters-21578 is made of: the people facet listed the brokers as
    // people, and "N.Z. Dlrs", "Kuwaiti", "U.K. Chancellor" as names.
    let e = entities(
        "Brokers raise forecasts",
        "NEW YORK, March 3 - Analysts at Smith Barney, Harris Upham and Co and at Kidder, Peabody \
         and Co said the issue would be priced at 98.50 N.Z. Dlrs. The Kuwaiti delegate and the \
         U.K. Chancellor Nigel Lawson met in London. James Capel and Co expects a rise in profits, \
         said Paul Volcker.",
        None,
        None,
    );
    let (people, orgs) = (names(&e.people), names(&e.orgs));
    for firm in ["Smith Barney", "Harris Upham", "Kidder", "James Capel"] {
        assert!(!people.iter().any(|p| p.contains(firm)), "{firm} is a firm: {people:?}");
    }
    // Tagged a person, read as the firm it names.
    assert!(orgs.iter().any(|o| o.contains("Harris Upham")), "{orgs:?}");
    for junk in ["N.Z. Dlrs", "Kuwaiti", "U.K. Chancellor", "Co"] {
        assert!(
            !people.contains(&junk.to_string()) && !orgs.contains(&junk.to_string()),
            "{junk}: {people:?} {orgs:?}"
        );
    }
    for person in ["Nigel Lawson", "Paul Volcker"] {
        assert!(people.contains(&person.to_string()), "{person}: {people:?}");
    }
}

#[test]
fn a_lake_is_no_one() {
    // Reuters-21578's people facet listed "Lake Ontario" (27 articles).
    let e =
        entities("Ships sail again", "Ships left Lake Ontario. Ontario officials said the river was high.", None, None);
    let people = names(&e.people);
    assert!(!people.iter().any(|p| p.contains("Ontario")), "{people:?}");
}
