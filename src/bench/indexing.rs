//! `newsdex bench --index-only DIR`: how fast an archive indexes, how much memory it takes,
//! and where the time goes.
//!
//! Two runs over the same folder:
//! 1. the real thing, [`index_folder`] (what `newsdex index` does), for the headline figures:
//!    MB/s, articles/s, peak memory and index size;
//! 2. a staged run that does the same work (parse, analyse, write, one commit) as three
//!    separate phases over batches of files, so that each phase's CPU time can be read from
//!    the process's CPU clock: the share of parsing, analysis and tantivy's writer. The
//!    production pipeline overlaps the three (and is faster for it), which is why the shares
//!    come from a second run rather than from instrumenting the first.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument};

use super::system;
use crate::analyze::analyze;
use crate::error::Result;
use crate::index::NewsIndex;
use crate::index::writer::{IndexOptions, documents, index_folder};
use crate::ingest::{self, SourceFile};
use crate::model::{AnalyzedArticle, Article};

/// Input read per batch of the staged run: bounds its memory on large archives.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// What an indexing benchmark measured.
#[derive(Debug, Clone, Serialize)]
pub struct IndexBenchReport {
    pub dir: String,
    pub files: u64,
    pub articles: u64,
    pub passages: u64,
    /// Bytes of the files read (compressed size for `.gz`).
    pub input_bytes: u64,
    /// Bytes of article text: titles, standfirsts and bodies, as UTF-8.
    pub text_bytes: u64,
    pub seconds: f64,
    /// Megabytes (10^6 bytes) of article text indexed per second.
    pub text_mb_per_second: f64,
    /// Megabytes of input files read per second.
    pub input_mb_per_second: f64,
    pub articles_per_second: f64,
    /// Peak resident memory of the indexing run, when the system reports it.
    pub peak_memory_bytes: Option<u64>,
    pub index_bytes: u64,
    /// Index size over text size.
    pub index_to_text_ratio: f64,
    pub threads: usize,
    pub stages: Stages,
}

/// Where the staged run spent its time.
#[derive(Debug, Clone, Serialize)]
pub struct Stages {
    pub parse: Stage,
    pub analyze: Stage,
    /// Building tantivy documents, tantivy's indexing threads, the commit and its merges.
    pub writer: Stage,
    /// True when the shares are of CPU time; false when only wall-clock time was available.
    pub cpu_time: bool,
}

/// One phase of the staged run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stage {
    pub wall_seconds: f64,
    pub cpu_seconds: Option<f64>,
    pub share_percent: f64,
}

/// Index `dir` (into `index_path`, or a temporary folder removed afterwards) and measure.
pub fn run_index_only(
    dir: &Path,
    index_path: Option<&Path>,
    options: &IndexOptions,
) -> Result<IndexBenchReport> {
    let temp = system::TempDir::new("newsdex-bench-index")?;
    let target: PathBuf = index_path.map_or_else(|| temp.path().join("index"), Path::to_path_buf);

    system::reset_peak_rss();
    let report = index_folder(dir, &target, options)?;
    let peak_memory_bytes = system::peak_rss_bytes();
    let index_bytes = system::dir_size(&target);

    let (stages, text_bytes) = staged_run(dir, &temp.path().join("staged"), options)?;
    let per_second = |n: f64| {
        if report.seconds > 0.0 {
            n / report.seconds
        } else {
            0.0
        }
    };
    Ok(IndexBenchReport {
        dir: dir.display().to_string(),
        files: report.files_indexed,
        articles: report.articles,
        passages: report.passages,
        input_bytes: report.bytes,
        text_bytes,
        seconds: report.seconds,
        text_mb_per_second: per_second(text_bytes as f64 / 1e6),
        input_mb_per_second: per_second(report.bytes as f64 / 1e6),
        articles_per_second: per_second(report.articles as f64),
        peak_memory_bytes,
        index_bytes,
        index_to_text_ratio: if text_bytes > 0 {
            index_bytes as f64 / text_bytes as f64
        } else {
            0.0
        },
        threads: rayon::current_num_threads(),
        stages,
    })
}

/// Bytes of text in an article, as the index receives it.
pub fn text_bytes(article: &Article) -> u64 {
    (article.title.len() + article.standfirst.as_ref().map_or(0, String::len) + article.body.len())
        as u64
}

/// Parse, analyse and write `dir` as three separate phases per batch of files, timing each.
fn staged_run(dir: &Path, index_path: &Path, options: &IndexOptions) -> Result<(Stages, u64)> {
    let news_index = NewsIndex::open_or_create(index_path)?;
    let mut writer: IndexWriter<TantivyDocument> =
        news_index.index.writer(options.memory_budget)?;
    let files = ingest::discover(dir).files;
    let mut parse = Timer::default();
    let mut analysis = Timer::default();
    let mut write = Timer::default();
    let mut text = 0u64;
    for batch in batches(&files) {
        let articles: Vec<Article> = parse.time(|| {
            batch
                .par_iter()
                .filter_map(|file| ingest::parse_file(file, &options.limits).ok())
                .flat_map_iter(|parsed| parsed.articles)
                .collect()
        });
        text += articles.iter().map(text_bytes).sum::<u64>();
        let analyzed: Vec<AnalyzedArticle> =
            analysis.time(|| articles.into_par_iter().map(analyze).collect());
        // tantivy indexes on its own threads: what is still queued when this phase ends is
        // indexed during the next batch's parsing, a spill-over of at most one queue of
        // documents per batch.
        write.time(|| -> Result<()> {
            for article in &analyzed {
                for doc in documents(&news_index.fields, article) {
                    writer.add_document(doc)?;
                }
            }
            Ok(())
        })?;
    }
    write.time(|| -> Result<()> {
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    })?;
    // The CPU clock ticks in hundredths of a second: below a second of CPU in all, its shares
    // are noise, and wall-clock shares say more.
    let cpu_total: Option<f64> = [&parse, &analysis, &write]
        .iter()
        .map(|t| t.cpu_seconds)
        .sum();
    let cpu_time = cpu_total.is_some_and(|total| total >= 1.0);
    let total: f64 = [&parse, &analysis, &write]
        .iter()
        .map(|t| t.measure(cpu_time))
        .sum();
    let stage = |t: &Timer| Stage {
        wall_seconds: t.wall_seconds,
        cpu_seconds: t.cpu_seconds,
        share_percent: if total > 0.0 {
            100.0 * t.measure(cpu_time) / total
        } else {
            0.0
        },
    };
    Ok((
        Stages {
            parse: stage(&parse),
            analyze: stage(&analysis),
            writer: stage(&write),
            cpu_time,
        },
        text,
    ))
}

/// Consecutive runs of files holding at most [`BATCH_BYTES`] of input (or one larger file).
fn batches(files: &[SourceFile]) -> Vec<&[SourceFile]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, file) in files.iter().enumerate() {
        if i > start && bytes + file.size > BATCH_BYTES {
            out.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += file.size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Wall-clock and process CPU time spent inside [`Timer::time`] calls.
#[derive(Debug, Default)]
struct Timer {
    wall_seconds: f64,
    /// `None` once any reading of the CPU clock failed.
    cpu_seconds: Option<f64>,
    started: bool,
}

impl Timer {
    fn time<T>(&mut self, work: impl FnOnce() -> T) -> T {
        let cpu = system::process_cpu_seconds();
        let begun = Instant::now();
        let out = work();
        self.wall_seconds += begun.elapsed().as_secs_f64();
        let spent = cpu.zip(system::process_cpu_seconds()).map(|(a, b)| b - a);
        self.cpu_seconds = match (self.started, self.cpu_seconds, spent) {
            (false, _, spent) => spent,
            (true, Some(sum), Some(spent)) => Some(sum + spent),
            _ => None,
        };
        self.started = true;
        out
    }

    fn measure(&self, cpu: bool) -> f64 {
        match (cpu, self.cpu_seconds) {
            (true, Some(cpu)) => cpu,
            _ => self.wall_seconds,
        }
    }
}
