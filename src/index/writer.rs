//! Writing an archive into the index: walk, parse, analyse and add, in parallel, then commit
//! once.
//!
//! Each `index` run rebuilds the index's content from the folder and commits it in one
//! tantivy commit, which is atomic: a run killed midway leaves the previous index exactly as
//! it was. (Incremental re-indexing of only the changed files is a later step.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::Facet;
use tantivy::{DateTime, IndexWriter, TantivyDocument};

use super::schema::{Fields, SCHEMA_VERSION};
use super::{IndexMeta, NewsIndex};
use crate::analyze::analyze;
use crate::error::{Error, Result};
use crate::ingest::{self, Limits, Skipped};
use crate::model::{AnalyzedArticle, MentionKind};

/// Options of an `index` run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub limits: Limits,
    /// Memory for tantivy's indexing threads, in bytes, shared between them.
    pub memory_budget: usize,
    /// Show a progress bar on standard error (only drawn when it is a terminal).
    pub progress: bool,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            limits: Limits::default(),
            memory_budget: 256 * 1024 * 1024,
            progress: false,
        }
    }
}

/// What an `index` run did: the numbers of the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    pub files_seen: u64,
    pub files_indexed: u64,
    pub articles: u64,
    pub passages: u64,
    /// Bytes read from disk (compressed size for gzipped files).
    pub bytes: u64,
    pub seconds: f64,
    pub skipped: Vec<SkippedFile>,
    pub warnings: Vec<FileWarning>,
}

/// A skipped file, for the summary and `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: String,
    /// Short label counted in the summary: `empty`, `binary`, `malformed` ...
    pub kind: String,
    pub reason: String,
}

/// A warning about part of a file that was otherwise indexed.
#[derive(Debug, Clone, Serialize)]
pub struct FileWarning {
    pub path: String,
    pub message: String,
}

impl IndexReport {
    /// Megabytes (10^6 bytes) read per second.
    pub fn mb_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// Skips counted by kind, in a stable order.
    pub fn skip_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for skipped in &self.skipped {
            *counts.entry(skipped.kind.clone()).or_insert(0) += 1;
        }
        counts
    }
}

/// Index every article under `root` into the index at `index_path` (created if missing),
/// replacing what the index held before.
pub fn index_folder(root: &Path, index_path: &Path, options: &IndexOptions) -> Result<IndexReport> {
    let started = Instant::now();
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "'{}' is not a folder: give the folder that holds your articles",
            root.display()
        )));
    }
    let news_index = NewsIndex::open_or_create(index_path)?;
    let discovery = ingest::discover(root);
    let mut writer: IndexWriter<TantivyDocument> = news_index
        .index
        .writer(options.memory_budget)
        .map_err(|err| match err {
        tantivy::TantivyError::LockFailure(..) => Error::Usage(format!(
            "another `newsdex index` is writing to '{}': wait for it to finish",
            index_path.display()
        )),
        other => Error::Tantivy(other),
    })?;
    writer.delete_all_documents()?;

    let total_bytes: u64 = discovery.files.iter().map(|f| f.size).sum();
    let bar = progress_bar(options.progress, total_bytes);
    let articles = AtomicU64::new(0);
    let passages = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let files_indexed = AtomicU64::new(0);
    let skipped: Mutex<Vec<Skipped>> = Mutex::new(discovery.skipped.clone());
    let warnings: Mutex<Vec<FileWarning>> = Mutex::new(Vec::new());
    let failure: Mutex<Option<tantivy::TantivyError>> = Mutex::new(None);

    discovery.files.par_iter().for_each(|file| {
        bytes.fetch_add(file.size, Ordering::Relaxed);
        match ingest::parse_file(file, &options.limits) {
            Ok(parsed) => {
                let analyzed: Vec<AnalyzedArticle> =
                    parsed.articles.into_par_iter().map(analyze).collect();
                for article in &analyzed {
                    passages.fetch_add(article.passages.len() as u64, Ordering::Relaxed);
                    for doc in documents(&news_index.fields, article) {
                        if let Err(err) = writer.add_document(doc) {
                            lock(&failure).get_or_insert(err);
                        }
                    }
                }
                articles.fetch_add(analyzed.len() as u64, Ordering::Relaxed);
                files_indexed.fetch_add(1, Ordering::Relaxed);
                lock(&warnings).extend(parsed.warnings.into_iter().map(|message| FileWarning {
                    path: file.rel.clone(),
                    message,
                }));
            }
            Err(reason) => lock(&skipped).push(Skipped {
                path: file.rel.clone(),
                reason,
            }),
        }
        bar.inc(file.size);
    });
    if let Some(err) = lock(&failure).take() {
        return Err(Error::Tantivy(err));
    }
    bar.set_message("committing");
    writer.commit()?;
    writer.wait_merging_threads()?;
    bar.finish_and_clear();

    let mut skipped = skipped.into_inner().unwrap_or_else(|e| e.into_inner());
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut warnings = warnings.into_inner().unwrap_or_else(|e| e.into_inner());
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    let report = IndexReport {
        files_seen: (discovery.files.len() + discovery.skipped.len()) as u64,
        files_indexed: files_indexed.into_inner(),
        articles: articles.into_inner(),
        passages: passages.into_inner(),
        bytes: bytes.into_inner(),
        seconds: started.elapsed().as_secs_f64(),
        skipped: skipped
            .into_iter()
            .map(|s| SkippedFile {
                path: s.path,
                kind: s.reason.label().to_string(),
                reason: s.reason.to_string(),
            })
            .collect(),
        warnings,
    };
    news_index.write_meta(&IndexMeta {
        schema_version: SCHEMA_VERSION,
        root: root.display().to_string(),
        articles: report.articles,
        passages: report.passages,
        indexed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })?;
    Ok(report)
}

/// The tantivy documents of one analysed article: one per passage.
pub fn documents(fields: &Fields, analyzed: &AnalyzedArticle) -> Vec<TantivyDocument> {
    let article = &analyzed.article;
    // Article-level mentions: the union over its passages, added to every passage so that a
    // filter on a place or entity keeps all passages of the articles that name it.
    let mut article_places = BTreeSet::new();
    let mut article_entities = BTreeSet::new();
    for passage in &analyzed.passages {
        for mention in &passage.mentions {
            match mention.kind {
                MentionKind::Place => article_places.insert(mention.facet.as_str()),
                _ => article_entities.insert(mention.facet.as_str()),
            };
        }
    }
    let date = article
        .date
        .map(|d| DateTime::from_timestamp_secs(d.timestamp()));
    analyzed
        .passages
        .iter()
        .map(|analyzed_passage| {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.article_id, &article.id);
            doc.add_text(fields.path, &article.path);
            if let Some(record) = article.record {
                doc.add_u64(fields.record, record as u64);
            }
            doc.add_text(fields.title, &article.title);
            if let Some(standfirst) = &article.standfirst {
                doc.add_text(fields.standfirst, standfirst);
            }
            if let Some(author) = &article.author {
                doc.add_text(fields.author, author);
            }
            if let Some(date) = date {
                doc.add_date(fields.date, date);
            }
            if let Some(source) = &article.source {
                doc.add_text(fields.source, source);
            }
            if let Some(url) = &article.url {
                doc.add_text(fields.url, url);
            }
            doc.add_text(fields.text, &analyzed_passage.passage.text);
            doc.add_u64(fields.position, analyzed_passage.passage.position as u64);
            let mut seen = BTreeSet::new();
            for mention in &analyzed_passage.mentions {
                if !seen.insert(mention.facet.as_str()) {
                    continue;
                }
                let (names, facets) = match mention.kind {
                    MentionKind::Place => (fields.place_names, fields.places),
                    _ => (fields.entity_names, fields.entities),
                };
                doc.add_text(names, &mention.name);
                add_facet(&mut doc, facets, &mention.facet);
            }
            for facet in &article_places {
                add_facet(&mut doc, fields.article_places, facet);
            }
            for facet in &article_entities {
                add_facet(&mut doc, fields.article_entities, facet);
            }
            doc
        })
        .collect()
}

fn add_facet(doc: &mut TantivyDocument, field: tantivy::schema::Field, path: &str) {
    if let Ok(facet) = Facet::from_text(path) {
        doc.add_facet(field, facet);
    }
}

fn progress_bar(enabled: bool, total: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
