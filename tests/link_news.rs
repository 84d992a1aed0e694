//! Linking on modern French news-like text: every table entity links, short forms follow
//! their full names, NIL mentions cluster, types and ambiguity rules hold.

mod common;

use common::{doc, linker};
use frner::document::Document;
use frner::link::{KnowledgeBase, Linker};

fn link_ids(linker: &Linker, document: &mut Document) -> Vec<Option<String>> {
    linker.link_document(document);
    document
        .entities
        .iter()
        .map(|e| e.link.row().cloned().map(|l| l.id))
        .collect()
}

#[test]
fn news_article_links_every_known_entity_and_short_form() {
    let text = "Le président Emmanuel Macron a reçu mardi à l'Élysée Volodymyr Zelensky. \
        Les deux dirigeants ont évoqué l'aide de l'Union européenne et de l'OTAN à l'Ukraine. \
        À Moscou, le Kremlin a dénoncé une provocation ; Vladimir Poutine a reçu Xi Jinping. \
        Zelensky doit ensuite se rendre à Bruxelles puis à Washington, où Donald Trump \
        l'attend. Selon l'AFP, Macron a appelé Kim Jong Un à respecter les résolutions de \
        l'ONU ; la Corée du Nord n'a pas répondu. Poutine a fustigé la Maison-Blanche et \
        le Pentagone. Marine Le Pen et Jean-Luc Mélenchon ont critiqué la Russie. \
        L'Allemagne d'Olaf Scholz et la Fédération de Russie divergent, Pékin se tait.";
    let mentions = [
        ("Emmanuel Macron", "PER"),
        ("Élysée", "ORG"),
        ("Volodymyr Zelensky", "PER"),
        ("Union européenne", "ORG"),
        ("OTAN", "ORG"),
        ("Ukraine", "LOC"),
        ("Moscou", "LOC"),
        ("Kremlin", "ORG"),
        ("Vladimir Poutine", "PER"),
        ("Xi Jinping", "PER"),
        ("Zelensky", "PER"),
        ("Bruxelles", "LOC"),
        ("Washington", "LOC"),
        ("Donald Trump", "PER"),
        ("AFP", "ORG"),
        ("Macron", "PER"),
        ("Kim Jong Un", "PER"),
        ("ONU", "ORG"),
        ("Corée du Nord", "LOC"),
        ("Poutine", "PER"),
        ("Maison-Blanche", "ORG"),
        ("Pentagone", "ORG"),
        ("Marine Le Pen", "PER"),
        ("Jean-Luc Mélenchon", "PER"),
        ("Russie", "LOC"),
        ("Allemagne", "LOC"),
        ("Olaf Scholz", "PER"),
        ("Fédération de Russie", "LOC"),
        ("Pékin", "ORG"),
    ];
    let expected = [
        "emmanuel-macron",
        "elysee",
        "volodymyr-zelensky",
        "ue",
        "otan",
        "ukraine",
        "moscou",
        "kremlin",
        "vladimir-poutine",
        "xi-jinping",
        "volodymyr-zelensky",
        "bruxelles",
        "washington",
        "donald-trump",
        "afp",
        "emmanuel-macron",
        "kim-jong-un",
        "onu",
        "coree-du-nord",
        "vladimir-poutine",
        "maison-blanche",
        "pentagone",
        "marine-le-pen",
        "jean-luc-melenchon",
        "russie",
        "allemagne",
        "olaf-scholz",
        "russie",
        "pekin",
    ];
    let linker = linker();
    let mut document = doc(text, &mentions);
    let got = link_ids(&linker, &mut document);
    for ((surface, _), (got, want)) in mentions.iter().zip(got.iter().zip(expected)) {
        assert_eq!(got.as_deref(), Some(want), "{surface}");
    }
    let putin = document.entities[8]
        .link
        .row()
        .cloned()
        .expect("Poutine linked");
    assert_eq!(putin.wikidata.as_deref(), Some("Q7747"));
    assert!(putin.score > 0.9 && putin.score <= 1.0);
}

#[test]
fn unknown_people_share_a_nil_cluster_with_their_short_form() {
    let text = "Jeanne Martin-Dubois, maire de Trifouilly, a rencontré Paul Lefèvre. \
        Martin-Dubois a ensuite salué Lefèvre.";
    let mentions = [
        ("Jeanne Martin-Dubois", "PER"),
        ("Trifouilly", "LOC"),
        ("Paul Lefèvre", "PER"),
        ("Martin-Dubois", "PER"),
        ("Lefèvre", "PER"),
    ];
    let mut document = doc(text, &mentions);
    let ids = link_ids(&linker(), &mut document);
    assert!(ids.iter().all(Option::is_none), "{ids:?}");
    let clusters: Vec<Option<u32>> = document.entities.iter().map(|e| e.nil_cluster).collect();
    assert_eq!(clusters[0], clusters[3]);
    assert_eq!(clusters[2], clusters[4]);
    assert_ne!(clusters[0], clusters[2]);
    assert!(clusters.iter().all(Option::is_some));
    let json = serde_json::to_string(&document.entities[0]).expect("serialize");
    assert!(
        json.contains("\"link\":null") && json.contains("\"nil_cluster\":0"),
        "{json}"
    );
}

#[test]
fn short_form_follows_the_person_named_earlier_not_the_table_default() {
    // "Clinton" alone is Bill Clinton in the table (priority), but here Hillary came first.
    let text = "Hillary Clinton a rencontré Joe Biden. Clinton a ensuite quitté Washington.";
    let mentions = [
        ("Hillary Clinton", "PER"),
        ("Joe Biden", "PER"),
        ("Clinton", "PER"),
        ("Washington", "LOC"),
    ];
    let ids = link_ids(&linker(), &mut doc(text, &mentions));
    assert_eq!(ids[2].as_deref(), Some("hillary-clinton"));
    let alone = link_ids(
        &linker(),
        &mut doc("Clinton a parlé.", &[("Clinton", "PER")]),
    );
    assert_eq!(alone[0].as_deref(), Some("bill-clinton"));
}

#[test]
fn person_mentions_never_link_to_places_and_metonyms_are_typed() {
    let linker = linker();
    // "Washington" as a person is George Washington, as an organisation the US government
    // (the city, declared metonym ORG), as a place the city.
    let text = "Washington a dit que Washington enverrait des troupes à Washington.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("Washington", "PER"),
                ("Washington", "ORG"),
                ("Washington", "LOC"),
            ],
        ),
    );
    assert_eq!(
        ids,
        [
            Some("george-washington".into()),
            Some("washington".into()),
            Some("washington".into())
        ]
    );
    // No person row is called "Paris": a PER "Paris" stays NIL rather than becoming the city.
    let ids = link_ids(
        &linker,
        &mut doc(
            "Paris Hilton est arrivée. Paris a souri.",
            &[("Paris", "PER")],
        ),
    );
    assert_eq!(ids, [None]);
}

/// Links `mentions` of `text`, each (surface, model label, model score), and returns each
/// entity's label after linking with its row id.
fn labels_after_linking(
    text: &str,
    mentions: &[(&str, &str, f32)],
) -> Vec<(String, Option<String>)> {
    let pairs: Vec<(&str, &str)> = mentions.iter().map(|(s, l, _)| (*s, *l)).collect();
    let mut document = doc(text, &pairs);
    for (entity, (_, _, score)) in document.entities.iter_mut().zip(mentions) {
        entity.score = *score;
    }
    let ids = link_ids(&linker(), &mut document);
    document
        .entities
        .iter()
        .map(|e| e.label.clone())
        .zip(ids)
        .collect()
}

#[test]
fn unsure_names_the_table_knows_under_one_other_type_take_that_type() {
    let text = "Le Hezbollah a tiré depuis le Liban ; à Kinshasa, Matignon suit la crise.";
    let got = labels_after_linking(
        text,
        &[
            ("Hezbollah", "LOC", 0.6),
            ("Liban", "LOC", 0.99),
            ("Kinshasa", "PER", 0.59),
            ("Matignon", "PER", 0.75),
        ],
    );
    let want = [
        ("ORG", Some("hezbollah")),
        ("LOC", Some("liban")),
        ("LOC", Some("kinshasa")),
        ("ORG", Some("matignon")),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(l, id)| (l.to_string(), id.map(String::from)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn sure_ambiguous_or_lowercase_mentions_keep_the_models_type() {
    // Sure of its type, the model wins: Paris Hilton's short form stays a person, unlinked.
    let got = labels_after_linking(
        "Paris Hilton est arrivée. Paris a souri.",
        &[("Paris", "PER", 0.99)],
    );
    assert_eq!(got, [("PER".to_string(), None)]);
    // The same short form, unsure, becomes the city: the threshold is what protects it.
    let got = labels_after_linking(
        "Paris Hilton est arrivée. Paris a souri.",
        &[("Paris", "PER", 0.7)],
    );
    assert_eq!(got, [("LOC".to_string(), Some("paris".to_string()))]);
    // "Lens" is a commune (LOC) and, in football, the club (ORG): the table does not say
    // which, so an unsure PER keeps its type. A lowercase word is no name to retype.
    let got = labels_after_linking(
        "Lens a battu Metz ; le canton a voté.",
        &[("Lens", "PER", 0.5), ("canton", "ORG", 0.5)],
    );
    assert_eq!(got, [("PER".to_string(), None), ("ORG".to_string(), None)]);
}

#[test]
fn ambiguous_alias_is_decided_by_context_then_priority() {
    let linker = linker();
    // Géorgie: the country by priority, the US state when Atlanta or the US is in the document.
    let ids = link_ids(
        &linker,
        &mut doc("La Géorgie a voté.", &[("Géorgie", "LOC")]),
    );
    assert_eq!(ids[0].as_deref(), Some("georgie"));
    let text = "En Géorgie, à Atlanta, les électeurs des États-Unis ont voté.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("Géorgie", "LOC"),
                ("Atlanta", "LOC"),
                ("États-Unis", "LOC"),
            ],
        ),
    );
    assert_eq!(ids[0].as_deref(), Some("georgie-usa"));
    // "François" is the pope only when the document speaks of the pope or the Vatican.
    let ids = link_ids(
        &linker,
        &mut doc("François Dupont est boulanger.", &[("François", "PER")]),
    );
    assert_eq!(ids, [None]);
    let ids = link_ids(
        &linker,
        &mut doc(
            "Au Vatican, le pape François a prié.",
            &[("François", "PER")],
        ),
    );
    assert_eq!(ids[0].as_deref(), Some("pape-francois"));
}

#[test]
fn titles_descriptions_articles_and_spelling_variants() {
    let linker = linker();
    let cases = [
        ("M. le général de Gaulle", "PER", "charles-de-gaulle"),
        (
            "le président français Jacques Chirac",
            "PER",
            "jacques-chirac",
        ),
        ("l'Ukraine", "LOC", "ukraine"),
        ("la Russie", "LOC", "russie"),
        ("Kim Jong-un", "PER", "kim-jong-un"),
        ("O.N.U.", "ORG", "onu"),
        ("NATO", "ORG", "otan"),
        ("Nations unies", "ORG", "onu"),
        ("AIEA", "ORG", "aiea"),
        ("nord-coréens", "LOC", "coree-du-nord"),
        ("Zelenski", "PER", "volodymyr-zelensky"),
        ("Volodymir Zelensky", "PER", "volodymyr-zelensky"),
        ("Mélenchon", "PER", "jean-luc-melenchon"),
    ];
    for (text, label, want) in cases {
        let ids = link_ids(&linker, &mut doc(text, &[(text, label)]));
        assert_eq!(ids[0].as_deref(), Some(want), "{text}");
    }
}

#[test]
fn acronym_after_full_organisation_name_is_coreferent() {
    let text = "La Fédération nationale des jardiniers amateurs (FNJA) proteste ; la FNJA exige.";
    let mentions = [
        ("Fédération nationale des jardiniers amateurs", "ORG"),
        ("FNJA", "ORG"),
        ("FNJA", "ORG"),
    ];
    let mut document = doc(text, &mentions);
    linker().link_document(&mut document);
    let clusters: Vec<Option<u32>> = document.entities.iter().map(|e| e.nil_cluster).collect();
    assert_eq!(clusters, [Some(0), Some(0), Some(0)]);
}

#[test]
fn other_labels_are_left_untouched_and_linker_is_shareable() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Linker>();
    let text = "Paris compte 2 millions d'habitants.";
    let mut document = doc(text, &[("Paris", "LOC"), ("2 millions", "QUANTITY")]);
    linker().link_document(&mut document);
    assert!(
        document.entities[1].link.is_not_linked() && document.entities[1].nil_cluster.is_none()
    );
    assert!(document.entities[0].link.row().cloned().is_some());
}

#[test]
fn kb_files_are_checked_with_file_and_line_in_errors() {
    use std::path::{Path, PathBuf};
    let fixture = |name: &str| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    };
    let err = frner::link::check_kb(&fixture("kb_alias_collision.tsv")).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("kb_alias_collision.tsv:3") && msg.contains("\"Max\""),
        "{msg}"
    );
    let err = frner::link::check_kb(&fixture("kb_bad_type.tsv")).unwrap_err();
    assert!(format!("{err:#}").contains("kb_bad_type.tsv:3"), "{err:#}");
    let report = frner::link::check_kb(&fixture("kb_extension.tsv")).expect("valid");
    assert_eq!(report.rows, 2);
    assert!(report.to_string().contains("ORG: 1"));
    // Extending the built-in table makes the new rows linkable.
    let mut kb = KnowledgeBase::builtin().expect("built-in");
    let before = kb.len();
    kb.extend(KnowledgeBase::from_path(Path::new(&fixture("kb_extension.tsv"))).expect("load"))
        .expect("extend");
    assert_eq!(kb.len(), before + 2);
    let linker = Linker::new(kb);
    let ids = link_ids(
        &linker,
        &mut doc("À Trifouilly-les-Oies.", &[("Trifouilly-les-Oies", "LOC")]),
    );
    assert_eq!(ids[0].as_deref(), Some("trifouilly"));
}

/// Two-letter uppercase aliases need an uppercase mention: "La" (a tagging slip on the
/// article) is not Los Angeles, "L.A." and "LA" are; "Ps" is not the Parti socialiste.
#[test]
fn two_letter_acronyms_match_only_uppercase_mentions() {
    let linker = linker();
    for (text, label, want) in [
        ("La", "LOC", None),
        ("L.A.", "LOC", Some("los-angeles")),
        ("LA", "LOC", Some("los-angeles")),
        ("Ps", "ORG", None),
        ("PS", "ORG", Some("parti-socialiste")),
        ("UE", "ORG", Some("ue")),
    ] {
        let ids = link_ids(&linker, &mut doc(text, &[(text, label)]));
        assert_eq!(ids[0].as_deref(), want, "{text}");
    }
}

/// A results table abbreviates countries ("Olano (Esp)"): with enough such mentions in the
/// document, an abbreviation shared by no other country links to it; "Be" (Belgique,
/// Bénin, Belize...) stays NIL. A lone "Fr" in running text is not a results table.
#[test]
fn results_table_abbreviations_link_to_the_only_matching_country() {
    let linker = linker();
    let text =
        "Classement : 1. Olano (Esp) ; 2. Jalabert (Fr) ; 3. Pantani (It) ; 4. Museeuw (Be).";
    let mentions = [
        ("Olano", "PER"),
        ("Esp", "LOC"),
        ("Jalabert", "PER"),
        ("Fr", "LOC"),
        ("Pantani", "PER"),
        ("It", "LOC"),
        ("Museeuw", "PER"),
        ("Be", "LOC"),
    ];
    let ids = link_ids(&linker, &mut doc(text, &mentions));
    let places: Vec<Option<&str>> = ids
        .iter()
        .skip(1)
        .step_by(2)
        .map(|x| x.as_deref())
        .collect();
    assert_eq!(
        places,
        [Some("espagne"), Some("france"), Some("italie"), None]
    );

    let text = "Le cycliste Jalabert (Fr) a gagné.";
    let ids = link_ids(
        &linker,
        &mut doc(text, &[("Jalabert", "PER"), ("Fr", "LOC")]),
    );
    assert_eq!(ids[1], None);
}

/// Early printed French uses the long s (ſ), which OCR reads as f: "Ruffie" is Russie,
/// "Afie" is Asie; names with a real f are untouched ("Afrique").
#[test]
fn long_s_read_as_f_by_ocr_is_recovered() {
    let linker = linker();
    for (text, want) in [
        ("Ruffie", "russie"),
        ("Afie", "asie"),
        ("Afrique", "afrique"),
    ] {
        let ids = link_ids(&linker, &mut doc(text, &[(text, "LOC")]));
        assert_eq!(ids[0].as_deref(), Some(want), "{text}");
    }
}

/// Sports copy names clubs by their city. An ORG "Lyon" is the football club only where the
/// document speaks of football, the rugby club where it speaks of rugby; elsewhere, and in a
/// handball report that shares football's competition names, it is not a club.
#[test]
fn clubs_named_by_their_city_link_only_in_their_sport() {
    let linker = linker();
    let football = "FOOTBALL – Lyon a battu Marseille en Ligue 1 ; Lens a concédé le nul à Lyon.";
    let ids = link_ids(
        &linker,
        &mut doc(
            football,
            &[
                ("Lyon", "ORG"),
                ("Marseille", "ORG"),
                ("Lens", "ORG"),
                ("Lyon", "LOC"),
            ],
        ),
    );
    assert_eq!(
        ids,
        [Some("ol"), Some("om"), Some("rc-lens"), Some("lyon")].map(|s| s.map(String::from))
    );

    let rugby = "RUGBY – Lyon a battu Toulouse en Top 14.";
    let ids = link_ids(
        &linker,
        &mut doc(rugby, &[("Lyon", "ORG"), ("Toulouse", "ORG")]),
    );
    assert_eq!(
        ids,
        [Some("lou-rugby"), Some("stade-toulousain")].map(|s| s.map(String::from))
    );

    for text in [
        "Le conseil municipal : Lyon a voté contre Marseille.",
        "HANDBALL – En Ligue des champions, Lyon a battu Marseille, le PSG a gagné.",
    ] {
        let ids = link_ids(
            &linker,
            &mut doc(text, &[("Lyon", "ORG"), ("Marseille", "ORG")]),
        );
        assert!(
            !ids.iter()
                .any(|id| matches!(id.as_deref(), Some("ol" | "om" | "lou-rugby"))),
            "{text}: {ids:?}"
        );
    }
}

/// Acronyms of the research and public bodies the table takes from ROR link only where the
/// document also names the body in full: alone, "IGN" is as often the video-game site.
#[test]
fn registry_acronyms_link_only_after_the_full_name() {
    let linker = linker();
    let text = "L'Office français de la biodiversité (OFB) a porté plainte ; selon l'OFB, le site est pollué.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("Office français de la biodiversité", "ORG"),
                ("OFB", "ORG"),
                ("OFB", "ORG"),
            ],
        ),
    );
    let ofb = Some("office-francais-de-la-biodiversite".to_string());
    assert_eq!(ids, [ofb.clone(), ofb.clone(), ofb]);

    let text = "Lors d'une interview avec IGN, le réalisateur a parlé du jeu.";
    let ids = link_ids(&linker, &mut doc(text, &[("IGN", "ORG")]));
    assert_eq!(ids, [None]);
}

/// Results lists name countries by their three-letter codes, ISO ("FRA", "NOR") or Olympic
/// ("SUI", "DEN"); they link where the document reads like results, and nowhere else.
#[test]
fn results_list_country_codes_link_only_in_results() {
    let linker = linker();
    let text = "Classement du slalom : 1. Clément Noël (FRA) ; 2. Loïc Meillard (SUI) ; \
        3. Henrik Kristoffersen (NOR) ; 4. Albert Popov (BUL) ; 5. Jonas Vingegaard (DEN).";
    let mentions = [
        ("Clément Noël", "PER"),
        ("FRA", "LOC"),
        ("Loïc Meillard", "PER"),
        ("SUI", "LOC"),
        ("Henrik Kristoffersen", "PER"),
        ("NOR", "LOC"),
        ("Albert Popov", "PER"),
        ("BUL", "LOC"),
        ("Jonas Vingegaard", "PER"),
        ("DEN", "LOC"),
    ];
    let ids = link_ids(&linker, &mut doc(text, &mentions));
    let places: Vec<Option<&str>> = ids
        .iter()
        .skip(1)
        .step_by(2)
        .map(|x| x.as_deref())
        .collect();
    assert_eq!(
        places,
        [
            Some("france"),
            Some("suisse"),
            Some("norvege"),
            Some("bulgarie"),
            Some("danemark")
        ]
    );

    let text = "Le rapport cite FRA et NOR parmi les sigles du ministère.";
    let ids = link_ids(&linker, &mut doc(text, &[("FRA", "LOC"), ("NOR", "LOC")]));
    assert_eq!(ids, [None, None]);
}

/// A text, its (surface, label) mentions, and the row each should link to.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [Option<&'a str>]);

/// Large cities of the countries whose cities came late to the table: a name no person
/// bears links alone ("Düsseldorf"); "Houston", a surname too, links beside its state or
/// country; "St. Petersburg" in Florida is not Saint-Pétersbourg.
#[test]
fn large_foreign_cities_link_alone_or_beside_their_state() {
    let linker = linker();
    let cases: [Case; 4] = [
        (
            "Le salon de Düsseldorf a fermé ses portes.",
            &[("Düsseldorf", "LOC")],
            &[Some("de-dusseldorf")],
        ),
        (
            "Le groupe pétrolier a son siège à Houston, au Texas.",
            &[("Houston", "LOC"), ("Texas", "LOC")],
            &[Some("us-houston"), Some("texas")],
        ),
        (
            "Le concert a eu lieu à Houston.",
            &[("Houston", "LOC")],
            &[None],
        ),
        (
            "Il meurt à St. Petersburg en Floride.",
            &[("St. Petersburg", "LOC"), ("Floride", "LOC")],
            &[Some("us-st-petersburg"), Some("floride")],
        ),
    ];
    for (text, mentions, want) in cases {
        let ids = link_ids(&linker, &mut doc(text, mentions));
        let got: Vec<Option<&str>> = ids.iter().map(|x| x.as_deref()).collect();
        assert_eq!(got, want, "{text}");
    }
}

/// Two registry bodies share an acronym ("ESA": the European Space Agency, the École
/// spéciale d'architecture, "ÉSA"): each links beside its own full name, neither alone.
#[test]
fn shared_registry_acronym_follows_the_full_name_in_the_document() {
    let linker = linker();
    let text = "L'Agence spatiale européenne (ESA) finance l'étude ; l'ESA publiera les données.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("Agence spatiale européenne", "ORG"),
                ("ESA", "ORG"),
                ("ESA", "ORG"),
            ],
        ),
    );
    let esa = Some("agence-spatiale-europeenne".to_string());
    assert_eq!(ids, [esa.clone(), esa.clone(), esa]);

    let text = "Selon l'ESA, le projet avance.";
    let ids = link_ids(&linker, &mut doc(text, &[("ESA", "ORG")]));
    assert_eq!(ids, [None]);
}

/// A place in parentheses after another place is its French département, even where the
/// name alone is the sea or the river; the sea keeps the name in running text.
#[test]
fn departement_in_parentheses_after_a_place() {
    let linker = linker();
    let text =
        "L'EPR de Flamanville (Manche) a été raccordé ; des migrants ont traversé la Manche.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[("Flamanville", "LOC"), ("Manche", "LOC"), ("Manche", "LOC")],
        ),
    );
    assert_eq!(ids[1].as_deref(), Some("fr-manche"));
    assert_eq!(ids[2].as_deref(), Some("manche"));
}

/// A division noun before a name asks for that kind of division: the Caledonian "province
/// Nord" is neither the French département of Nord nor NIL by default, and "province Sud"
/// links to its own row; a "région" stays a région.
#[test]
fn division_noun_before_a_name_must_agree_with_the_row() {
    let linker = linker();
    let text = "Le président de la province Nord et celui de la région Bretagne ; le Nord vote.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("province Nord", "LOC"),
                ("région Bretagne", "LOC"),
                ("Nord", "LOC"),
            ],
        ),
    );
    assert_eq!(
        ids,
        [Some("nc-province-nord"), Some("bretagne"), Some("fr-nord")].map(|s| s.map(String::from))
    );
    let text = "Il préside la province Lozère.";
    let ids = link_ids(&linker, &mut doc(text, &[("province Lozère", "LOC")]));
    assert_eq!(ids, [None]);
    // Foreign rows keep their name whatever the noun (a US state called a province), and a
    // misspelt name with its noun still finds the row's own form ("canton de Neuchâtel").
    let text = "Dans la province de Californie, comme dans le canton de Neuohâtel.";
    let ids = link_ids(
        &linker,
        &mut doc(
            text,
            &[
                ("province de Californie", "LOC"),
                ("canton de Neuohâtel", "LOC"),
            ],
        ),
    );
    assert_eq!(ids[0].as_deref(), Some("californie"));
    assert!(ids[1].is_some(), "{ids:?}");
}
