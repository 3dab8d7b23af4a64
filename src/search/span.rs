//! [`ArticleQuery`]: a query on article-level fields that matches every passage of the
//! article.
//!
//! Fields that describe a whole article (its most mentioned places and entities, its id and
//! source) are indexed on its first passage only: written once per passage they made up a
//! tenth of the index. Since an article's passages are consecutive documents (see
//! `index::schema`), a match on the first passage stands for the article's span
//! `first .. first + passages`, and this query expands it, giving every passage of the span
//! the inner query's score. The cost is one pass over the inner query's matches (articles,
//! not passages) per segment and a vector of the span's documents.

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Term;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Every passage of the articles whose first passage matches `inner`, scored as the first
/// passage.
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
        Ok(Box::new(ArticleWeight {
            inner: self.inner.weight(enable_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
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
        let mut docs: Vec<DocId> = Vec::new();
        let mut scores: Vec<Score> = Vec::new();
        while inner.doc() != TERMINATED {
            let first = inner.doc();
            let score = inner.score();
            let count = passages
                .first(first)
                .unwrap_or(1)
                .clamp(1, u64::from(max_doc)) as DocId;
            // A match inside a span already expanded (an inner query on a field that is not
            // article-level) adds nothing: documents stay strictly increasing.
            let start = docs.last().map_or(first, |&last| first.max(last + 1));
            for doc in start..first.saturating_add(count).min(max_doc) {
                docs.push(doc);
                scores.push(score);
            }
            inner.advance();
        }
        Ok(Box::new(SpanScorer {
            docs,
            scores,
            cursor: 0,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("article-level match", scorer.score()))
    }
}

/// The expanded documents and their scores.
struct SpanScorer {
    docs: Vec<DocId>,
    scores: Vec<Score>,
    cursor: usize,
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
