//! `newsdex bench` through the CLI on the indexed sample corpus: the JSON documents' shape,
//! and figures that are positive and ordered. Speed itself is measured by the benches, not
//! asserted here.

use crate::common::{newsdex, sample_corpus, sample_index};
use serde_json::Value;

fn bench_json(args: &[&str]) -> Value {
    let output = newsdex()
        .arg("bench")
        .arg("--json")
        .args(args)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

fn number(value: &Value, key: &str) -> f64 {
    value[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number in {value}"))
}

fn assert_latency_ordered(latency: &Value) {
    let (p50, p95, p99, max) = (
        number(latency, "p50_ms"),
        number(latency, "p95_ms"),
        number(latency, "p99_ms"),
        number(latency, "max_ms"),
    );
    assert!(p50 > 0.0, "{latency}");
    assert!(p50 <= p95 && p95 <= p99 && p99 <= max, "{latency}");
    assert!(number(latency, "mean_ms") <= max, "{latency}");
}

#[test]
fn query_bench_reports_every_builtin_class_with_ordered_percentiles() {
    let index = sample_index().to_string_lossy().into_owned();
    let doc = bench_json(&[
        "--index",
        &index,
        "--repetitions",
        "2",
        "--process-runs",
        "1",
    ]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["kind"], "queries");
    assert_eq!(doc["repetitions"], 2);
    let classes = doc["classes"].as_array().expect("classes");
    let names: Vec<&str> = classes.iter().filter_map(|c| c["class"].as_str()).collect();
    assert_eq!(
        names,
        [
            "keyword", "phrase", "boolean", "filtered", "topic", "question", "overall"
        ]
    );
    let total_queries = number(&doc, "queries") as usize;
    for class in classes {
        assert_latency_ordered(&class["with_snippets"]);
        let without = &class["without_snippets"];
        assert!(number(without, "p50_ms") <= number(&class["with_snippets"], "p50_ms"));
        assert_eq!(
            number(&class["with_snippets"], "samples") as usize,
            2 * number(class, "queries") as usize,
            "{class}"
        );
        let share = number(class, "snippet_share_percent");
        assert!((0.0..=100.0).contains(&share), "{class}");
    }
    assert_eq!(number(&classes[6], "queries") as usize, total_queries);
    assert!(number(&doc["one_thread"], "queries_per_second") > 0.0);
    assert!(number(&doc["all_threads"], "queries_per_second") > 0.0);
    assert!(number(&doc, "index_bytes") > 0.0);
    assert!(number(&doc["process"], "median_ms") > 0.0);
}

#[test]
fn query_file_classes_become_the_report_classes() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let file = dir.path().join("queries.txt");
    std::fs::write(
        &file,
        "# mine\nphrase\t\"Strait of Hormuz\"\nKirkuk rockets\nkeyword\ttanker\n",
    )
    .expect("write");
    let index = sample_index().to_string_lossy().into_owned();
    let doc = bench_json(&[
        "--index",
        &index,
        "--queries",
        &file.to_string_lossy(),
        "--repetitions",
        "3",
        "--process-runs",
        "0",
    ]);
    let names: Vec<&str> = doc["classes"]
        .as_array()
        .expect("classes")
        .iter()
        .filter_map(|c| c["class"].as_str())
        .collect();
    assert_eq!(names, ["keyword", "phrase", "custom", "overall"]);
    assert_eq!(doc["queries"], 3);
    assert!(doc["process"].is_null());
}

#[test]
fn unknown_query_class_is_an_error() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let file = dir.path().join("queries.txt");
    std::fs::write(&file, "fuzzy\tkirkuk\n").expect("write");
    newsdex()
        .arg("bench")
        .arg("--index")
        .arg(sample_index())
        .arg("--queries")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown query class 'fuzzy'"));
}

#[test]
fn index_only_reports_throughput_memory_and_stage_shares() {
    let doc = bench_json(&["--index-only", &sample_corpus().to_string_lossy()]);
    assert_eq!(doc["kind"], "indexing");
    for key in [
        "articles",
        "passages",
        "text_bytes",
        "seconds",
        "text_mb_per_second",
        "articles_per_second",
        "index_bytes",
    ] {
        assert!(number(&doc, key) > 0.0, "{key}: {doc}");
    }
    assert!(number(&doc, "passages") >= number(&doc, "articles"));
    if cfg!(target_os = "linux") {
        assert!(number(&doc, "peak_memory_bytes") > 0.0, "{doc}");
    }
    let stages = &doc["stages"];
    let shares: f64 = ["parse", "analyze", "writer"]
        .iter()
        .map(|s| number(&stages[s], "share_percent"))
        .sum();
    assert!((shares - 100.0).abs() < 0.01, "{stages}");
}
