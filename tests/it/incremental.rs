//! Re-indexing a changed folder: only the work that changed, deletions applied, batches
//! committed so that a killed run loses nothing and the next run completes it.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::{index_json, newsdex, temp_archive};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

fn article(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}\n")
}

fn index(root: &Path, index: &Path, extra: &[&str]) -> Value {
    let (code, summary) = index_json(root, index, extra);
    assert_eq!(code, 0, "{summary}");
    summary
}

fn titles(index: &Path, query: &str) -> Vec<String> {
    let output = newsdex()
        .args(["search", "--json", "-n", "100", "--index"])
        .arg(index)
        .arg(query)
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    let mut titles: Vec<String> = doc["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["article"]["title"].as_str().map(str::to_string))
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

/// Write `files` articles of about 40 KB each, so that 1 MiB batches make many commits.
fn write_archive(root: &Path, files: usize, sentence: &str) {
    fs::create_dir_all(root).expect("mkdir");
    let body = format!("{}\n\n", sentence.repeat(30)).repeat(11);
    for i in 0..files {
        fs::write(
            root.join(format!("a{i:04}.txt")),
            article(&format!("Story {i}"), &body),
        )
        .expect("write");
    }
}

/// Start `newsdex index` with 1 MiB batches in the background.
fn spawn_index_in_small_batches(root: &Path, index: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .arg("index")
        .arg(root)
        .arg("--index")
        .arg(index)
        .args(["--quiet", "--batch-size", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

/// Whether the index has a commit from a batch (its manifest is named in `meta.json`).
fn has_batch_commit(index: &Path) -> bool {
    fs::read_to_string(index.join("meta.json")).is_ok_and(|m| m.contains("manifest-"))
}

fn counts(summary: &Value) -> [u64; 5] {
    ["added", "updated", "removed", "unchanged", "files_indexed"]
        .map(|k| summary[k].as_u64().unwrap_or(u64::MAX))
}

#[test]
fn a_second_run_does_only_what_changed() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    fs::write(
        root.join("keep.txt"),
        article("Keep", "Rockets hit Camp Taji north of Baghdad."),
    )
    .expect("write");
    fs::write(
        root.join("edit.txt"),
        article("Edit before", "Rockets hit the Green Zone."),
    )
    .expect("write");
    fs::write(
        root.join("gone.txt"),
        article("Gone", "Rockets hit Erbil airport."),
    )
    .expect("write");

    let first = index(&root, &idx, &[]);
    assert_eq!(counts(&first), [3, 0, 0, 0, 3]);
    assert_eq!(first["articles"], 3);

    let again = index(&root, &idx, &[]);
    assert_eq!(counts(&again), [0, 0, 0, 3, 0], "{again}");
    assert_eq!(again["articles"], 3);
    assert_eq!(again["bytes"], 0, "an unchanged folder is not read");

    fs::write(
        root.join("edit.txt"),
        article(
            "Edit after",
            "Rockets hit the Green Zone again, officials said.",
        ),
    )
    .expect("write");
    fs::remove_file(root.join("gone.txt")).expect("rm");
    fs::write(
        root.join("new.txt"),
        article("New", "Rockets hit Ain al-Asad."),
    )
    .expect("write");
    let changed = index(&root, &idx, &[]);
    assert_eq!(counts(&changed), [1, 1, 1, 1, 2], "{changed}");
    assert_eq!(changed["articles"], 3);
    assert_eq!(titles(&idx, "rockets"), vec!["Edit after", "Keep", "New"]);

    // Touched but not changed: read, found identical, not re-indexed.
    let content = fs::read(root.join("keep.txt")).expect("read");
    sleep(Duration::from_millis(20));
    fs::write(root.join("keep.txt"), content).expect("write");
    let touched = index(&root, &idx, &[]);
    assert_eq!(counts(&touched), [0, 0, 0, 3, 0], "{touched}");
    assert!(
        touched["bytes"].as_u64().unwrap_or(0) > 0,
        "the touched file was read"
    );

    let rebuilt = index(&root, &idx, &["--rebuild"]);
    assert_eq!(rebuilt["files_indexed"], 3);
    assert_eq!(titles(&idx, "rockets"), vec!["Edit after", "Keep", "New"]);
}

#[test]
fn a_file_that_turns_bad_loses_its_passages() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    fs::write(
        root.join("a.json"),
        r#"{"title": "Was fine", "body": "Drone strike near Al-Qaim."}"#,
    )
    .expect("write");
    index(&root, &idx, &[]);
    assert_eq!(titles(&idx, "drone"), vec!["Was fine"]);
    fs::write(root.join("a.json"), r#"{"title": "Was fine", "body": "#).expect("write");
    let summary = index(&root, &idx, &[]);
    assert_eq!(summary["removed"], 1);
    assert_eq!(summary["skipped"][0]["kind"], "malformed");
    assert!(titles(&idx, "drone").is_empty());
}

#[test]
fn strict_turns_skips_into_a_failing_exit() {
    let (dir, root) = temp_archive();
    fs::write(root.join("good.txt"), article("Good", "Text.")).expect("write");
    fs::write(root.join("empty.txt"), "").expect("write");
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg("--strict")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--strict"));
    // The good file was indexed all the same.
    assert_eq!(titles(&dir.path().join("index"), "text"), vec!["Good"]);
}

#[test]
fn a_second_writer_fails_fast() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    fs::write(root.join("a.txt"), article("A", "Text.")).expect("write");
    index(&root, &idx, &[]);
    let open = newsdex::index::NewsIndex::open(&idx).expect("open");
    let _writer: tantivy::IndexWriter = open.index.writer(50_000_000).expect("first writer");
    let started = Instant::now();
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "another `newsdex index` is writing",
        ));
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_killed_run_leaves_a_searchable_index_and_the_next_run_completes_it() {
    const FILES: usize = 400;
    let dir = TempDir::new().expect("temp");
    let root = dir.path().join("archive");
    let idx = dir.path().join("index");
    // About 16 MB in 400 files, so that 1 MiB batches make dozens of commits.
    write_archive(
        &root,
        FILES,
        "Rockets struck the base near Kirkuk late on Friday, officials in Baghdad said, and the militia denied any role. ",
    );
    let mut child = spawn_index_in_small_batches(&root, &idx);
    // Kill it as soon as a first batch is committed (its manifest is named in meta.json).
    let started = Instant::now();
    loop {
        if has_batch_commit(&idx) || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        sleep(Duration::from_millis(5));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();

    // The index opens and answers, with what was committed.
    let output = newsdex()
        .args(["search", "--json", "-n", "1", "--index"])
        .arg(&idx)
        .arg("kirkuk")
        .output()
        .expect("runs");
    assert!(
        matches!(output.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    let before = doc["total_hits"].as_u64().unwrap_or(0);

    // The next run finishes the work: every article present exactly once.
    let summary = index(&root, &idx, &[]);
    assert_eq!(summary["articles"], FILES as u64, "{summary}");
    let (redone, kept) = (
        summary["files_indexed"].as_u64().unwrap_or(0),
        summary["unchanged"].as_u64().unwrap_or(0),
    );
    assert_eq!(redone + kept, FILES as u64);
    // The kill really landed mid-run: some files were committed, some left to do.
    assert!(kept > 0 && redone > 0, "kept {kept}, redone {redone}");
    assert!(before > 0, "the first batch was searchable");
    let output = newsdex()
        .args(["search", "--json", "-n", "1", "--index"])
        .arg(&idx)
        .arg("kirkuk")
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    let after = doc["total_hits"].as_u64().unwrap_or(0);
    assert!(after >= before);
    assert_eq!(
        after,
        summary["passages"].as_u64().unwrap_or(0),
        "each passage mentions Kirkuk once indexed"
    );
}

#[test]
fn an_index_from_another_version_asks_for_rebuild_and_rebuild_replaces_it() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    fs::write(root.join("a.txt"), article("A", "Rockets hit Erbil.")).expect("write");
    index(&root, &idx, &[]);
    let meta_path = idx.join("newsdex.json");
    let meta = fs::read_to_string(&meta_path).expect("newsdex.json");
    let old = meta.replace(
        &format!(
            "\"schema_version\": {}",
            newsdex::index::schema::SCHEMA_VERSION
        ),
        "\"schema_version\": 1",
    );
    assert_ne!(meta, old);
    fs::write(&meta_path, old).expect("write");
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--rebuild"));
    let rebuilt = index(&root, &idx, &["--rebuild"]);
    assert_eq!(rebuilt["articles"], 1);
    assert_eq!(titles(&idx, "erbil"), vec!["A"]);
}

#[test]
fn a_new_field_mapping_reads_every_file_again() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    fs::write(
        root.join("a.json"),
        r#"{"title": "Generic title", "hed": "Rockets hit Erbil airport", "body": "Rockets hit Erbil."}"#,
    )
    .expect("write");
    index(&root, &idx, &[]);
    assert_eq!(titles(&idx, "erbil"), vec!["Generic title"]);
    let remapped = index(&root, &idx, &["--map", "title=hed"]);
    assert_eq!(remapped["updated"], 1, "{remapped}");
    assert_eq!(titles(&idx, "erbil"), vec!["Rockets hit Erbil airport"]);
    let again = index(&root, &idx, &["--map", "title=hed"]);
    assert_eq!(again["unchanged"], 1, "{again}");
}

#[test]
fn searching_while_indexing_sees_the_last_commit() {
    const FILES: usize = 300;
    let dir = TempDir::new().expect("temp");
    let root = dir.path().join("archive");
    let idx = dir.path().join("index");
    write_archive(
        &root,
        FILES,
        "Drones struck a convoy near Al-Bukamal on Tuesday, a monitoring group said, and the militia vowed revenge. ",
    );
    let mut child = spawn_index_in_small_batches(&root, &idx);
    let started = Instant::now();
    while !has_batch_commit(&idx) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no commit within two minutes"
        );
        sleep(Duration::from_millis(5));
    }
    // The writer is still running: a search opens the index and finds the committed part.
    let output = newsdex()
        .args(["search", "--json", "-n", "1", "--index"])
        .arg(&idx)
        .arg("drones convoy")
        .output()
        .expect("runs");
    let still_running = child.try_wait().expect("wait").is_none();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    assert!(doc["total_hits"].as_u64().unwrap_or(0) > 0);
    let status = child.wait().expect("wait");
    assert!(status.success());
    assert!(
        still_running,
        "the index run ended before the search: the test proved nothing"
    );
    let summary = index(&root, &idx, &[]);
    assert_eq!(summary["articles"], FILES as u64);
    assert_eq!(summary["unchanged"], FILES as u64);
}

/// Every article's passages are consecutive documents of one segment, in order, with the
/// article's stored fields on the first: search finds an article's passages from a passage's
/// position and its article's passage count. Checked after parallel indexing in many small
/// batches (many segments, merged), an update and a deletion.
#[test]
fn an_articles_passages_stay_consecutive_through_updates_and_merges() {
    use tantivy::schema::Value as _;
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    // Articles of 1 to 6 paragraphs long enough to be passages of their own, each naming its
    // story and its paragraph.
    let write = |i: usize, version: &str| {
        let paragraphs: Vec<String> = (0..1 + i % 6)
            .map(|k| {
                format!("Marker s{i}p{k}{version}. ")
                    + &"Rockets struck the base near Kirkuk, officials said. ".repeat(10)
            })
            .collect();
        fs::write(
            root.join(format!("s{i:03}.txt")),
            article(&format!("Story {i}"), &paragraphs.join("\n\n")),
        )
        .expect("write");
    };
    for i in 0..120 {
        write(i, "");
    }
    let run = || {
        let (code, summary) = crate::common::index_json(&root, &idx, &["--batch-size", "1"]);
        assert_eq!(code, 0, "{summary}");
    };
    run();
    for i in (0..120).step_by(7) {
        write(i, "v2");
    }
    for i in (3..120).step_by(11) {
        fs::remove_file(root.join(format!("s{i:03}.txt"))).ok();
    }
    run();

    let index = newsdex::index::NewsIndex::open(&idx).expect("open");
    let fields = &index.fields;
    let searcher = index.reader().expect("reader").searcher();
    let mut articles = 0;
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let positions = reader.fast_fields().u64("position").expect("position");
        let counts = reader.fast_fields().u64("passages").expect("passages");
        for doc in reader.doc_ids_alive() {
            let position = positions.first(doc).expect("a position");
            if position != 0 {
                continue;
            }
            articles += 1;
            let count = counts.first(doc).expect("a passage count") as u32;
            let first: tantivy::TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(segment as u32, doc))
                .expect("doc");
            let stored = newsdex::index::schema::StoredArticle::from_doc(&first, fields)
                .expect("the first passage stores its article");
            let story = stored.title.trim_start_matches("Story ").to_string();
            let i: usize = story.parse().expect("a story number");
            let version = if i.is_multiple_of(7) { "v2" } else { "" };
            let mut whole = String::new();
            for k in 0..count {
                let d = doc + k;
                assert!(reader.alive_bitset().is_none_or(|a| a.is_alive(d)));
                assert_eq!(positions.first(d), Some(u64::from(k)), "story {i}");
                assert_eq!(counts.first(d), Some(u64::from(count)), "story {i}");
                let passage: tantivy::TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(segment as u32, d))
                    .expect("doc");
                whole.push_str(
                    passage
                        .get_first(fields.text)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default(),
                );
            }
            // The story's paragraphs, all of them, in order, and nothing else.
            let paragraphs = 1 + i % 6;
            assert_eq!(whole.matches("Marker s").count(), paragraphs, "{whole}");
            let mut from = 0;
            for k in 0..paragraphs {
                let marker = format!("Marker s{i}p{k}{version}.");
                let at = whole[from..]
                    .find(&marker)
                    .unwrap_or_else(|| panic!("{marker} in order in {whole}"));
                from += at + marker.len();
            }
        }
    }
    let expected = (0..120).filter(|i| i < &3 || (i - 3) % 11 != 0).count();
    assert_eq!(articles, expected);
}

/// Rewrite the manifest the index's last commit names with another `analysis`, as an index
/// built by an older newsdex (other built-in places or rules) would have it.
fn pretend_built_by_another_analysis(index: &Path) {
    use std::io::Read;
    let manifest = fs::read_dir(index)
        .expect("index folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("manifest-") && n.ends_with(".json.gz"))
        })
        .expect("a manifest");
    let mut text = String::new();
    flate2::read::GzDecoder::new(fs::File::open(&manifest).expect("open"))
        .read_to_string(&mut text)
        .expect("gunzip");
    let mut doc: Value = serde_json::from_str(&text).expect("manifest JSON");
    assert!(
        doc["analysis"]
            .as_str()
            .is_some_and(|a| a.starts_with("newsdex ")),
        "the manifest records its analysis: {doc}"
    );
    doc["analysis"] = Value::from("newsdex 0.0.0 data 0000000000000000");
    fs::write(&manifest, crate::common::gzip(doc.to_string().as_bytes())).expect("write");
}

#[test]
fn an_index_built_with_another_analysis_is_analysed_again() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    write_archive(&root, 3, "Rockets hit Camp Taji north of Baghdad.");
    let first = index(&root, &idx, &[]);
    assert_eq!(first["reanalysed"], false);
    assert_eq!(counts(&index(&root, &idx, &[]))[3], 3, "nothing to do");

    // Unchanged files, but their passages and names came from another analysis.
    pretend_built_by_another_analysis(&idx);
    let again = index(&root, &idx, &[]);
    assert_eq!(again["reanalysed"], true, "{again}");
    assert_eq!(counts(&again), [0, 3, 0, 0, 3], "{again}");
    assert_eq!(again["articles"], first["articles"]);
    let summary = human_summary(&root, &idx);
    assert!(
        summary.contains("files: 3 seen") && !summary.contains("analysed again"),
        "{summary}"
    );
    // The human summary says why every file was read.
    pretend_built_by_another_analysis(&idx);
    let summary = human_summary(&root, &idx);
    assert!(
        summary.contains("every file was analysed again"),
        "{summary}"
    );
}

/// The human summary of `newsdex index ROOT --index IDX` (on standard error); the run must
/// succeed.
fn human_summary(root: &Path, idx: &Path) -> String {
    let output = newsdex()
        .arg("index")
        .arg(root)
        .arg("--index")
        .arg(idx)
        .output()
        .expect("runs");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Make the index look as one written before manifests named their analysis: the manifest
/// file renamed without its tag, and the commit payload naming it so.
fn pretend_made_before_analysis_tags(index: &Path) {
    let meta_path = index.join("meta.json");
    let mut meta: Value =
        serde_json::from_str(&fs::read_to_string(&meta_path).expect("meta.json")).expect("JSON");
    let name = meta["payload"].as_str().expect("a payload").to_string();
    let (stamp, _tag) = name
        .trim_end_matches(".json.gz")
        .rsplit_once('-')
        .expect("a tagged name");
    let old = format!("{stamp}.json.gz");
    fs::rename(index.join(&name), index.join(&old)).expect("rename");
    meta["payload"] = Value::from(old);
    fs::write(&meta_path, meta.to_string()).expect("write meta.json");
}

#[test]
fn a_search_warns_when_the_index_was_made_with_another_analysis() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    write_archive(&root, 2, "Rockets hit Camp Taji north of Baghdad.");
    index(&root, &idx, &[]);
    let warnings = |idx: &Path| -> Vec<String> {
        let doc = crate::common::search_in(idx, &["rockets"]);
        doc["warnings"]
            .as_array()
            .map(|w| {
                w.iter()
                    .filter_map(|w| w.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(warnings(&idx).is_empty());
    pretend_made_before_analysis_tags(&idx);
    let stale = warnings(&idx);
    assert!(
        stale
            .iter()
            .any(|w| w.contains("run `newsdex index DIR` again")),
        "{stale:?}"
    );
    // The next run analyses it anew, and the warning goes.
    assert_eq!(index(&root, &idx, &[])["reanalysed"], true);
    assert!(warnings(&idx).is_empty());
}
