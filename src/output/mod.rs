//! Rendering results for people (coloured on a terminal, plain otherwise) and for scripts
//! (one stable JSON document; see `docs/json.md`).

pub mod extract;
pub mod facets;
pub mod human;
pub mod json;
