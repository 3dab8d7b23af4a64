//! Ranking: the weights, in one place, and the scoring components they weigh.
//!
//! A passage's score is a sum of named components, each a tantivy query, so that `--explain`
//! can show what each one added:
//!
//! | component | what it measures |
//! |---|---|
//! | `passage` | BM25 of the query over the passage text (and, weakly, the standfirst) |
//! | `title` | BM25 of the query's words over the article's title |
//! | `phrase` | the query's quoted phrases found exactly in the passage |
//! | `proximity` | consecutive query words close together in the passage |
//! | `entities` | the passage (or, less, its article) names an entity the query names |
//! | `places` | the same for places (a place covers the places inside it) |
//! | `aliases` | the passage spells a name the query names another way (`KH`, `Suleimani`) |
//! | `topic` | the topic's weighted words, phrases, entities and places |
//!
//! then multiplied by a date preference when one is asked for. Only passages that match the
//! query (or its aliases, or the topic when there is no query) are scored at all.

use serde::Serialize;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

use super::topics::ResolvedTopic;

/// Every weight of the ranking. Why each number (tuned on the judged sample set
/// `data/eval/sample`, after the judgements were written; see the README's table):
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RankWeights {
    /// BM25 of the passage text: the base, everything else is relative to it.
    pub text: f32,
    /// BM25 of the standfirst (on every passage of the article): a summary is weaker evidence
    /// than the passage itself, and it is the same for all passages of the article.
    pub standfirst: f32,
    /// BM25 of the query words over the title. A title match says the article is about the
    /// query; kept below the passage weight because it lifts every passage of the article
    /// alike and must not outrank the passage that reports the event.
    pub title: f32,
    /// An explicit `"phrase"` found as written: the user said the words belong together.
    pub phrase: f32,
    /// Two consecutive query words within `proximity_slop` positions of each other: the
    /// passage talks about them together ("strikes on Kata'ib Hezbollah"), not in passing.
    pub proximity: f32,
    /// Positions allowed between two query words for `proximity` (a transposition costs 2).
    pub proximity_slop: u32,
    /// Constant added when the passage's extracted entities include one the query names.
    /// This is what separates the passage about Kata'ib Hezbollah from one that mentions Iran.
    pub entity: f32,
    /// Constant when the article, but not this passage, names that entity.
    pub entity_article: f32,
    /// Constant when the passage's places include (or lie inside) a place the query names.
    pub place: f32,
    /// Constant when the article, but not this passage, names that place.
    pub place_article: f32,
    /// Factor on `place` and `place_article` for a country: most stories of a news archive
    /// name a country (`US`, `Iran`), so naming one says less than naming Kirkuk.
    pub country: f32,
    /// BM25 of the other spellings of the names the query names (`Hezbollah Brigades` for
    /// `KH`): lets a passage that spells a name differently match and score.
    pub alias: f32,
    /// Multiplier of the topic's score (the topic file's own weights are relative).
    pub topic: f32,
    /// Constant added per topic entity or place the passage names, times its weight.
    pub topic_name: f32,
    /// Largest relative lift of the date preference: a passage dated exactly on the preferred
    /// date gets `1 + date` times its score.
    pub date: f32,
    /// Days after which the date lift halves.
    pub date_half_life_days: f32,
    /// Share of an article's other matching passages' scores added to its best passage's
    /// score when ranking articles.
    pub article_support: f32,
}

impl Default for RankWeights {
    fn default() -> Self {
        RankWeights {
            text: 1.0,
            standfirst: 0.3,
            title: 0.6,
            phrase: 1.0,
            proximity: 0.3,
            proximity_slop: 4,
            entity: 2.0,
            entity_article: 0.5,
            place: 1.0,
            place_article: 0.3,
            country: 0.3,
            alias: 0.8,
            topic: 0.5,
            topic_name: 1.0,
            date: 0.5,
            date_half_life_days: 30.0,
            article_support: 0.3,
        }
    }
}

/// One named part of the score.
pub struct Component {
    pub name: &'static str,
    pub query: Box<dyn Query>,
}

/// A term query on a `news` field, scored by BM25.
pub fn term_query(field: Field, term: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, term),
        IndexRecordOption::WithFreqs,
    ))
}

/// A phrase (terms with their relative positions) on `field`, or a term query for a single
/// term; `None` for no terms.
pub fn phrase_query(field: Field, terms: &[(usize, String)], slop: u32) -> Option<Box<dyn Query>> {
    match terms {
        [] => None,
        [(_, one)] => Some(term_query(field, one)),
        _ => Some(Box::new(PhraseQuery::new_with_offset_and_slop(
            terms
                .iter()
                .map(|(p, t)| (*p, Term::from_field_text(field, t)))
                .collect(),
            slop,
        ))),
    }
}

/// A constant `score` for documents whose facet field holds `facet` (or a facet under it).
pub fn facet_const(field: Field, facet: &str, score: f32) -> Option<Box<dyn Query>> {
    let facet = Facet::from_text(facet).ok()?;
    Some(Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_facet(field, &facet),
            IndexRecordOption::Basic,
        )),
        score,
    )))
}

/// `queries` ORed (scores summed), boosted; `None` when empty.
pub fn any_boosted(queries: Vec<Box<dyn Query>>, boost: f32) -> Option<Box<dyn Query>> {
    if queries.is_empty() || boost <= 0.0 {
        return None;
    }
    let any: Box<dyn Query> = Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ));
    Some(if (boost - 1.0).abs() < f32::EPSILON {
        any
    } else {
        Box::new(BoostQuery::new(any, boost))
    })
}

/// The topic as a scoring query over the passage text, the title and the passage's facets.
pub fn topic_query(
    topic: &ResolvedTopic,
    text: Field,
    title: Field,
    entities: Field,
    places: Field,
    weights: &RankWeights,
) -> Option<Box<dyn Query>> {
    let mut parts: Vec<Box<dyn Query>> = Vec::new();
    for (term, w) in &topic.terms {
        parts.push(Box::new(BoostQuery::new(term_query(text, term), *w)));
        if weights.title > 0.0 {
            parts.push(Box::new(BoostQuery::new(
                term_query(title, term),
                *w * weights.title,
            )));
        }
    }
    for (terms, w) in &topic.phrases {
        if let Some(q) = phrase_query(text, terms, 0) {
            parts.push(Box::new(BoostQuery::new(q, *w)));
        }
    }
    for (facet, w) in &topic.entity_facets {
        parts.extend(facet_const(entities, facet, *w * weights.topic_name));
    }
    for (facet, w) in &topic.place_facets {
        parts.extend(facet_const(places, facet, *w * weights.topic_name));
    }
    any_boosted(parts, weights.topic)
}
