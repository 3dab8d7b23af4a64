//! From what the user typed to a tantivy query: clean-up, parsing and filters.

use std::ops::Bound;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Term};

use super::rank::RankWeights;
use crate::analyze::gazetteer::Gazetteer;
use crate::analyze::tokenizer::{is_apostrophe, keyword_analyzer};
use crate::error::{Error, Result};
use crate::index::schema::Fields;

/// Longest query accepted, in characters. Far beyond any question a person types; it keeps a
/// pasted document from turning into a query of thousands of clauses.
pub const MAX_QUERY_CHARS: usize = 2000;
/// Deepest parenthesis nesting accepted.
pub const MAX_NESTING: usize = 32;

/// Restrictions on which passages may match. Repeated values of one filter are alternatives
/// (`--place Iraq --place Syria`: either); different filters must all hold.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Places, by name or alias; a place matches everything under it (`Iraq` ⊃ `Al-Qaim`).
    /// Applied per article: the passages of articles that name the place.
    pub places: Vec<String>,
    /// Entities (people, organisations, groups), by name or alias; per article, as places.
    pub entities: Vec<String>,
    /// Sources (outlets), matched whole and case-insensitively.
    pub sources: Vec<String>,
    /// Earliest publication time, inclusive.
    pub since: Option<DateTime<Utc>>,
    /// Latest publication time, exclusive.
    pub until: Option<DateTime<Utc>>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
            && self.entities.is_empty()
            && self.sources.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }
}

/// Parse a `--since`/`--until` value: `YYYY-MM-DD` (UTC midnight) or an RFC 3339 time.
/// `end_of_day` moves a bare date to the end of that day, so `--until 2019-12-31` includes
/// the 31st.
pub fn parse_date_bound(value: &str, end_of_day: bool) -> Result<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(value.trim()) {
        return Ok(time.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "invalid date '{value}': use YYYY-MM-DD (taken as UTC) or an RFC 3339 time such as 2020-01-03T00:00:00Z"
        ))
    })?;
    let date = if end_of_day {
        date.succ_opt().unwrap_or(date)
    } else {
        date
    };
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Ok(Utc.from_utc_datetime(&midnight))
}

/// Rewrite what the user typed so that tantivy's strict parser reads words as words:
/// apostrophes inside words are removed (`Kata'ib`, `Kata’ib` → `Kataib`, `iran's` → `irans`,
/// the same as the index's analyzer does), a possessive apostrophe after a word
/// (`militias'`) is dropped, curly double quotes become straight ones; a single quote that
/// opens a phrase (`'strait of hormuz'`) is kept.
pub fn normalize_query(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    let mut out = String::with_capacity(input.len());
    let mut single_quote_open = false;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_apostrophe(c));
        match c {
            '“' | '”' | '„' => out.push('"'),
            c if is_apostrophe(c) => {
                if word(before) && word(after) {
                    // inside a word: drop
                } else if word(before) {
                    if single_quote_open {
                        out.push('\'');
                        single_quote_open = false;
                    }
                    // else a possessive: drop
                } else if word(after) && !single_quote_open {
                    out.push('\'');
                    single_quote_open = true;
                }
                // else a lone apostrophe: drop
            }
            c => out.push(c),
        }
    }
    if single_quote_open {
        // An opening quote never closed: treat it as an apostrophe, not a phrase.
        if let Some(pos) = out.rfind('\'') {
            out.remove(pos);
        }
    }
    out
}

/// Check the query's size and nesting before parsing.
fn check_shape(query: &str) -> Result<()> {
    let chars = query.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::Query(format!(
            "query too long ({chars} characters; the limit is {MAX_QUERY_CHARS}): shorten it, or filter with --place/--entity/--source"
        )));
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in query.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_NESTING {
        return Err(Error::Query(format!(
            "query nested {deepest} parentheses deep; the limit is {MAX_NESTING}"
        )));
    }
    Ok(())
}

/// Build the scoring query for `text` over the weighted text fields. An empty text (or `*`)
/// matches every passage.
pub fn parse_user_query(
    index: &Index,
    fields: &Fields,
    weights: &RankWeights,
    text: &str,
) -> Result<Box<dyn Query>> {
    check_shape(text)?;
    let normalized = normalize_query(text);
    if normalized.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let mut parser = QueryParser::for_index(
        index,
        vec![
            fields.text,
            fields.title,
            fields.standfirst,
            fields.entity_names,
            fields.place_names,
        ],
    );
    parser.set_field_boost(fields.text, weights.text);
    parser.set_field_boost(fields.title, weights.title);
    parser.set_field_boost(fields.standfirst, weights.standfirst);
    parser.set_field_boost(fields.entity_names, weights.entity_names);
    parser.set_field_boost(fields.place_names, weights.place_names);
    parser.parse_query(&normalized).map_err(|err| {
        Error::Query(format!(
            "cannot parse query '{text}': {err}. Check quotes and parentheses, or put words that contain query syntax between double quotes"
        ))
    })
}

/// The filter query for `filters`, or `None` when there are none. Errors name a place or
/// entity that the gazetteer does not know, since such a filter could never match.
pub fn filter_query(fields: &Fields, filters: &Filters) -> Result<Option<Box<dyn Query>>> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let gazetteer = Gazetteer::builtin();
    if !filters.places.is_empty() {
        let mut facets = Vec::new();
        for name in &filters.places {
            let place = gazetteer.place(name).ok_or_else(|| {
                Error::Usage(format!(
                    "unknown place '{name}': --place takes a country, region, city, base or body of water from the built-in gazetteer (e.g. Iraq, Anbar, Al-Qaim)"
                ))
            })?;
            facets.push(place.facet());
        }
        must.push((Occur::Must, any_facet(fields.article_places, &facets)));
    }
    if !filters.entities.is_empty() {
        let mut facets = Vec::new();
        for name in &filters.entities {
            match gazetteer.entity(name) {
                Some(entity) => facets.push(entity.facet()),
                // A name found by the capitalised-name rule: any kind.
                None => {
                    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    facets.extend(["person", "org", "group"].map(|kind| format!("/{kind}/{name}")));
                }
            }
        }
        must.push((Occur::Must, any_facet(fields.article_entities, &facets)));
    }
    if !filters.sources.is_empty() {
        let terms: Vec<Box<dyn Query>> = filters
            .sources
            .iter()
            .map(|source| {
                let term = Term::from_field_text(fields.source, &keyword(source));
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
            })
            .collect();
        must.push((Occur::Must, any_of(terms)));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let bound = |time: Option<DateTime<Utc>>, inclusive: bool| match time {
            None => Bound::Unbounded,
            Some(time) => {
                let term = Term::from_field_date_for_search(
                    fields.date,
                    tantivy::DateTime::from_timestamp_secs(time.timestamp()),
                );
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
        };
        must.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                bound(filters.since, true),
                bound(filters.until, false),
            )),
        ));
    }
    Ok(match must.len() {
        0 => None,
        _ => Some(Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(must)),
            0.0,
        ))),
    })
}

/// Combine the scoring query with the filter: the filter restricts, it adds nothing to scores.
pub fn with_filter(query: Box<dyn Query>, filter: Option<Box<dyn Query>>) -> Box<dyn Query> {
    match filter {
        None => query,
        Some(filter) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, filter),
        ])),
    }
}

fn any_facet(field: tantivy::schema::Field, paths: &[String]) -> Box<dyn Query> {
    let queries = paths
        .iter()
        .filter_map(|path| Facet::from_text(path).ok())
        .map(|facet| {
            Box::new(TermQuery::new(
                Term::from_facet(field, &facet),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>
        })
        .collect();
    any_of(queries)
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// A value as the `keyword` analyzer indexes it.
fn keyword(value: &str) -> String {
    let mut analyzer = keyword_analyzer();
    let mut stream = analyzer.token_stream(value.trim());
    let mut out = String::new();
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_in_words_go() {
        assert_eq!(normalize_query("Kata'ib Hezbollah"), "Kataib Hezbollah");
        assert_eq!(normalize_query("Kata’ib"), "Kataib");
        assert_eq!(normalize_query("iran's navy"), "irans navy");
        assert_eq!(
            normalize_query("the militias' leaders"),
            "the militias leaders"
        );
    }

    #[test]
    fn quotes_that_make_phrases_stay() {
        assert_eq!(normalize_query("'strait of hormuz'"), "'strait of hormuz'");
        assert_eq!(
            normalize_query("“strait of hormuz”"),
            "\"strait of hormuz\""
        );
        assert_eq!(normalize_query("'dangling"), "dangling");
    }

    #[test]
    fn date_bounds() {
        let since = parse_date_bound("2019-12-29", false).expect("date");
        assert_eq!(since.to_rfc3339(), "2019-12-29T00:00:00+00:00");
        let until = parse_date_bound("2019-12-31", true).expect("date");
        assert_eq!(until.to_rfc3339(), "2020-01-01T00:00:00+00:00");
        let exact = parse_date_bound("2020-01-03T01:00:00+03:00", true).expect("date");
        assert_eq!(exact.to_rfc3339(), "2020-01-02T22:00:00+00:00");
        assert!(parse_date_bound("29/12/2019", false).is_err());
    }

    #[test]
    fn shape_limits() {
        assert!(check_shape(&"word ".repeat(500)).is_err());
        assert!(check_shape(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).is_err());
        assert!(check_shape("(a OR (b AND c))").is_ok());
    }
}
