//! Search: rank passages for a query, apply filters, fetch and highlight the hits.
//!
//! - [`query`]: from typed text to a tantivy query, and the filters.
//! - [`rank`]: the field weights, in one place.
//! - [`snippet`]: which words of a passage to highlight.

pub mod query;
pub mod rank;
pub mod snippet;

use std::ops::Range;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Facet, OwnedValue};

use crate::error::Result;
use crate::index::NewsIndex;
use crate::model::MentionKind;
pub use query::Filters;
pub use rank::RankWeights;

/// Most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What the user typed (tantivy query syntax; plain words are ORed, ranked by BM25).
    pub query: String,
    /// Number of passages to return (1..=[`MAX_LIMIT`]).
    pub limit: usize,
    pub filters: Filters,
    pub weights: RankWeights,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            filters: Filters::default(),
            weights: RankWeights::default(),
        }
    }
}

/// The ranked passages of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Passages that matched (before the limit).
    pub total_hits: usize,
    pub hits: Vec<Hit>,
    /// Time spent searching, fetching and highlighting, in milliseconds.
    pub took_ms: f64,
}

/// One ranked passage with its article's fields.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub article: ArticleInfo,
    pub passage: PassageInfo,
    /// People, organisations and groups named in the passage.
    pub entities: Vec<EntityRef>,
    /// Places named in the passage.
    pub places: Vec<PlaceRef>,
}

/// The article a hit belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    pub id: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub author: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub record: Option<u64>,
}

/// The passage of a hit.
#[derive(Debug, Clone, Serialize)]
pub struct PassageInfo {
    pub position: u64,
    pub text: String,
    /// Byte ranges of `text` that the query matched.
    pub highlights: Vec<Highlight>,
}

/// A highlighted byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

impl From<Range<usize>> for Highlight {
    fn from(range: Range<usize>) -> Highlight {
        Highlight {
            start: range.start,
            end: range.end,
        }
    }
}

/// A person, organisation or group named in a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub name: String,
    pub kind: MentionKind,
}

/// A place named in a passage, with its position in the gazetteer's hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceRef {
    pub name: String,
    /// `/Iraq/Anbar/Al-Qaim`.
    pub path: String,
}

/// Run a search on an open index.
pub fn search(index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let fields = &index.fields;
    let scoring = query::parse_user_query(&index.index, fields, &request.weights, &request.query)?;
    let filter = query::filter_query(fields, &request.filters)?;
    let mut highlighter = snippet::Highlighter::new(
        scoring.as_ref(),
        &[
            fields.text,
            fields.title,
            fields.standfirst,
            fields.entity_names,
            fields.place_names,
        ],
    );
    let full = query::with_filter(scoring, filter);
    let searcher = index.reader()?.searcher();
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let (top, total_hits) = searcher.search(
        full.as_ref(),
        &(TopDocs::with_limit(limit).order_by_score(), Count),
    )?;
    let mut hits = Vec::with_capacity(top.len());
    for (rank, (score, address)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = first_text(&doc, fields.text).unwrap_or_default();
        let highlights = highlighter
            .highlights(&text)
            .into_iter()
            .map(Highlight::from)
            .collect();
        hits.push(Hit {
            rank: rank + 1,
            score,
            article: ArticleInfo {
                id: first_text(&doc, fields.article_id).unwrap_or_default(),
                title: first_text(&doc, fields.title).unwrap_or_default(),
                standfirst: first_text(&doc, fields.standfirst),
                author: first_text(&doc, fields.author),
                date: first_date(&doc, fields.date),
                source: first_text(&doc, fields.source),
                url: first_text(&doc, fields.url),
                path: first_text(&doc, fields.path).unwrap_or_default(),
                record: first_u64(&doc, fields.record),
            },
            passage: PassageInfo {
                position: first_u64(&doc, fields.position).unwrap_or_default(),
                text,
                highlights,
            },
            entities: facets(&doc, fields.entities)
                .into_iter()
                .filter_map(|facet| {
                    let path = facet.to_path();
                    let kind = MentionKind::parse(path.first()?)?;
                    Some(EntityRef {
                        name: path.get(1..)?.join("/"),
                        kind,
                    })
                })
                .collect(),
            places: facets(&doc, fields.places)
                .into_iter()
                .filter_map(|facet| {
                    Some(PlaceRef {
                        name: facet.to_path().last()?.to_string(),
                        path: facet.to_path_string(),
                    })
                })
                .collect(),
        });
    }
    Ok(SearchResults {
        query: request.query.clone(),
        total_hits,
        hits,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        })
}

fn first_u64(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    doc.get_first(field)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::U64(n) => Some(n),
            _ => None,
        })
}

fn first_date(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<DateTime<Utc>> {
    doc.get_first(field)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Date(d) => DateTime::from_timestamp(d.into_timestamp_secs(), 0),
            _ => None,
        })
}

fn facets(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<Facet> {
    doc.get_all(field)
        .filter_map(|v| match OwnedValue::from(v) {
            OwnedValue::Facet(f) => Some(f),
            _ => None,
        })
        .collect()
}
