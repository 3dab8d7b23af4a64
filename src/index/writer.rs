//! Writing an archive into the index: walk, compare with the manifest, parse, analyse and
//! add in parallel, committing in batches.
//!
//! - **Incremental**: only files that are new or whose size, modification time and content
//!   changed are re-read and re-indexed; the passages of deleted files are removed (see
//!   [`super::manifest`]). `--rebuild` starts from an empty index.
//! - **Never corrupt, never lose**: files are processed in batches of about
//!   [`IndexOptions::batch_bytes`]; each batch ends with a tantivy commit that carries the
//!   manifest of exactly what it holds. A run killed at any moment leaves the last commit
//!   intact and searchable, and the next run picks up from it.
//! - **One writer at a time**: tantivy's writer lock makes a second `index` on the same
//!   index fail at once with a clear message. Searches can run meanwhile; they see the last
//!   commit.
//! - **Bounded memory**: a batch's articles are analysed and handed to tantivy's writer
//!   threads a slice at a time; tantivy flushes segments within its memory budget.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::indexer::UserOperation;
use tantivy::schema::Facet;
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

use super::manifest::{FileState, Manifest, mtime_ns};
use super::schema::{Fields, SCHEMA_VERSION, StoredArticle};
use super::{IndexMeta, NewsIndex};
use crate::analyze::analyze_fingerprinted;
use crate::analyze::fingerprint::Fingerprint;
use crate::error::{Error, Result};
use crate::ingest::{self, Limits, SourceFile};
use crate::model::{AnalyzedArticle, Article, MentionKind};

/// Articles analysed together before their documents go to the writer: enough to keep every
/// core busy, few enough that a huge JSON Lines file is never held analysed all at once.
const ANALYSIS_SLICE: usize = 512;

/// Options of an `index` run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub limits: Limits,
    /// Memory for tantivy's indexing threads, in bytes, shared between them.
    pub memory_budget: usize,
    /// Show a progress bar on standard error (only drawn when it is a terminal).
    pub progress: bool,
    /// Ignore the manifest and the index's content: index every file afresh.
    pub rebuild: bool,
    /// Commit after about this many bytes of files: the most work a killed run can lose.
    pub batch_bytes: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            limits: Limits::default(),
            memory_budget: 256 * 1024 * 1024,
            progress: false,
            rebuild: false,
            batch_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What an `index` run did: the numbers of the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    pub files_seen: u64,
    /// Files (re-)indexed by this run.
    pub files_indexed: u64,
    /// Files new since the last run.
    pub added: u64,
    /// Files whose content changed since the last run.
    pub updated: u64,
    /// Files gone since the last run, whose passages were removed.
    pub removed: u64,
    /// Files left as they were (same size and time, or same content).
    pub unchanged: u64,
    /// Articles and passages the index holds after the run.
    pub articles: u64,
    pub passages: u64,
    /// Articles and passages (re-)indexed by this run.
    pub articles_indexed: u64,
    pub passages_indexed: u64,
    /// Bytes of the files read by this run (compressed size for gzipped files).
    pub bytes: u64,
    pub seconds: f64,
    /// Tantivy commits made (one a batch).
    pub commits: u64,
    /// Articles (re-)indexed by this run as copies of a story whose text another article
    /// holds: their fields are indexed, their text is not.
    pub duplicates: u64,
    /// Every file was analysed again because the index was built with another analysis
    /// (another newsdex version or other built-in data).
    pub reanalysed: bool,
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

/// How a file read by this run compares with the manifest.
enum Outcome {
    Indexed(FileState),
    /// Same content as before (only touched): keep its passages, record the new time.
    SameContent(FileState),
    Skipped(ingest::SkipReason),
}

/// Index the articles under `root` into the index at `index_path` (created if missing),
/// re-reading only what changed since the last run.
pub fn index_folder(root: &Path, index_path: &Path, options: &IndexOptions) -> Result<IndexReport> {
    let started = Instant::now();
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "'{}' is not a folder: give the folder that holds your articles",
            root.display()
        )));
    }
    crate::analyze::prepare_extractor();
    let news_index = if options.rebuild {
        NewsIndex::open_or_replace(index_path)?
    } else {
        NewsIndex::open_or_create(index_path)?
    };
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
    let analysis = crate::analyze::analysis_version();
    let mut made_with_other_analysis = false;
    let mut manifest = if options.rebuild {
        writer.delete_all_documents()?;
        Manifest::default()
    } else {
        let payload = news_index.index.load_metas()?.payload;
        made_with_other_analysis =
            super::manifest::made_with_other_analysis(payload.as_deref(), analysis);
        Manifest::load(index_path, payload.as_deref())?
    };
    // A change of reading settings makes every file's old articles stale.
    let settings = format!("{:?}", options.limits.fields);
    // Another analysis (a newsdex with other data or rules built the index): the files'
    // passages and names are stale too, though their bytes are not. The commit then names a
    // manifest tagged with this analysis, which is what searches check.
    let reanalysed =
        !manifest.files.is_empty() && (manifest.analysis != analysis || made_with_other_analysis);
    let settings_changed = manifest.settings != settings || reanalysed;
    manifest.settings = settings;
    manifest.analysis = analysis.to_string();
    let fields = &news_index.fields;
    let discovery = ingest::discover(root);
    let mut report = IndexReport {
        reanalysed,
        files_seen: (discovery.files.len() + discovery.skipped.len()) as u64,
        ..IndexReport::default()
    };
    let mut skipped: Vec<ingest::Skipped> = discovery.skipped;

    // Files gone since the last run.
    let present: BTreeSet<&str> = discovery.files.iter().map(|f| f.rel.as_str()).collect();
    let gone: Vec<String> = manifest
        .files
        .keys()
        .filter(|rel| !present.contains(rel.as_str()))
        .cloned()
        .collect();
    for rel in &gone {
        writer.delete_term(Term::from_field_text(fields.path, rel));
        manifest.files.remove(rel);
    }
    report.removed = gone.len() as u64;
    let mut dirty = !gone.is_empty() || options.rebuild || settings_changed;

    // Files whose size or time differ from the manifest's (or that it lacks) are read.
    let todo: Vec<&SourceFile> = discovery
        .files
        .iter()
        .filter(|file| {
            settings_changed
                || manifest.files.get(&file.rel).is_none_or(|state| {
                    state.size != file.size || state.mtime_ns != mtime_ns(file.modified)
                })
        })
        .collect();
    // Stories whose text stays indexed by files left alone: an article of a file read now
    // with one of these fingerprints is a copy.
    let reading: BTreeSet<&str> = todo.iter().map(|f| f.rel.as_str()).collect();
    let claims: Mutex<HashSet<u64>> = Mutex::new(
        manifest
            .files
            .iter()
            .filter(|(rel, _)| !reading.contains(rel.as_str()))
            .flat_map(|(_, state)| state.stories.iter().copied())
            .collect(),
    );
    // Files (re-)indexed or skipped by this run; the others are unchanged.
    let mut touched: BTreeSet<String> = BTreeSet::new();

    let total_bytes: u64 = todo.iter().map(|f| f.size).sum();
    let bar = progress_bar(options.progress, total_bytes);
    let warnings: Mutex<Vec<FileWarning>> = Mutex::new(Vec::new());
    let failure: Mutex<Option<tantivy::TantivyError>> = Mutex::new(None);
    let files_done = AtomicU64::new(0);
    // First pass: the files that changed. Later passes (at most two): files holding copies
    // of a story whose representative went away or changed, so that one copy takes over.
    let mut pass = todo.clone();
    let mut force = settings_changed;
    for _round in 0..3 {
        for batch in batches(&pass, options.batch_bytes) {
            let outcomes: Vec<(&SourceFile, Outcome)> = batch
                .par_iter()
                .map(|file| {
                    // Under new settings, or when a copy must take over, the same content
                    // must be parsed again, not kept.
                    let previous = manifest.files.get(&file.rel).cloned().filter(|_| !force);
                    let outcome = index_file(
                        &writer, fields, file, previous, options, &claims, &warnings, &failure,
                    );
                    bar.inc(file.size);
                    let done = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    bar.set_message(format!(
                        "{done}/{} files, {:.0} files/s",
                        todo.len(),
                        done as f64 / secs
                    ));
                    (*file, outcome)
                })
                .collect();
            if let Some(err) = lock(&failure).take() {
                return Err(Error::Tantivy(err));
            }
            for (file, outcome) in outcomes {
                report.bytes += file.size;
                let existed = manifest.files.contains_key(&file.rel);
                match outcome {
                    Outcome::Indexed(state) => {
                        report.files_indexed += 1;
                        report.articles_indexed += state.articles;
                        report.passages_indexed += state.passages;
                        report.duplicates += state.copies.len() as u64;
                        if existed {
                            report.updated += 1
                        } else {
                            report.added += 1
                        }
                        touched.insert(file.rel.clone());
                        manifest.files.insert(file.rel.clone(), state);
                    }
                    Outcome::SameContent(state) => {
                        manifest.files.insert(file.rel.clone(), state);
                    }
                    Outcome::Skipped(reason) => {
                        // A file that was indexed before and is now unreadable loses its
                        // passages: the index reflects the folder as it is.
                        if existed {
                            writer.delete_term(Term::from_field_text(fields.path, &file.rel));
                            manifest.files.remove(&file.rel);
                            report.removed += 1;
                        }
                        touched.insert(file.rel.clone());
                        skipped.push(ingest::Skipped {
                            path: file.rel.clone(),
                            reason,
                        });
                    }
                }
            }
            commit(&mut writer, &manifest, index_path)?;
            report.commits += 1;
            dirty = false;
        }
        let claimed: HashSet<u64> = manifest
            .files
            .values()
            .flat_map(|state| state.stories.iter().copied())
            .collect();
        pass = discovery
            .files
            .iter()
            .filter(|file| {
                manifest
                    .files
                    .get(&file.rel)
                    .is_some_and(|state| state.copies.iter().any(|h| !claimed.contains(h)))
            })
            .collect();
        if pass.is_empty() {
            break;
        }
        *lock(&claims) = claimed;
        force = true;
    }
    report.unchanged = discovery
        .files
        .iter()
        .filter(|file| !touched.contains(&file.rel))
        .count() as u64;
    if dirty {
        commit(&mut writer, &manifest, index_path)?;
        report.commits += 1;
    }
    writer.wait_merging_threads()?;
    bar.finish_and_clear();

    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.skipped = skipped
        .into_iter()
        .map(|s| SkippedFile {
            path: s.path,
            kind: s.reason.label().to_string(),
            reason: s.reason.to_string(),
        })
        .collect();
    let mut warnings = warnings.into_inner().unwrap_or_else(|e| e.into_inner());
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    report.warnings = warnings;
    report.articles = manifest.articles();
    report.passages = manifest.passages();
    report.seconds = started.elapsed().as_secs_f64();
    news_index.write_meta(&IndexMeta {
        schema_version: SCHEMA_VERSION,
        root: root.display().to_string(),
        articles: report.articles,
        passages: report.passages,
        indexed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    })?;
    Ok(report)
}

/// Read, compare, analyse and add one file.
///
/// Each article whose exact fingerprint is not yet claimed becomes its story's
/// representative: its passages are indexed. An article repeating a claimed story word for
/// word is a copy: one document with its own fields (title, source, url, date) and no text,
/// so the story's text is indexed once while every outlet that ran it stays searchable.
#[allow(clippy::too_many_arguments)]
fn index_file(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    file: &SourceFile,
    previous: Option<FileState>,
    options: &IndexOptions,
    claims: &Mutex<HashSet<u64>>,
    warnings: &Mutex<Vec<FileWarning>>,
    failure: &Mutex<Option<tantivy::TantivyError>>,
) -> Outcome {
    let parsed = match ingest::parse_file(file, &options.limits) {
        Ok(parsed) => parsed,
        Err(reason) => return Outcome::Skipped(reason),
    };
    let mut state = FileState {
        size: file.size,
        mtime_ns: mtime_ns(file.modified),
        hash: parsed.content_hash,
        articles: parsed.articles.len() as u64,
        passages: 0,
        stories: Vec::new(),
        copies: Vec::new(),
    };
    if let Some(previous) = previous
        && previous.hash == parsed.content_hash
    {
        // Its documents stay as they are, and so do the stories it holds.
        lock(claims).extend(previous.stories.iter().copied());
        state.passages = previous.passages;
        state.stories = previous.stories;
        state.copies = previous.copies;
        return Outcome::SameContent(state);
    }
    lock(warnings).extend(parsed.warnings.into_iter().map(|message| FileWarning {
        path: file.rel.clone(),
        message,
    }));
    // The file's old passages go before its new ones arrive (tantivy applies a delete to
    // the documents added before it).
    writer.delete_term(Term::from_field_text(fields.path, &file.rel));
    // An article's documents go in as one group, which keeps them consecutive in a segment.
    let add = |docs: Vec<TantivyDocument>| {
        if let Err(err) = writer.run(docs.into_iter().map(UserOperation::Add)) {
            lock(failure).get_or_insert(err);
        }
    };
    let mut representatives = Vec::with_capacity(parsed.articles.len());
    // Fingerprints in parallel (a single large file would otherwise leave a core idle), then
    // claimed in the file's order, so that the first copy of a story is the one indexed.
    let fingerprints: Vec<Fingerprint> = parsed
        .articles
        .par_iter()
        .map(|article| Fingerprint::of(&article.body))
        .collect();
    for (article, fingerprint) in parsed.articles.into_iter().zip(fingerprints) {
        if lock(claims).insert(fingerprint.exact) {
            state.stories.push(fingerprint.exact);
            representatives.push((article, fingerprint));
        } else {
            state.copies.push(fingerprint.exact);
            add(vec![copy_document(fields, &article, fingerprint)]);
        }
    }
    let mut articles = representatives;
    while !articles.is_empty() {
        let rest = articles.split_off(articles.len().min(ANALYSIS_SLICE));
        let analyzed: Vec<AnalyzedArticle> = articles
            .into_par_iter()
            .map(|(article, fingerprint)| analyze_fingerprinted(article, fingerprint))
            .collect();
        for article in &analyzed {
            state.passages += article.passages.len() as u64;
            add(documents(fields, article));
        }
        articles = rest;
    }
    Outcome::Indexed(state)
}

/// Commit with the manifest named in the payload, then drop older manifests.
fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    manifest: &Manifest,
    index_path: &Path,
) -> Result<()> {
    let name = manifest.save(index_path)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    Manifest::remove_others(index_path, &name);
    Ok(())
}

/// Split files into consecutive batches of about `batch_bytes` (a file larger than that is a
/// batch of its own).
fn batches<'a>(files: &[&'a SourceFile], batch_bytes: u64) -> Vec<Vec<&'a SourceFile>> {
    let mut batches = Vec::new();
    let mut current = Vec::new();
    let mut bytes = 0;
    for file in files {
        if !current.is_empty() && bytes + file.size > batch_bytes {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += file.size;
        current.push(*file);
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

/// The one document of an exact copy of a story indexed elsewhere: the copy's own article
/// fields and fingerprints, no passage text, so that its source, url and title stay
/// searchable and search shows it folded into the story.
pub fn copy_document(
    fields: &Fields,
    article: &Article,
    fingerprint: Fingerprint,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    add_passage_fields(&mut doc, fields, article);
    add_article_record(&mut doc, fields, article, fingerprint);
    doc.add_u64(fields.position, 0);
    doc.add_u64(fields.passages, 1);
    doc
}

/// The article fields every passage of it carries: its path (re-indexing deletes by it) and
/// its date (date filters).
fn add_passage_fields(doc: &mut TantivyDocument, fields: &Fields, article: &Article) {
    doc.add_text(fields.path, &article.path);
    if let Some(date) = article.date {
        doc.add_date(fields.date, DateTime::from_timestamp_secs(date.timestamp()));
    }
}

/// What only an article's first passage carries: the fields matched as a whole article
/// (see `search::span`), the stored article ([`StoredArticle`]) and its fingerprints.
fn add_article_record(
    doc: &mut TantivyDocument,
    fields: &Fields,
    article: &Article,
    fingerprint: Fingerprint,
) {
    doc.add_text(fields.title, &article.title);
    if let Some(standfirst) = &article.standfirst {
        doc.add_text(fields.standfirst, standfirst);
    }
    if let Some(author) = &article.author {
        doc.add_text(fields.author, author);
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    doc.add_bytes(fields.article, &StoredArticle::of(article).to_bytes());
    doc.add_u64(fields.body_hash, fingerprint.exact);
    doc.add_u64(fields.simhash, fingerprint.simhash);
}

/// Whether [`documents`] writes the passages' mentions as facets. Always on, except while
/// `newsdex eval-ner --speed` measures what writing them costs apart from finding them.
static FACETS: AtomicBool = AtomicBool::new(true);

/// Switch the writing of facets off (or back on) for this process; for measurement only.
pub fn set_facets(on: bool) {
    FACETS.store(on, Ordering::Relaxed);
}

/// The tantivy documents of one analysed article: one per passage, in order. They must be
/// added as one group (`IndexWriter::run`) so that they stay consecutive in one segment (see
/// the schema's module comment).
pub fn documents(fields: &Fields, analyzed: &AnalyzedArticle) -> Vec<TantivyDocument> {
    let article = &analyzed.article;
    let count = analyzed.passages.len() as u64;
    let facets = FACETS.load(Ordering::Relaxed);
    analyzed
        .passages
        .iter()
        .enumerate()
        .map(|(i, analyzed_passage)| {
            let mut doc = TantivyDocument::default();
            add_passage_fields(&mut doc, fields, article);
            if i == 0 {
                add_article_record(&mut doc, fields, article, analyzed.fingerprint);
            }
            doc.add_text(fields.text, &analyzed_passage.passage.text);
            doc.add_u64(fields.position, i as u64);
            doc.add_u64(fields.passages, count);
            let mut seen = BTreeSet::new();
            for mention in analyzed_passage.mentions.iter().filter(|_| facets) {
                if !seen.insert(&*mention.facet) {
                    continue;
                }
                let facets = match mention.kind {
                    MentionKind::Place => fields.places,
                    _ => fields.entities,
                };
                add_facet(&mut doc, facets, &mention.facet);
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
        "{spinner} indexing [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}, {msg}, {eta} left",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fingerprint::Fingerprint;
    use crate::model::{AnalyzedPassage, Article, Mention, Passage};

    fn place(facet: &str) -> Mention {
        Mention {
            kind: MentionKind::Place,
            name: facet.rsplit('/').next().unwrap_or_default().into(),
            facet: facet.into(),
            start: 0,
            end: 1,
        }
    }

    #[test]
    fn each_passage_carries_its_own_names_once_and_the_first_its_article() {
        let passages: Vec<AnalyzedPassage> = (0..3)
            .map(|i| AnalyzedPassage {
                passage: Passage {
                    position: i,
                    text: format!("Passage {i}."),
                },
                mentions: if i == 1 {
                    vec![
                        place("/Iraq/Kirkuk/K1 Air Base"),
                        place("/Iraq/Kirkuk/K1 Air Base"),
                    ]
                } else {
                    vec![place(&format!("/Land/Town {i}"))]
                },
            })
            .collect();
        let analyzed = AnalyzedArticle {
            article: Article {
                title: "Rockets hit K1".to_string(),
                ..Article::default()
            },
            passages,
            fingerprint: Fingerprint::default(),
        };
        let fields = build_schema_fields();
        let docs = documents(&fields, &analyzed);
        assert_eq!(docs.len(), 3);
        let places = |doc: &TantivyDocument| -> Vec<String> {
            doc.get_all(fields.places)
                .filter_map(|v| match tantivy::schema::OwnedValue::from(v) {
                    tantivy::schema::OwnedValue::Facet(f) => Some(f.to_path_string()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(places(&docs[0]), ["/Land/Town 0"]);
        assert_eq!(
            places(&docs[1]),
            ["/Iraq/Kirkuk/K1 Air Base"],
            "once per passage"
        );
        assert_eq!(places(&docs[2]), ["/Land/Town 2"]);
        assert!(docs[0].get_first(fields.title).is_some());
        assert!(docs[1].get_first(fields.title).is_none());
    }

    fn build_schema_fields() -> Fields {
        crate::index::schema::build_schema().1
    }
}
