//! The manifest: what each indexed file looked like when it was indexed, so that the next
//! `index` run re-reads only what changed.
//!
//! A file is *unchanged* when its size and modification time match the manifest (it is not
//! even opened). When either differs, it is read and its content hash compared: a file that
//! was only touched is not re-indexed. Otherwise its old passages are deleted (by the `path`
//! term) and the new ones added.
//!
//! Why a commit payload: the manifest must describe exactly the documents of the commit it
//! belongs to, even when a run is killed between two commits. Each commit writes the manifest
//! to a new file *first*, then names that file in tantivy's commit payload, which tantivy
//! stores atomically with the commit in its `meta.json`. A run killed before the commit
//! leaves the payload naming the previous manifest, which still matches the previous commit;
//! orphaned manifest files are removed after the next successful commit.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Prefix of manifest file names in the index folder.
const PREFIX: &str = "manifest-";

/// The state of the files of one commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Files by their path relative to the indexed folder.
    pub files: BTreeMap<String, FileState>,
    /// The reading settings the files were parsed with (the `--map` of keys onto fields):
    /// when they change, every file is read again, since the same bytes now give other
    /// articles.
    #[serde(default)]
    pub settings: String,
    /// What the files were analysed with (`analyze::analysis_version`): when it changes,
    /// every file is analysed again. Empty in manifests written before it was recorded.
    #[serde(default)]
    pub analysis: String,
}

/// What an indexed file looked like.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileState {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch, when the file system gives one.
    pub mtime_ns: Option<i128>,
    /// xxh3 of the file's (decompressed) content.
    pub hash: u64,
    pub articles: u64,
    pub passages: u64,
    /// Exact fingerprints of the stories this file holds the indexed text of (it is their
    /// representative).
    #[serde(default)]
    pub stories: Vec<u64>,
    /// Exact fingerprints of its articles indexed as copies of a story held by another
    /// article: their fields are indexed, their text is not.
    #[serde(default)]
    pub copies: Vec<u64>,
}

/// Modification time as stored in the manifest.
pub fn mtime_ns(modified: Option<SystemTime>) -> Option<i128> {
    let modified = modified?;
    Some(match modified.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    })
}

/// A short tag of an analysis version (`analyze::analysis_version`), part of the manifest's
/// file name.
pub fn analysis_tag(analysis: &str) -> String {
    format!("a{:016x}", xxhash_rust::xxh3::xxh3_64(analysis.as_bytes()))
}

/// Whether the commit whose payload is `payload` was analysed with another analysis than
/// `analysis` (its manifest's name lacks the tag; manifests named before tags existed count
/// as another). An index without a commit is not.
pub fn made_with_other_analysis(payload: Option<&str>, analysis: &str) -> bool {
    payload
        .filter(|name| name.starts_with(PREFIX))
        .is_some_and(|name| !name.contains(&analysis_tag(analysis)))
}

impl Manifest {
    /// Load the manifest a commit payload names; an empty manifest when there is none (a new
    /// index, or one written before manifests existed).
    pub fn load(index_dir: &Path, payload: Option<&str>) -> Result<Manifest> {
        let Some(name) = payload.filter(|p| p.starts_with(PREFIX)) else {
            return Ok(Manifest::default());
        };
        let path = index_dir.join(name);
        let mut bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if name.ends_with(".gz") {
            use std::io::Read;
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(bytes.as_slice())
                .read_to_end(&mut json)
                .map_err(|err| Error::Io {
                    path: path.clone(),
                    source: std::io::Error::other(format!(
                        "corrupt manifest ({err}): rebuild with --rebuild"
                    )),
                })?;
            bytes = json;
        }
        serde_json::from_slice(&bytes).map_err(|err| Error::Io {
            path,
            source: std::io::Error::other(format!(
                "corrupt manifest ({err}): rebuild with --rebuild"
            )),
        })
    }

    /// Write the manifest to a new file and return its name, for the commit payload. The file
    /// is synced before returning so that a commit naming it never outlives it.
    pub fn save(&self, index_dir: &Path) -> Result<String> {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        // Gzipped JSON: the story fingerprints make it about 20 bytes an article as text,
        // and it is part of the index's size on disk.
        // The name carries a tag of the analysis, so that a search can tell from the commit
        // payload alone, without reading the manifest, whether the index is up to date.
        let name = format!("{PREFIX}{stamp}-{}.json.gz", analysis_tag(&self.analysis));
        let path = index_dir.join(&name);
        let json = serde_json::to_vec(self).map_err(|err| Error::Io {
            path: path.clone(),
            source: std::io::Error::other(err),
        })?;
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let file = std::fs::File::create(&path)?;
            let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
            gz.write_all(&json)?;
            gz.finish()?.sync_all()
        };
        write().map_err(|source| Error::Io { path, source })?;
        Ok(name)
    }

    /// Remove every manifest file but `keep` (older commits', and those of killed runs).
    pub fn remove_others(index_dir: &Path, keep: &str) {
        let Ok(entries) = std::fs::read_dir(index_dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let manifest = name.ends_with(".json") || name.ends_with(".json.gz");
            if name.starts_with(PREFIX) && manifest && name != keep {
                // Best effort: a leftover file costs a little disk, never correctness.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    pub fn articles(&self) -> u64 {
        self.files.values().map(|f| f.articles).sum()
    }

    pub fn passages(&self) -> u64 {
        self.files.values().map(|f| f.passages).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_name_tells_the_analysis_it_was_made_with() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let manifest = Manifest {
            analysis: "newsdex 1.0 data 1234".to_string(),
            ..Manifest::default()
        };
        let name = manifest.save(dir.path()).expect("saved");
        assert!(!made_with_other_analysis(
            Some(&name),
            "newsdex 1.0 data 1234"
        ));
        assert!(made_with_other_analysis(
            Some(&name),
            "newsdex 1.0 data 5678"
        ));
        // Named before tags existed: another analysis. No commit yet: nothing to say.
        assert!(made_with_other_analysis(
            Some("manifest-1796010437267631968.json.gz"),
            "newsdex 1.0 data 1234"
        ));
        assert!(!made_with_other_analysis(None, "newsdex 1.0 data 1234"));
        assert_eq!(
            Manifest::load(dir.path(), Some(&name))
                .expect("loads")
                .analysis,
            manifest.analysis
        );
    }

    #[test]
    fn saves_loads_and_cleans_up() {
        let dir = tempfile::TempDir::new().expect("temp");
        let mut manifest = Manifest::default();
        manifest.files.insert(
            "a.txt".into(),
            FileState {
                size: 3,
                mtime_ns: Some(-5),
                hash: 7,
                articles: 1,
                passages: 2,
                stories: vec![11],
                copies: vec![12],
            },
        );
        let first = manifest.save(dir.path()).expect("save");
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = manifest.save(dir.path()).expect("save");
        assert_ne!(first, second);
        assert_eq!(
            Manifest::load(dir.path(), Some(&second)).expect("load"),
            manifest
        );
        Manifest::remove_others(dir.path(), &second);
        assert!(!dir.path().join(&first).exists());
        assert!(dir.path().join(&second).exists());
        assert_eq!(
            Manifest::load(dir.path(), None).expect("load"),
            Manifest::default()
        );
        assert_eq!(manifest.articles(), 1);
        assert_eq!(manifest.passages(), 2);
    }
}
