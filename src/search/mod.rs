//! Search: rank passages for a query, apply filters, group by article, fetch and highlight.
//!
//! - [`query`]: from typed text to a plan (words, phrases, `topic:`), tantivy queries, filters.
//! - [`names`]: the gazetteer entities and places a query names.
//! - [`rank`]: the weights, in one place, and the scoring components.
//! - [`topics`]: the built-in and user topics.
//! - [`snippet`]: which words of a passage to highlight.
//! - [`baseline`]: plain BM25 over whole articles (`--rank bm25`), the yardstick for `eval`.

pub mod baseline;
pub mod facets;
pub mod names;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod span;
pub mod topics;

use std::collections::HashMap;
use std::ops::Range;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::TantivyDocument;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::{Facet, OwnedValue};
use tantivy::{DocAddress, Searcher};

use crate::analyze::fingerprint::Fingerprint;
use crate::error::Result;
use crate::index::NewsIndex;
use crate::index::schema::{StoredArticle, first_passage};
use crate::model::MentionKind;
pub use query::Filters;
pub use rank::RankWeights;
pub use topics::{Topic, TopicSet};

use rank::{Component, any_boosted, facet_const, phrase_query, term_query};
use topics::positioned_terms;

/// Most articles one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// Most passages examined to fill the requested number of articles.
const MAX_CANDIDATES: usize = 100_000;
/// Passages first taken per article shown (`limit × per_article × this`); more are taken
/// only when grouping leaves fewer than `limit` articles. See [`full_search`] for why this
/// is enough.
const CANDIDATE_MULTIPLE: usize = 10;
/// The best passages whose scores make up an article's support (see [`group`]): a fixed
/// number, not one that grows with `-n` or `--per-article`, so that an article's score, and
/// the order of the first results, do not depend on how many results were asked for. It is
/// the candidate count of the default request (10 articles, one passage each).
const SUPPORT_POOL: usize = 100;

/// How passages are ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RankMode {
    /// The full ranking described in [`rank`].
    #[default]
    Full,
    /// Plain BM25 over whole articles (see [`baseline`]): kept as the honest yardstick.
    Bm25,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What the user typed (tantivy query syntax; plain words are ORed, ranked by BM25).
    pub query: String,
    /// Number of articles to return (1..=[`MAX_LIMIT`]), each with up to `per_article`
    /// passages.
    pub limit: usize,
    pub filters: Filters,
    pub weights: RankWeights,
    /// Rank by this topic too (a `topic:NAME` in the query does the same).
    pub topic: Option<String>,
    /// The topics `topic` may name.
    pub topics: TopicSet,
    /// Passages shown per article, best first (at least 1).
    pub per_article: usize,
    /// Attach each hit's score breakdown.
    pub explain: bool,
    /// A query tantivy cannot parse is an error instead of being read as its words.
    pub strict: bool,
    /// Prefer passages of articles published near this time.
    pub prefer_date: Option<DateTime<Utc>>,
    pub rank: RankMode,
    /// Show near-duplicate stories as hits of their own instead of folding them into the
    /// first copy.
    pub keep_duplicates: bool,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            filters: Filters::default(),
            weights: RankWeights::default(),
            topic: None,
            topics: TopicSet::default(),
            per_article: 1,
            explain: false,
            strict: false,
            prefer_date: None,
            rank: RankMode::Full,
            keep_duplicates: false,
        }
    }
}

/// The ranked passages of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Passages that matched (before the limit; for `--rank bm25`, articles).
    pub total_hits: usize,
    pub hits: Vec<Hit>,
    /// Time spent searching, fetching and highlighting, in milliseconds.
    pub took_ms: f64,
    /// Notes for the user, such as a malformed query read as its words.
    pub warnings: Vec<String>,
    /// The topic the ranking used.
    pub topic: Option<String>,
    pub rank: RankMode,
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
    /// Ids of articles that tell the same story (near-duplicates) and were folded into
    /// this hit.
    pub duplicates: Vec<String>,
    /// What made the score, when asked for (`--explain`).
    pub explain: Option<Vec<Contribution>>,
}

/// One part of a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// `passage`, `title`, `title aliases`, `phrase`, `proximity`, `entities`, `places`,
    /// `aliases`, `topic` (added up), `date` (a factor the sum is multiplied by), then
    /// `article` (added to the first passage of an article: the support of its other
    /// matching passages) and `article text` (added there too: the article's own BM25).
    pub component: String,
    pub value: f32,
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

impl From<StoredArticle> for ArticleInfo {
    fn from(a: StoredArticle) -> ArticleInfo {
        ArticleInfo {
            id: a.id,
            title: a.title,
            standfirst: a.standfirst,
            author: a.author,
            date: a.date,
            source: a.source,
            url: a.url,
            path: a.path,
            record: a.record,
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
    let mut results = match request.rank {
        RankMode::Full => full_search(index, request)?,
        RankMode::Bm25 => baseline::ArticleIndex::build(index)?.search(request)?,
    };
    if index.made_with_other_analysis()? {
        results.warnings.push(
            "this index was made by a newsdex with other built-in places, names or rules, so its places and names may be out of date: run `newsdex index DIR` again to analyse it anew"
                .to_string(),
        );
    }
    Ok(results)
}

/// A passage that may be shown. Everything grouping needs is read from fast fields; the
/// stored document is fetched only for the passages finally returned.
struct Candidate {
    score: f32,
    date_factor: f32,
    address: DocAddress,
    /// The passage's number in its article.
    position: u64,
    /// Index of the passage's article in [`Articles`].
    article: usize,
}

/// Where an article's passages lie: consecutive documents `first .. first + count` of one
/// segment (see the schema's module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleSpan {
    pub segment: u32,
    pub first: tantivy::DocId,
    pub count: u32,
}

/// The articles the candidates belong to, in order of first appearance, found from each
/// passage's position and its article's passage count (fast fields): no article id is read,
/// since resolving ids through the term dictionary was most of a keyword query's time.
#[derive(Default)]
struct Articles {
    spans: Vec<ArticleSpan>,
    fingerprints: Vec<Fingerprint>,
    /// (segment, first passage) → index.
    by_first: HashMap<(u32, tantivy::DocId), usize>,
}

impl Articles {
    /// The index of the article of the passage at `address` (at `position` in it),
    /// registering it when new.
    fn of(&mut self, own: &SegmentColumns, address: DocAddress, position: u64) -> usize {
        let doc = address.doc_id;
        let first = first_passage(doc, position);
        if let Some(&i) = self.by_first.get(&(address.segment_ord, first)) {
            return i;
        }
        let count = own
            .passages
            .first(doc)
            .unwrap_or(1)
            .clamp(1, u64::from(u32::MAX)) as u32;
        let i = self.spans.len();
        self.spans.push(ArticleSpan {
            segment: address.segment_ord,
            first,
            count,
        });
        self.fingerprints.push(Fingerprint {
            exact: own.body_hash.first(first).unwrap_or_default(),
            simhash: own.simhash.first(first).unwrap_or_default(),
        });
        self.by_first.insert((address.segment_ord, first), i);
        i
    }
}

/// The fast-field columns of one segment that grouping reads.
struct SegmentColumns {
    position: Column<u64>,
    passages: Column<u64>,
    body_hash: Column<u64>,
    simhash: Column<u64>,
    date: Column<tantivy::DateTime>,
}

/// The columns of `segment`, opened on first use.
fn open_columns<'a>(
    columns: &'a mut [Option<SegmentColumns>],
    searcher: &Searcher,
    segment: u32,
) -> Result<&'a SegmentColumns> {
    match &mut columns[segment as usize] {
        Some(open) => Ok(open),
        empty => {
            let fast = searcher.segment_reader(segment).fast_fields();
            Ok(empty.insert(SegmentColumns {
                position: fast.u64("position")?,
                passages: fast.u64("passages")?,
                body_hash: fast.u64("body_hash")?,
                simhash: fast.u64("simhash")?,
                date: fast.date("date")?,
            }))
        }
    }
}

/// The stored fields of the article whose first passage is `first` in `segment`.
pub(crate) fn stored_article(
    searcher: &Searcher,
    fields: &crate::index::schema::Fields,
    segment: u32,
    first: tantivy::DocId,
) -> Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(DocAddress::new(segment, first))?;
    StoredArticle::from_doc(&doc, fields)
        .ok_or_else(|| {
            crate::error::Error::Usage(format!(
                "the index lacks the stored fields of an article (segment {segment}, document {first}): rebuild it with `newsdex index DIR --rebuild`"
            ))
        })
}

/// The passages of one article that will be shown, and the copies of its story.
struct Group {
    /// Indexes into the candidates, best first.
    members: Vec<usize>,
    fingerprint: Fingerprint,
    /// Articles (indexes into [`Articles`]) folded into this one as the same story.
    duplicates: Vec<usize>,
    /// What the article's other matching passages add to its best one.
    support: f32,
    /// The article's own BM25 (see [`rank::article_text_scores`]), weighted.
    text: f32,
    /// The article's rank key: best passage score + support + text.
    key: f32,
}

fn full_search(index: &NewsIndex, request: &SearchRequest) -> Result<SearchResults> {
    let started = Instant::now();
    let fields = &index.fields;
    let w = &request.weights;
    let mut plan = query::plan_query(&request.query)?;
    if let (Some(asked), Some(typed)) = (&request.topic, &plan.topic)
        && !asked.eq_ignore_ascii_case(typed)
    {
        plan.warnings.push(format!(
            "both --topic {asked} and topic:{typed} given; ranking by {asked}"
        ));
    }
    let topic = request
        .topic
        .as_ref()
        .or(plan.topic.as_ref())
        .map(|name| request.topics.resolve(name))
        .transpose()?;
    let user = query::parse_passage_or_title(
        &index.index,
        fields,
        &mut plan,
        &request.query,
        request.strict,
    )?;

    // The scoring components.
    let mut components: Vec<Component> = Vec::new();
    let mut push = |name: &'static str, query: Option<Box<dyn Query>>| {
        if let Some(query) = query {
            components.push(Component { name, query });
        }
    };
    if user.is_some() {
        // The standfirst is indexed on an article's first passage and counts for all of them.
        let parse = |field, weight| {
            query::parser_for(&index.index, &[(field, weight)])
                .parse_query(&plan.parser_text)
                .ok()
        };
        let text = parse(fields.text, w.text);
        let standfirst = parse(fields.standfirst, w.standfirst).map(span::ArticleQuery::boxed);
        push(
            "passage",
            any_boosted(text.into_iter().chain(standfirst).collect(), 1.0),
        );
    }
    let word_terms = positioned_terms(&plan.words.join(" "));
    let phrase_terms: Vec<Vec<(usize, String)>> =
        plan.phrases.iter().map(|p| positioned_terms(p)).collect();
    let title_terms: Vec<Box<dyn Query>> = word_terms
        .iter()
        .chain(phrase_terms.iter().flatten())
        .map(|(_, t)| t.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|t| term_query(fields.title, t))
        .collect();
    // The title is indexed on an article's first passage and scored for all its passages.
    push(
        "title",
        any_boosted(title_terms, w.title).map(span::ArticleQuery::boxed),
    );
    push(
        "phrase",
        any_boosted(
            phrase_terms
                .iter()
                .filter(|p| p.len() > 1)
                .filter_map(|p| phrase_query(fields.text, p, 0))
                .collect(),
            w.phrase,
        ),
    );
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pair in word_terms.windows(2) {
        let pair = (pair[0].1.clone(), pair[1].1.clone());
        if pair.0 != pair.1 && !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    push(
        "proximity",
        any_boosted(
            pairs
                .iter()
                .filter_map(|(a, b)| {
                    phrase_query(
                        fields.text,
                        &[(0, a.clone()), (1, b.clone())],
                        w.proximity_slop,
                    )
                })
                .collect(),
            w.proximity,
        ),
    );
    let mut sequences = vec![plan.words.clone()];
    sequences.extend(
        plan.phrases
            .iter()
            .map(|p| p.split_whitespace().map(String::from).collect()),
    );
    let named = names::names_in(&sequences);
    let mut entity_parts = Vec::new();
    let mut place_parts = Vec::new();
    // Names of a whole article: read from its passages' facets, one expansion to its
    // passages for all of them (see [`span::NamedInArticleQuery`]).
    let mut article_entity_parts = Vec::new();
    let mut article_place_parts = Vec::new();
    let mut alias_parts: Vec<Box<dyn Query>> = Vec::new();
    let mut alias_phrases: Vec<Vec<(usize, String)>> = Vec::new();
    let mut title_alias_parts: Vec<Box<dyn Query>> = Vec::new();
    let mut typed_names: Vec<Box<dyn Query>> = Vec::new();
    for name in &named {
        if name.is_place {
            let factor = if name.is_country { w.country } else { 1.0 };
            place_parts.extend(facet_const(fields.places, &name.facet, w.place * factor));
            article_place_parts.extend(facet_const(
                fields.places,
                &name.facet,
                w.place_article * factor,
            ));
        } else {
            entity_parts.extend(facet_const(fields.entities, &name.facet, w.entity));
            article_entity_parts.extend(facet_const(
                fields.entities,
                &name.facet,
                w.entity_article,
            ));
        }
        let typed = positioned_terms(&name.typed);
        typed_names.extend(phrase_query(fields.text, &typed, 0));
        for spelling in &name.spellings {
            let terms = positioned_terms(spelling);
            if terms.is_empty() || terms == typed || alias_phrases.contains(&terms) {
                continue;
            }
            alias_parts.extend(phrase_query(fields.text, &terms, 0));
            title_alias_parts.extend(phrase_query(fields.title, &terms, 0));
            alias_phrases.push(terms);
        }
    }
    push(
        "title aliases",
        any_boosted(title_alias_parts, w.alias * w.title).map(span::ArticleQuery::boxed),
    );
    entity_parts.extend(
        article_entity_parts
            .into_iter()
            .map(span::NamedInArticleQuery::boxed),
    );
    place_parts.extend(
        article_place_parts
            .into_iter()
            .map(span::NamedInArticleQuery::boxed),
    );
    push("entities", any_boosted(entity_parts, 1.0));
    push("places", any_boosted(place_parts, 1.0));
    let aliases = any_boosted(alias_parts, 1.0);
    // The name in whichever spelling scores best (a dis-max, not a sum): a passage that
    // writes both `Kata'ib Hezbollah` and `Hezbollah Brigades` is not doubly about it.
    let alias_score = aliases.as_ref().map(|q| {
        let mut spellings = vec![q.box_clone()];
        spellings.extend(typed_names);
        Box::new(BoostQuery::new(
            Box::new(tantivy::query::DisjunctionMaxQuery::new(spellings)),
            w.alias,
        )) as Box<dyn Query>
    });
    push("aliases", alias_score);
    let topic_query = topic.as_ref().and_then(|t| {
        rank::topic_query(
            t,
            fields.text,
            fields.title,
            fields.entities,
            fields.places,
            w,
        )
    });
    push("topic", topic_query.as_ref().map(|q| q.box_clone()));

    // What must match: the query (or, without boolean syntax, another spelling of a name it
    // names); with no words, the topic; with neither, everything.
    //
    // When the scoring components that hold the query's words match exactly what the query
    // matches, they are the required clause themselves, scored, instead of a zero-scored
    // copy of the query beside them: each posting list is then read once, not twice (a
    // third of a query on common words). That holds for plain words (the passage text and
    // standfirst, the title, the other spellings of the names) and for a topic alone; with
    // operators or quoted phrases the query parser's own reading must match.
    let plain = user.is_some() && !plan.has_operators && plan.phrases.is_empty();
    let has = |name: &str| components.iter().any(|c| c.name == name);
    // The components that are the required clause, scored; none: the zero-scored matcher.
    let matching: &[&str] = if plain && has("passage") && has("title") {
        &["passage", "title", "aliases"]
    } else if user.is_none() && has("topic") {
        &["topic"]
    } else {
        &[]
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !matching.is_empty() {
        let scored: Vec<(Occur, Box<dyn Query>)> = components
            .iter()
            .filter(|c| matching.contains(&c.name))
            .map(|c| (Occur::Should, c.query.box_clone()))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(scored))));
    } else {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        if let Some(user) = user {
            alternatives.push(user);
            if !plan.has_operators
                && let Some(aliases) = aliases
            {
                alternatives.push(aliases);
            }
        } else if let Some(topic_query) = topic_query {
            alternatives.push(topic_query);
        }
        let matcher: Box<dyn Query> = match alternatives.len() {
            0 => Box::new(AllQuery),
            1 => alternatives.remove(0),
            _ => Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            )),
        };
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(matcher, 0.0))));
    }
    if let Some(filter) = query::filter_query(fields, &request.filters)? {
        clauses.push((Occur::Must, filter));
    }
    for component in &components {
        if !matching.contains(&component.name) {
            clauses.push((Occur::Should, component.query.box_clone()));
        }
    }
    let full = BooleanQuery::new(clauses);

    // The words the article as a whole is scored by: the query's (words and phrases), the
    // other spellings of the names it names at the alias weight (an article that writes
    // `Albu Kamal` is as much about the place as one that writes `Al-Bukamal`), then the
    // topic's at the topic's weight.
    let mut article_terms: Vec<(String, f32)> = Vec::new();
    for (_, term) in word_terms.iter().chain(phrase_terms.iter().flatten()) {
        if !article_terms.iter().any(|(t, _)| t == term) {
            article_terms.push((term.clone(), 1.0));
        }
    }
    for (_, term) in alias_phrases.iter().flatten() {
        if !article_terms.iter().any(|(t, _)| t == term) {
            article_terms.push((term.clone(), w.alias));
        }
    }
    // The topic's words apart: outside the topic's focus they count for less (see
    // `RankWeights::topic_unfocused`). BM25 is a weighted sum over terms, so scoring the two
    // lists apart and adding gives the same as one list.
    let mut topic_terms: Vec<(String, f32)> = Vec::new();
    if let Some(topic) = &topic {
        for (term, weight) in &topic.terms {
            match topic_terms.iter_mut().find(|(t, _)| t == term) {
                Some(found) => found.1 += weight * w.topic,
                None => topic_terms.push((term.clone(), weight * w.topic)),
            }
        }
    }
    let topic_focus = topic
        .as_ref()
        .and_then(|t| rank::topic_focus(t, fields.entities, fields.places));
    // Highlight what was searched for: the words, phrases, other spellings and topic words.
    let mut terms: Vec<String> = word_terms.iter().map(|(_, t)| t.clone()).collect();
    let mut phrases: Vec<Vec<(usize, String)>> = Vec::new();
    for p in phrase_terms.into_iter().chain(alias_phrases) {
        match p.len() {
            1 => terms.extend(p.into_iter().map(|(_, t)| t)),
            _ => phrases.push(p),
        }
    }
    if let Some(topic) = &topic {
        terms.extend(topic.terms.iter().map(|(t, _)| t.clone()));
        phrases.extend(topic.phrases.iter().map(|(p, _)| p.clone()));
    }
    let mut highlighter = snippet::Highlighter::from_parts(terms, phrases);

    let searcher = index.reader()?.searcher();
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let per_article = request.per_article.max(1);
    // Candidates: the best `limit × per_article × CANDIDATE_MULTIPLE` passages. Grouping
    // needs `limit` distinct stories among them; an article contributes at most
    // `per_article` shown passages but may hold more matching ones, and copies of a story
    // fold away. Ten per shown passage covers the usual case (a matching article brings a
    // few passages: Reuters stories have 3.3 on average, and a long transcript's best
    // passages are spread over several transcripts); when it does not, the loop below takes
    // four times as many until `limit` stories are found or no passage is left. Every
    // candidate costs a few fast-field reads, so the multiple buys accuracy of the
    // article-support sum cheaply.
    let mut fetch = (limit * per_article * CANDIDATE_MULTIPLE).clamp(SUPPORT_POOL, MAX_CANDIDATES);
    let mut columns: Vec<Option<SegmentColumns>> = (0..searcher.segment_readers().len())
        .map(|_| None)
        .collect();
    let (candidates, articles, groups, total_hits) = loop {
        let (top, total_hits) =
            searcher.search(&full, &(TopDocs::with_limit(fetch).order_by_score(), Count))?;
        let exhausted = top.len() < fetch || fetch >= MAX_CANDIDATES;
        let mut articles = Articles::default();
        let mut candidates = Vec::with_capacity(top.len());
        for (score, address) in top {
            let own = open_columns(&mut columns, &searcher, address.segment_ord)?;
            let date_factor = match request.prefer_date {
                Some(preferred) => match own.date.first(address.doc_id) {
                    Some(date) => {
                        let seconds = date.into_timestamp_secs() - preferred.timestamp();
                        let days = seconds.unsigned_abs() as f32 / 86_400.0;
                        1.0 + w.date * 0.5f32.powf(days / w.date_half_life_days.max(0.01))
                    }
                    None => 1.0,
                },
                None => 1.0,
            };
            let position = own.position.first(address.doc_id).unwrap_or_default();
            candidates.push(Candidate {
                score: score * date_factor,
                date_factor,
                address,
                position,
                article: articles.of(own, address, position),
            });
        }
        // Ties go the same way in every build of the index: by the article's fingerprint,
        // then the passage's place in it, not by where the documents happen to lie.
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| {
                    let exact = |c: &Candidate| articles.fingerprints[c.article].exact;
                    exact(a).cmp(&exact(b))
                })
                .then_with(|| a.position.cmp(&b.position))
        });
        let mut article_text = vec![0.0; articles.spans.len()];
        if w.article_text > 0.0 {
            let score = |terms: &[(String, f32)]| {
                rank::article_text_scores(
                    &searcher,
                    fields.text,
                    fields.title,
                    &articles.spans,
                    terms,
                )
            };
            let focused = match &topic_focus {
                Some(focus) if !topic_terms.is_empty() => {
                    rank::articles_matching(&searcher, focus.as_ref(), &articles.spans)?
                }
                _ => vec![true; articles.spans.len()],
            };
            let query_part = score(&article_terms)?;
            let topic_part = score(&topic_terms)?;
            for (i, total) in article_text.iter_mut().enumerate() {
                let factor = if focused[i] { 1.0 } else { w.topic_unfocused };
                *total = query_part[i] + factor * topic_part[i];
            }
        }
        let groups = group(
            &candidates,
            &article_text,
            &articles.fingerprints,
            limit,
            per_article,
            w,
            !request.keep_duplicates,
        );
        if groups.len() >= limit || exhausted {
            break (candidates, articles, groups, total_hits);
        }
        fetch = (fetch * 4).min(MAX_CANDIDATES);
    };

    let mut hits = Vec::new();
    for group in groups {
        let span = articles.spans[candidates[group.members[0]].article];
        let article = stored_article(&searcher, fields, span.segment, span.first)?;
        for (i, &member) in group.members.iter().enumerate() {
            let candidate = &candidates[member];
            let lead = i == 0;
            let doc: TantivyDocument = searcher.doc(candidate.address)?;
            let mut hit = hit_from_doc(
                fields,
                &searcher,
                (candidate.address, &doc, candidate.position),
                &article,
                hits.len() + 1,
                if lead { group.key } else { candidate.score },
                &mut highlighter,
            );
            if lead {
                for &a in &group.duplicates {
                    let copy = articles.spans[a];
                    hit.duplicates
                        .push(stored_article(&searcher, fields, copy.segment, copy.first)?.id);
                }
            }
            if request.explain {
                let mut parts = explain(
                    &searcher,
                    &components,
                    candidate.address,
                    candidate.date_factor,
                    request.prefer_date.is_some(),
                );
                if lead && group.support > 0.0 {
                    parts.push(Contribution {
                        component: "article".to_string(),
                        value: group.support,
                    });
                }
                if lead && group.text > 0.0 {
                    parts.push(Contribution {
                        component: "article text".to_string(),
                        value: group.text,
                    });
                }
                hit.explain = Some(parts);
            }
            hits.push(hit);
        }
    }
    Ok(SearchResults {
        query: request.query.clone(),
        total_hits,
        hits,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        warnings: plan.warnings,
        topic: topic.map(|t| t.name),
        rank: RankMode::Full,
    })
}

/// Group candidates (best first) by article: at most `per_article` passages each, and an
/// article telling the same story as a better one folded into it. Articles are ordered by
/// their best passage's score plus `weights.article_support` times the scores of their other
/// matching passages among the best [`SUPPORT_POOL`] candidates (an article that keeps
/// returning to the subject is more likely about it than one with a single lucky passage)
/// plus `weights.article_text` times the article's own BM25 (`article_text`, by article; see
/// [`rank::article_text_scores`]), and cut to `limit`. Same story is
/// [`Fingerprint::same_story`] on the articles' body fingerprints (equal normalised words, or
/// SimHashes within a few bits): wire copies with another headline, a dateline or a sentence
/// added. Of the copies of a story, the one ranked first by that order is shown: the fullest
/// version, which has the most support, rather than whichever copy the index happens to
/// hold first (the order of documents in an index depends on the threads that built it).
///
/// Cost: one pass over the candidates, plus a comparison of two 64-bit fingerprints per pair
/// of kept articles (an XOR and a bit count), with no text read.
fn group(
    candidates: &[Candidate],
    article_text: &[f32],
    fingerprints: &[Fingerprint],
    limit: usize,
    per_article: usize,
    weights: &RankWeights,
    fold: bool,
) -> Vec<Group> {
    let mut article_total = vec![0.0f32; fingerprints.len()];
    for candidate in candidates.iter().take(SUPPORT_POOL) {
        article_total[candidate.article] += candidate.score;
    }
    // Each article with its passages among the candidates, in the order of its best one.
    let mut slot: Vec<Option<usize>> = vec![None; fingerprints.len()];
    let mut ranked: Vec<Group> = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if let Some(g) = slot[candidate.article] {
            let group: &mut Group = &mut ranked[g];
            if group.members.len() < per_article {
                group.members.push(i);
            }
            continue;
        }
        slot[candidate.article] = Some(ranked.len());
        // An article whose best passage lies outside the pool has no support.
        let others = if i < SUPPORT_POOL {
            article_total[candidate.article] - candidate.score
        } else {
            0.0
        };
        let support = weights.article_support * others.max(0.0);
        let text = weights.article_text * article_text[candidate.article] * candidate.date_factor;
        ranked.push(Group {
            members: vec![i],
            fingerprint: fingerprints[candidate.article],
            duplicates: Vec::new(),
            support,
            text,
            key: candidate.score + support + text,
        });
    }
    // A stable sort: equal keys keep the order of their best passages, whose ties the
    // candidates' order already broke the same way in every build.
    ranked.sort_by(|a, b| b.key.total_cmp(&a.key));
    let mut groups: Vec<Group> = Vec::new();
    for group in ranked {
        let same_story = fold
            .then(|| {
                groups
                    .iter()
                    .position(|g| g.fingerprint.same_story(group.fingerprint))
            })
            .flatten();
        match same_story {
            Some(g) => {
                let article = candidates[group.members[0]].article;
                groups[g].duplicates.push(article);
            }
            None => groups.push(group),
        }
    }
    groups.truncate(limit);
    groups
}

/// Each component's part of the score of the passage at `address`.
fn explain(
    searcher: &Searcher,
    components: &[Component],
    address: DocAddress,
    date_factor: f32,
    dated: bool,
) -> Vec<Contribution> {
    let mut parts: Vec<Contribution> = components
        .iter()
        .filter_map(|c| {
            let value = component_score(searcher, c.query.as_ref(), address).ok()?;
            (value != 0.0).then(|| Contribution {
                component: c.name.to_string(),
                value,
            })
        })
        .collect();
    if dated {
        parts.push(Contribution {
            component: "date".to_string(),
            value: date_factor,
        });
    }
    parts
}

/// The score `query` gives the document at `address` (0 when it does not match). Written
/// with a scorer rather than `Query::explain`, whose phrase scorer asserts when the first
/// matching document lies after the one asked about.
fn component_score(searcher: &Searcher, query: &dyn Query, address: DocAddress) -> Result<f32> {
    use tantivy::DocSet;
    use tantivy::query::{EnableScoring, Scorer};
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let reader = searcher.segment_reader(address.segment_ord);
    let mut scorer = weight.scorer(reader, 1.0)?;
    let target = address.doc_id;
    if scorer.doc() < target {
        scorer.seek(target);
    }
    Ok(if scorer.doc() == target {
        scorer.score()
    } else {
        0.0
    })
}

/// A hit from a passage (its address, stored document and position in its article) and its
/// article's stored fields.
pub(crate) fn hit_from_doc(
    fields: &crate::index::schema::Fields,
    searcher: &Searcher,
    (address, doc, position): (DocAddress, &TantivyDocument, u64),
    article: &StoredArticle,
    rank: usize,
    score: f32,
    highlighter: &mut snippet::Highlighter,
) -> Hit {
    let text = first_text(doc, fields.text).unwrap_or_default();
    let highlights = highlighter
        .highlights(&text)
        .into_iter()
        .map(Highlight::from)
        .collect();
    Hit {
        rank,
        score,
        article: ArticleInfo::from(article.clone()),
        passage: PassageInfo {
            position,
            text,
            highlights,
        },
        entities: facets(searcher, address, "entities")
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
        places: facets(searcher, address, "places")
            .into_iter()
            .filter_map(|facet| {
                Some(PlaceRef {
                    name: facet.to_path().last()?.to_string(),
                    path: facet.to_path_string(),
                })
            })
            .collect(),
        duplicates: Vec::new(),
        explain: None,
    }
}

pub(crate) fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Str(s) => Some(s),
            _ => None,
        })
}

/// The facets of the passage at `address` in the facet field `field`, in name order.
///
/// They are read from the field's column rather than stored with the passage: storing them
/// too made indexing compress the same names a second time.
fn facets(searcher: &Searcher, address: DocAddress, field: &str) -> Vec<Facet> {
    let Ok(reader) = searcher
        .segment_reader(address.segment_ord)
        .facet_reader(field)
    else {
        return Vec::new();
    };
    reader
        .facet_ords(address.doc_id)
        .filter_map(|ord| {
            let mut facet = Facet::root();
            reader.facet_from_ord(ord, &mut facet).ok()?;
            Some(facet)
        })
        .collect()
}
