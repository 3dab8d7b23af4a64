//! Ingestion through the CLI and the library: each format, the pasted-page layout, bad input.

use std::fs;
use std::path::Path;

use crate::common::{article_fields, gzip, index_json, newsdex, sample_corpus, temp_archive};
use newsdex::ingest::{self, Format, Limits};
use serde_json::Value;
use tempfile::TempDir;

const BODY: &str =
    "Rockets struck the K1 base near Kirkuk on Friday.\n\nOfficials blamed Kata'ib Hezbollah.";

fn search(index: &Path, query: &str) -> Value {
    let output = newsdex()
        .args([
            "search",
            "--json",
            "-n",
            "50",
            "--keep-duplicates",
            "--index",
        ])
        .arg(index)
        .arg(query)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("search JSON")
}

#[test]
fn every_supported_format_is_indexed() {
    // Each article its own text: word-for-word copies would be indexed once (see duplicates).
    let body = |tag: &str| format!("{BODY} Filed as {tag}.");
    let dir = TempDir::new().expect("temp");
    let root = dir.path().join("archive");
    fs::create_dir_all(root.join("nested/deeper")).expect("mkdir");
    fs::write(
        root.join("plain.txt"),
        format!(
            "Plain text title\nBy Ana Ruiz\n2019-12-28\n\n{}",
            body("plain")
        ),
    )
    .expect("write");
    fs::write(
        root.join("nested/front.md"),
        format!(
            "---\ntitle: Markdown title\ndate: 2019-12-29\nsource: Levant Wire\n---\n{}",
            body("markdown")
        ),
    )
    .expect("write");
    let one = serde_json::json!({"headline": "JSON object title", "text": body("object"), "published": "2019-12-30T10:00:00Z", "publication": "Gulf Desk", "link": "https://example.org/1"});
    fs::write(root.join("one.json"), one.to_string()).expect("write");
    let array = serde_json::json!([
        {"title": "Array title one", "content": body("array 1"), "pubDate": "Sun, 29 Dec 2019 20:30:00 +0000"},
        {"title": "Array title two", "content": body("array 2")}
    ]);
    fs::write(root.join("nested/deeper/many.json"), array.to_string()).expect("write");
    let lines: String = (0..3)
        .map(|i| serde_json::json!({"id": format!("jl-{i}"), "title": format!("Lines title {i}"), "body": body(&format!("jl-{i}")), "date": "2020-01-0{i}"}).to_string() + "\n")
        .collect();
    fs::write(root.join("feed.jsonl"), &lines).expect("write");
    fs::write(root.join("feed2.ndjson"), lines.replace("jl-", "nd-")).expect("write");
    fs::write(
        root.join("nested/feed.jsonl.gz"),
        gzip(lines.replace("jl-", "gz-").as_bytes()),
    )
    .expect("write");

    let index = dir.path().join("index");
    let (code, summary) = index_json(&root, &index, &[]);
    assert_eq!(code, 0);
    assert_eq!(summary["files_seen"], 7);
    assert_eq!(summary["files_indexed"], 7);
    assert_eq!(summary["articles"], 1 + 1 + 1 + 2 + 3 + 3 + 3);
    assert!(summary["passages"].as_u64().unwrap_or(0) >= 14);

    let doc = search(&index, "Kirkuk");
    let titles = article_fields(&doc, "title");
    for expected in [
        "Plain text title",
        "Markdown title",
        "JSON object title",
        "Array title two",
        "Lines title 2",
    ] {
        assert!(
            titles.contains(&expected),
            "{expected} not found in {titles:?}"
        );
    }
    let object = doc["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .find(|h| h["article"]["title"] == "JSON object title")
        .expect("hit");
    assert_eq!(object["article"]["source"], "Gulf Desk");
    assert_eq!(object["article"]["url"], "https://example.org/1");
    assert_eq!(object["article"]["date"], "2019-12-30T10:00:00Z");
}

#[test]
fn the_pasted_page_is_read_as_a_reader_sees_it() {
    let path = sample_corpus().join("wire/pasted-k1-rocket-attack.txt");
    let (format, gzip) = Format::detect(&path).expect("format");
    let file = ingest::SourceFile {
        rel: "wire/pasted-k1-rocket-attack.txt".into(),
        size: fs::metadata(&path).expect("metadata").len(),
        path,
        format,
        gzip,
        modified: None,
    };
    let parsed = ingest::parse_file(&file, &Limits::default()).expect("parses");
    let article = &parsed.articles[0];
    assert_eq!(
        article.title,
        "Contractor killed as rocket barrage hits Iraqi base near Kirkuk"
    );
    assert!(
        article
            .standfirst
            .as_deref()
            .unwrap_or_default()
            .starts_with("A U.S. civilian contractor died")
    );
    assert_eq!(article.author.as_deref(), Some("Samir Nasser"));
    assert_eq!(
        article.date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2019-12-28T09:40:00+00:00")
    );
    assert!(article.body.starts_with("An American civilian contractor"));
    // Analysis splits its run-together sentences.
    let analyzed = newsdex::analyze::analyze(article.clone());
    let all: String = analyzed
        .passages
        .iter()
        .map(|p| p.passage.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("several others. The Pentagon said"), "{all}");
    assert!(!all.contains("others.The"));
}

#[test]
fn bad_files_are_skipped_with_reasons_and_good_ones_kept() {
    let (dir, root) = temp_archive();
    fs::write(root.join("good.txt"), format!("Good title\n\n{BODY}")).expect("write");
    fs::write(root.join("empty.txt"), "").expect("write");
    fs::write(root.join("blank.md"), "  \n\n ").expect("write");
    fs::write(
        root.join("binary.txt"),
        [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2, 3],
    )
    .expect("write");
    fs::write(root.join("broken.json"), "{\"title\": \"oops\", ").expect("write");
    let full = gzip(
        format!("{}\n", serde_json::json!({"title": "t", "body": BODY}))
            .repeat(200)
            .as_bytes(),
    );
    fs::write(root.join("truncated.jsonl.gz"), &full[..full.len() / 2]).expect("write");
    fs::write(
        root.join("latin1.txt"),
        b"Caf\xe9 strikes title\n\nThe caf\xe9 near Kirkuk was hit.",
    )
    .expect("write");
    fs::write(root.join("photo.jpg"), [0xffu8, 0xd8, 0xff]).expect("write");
    let mixed = format!(
        "{}\nthis is not json\n{}\n",
        serde_json::json!({"title": "Line one", "body": BODY}),
        serde_json::json!({"title": "Line three", "body": BODY})
    );
    fs::write(root.join("mixed.jsonl"), mixed).expect("write");

    let index = dir.path().join("index");
    let (code, summary) = index_json(&root, &index, &[]);
    assert_eq!(code, 0, "{summary}");
    let kinds: Vec<(String, String)> = summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap_or_default().to_string(),
                s["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    for (path, kind) in [
        ("empty.txt", "empty"),
        ("blank.md", "empty"),
        ("binary.txt", "binary"),
        ("broken.json", "malformed"),
        ("truncated.jsonl.gz", "truncated gzip"),
        ("photo.jpg", "unsupported format"),
    ] {
        assert!(
            kinds.contains(&(path.to_string(), kind.to_string())),
            "{path} not skipped as {kind}: {kinds:?}"
        );
    }
    assert_eq!(kinds.len(), 6);
    // good.txt, latin1.txt (decoded with a warning) and the two good lines of mixed.jsonl
    assert_eq!(summary["articles"], 4);
    let warnings = summary["warnings"].to_string();
    assert!(
        warnings.contains("latin1.txt") && warnings.contains("UTF-8"),
        "{warnings}"
    );
    assert!(
        warnings.contains("mixed.jsonl") && warnings.contains("line 2"),
        "{warnings}"
    );

    // The human summary counts skips by reason, one line each file.
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .assert()
        .code(0)
        .stderr(predicates::str::contains("skipped binary.txt: binary file"))
        .stderr(predicates::str::contains("skipped 6 files: 1 binary, 2 empty, 1 malformed, 1 truncated gzip, 1 unsupported format"));
}

#[test]
fn quiet_prints_nothing_and_reindexing_replaces_content() {
    let (dir, root) = temp_archive();
    fs::write(root.join("a.txt"), format!("First title\n\n{BODY}")).expect("write");
    let index = dir.path().join("new/index/here");
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .arg("--quiet")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    fs::remove_file(root.join("a.txt")).expect("rm");
    fs::write(root.join("b.txt"), format!("Second title\n\n{BODY}")).expect("write");
    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .arg("-q")
        .assert()
        .code(0);
    let doc = search(&index, "Kirkuk");
    let titles = article_fields(&doc, "title");
    assert!(titles.iter().all(|t| *t == "Second title"), "{titles:?}");
    // The environment variable names the index too.
    newsdex()
        .env("NEWSDEX_INDEX", &index)
        .args(["search", "Kirkuk"])
        .assert()
        .code(0);
}

#[test]
fn indexing_a_missing_folder_is_an_error() {
    let dir = TempDir::new().expect("temp");
    newsdex()
        .arg("index")
        .arg(dir.path().join("nope"))
        .arg("--index")
        .arg(dir.path().join("index"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a folder"));
}

#[test]
fn the_sample_corpus_indexes_every_article() {
    let dir = TempDir::new().expect("temp");
    let (code, summary) = index_json(&sample_corpus(), &dir.path().join("index"), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        summary["skipped"].as_array().map(Vec::len),
        Some(0),
        "{summary}"
    );
    assert!(summary["articles"].as_u64().unwrap_or(0) >= 30);
    assert!(summary["passages"].as_u64().unwrap_or(0) > summary["articles"].as_u64().unwrap_or(0));
}
