//! From what the user typed to a tantivy query: clean-up, parsing and filters.

use std::ops::Bound;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Term};

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
    /// Keeps the passages that name the place and every passage of the articles that name it
    /// in at least one passage in 16 (`search::span::SALIENT_ONE_IN`).
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

/// Words people put in questions that say nothing about what they look for. The index
/// already drops Lucene's 33 English stop words (`the`, `of`, `and` ...); these are the
/// question words, auxiliaries and pronouns that would otherwise match most passages and
/// drown the words that matter in "why did the us strike kataib hezbollah". They are dropped
/// only from plain words (never from phrases, `+required` words or field values), and only
/// when a word that is not one of them remains.
pub const QUESTION_WORDS: &[&str] = &[
    "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "did", "do", "does",
    "done", "doing", "has", "have", "had", "having", "was", "were", "am", "been", "being", "can",
    "could", "would", "should", "shall", "may", "might", "must", "i", "me", "my", "we", "our",
    "you", "your", "he", "him", "his", "she", "her", "its", "they", "them", "their", "about",
    "tell", "show", "find", "happen", "happened", "happens", "any", "some", "there", "please",
    "get", "got", "know",
];

/// What the search makes of the typed query: the text for tantivy's parser, the plain words
/// and phrases (for proximity, titles, entity detection and highlights) and any warnings.
#[derive(Debug, Clone, Default)]
pub struct QueryPlan {
    /// Normalised text handed to tantivy's parser (`topic:` taken out, question words
    /// dropped). Empty: no words (topic only, or filters only).
    pub parser_text: String,
    /// `topic:NAME` found in the query.
    pub topic: Option<String>,
    /// Words that count for the passage, in order: plain and `+required` words, not
    /// `-excluded` ones, not field values.
    pub words: Vec<String>,
    /// Explicit phrases, without their quotes.
    pub phrases: Vec<String>,
    /// The query uses boolean syntax (`+`, `-`, AND/OR/NOT, parentheses, `field:`), so
    /// alternatives (aliases) must not be ORed into what has to match.
    pub has_operators: bool,
    /// Things the user should know (a malformed query was read as its words).
    pub warnings: Vec<String>,
}

/// One piece of the typed query.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// A plain word, with its `+`/`-` prefix if any.
    Word { prefix: Option<char>, word: String },
    /// A quoted phrase (quotes and any `~N`/`*` suffix kept in `raw`).
    Phrase {
        prefix: Option<char>,
        inner: String,
        raw: String,
    },
    /// `field:value`, kept verbatim.
    Field { field: String, raw: String },
    /// AND, OR, NOT, parentheses.
    Operator(String),
}

/// Split normalised query text into pieces. Never fails: an unclosed quote runs to the end
/// and the parser reports it.
fn pieces(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let read_quoted = |i: &mut usize| -> (String, String) {
        let quote = chars[*i];
        let start = *i;
        *i += 1;
        let mut inner = String::new();
        while *i < chars.len() && chars[*i] != quote {
            inner.push(chars[*i]);
            *i += 1;
        }
        *i += 1; // the closing quote (or past the end)
        while *i < chars.len()
            && (chars[*i] == '~' || chars[*i] == '*' || chars[*i].is_ascii_digit())
        {
            *i += 1;
        }
        let end = (*i).min(chars.len());
        (inner, chars[start..end].iter().collect())
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '(' || c == ')' {
            out.push(Piece::Operator(c.to_string()));
            i += 1;
            continue;
        }
        let prefix = (c == '+' || c == '-').then_some(c);
        let mut j = i + usize::from(prefix.is_some());
        if j < chars.len() && (chars[j] == '"' || chars[j] == '\'') {
            let (inner, raw) = read_quoted(&mut j);
            let raw = match prefix {
                Some(p) => format!("{p}{raw}"),
                None => raw,
            };
            out.push(Piece::Phrase { prefix, inner, raw });
            i = j;
            continue;
        }
        // A chunk up to whitespace or a parenthesis; a field value may be a quoted phrase or a
        // bracketed range with spaces inside.
        let start = i;
        while j < chars.len() && !chars[j].is_whitespace() && chars[j] != '(' && chars[j] != ')' {
            if chars[j] == ':' && j + 1 < chars.len() {
                match chars[j + 1] {
                    '"' | '\'' => {
                        let mut k = j + 1;
                        read_quoted(&mut k);
                        j = k;
                        break;
                    }
                    '[' | '{' => {
                        while j < chars.len() && chars[j] != ']' && chars[j] != '}' {
                            j += 1;
                        }
                        j += 1;
                        break;
                    }
                    _ => {}
                }
            }
            j += 1;
        }
        let end = j.min(chars.len());
        let chunk: String = chars[start..end].iter().collect();
        i = end;
        let body = chunk.trim_start_matches(['+', '-']);
        if matches!(chunk.as_str(), "AND" | "OR" | "NOT" | "&&" | "||") {
            out.push(Piece::Operator(chunk));
        } else if let Some((field, _)) = body.split_once(':').filter(|(f, v)| {
            !f.is_empty() && f.chars().all(|c| c.is_alphanumeric() || c == '_') && !v.is_empty()
        }) {
            out.push(Piece::Field {
                field: field.to_string(),
                raw: chunk.clone(),
            });
        } else if !body.is_empty() {
            out.push(Piece::Word {
                prefix,
                word: body.to_string(),
            });
        } else if !chunk.is_empty() {
            out.push(Piece::Operator(chunk));
        }
    }
    out
}

/// Read the typed query: take `topic:NAME` out, drop question words, note the words and
/// phrases. Checks size and nesting first.
pub fn plan_query(text: &str) -> Result<QueryPlan> {
    check_shape(text)?;
    let normalized = normalize_query(text);
    let mut plan = QueryPlan::default();
    let mut kept: Vec<Piece> = Vec::new();
    for piece in pieces(&normalized) {
        match &piece {
            Piece::Field { field, raw } if field.eq_ignore_ascii_case("topic") => {
                let name = raw.split_once(':').map(|(_, v)| v).unwrap_or_default();
                plan.topic = Some(name.trim_matches(['"', '\'']).to_string());
            }
            Piece::Field { .. } | Piece::Operator(_) => {
                plan.has_operators = true;
                kept.push(piece);
            }
            Piece::Word { prefix, .. } | Piece::Phrase { prefix, .. } => {
                plan.has_operators |= prefix.is_some();
                kept.push(piece);
            }
        }
    }
    // Question words go only from plain queries (no boolean structure to break) and only if
    // something else remains.
    let boolean = kept.iter().any(|p| matches!(p, Piece::Operator(_)));
    let is_question_word = |p: &Piece| match p {
        Piece::Word { prefix: None, word } => {
            QUESTION_WORDS.contains(&word.to_lowercase().as_str())
        }
        _ => false,
    };
    if !boolean && kept.iter().any(|p| !is_question_word(p)) {
        kept.retain(|p| !is_question_word(p));
    }
    let mut parts = Vec::new();
    for piece in kept {
        match piece {
            Piece::Word { prefix, word } => {
                if prefix != Some('-') {
                    plan.words.push(word.clone());
                }
                parts.push(match prefix {
                    Some(p) => format!("{p}{word}"),
                    None => word,
                });
            }
            Piece::Phrase { prefix, inner, raw } => {
                if prefix != Some('-') {
                    plan.phrases.push(inner);
                }
                parts.push(raw);
            }
            Piece::Field { raw, .. } => parts.push(raw),
            Piece::Operator(op) => parts.push(op),
        }
    }
    plan.parser_text = parts.join(" ");
    Ok(plan)
}

/// The words of a query that tantivy could not parse: letters and digits of each chunk,
/// taking only the value of `field:value`, without question words.
pub fn fallback_words(text: &str) -> Vec<String> {
    let normalized = normalize_query(text);
    let mut words = Vec::new();
    for chunk in normalized.split_whitespace() {
        let value = chunk.rsplit(':').next().unwrap_or(chunk);
        for word in value.split(|c: char| !c.is_alphanumeric() && c != '-') {
            let word = word.trim_matches('-');
            if word.is_empty() || matches!(word, "AND" | "OR" | "NOT" | "TO") {
                continue;
            }
            words.push(word.to_string());
        }
    }
    let content = words
        .iter()
        .any(|w| !QUESTION_WORDS.contains(&w.to_lowercase().as_str()));
    if content {
        words.retain(|w| !QUESTION_WORDS.contains(&w.to_lowercase().as_str()));
    }
    words
}

/// Parse `plan.parser_text` with tantivy's parser over `fields` (with their boosts). A
/// malformed query is an error under `strict`; otherwise the plan is rewritten to the query's
/// words, with a warning, and parsed again. Returns `None` when there is nothing to search
/// for (no words at all).
pub fn parse_plan(
    index: &Index,
    fields: &[(tantivy::schema::Field, f32)],
    plan: &mut QueryPlan,
    original: &str,
    strict: bool,
) -> Result<Option<Box<dyn Query>>> {
    if plan.parser_text.trim().is_empty() {
        return Ok(None);
    }
    let parser = parser_for(index, fields);
    match parser.parse_query(&plan.parser_text) {
        Ok(query) => Ok(Some(query)),
        Err(err) if strict => Err(Error::Query(format!(
            "cannot parse query '{original}': {err}. Check quotes and parentheses, or put words that contain query syntax between double quotes"
        ))),
        Err(err) => {
            let words = fallback_words(original);
            plan.warnings.push(format!(
                "cannot parse query '{original}' ({err}); searching for its words instead: {} (use --strict to make this an error)",
                if words.is_empty() { "none".to_string() } else { words.join(" ") }
            ));
            plan.words = words.clone();
            plan.phrases.clear();
            plan.has_operators = false;
            plan.parser_text = words.join(" ");
            if plan.parser_text.is_empty() {
                return Ok(Some(Box::new(tantivy::query::EmptyQuery)));
            }
            parser
                .parse_query(&plan.parser_text)
                .map(Some)
                .map_err(|err| Error::Query(format!("cannot parse query '{original}': {err}")))
        }
    }
}

/// What a query matches: passages holding its words (in their text, as parsed by
/// [`parse_plan`]) or, through [`super::span::ArticleQuery`], every passage of the articles
/// whose title or standfirst holds them (these are indexed on an article's first passage).
/// Each side applies the query's operators on its own: `+iran +iraq` matches a passage that
/// names both, or an article whose title does.
pub fn parse_passage_or_title(
    index: &Index,
    fields: &Fields,
    plan: &mut QueryPlan,
    original: &str,
    strict: bool,
) -> Result<Option<Box<dyn Query>>> {
    let Some(passage) = parse_plan(index, &[(fields.text, 1.0)], plan, original, strict)? else {
        return Ok(None);
    };
    // The text the passage side parsed (the words, after a fallback): it parses again.
    let title = parser_for(index, &[(fields.title, 1.0), (fields.standfirst, 1.0)])
        .parse_query(&plan.parser_text)
        .ok();
    Ok(Some(match title {
        Some(title) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, passage),
            (Occur::Should, super::span::ArticleQuery::boxed(title)),
        ])),
        None => passage,
    }))
}

/// A query parser over `fields` with their boosts.
pub fn parser_for(index: &Index, fields: &[(tantivy::schema::Field, f32)]) -> QueryParser {
    let mut parser = QueryParser::for_index(index, fields.iter().map(|(f, _)| *f).collect());
    for (field, boost) in fields {
        parser.set_field_boost(*field, *boost);
    }
    parser
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
        // The passages that name the place, and every passage of the articles that name it
        // (see `search::span::NamedInArticleQuery`).
        must.push((
            Occur::Must,
            named_here_or_in_article(fields.places, &facets),
        ));
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
        must.push((
            Occur::Must,
            named_here_or_in_article(fields.entities, &facets),
        ));
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
        // The source is indexed on an article's first passage.
        must.push((Occur::Must, super::span::ArticleQuery::boxed(any_of(terms))));
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

/// Passages whose own facets include one of `paths`, and every passage of the articles that
/// name one of them in enough of their passages (see `search::span::NamedInArticleQuery`).
fn named_here_or_in_article(field: tantivy::schema::Field, paths: &[String]) -> Box<dyn Query> {
    any_of(vec![
        any_facet(field, paths),
        super::span::NamedInArticleQuery::boxed(any_facet(field, paths)),
    ])
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
    fn questions_lose_their_question_words() {
        let plan = plan_query("why did the us strike kataib hezbollah").expect("plan");
        assert_eq!(plan.parser_text, "the us strike kataib hezbollah");
        assert_eq!(plan.words, ["the", "us", "strike", "kataib", "hezbollah"]);
        assert!(!plan.has_operators);
        // Only question words: kept, so the query still means something.
        assert_eq!(plan_query("who did what").expect("plan").words.len(), 3);
        // Boolean queries are left alone.
        let plan = plan_query("why AND how").expect("plan");
        assert_eq!(plan.parser_text, "why AND how");
    }

    #[test]
    fn pieces_of_a_full_query() {
        let plan = plan_query(
            "+\"air strike\" -football title:iran date:[2019-12-01T00:00:00Z TO 2020-01-31T00:00:00Z] topic:militia-strikes kirkuk",
        )
        .expect("plan");
        assert_eq!(plan.topic.as_deref(), Some("militia-strikes"));
        assert_eq!(plan.phrases, ["air strike"]);
        assert_eq!(plan.words, ["kirkuk"]);
        assert!(plan.has_operators);
        assert_eq!(
            plan.parser_text,
            "+\"air strike\" -football title:iran date:[2019-12-01T00:00:00Z TO 2020-01-31T00:00:00Z] kirkuk"
        );
    }

    #[test]
    fn malformed_queries_fall_back_to_words() {
        assert_eq!(fallback_words("\"unclosed phrase"), ["unclosed", "phrase"]);
        assert_eq!(fallback_words("nosuchfield:iran"), ["iran"]);
        assert!(fallback_words("title:").is_empty());
        assert_eq!(fallback_words("(why kirkuk"), ["kirkuk"]);
    }

    #[test]
    fn shape_limits() {
        assert!(check_shape(&"word ".repeat(500)).is_err());
        assert!(check_shape(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).is_err());
        assert!(check_shape("(a OR (b AND c))").is_ok());
    }
}
