//! newsdex against SQLite FTS5, side by side in one run, on the same articles and the same
//! queries, both returning ten results with highlighted text.
//!
//! What is compared: newsdex's `search` (the full ranking, grouping passages by article,
//! highlights) on its index, and an FTS5 table holding the very same passages (newsdex's own
//! passage splitter, so both rank the same units), queried with FTS5's bm25 ranking
//! (`ORDER BY rank`) and `snippet()`. The FTS5 table uses the `porter unicode61` tokenizer
//! (stemming and case folding like newsdex's analyzer); each passage row carries its title
//! and its article's place names, so a place filter is a column filter. Queries are the
//! built-in `newsdex bench` set, each translated to FTS5's syntax by `fts5_query` below: the
//! same words, minus the stop words newsdex drops, OR-ed as newsdex ORs them.
//!
//! Run: `cargo bench --bench vs_fts5`. The collection is `NEWSDEX_BENCH_CORPUS` (a folder or
//! a `.jsonl.gz` file), else Reuters-21578 from the shared corpora when present, else the
//! sample corpus. `NEWSDEX_BENCH_REPETITIONS` sets the timed passes (default 20).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsdex::bench::{Latency, QueryClass, queries};
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, index_folder};
use newsdex::model::MentionKind;
use newsdex::search::{SearchRequest, TopicSet, search};
use rusqlite::Connection;

/// The allocator of the `newsdex` binary, so that the figures are those of what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Lucene's English stop words: what newsdex's analyzer drops, dropped from FTS5 queries too.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

fn main() {
    let repetitions: usize = std::env::var("NEWSDEX_BENCH_REPETITIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let work = tempfile::TempDir::new().expect("temp dir");
    let (corpus, name) = corpus(work.path());
    println!(
        "# newsdex vs SQLite FTS5 — {name}, {repetitions} repetitions, top 10 with highlights"
    );

    // newsdex: index the folder.
    let index_path = work.path().join("newsdex");
    let began = Instant::now();
    let report = index_folder(&corpus, &index_path, &IndexOptions::default()).expect("index");
    let newsdex_load = began.elapsed().as_secs_f64();
    let index = NewsIndex::open(&index_path).expect("open");

    // FTS5: the same passages, loaded in one transaction.
    let db_path = work.path().join("fts5.sqlite");
    let began = Instant::now();
    let db = load_fts5(&corpus, &db_path);
    let fts5_load = began.elapsed().as_secs_f64();
    println!(
        "\narticles {}, passages {}; load: newsdex {:.1} s ({:.1} MB on disk), FTS5 {:.1} s ({:.1} MB on disk)",
        report.articles,
        report.passages,
        newsdex_load,
        newsdex::bench::system::dir_size(&index_path) as f64 / 1e6,
        fts5_load,
        std::fs::metadata(&db_path).map_or(0, |m| m.len()) as f64 / 1e6,
    );

    let set = queries::builtin();
    let mut statement = db
        .prepare(
            "SELECT rowid, title, snippet(passages, 1, '[', ']', '…', 32) FROM passages \
             WHERE passages MATCH ?1 ORDER BY rank LIMIT 10",
        )
        .expect("prepare");
    let requests: Vec<SearchRequest> = set
        .iter()
        .map(|q| {
            let mut r = SearchRequest::new(q.text.clone());
            r.filters = q.filters.clone();
            r
        })
        .collect();
    let matches: Vec<String> = set.iter().map(fts5_query).collect();
    let mut run_fts5 = |m: &str| -> usize {
        statement
            .query_map([m], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .expect("fts5 query")
            .filter_map(Result::ok)
            .count()
    };
    // Warm-up, and the number of results each returns.
    let mut found = Vec::new();
    for (request, m) in requests.iter().zip(&matches) {
        let n = search(&index, request).expect("search").hits.len();
        found.push((n, run_fts5(m)));
    }
    // Timed passes, alternating the engines query by query so that both see the same
    // machine load.
    let mut times: BTreeMap<QueryClass, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for _ in 0..repetitions {
        for ((query, request), m) in set.iter().zip(&requests).zip(&matches) {
            let began = Instant::now();
            std::hint::black_box(search(&index, request).expect("search"));
            let ours = began.elapsed().as_secs_f64();
            let began = Instant::now();
            std::hint::black_box(run_fts5(m));
            let theirs = began.elapsed().as_secs_f64();
            let entry = times.entry(query.class).or_default();
            entry.0.push(ours);
            entry.1.push(theirs);
        }
    }

    println!(
        "\n| class | newsdex p50 ms | FTS5 p50 ms | newsdex p95 ms | FTS5 p95 ms | newsdex/FTS5 (p50) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut all = (Vec::new(), Vec::new());
    for (class, (ours, theirs)) in &times {
        all.0.extend(ours);
        all.1.extend(theirs);
        row(class.as_str(), ours, theirs);
    }
    row("overall", &all.0, &all.1);

    println!("\nqueries (results newsdex / FTS5, and the FTS5 MATCH expression):");
    for ((query, m), (ours, theirs)) in set.iter().zip(&matches).zip(&found) {
        println!(
            "- {} `{}`: {ours} / {theirs} — `{m}`",
            query.class, query.text
        );
    }
}

fn row(class: &str, ours: &[f64], theirs: &[f64]) {
    let (Some(a), Some(b)) = (Latency::from_seconds(ours), Latency::from_seconds(theirs)) else {
        return;
    };
    println!(
        "| {class} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} |",
        a.p50_ms,
        b.p50_ms,
        a.p95_ms,
        b.p95_ms,
        a.p50_ms / b.p50_ms
    );
}

/// The folder to index and its name: a `.jsonl.gz` file is linked into a folder of its own
/// (the shared collections sit beside a README that is not an article).
fn corpus(work: &Path) -> (PathBuf, String) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chosen = std::env::var_os("NEWSDEX_BENCH_CORPUS")
        .map(PathBuf::from)
        .or_else(|| {
            let shared = manifest.join("../shared/corpora/reuters21578/articles.jsonl.gz");
            shared.is_file().then_some(shared)
        });
    match chosen {
        Some(path) if path.is_file() => {
            let dir = work.join("corpus");
            std::fs::create_dir_all(&dir).expect("corpus dir");
            let link = dir.join(path.file_name().expect("file name"));
            std::fs::copy(&path, &link).expect("copy the collection");
            let name = path
                .parent()
                .and_then(Path::file_name)
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            (dir, name)
        }
        Some(path) => (path.clone(), path.display().to_string()),
        None => (manifest.join("sample-corpus"), "sample-corpus".to_string()),
    }
}

/// The same articles as newsdex sees them (its reader, its passage splitter), one FTS5 row a
/// passage.
fn load_fts5(corpus: &Path, db_path: &Path) -> Connection {
    use rayon::prelude::*;
    let db = Connection::open(db_path).expect("sqlite");
    db.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
         CREATE VIRTUAL TABLE passages USING fts5(title, text, places,
             tokenize = 'porter unicode61 remove_diacritics 2');",
    )
    .expect("create");
    let files = newsdex::ingest::discover(corpus).files;
    let rows: Vec<(String, String, String)> = files
        .par_iter()
        .filter_map(|f| newsdex::ingest::parse_file(f, &Default::default()).ok())
        .flat_map_iter(|parsed| parsed.articles)
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|article| {
            let analyzed = newsdex::analyze::analyze(article);
            let mut places: Vec<String> = analyzed
                .passages
                .iter()
                .flat_map(|p| &p.mentions)
                .filter(|m| m.kind == MentionKind::Place)
                .flat_map(|m| {
                    m.facet
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                })
                .collect();
            places.sort();
            places.dedup();
            let places = places.join(" ");
            let title = analyzed.article.title.clone();
            analyzed
                .passages
                .into_iter()
                .map(move |p| (title.clone(), p.passage.text, places.clone()))
        })
        .collect();
    let tx = db.unchecked_transaction().expect("transaction");
    {
        let mut insert = tx
            .prepare("INSERT INTO passages (title, text, places) VALUES (?1, ?2, ?3)")
            .expect("prepare insert");
        for (title, text, places) in &rows {
            insert.execute([title, text, places]).expect("insert");
        }
    }
    tx.commit().expect("commit");
    db.execute_batch("INSERT INTO passages(passages) VALUES('optimize');")
        .expect("optimize");
    db
}

/// One word as an FTS5 term: letters and digits only; a word with an inner apostrophe
/// (`kata'ib`) is the phrase of its parts, as FTS5's tokenizer splits it.
fn fts5_word(word: &str) -> Option<String> {
    let parts: Vec<String> = word
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect();
    match parts.len() {
        0 => None,
        1 if STOP_WORDS.contains(&parts[0].as_str()) => None,
        1 => Some(parts[0].clone()),
        _ => Some(format!("\"{}\"", parts.join(" "))),
    }
}

/// A built-in query in FTS5's syntax: the same words, OR-ed (newsdex ORs plain words),
/// `+word` required, `-word` excluded, phrases kept, a topic as the OR of its words, a place
/// filter as a `places` column filter. Queries already in AND/OR form pass through.
fn fts5_query(query: &queries::BenchQuery) -> String {
    let text = query.text.as_str();
    let expression = if text.contains(" AND ") || text.contains(" OR ") {
        text.to_lowercase()
            .replace(" and ", " AND ")
            .replace(" or ", " OR ")
    } else {
        let (mut required, mut optional, mut excluded) = (Vec::new(), Vec::new(), Vec::new());
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                optional.push(format!("\"{}\"", part.to_lowercase()));
                continue;
            }
            for word in part.split_whitespace() {
                if let Some(name) = word.strip_prefix("topic:") {
                    let topic = TopicSet::builtin().resolve(name).expect("built-in topic");
                    optional.extend(topic.plain_words.split_whitespace().filter_map(fts5_word));
                } else if let Some(w) = word.strip_prefix('+') {
                    required.extend(fts5_word(w));
                } else if let Some(w) = word.strip_prefix('-') {
                    excluded.extend(fts5_word(w));
                } else {
                    optional.extend(fts5_word(word));
                }
            }
        }
        optional.sort();
        optional.dedup();
        let mut expression = if required.is_empty() {
            optional.join(" OR ")
        } else {
            required.join(" AND ")
        };
        for word in excluded {
            expression = format!("({expression}) NOT {word}");
        }
        expression
    };
    match query.filters.places.first() {
        Some(place) => format!("places : {} AND ({expression})", place.to_lowercase()),
        None => expression,
    }
}
