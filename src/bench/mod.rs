//! Benchmarks a user can run on their own archive (`newsdex bench`): query latency by query
//! class, throughput on one and on all threads, the share of snippets in a query's time
//! ([`run_queries`]); indexing throughput, peak memory and where the time goes
//! ([`indexing`]); and how all of it grows with the archive's size ([`scale`]).
//!
//! Latencies are wall-clock times of [`crate::search::search`], the same call `newsdex
//! search` makes, on an index whose reader is opened (and its files in the page cache) by a
//! warm-up pass first: what a long-running process or a repeated search sees.

pub mod indexing;
pub mod queries;
pub mod report;
pub mod scale;
pub mod system;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::search::snippet::Highlighter;
use crate::search::topics::positioned_terms;
use crate::search::{SearchRequest, TopicSet, search};
pub use queries::{BenchQuery, QueryClass};

/// How to run a query benchmark.
#[derive(Debug, Clone)]
pub struct QueryBenchOptions {
    /// Untimed passes over the whole set before timing.
    pub warmup: usize,
    /// Timed passes over the whole set.
    pub repetitions: usize,
    /// Articles asked for per query (`-n`).
    pub limit: usize,
    /// Threads for the all-threads throughput pass.
    pub threads: usize,
    /// The `newsdex` executable to time one-off `newsdex search` processes with; `None`
    /// skips that measurement.
    pub executable: Option<std::path::PathBuf>,
    /// One-off processes to start (their median is reported).
    pub process_runs: usize,
}

impl Default for QueryBenchOptions {
    fn default() -> Self {
        QueryBenchOptions {
            warmup: 1,
            repetitions: 20,
            limit: 10,
            threads: system::available_threads(),
            executable: None,
            process_runs: 5,
        }
    }
}

/// Latency figures of a set of timed searches, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Latency {
    pub samples: usize,
    pub mean_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Latency {
    /// Nearest-rank percentiles of `samples` (seconds); `None` when there are none.
    pub fn from_seconds(samples: &[f64]) -> Option<Latency> {
        if samples.is_empty() {
            return None;
        }
        let mut sorted: Vec<f64> = samples.iter().map(|s| s * 1000.0).collect();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let index = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
            sorted[index.clamp(1, sorted.len()) - 1]
        };
        Some(Latency {
            samples: sorted.len(),
            mean_ms: sorted.iter().sum::<f64>() / sorted.len() as f64,
            p50_ms: rank(50.0),
            p95_ms: rank(95.0),
            p99_ms: rank(99.0),
            max_ms: sorted[sorted.len() - 1],
        })
    }
}

/// The figures of one query class (or of all queries: class `overall`).
#[derive(Debug, Clone, Serialize)]
pub struct ClassReport {
    pub class: String,
    pub queries: usize,
    /// Whole searches, as `newsdex search` runs them: ranking, fetching and snippets.
    pub with_snippets: Latency,
    /// The same searches less the time spent building their snippets (highlighting the
    /// returned passages), measured on the same runs.
    pub without_snippets: Latency,
    /// Mean share of the search time spent on snippets, in percent.
    pub snippet_share_percent: f64,
}

/// Queries per second over the whole set.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Throughput {
    pub threads: usize,
    pub queries_per_second: f64,
}

/// A one-off `newsdex search` process, as a user at the terminal waits for it.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessTiming {
    pub query: String,
    pub runs: usize,
    pub median_ms: f64,
    pub max_ms: f64,
}

/// What a query benchmark measured.
#[derive(Debug, Clone, Serialize)]
pub struct QueryBenchReport {
    pub index: String,
    pub articles: Option<u64>,
    pub passages: Option<u64>,
    pub index_bytes: u64,
    pub queries: usize,
    pub warmup: usize,
    pub repetitions: usize,
    pub limit: usize,
    /// Per class, in the order of [`QueryClass::ALL`], then `overall`.
    pub classes: Vec<ClassReport>,
    pub one_thread: Throughput,
    pub all_threads: Throughput,
    pub process: Option<ProcessTiming>,
    /// Queries that found nothing on this index (their times still count).
    pub empty_queries: Vec<String>,
}

/// One timed search: total time, and the part of it spent on snippets.
#[derive(Debug, Clone, Copy)]
struct Sample {
    total: f64,
    snippets: f64,
}

/// Run `queries` against the index at `index_path` and report latency per class.
pub fn run_queries(
    index_path: &Path,
    queries: &[BenchQuery],
    options: &QueryBenchOptions,
) -> Result<QueryBenchReport> {
    if queries.is_empty() {
        return Err(Error::Usage("no query to run".to_string()));
    }
    let index = NewsIndex::open(index_path)?;
    let requests: Vec<SearchRequest> = queries
        .iter()
        .map(|q| {
            let mut request = SearchRequest::new(q.text.clone());
            request.filters = q.filters.clone();
            request.limit = options.limit;
            request
        })
        .collect();
    let mut highlighters: Vec<Highlighter> =
        queries.iter().map(|q| highlighter_for(&q.text)).collect();

    let mut empty_queries = Vec::new();
    for pass in 0..options.warmup.max(1) {
        for (query, request) in queries.iter().zip(&requests) {
            let results = search(&index, request)
                .map_err(|err| Error::Usage(format!("query '{}': {err}", query.text)))?;
            if pass == 0 && results.hits.is_empty() {
                empty_queries.push(query.text.clone());
            }
        }
    }

    // Timed passes, one thread. Each search is followed (untimed by the search itself) by
    // highlighting its returned passages once more with an equivalent highlighter: that time
    // is the snippets' share, subtracted for the "without snippets" figures. Measuring it
    // beside the search keeps `search` itself unchanged.
    let mut samples: Vec<(QueryClass, Sample)> = Vec::new();
    let mut search_time = Duration::ZERO;
    for _ in 0..options.repetitions.max(1) {
        for ((query, request), highlighter) in
            queries.iter().zip(&requests).zip(highlighters.iter_mut())
        {
            let begun = Instant::now();
            let results = search(&index, request)?;
            let total = begun.elapsed();
            search_time += total;
            let begun = Instant::now();
            for hit in &results.hits {
                std::hint::black_box(highlighter.highlights(&hit.passage.text));
            }
            let snippets = begun.elapsed().as_secs_f64().min(total.as_secs_f64());
            samples.push((
                query.class,
                Sample {
                    total: total.as_secs_f64(),
                    snippets,
                },
            ));
        }
    }
    let one_thread = Throughput {
        threads: 1,
        queries_per_second: samples.len() as f64 / search_time.as_secs_f64().max(1e-9),
    };
    let all_threads = throughput(&index, &requests, options)?;

    let mut by_class: BTreeMap<QueryClass, Vec<Sample>> = BTreeMap::new();
    for (class, sample) in &samples {
        by_class.entry(*class).or_default().push(*sample);
    }
    let mut classes: Vec<ClassReport> = by_class
        .iter()
        .filter_map(|(class, samples)| {
            let count = queries.iter().filter(|q| q.class == *class).count();
            class_report(class.as_str(), count, samples)
        })
        .collect();
    let all: Vec<Sample> = samples.iter().map(|(_, s)| *s).collect();
    classes.extend(class_report("overall", queries.len(), &all));

    let process = match &options.executable {
        Some(exe) if options.process_runs > 0 => Some(time_process(
            exe,
            index_path,
            &queries[0].text,
            options.process_runs,
        )?),
        _ => None,
    };
    let meta = index.meta();
    Ok(QueryBenchReport {
        index: index_path.display().to_string(),
        articles: meta.as_ref().map(|m| m.articles),
        passages: meta.as_ref().map(|m| m.passages),
        index_bytes: system::dir_size(index_path),
        queries: queries.len(),
        warmup: options.warmup,
        repetitions: options.repetitions.max(1),
        limit: options.limit,
        classes,
        one_thread,
        all_threads,
        process,
        empty_queries,
    })
}

fn class_report(class: &str, queries: usize, samples: &[Sample]) -> Option<ClassReport> {
    let with: Vec<f64> = samples.iter().map(|s| s.total).collect();
    let without: Vec<f64> = samples.iter().map(|s| s.total - s.snippets).collect();
    let total: f64 = with.iter().sum();
    let snippets: f64 = samples.iter().map(|s| s.snippets).sum();
    Some(ClassReport {
        class: class.to_string(),
        queries,
        with_snippets: Latency::from_seconds(&with)?,
        without_snippets: Latency::from_seconds(&without)?,
        snippet_share_percent: if total > 0.0 {
            100.0 * snippets / total
        } else {
            0.0
        },
    })
}

/// The whole set `repetitions` times over, split between `threads` threads sharing one index
/// (and one reader, as a server would).
fn throughput(
    index: &NewsIndex,
    requests: &[SearchRequest],
    options: &QueryBenchOptions,
) -> Result<Throughput> {
    let threads = options.threads.max(1);
    let jobs: Vec<&SearchRequest> = (0..options.repetitions.max(1))
        .flat_map(|_| requests.iter())
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    let outcome: Result<()> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(request) = jobs.get(i) else {
                            return Ok(());
                        };
                        std::hint::black_box(search(index, request)?);
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(Error::Usage("a benchmark thread panicked".to_string())))
        })
    });
    outcome?;
    Ok(Throughput {
        threads,
        queries_per_second: jobs.len() as f64 / started.elapsed().as_secs_f64().max(1e-9),
    })
}

/// A highlighter for what `text` asks for: its words, its quoted phrases and the words of a
/// `topic:NAME` it names (built-in topics), as the search highlights them.
fn highlighter_for(text: &str) -> Highlighter {
    let mut terms: Vec<String> = Vec::new();
    let mut phrases: Vec<Vec<(usize, String)>> = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            phrases.push(positioned_terms(part));
        }
        for word in part.split_whitespace() {
            match word.strip_prefix("topic:") {
                Some(name) => {
                    if let Ok(topic) = TopicSet::builtin().resolve(name) {
                        terms.extend(topic.terms.into_iter().map(|(t, _)| t));
                        phrases.extend(topic.phrases.into_iter().map(|(p, _)| p));
                    }
                }
                None => terms.extend(positioned_terms(word).into_iter().map(|(_, t)| t)),
            }
        }
    }
    Highlighter::from_parts(terms, phrases)
}

/// Start `newsdex search QUERY` as a fresh process `runs` times and time each run to its exit.
fn time_process(exe: &Path, index: &Path, query: &str, runs: usize) -> Result<ProcessTiming> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let begun = Instant::now();
        let status = Command::new(exe)
            .args(["search", "--color", "never", "--index"])
            .arg(index)
            .arg(query)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|source| Error::Io {
                path: exe.to_path_buf(),
                source,
            })?;
        times.push(begun.elapsed().as_secs_f64());
        if status.code().is_none_or(|code| code > 1) {
            return Err(Error::Usage(format!(
                "`newsdex search` failed on '{query}' ({status})"
            )));
        }
    }
    let latency = Latency::from_seconds(&times).ok_or_else(|| Error::Usage("no run".into()))?;
    Ok(ProcessTiming {
        query: query.to_string(),
        runs,
        median_ms: latency.p50_ms,
        max_ms: latency.max_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank_and_ordered() {
        let samples: Vec<f64> = (1..=100).map(|i| i as f64 / 1000.0).collect();
        let l = Latency::from_seconds(&samples).expect("samples");
        assert_eq!(l.samples, 100);
        assert!((l.p50_ms - 50.0).abs() < 1e-9, "{l:?}");
        assert!((l.p95_ms - 95.0).abs() < 1e-9, "{l:?}");
        assert!((l.p99_ms - 99.0).abs() < 1e-9, "{l:?}");
        assert!((l.max_ms - 100.0).abs() < 1e-9, "{l:?}");
        let one = Latency::from_seconds(&[0.002]).expect("one sample");
        assert_eq!((one.p50_ms, one.p99_ms, one.max_ms), (2.0, 2.0, 2.0));
        assert!(Latency::from_seconds(&[]).is_none());
    }

    #[test]
    fn highlighter_covers_phrases_and_words() {
        let mut h = highlighter_for("\"Strait of Hormuz\" tankers");
        let text = "Tankers crossed the Strait of Hormuz.";
        let marked: Vec<&str> = h.highlights(text).into_iter().map(|r| &text[r]).collect();
        assert!(marked.contains(&"Tankers"), "{marked:?}");
        assert!(marked.iter().any(|m| m.contains("Hormuz")), "{marked:?}");
    }
}
