//! Search through the CLI on the indexed sample corpus: ranking, filters, JSON, highlights.

use crate::common::{hit_paths, hits, newsdex, sample_index, search_json};
use predicates::prelude::*;

/// The two articles that describe the 29 December 2019 strikes on Kata'ib Hezbollah.
const STRIKE_REPORTS: &[&str] = &[
    "wire/us-strikes-kataib-hezbollah.txt",
    "feeds/gulf-wire-roundup.json",
];

#[test]
fn strikes_on_kataib_hezbollah_rank_the_report_first() {
    let (code, doc) = search_json(&["US strikes on Kata'ib Hezbollah in Iraq and Syria"]);
    assert_eq!(code, 0);
    let top = &hits(&doc)[0];
    let path = top["article"]["path"].as_str().unwrap_or_default();
    assert!(STRIKE_REPORTS.contains(&path), "top hit came from {path}");
    let text = top["passage"]["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Kata") && text.contains("Hezbollah"),
        "top passage: {text}"
    );
    // Articles that merely mention Iran (the OPEC story, the roundup's football match, the
    // Gulf rain story) are not near the top.
    let (_, all) = search_json(&[
        "-n",
        "50",
        "US strikes on Kata'ib Hezbollah in Iraq and Syria",
    ]);
    let ids: Vec<&str> = hits(&all)
        .iter()
        .filter_map(|h| h["article"]["id"].as_str())
        .collect();
    let paths = hit_paths(&all);
    let rank_of = |id: &str| ids.iter().position(|i| *i == id);
    if let Some(rank) = rank_of("sample-jl-006") {
        assert!(rank >= 5, "the OPEC story ranks {}: {ids:?}", rank + 1);
    }
    if let Some(rank) = paths.iter().position(|p| p.contains("uae-heavy-rain")) {
        assert!(
            rank >= 5,
            "the Gulf rain story ranks {}: {paths:?}",
            rank + 1
        );
    }
}

#[test]
fn apostrophe_spellings_find_the_same_passages() {
    let ids = |q: &str| -> Vec<String> {
        let (code, doc) = search_json(&["-n", "20", q]);
        assert_eq!(code, 0, "query {q}");
        hits(&doc)
            .iter()
            .map(|h| format!("{}#{}", h["article"]["id"], h["passage"]["position"]))
            .collect()
    };
    let straight = ids("Kata'ib Hezbollah");
    assert!(!straight.is_empty());
    assert_eq!(ids("Kata’ib Hezbollah"), straight);
    assert_eq!(ids("Kataib Hezbollah"), straight);
    assert_eq!(ids("KATAIB hezbollah"), straight);
}

#[test]
fn possessives_are_words_not_syntax_errors() {
    for q in [
        "iran's navy",
        "Kata’ib",
        "the militias' rockets",
        "Iran's foreign minister",
    ] {
        let (code, doc) = search_json(&[q]);
        assert_eq!(code, 0, "query {q}: {doc}");
    }
}

#[test]
fn highlights_point_at_query_words() {
    let (_, doc) = search_json(&["Kirkuk rocket"]);
    let mut checked = 0;
    for hit in hits(&doc) {
        let text = hit["passage"]["text"].as_str().unwrap_or_default();
        for h in hit["passage"]["highlights"].as_array().expect("highlights") {
            let (start, end) = (
                h["start"].as_u64().unwrap_or(0) as usize,
                h["end"].as_u64().unwrap_or(0) as usize,
            );
            let word = text
                .get(start..end)
                .expect("highlight on char boundaries")
                .to_lowercase();
            assert!(
                word.contains("kirkuk") || word.contains("rocket"),
                "highlighted {word:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} highlights");
}

#[test]
fn json_document_has_the_documented_shape() {
    let (code, doc) = search_json(&["-n", "3", "Soleimani"]);
    assert_eq!(code, 0);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["query"], "Soleimani");
    assert_eq!(doc["returned"], 3);
    assert!(doc["total_hits"].as_u64().unwrap_or(0) >= 3);
    assert!(doc["took_ms"].is_number());
    let hit = &hits(&doc)[0];
    assert_eq!(hit["rank"], 1);
    assert!(hit["score"].as_f64().unwrap_or(0.0) > 0.0);
    for key in [
        "id",
        "title",
        "standfirst",
        "author",
        "date",
        "source",
        "url",
        "path",
        "record",
    ] {
        assert!(hit["article"].get(key).is_some(), "article.{key} missing");
    }
    for key in ["position", "text", "highlights"] {
        assert!(hit["passage"].get(key).is_some(), "passage.{key} missing");
    }
    assert!(hit["entities"].is_array() && hit["places"].is_array());
    // Soleimani is a known person: the top passage lists him among its entities.
    let names: Vec<&str> = hit["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"Qasem Soleimani"), "entities: {names:?}");
    let ranks: Vec<u64> = hits(&doc)
        .iter()
        .filter_map(|h| h["rank"].as_u64())
        .collect();
    assert_eq!(ranks, vec![1, 2, 3]);
}

#[test]
fn place_filter_includes_places_inside() {
    let (code, doc) = search_json(&["-n", "50", "--place", "Anbar", "strikes"]);
    assert_eq!(code, 0);
    assert!(!hits(&doc).is_empty());
    // Every hit comes from an article naming Anbar or something inside it (Al-Qaim ...).
    let (_, unfiltered) = search_json(&["-n", "200", "strikes"]);
    assert!(
        hits(&unfiltered).len() > hits(&doc).len(),
        "the filter removed nothing"
    );
    let (_, iraq) = search_json(&["-n", "200", "--place", "Iraq", "strikes"]);
    assert!(
        hits(&iraq).len() >= hits(&doc).len(),
        "Iraq must include Anbar"
    );
    assert!(
        hit_paths(&doc)
            .iter()
            .all(|p| !p.contains("comet") && !p.contains("ecb"))
    );
}

#[test]
fn unknown_place_is_an_error() {
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .args(["--place", "Narnia", "strikes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown place 'Narnia'"));
}

#[test]
fn entity_filter_accepts_aliases() {
    let (_, by_alias) = search_json(&["-n", "100", "--entity", "Hezbollah Brigades", "*"]);
    let (_, by_name) = search_json(&["-n", "100", "--entity", "Kata'ib Hezbollah", "*"]);
    assert!(!hits(&by_name).is_empty());
    assert_eq!(hit_paths(&by_alias), hit_paths(&by_name));
    assert!(
        hit_paths(&by_name)
            .iter()
            .any(|p| p.contains("us-strikes-kataib-hezbollah"))
    );
    assert!(!hit_paths(&by_name).iter().any(|p| p.contains("comet")));
}

#[test]
fn date_and_source_filters() {
    let (_, doc) = search_json(&[
        "-n",
        "100",
        "--since",
        "2020-01-01",
        "--until",
        "2020-01-31",
        "*",
    ]);
    assert!(!hits(&doc).is_empty());
    for hit in hits(&doc) {
        let date = hit["article"]["date"].as_str().unwrap_or_default();
        assert!(
            date.starts_with("2020-01"),
            "date {date} outside January 2020"
        );
    }
    // Some source among the archive's articles (not every article has one; which article a
    // match-all query puts first depends on the order documents were indexed in).
    let (_, all) = search_json(&["-n", "100", "*"]);
    let source = hits(&all)
        .iter()
        .find_map(|h| h["article"]["source"].as_str().filter(|s| !s.is_empty()))
        .unwrap_or_default()
        .to_string();
    assert!(!source.is_empty());
    let (_, by_source) = search_json(&["-n", "100", "--source", &source.to_uppercase(), "*"]);
    assert!(!hits(&by_source).is_empty());
    assert!(
        hits(&by_source)
            .iter()
            .all(|h| h["article"]["source"] == source.as_str())
    );
    // The source is an article's: every passage of the article matches, not only its first.
    let (_, passages) =
        search_json(&["-n", "100", "--per-article", "50", "--source", &source, "*"]);
    assert!(
        hits(&passages)
            .iter()
            .any(|h| h["passage"]["position"].as_u64() > Some(0)),
        "{passages}"
    );
}

#[test]
fn nothing_found_exits_1() {
    let (code, doc) = search_json(&["zyzzyvaxq"]);
    assert_eq!(code, 1);
    assert_eq!(doc["returned"], 0);
}

#[test]
fn human_output_shows_title_date_source_and_names() {
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .args(["-n", "2", "Abqaiq Khurais drone attack"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 1. ["))
        .stdout(predicate::str::contains("2019-09-1"))
        .stdout(predicate::str::contains("places:").and(predicate::str::contains("Abqaiq")))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn colour_marks_matches_when_asked() {
    newsdex()
        .args(["--color", "always", "search", "--index"])
        .arg(sample_index())
        .args(["-n", "1", "Abqaiq"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\u{1b}["));
}
