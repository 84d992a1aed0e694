//! The built-in table's sources and coverage, `frner kb check`, and linking of the entities
//! modern French news names most (issue 13).

use std::path::PathBuf;

mod common;

use common::{linker, links};
use frner::link::{check_builtin_kb, check_kb, check_kb_extension, KnowledgeBase, Linker};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// (row id, QID) of each mention, None for NIL.
#[test]
fn builtin_table_passes_the_strict_check_and_reports_coverage_by_type() {
    let report = check_builtin_kb().expect("no duplicate QIDs, no collisions");
    assert!(report.rows >= 2500, "{report}");
    for etype in ["LOC", "ORG", "PER"] {
        assert!(report.coverage_by_type.contains_key(etype), "{report}");
    }
    let loc = &report.coverage_by_type["LOC"];
    assert!(loc.with_wikidata * 10 >= loc.rows * 8, "{report}");
    let text = report.to_string();
    assert!(text.contains("French metropolitan department"), "{text}");
    assert!(text.contains("with a Wikidata id"), "{text}");
}

#[test]
fn kb_check_fails_on_duplicate_qids_but_loading_only_warns() {
    let err = check_kb(&fixture("kb_duplicate_qid.tsv")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("Q10") && msg.contains("kb_duplicate_qid.tsv:3"),
        "{msg}"
    );
    let kb = KnowledgeBase::from_path(&fixture("kb_duplicate_qid.tsv")).expect("loads");
    assert_eq!(kb.warning_count(), 1);
}

#[test]
fn kb_check_fails_on_malformed_row_ids_and_qids() {
    let err = check_kb(&fixture("kb_bad_id.tsv")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("kb_bad_id.tsv:3") && msg.contains("malformed id"),
        "{msg}"
    );
    let err = check_kb(&fixture("kb_bad_qid.tsv")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("kb_bad_qid.tsv:3") && msg.contains("Q011"),
        "{msg}"
    );
}

#[test]
fn kb_check_extend_fails_when_a_new_row_takes_an_alias_over() {
    let err = check_kb_extension(&fixture("kb_takeover.tsv")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("my-paris") && msg.contains("take over row `paris`"),
        "{msg}"
    );
    // A homonym marked `?` with a lower priority and its own context is accepted.
    let report = check_kb_extension(&fixture("kb_homonym_ok.tsv")).expect("accepted");
    assert!(report.rows > 2500);
}

#[test]
fn paris_the_city_wins_and_an_unresolved_homonym_stays_nil() {
    let mut kb = KnowledgeBase::builtin().expect("built-in");
    kb.extend(KnowledgeBase::from_path(&fixture("kb_homonym_ok.tsv")).expect("load"))
        .expect("extend");
    let linker = Linker::new(kb);
    let paris = links(&linker, "Paris a voté.", &[("Paris", "LOC")]);
    assert_eq!(paris[0], Some(("paris".into(), "Q90".into())));
    let texas = links(
        &linker,
        "Au Texas, Paris a voté.",
        &[("Texas", "LOC"), ("Paris", "LOC")],
    );
    assert_eq!(texas[1].as_ref().map(|l| l.0.as_str()), Some("paris-texas"));
    // A person named Paris is never the city.
    let hilton = links(&linker, "Paris Hilton chante.", &[("Paris Hilton", "PER")]);
    assert_eq!(hilton[0], None);
    let short = links(&linker, "Paris chante.", &[("Paris", "PER")]);
    assert_eq!(short[0], None);
}

#[test]
fn ambiguous_generated_places_need_their_country_in_the_document() {
    // Small foreign cities are linked only when their country is linked in the document;
    // two homonyms with no context stay NIL.
    let linker = linker();
    let kb = linker.knowledge_base();
    let context_only: Vec<&str> = kb
        .rows()
        .iter()
        .filter(|r| {
            r.description.starts_with("city of") && r.aliases.iter().all(|a| a.needs_context)
        })
        .map(|r| r.name.as_str())
        .take(1)
        .collect();
    assert!(
        !context_only.is_empty(),
        "the table has context-only cities"
    );
    let name = context_only[0];
    let text = format!("{name} a été touchée.");
    let alone = links(&linker, &text, &[(name, "LOC")]);
    assert_eq!(alone[0], None, "{name} alone");
}

/// The QID (or "") that `surface` links to in a neutral sentence; panics when it stays NIL.
fn linked_qid(linker: &Linker, surface: &str, label: &str) -> String {
    let text = format!("Selon le communiqué, {surface} est concerné.");
    let found = links(linker, &text, &[(surface, label)]);
    let (_, qid) = found[0]
        .clone()
        .unwrap_or_else(|| panic!("{surface} did not link"));
    qid
}

#[test]
fn entities_french_news_names_most_link_with_their_wikidata_id() {
    let linker = linker();
    let cases = [
        ("Bretagne", "LOC", "Q12130"),
        ("Occitanie", "LOC", ""),
        ("Provence-Alpes-Côte d’Azur", "LOC", ""),
        ("Pays de la Loire", "LOC", ""),
        ("Auvergne-Rhône-Alpes", "LOC", "Q18338206"),
        ("Aude", "LOC", "Q3207"),
        ("Alpes-Maritimes", "LOC", "Q3139"),
        ("Seine-Saint-Denis", "LOC", ""),
        ("Nantes", "LOC", "Q12191"),
        ("Cannes", "LOC", "Q39984"),
        ("Dakar", "LOC", "Q3718"),
        ("Palo Alto", "LOC", "Q47265"),
        ("Insee", "ORG", "Q156616"),
        ("Banque de France", "ORG", "Q806950"),
        ("CNRS", "ORG", "Q280413"),
        ("AFP", "ORG", "Q40464"),
        ("PSG", "ORG", "Q483020"),
        ("Bernard Arnault", "PER", "Q32055"),
        ("Kylian Mbappé", "PER", "Q21621995"),
        ("Cate Blanchett", "PER", "Q80966"),
        ("Robert De Niro", "PER", "Q36949"),
    ];
    for (surface, label, qid) in cases {
        let got = linked_qid(&linker, surface, label);
        if !qid.is_empty() {
            assert_eq!(got, qid, "{surface}");
        } else {
            assert!(got.starts_with('Q'), "{surface} linked without a QID");
        }
    }
    for (surface, label) in [("Météo-France", "ORG"), ("Rennes", "LOC")] {
        let text = format!("Selon le communiqué, {surface} est concerné.");
        assert!(
            links(&linker, &text, &[(surface, label)])[0].is_some(),
            "{surface} has a row"
        );
    }
    // The old wrong id of SNCF is gone.
    let sncf = links(&linker, "La SNCF recrute.", &[("SNCF", "ORG")]);
    assert_ne!(sncf[0].as_ref().map(|l| l.1.as_str()), Some("Q13287"));
}

#[test]
fn big_cities_and_international_bodies_take_their_source_ids() {
    let linker = linker();
    // Cities of countries the Countries States Cities snapshot lacks: the Wikidata query
    // export's item for the row's English name (wikidata-cities.tsv).
    // International bodies and parties: confirmed.tsv; the Swiss Federal Council: the HIPE
    // gold outside the dev set (hipe-links.tsv).
    let cases = [
        ("Rome", "LOC", "Q220"),
        ("Madrid", "LOC", "Q2807"),
        ("New York", "LOC", "Q60"),
        ("Munich", "LOC", "Q1726"),
        ("Washington", "LOC", "Q61"),
        ("Los Angeles", "LOC", "Q65"),
        ("OCDE", "ORG", "Q41550"),
        (
            "Agence internationale de l'énergie atomique",
            "ORG",
            "Q41984",
        ),
        ("Bundestag", "ORG", "Q154797"),
        ("Réserve fédérale", "ORG", "Q53536"),
        ("Conseil fédéral", "ORG", "Q30917"),
        ("Reconquête", "ORG", "Q109932430"),
    ];
    for (surface, label, qid) in cases {
        assert_eq!(linked_qid(&linker, surface, label), qid, "{surface}");
    }
    // Washington was once given the District of Columbia's id ("capital of the United
    // States" read as a state), Los Angeles that of Ondjiva, Angola (native name "Lá" read as
    // "L.A."). Napoléon keeps no id: alone, the name is as often Napoleon III.
    let napoleon = links(&linker, "Napoléon a parlé.", &[("Napoléon", "PER")]);
    assert_eq!(napoleon[0].as_ref().map(|l| l.1.as_str()), Some(""));
}

#[test]
fn typographic_and_straight_apostrophes_link_alike() {
    let linker = linker();
    for (typographic, straight) in [
        ("Provence-Alpes-Côte d’Azur", "Provence-Alpes-Côte d'Azur"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("département de l’Aude", "département de l'Aude"),
    ] {
        let a = links(&linker, &format!("{typographic}."), &[(typographic, "LOC")]);
        let b = links(&linker, &format!("{straight}."), &[(straight, "LOC")]);
        assert!(a[0].is_some(), "{typographic}");
        assert_eq!(a, b, "{typographic} vs {straight}");
    }
}

#[test]
fn a_surname_typed_as_a_place_follows_the_person_named_earlier() {
    let linker = linker();
    let found = links(
        &linker,
        "Vladimir Poutine a parlé. Poutine a menacé Kiev.",
        &[
            ("Vladimir Poutine", "PER"),
            ("Poutine", "LOC"),
            ("Kiev", "LOC"),
        ],
    );
    assert_eq!(found[0], found[1]);
    assert!(found[0].is_some());
    // Without the full name earlier, the mis-typed surname stays NIL.
    let alone = links(&linker, "Poutine a menacé.", &[("Poutine", "LOC")]);
    assert_eq!(alone[0], None);
}

#[test]
fn results_tables_expand_country_initials_but_running_text_does_not() {
    let linker = linker();
    let table = links(
        &linker,
        "1. Olano (Esp) 2. Jalabert (Fr) 3. Pantani (It) 4. Armstrong (EU)",
        &[("Esp", "LOC"), ("Fr", "LOC"), ("It", "LOC"), ("EU", "LOC")],
    );
    assert_eq!(table[3].as_ref().map(|l| l.1.as_str()), Some("Q30"));
    let prose = links(&linker, "Les EU ont voté.", &[("EU", "LOC")]);
    assert_eq!(prose[0], None);
}

#[test]
fn a_misspelt_mention_keeps_its_descriptor_when_matching() {
    let linker = linker();
    let canton = links(
        &linker,
        "Le canton de Neuohâtel a voté.",
        &[("canton de Neuohâtel", "LOC")],
    );
    assert_eq!(canton[0].as_ref().map(|l| l.1.as_str()), Some("Q12738"));
}

#[test]
fn officeholders_from_wikidata_query_results_link_by_full_name_only() {
    let linker = linker();
    // Ids from data/kb-sources/people.tsv (EveryPolitician's Wikidata query results): the
    // hand-written rows of Christine Lagarde and Michel Barnier took them (Barnier's id typed
    // earlier was another item), the president of the Sénat has a generated row.
    let text = "Christine Lagarde a reçu Michel Barnier et Gérard Larcher. Larcher a parlé.";
    let found = links(
        &linker,
        text,
        &[
            ("Christine Lagarde", "PER"),
            ("Michel Barnier", "PER"),
            ("Gérard Larcher", "PER"),
            ("Larcher", "PER"),
        ],
    );
    let qids: Vec<&str> = found
        .iter()
        .map(|l| l.as_ref().map_or("NIL", |l| l.1.as_str()))
        .collect();
    assert_eq!(qids, ["Q484605", "Q438465", "Q784021", "Q784021"]);
    // A surname alone, with no full mention before it, is not guessed.
    let alone = links(&linker, "Larcher a parlé.", &[("Larcher", "PER")]);
    assert_eq!(alone[0], None);
    // Two officeholders share the label "Philippe Meunier" in the source: no row, NIL.
    let homonym = links(
        &linker,
        "Philippe Meunier a voté.",
        &[("Philippe Meunier", "PER")],
    );
    assert_eq!(homonym[0], None);
}

#[test]
fn organisations_take_the_ids_their_sources_give() {
    let linker = linker();
    // Ids from data/kb-sources/nsi.tsv (the name-suggestion-index's Wikidata labels) and
    // confirmed.tsv: the SNCF row took the railway company's id through its full name (the
    // Q13287 typed once was wrong), Météo-France and RTE their own, the BCE and the OM theirs.
    let text = "La SNCF, Météo-France, RTE, la BCE et l'OM ont parlé.";
    let found = links(
        &linker,
        text,
        &[
            ("SNCF", "ORG"),
            ("Météo-France", "ORG"),
            ("RTE", "ORG"),
            ("BCE", "ORG"),
            ("OM", "ORG"),
        ],
    );
    let qids: Vec<&str> = found
        .iter()
        .map(|l| l.as_ref().map_or("NIL", |l| l.1.as_str()))
        .collect();
    assert_eq!(qids, ["Q13646", "Q1810406", "Q2178795", "Q8901", "Q132885"]);
    // "Orange" the telecom operator, not the Bulgarian bookshops of the same label; "G20" is
    // the Group of Twenty of confirmed.tsv, never the NSI's only "G20", a convenience-store
    // chain.
    let found = links(
        &linker,
        "Orange et le G20.",
        &[("Orange", "ORG"), ("G20", "ORG")],
    );
    assert_eq!(found[0].as_ref().map(|l| l.1.as_str()), Some("Q1431486"));
    assert_eq!(found[1].as_ref().map(|l| l.1.as_str()), Some("Q19771"));
}

#[test]
fn span_gold_reports_the_share_of_qid_mentions_linked_right_and_wrong() {
    let dir = std::env::temp_dir().join(format!("frner-link-gold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("gold.jsonl");
    // Paris (right), Londres with an id that is not London's (a wrong link), an unknown
    // person (NIL), and a mention without a qid (context only, not scored).
    let text = "Paris, Londres et Jean Inconnu à Lyon.";
    let line = format!(
        r#"{{"id":"d","text":"{text}","entities":[{{"start":0,"end":5,"label":"LOC","qid":"Q90"}},{{"start":7,"end":14,"label":"LOC","qid":"Q1"}},{{"start":18,"end":30,"label":"PER","qid":"Q2"}},{{"start":33,"end":37,"label":"LOC"}}]}}"#
    );
    std::fs::write(&path, format!("{line}\n")).expect("write gold");
    let gold = frner::gold::read_jsonl(&path).expect("gold parses");
    std::fs::remove_dir_all(&dir).ok();
    let report = frner::link::eval_span_linking(&gold, &linker());
    assert_eq!(report.gold_with_qid, 3, "{report}");
    assert_eq!(report.correct_with_qid, 1, "{report}");
    assert_eq!(report.wrong_with_qid, 1, "{report}");
    assert!(
        (report.accuracy_with_qid - 1.0 / 3.0).abs() < 1e-9,
        "{report}"
    );
    assert!(
        (report.wrong_rate_with_qid - 1.0 / 3.0).abs() < 1e-9,
        "{report}"
    );
    assert!(report
        .to_string()
        .contains("QID mentions linked right: 1/3"));
}
