//! Entities and places through the CLI: `extract` (the analysis indexing uses),
//! `search --facets`, `--place` on the place hierarchy, `--entity` by alias, and `who-where`.

use serde_json::Value;

use crate::common::{
    hit_paths, hits, index_json, newsdex, sample_corpus, sample_index, search_in, search_json,
    temp_archive,
};

fn run_json(args: &[&str]) -> Value {
    let out = newsdex()
        .args(args)
        .arg("--index")
        .arg(sample_index())
        .output()
        .expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|err| {
        panic!(
            "{args:?}: no JSON ({err}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn extract_shows_fields_passages_and_mentions_with_offsets() {
    let file = sample_corpus().join("wire/us-strikes-kataib-hezbollah.txt");
    let out = newsdex()
        .arg("extract")
        .arg(&file)
        .arg("--json")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let article = &doc["articles"][0];
    assert!(
        article["title"]
            .as_str()
            .is_some_and(|t| t.contains("Kata'ib Hezbollah"))
    );
    let passages = article["passages"].as_array().expect("passages");
    assert!(passages.len() > 3);
    let mut names = Vec::new();
    for p in passages {
        let text = p["text"].as_str().expect("text");
        for m in p["mentions"].as_array().expect("mentions") {
            let (start, end) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                Some(m["text"].as_str().expect("text")),
                text.get(start..end)
            );
            names.push((
                m["kind"].as_str().unwrap_or_default().to_string(),
                m["facet"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    for (kind, facet) in [
        ("place", "/Iraq/Anbar/Al-Qaim"),
        ("place", "/Syria/Deir Ezzor/Al-Bukamal"),
        ("group", "/group/Kata'ib Hezbollah"),
        ("person", "/person/Mark Esper"),
        ("org", "/org/Pentagon"),
    ] {
        assert!(
            names.iter().any(|(k, f)| k == kind && f == facet),
            "{facet} not extracted"
        );
    }
}

/// With `--root`, `extract` gives a file the path and id that indexing its archive folder
/// gives it, so the ids it prints can be used in judgements and filters on that index.
/// Extraction runs passage by passage, as indexing does, and remembers the article's people:
/// a last name alone in a later passage is the person named in full in an earlier one.
#[test]
fn a_last_name_alone_in_a_later_passage_is_the_person_named_before() {
    let filler = "The statement gave no figures for the damage, and officials declined to say \
                  when the next review of the deployment would take place or who would lead it.";
    let body = format!(
        "Defence Minister Tom Hardwick said on Sunday the strikes were defensive. {filler}\n\n\
         Officials said five sites were hit in Iraq and Syria. {filler} {filler}\n\n\
         Hardwick told reporters more action could follow if the attacks went on. {filler}\n"
    );
    let out = newsdex()
        .args(["extract", "-", "--json"])
        .write_stdin(format!("Strikes in Iraq\n\n{body}"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let passages = doc["articles"][0]["passages"]
        .as_array()
        .expect("passages")
        .clone();
    let last = passages.last().expect("a passage");
    assert!(passages.len() >= 2, "{passages:?}");
    assert!(
        last["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Hardwick told"))
    );
    let people: Vec<(&str, &str)> = last["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["kind"] == "person")
        .filter_map(|m| Some((m["text"].as_str()?, m["name"].as_str()?)))
        .collect();
    assert_eq!(people, [("Hardwick", "Tom Hardwick")]);
}

#[test]
fn extract_with_root_gives_the_ids_the_index_stores() {
    let file = sample_corpus().join("wire/stena-impero-seized.txt");
    let extract_id = |root: Option<&std::path::Path>| -> (String, String) {
        let mut cmd = newsdex();
        cmd.arg("extract").arg(&file).arg("--json");
        if let Some(root) = root {
            cmd.arg("--root").arg(root);
        }
        let out = cmd.output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let article = &doc["articles"][0];
        (
            article["id"].as_str().unwrap_or_default().to_string(),
            article["path"].as_str().unwrap_or_default().to_string(),
        )
    };
    let (code, doc) = search_json(&["Stena Impero", "-n", "1"]);
    assert_eq!(code, 0);
    let indexed = doc["hits"][0]["article"]["id"].as_str().expect("a hit");
    let (id, path) = extract_id(Some(&sample_corpus()));
    assert_eq!(path, "wire/stena-impero-seized.txt");
    assert_eq!(id, indexed);
    // Without --root the file's own folder is the archive: another path, another id.
    let (id, path) = extract_id(None);
    assert_eq!(path, "stena-impero-seized.txt");
    assert_ne!(id, indexed);
    // A file outside the folder is an error, not a made-up id.
    let out = newsdex()
        .arg("extract")
        .arg(&file)
        .arg("--root")
        .arg(sample_corpus().join("web"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not inside --root"));
}

#[test]
fn extract_reads_standard_input_and_rejects_unknown_files() {
    let out = newsdex()
        .args(["extract", "-", "--json"])
        .write_stdin("Rockets hit the K-1 base near Kirkuk, said Kataib Hezbollah.\n")
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let facets: Vec<&str> = doc["articles"][0]["passages"][0]["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| m["facet"].as_str())
        .collect();
    assert_eq!(
        facets,
        [
            "/Iraq/Kirkuk/K1 Air Base",
            "/Iraq/Kirkuk/Kirkuk",
            "/group/Kata'ib Hezbollah"
        ]
    );
    let out = newsdex()
        .args(["extract", "notes.docx"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn place_filter_includes_places_under_it_and_entity_takes_aliases() {
    let (_, doc) = search_json(&["strike", "--place", "Iraq", "-n", "50"]);
    let iraq = hit_paths(&doc);
    let (_, doc) = search_json(&["strike", "--place", "Al Qa'im", "-n", "50"]);
    let qaim = hit_paths(&doc);
    assert!(!qaim.is_empty());
    assert!(
        qaim.iter().all(|p| iraq.contains(p)),
        "{qaim:?} not under Iraq"
    );
    assert!(iraq.len() > qaim.len());
    let (_, by_alias) = search_json(&["strike", "--entity", "KH", "-n", "50"]);
    let (_, by_name) = search_json(&["strike", "--entity", "Hezbollah Brigades", "-n", "50"]);
    assert!(!hit_paths(&by_alias).is_empty());
    assert_eq!(hit_paths(&by_alias), hit_paths(&by_name));
}

#[test]
fn facets_count_places_entities_and_sources_only_when_asked() {
    let (_, plain) = search_json(&["rocket attack"]);
    assert!(plain.get("facets").is_none());
    let (_, doc) = search_json(&["rocket attack", "--facets"]);
    let facets = &doc["facets"];
    let passages = facets["passages"].as_u64().expect("passages");
    assert!(passages > 0);
    let places = facets["places"].as_array().expect("places");
    let count = |facet: &str| {
        places
            .iter()
            .find(|p| p["facet"] == facet)
            .and_then(|p| p["count"].as_u64())
    };
    // A country counts every passage naming a place inside it, once.
    let iraq = count("/Iraq").expect("Iraq among the top places");
    assert!(iraq <= passages);
    if let Some(baghdad) = count("/Iraq/Baghdad") {
        assert!(baghdad <= iraq);
    }
    assert!(facets["entities"].as_array().is_some_and(|e| !e.is_empty()));
    let sources = facets["sources"].as_array().expect("sources");
    assert!(sources.iter().any(|s| s["name"] == "Levant Wire"));
}

#[test]
fn who_where_ranks_names_characteristic_of_the_query() {
    let doc = run_json(&["who-where", "tanker", "seized", "--json", "-n", "5"]);
    let places: Vec<&str> = doc["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        places.contains(&"Strait of Hormuz"),
        "Hormuz not among {places:?}"
    );
    let scores: Vec<f64> = doc["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter_map(|p| p["score"].as_f64())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let out = newsdex()
        .args(["who-where", "zzqqxx"])
        .arg("--index")
        .arg(sample_index())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

/// Towns that come from GeoNames lie under the curated country and region (or the ISO 3166-2
/// region), and a passage of an article that names the place elsewhere passes the filter too.
#[test]
fn place_filters_reach_geonames_towns_and_the_rest_of_an_article_naming_the_place() {
    let (dir, root) = temp_archive();
    let paragraph = |text: &str| {
        format!("{text} {}", "Aid workers counted the damage street by street and said more trucks were needed before winter. ".repeat(4))
    };
    let gaza = [
        paragraph(
            "Overnight shelling struck homes in Jabalia, residents said, and families moved south.",
        ),
        paragraph("Talks on a ceasefire resumed in the afternoon without a date for a truce."),
        paragraph(
            "Engineers said the desalination plant could run again within a week if fuel arrived.",
        ),
    ]
    .join("\n\n");
    std::fs::write(
        root.join("gaza.txt"),
        format!("Shelling hits northern towns\n\n{gaza}\n"),
    )
    .expect("write");
    std::fs::write(
        root.join("port.txt"),
        "Dockers strike at Rotterdam\n\nContainer traffic at the port of Rotterdam stopped on Tuesday as dock workers walked out over pay.\n",
    )
    .expect("write");
    std::fs::write(
        root.join("goma.txt"),
        "Rebels near Goma\n\nFighting reached the outskirts of Goma on Sunday, and thousands fled toward the lake shore.\n",
    )
    .expect("write");
    let index = dir.path().join("index");
    let (code, _) = index_json(&root, &index, &[]);
    assert_eq!(code, 0);

    // A GeoNames town lies under its ISO 3166-2 region, which answers to its English name.
    for place in [
        "North Kivu",
        "Nord-Kivu",
        "Democratic Republic of the Congo",
    ] {
        let doc = search_in(&index, &["fighting", "--place", place]);
        assert_eq!(hits(&doc).len(), 1, "--place {place}: {doc}");
    }
    let doc = search_in(&index, &["fighting", "--place", "South Kivu"]);
    assert!(hits(&doc).is_empty());

    for place in ["Gaza Strip", "Palestine"] {
        let doc = search_in(&index, &["shelling", "--place", place]);
        let places: Vec<&str> = hits(&doc)
            .iter()
            .flat_map(|h| h["places"].as_array().into_iter().flatten())
            .filter_map(|p| p["path"].as_str())
            .collect();
        assert!(
            places
                .iter()
                .any(|p| p.starts_with("/Palestine/Gaza Strip/")),
            "--place {place}: {places:?}"
        );
    }
    // The third passage names no place, but its article names a town in the Gaza Strip.
    let doc = search_in(&index, &["desalination", "--place", "Gaza Strip"]);
    let hit = hits(&doc).first().expect("the desalination passage");
    assert_eq!(hit["passage"]["position"], 2);
    assert!(hit["places"].as_array().is_some_and(|p| p.is_empty()));
    let doc = search_in(&index, &["desalination", "--place", "Israel"]);
    assert!(hits(&doc).is_empty());

    let doc = search_in(&index, &["port", "--place", "Netherlands"]);
    assert_eq!(hits(&doc).len(), 1, "{doc}");
}
