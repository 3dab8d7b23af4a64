//! Ranking: the weights, in one place, and the scoring components they weigh.
//!
//! A passage's score is a sum of named components, each a tantivy query, so that `--explain`
//! can show what each one added:
//!
//! | component | what it measures |
//! |---|---|
//! | `passage` | BM25 of the query over the passage text (and, weakly, its article's standfirst) |
//! | `title` | BM25 of the query's words over the article's title |
//! | `phrase` | the query's quoted phrases found exactly in the passage |
//! | `proximity` | consecutive query words close together in the passage |
//! | `entities` | the passage (or, less, its article) names an entity the query names |
//! | `places` | the same for places (a place covers the places inside it) |
//! | `aliases` | the passage spells a name the query names another way (`KH`, `Suleimani`) |
//! | `topic` | the topic's weighted words, phrases, entities and places (lowered outside its focus) |
//!
//! then multiplied by a date preference when one is asked for. Only passages that match the
//! query (or its aliases, or the topic when there is no query) are scored at all. Articles
//! are ranked by their best passage's score plus the support of their other matching
//! passages (`article`) and their own BM25 as a whole text (`article text`).

use serde::Serialize;
use tantivy::postings::Postings;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

use super::ArticleSpan;
use super::span::{ArticleQuery, NamedInArticleQuery};
use super::topics::ResolvedTopic;

/// Every weight of the ranking. Why each number (tuned on the judged sample set
/// `data/eval/sample`, after the judgements were written; see the README's table):
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RankWeights {
    /// BM25 of the passage text: the base, everything else is relative to it.
    pub text: f32,
    /// BM25 of the standfirst (for every passage of the article): a summary is weaker evidence
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
    /// Factor on the topic's score of a passage that is outside the topic's focus (neither
    /// it nor its article names any of the topic's `focus` names): the words of a story
    /// without its protagonists are mostly another story (a US–Japan trade retaliation,
    /// South African uranium), but may still be an aside on it, so it is lowered, not cut.
    pub topic_unfocused: f32,
    /// Largest relative lift of the date preference: a passage dated exactly on the preferred
    /// date gets `1 + date` times its score.
    pub date: f32,
    /// Days after which the date lift halves.
    pub date_half_life_days: f32,
    /// Share of an article's other matching passages' scores added to its best passage's
    /// score when ranking articles (the passages among the query's best 100, whatever `-n`
    /// asks for, so that scores do not depend on it).
    pub article_support: f32,
    /// Multiplier of the article's own BM25 (the query's and the topic's words over its title
    /// and all its passages as one text, see [`article_text_scores`]), added to its best
    /// passage's score when ranking articles. Passage scores favour the article with the best
    /// paragraph and, through `article_support`, long articles; plain BM25 over the whole
    /// article favours the short wire story that uses every query word once, which is what
    /// most archives of agency copy hold. Half weight: the whole-article score is on the
    /// scale of one passage's text score (the same words, saturated the same way), so it
    /// weighs as much as a strong title match and less than the best passage itself; it
    /// shifts articles whose passages tie, and does not undo the entity, place and topic
    /// evidence. Only the candidate articles are scored.
    pub article_text: f32,
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
            topic_unfocused: 0.2,
            date: 0.5,
            date_half_life_days: 30.0,
            article_support: 0.3,
            article_text: 0.5,
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
    let mut title_parts: Vec<Box<dyn Query>> = Vec::new();
    for (term, w) in &topic.terms {
        parts.push(Box::new(BoostQuery::new(term_query(text, term), *w)));
        if weights.title > 0.0 {
            title_parts.push(Box::new(BoostQuery::new(
                term_query(title, term),
                *w * weights.title,
            )));
        }
    }
    // The title is indexed on an article's first passage (see `search::span`).
    parts.extend(any_boosted(title_parts, 1.0).map(ArticleQuery::boxed));
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
    let scored = any_boosted(parts, weights.topic)?;
    let Some(in_passage) = topic_focus(topic, entities, places) else {
        return Some(scored);
    };
    // In focus: the passage, or its article, names one of the story's protagonists.
    let in_article = NamedInArticleQuery::boxed(in_passage.box_clone());
    let focus: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Should, in_passage),
        (Occur::Should, in_article),
    ]));
    Some(Box::new(ScaledOutside {
        inner: scored,
        focus,
        factor: weights.topic_unfocused,
    }))
}

/// The passages that name one of the topic's focus names (see `Topic::focus`), scored 0;
/// `None` when the topic has no focus.
pub fn topic_focus(
    topic: &ResolvedTopic,
    entities: Field,
    places: Field,
) -> Option<Box<dyn Query>> {
    let named: Vec<Box<dyn Query>> = (topic.focus_entities.iter().map(|f| (entities, f)))
        .chain(topic.focus_places.iter().map(|f| (places, f)))
        .filter_map(|(field, facet)| facet_const(field, facet, 0.0))
        .collect();
    any_boosted(named, 1.0)
}

/// For each article of `spans`, whether `query` (a passage query) matches one of its
/// passages. Each segment's matches are read once, moving forward only.
pub fn articles_matching(
    searcher: &Searcher,
    query: &dyn Query,
    spans: &[ArticleSpan],
) -> tantivy::Result<Vec<bool>> {
    let mut matching = vec![false; spans.len()];
    let weight = query.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        searcher,
    ))?;
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let mut here: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].segment == segment as u32)
            .collect();
        if here.is_empty() {
            continue;
        }
        here.sort_unstable_by_key(|&i| spans[i].first);
        let mut scorer = weight.scorer(reader, 1.0)?;
        for i in here {
            let span = spans[i];
            if scorer.doc() < span.first && scorer.seek(span.first) == TERMINATED {
                break;
            }
            matching[i] = scorer.doc() < span.first.saturating_add(span.count);
        }
    }
    Ok(matching)
}

/// BM25 of whole articles, for the articles `spans`: each article scored as one text (its
/// title once and all its passages), `terms` weighted, with k1 = 1.2 and b = 0.75 as in the
/// baseline. This is the baseline's strength kept inside the full ranking: a short wire
/// story that says everything in one paragraph scores as well as a long report that spreads
/// the same words over ten, and repeating a word saturates instead of adding up.
///
/// Term frequencies and lengths are read from the postings and field norms of the articles'
/// own passages (consecutive documents, see the schema), so only the candidate articles are
/// visited, and each term's postings are read once per segment, moving forward only. A
/// term's IDF is the passage-level one (the index holds no article-level document
/// frequency); the average article length is the indexed text's tokens over the number of
/// articles.
pub fn article_text_scores(
    searcher: &Searcher,
    text: Field,
    title: Field,
    spans: &[ArticleSpan],
    terms: &[(String, f32)],
) -> tantivy::Result<Vec<f32>> {
    const K1: f32 = 1.2;
    const B: f32 = 0.75;
    let mut scores = vec![0.0f32; spans.len()];
    if spans.is_empty() || terms.is_empty() {
        return Ok(scores);
    }
    let passages = searcher.num_docs().max(1) as f32;
    let (mut tokens, mut title_tokens) = (0u64, 0u64);
    for reader in searcher.segment_readers() {
        tokens += reader.inverted_index(text)?.total_num_tokens();
        title_tokens += reader.inverted_index(title)?.total_num_tokens();
    }
    let articles = super::span::article_count(searcher)?;
    // The title is indexed once per article, on its first passage.
    let average = (tokens + title_tokens) as f32 / articles.max(1) as f32;
    let idf: Vec<f32> = terms
        .iter()
        .map(|(t, _)| {
            let n = searcher
                .doc_freq(&Term::from_field_text(text, t))
                .unwrap_or(0) as f32;
            (1.0 + (passages - n + 0.5) / (n + 0.5)).ln()
        })
        .collect();
    // Per article: its length and each term's frequency.
    let mut length = vec![0.0f32; spans.len()];
    let mut freqs = vec![vec![0.0f32; terms.len()]; spans.len()];
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let here: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].segment == segment as u32)
            .collect();
        if here.is_empty() {
            continue;
        }
        let norms = reader.get_fieldnorms_reader(text)?;
        let title_norms = reader.get_fieldnorms_reader(title)?;
        // Every (passage, article) and (first passage, article) pair of this segment, in doc
        // order, so that each term's postings only move forward.
        let mut text_docs: Vec<(DocId, usize)> = Vec::new();
        let mut title_docs: Vec<(DocId, usize)> = Vec::with_capacity(here.len());
        for &i in &here {
            let span = spans[i];
            let end = span.first.saturating_add(span.count).min(reader.max_doc());
            for doc in span.first..end {
                length[i] += norms.fieldnorm(doc) as f32;
                text_docs.push((doc, i));
            }
            // The title is counted once per article, from its first passage.
            length[i] += title_norms.fieldnorm(span.first) as f32;
            title_docs.push((span.first, i));
        }
        text_docs.sort_unstable();
        title_docs.sort_unstable();
        let text_index = reader.inverted_index(text)?;
        let title_index = reader.inverted_index(title)?;
        for (k, (t, _)) in terms.iter().enumerate() {
            for (index, field, docs) in [
                (&text_index, text, &text_docs),
                (&title_index, title, &title_docs),
            ] {
                let Some(mut p) = index.read_postings(
                    &Term::from_field_text(field, t),
                    IndexRecordOption::WithFreqs,
                )?
                else {
                    continue;
                };
                for &(doc, i) in docs {
                    if p.doc() < doc && p.seek(doc) == TERMINATED {
                        break;
                    }
                    if p.doc() == doc {
                        freqs[i][k] += p.term_freq() as f32;
                    }
                }
            }
        }
    }
    for (i, score) in scores.iter_mut().enumerate() {
        let norm = K1 * (1.0 - B + B * length[i] / average.max(1.0));
        *score = terms
            .iter()
            .zip(&idf)
            .zip(&freqs[i])
            .map(|(((_, w), idf), &tf)| w * idf * tf * (K1 + 1.0) / (tf + norm))
            .sum();
    }
    Ok(scores)
}

/// `inner`'s matches and scores, the score times `factor` on the documents `focus` does not
/// match: the topic outside its focus. One pass over `inner`, and `focus` is only sought at
/// `inner`'s matches (written as two boolean queries, in focus and not, `inner` was read twice
/// and topic queries took twice as long).
struct ScaledOutside {
    inner: Box<dyn Query>,
    focus: Box<dyn Query>,
    factor: f32,
}

impl Clone for ScaledOutside {
    fn clone(&self) -> ScaledOutside {
        ScaledOutside {
            inner: self.inner.box_clone(),
            focus: self.focus.box_clone(),
            factor: self.factor,
        }
    }
}

impl std::fmt::Debug for ScaledOutside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ScaledOutside({:?}, outside {:?} x{})",
            self.inner, self.focus, self.factor
        )
    }
}

impl Query for ScaledOutside {
    fn weight(
        &self,
        enable_scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(ScaledOutsideWeight {
            inner: self.inner.weight(enable_scoring)?,
            focus: self.focus.weight(enable_scoring)?,
            factor: self.factor,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct ScaledOutsideWeight {
    inner: Box<dyn tantivy::query::Weight>,
    focus: Box<dyn tantivy::query::Weight>,
    factor: f32,
}

impl tantivy::query::Weight for ScaledOutsideWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        Ok(Box::new(ScaledOutsideScorer {
            inner: self.inner.scorer(reader, boost)?,
            focus: self.focus.scorer(reader, 1.0)?,
            factor: self.factor,
        }))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        super::span::explain_scorer(
            self.scorer(reader, 1.0)?,
            doc,
            "topic, lowered outside its focus",
        )
    }
}

struct ScaledOutsideScorer {
    inner: Box<dyn tantivy::query::Scorer>,
    focus: Box<dyn tantivy::query::Scorer>,
    factor: f32,
}

impl DocSet for ScaledOutsideScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl tantivy::query::Scorer for ScaledOutsideScorer {
    fn score(&mut self) -> tantivy::Score {
        let doc = self.inner.doc();
        if self.focus.doc() < doc {
            self.focus.seek(doc);
        }
        let score = self.inner.score();
        if self.focus.doc() == doc {
            score
        } else {
            score * self.factor
        }
    }
}
