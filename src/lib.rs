//! newsdex: a search engine for news archives.
//!
//! Data flows one way through the stages, each a module:
//! [`ingest`] (files → [`model::Article`]) → [`analyze`] (passages, entities, places) →
//! [`index`] (tantivy schema and writer) → [`search`] (queries, ranking, snippets) →
//! [`output`] (human and JSON rendering).

pub mod analyze;
pub mod bench;
pub mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod model;
pub mod output;
pub mod search;
