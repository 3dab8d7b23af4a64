//! Ranking weights: the one place where the relative weight of each field is decided.
//!
//! Every query term is searched in each of these fields with BM25 (k1 = 1.2, b = 0.75,
//! fixed by tantivy) and the per-field scores are summed after multiplying by the weight.
//!
//! Why these numbers:
//! - `text` (1.0) is the base: the passage itself must match.
//! - `title` (1.5): a title match says the whole article is about the query, so it lifts every
//!   passage of that article; kept modest because it is the same for all of them and must not
//!   outrank the passage that actually reports the event.
//! - `standfirst` (0.5): a summary of the article, weaker evidence than the title.
//! - `entity_names` and `place_names` (2.0): the passage *names* the group or place the query
//!   asks about, as found by the extractor (canonical names, so `KH` in a passage still
//!   matches a query for Kata'ib Hezbollah). This is what separates a passage about
//!   Kata'ib Hezbollah from one that mentions Iran in passing.

use serde::Serialize;

/// Weight of each searched field.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RankWeights {
    pub text: f32,
    pub title: f32,
    pub standfirst: f32,
    pub entity_names: f32,
    pub place_names: f32,
}

impl Default for RankWeights {
    fn default() -> Self {
        RankWeights {
            text: 1.0,
            title: 1.5,
            standfirst: 0.5,
            entity_names: 2.0,
            place_names: 2.0,
        }
    }
}
