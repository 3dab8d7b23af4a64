//! The index schema: one tantivy document per passage.
//!
//! Passages are the unit of retrieval, so each passage is a document. The article's fields
//! are *stored* once, on its first passage, as one JSON value (`article`), since a search
//! shows them once per article. Its path and date are indexed on every passage (deletion by
//! path, date filters); its title, standfirst, author and source are *indexed* on its
//! first passage only, and `search::span::ArticleQuery` extends a match
//! there to all its passages, so that filters and boosts on article fields still apply to
//! every passage.
//!
//! An article's passages are added as one group, so they are consecutive documents of one
//! segment (tantivy keeps a group in one segment, and merges keep the order of documents).
//! A passage at `position` p of an article of `passages` n therefore has its article's
//! passages at doc ids `doc - p .. doc - p + n` of its segment: search reads an article's
//! stored fields, length and term frequencies from that range instead of looking its id up
//! in a term dictionary.
//!
//! | field | type | indexed as | stored | fast | what |
//! |---|---|---|---|---|---|
//! | `path` | text | `raw` | | | file, relative to the indexed folder; re-indexing deletes by it |
//! | `title` | text | `news` + positions (first passage) | | | article title; scored for every passage through `search::span` |
//! | `standfirst` | text | `news` + positions (first passage) | | | summary line under the title |
//! | `author` | text | `news` (first passage) | | | byline |
//! | `date` | date | | | yes (seconds) | publication time, UTC; range filters read the fast field |
//! | `source` | text | `keyword` (first passage) | | | outlet; exact, case-insensitive filter |
//! | `text` | text | `news` + positions | yes | | the passage |
//! | `position` | u64 | | | yes | passage number in its article, from 0 |
//! | `passages` | u64 | | | yes | number of passages of the article |
//! | `article` | bytes | | first passage | | the article's fields as JSON ([`StoredArticle`]) |
//! | `entities` | facet | yes | | column | `/person/..`, `/org/..`, `/group/..` of the passage |
//! | `places` | facet | yes | | column | `/Country/Region/Place` of the passage |
//!
//! Every facet field has a column (tantivy keeps one for each): search reads a hit's names
//! and counts facets from it, so the names are not stored as well. The names of a whole
//! article are not indexed apart: `search::span::NamedInArticleQuery` finds the articles
//! that name a place or entity from their passages' facets.
//! | `body_hash` | u64 | | | first passage | exact-duplicate fingerprint of the article body (see `analyze::fingerprint`) |
//! | `simhash` | u64 | | | first passage | near-duplicate fingerprint of the article body |

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, FacetOptions, Field, IndexRecordOption, STORED, Schema,
    SchemaBuilder, TextFieldIndexing, TextOptions,
};

use crate::model::Article;

use crate::analyze::tokenizer::{KEYWORD, NEWS};

/// Bumped whenever the schema or the analyzers change in a way that needs a re-index.
pub const SCHEMA_VERSION: u32 = 5;

/// Handles to every field, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub path: Field,
    pub title: Field,
    pub standfirst: Field,
    pub author: Field,
    pub date: Field,
    pub source: Field,
    pub text: Field,
    pub position: Field,
    pub passages: Field,
    pub article: Field,
    pub entities: Field,
    pub places: Field,
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
    // Fields that are only matched, never scored, keep no field norms (a byte per document
    // and field each).
    let raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
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
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let date = DateOptions::default()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);

    Fields {
        path: b.add_text_field("path", raw),
        title: b.add_text_field("title", news(false)),
        standfirst: b.add_text_field("standfirst", news(false)),
        author: b.add_text_field("author", news(false)),
        date: b.add_date_field("date", date),
        source: b.add_text_field("source", keyword),
        text: b.add_text_field("text", news(true)),
        position: b.add_u64_field("position", FAST),
        passages: b.add_u64_field("passages", FAST),
        article: b.add_bytes_field("article", STORED),
        entities: b.add_facet_field("entities", FacetOptions::default()),
        places: b.add_facet_field("places", FacetOptions::default()),
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

/// An article's fields as stored on its first passage: what a search shows of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl StoredArticle {
    pub fn of(article: &Article) -> StoredArticle {
        StoredArticle {
            id: article.id.clone(),
            title: article.title.clone(),
            standfirst: article.standfirst.clone(),
            author: article.author.clone(),
            date: article
                .date
                .and_then(|d| DateTime::from_timestamp(d.timestamp(), 0)),
            source: article.source.clone(),
            url: article.url.clone(),
            path: article.path.clone(),
            record: article.record.map(|r| r as u64),
        }
    }

    /// The JSON bytes stored in the `article` field.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serialising plain strings, numbers and a date cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<StoredArticle> {
        serde_json::from_slice(bytes).ok()
    }

    /// The article stored on `doc`, when it is an article's first passage.
    pub fn from_doc(doc: &tantivy::TantivyDocument, fields: &Fields) -> Option<StoredArticle> {
        use tantivy::schema::Value;
        doc.get_first(fields.article)
            .and_then(|v| v.as_bytes())
            .and_then(StoredArticle::from_bytes)
    }
}

/// The document of the first passage of the article whose passage `doc` is at `position`
/// (an article's passages are consecutive, see the module comment).
pub fn first_passage(doc: tantivy::DocId, position: u64) -> tantivy::DocId {
    doc - position.min(u64::from(doc)) as tantivy::DocId
}
