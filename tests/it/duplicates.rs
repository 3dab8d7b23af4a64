//! Exact copies of a story are indexed once: one article holds the text, the copies keep
//! their own fields (source, url, title) searchable, and search shows the story once.

use std::fs;
use std::path::Path;

use crate::common::{index_json, newsdex, temp_archive};
use serde_json::{Value, json};

const STORY: &str = "Rockets struck the K1 base near Kirkuk on Friday evening, killing a civilian contractor and wounding several service members.\n\nOfficials blamed Kata'ib Hezbollah for the attack and promised a response.";

fn write(root: &Path, name: &str, title: &str, source: &str, body: &str) {
    let article = json!({"title": title, "source": source, "url": format!("https://example.org/{name}"), "body": body});
    fs::write(root.join(name), article.to_string()).expect("write");
}

fn search(index: &Path, args: &[&str]) -> Value {
    let output = newsdex()
        .args(["search", "--json", "-n", "20", "--index"])
        .arg(index)
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).expect("search JSON")
}

fn sources(doc: &Value) -> Vec<String> {
    doc["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["article"]["source"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_story_copied_word_for_word_is_indexed_once_and_its_copies_stay_searchable() {
    let (dir, root) = temp_archive();
    let idx = dir.path().join("index");
    write(
        &root,
        "a.json",
        "Contractor killed at Kirkuk base",
        "Levant Wire",
        STORY,
    );
    // The same words, laid out and cased differently, under another outlet's headline.
    let copy = STORY.replace("\n\n", " ").replace("Kata'ib", "Kata’ib");
    write(
        &root,
        "b.json",
        "Rocket attack kills contractor in Iraq",
        "Gulf Desk",
        &copy,
    );
    write(
        &root,
        "c.json",
        "Storm floods Dubai",
        "Harbour Ledger",
        "Heavy rain flooded roads in Dubai on Tuesday, closing schools and delaying flights.",
    );

    let (code, summary) = index_json(&root, &idx, &[]);
    assert_eq!(code, 0);
    assert_eq!(summary["articles"], 3);
    assert_eq!(summary["duplicates"], 1, "{summary}");
    let passages = summary["passages"].as_u64().unwrap_or(0);
    assert!(passages >= 2);

    // The story's text is found once: one hit, the copy folded into it.
    let doc = search(&idx, &["contractor", "Kirkuk"]);
    let hits = doc["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{doc}");
    assert_eq!(
        hits[0]["duplicates"].as_array().map(Vec::len),
        Some(1),
        "{doc}"
    );
    // The copy's outlet and url stay searchable.
    let by_source = search(&idx, &["--source", "Gulf Desk", "*"]);
    assert_eq!(sources(&by_source), vec!["Gulf Desk"]);
    assert_eq!(
        by_source["hits"][0]["article"]["url"],
        "https://example.org/b.json"
    );

    // When the article holding the text goes, the copy takes over.
    fs::remove_file(root.join("a.json")).expect("rm");
    let (_, after) = index_json(&root, &idx, &[]);
    assert_eq!(after["removed"], 1);
    assert_eq!(after["articles"], 2);
    assert_eq!(after["duplicates"], 0, "{after}");
    let doc = search(&idx, &["contractor", "Kirkuk"]);
    assert_eq!(sources(&doc), vec!["Gulf Desk"]);
    assert!(
        doc["hits"][0]["passage"]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("K1 base")
    );

    // A rebuild gives the same content; a second run has nothing to do.
    let (_, again) = index_json(&root, &idx, &[]);
    assert_eq!(again["files_indexed"], 0, "{again}");
    assert_eq!(again["unchanged"], 2);
}
