//! [`ArticleQuery`]: a query on article-level fields that matches every passage of the
//! article.
//!
//! Fields that describe a whole article (its title, most mentioned places and entities, id
//! and source) are indexed on its first passage only: written once per passage they made up
//! a sixth of the index. Since an article's passages are consecutive documents (see
//! `index::schema`), a match on the first passage stands for the article's span
//! `first .. first + passages`, and this query expands it, giving every passage of the span
//! the inner query's score. The cost is one pass over the inner query's matches (articles,
//! not passages) per segment and a vector of the span's documents.

use std::fmt;

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, Term};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, TantivyError};

/// Every passage of the articles whose first passage matches `inner`, scored as the first
/// passage, with BM25 statistics counted over articles (see [`ArticleStatistics`]).
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
}
