//! Ranking through the CLI and the library on the sample corpus: topics, questions, names in
//! other spellings, grouping, near-duplicates, explanations, snippets, the date preference,
//! and the judged set's figures.

use std::fs;
use std::path::Path;

use crate::common::{
    hit_paths, hits, index_json, newsdex, sample_corpus, sample_index, search_in, search_json,
};
use newsdex::eval::{EvalQuery, EvalReport, Qrels, evaluate, parse_qrels, parse_queries};
use newsdex::index::NewsIndex;
use newsdex::search::{RankMode, SearchRequest};
use predicates::prelude::*;
use serde_json::Value;

/// Articles that report US strikes on Kata'ib Hezbollah (29 December 2019, 12 March 2020).
const STRIKE_REPORTS: &[&str] = &["9d054119c3d12b93", "1dbf48406d9416db", "6792cb4cb0da9e99"];
/// The K1 rocket attack near Kirkuk.
const K1_ATTACK: &str = "3ad02b04e248899c";
/// The Camp Taji rocket attack.
const TAJI_ATTACK: &str = "11ba82dbf2e0f480";

/// nDCG@10 of the full ranking on `data/eval/sample`, recorded when the weights were last
/// tuned; the test fails if the ranking falls below it.
const RECORDED_NDCG10: f64 = 0.961;

/// nDCG@10 of the full ranking on `data/eval/sample-heldout`, a second set written and judged
/// blind after the weights were tuned, recorded at its first measurement (BM25: 0.724).
const RECORDED_HELDOUT_NDCG10: f64 = 0.850;

fn ids(doc: &Value) -> Vec<String> {
    hits(doc)
        .iter()
        .map(|h| h["article"]["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn topics_are_listed_and_user_topics_added() {
    let listed = newsdex().arg("topics").output().expect("runs");
    assert!(listed.status.success());
    let text = String::from_utf8_lossy(&listed.stdout);
    for name in [
        "militia-strikes",
        "iran-us-tensions",
        "gulf-shipping",
        "israel-strikes",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    let dir = tempfile::TempDir::new().expect("temp");
    let file = dir.path().join("mine.toml");
    fs::write(
        &file,
        "name = \"rates\"\ntitle = \"Central bank rates\"\n[terms]\nrate = 2.0\n[phrases]\n\"interest rates\" = 3.0\n",
    )
    .expect("write");
    newsdex()
        .arg("topics")
        .arg("--topics")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("rates").and(predicate::str::contains("militia-strikes")));
    let (code, doc) = search_json(&[
        "--topics",
        file.to_str().unwrap_or_default(),
        "--topic",
        "rates",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        hits(&doc)[0]["article"]["id"],
        "ef65e4cefb4cb635",
        "the ECB story"
    );
    assert_eq!(doc["topic"], "rates");
    // An unknown topic is a usage error that names the known ones.
    newsdex()
        .args(["search", "--topic", "nope", "--index"])
        .arg(sample_index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("militia-strikes"));
}

#[test]
fn a_topic_alone_ranks_its_stories_and_combines_with_a_query() {
    let (code, doc) = search_json(&["--topic", "militia-strikes", "-n", "5"]);
    assert_eq!(code, 0);
    let militia = [
        STRIKE_REPORTS[0],
        STRIKE_REPORTS[1],
        STRIKE_REPORTS[2],
        K1_ATTACK,
        TAJI_ATTACK,
        "6bac0a40e401afc1",
        "1bba8e8603338cde",
        "sample-jl-004",
        "8ebc5c7a9971a99b",
        "d71fe13386146f27",
        "b4766aed054f02fe",
    ];
    for id in ids(&doc) {
        assert!(militia.contains(&id.as_str()), "{id} in {:?}", ids(&doc));
    }
    // The same through the query syntax, combined with a word.
    let (_, doc) = search_json(&["topic:militia-strikes Kirkuk"]);
    assert_eq!(ids(&doc)[0], K1_ATTACK);
    let (_, doc) = search_json(&["--topic", "gulf-shipping", "Fujairah"]);
    assert_eq!(ids(&doc)[0], "0f2cbfb95ab2550c");
}

#[test]
fn plain_questions_find_the_report() {
    let (code, doc) = search_json(&["why did the us strike kataib hezbollah"]);
    assert_eq!(code, 0);
    let top = ids(&doc);
    assert!(STRIKE_REPORTS.contains(&top[0].as_str()), "{top:?}");
    // The question words are not what matched.
    let hit = &hits(&doc)[0];
    let text = hit["passage"]["text"].as_str().unwrap_or_default();
    for h in hit["passage"]["highlights"].as_array().expect("highlights") {
        let (s, e) = (
            h["start"].as_u64().unwrap_or(0) as usize,
            h["end"].as_u64().unwrap_or(0) as usize,
        );
        let word = text.get(s..e).unwrap_or_default().to_lowercase();
        assert!(
            !["why", "did"].contains(&word.as_str()),
            "highlighted {word}"
        );
    }
}

#[test]
fn names_in_other_spellings_reach_the_passages_that_use_them() {
    // The corpus writes Al-Bukamal, Albu Kamal and Al-Bukamal; the query one of them.
    let (_, doc) = search_json(&["-n", "20", "Al-Bukamal"]);
    let found = ids(&doc);
    assert_eq!(found[0], "sample-jl-004", "{found:?}");
    assert!(
        found.contains(&"1dbf48406d9416db".to_string()),
        "Albu Kamal: {found:?}"
    );
    // An acronym finds the passages that spell the name out, and they are highlighted.
    let (code, doc) = search_json(&["KH"]);
    assert_eq!(code, 0);
    let hit = &hits(&doc)[0];
    assert!(
        hit["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .any(|e| e["name"] == "Kata'ib Hezbollah"),
        "{hit}"
    );
    assert!(
        !hit["passage"]["highlights"]
            .as_array()
            .expect("h")
            .is_empty(),
        "the other spelling is highlighted"
    );
}

#[test]
fn results_are_grouped_by_article() {
    let (_, doc) = search_json(&["-n", "5", "rocket attack Kirkuk"]);
    let found = ids(&doc);
    let mut unique = found.clone();
    unique.dedup();
    assert_eq!(found.len(), 5);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "one passage per article: {found:?}");
    let (_, doc) = search_json(&["-n", "3", "--per-article", "2", "rocket attack Kirkuk"]);
    let found = ids(&doc);
    assert!(found.len() > 3 && found.len() <= 6, "{found:?}");
    // An article's passages are next to each other, best first.
    for pair in hits(&doc).windows(2) {
        if pair[0]["article"]["id"] == pair[1]["article"]["id"] {
            assert!(pair[0]["score"].as_f64() >= pair[1]["score"].as_f64());
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for id in &found {
        if seen.last() != Some(&id.as_str()) {
            assert!(!seen.contains(&id.as_str()), "{id} split in {found:?}");
            seen.push(id);
        }
    }
}

/// The support an article gets from its other matching passages comes from a fixed pool of
/// best passages, so asking for more or fewer results changes neither an article's score nor
/// the order of the first results.
#[test]
fn scores_and_order_do_not_depend_on_how_many_results_are_asked_for() {
    let query = "US strikes on Kata'ib Hezbollah in Iraq and Syria";
    // Each article's first (best) hit: with --per-article, its other passages follow it.
    let run = |args: &[&str]| -> Vec<(String, f64)> {
        let mut all = vec![query];
        all.extend_from_slice(args);
        let (code, doc) = search_json(&all);
        assert_eq!(code, 0);
        let mut articles: Vec<(String, f64)> = Vec::new();
        for h in hits(&doc) {
            let id = h["article"]["id"].as_str().unwrap_or_default().to_string();
            if !articles.iter().any(|(seen, _)| *seen == id) {
                articles.push((id, h["score"].as_f64().unwrap_or_default()));
            }
        }
        articles
    };
    let ten = run(&["-n", "10"]);
    assert_eq!(ten.len(), 10);
    for args in [
        &["-n", "1"][..],
        &["-n", "3"],
        &["-n", "30"],
        &["-n", "10", "--per-article", "3"],
    ] {
        let other = run(args);
        let shared = other.len().min(ten.len());
        assert_eq!(&other[..shared], &ten[..shared], "{args:?} against -n 10");
    }
}

/// An index of the Camp Taji story, a syndicated near-duplicate of it (another headline, a
/// sentence added) and the K1 story, in `dir`.
fn near_duplicate_index(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("corpus");
    fs::create_dir_all(&root).expect("mkdir");
    let original = sample_corpus().join("wire/camp-taji-rocket-attack.txt");
    fs::copy(&original, root.join("taji.txt")).expect("copy");
    let text = fs::read_to_string(&original).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    lines[0] = "Rocket attack on Camp Taji kills three coalition troops";
    let copy = format!("{}\n\nThis story was syndicated.\n", lines.join("\n"));
    fs::write(root.join("taji-copy.txt"), copy).expect("write");
    fs::copy(
        sample_corpus().join("wire/pasted-k1-rocket-attack.txt"),
        root.join("k1.txt"),
    )
    .expect("copy");
    let index = dir.join("index");
    assert_eq!(index_json(&root, &index, &[]).0, 0);
    index
}

#[test]
fn near_duplicate_stories_appear_once() {
    let dir = tempfile::TempDir::new().expect("temp");
    let index = near_duplicate_index(dir.path());
    let output = newsdex()
        .args(["search", "--json", "--index"])
        .arg(&index)
        .arg("rockets hit Camp Taji")
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("json");
    let paths: Vec<&str> = hits(&doc)
        .iter()
        .filter_map(|h| h["article"]["path"].as_str())
        .collect();
    assert_eq!(
        paths.iter().filter(|p| p.starts_with("taji")).count(),
        1,
        "{paths:?}"
    );
    assert_eq!(
        hits(&doc)[0]["duplicates"].as_array().map(Vec::len),
        Some(1)
    );
}

/// Of a story's copies, the one that ranks first on its own is the one shown: here a fuller
/// version whose lead is longer (so its best passage scores a little lower) and whose added
/// last paragraph supports it. Folding by the best passage alone would show the shorter copy,
/// and which of two equal copies came first would depend on the threads that built the index.
#[test]
fn a_folded_story_shows_its_best_ranked_copy() {
    let dir = tempfile::TempDir::new().expect("temp");
    let root = dir.path().join("corpus");
    fs::create_dir_all(&root).expect("mkdir");
    let original = sample_corpus().join("wire/camp-taji-rocket-attack.txt");
    fs::copy(&original, root.join("short.txt")).expect("copy");
    let text = fs::read_to_string(&original).expect("read");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let lead = lines
        .iter()
        .position(|l| l.starts_with("Two American service members"))
        .expect("the lead paragraph");
    lines[lead].push_str(
        " The statement came from the coalition's headquarters late that night, and it gave no \
         further details of the wounded or of the units involved.",
    );
    let fuller = format!(
        "{}\n\nThe base at Taji has been hit by rockets before, in the summer of 2019.\n",
        lines.join("\n")
    );
    fs::write(root.join("fuller.txt"), fuller).expect("write");
    let index = dir.path().join("index");
    assert_eq!(index_json(&root, &index, &[]).0, 0);
    let search = |extra: &[&str]| {
        search_in(
            &index,
            &[&["rockets hit Camp Taji", "--explain"], extra].concat(),
        )
    };
    let component = |hit: &Value, name: &str| {
        hit["explain"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["component"] == name)
            .and_then(|c| c["value"].as_f64())
            .unwrap_or_default()
    };
    // Side by side: the fuller copy ranks first although its best passage is the weaker.
    let both_doc = search(&["--keep-duplicates"]);
    let both = hits(&both_doc);
    assert_eq!(both.len(), 2, "{both:?}");
    assert_eq!(hit_paths(&both_doc)[0], "fuller.txt");
    assert!(component(&both[0], "passage") < component(&both[1], "passage"));
    // Folded: the fuller copy is the hit, with its own score, and the short one its copy.
    let folded_doc = search(&[]);
    let folded = hits(&folded_doc);
    assert_eq!(folded.len(), 1, "{folded:?}");
    assert_eq!(hit_paths(&folded_doc), ["fuller.txt"]);
    assert_eq!(folded[0]["score"], both[0]["score"]);
    assert_eq!(folded[0]["duplicates"].as_array().map(Vec::len), Some(1));
}

/// The baseline lists both copies of the Camp Taji story and, per article, earns their
/// grade twice; the full ranking folds them into one hit. Over stories, each copy counts once
/// and both rankings, which find the same two stories in the same order, score the same.
#[test]
fn story_figures_count_a_copied_story_once() {
    let dir = tempfile::TempDir::new().expect("temp");
    let index_path = near_duplicate_index(dir.path());
    let index = NewsIndex::open(&index_path).expect("index");
    let query = "rockets hit Camp Taji";
    let baseline = newsdex()
        .args(["search", "--json", "--rank", "bm25", "--index"])
        .arg(&index_path)
        .arg(query)
        .output()
        .expect("runs");
    let baseline: Value = serde_json::from_slice(&baseline.stdout).expect("json");
    let listed: Vec<(String, String)> = hits(&baseline)
        .iter()
        .map(|h| {
            let article = &h["article"];
            let field = |name: &str| article[name].as_str().unwrap_or_default().to_string();
            (field("path"), field("id"))
        })
        .collect();
    let paths: Vec<&str> = listed.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(
        paths[..2].iter().all(|p| p.starts_with("taji")),
        "{paths:?}"
    );
    let id_of = |name: &str| {
        listed
            .iter()
            .find(|(path, _)| path == name)
            .map(|(_, id)| id.clone())
            .expect("listed")
    };
    let queries = parse_queries(&format!("q1\tkeyword\t{query}\n")).expect("queries");
    let qrels = parse_qrels(&format!(
        "q1 0 {} 3\nq1 0 {} 3\nq1 0 {} 1\n",
        id_of("taji.txt"),
        id_of("taji-copy.txt"),
        id_of("k1.txt")
    ))
    .expect("qrels");
    let (full, bm25) = full_and_bm25(&index, &queries, &qrels);
    // Per article, the copy the full ranking folded is a relevant article it never lists.
    assert!((bm25.all.ndcg10 - 1.0).abs() < 1e-9, "{}", bm25.all.ndcg10);
    assert!(full.all.ndcg10 < 0.9, "{}", full.all.ndcg10);
    // Over stories: Taji then K1 for both, against an ideal of one Taji story and K1.
    assert!(
        (bm25.all.story_ndcg10 - 1.0).abs() < 1e-9,
        "{}",
        bm25.all.story_ndcg10
    );
    assert!(
        (full.all.story_ndcg10 - 1.0).abs() < 1e-9,
        "{}",
        full.all.story_ndcg10
    );
    assert_eq!(bm25.unjudged_stories10 + full.unjudged_stories10, 0);
}

#[test]
fn explain_shows_the_parts_of_each_score() {
    let (_, doc) = search_json(&["--explain", "-n", "3", "US strikes on Kata'ib Hezbollah"]);
    for hit in hits(&doc) {
        let parts = hit["explain"].as_array().expect("explain");
        let names: Vec<&str> = parts
            .iter()
            .filter_map(|p| p["component"].as_str())
            .collect();
        assert!(
            names.contains(&"passage") || names.contains(&"aliases"),
            "{names:?}"
        );
        assert!(names.contains(&"entities"), "{names:?}");
        let sum: f64 = parts.iter().filter_map(|p| p["value"].as_f64()).sum();
        let score = hit["score"].as_f64().unwrap_or_default();
        assert!(
            (sum - score).abs() < 1e-3 * score.max(1.0),
            "{sum} vs {score}"
        );
    }
    let (_, doc) = search_json(&["Kirkuk"]);
    assert!(hits(&doc)[0]["explain"].is_null());
    // The human output prints the sum.
    newsdex()
        .args(["search", "--explain", "--index"])
        .arg(sample_index())
        .arg("Kirkuk")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("score ").and(predicate::str::contains("places ")));
}

#[test]
fn phrases_are_highlighted_whole_with_byte_offsets() {
    let (_, doc) = search_json(&["\"Strait of Hormuz\" tanker"]);
    let mut phrases = 0;
    for hit in hits(&doc) {
        let text = hit["passage"]["text"].as_str().unwrap_or_default();
        for h in hit["passage"]["highlights"].as_array().expect("h") {
            let (s, e) = (
                h["start"].as_u64().unwrap_or(0) as usize,
                h["end"].as_u64().unwrap_or(0) as usize,
            );
            let marked = text.get(s..e).expect("char boundaries");
            if marked.contains("Strait") {
                assert_eq!(marked, "Strait of Hormuz");
                phrases += 1;
            }
        }
    }
    assert!(phrases > 0);
}

#[test]
fn the_date_preference_breaks_ties_between_similar_stories() {
    let (_, doc) = search_json(&["--prefer-date", "2020-03-11", "rocket attack on a base"]);
    assert_eq!(ids(&doc)[0], TAJI_ATTACK);
    let (_, doc) = search_json(&["--prefer-date", "2019-12-27", "rocket attack on a base"]);
    assert_eq!(ids(&doc)[0], K1_ATTACK);
}

#[test]
fn the_bm25_baseline_ranks_whole_articles() {
    let (code, doc) = search_json(&["--rank", "bm25", "Kirkuk rockets"]);
    assert_eq!(code, 0);
    assert_eq!(doc["rank"], "bm25");
    let found = ids(&doc);
    let mut unique = found.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), found.len());
    newsdex()
        .args(["search", "--rank", "bm25", "--place", "Iraq", "--index"])
        .arg(sample_index())
        .arg("rockets")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no filters"));
}

/// The full ranking's and the baseline's reports on `queries`.
fn full_and_bm25(
    index: &NewsIndex,
    queries: &[EvalQuery],
    qrels: &Qrels,
) -> (EvalReport, EvalReport) {
    let modes = [RankMode::Full, RankMode::Bm25];
    let reports =
        evaluate(index, queries, qrels, &modes, &SearchRequest::new("")).expect("evaluates");
    let [full, bm25] = <[EvalReport; 2]>::try_from(reports).expect("one report per ranking");
    (full, bm25)
}

/// The judged set `data/eval/NAME` run on the sample index: its number of queries and the
/// full ranking's and the baseline's reports.
fn evaluate_judged_set(name: &str) -> (usize, EvalReport, EvalReport) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/eval")
        .join(name);
    let queries = fs::read_to_string(dir.join("queries.tsv")).expect("queries");
    let qrels = fs::read_to_string(dir.join("qrels.txt")).expect("qrels");
    let queries = parse_queries(&queries).expect("queries parse");
    let qrels = parse_qrels(&qrels).expect("qrels parse");
    let index = NewsIndex::open(sample_index()).expect("index");
    let (full, bm25) = full_and_bm25(&index, &queries, &qrels);
    (queries.len(), full, bm25)
}

#[test]
fn the_judged_set_holds_its_recorded_figures() {
    let (queries, full, bm25) = evaluate_judged_set("sample");
    assert!(queries >= 25);
    assert!(
        full.all.ndcg10 >= RECORDED_NDCG10 - 0.0005,
        "nDCG@10 fell to {:.4} (recorded {RECORDED_NDCG10})",
        full.all.ndcg10
    );
    assert!(full.all.ndcg10 > bm25.all.ndcg10);
    for (class, means) in &full.per_class {
        let base = bm25.per_class[class];
        assert!(
            means.ndcg10 >= base.ndcg10,
            "class {class}: full {:.3} below bm25 {:.3}",
            means.ndcg10,
            base.ndcg10
        );
    }
}

/// The held-out set guards against tuning to the first set: the full ranking must keep its
/// first measured figure there and stay ahead of BM25 in all. (Its keyword class is below
/// BM25, 0.801 against 0.817, so no per-class bound is asserted here.)
#[test]
fn the_held_out_set_holds_its_first_measured_figure() {
    let (queries, full, bm25) = evaluate_judged_set("sample-heldout");
    assert!(queries >= 30);
    assert!(
        full.all.ndcg10 >= RECORDED_HELDOUT_NDCG10 - 0.0005,
        "held-out nDCG@10 fell to {:.4} (recorded {RECORDED_HELDOUT_NDCG10})",
        full.all.ndcg10
    );
    assert!(full.all.ndcg10 > bm25.all.ndcg10);
}

#[test]
fn eval_prints_a_table_per_query_and_in_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/sample");
    newsdex()
        .arg("eval")
        .arg("--index")
        .arg(sample_index())
        .arg("--queries")
        .arg(dir.join("queries.tsv"))
        .arg("--qrels")
        .arg(dir.join("qrels.txt"))
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("| e01 | entity |")
                .and(predicate::str::contains("nDCG@10 bm25"))
                .and(predicate::str::contains("nDCG@10 stories full"))
                .and(predicate::str::contains("**all** (35)"))
                .and(
                    predicate::str::is_match(
                        r"Hits in the top 10 with no line in the qrels: bm25 \d+, full \d+; stories in the top 10 stories: bm25 \d+, full \d+",
                    )
                    .expect("pattern"),
                ),
        );
}

#[test]
fn a_topic_focus_keeps_the_story_ahead_of_its_vocabulary_elsewhere() {
    use crate::common::{index_json, search_in, temp_archive};
    let (dir, root) = temp_archive();
    // A trade dispute that uses the topic's words more than the Iran story does.
    fs::write(
        root.join("trade.txt"),
        "Tokyo weighs retaliation over tariffs\n\nJapan said it would retaliate if Washington \
         imposed new sanctions on its chipmakers, and officials spoke of retaliation and \
         escalation. The tension over sanctions grew as Washington threatened more sanctions \
         and Tokyo promised retaliation.\n",
    )
    .expect("write");
    fs::write(
        root.join("iran.txt"),
        "Tehran warns of a response\n\nIran's foreign minister said Tehran would answer any new \
         sanctions from Washington, and called the pressure campaign a failure.\n",
    )
    .expect("write");
    let index = dir.path().join("index");
    let (code, _) = index_json(&root, &index, &[]);
    assert_eq!(code, 0);
    // The same words twice: once without a focus, once with Iran as its focus.
    let topic = |name: &str, focus: &str| {
        format!(
            "[[topic]]\nname = \"{name}\"\n{focus}\n[topic.terms]\nsanction = 1.5\n\
             retaliation = 1.2\nretaliate = 1.0\ntension = 0.8\nescalation = 0.8\n\
             washington = 1.0\n[topic.places]\nIran = 1.0\n"
        )
    };
    let file = dir.path().join("mine.toml");
    fs::write(
        &file,
        topic("loose", "") + &topic("focused", "focus = [\"Iran\"]"),
    )
    .expect("write");
    let titles = |topic: &str| -> Vec<String> {
        let doc = search_in(
            &index,
            &[
                "--topics",
                file.to_str().unwrap_or_default(),
                "--topic",
                topic,
            ],
        );
        hits(&doc)
            .iter()
            .map(|h| {
                h["article"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    // Words alone: the trade dispute comes first.
    assert_eq!(titles("loose")[0], "Tokyo weighs retaliation over tariffs");
    // With Iran as the focus, the Iran story does; the other is lowered, not dropped.
    let focused = titles("focused");
    assert_eq!(focused[0], "Tehran warns of a response", "{focused:?}");
    assert!(focused.contains(&"Tokyo weighs retaliation over tariffs".to_string()));
    // A focus the gazetteer does not know is an error naming it.
    fs::write(
        &file,
        "name = \"bad\"\nfocus = [\"Nowhere Atall\"]\n[terms]\noil = 1.0\n",
    )
    .expect("write");
    newsdex()
        .args(["search", "--topic", "bad", "--topics"])
        .arg(&file)
        .arg("--index")
        .arg(&index)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Nowhere Atall"));
}
