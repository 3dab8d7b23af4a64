//! The types that flow between stages: ingest produces [`Article`]s, analysis turns each into
//! [`Passage`]s carrying [`Mention`]s, the index stores them and search returns them.
//!
//! They live here, in one place, so that no stage has to reach back up the chain for a type.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::Arc;

/// One news article as parsed from a file, before analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    /// Stable identifier: the record's own `id` when the source gives one, otherwise a hash of
    /// the file's path and the record's position in it.
    pub id: String,
    /// Path of the file the article came from, relative to the indexed folder.
    pub path: String,
    /// Position of the record inside a multi-article file (JSON array, JSON Lines), else `None`.
    pub record: Option<usize>,
    pub title: String,
    /// The one-sentence summary printed under a headline, when there is one.
    pub standfirst: Option<String>,
    pub author: Option<String>,
    /// Publication time in UTC; `None` when the source gives no date we can read (never invented).
    pub date: Option<DateTime<Utc>>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The article text; paragraphs separated by a blank line.
    pub body: String,
}

/// A unit of retrieval: a few consecutive sentences of one article, never crossing a paragraph
/// unless the paragraphs are very short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// 0-based position of the passage in its article.
    pub position: usize,
    /// The passage text: its sentences joined by single spaces (so that run-together sentences
    /// such as `dozens.The` read correctly) and its paragraphs by a newline.
    pub text: String,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person: `Qasem Soleimani`, `Mark Esper`.
    Person,
    /// An organisation or state body: `Pentagon`, `CENTCOM`, `Saudi Aramco`.
    Org,
    /// An armed group or militia: `Kata'ib Hezbollah`, `Popular Mobilization Forces`.
    Group,
    /// A place: a country, region, city, base or body of water.
    Place,
}

impl MentionKind {
    /// The lowercase name used in facets, JSON and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Org => "org",
            MentionKind::Group => "group",
            MentionKind::Place => "place",
        }
    }

    /// Parse the names produced by [`MentionKind::as_str`] (and a few spellings people type).
    pub fn parse(s: &str) -> Option<MentionKind> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "per" | "people" => Some(MentionKind::Person),
            "org" | "organisation" | "organization" => Some(MentionKind::Org),
            "group" | "armed-group" | "militia" => Some(MentionKind::Group),
            "place" | "loc" | "location" => Some(MentionKind::Place),
            _ => None,
        }
    }
}

/// One mention of an entity or place in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub kind: MentionKind,
    /// Canonical name: `Kata'ib Hezbollah` for `KH`, `Hezbollah Brigades` or `Kataib Hezbollah`;
    /// `Iran` for `Iranian`.
    ///
    /// Shared (`Arc`) with the extractor's entry, as is `facet`: a known name mentioned many
    /// times is not copied for each mention.
    pub name: Arc<str>,
    /// Hierarchical facet path: `/Iraq/Anbar/Al-Qaim` for a place, `/group/Kata'ib Hezbollah`
    /// for an entity. Indexing a facet also indexes its ancestors, so a filter on `/Iraq`
    /// matches everything under it.
    pub facet: Arc<str>,
    /// Byte range of the mention in the text it was found in.
    pub start: usize,
    pub end: usize,
}

/// An article after analysis: its passages, each with the mentions found in it.
#[derive(Debug, Clone)]
pub struct AnalyzedArticle {
    pub article: Article,
    pub passages: Vec<AnalyzedPassage>,
    /// Exact and near-duplicate fingerprints of the body, to show a story once.
    pub fingerprint: crate::analyze::fingerprint::Fingerprint,
}

/// A passage with the entity and place mentions found in its text (offsets into `passage.text`).
#[derive(Debug, Clone)]
pub struct AnalyzedPassage {
    pub passage: Passage,
    pub mentions: Vec<Mention>,
}
