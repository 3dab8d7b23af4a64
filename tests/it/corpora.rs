//! Tests on a slice of a real collection in `../shared/corpora` (skipped, with the reason
//! printed, where it is absent). A slice keeps the default test run short; scale belongs to
//! benches.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;

use crate::common::{article_fields, newsdex, search_in, temp_archive};
use flate2::read::MultiGzDecoder;
use serde_json::Value;

/// Articles taken from the start of the collection.
const SLICE: usize = 1500;
/// Reuters-21578 stories about the US Navy strike on Iranian oil platforms, October 1987.
const PLATFORM_STORIES: &[&str] = &["reuters21578-21459", "reuters21578-21149"];

fn reuters() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/reuters21578/articles.jsonl.gz");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

#[test]
fn a_reuters_slice_indexes_and_ranks_the_oil_platform_strike() {
    let Some(source) = reuters() else { return };
    let (dir, root) = temp_archive();
    let reader = BufReader::new(MultiGzDecoder::new(fs::File::open(&source).expect("open")));
    let mut out = fs::File::create(root.join("reuters.jsonl")).expect("create");
    let mut kept = 0;
    for (n, line) in reader.lines().enumerate() {
        let line = line.expect("line");
        if n < SLICE
            || PLATFORM_STORIES
                .iter()
                .any(|id| line.contains(&format!("\"{id}\"")))
        {
            writeln!(out, "{line}").expect("write");
            kept += 1;
        }
    }
    drop(out);
    assert_eq!(kept, SLICE + PLATFORM_STORIES.len());

    let index = dir.path().join("index");
    let output = newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .arg("--json")
        .output()
        .expect("runs");
    let summary: Value = serde_json::from_slice(&output.stdout).expect("summary");
    assert_eq!(summary["articles"], kept as u64);

    let doc = search_in(
        &index,
        &["-n", "5", "US navy attack on Iranian oil platform"],
    );
    let ids = article_fields(&doc, "id");
    assert!(PLATFORM_STORIES.contains(&ids[0]), "top hits: {ids:?}");
    // Iran is a place in the gazetteer: the place filter keeps the platform stories.
    let doc = search_in(&index, &["-n", "50", "--place", "Iran", "oil platform"]);
    let ids = article_fields(&doc, "id");
    assert!(ids.contains(&PLATFORM_STORIES[0]), "{ids:?}");
}
