//! `newsdex bench --scale`: build larger archives from a collection and measure how indexing
//! time, index size, peak memory and query latency grow with the archive.
//!
//! How an archive of N articles is built from a collection of M (a JSON Lines file, gzipped or
//! not, with the keys newsdex reads): copy 0 is the collection itself; copy k ≥ 1 repeats every
//! article with the id `ID~k`, its paragraphs shuffled and, when it has three or more, one of
//! them replaced by a paragraph of another article picked at random. Titles, dates and
//! sources stay. The copies are then shuffled together (a fixed seed: the same N gives the
//! same archive) and the first N written, 5,000 articles a file. So word statistics stay those
//! of real text, passages are real paragraphs, and no two articles are identical.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::indexing::text_bytes;
use super::{QueryBenchOptions, QueryBenchReport, queries, run_queries, system};
use crate::error::{Error, Result};
use crate::index::writer::{IndexOptions, index_folder};
use crate::model::Article;

/// Articles written per file of a built archive: several files let indexing run in parallel.
const ARTICLES_PER_FILE: usize = 5_000;

/// One archive size and what was measured on it.
#[derive(Debug, Clone, Serialize)]
pub struct ScalePoint {
    pub articles: u64,
    pub passages: u64,
    pub text_bytes: u64,
    pub index_seconds: f64,
    pub text_mb_per_second: f64,
    pub articles_per_second: f64,
    /// Peak resident memory of the process while indexing this archive.
    pub peak_memory_bytes: Option<u64>,
    pub index_bytes: u64,
    pub index_to_text_ratio: f64,
    pub queries: QueryBenchReport,
}

/// The whole scale run.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleReport {
    /// The collection the archives were built from (its file name).
    pub corpus: String,
    pub corpus_articles: usize,
    pub points: Vec<ScalePoint>,
}

/// Build an archive of each size in `sizes` (articles) from `corpus` under `work_dir`, index
/// it, run the built-in queries on it, and remove it unless `keep`.
pub fn run_scale(
    corpus: &Path,
    sizes: &[usize],
    work_dir: &Path,
    keep: bool,
    index_options: &IndexOptions,
    query_options: &QueryBenchOptions,
) -> Result<ScaleReport> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(work_dir).map_err(io(work_dir))?;
    let records = read_records(corpus)?;
    if records.is_empty() {
        return Err(Error::Usage(format!(
            "'{}' holds no article: give a JSON Lines collection",
            corpus.display()
        )));
    }
    // Build every archive first, then free the collection, so that the memory measured while
    // indexing is the indexing's own.
    let mut archives: Vec<(usize, PathBuf, u64)> = Vec::new();
    for &size in sizes {
        let dir = work_dir.join(format!("archive-{size}"));
        let text = write_archive(&records, size, &dir)?;
        archives.push((size, dir, text));
    }
    let corpus_articles = records.len();
    drop(records);

    let mut points = Vec::new();
    for (size, dir, text) in archives {
        let index_path = work_dir.join(format!("index-{size}"));
        if index_path.exists() {
            std::fs::remove_dir_all(&index_path).map_err(io(&index_path))?;
        }
        system::reset_peak_rss();
        let report = index_folder(&dir, &index_path, index_options)?;
        let peak_memory_bytes = system::peak_rss_bytes();
        let index_bytes = system::dir_size(&index_path);
        let queries = run_queries(&index_path, &queries::builtin(), query_options)?;
        points.push(ScalePoint {
            articles: report.articles,
            passages: report.passages,
            text_bytes: text,
            index_seconds: report.seconds,
            text_mb_per_second: text as f64 / 1e6 / report.seconds.max(1e-9),
            articles_per_second: report.articles as f64 / report.seconds.max(1e-9),
            peak_memory_bytes,
            index_bytes,
            index_to_text_ratio: index_bytes as f64 / text.max(1) as f64,
            queries,
        });
        if !keep {
            std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
            std::fs::remove_dir_all(&index_path).map_err(io(&index_path))?;
        }
    }
    Ok(ScaleReport {
        corpus: corpus
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        corpus_articles,
        points,
    })
}

/// The records of a JSON Lines file (`.gz` read through gunzip); lines that are not JSON
/// objects are left out.
fn read_records(path: &Path) -> Result<Vec<Map<String, Value>>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut records = Vec::new();
    for line in reader.lines() {
        let line = line.map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if let Ok(Value::Object(record)) = serde_json::from_str(&line) {
            records.push(record);
        }
    }
    Ok(records)
}

/// Write the first `size` articles of the replicated, shuffled collection into `dir` as JSON
/// Lines files; returns the bytes of article text written.
fn write_archive(records: &[Map<String, Value>], size: usize, dir: &Path) -> Result<u64> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io(dir))?;
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut rng = SplitMix64(0x006e_6577_7364_6578);
    let copies = size.div_ceil(records.len());
    let mut order: Vec<(usize, usize)> = (0..copies)
        .flat_map(|copy| (0..records.len()).map(move |i| (copy, i)))
        .collect();
    rng.shuffle(&mut order);
    order.truncate(size);

    let mut text = 0u64;
    for (number, chunk) in order.chunks(ARTICLES_PER_FILE).enumerate() {
        let path = dir.join(format!("part-{number:04}.jsonl"));
        let mut out = BufWriter::new(std::fs::File::create(&path).map_err(io(&path))?);
        for &(copy, i) in chunk {
            let record = edited(records, copy, i, &mut rng);
            text += text_bytes(&Article {
                title: str_of(&record, "title"),
                body: str_of(&record, "body"),
                ..Article::default()
            });
            serde_json::to_writer(&mut out, &record).map_err(|e| io(&path)(e.into()))?;
            out.write_all(b"\n").map_err(io(&path))?;
        }
        out.flush().map_err(io(&path))?;
    }
    Ok(text)
}

/// Copy `copy` of record `i` (see the module documentation).
fn edited(
    records: &[Map<String, Value>],
    copy: usize,
    i: usize,
    rng: &mut SplitMix64,
) -> Map<String, Value> {
    let mut record = records[i].clone();
    if copy == 0 {
        return record;
    }
    let id = str_of(&record, "id");
    record.insert("id".into(), Value::String(format!("{id}~{copy}")));
    let body = str_of(&record, "body");
    let mut paragraphs: Vec<String> = body.split("\n\n").map(str::to_string).collect();
    rng.shuffle(&mut paragraphs);
    if paragraphs.len() >= 3 {
        let other = str_of(&records[rng.below(records.len())], "body");
        let others: Vec<&str> = other.split("\n\n").collect();
        let slot = rng.below(paragraphs.len());
        paragraphs[slot] = others[rng.below(others.len())].to_string();
    }
    record.insert("body".into(), Value::String(paragraphs.join("\n\n")));
    record
}

fn str_of(record: &Map<String, Value>, key: &str) -> String {
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A small, fixed-seed generator (SplitMix64): archives must be the same on every run, and
/// statistical quality hardly matters for shuffling paragraphs.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, body: &str) -> Map<String, Value> {
        let mut r = Map::new();
        r.insert("id".into(), Value::String(id.into()));
        r.insert("title".into(), Value::String(format!("Title {id}")));
        r.insert("body".into(), Value::String(body.into()));
        r
    }

    #[test]
    fn archives_replicate_with_distinct_ids_and_the_same_words() {
        let records = vec![
            record("a", "one.\n\ntwo.\n\nthree."),
            record("b", "four.\n\nfive."),
        ];
        let dir = tempfile::TempDir::new().expect("temp dir");
        let text = write_archive(&records, 5, dir.path()).expect("written");
        let written = std::fs::read_to_string(dir.path().join("part-0000.jsonl")).expect("file");
        let lines: Vec<Map<String, Value>> = written
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines.len(), 5);
        let mut ids: Vec<String> = lines.iter().map(|r| str_of(r, "id")).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5, "{ids:?}");
        assert!(text > 0);
        // Copies of "b" (two paragraphs) keep exactly its paragraphs, in some order.
        for r in lines.iter().filter(|r| str_of(r, "id").starts_with("b~")) {
            let mut p: Vec<String> = str_of(r, "body").split("\n\n").map(String::from).collect();
            p.sort();
            assert_eq!(p, vec!["five.".to_string(), "four.".to_string()]);
        }
        // The same size gives the same archive.
        let again = tempfile::TempDir::new().expect("temp dir");
        write_archive(&records, 5, again.path()).expect("written");
        let second = std::fs::read_to_string(again.path().join("part-0000.jsonl")).expect("file");
        assert_eq!(written, second);
    }
}
