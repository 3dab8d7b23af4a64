//! Integration tests: one test binary (it links once) with a module per area.

mod bench;
mod common;
mod corpora;
mod duplicates;
mod entities;
mod errors;
mod formats;
mod gold;
mod incremental;
mod ingest;
mod ranking;
mod search;
