//! The JSON documents of `--json`. Their shape is part of newsdex's interface: fields are
//! only ever added, never renamed or removed, without bumping [`JSON_VERSION`].

use serde::Serialize;

use crate::index::writer::IndexReport;
use crate::search::{Hit, RankMode, SearchResults, Topic};

/// Version of the JSON documents below.
pub const JSON_VERSION: u32 = 1;

/// `newsdex search --json`.
#[derive(Debug, Serialize)]
pub struct SearchDocument<'a> {
    pub version: u32,
    pub query: &'a str,
    pub total_hits: usize,
    pub returned: usize,
    pub took_ms: f64,
    /// `full` or `bm25`.
    pub rank: RankMode,
    /// The topic the ranking used, or null.
    pub topic: Option<&'a str>,
    /// Notes such as a malformed query read as its words.
    pub warnings: &'a [String],
    pub hits: &'a [Hit],
}

/// `newsdex index --json`.
#[derive(Debug, Serialize)]
pub struct IndexDocument<'a> {
    pub version: u32,
    pub index: String,
    #[serde(flatten)]
    pub report: &'a IndexReport,
    pub mb_per_second: f64,
}

/// The search results as one pretty-printed JSON document.
pub fn search_json(results: &SearchResults) -> String {
    let doc = SearchDocument {
        version: JSON_VERSION,
        query: &results.query,
        total_hits: results.total_hits,
        returned: results.hits.len(),
        took_ms: (results.took_ms * 1000.0).round() / 1000.0,
        rank: results.rank,
        topic: results.topic.as_deref(),
        warnings: &results.warnings,
        hits: &results.hits,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
}

/// `newsdex topics --json`: the topics as written in their files.
pub fn topics_json(topics: &[Topic]) -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "version": JSON_VERSION,
        "topics": topics,
    }))
    .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
}

/// The index report as one pretty-printed JSON document.
pub fn index_json(report: &IndexReport, index: &str) -> String {
    let doc = IndexDocument {
        version: JSON_VERSION,
        index: index.to_string(),
        report,
        mb_per_second: (report.mb_per_second() * 100.0).round() / 100.0,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
}
