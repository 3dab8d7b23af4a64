//! The queries a benchmark runs: a built-in set covering each query class, or a user's file.
//!
//! The built-in set is written for news about the Gulf, Iran and Iraq (the sample corpus and
//! the collections it was modelled on), but every query also matches ordinary wire copy
//! (strikes, oil, tankers, sanctions), so the figures mean something on any English archive.

use std::fmt;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::search::Filters;

/// What kind of work a query asks of the engine; latency is reported per class because the
/// classes stress different parts of it (term lists, positions, filters, long disjunctions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryClass {
    /// Two or three plain words.
    Keyword,
    /// An exact phrase (positions).
    Phrase,
    /// `+required`, `-excluded`, `AND`/`OR`.
    Boolean,
    /// Words plus a place or entity filter (facets).
    Filtered,
    /// A `topic:` query: a long weighted vocabulary.
    Topic,
    /// A natural-language question: many words, several of them common.
    Question,
    /// A query from a user's file that names no class.
    Custom,
}

impl QueryClass {
    /// Every class, in report order.
    pub const ALL: [QueryClass; 7] = [
        QueryClass::Keyword,
        QueryClass::Phrase,
        QueryClass::Boolean,
        QueryClass::Filtered,
        QueryClass::Topic,
        QueryClass::Question,
        QueryClass::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QueryClass::Keyword => "keyword",
            QueryClass::Phrase => "phrase",
            QueryClass::Boolean => "boolean",
            QueryClass::Filtered => "filtered",
            QueryClass::Topic => "topic",
            QueryClass::Question => "question",
            QueryClass::Custom => "custom",
        }
    }

    pub fn parse(name: &str) -> Option<QueryClass> {
        QueryClass::ALL
            .into_iter()
            .find(|class| class.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for QueryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One query of a benchmark.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub class: QueryClass,
    /// The query as a user would type it to `newsdex search`.
    pub text: String,
    pub filters: Filters,
}

impl BenchQuery {
    fn new(class: QueryClass, text: &str) -> BenchQuery {
        BenchQuery {
            class,
            text: text.to_string(),
            filters: Filters::default(),
        }
    }

    fn in_place(class: QueryClass, text: &str, place: &str) -> BenchQuery {
        let mut query = BenchQuery::new(class, text);
        query.filters.places.push(place.to_string());
        query
    }
}

/// The built-in query set: three or four queries of each class.
pub fn builtin() -> Vec<BenchQuery> {
    use QueryClass::*;
    vec![
        BenchQuery::new(Keyword, "Kirkuk rockets"),
        BenchQuery::new(Keyword, "oil prices"),
        BenchQuery::new(Keyword, "tanker attack"),
        BenchQuery::new(Keyword, "sanctions"),
        BenchQuery::new(Phrase, "\"Strait of Hormuz\""),
        BenchQuery::new(Phrase, "\"air strike\""),
        BenchQuery::new(Phrase, "\"crude oil\""),
        BenchQuery::new(Boolean, "+iran +iraq -football"),
        BenchQuery::new(Boolean, "tanker AND (gulf OR hormuz)"),
        BenchQuery::new(Boolean, "sanctions -russia"),
        BenchQuery::in_place(Filtered, "strikes", "Iraq"),
        BenchQuery::in_place(Filtered, "oil exports", "Iran"),
        BenchQuery::in_place(Filtered, "attack", "Syria"),
        BenchQuery::new(Topic, "topic:militia-strikes"),
        BenchQuery::new(Topic, "topic:gulf-shipping tanker"),
        BenchQuery::new(Topic, "topic:iran-us-tensions sanctions"),
        BenchQuery::new(
            Question,
            "why did the us strike kata'ib hezbollah in iraq and syria",
        ),
        BenchQuery::new(
            Question,
            "what did iran say about the attacks on oil tankers in the gulf",
        ),
        BenchQuery::new(
            Question,
            "how many rockets hit the base near kirkuk and who was killed",
        ),
    ]
}

/// Read a query file: one query a line; blank lines and lines starting with `#` are skipped.
/// A line may start with a class and a tab (`phrase<TAB>"oil prices"`); otherwise its class is
/// `custom`.
pub fn parse_file(text: &str) -> Result<Vec<BenchQuery>> {
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let query = match line.split_once('\t') {
            Some((class, query)) => {
                let class = QueryClass::parse(class).ok_or_else(|| {
                    Error::Usage(format!(
                        "line {}: unknown query class '{class}': use one of keyword, phrase, boolean, filtered, topic, question, custom (or no class and no tab)",
                        number + 1
                    ))
                })?;
                BenchQuery::new(class, query.trim())
            }
            None => BenchQuery::new(QueryClass::Custom, line.trim()),
        };
        queries.push(query);
    }
    if queries.is_empty() {
        return Err(Error::Usage(
            "the query file holds no query: write one query a line".to_string(),
        ));
    }
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_set_covers_every_class_but_custom() {
        let set = builtin();
        for class in QueryClass::ALL {
            let count = set.iter().filter(|q| q.class == class).count();
            assert_eq!(count == 0, class == QueryClass::Custom, "{class}: {count}");
        }
    }

    #[test]
    fn file_lines_take_an_optional_class() {
        let queries =
            parse_file("# comment\n\nphrase\t\"crude oil\"\nkirkuk rockets\n").expect("parses");
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].class, QueryClass::Phrase);
        assert_eq!(queries[0].text, "\"crude oil\"");
        assert_eq!(queries[1].class, QueryClass::Custom);
        assert_eq!(queries[1].text, "kirkuk rockets");
    }

    #[test]
    fn unknown_class_and_empty_file_are_errors() {
        assert!(parse_file("fuzzy\tkirkuk").is_err());
        assert!(parse_file("# only a comment\n").is_err());
    }
}
