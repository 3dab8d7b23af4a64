//! Accuracy of entity and place extraction on the hand-annotated gold set in `tests/gold/`:
//! fails when a type falls below its bar (places F1 0.90, people and organisations/groups
//! F1 0.80), through the library and through `newsdex eval-ner`.

use std::path::{Path, PathBuf};

use newsdex::analyze::entities::Extractor;
use newsdex::analyze::evaluation::{evaluate, load_gold};

use crate::common::newsdex;

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold")
}

#[test]
fn gold_set_is_large_enough() {
    let gold = load_gold(&gold_dir()).expect("gold set loads");
    let mentions: usize = gold.iter().map(|t| t.mentions.len()).sum();
    assert!(gold.len() >= 15, "{} texts", gold.len());
    assert!(mentions >= 300, "{mentions} mentions");
}

#[test]
fn extraction_meets_the_bars() {
    let gold = load_gold(&gold_dir()).expect("gold set loads");
    let report = evaluate(Extractor::builtin(), &gold);
    let f1 = |label: &str| report.score(label).map_or(0.0, |s| s.f1);
    let table = report.table();
    assert!(f1("place") >= 0.90, "places below the bar:\n{table}");
    assert!(f1("person") >= 0.80, "people below the bar:\n{table}");
    assert!(
        f1("org+group") >= 0.80,
        "organisations and groups below the bar:\n{table}"
    );
}

/// Check the gold set in `tests/NAME` (at least `texts` texts and `mentions` mentions) keeps
/// each F1 of `floors` (type, lowest F1).
fn assert_held_out_floors(name: &str, texts: usize, mentions: usize, floors: &[(&str, f64)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name);
    let gold = load_gold(&dir).expect("held-out gold set loads");
    let found: usize = gold.iter().map(|t| t.mentions.len()).sum();
    assert!(
        gold.len() >= texts && found >= mentions,
        "{} texts",
        gold.len()
    );
    let report = evaluate(Extractor::builtin(), &gold);
    let f1 = |label: &str| report.score(label).map_or(0.0, |s| s.f1);
    let table = report.table();
    for &(label, floor) in floors {
        assert!(
            f1(label) >= floor,
            "{label} fell below its held-out F1 {floor} in {name}:\n{table}"
        );
    }
}

/// The first held-out set (`tests/gold-heldout/`, written after the rules were tuned; since
/// spent, see its README) guards against rules that only fit the tuning set: extraction must
/// keep the F1 first measured there.
#[test]
fn extraction_keeps_its_first_held_out_figures() {
    assert_held_out_floors(
        "gold-heldout",
        10,
        600,
        &[("place", 0.903), ("person", 0.890), ("org+group", 0.709)],
    );
}

/// The second held-out set (`tests/gold-heldout-2/`, written blind while the organisation list
/// was extended; only its summary figures have been looked at) keeps the F1 last measured
/// (the history is in its README).
/// Organisations and groups reached the tuning set's bar there (0.809) with the cue words
/// (`lender UBS`); places reached it (0.900, now 0.910) with the first-level regions of the
/// world.
#[test]
fn extraction_keeps_its_second_held_out_figures() {
    let measured = [("place", 0.910), ("person", 0.919), ("org+group", 0.809)];
    assert_held_out_floors(
        "gold-heldout-2",
        13,
        780,
        &measured.map(|(label, f1)| (label, f1 - 0.0005)),
    );
}

#[test]
fn eval_ner_prints_the_table_and_json() {
    let out = newsdex()
        .args(["eval-ner", "--gold"])
        .arg(gold_dir())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for row in ["| person |", "| org+group |", "| place |", "| all |"] {
        assert!(text.contains(row), "no {row} row in:\n{text}");
    }
    let out = newsdex()
        .args(["eval-ner", "--json", "--gold"])
        .arg(gold_dir())
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["texts"].as_u64(), Some(15));
    assert!(doc["scores"].as_array().is_some_and(|s| s.len() == 6));
}

#[test]
fn eval_ner_reports_a_broken_annotation() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("texts")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("annotations")).expect("mkdir");
    std::fs::write(dir.path().join("texts/a.txt"), "Iran and Iraq.").expect("write");
    std::fs::write(
        dir.path().join("annotations/a.tsv"),
        "place\tSyria\tSyria\n",
    )
    .expect("write");
    let out = newsdex()
        .args(["eval-ner", "--gold"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 1") && err.contains("Syria"), "{err}");
}

#[test]
fn eval_ner_speed_times_each_mode_over_the_whole_folder() {
    let corpus = crate::common::sample_corpus();
    let work = tempfile::TempDir::new().expect("temp dir");
    let (code, summary) = crate::common::index_json(&corpus, &work.path().join("index"), &[]);
    assert_eq!(code, 0);
    let out = newsdex()
        .args(["eval-ner", "--rounds", "1", "--speed"])
        .arg(&corpus)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // A warm-up run, not counted, then one run per mode: without extraction, without facets,
    // with both.
    assert!(text.contains("warm-up run, not counted"), "{text}");
    let modes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("run ")?.split_once(": extraction "))
        .map(|(_, rest)| rest.split(" s wall").next().unwrap_or_default())
        .map(|m| m.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' '))
        .collect();
    assert_eq!(modes, ["off", "no facets", "on"], "{text}");
    // Every run indexed the whole folder, as `index` does.
    let articles = summary["articles"].as_u64().expect("article count");
    assert!(
        text.contains(&format!("{articles} articles, ")),
        "not {articles} articles in:\n{text}"
    );
    assert!(text.contains("of which finding the mentions"), "{text}");

    // The same as JSON: each counted run with its mode (the second round starts one mode
    // later), the medians in order, and the article count.
    let out = newsdex()
        .args(["eval-ner", "--json", "--rounds", "2", "--speed"])
        .arg(&corpus)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["articles"].as_u64(), Some(articles));
    assert_eq!(doc["rounds"].as_u64(), Some(2));
    let modes = |key: &str| -> Vec<String> {
        doc[key]
            .as_array()
            .map(|runs| {
                runs.iter()
                    .filter_map(|r| r["mode"].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        modes("runs"),
        ["off", "no_facets", "on", "no_facets", "on", "off"]
    );
    assert_eq!(modes("medians"), ["off", "no_facets", "on"]);
    assert!(
        doc["runs"]
            .as_array()
            .is_some_and(|runs| runs.iter().all(|r| r["wall_s"].as_f64() > Some(0.0))),
        "{doc}"
    );
    assert!(doc["adds_wall_pct"].is_number(), "{doc}");
}
