//! The library's error type.
use std::path::PathBuf;

/// Errors the library reports; each message says what went wrong and, where it can, what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("{0}")]
    Query(String),
    #[error("{0}")]
    Usage(String),
}

/// The crate-wide result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
