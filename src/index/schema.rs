//! The index schema: one tantivy document per passage.
//!
//! Passages are the unit of retrieval, so each passage is a document and carries its article's
//! fields (title, date, source ...) with it. That costs some disk (the title is stored once a
//! passage; the doc store's compression absorbs most of it, since an article's passages sit
//! next to each other) and buys simple, fast queries: filters and boosts on article fields
//! apply to passages directly, with no join.
//!
//! | field | type | indexed as | stored | fast | what |
//! |---|---|---|---|---|---|
//! | `article_id` | text | `raw` | yes | yes | stable article id; groups passages by article |
//! | `path` | text | `raw` | yes | | file, relative to the indexed folder |
//! | `record` | u64 | | yes | | record number inside a multi-article file |
//! | `title` | text | `news` + positions | yes | | article title |
//! | `standfirst` | text | `news` + positions | yes | | summary line under the title |
//! | `author` | text | `news` | yes | | byline |
//! | `date` | date | yes (seconds) | yes | yes | publication time, UTC |
//! | `source` | text | `keyword` | yes | | outlet; exact, case-insensitive filter |
//! | `url` | text | | yes | | |
//! | `text` | text | `news` + positions | yes | | the passage |
//! | `position` | u64 | yes | yes | yes | passage number in its article, from 0 |
//! | `entities` | facet | yes | yes | | `/person/..`, `/org/..`, `/group/..` of the passage |
//! | `places` | facet | yes | yes | | `/Country/Region/Place` of the passage |
//! | `article_entities` | facet | yes | | | the same, for the whole article (on every passage; indexed only, for filters and boosts) |
//! | `article_places` | facet | yes | | | the same, for the whole article (on every passage; indexed only) |
//! | `body_hash` | u64 | | | yes | exact-duplicate fingerprint of the article body (see `analyze::fingerprint`) |
//! | `simhash` | u64 | | | yes | near-duplicate fingerprint of the article body |

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED,
    Schema, SchemaBuilder, TextFieldIndexing, TextOptions,
};

use crate::analyze::tokenizer::{KEYWORD, NEWS};

/// Bumped whenever the schema or the analyzers change in a way that needs a re-index.
pub const SCHEMA_VERSION: u32 = 3;

/// Handles to every field, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub article_id: Field,
    pub path: Field,
    pub record: Field,
    pub title: Field,
    pub standfirst: Field,
    pub author: Field,
    pub date: Field,
    pub source: Field,
    pub url: Field,
    pub text: Field,
    pub position: Field,
    pub entities: Field,
    pub places: Field,
    pub article_entities: Field,
    pub article_places: Field,
    pub body_hash: Field,
    pub simhash: Field,
}

/// Build the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = add_fields(&mut builder);
    (builder.build(), fields)
}

fn add_fields(b: &mut SchemaBuilder) -> Fields {
    let raw_stored_fast = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored()
        .set_fast("raw");
    let raw_stored = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    let news = |stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEWS)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let keyword = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    let date = DateOptions::from(INDEXED)
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let facet = FacetOptions::default().set_stored();

    Fields {
        article_id: b.add_text_field("article_id", raw_stored_fast),
        path: b.add_text_field("path", raw_stored),
        record: b.add_u64_field("record", STORED),
        title: b.add_text_field("title", news(true)),
        standfirst: b.add_text_field("standfirst", news(true)),
        author: b.add_text_field("author", news(true)),
        date: b.add_date_field("date", date),
        source: b.add_text_field("source", keyword),
        url: b.add_text_field("url", TextOptions::default().set_stored()),
        text: b.add_text_field("text", news(true)),
        position: b.add_u64_field("position", INDEXED | STORED | FAST),
        entities: b.add_facet_field("entities", facet.clone()),
        places: b.add_facet_field("places", facet),
        article_entities: b.add_facet_field("article_entities", FacetOptions::default()),
        article_places: b.add_facet_field("article_places", FacetOptions::default()),
        body_hash: b.add_u64_field("body_hash", FAST),
        simhash: b.add_u64_field("simhash", FAST),
    }
}

impl Fields {
    /// Resolve the fields of an existing index's schema; fails when the index was written by
    /// a different schema.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let (expected, fields) = build_schema();
        for (field, entry) in expected.fields() {
            let found = schema.get_field(entry.name())?;
            if found != field || schema.get_field_entry(found) != entry {
                return Err(tantivy::TantivyError::SchemaError(format!(
                    "field '{}' differs from this version of newsdex",
                    entry.name()
                )));
            }
        }
        Ok(fields)
    }
}
