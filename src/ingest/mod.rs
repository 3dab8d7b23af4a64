//! Ingestion: find the article files under a folder, read them safely, parse them to
//! [`Article`]s.
//!
//! Bad input never stops a run. Each file either yields articles (possibly with warnings,
//! e.g. a JSON Lines file with one broken line keeps its good lines) or is skipped with a
//! [`SkipReason`] that the summary counts and prints as one line.

pub mod date;
pub mod decode;
pub mod delimited;
pub mod feed;
pub mod fields;
pub mod html;
pub mod text;
pub mod warc;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde_json::Value;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::Article;

/// Name of the optional ignore file (gitignore syntax) read in every folder of an archive.
pub const IGNORE_FILE: &str = ".newsdexignore";

/// The formats newsdex reads, chosen by file extension (before any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.text`: a plain text article.
    Text,
    /// `.md`, `.markdown`: a Markdown article, optionally with front matter.
    Markdown,
    /// `.json`: one article object, an array of them, or an object holding such an array.
    Json,
    /// `.jsonl`, `.ndjson`: one article object a line.
    JsonLines,
    /// `.html`, `.htm`, `.xhtml`: a web page holding one article.
    Html,
    /// `.csv`: a news export with a header row, one article a row (`,` `;` or tab, sniffed).
    Csv,
    /// `.tsv`, `.tab`: the same, tab-separated.
    Tsv,
    /// `.rss`, `.atom`: a feed, one article an item or entry.
    Feed,
    /// `.xml`: read as a feed when its root element is one, otherwise skipped as unsupported.
    Xml,
    /// `.warc`: a web archive, one article an HTML response record.
    Warc,
}

impl Format {
    /// The format of `path` and whether it is gzipped; `None` for extensions newsdex does not
    /// read.
    pub fn detect(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_string(), true),
            None => (name, false),
        };
        let ext = Path::new(&name).extension()?.to_str()?;
        let format = match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "rss" | "atom" => Format::Feed,
            "xml" => Format::Xml,
            "warc" => Format::Warc,
            _ => return None,
        };
        Some((format, gzip))
    }

    /// Whether the format holds a list of records, so that each article keeps its record
    /// number even when the file holds only one (its id then stays the same when more are
    /// appended).
    fn holds_records(self) -> bool {
        matches!(
            self,
            Format::JsonLines
                | Format::Csv
                | Format::Tsv
                | Format::Feed
                | Format::Xml
                | Format::Warc
        )
    }
}

/// One file found under the archive folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the archive folder, with `/` separators: what the index stores.
    pub rel: String,
    pub format: Format,
    pub gzip: bool,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Why a file (or part of one) was not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    Empty,
    Binary,
    UnsupportedFormat(String),
    TooLarge { limit: u64 },
    Unreadable(String),
    TruncatedGzip,
    Malformed(String),
    NoArticles,
}

impl SkipReason {
    /// A short label to count skips by in the summary.
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::UnsupportedFormat(_) => "unsupported format",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::TruncatedGzip => "truncated gzip",
            SkipReason::Malformed(_) => "malformed",
            SkipReason::NoArticles => "no articles",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::Binary => write!(f, "binary file (contains NUL bytes)"),
            SkipReason::UnsupportedFormat(ext) => write!(
                f,
                "unsupported format '{ext}' (newsdex reads .txt .md .json .jsonl .ndjson .html .csv .tsv .rss .atom .xml feeds .warc, optionally .gz)"
            ),
            SkipReason::TooLarge { limit } => write!(
                f,
                "larger than the {} MiB limit (raise it with --max-file-size)",
                limit / (1024 * 1024)
            ),
            SkipReason::Unreadable(why) => write!(f, "cannot be read: {why}"),
            SkipReason::TruncatedGzip => write!(f, "truncated or corrupt gzip data"),
            SkipReason::Malformed(why) => write!(f, "malformed: {why}"),
            SkipReason::NoArticles => write!(f, "no article with a title or body in it"),
        }
    }
}

/// A file, or a path the walk could not use, that was skipped.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

/// What a walk of the archive folder found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<SourceFile>,
    pub skipped: Vec<Skipped>,
}

/// Limits that protect a run from pathological input, and how to read fields.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file accepted, compressed or once decompressed (a small `.gz` that expands to
    /// gigabytes is cut off here rather than exhausting memory).
    pub max_file_bytes: u64,
    /// The user's `--map` of JSON keys and CSV columns onto fields.
    pub fields: fields::FieldMap,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            fields: fields::FieldMap::default(),
        }
    }
}

/// Walk `root` recursively (following symbolic links, reporting loops) and return the files
/// newsdex can read, sorted by path so runs are reproducible. Hidden files and folders and
/// anything matched by a `.newsdexignore` file are left out silently; other files are
/// reported as skipped.
pub fn discover(root: &Path) -> Discovery {
    let mut discovery = Discovery::default();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .hidden(true)
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .ignore(false)
        .parents(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                discovery.skipped.push(Skipped {
                    path: error_path(&err).unwrap_or_else(|| root.display().to_string()),
                    reason: SkipReason::Unreadable(one_line_error(&err)),
                });
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = relative(root, &path);
        let Some((format, gzip)) = Format::detect(&path) else {
            let ext = path
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_else(|| "no extension".into());
            discovery.skipped.push(Skipped {
                path: rel,
                reason: SkipReason::UnsupportedFormat(ext),
            });
            continue;
        };
        match entry.metadata() {
            Ok(meta) => discovery.files.push(SourceFile {
                path,
                rel,
                format,
                gzip,
                size: meta.len(),
                modified: meta.modified().ok(),
            }),
            Err(err) => discovery.skipped.push(Skipped {
                path: rel,
                reason: SkipReason::Unreadable(one_line_error(&err)),
            }),
        }
    }
    discovery.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    discovery
}

/// The articles parsed from one file, and any warnings about parts of it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// xxh3 of the file's content (after decompression): tells a touched file from a changed
    /// one when re-indexing.
    pub content_hash: u64,
}

/// Read and parse one file. Every article gets its path, record number and a stable id.
pub fn parse_file(file: &SourceFile, limits: &Limits) -> Result<Parsed, SkipReason> {
    let (bytes, mut warnings) = read_bytes(file, limits)?;
    let content_hash = xxh3_64(&bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    // A WARC file records images and other binary payloads between its pages.
    if file.format != Format::Warc
        && !decode::is_utf16(&bytes)
        && bytes.iter().take(8192).any(|&b| b == 0)
    {
        return Err(SkipReason::Binary);
    }
    let mut articles = parse_bytes(file, bytes, limits, &mut warnings)?;
    if articles.is_empty() {
        return Err(SkipReason::NoArticles);
    }
    let single = articles.len() == 1 && !file.format.holds_records();
    for (record, article) in articles.iter_mut().enumerate() {
        article.path = file.rel.clone();
        article.record = (!single).then_some(record);
        if article.id.is_empty() {
            article.id = stable_id(&file.rel, article.record);
        }
    }
    Ok(Parsed {
        articles,
        warnings,
        content_hash,
    })
}

/// Parse a file's (decompressed) bytes by its format.
fn parse_bytes(
    file: &SourceFile,
    bytes: Vec<u8>,
    limits: &Limits,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>, SkipReason> {
    let map = &limits.fields;
    Ok(match file.format {
        Format::Text | Format::Markdown => {
            let text = decode::decode(bytes, None, warnings);
            let stem = file_stem(&file.path);
            text::parse_text(&text, &stem).into_iter().collect()
        }
        Format::Json => parse_json(&decode::decode(bytes, None, warnings), map)?,
        Format::JsonLines => {
            parse_json_lines(&decode::decode(bytes, None, warnings), map, warnings)
        }
        Format::Html => {
            let declared = decode::declared_charset(&bytes);
            html::parse_html(&decode::decode(bytes, declared, warnings))
                .into_iter()
                .collect()
        }
        Format::Csv | Format::Tsv => {
            let text = decode::decode(bytes, None, warnings);
            let delimiter = match file.format {
                Format::Tsv => b'\t',
                _ => delimited::sniff_delimiter(&text),
            };
            delimited::parse_delimited(&text, delimiter, map, warnings)
                .map_err(|why| SkipReason::Malformed(format!("invalid CSV: {why}")))?
        }
        Format::Xml if !feed::looks_like_feed(&bytes) => {
            return Err(SkipReason::UnsupportedFormat(
                ".xml that is not an RSS or Atom feed".into(),
            ));
        }
        Format::Feed | Format::Xml => feed::parse_feed(&bytes)
            .map_err(|why| SkipReason::Malformed(format!("invalid feed: {why}")))?,
        Format::Warc => warc::parse_warc(&bytes, limits.max_file_bytes, warnings)
            .map_err(SkipReason::Malformed)?,
    })
}

/// A stable id from the file's relative path and record number: the same file in the same
/// place gives the same id on every run and machine.
pub fn stable_id(rel: &str, record: Option<usize>) -> String {
    let key = match record {
        Some(n) => format!("{rel}#{n}"),
        None => rel.to_string(),
    };
    format!("{:016x}", xxh3_64(key.as_bytes()))
}

/// Read a file, decompressing gzip, within the size limit.
fn read_bytes(file: &SourceFile, limits: &Limits) -> Result<(Vec<u8>, Vec<String>), SkipReason> {
    if file.size == 0 {
        return Err(SkipReason::Empty);
    }
    if file.size > limits.max_file_bytes {
        return Err(SkipReason::TooLarge {
            limit: limits.max_file_bytes,
        });
    }
    let handle = std::fs::File::open(&file.path)
        .map_err(|err| SkipReason::Unreadable(one_line_error(&err)))?;
    let mut bytes = Vec::with_capacity(file.size.min(limits.max_file_bytes) as usize);
    let warnings = Vec::new();
    if file.gzip {
        let decoder = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(handle));
        // Read one byte past the limit to tell "exactly at the limit" from "over it".
        let mut limited = decoder.take(limits.max_file_bytes + 1);
        if let Err(err) = limited.read_to_end(&mut bytes) {
            return Err(match err.kind() {
                std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::InvalidInput
                | std::io::ErrorKind::InvalidData => SkipReason::TruncatedGzip,
                _ => SkipReason::Unreadable(one_line_error(&err)),
            });
        }
    } else {
        let mut limited = handle.take(limits.max_file_bytes + 1);
        limited
            .read_to_end(&mut bytes)
            .map_err(|err| SkipReason::Unreadable(one_line_error(&err)))?;
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(SkipReason::TooLarge {
            limit: limits.max_file_bytes,
        });
    }
    Ok((bytes, warnings))
}

/// A `.json` file: one object, an array of objects, or an object with an array of articles
/// under a common key (`articles`, `items`, `data`, `results`, `documents`).
fn parse_json(text: &str, map: &fields::FieldMap) -> Result<Vec<Article>, SkipReason> {
    let value: Value = serde_json::from_str(text)
        .map_err(|err| SkipReason::Malformed(format!("invalid JSON: {err}")))?;
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(object) => {
            match ["articles", "items", "data", "results", "documents", "docs"]
                .iter()
                .find_map(|key| object.get(*key).and_then(Value::as_array))
            {
                Some(items) if fields::article_from_json(&value).is_none() => {
                    items.iter().collect()
                }
                _ => vec![&value],
            }
        }
        _ => {
            return Err(SkipReason::Malformed(
                "JSON is neither an object nor an array".into(),
            ));
        }
    };
    Ok(records
        .into_iter()
        .filter_map(|record| fields::article_from_json_with(record, map))
        .collect())
}

/// A JSON Lines file: a broken line is reported and skipped, the others are kept. Lines are
/// parsed in parallel, since one file may hold a whole archive.
fn parse_json_lines(
    text: &str,
    map: &fields::FieldMap,
    warnings: &mut Vec<String>,
) -> Vec<Article> {
    let lines: Vec<&str> = text.lines().collect();
    let results: Vec<(usize, Result<Option<Article>, String>)> = lines
        .par_iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let parsed = serde_json::from_str::<Value>(line)
                .map(|value| fields::article_from_json_with(&value, map))
                .map_err(|err| err.to_string());
            (n, parsed)
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut broken = 0;
    for (n, result) in results {
        match result {
            Ok(Some(article)) => articles.push(article),
            Ok(None) => {}
            Err(err) => {
                broken += 1;
                if broken <= 3 {
                    warnings.push(format!(
                        "line {}: invalid JSON ({err}), line skipped",
                        n + 1
                    ));
                }
            }
        }
    }
    if broken > 3 {
        warnings.push(format!("{} more invalid lines skipped", broken - 3));
    }
    articles
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_string()
}

/// The path of `path` relative to the archive folder `root`, as the index stores it (`/`
/// separators), or `None` when `path` is not inside `root`. Both are made absolute first, so
/// `./corpus` and `corpus/wire/a.txt` agree.
pub fn path_under(root: &Path, path: &Path) -> Option<String> {
    let root = normalize_dots(&std::path::absolute(root).ok()?);
    let path = normalize_dots(&std::path::absolute(path).ok()?);
    let rel = path.strip_prefix(&root).ok()?;
    (!rel.as_os_str().is_empty()).then(|| relative(Path::new(""), rel))
}

/// `path` without `.` components and with `..` applied, without touching the file system
/// (`std::path::absolute` keeps them).
fn normalize_dots(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = if rel.as_os_str().is_empty() {
        path.file_name().map(Path::new).unwrap_or(path)
    } else {
        rel
    };
    rel.to_string_lossy().replace('\\', "/")
}

fn error_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.display().to_string()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.display().to_string()),
        _ => None,
    }
}

/// An error message on one line, without the path that the summary prints anyway.
fn one_line_error(err: &dyn fmt::Display) -> String {
    let message = err.to_string();
    let message = message.lines().next().unwrap_or_default();
    match message.rsplit_once(": ") {
        Some((_, reason)) if message.starts_with('/') => reason.to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::detect(Path::new("a/b.txt")),
            Some((Format::Text, false))
        );
        assert_eq!(
            Format::detect(Path::new("b.MD")),
            Some((Format::Markdown, false))
        );
        assert_eq!(
            Format::detect(Path::new("b.jsonl.gz")),
            Some((Format::JsonLines, true))
        );
        assert_eq!(
            Format::detect(Path::new("b.ndjson")),
            Some((Format::JsonLines, false))
        );
        assert_eq!(
            Format::detect(Path::new("b.json")),
            Some((Format::Json, false))
        );
        assert_eq!(Format::detect(Path::new("b.pdf")), None);
        assert_eq!(Format::detect(Path::new("noext")), None);
    }

    #[test]
    fn stable_ids_depend_on_path_and_record_only() {
        assert_eq!(
            stable_id("a/b.jsonl", Some(3)),
            stable_id("a/b.jsonl", Some(3))
        );
        assert_ne!(
            stable_id("a/b.jsonl", Some(3)),
            stable_id("a/b.jsonl", Some(4))
        );
        assert_eq!(stable_id("x.txt", None).len(), 16);
    }
}
