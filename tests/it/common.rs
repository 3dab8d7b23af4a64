//! Shared helpers: the sample corpus indexed once per test run, and the CLI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use newsdex::index::writer::{IndexOptions, index_folder};
use serde_json::Value;
use tempfile::TempDir;

/// The repository's `sample-corpus/`.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// An index of the sample corpus, built once for all tests that only read it.
pub fn sample_index() -> &'static Path {
    static INDEX: OnceLock<TempDir> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = TempDir::new().expect("temp dir");
            index_folder(&sample_corpus(), dir.path(), &IndexOptions::default())
                .expect("sample corpus indexes");
            dir
        })
        .path()
}

/// A temporary folder holding an empty `archive/` folder to index: the temporary folder
/// (removed when dropped, so keep it for the whole test) and the archive's path.
pub fn temp_archive() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let root = dir.path().join("archive");
    std::fs::create_dir_all(&root).expect("mkdir");
    (dir, root)
}

/// The `newsdex` binary with colour off and no environment index.
pub fn newsdex() -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("binary built");
    cmd.env_remove("NEWSDEX_INDEX").env("NO_COLOR", "1");
    cmd
}

/// Run `newsdex search --json ARGS` on the sample index; returns the exit code and document.
pub fn search_json(args: &[&str]) -> (i32, Value) {
    let output = newsdex()
        .arg("search")
        .arg("--json")
        .arg("--index")
        .arg(sample_index())
        .args(args)
        .output()
        .expect("runs");
    let code = output.status.code().unwrap_or(-1);
    let doc = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "search {args:?} printed no JSON ({err}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (code, doc)
}

/// The hits array of a search document.
pub fn hits(doc: &Value) -> &Vec<Value> {
    doc["hits"].as_array().expect("hits array")
}

/// `path` of the article of each hit.
pub fn hit_paths(doc: &Value) -> Vec<String> {
    hits(doc)
        .iter()
        .map(|h| {
            h["article"]["path"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// `newsdex index DIR --index INDEX --json EXTRA...`: the exit code and the summary.
pub fn index_json(dir: &Path, index: &Path, extra: &[&str]) -> (i32, Value) {
    let output = newsdex()
        .arg("index")
        .arg(dir)
        .arg("--index")
        .arg(index)
        .arg("--json")
        .args(extra)
        .output()
        .expect("runs");
    let summary = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "no JSON summary ({err}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output.status.code().unwrap_or(-1), summary)
}

/// `bytes`, gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// `newsdex search --json --index INDEX ARGS...` on any index: the JSON document.
pub fn search_in(index: &Path, args: &[&str]) -> Value {
    let output = newsdex()
        .args(["search", "--json", "--index"])
        .arg(index)
        .args(args)
        .output()
        .expect("runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "search {args:?} printed no JSON ({err}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The value of one article field (`id`, `title`, `source` ...) of each hit, in rank order.
pub fn article_fields<'a>(doc: &'a Value, field: &str) -> Vec<&'a str> {
    hits(doc)
        .iter()
        .filter_map(|h| h["article"][field].as_str())
        .collect()
}
