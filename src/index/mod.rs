//! The tantivy index: its schema, where it lives, and how articles are written to it.
//!
//! An index is a folder holding tantivy's files plus `newsdex.json`, a small record of what
//! was indexed (see [`IndexMeta`]).

pub mod manifest;
pub mod schema;
pub mod writer;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analyze::tokenizer;
use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION, build_schema};

/// The index folder used when neither `--index` nor `NEWSDEX_INDEX` names one: `.newsdex` in
/// the current directory, next to the archive it was built from.
pub const DEFAULT_INDEX_DIR: &str = ".newsdex";
/// The environment variable that overrides [`DEFAULT_INDEX_DIR`].
pub const INDEX_ENV: &str = "NEWSDEX_INDEX";
/// The file in the index folder that records what was indexed.
pub const META_FILE: &str = "newsdex.json";

/// An open newsdex index: the tantivy index with newsdex's analyzers registered.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub path: PathBuf,
    reader: OnceLock<IndexReader>,
    other_analysis: OnceLock<bool>,
}

/// What `newsdex.json` records about an index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    pub schema_version: u32,
    /// The folder that was indexed, as given on the command line.
    pub root: String,
    pub articles: u64,
    pub passages: u64,
    /// RFC 3339 time of the last completed `index` run.
    pub indexed_at: String,
}

impl NewsIndex {
    /// Open an existing index; the error says how to create one when there is none.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            return Err(Error::Usage(format!(
                "no index at '{}': build one with `newsdex index DIR --index {}` (or set {INDEX_ENV})",
                path.display(),
                path.display()
            )));
        }
        let index = Index::open_in_dir(path)?;
        Self::check_version(path)?;
        let fields = Fields::from_schema(&index.schema()).map_err(|err| {
            Error::Usage(format!(
                "the index at '{}' was built by another version of newsdex ({err}): rebuild it with `newsdex index DIR --rebuild`",
                path.display()
            ))
        })?;
        Ok(Self::ready(index, fields, path))
    }

    /// Open the index at `path`, creating the folder and an empty index if there is none.
    pub fn open_or_create(path: &Path) -> Result<NewsIndex> {
        if path.join("meta.json").is_file() {
            return Self::open(path);
        }
        Self::create(path)
    }

    /// For `index --rebuild`: open the index at `path`, or, when it was written by another
    /// version of newsdex, replace it with an empty one. Only a folder that holds newsdex's
    /// own `newsdex.json` is ever removed, so a mistyped `--index` cannot wipe anything else.
    pub fn open_or_replace(path: &Path) -> Result<NewsIndex> {
        match Self::open_or_create(path) {
            Err(Error::Usage(message))
                if path.join(META_FILE).is_file() && message.contains("version") =>
            {
                std::fs::remove_dir_all(path).map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                Self::create(path)
            }
            other => other,
        }
    }

    /// Wrap an opened or created tantivy index, registering newsdex's analyzers (tantivy
    /// keeps only their names).
    fn ready(index: Index, fields: Fields, path: &Path) -> NewsIndex {
        tokenizer::register(&index);
        NewsIndex {
            index,
            fields,
            path: path.to_path_buf(),
            reader: OnceLock::new(),
            other_analysis: OnceLock::new(),
        }
    }

    fn create(path: &Path) -> Result<NewsIndex> {
        std::fs::create_dir_all(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let (schema, fields) = build_schema();
        let directory = MmapDirectory::open(path).map_err(|err| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(err.to_string()),
        })?;
        let index = Index::create(directory, schema, index_settings())?;
        Ok(Self::ready(index, fields, path))
    }

    /// Whether the index's last commit was made by a newsdex with another analysis (see
    /// [`manifest::made_with_other_analysis`]), so that its places and names may be out of
    /// date. Read from the commit payload once per opened index, not once per search.
    pub fn made_with_other_analysis(&self) -> Result<bool> {
        if let Some(&other) = self.other_analysis.get() {
            return Ok(other);
        }
        let payload = self.index.load_metas()?.payload;
        let other = manifest::made_with_other_analysis(
            payload.as_deref(),
            crate::analyze::analysis_version(),
        );
        Ok(*self.other_analysis.get_or_init(|| other))
    }

    /// A reader of the last commit, opened on first use and kept: opening one maps every
    /// segment, which a process running many searches should pay once. It sees later commits
    /// only after [`NewsIndex::reload`].
    pub fn reader(&self) -> Result<&IndexReader> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader);
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// Make the reader see the last commit.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader()?.reload()?)
    }

    /// The record of the last completed `index` run, if any.
    pub fn meta(&self) -> Option<IndexMeta> {
        read_meta(&self.path)
    }

    /// Write `newsdex.json` atomically (a temporary file renamed over the old one), so a run
    /// killed midway never leaves a half-written record.
    pub fn write_meta(&self, meta: &IndexMeta) -> Result<()> {
        let target = self.path.join(META_FILE);
        let temp = self.path.join(format!("{META_FILE}.tmp"));
        let json = serde_json::to_vec_pretty(meta).map_err(|err| Error::Io {
            path: target.clone(),
            source: std::io::Error::other(err),
        })?;
        std::fs::write(&temp, json)
            .and_then(|()| std::fs::rename(&temp, &target))
            .map_err(|source| Error::Io {
                path: target,
                source,
            })
    }

    fn check_version(path: &Path) -> Result<()> {
        match read_meta(path) {
            Some(meta) if meta.schema_version != SCHEMA_VERSION => Err(Error::Usage(format!(
                "the index at '{}' has schema version {} but this newsdex writes version {SCHEMA_VERSION}: rebuild it with `newsdex index DIR --rebuild`",
                path.display(),
                meta.schema_version
            ))),
            _ => Ok(()),
        }
    }
}

/// Tantivy settings of new indexes. The document store holds every passage's text and its
/// article's fields; zstd packs news text about twice as tightly as tantivy's default lz4,
/// which keeps the index under the size of the raw text. Level 9 instead of 3 makes the
/// store 4% smaller (100,000 Reuters articles: 47.0 -> 45.0 MB) at no cost to reading it;
/// blocks of 32 KiB keep what a hit decompresses small (64 KiB would save 2 MB more).
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(9),
        }),
        docstore_blocksize: 32 * 1024,
        ..tantivy::IndexSettings::default()
    }
}

fn read_meta(path: &Path) -> Option<IndexMeta> {
    let bytes = std::fs::read(path.join(META_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}
