//! Queries that match every passage of an article.
//!
//! - [`ArticleQuery`]: a query on article-level fields. Fields that describe a whole
//!   article (its title, standfirst, author and source) are indexed on its first passage
//!   only: written once per passage they made up a sixth of the index. Since an article's
//!   passages are consecutive documents (see `index::schema`), a match on the first passage
//!   stands for the article's span `first .. first + passages`, and this query expands it,
//!   giving every passage of the span the inner query's score.
//! - [`NamedInArticleQuery`]: the articles that name a place or entity in enough of their
//!   passages, read from the passages' own facets at query time rather than indexed as
//!   article-level facets (which made extraction cost a third more at indexing time).
//!
//! The cost of either is one pass over the inner query's matches per segment and a vector
//! of the spans' documents.

use std::fmt;

use tantivy::columnar::Column;
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, Term};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, TantivyError};

use crate::index::schema::first_passage;

/// An article names a place or entity when at least one in this many of its passages does
/// (rounded up: any passage of an article of up to this many passages). A long transcript
/// that names everyone once is not about each of them.
pub const SALIENT_ONE_IN: u64 = 16;

/// Every passage of the articles whose first passage matches `inner`, scored as the first
/// passage, with BM25 statistics counted over articles (see `ArticleStatistics`).
pub struct ArticleQuery {
    inner: Box<dyn Query>,
}

impl ArticleQuery {
    pub fn new(inner: Box<dyn Query>) -> ArticleQuery {
        ArticleQuery { inner }
    }

    /// `inner` as a boxed article query.
    pub fn boxed(inner: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(ArticleQuery::new(inner))
    }
}

impl Clone for ArticleQuery {
    fn clone(&self) -> ArticleQuery {
        ArticleQuery {
            inner: self.inner.box_clone(),
        }
    }
}

impl fmt::Debug for ArticleQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArticleQuery({:?})", self.inner)
    }
}

impl Query for ArticleQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = match enable_scoring {
            EnableScoring::Enabled { searcher, .. } => {
                // The inner query runs over articles: BM25 counts articles, not passages.
                let statistics = ArticleStatistics::new(searcher)?;
                self.inner
                    .weight(EnableScoring::enabled_from_statistics_provider(
                        &statistics,
                        searcher,
                    ))?
            }
            disabled => self.inner.weight(disabled)?,
        };
        Ok(Box::new(ArticleWeight { inner }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// The number of articles in the index (deleted ones included until their segment is
/// merged): the first passages, which alone carry the body fingerprint.
pub fn article_count(searcher: &Searcher) -> tantivy::Result<u64> {
    let mut articles = 0u64;
    for reader in searcher.segment_readers() {
        articles += u64::from(reader.fast_fields().u64("body_hash")?.values.num_vals());
    }
    Ok(articles)
}

/// BM25 statistics of article-level fields: the number of documents is the number of
/// articles, so that a title term's IDF and the average title
/// length are those of the articles.
struct ArticleStatistics<'a> {
    searcher: &'a Searcher,
    articles: u64,
}

impl<'a> ArticleStatistics<'a> {
    fn new(searcher: &'a Searcher) -> tantivy::Result<ArticleStatistics<'a>> {
        let articles = article_count(searcher)?;
        Ok(ArticleStatistics {
            searcher,
            articles: if articles == 0 {
                searcher.num_docs()
            } else {
                articles
            },
        })
    }
}

impl Bm25StatisticsProvider for ArticleStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.articles)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // At most one document an article holds an article-level field; the bound keeps
        // BM25's IDF defined should an inner query name another field.
        Ok(self.searcher.doc_freq(term)?.min(self.articles))
    }
}

struct ArticleWeight {
    inner: Box<dyn Weight>,
}

impl Weight for ArticleWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut inner = self.inner.scorer(reader, boost)?;
        let passages = reader.fast_fields().u64("passages")?;
        let max_doc = reader.max_doc();
        let mut spans = SpanScorer::new(max_doc);
        while inner.doc() != TERMINATED {
            let first = inner.doc();
            // A match inside a span already expanded (an inner query on a field that is not
            // article-level) adds nothing (see `SpanScorer::push_span`).
            spans.push_span(
                first,
                passage_count(&passages, first, max_doc),
                inner.score(),
            );
            inner.advance();
        }
        Ok(Box::new(spans))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_scorer(self.scorer(reader, 1.0)?, doc, "article-level match")
    }
}

/// The explanation of `doc` by `scorer`: its score, described as `what`; an error when the
/// scorer does not match `doc`. For queries whose score is easier to compute than to take
/// apart.
pub(super) fn explain_scorer(
    mut scorer: Box<dyn Scorer>,
    doc: DocId,
    what: &'static str,
) -> tantivy::Result<Explanation> {
    if scorer.seek(doc) != doc {
        return Err(TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new(what, scorer.score()))
}

/// Every passage of the articles in which `inner`, a query on passage facets, matches at
/// least one passage in [`SALIENT_ONE_IN`]; each scored with the best score of its matching
/// passages. `inner`'s scores are its own (constant scores, in practice): no statistics
/// are recounted.
pub struct NamedInArticleQuery {
    inner: Box<dyn Query>,
}

impl NamedInArticleQuery {
    /// `inner` as a boxed query over the articles that name it.
    pub fn boxed(inner: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(NamedInArticleQuery { inner })
    }
}

impl Clone for NamedInArticleQuery {
    fn clone(&self) -> NamedInArticleQuery {
        NamedInArticleQuery {
            inner: self.inner.box_clone(),
        }
    }
}

impl fmt::Debug for NamedInArticleQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NamedInArticleQuery({:?})", self.inner)
    }
}

impl Query for NamedInArticleQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(NamedInArticleWeight {
            inner: self.inner.weight(enable_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct NamedInArticleWeight {
    inner: Box<dyn Weight>,
}

/// The article being read by [`NamedInArticleWeight::scorer`].
struct Named {
    first: DocId,
    passages: DocId,
    matches: u64,
    best: Score,
}

impl Weight for NamedInArticleWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut inner = self.inner.scorer(reader, boost)?;
        let positions = reader.fast_fields().u64("position")?;
        let passages = reader.fast_fields().u64("passages")?;
        let max_doc = reader.max_doc();
        let mut spans = SpanScorer::new(max_doc);
        let mut flush = |article: Named| {
            if article.matches * SALIENT_ONE_IN >= u64::from(article.passages) {
                spans.push_span(article.first, article.passages, article.best);
            }
        };
        let mut current: Option<Named> = None;
        while inner.doc() != TERMINATED {
            let doc = inner.doc();
            let score = inner.score();
            let first = first_passage(doc, positions.first(doc).unwrap_or(0));
            match &mut current {
                Some(article) if article.first == first => {
                    article.matches += 1;
                    article.best = article.best.max(score);
                }
                _ => {
                    if let Some(article) = current.take() {
                        flush(article);
                    }
                    current = Some(Named {
                        first,
                        passages: passage_count(&passages, doc, max_doc),
                        matches: 1,
                        best: score,
                    });
                }
            }
            inner.advance();
        }
        if let Some(article) = current {
            flush(article);
        }
        Ok(Box::new(spans))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_scorer(self.scorer(reader, 1.0)?, doc, "named in the article")
    }
}

/// The number of passages of the article that holds passage `doc` (its `passages` fast
/// field), at least 1 and at most the segment's documents.
fn passage_count(passages: &Column<u64>, doc: DocId, max_doc: DocId) -> DocId {
    passages
        .first(doc)
        .unwrap_or(1)
        .clamp(1, u64::from(max_doc)) as DocId
}

/// The expanded documents and their scores.
struct SpanScorer {
    docs: Vec<DocId>,
    scores: Vec<Score>,
    cursor: usize,
    /// The segment's documents: no span reaches past them.
    max_doc: DocId,
}

impl SpanScorer {
    fn new(max_doc: DocId) -> SpanScorer {
        SpanScorer {
            docs: Vec::new(),
            scores: Vec::new(),
            cursor: 0,
            max_doc,
        }
    }

    /// Add the documents `first .. first + count`, each scored `score`. Spans come in order
    /// of `first`; the part of one that overlaps a span already added is left out, so that
    /// documents stay strictly increasing.
    fn push_span(&mut self, first: DocId, count: DocId, score: Score) {
        let start = self.docs.last().map_or(first, |&last| first.max(last + 1));
        for doc in start..first.saturating_add(count).min(self.max_doc) {
            self.docs.push(doc);
            self.scores.push(score);
        }
    }
}

impl DocSet for SpanScorer {
    fn advance(&mut self) -> DocId {
        self.cursor = (self.cursor + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() < target {
            self.cursor += self.docs[self.cursor..].partition_point(|&d| d < target);
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.cursor).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        self.docs.len().saturating_sub(self.cursor) as u32
    }
}

impl Scorer for SpanScorer {
    fn score(&mut self) -> Score {
        self.scores.get(self.cursor).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, IndexRecordOption, STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, doc};

    /// Three articles of 2, 3 and 1 passages; the tag is on each article's first passage.
    fn index() -> (Index, Field) {
        let mut builder = Schema::builder();
        let tag = builder.add_text_field("tag", STRING);
        let passages = builder.add_u64_field("passages", FAST);
        let body_hash = builder.add_u64_field("body_hash", FAST);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for (name, count) in [("iraq", 2u64), ("syria", 3), ("iraq", 1)] {
            for position in 0..count {
                let mut doc = doc!(passages => count);
                if position == 0 {
                    doc.add_text(tag, name);
                    doc.add_u64(body_hash, 1);
                }
                writer.add_document(doc).expect("add");
            }
        }
        writer.commit().expect("commit");
        (index, tag)
    }

    #[test]
    fn a_match_on_the_first_passage_covers_the_whole_article() {
        let (index, tag) = index();
        let searcher = index.reader().expect("reader").searcher();
        let query = ArticleQuery::new(Box::new(TermQuery::new(
            Term::from_field_text(tag, "iraq"),
            IndexRecordOption::Basic,
        )));
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .expect("search");
        let mut docs: Vec<DocId> = top.iter().map(|(_, a)| a.doc_id).collect();
        docs.sort_unstable();
        assert_eq!(docs, [0, 1, 5]);
        // Every passage of an article scores as its first.
        assert!(top.iter().all(|(s, _)| *s > 0.0));
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let mut scorer = weight
            .scorer(searcher.segment_reader(0), 1.0)
            .expect("scorer");
        assert_eq!(scorer.seek(2), 5);
        assert_eq!(scorer.advance(), TERMINATED);
    }

    #[test]
    fn article_statistics_count_articles() {
        let (index, tag) = index();
        let searcher = index.reader().expect("reader").searcher();
        let statistics = ArticleStatistics::new(&searcher).expect("statistics");
        assert_eq!(statistics.total_num_docs().expect("docs"), 3);
        // A term can never be in more documents than there are articles.
        let term = Term::from_field_text(tag, "iraq");
        assert_eq!(statistics.doc_freq(&term).expect("df"), 2);
    }

    /// Articles of 2, 20 and 40 passages; `iraq` is named in passage 1 of the first, in
    /// passages 3 and 9 of the second and in passages 5 and 6 of the third.
    fn named_index() -> (Index, Field) {
        let mut builder = Schema::builder();
        let tag = builder.add_text_field("tag", STRING);
        let position = builder.add_u64_field("position", FAST);
        let passages = builder.add_u64_field("passages", FAST);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for (count, named) in [(2u64, &[1u64][..]), (20, &[3, 9]), (40, &[5, 6])] {
            for p in 0..count {
                let mut doc = doc!(position => p, passages => count);
                if named.contains(&p) {
                    doc.add_text(tag, "iraq");
                }
                writer.add_document(doc).expect("add");
            }
        }
        writer.commit().expect("commit");
        (index, tag)
    }

    #[test]
    fn an_article_is_named_when_one_passage_in_sixteen_names_it() {
        let (index, tag) = named_index();
        let searcher = index.reader().expect("reader").searcher();
        let inner = Box::new(tantivy::query::ConstScoreQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(tag, "iraq"),
                IndexRecordOption::Basic,
            )),
            2.5,
        ));
        let query = NamedInArticleQuery::boxed(inner);
        let top = searcher
            .search(&query, &TopDocs::with_limit(100).order_by_score())
            .expect("search");
        let mut docs: Vec<DocId> = top.iter().map(|(_, a)| a.doc_id).collect();
        docs.sort_unstable();
        // The 2-passage article (one passage of 2) and the 20-passage one (2 of 20, at
        // least 2 needed) whole; the 40-passage one needs 3 passages and has 2.
        let expected: Vec<DocId> = (0..22).collect();
        assert_eq!(docs, expected);
        assert!(
            top.iter().all(|(s, _)| (*s - 2.5).abs() < 1e-6),
            "the inner score"
        );
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let reader = searcher.segment_reader(0);
        assert!(weight.explain(reader, 21).is_ok());
        assert!(weight.explain(reader, 27).is_err());
    }
}
