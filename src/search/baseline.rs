//! The baseline: plain BM25 over whole articles, as a generic search engine would rank them.
//!
//! Exactly what it is, so that the comparison in `newsdex eval` is honest:
//! - one document per article: its title and its passages (in order) concatenated into one
//!   text field, analysed with the same `news` analyzer as the index (so stemming, folding
//!   and Lucene's 33 stop words are the same for both rankings);
//! - the query as typed, apostrophes normalised the same way, parsed by tantivy's query
//!   parser leniently (default OR) over that one field: BM25 with k1 = 1.2, b = 0.75, no
//!   boosts, no phrases or proximity beyond what the user quoted, no entities, no aliases,
//!   no question-word removal, no date preference, no grouping or duplicate folding;
//! - a topic (`--topic`, `topic:NAME`) is replaced by all of its words as a bag of words:
//!   its terms, phrases, entity and place names, unweighted.
//!
//! The articles are rebuilt from the passage index into an index in memory, once per
//! [`ArticleIndex`] (the eval builds one and runs every query on it). Filters are not
//! supported.

use std::collections::HashMap;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, doc};

use super::{
    Hit, MAX_LIMIT, RankMode, SearchRequest, SearchResults, first_text, hit_from_doc, query,
    snippet,
};
use crate::analyze::tokenizer::{NEWS, register};
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::index::schema::{Fields, StoredArticle, first_passage};

/// An article's stored fields and its passages: (position, text, address in the passage
/// index).
type ArticleParts = (Option<StoredArticle>, Vec<(u64, String, DocAddress)>);

/// Whole articles in memory, with the addresses of their passages in the passage index.
pub struct ArticleIndex {
    index: Index,
    reader: IndexReader,
    id: tantivy::schema::Field,
    body: tantivy::schema::Field,
    /// Article id → its stored fields and its passages' (position, address) in the passage
    /// index, in order.
    passages: HashMap<String, (StoredArticle, Vec<(u64, DocAddress)>)>,
    searcher: Searcher,
    fields: Fields,
}

impl ArticleIndex {
    /// Rebuild whole articles from `index`'s passages.
    pub fn build(index: &NewsIndex) -> Result<ArticleIndex> {
        let searcher = index.reader()?.searcher();
        let fields = index.fields.clone();
        // (segment, first passage) → (article, [(position, text, address)]); an article's
        // passages are consecutive documents (see the schema).
        let mut articles: HashMap<(u32, u32), ArticleParts> = HashMap::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let positions = reader.fast_fields().u64("position")?;
            for doc_id in reader.doc_ids_alive() {
                let address = DocAddress::new(segment as u32, doc_id);
                let doc: TantivyDocument = searcher.doc(address)?;
                let position = positions.first(doc_id).unwrap_or_default();
                let key = (segment as u32, first_passage(doc_id, position));
                let entry = articles.entry(key).or_insert_with(|| (None, Vec::new()));
                if position == 0 {
                    entry.0 = StoredArticle::from_doc(&doc, &fields);
                }
                entry.1.push((
                    position,
                    first_text(&doc, fields.text).unwrap_or_default(),
                    address,
                ));
            }
        }
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | STORED);
        let body = builder.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(NEWS)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let memory = Index::create_in_ram(builder.build());
        register(&memory);
        let mut writer = memory.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
        let mut passages = HashMap::with_capacity(articles.len());
        // Articles in the order of their ids, not of the passage index (which parallel
        // indexing orders differently each time): BM25 ties are broken by document order, so
        // the same archive indexed twice gives the same baseline figures.
        let mut whole: Vec<_> = articles
            .into_iter()
            .filter_map(|(key, (article, parts))| Some((key, article?, parts)))
            .collect();
        whole.sort_by(|a, b| (&a.1.id, a.0).cmp(&(&b.1.id, b.0)));
        for (_, article, mut parts) in whole {
            parts.sort_by_key(|(position, _, _)| *position);
            let mut text = article.title.clone();
            for (_, passage, _) in &parts {
                text.push_str("\n\n");
                text.push_str(passage);
            }
            writer.add_document(doc!(id => article.id.clone(), body => text))?;
            passages.insert(
                article.id.clone(),
                (article, parts.into_iter().map(|(p, _, a)| (p, a)).collect()),
            );
        }
        writer.commit()?;
        let reader = memory
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(ArticleIndex {
            index: memory,
            reader,
            id,
            body,
            passages,
            searcher,
            fields,
        })
    }

    /// Rank whole articles for `request` (its query, topic and limit; weights, grouping and
    /// date preference do not apply). Each hit shows the article's passage with the most
    /// query words.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        if !request.filters.is_empty() {
            return Err(Error::Usage(
                "--rank bm25 is the plain baseline and takes no filters; drop --place/--entity/--source/--since/--until or use the full ranking".to_string(),
            ));
        }
        let plan = query::plan_query(&request.query)?;
        let topic = request
            .topic
            .as_ref()
            .or(plan.topic.as_ref())
            .map(|name| request.topics.resolve(name))
            .transpose()?;
        // The query as typed, minus `topic:NAME`, plus the topic's words.
        let mut text: Vec<String> = query::normalize_query(&request.query)
            .split_whitespace()
            .filter(|w| !w.to_ascii_lowercase().starts_with("topic:"))
            .map(String::from)
            .collect();
        if let Some(topic) = &topic {
            text.push(topic.plain_words.clone());
        }
        let text = text.join(" ");
        let parser = QueryParser::for_index(&self.index, vec![self.body]);
        let (query, errors) = parser.parse_query_lenient(&text);
        let mut warnings = Vec::new();
        if !errors.is_empty() {
            warnings.push(format!(
                "parts of query '{}' could not be parsed and were ignored",
                request.query
            ));
        }
        let searcher = self.reader.searcher();
        let limit = request.limit.clamp(1, MAX_LIMIT);
        let (top, total_hits) = searcher.search(
            &query,
            &(TopDocs::with_limit(limit).order_by_score(), Count),
        )?;
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| {
            if let Some(t) = term.value().as_str() {
                terms.push(t.to_string());
            }
        });
        let mut highlighter = snippet::Highlighter::from_parts(terms, Vec::new());
        let mut hits: Vec<Hit> = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = first_text(&doc, self.id).unwrap_or_default();
            let Some((article, addresses)) = self.passages.get(&id) else {
                continue;
            };
            // The passage with the most highlighted words (the first on a tie).
            let mut best: Option<(usize, u64, DocAddress, TantivyDocument)> = None;
            for &(position, address) in addresses {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                let text = first_text(&doc, self.fields.text).unwrap_or_default();
                let marks = highlighter.highlights(&text).len();
                if best.as_ref().is_none_or(|(n, ..)| marks > *n) {
                    best = Some((marks, position, address, doc));
                }
            }
            if let Some((_, position, address, doc)) = best {
                hits.push(hit_from_doc(
                    &self.fields,
                    &self.searcher,
                    (address, &doc, position),
                    article,
                    hits.len() + 1,
                    score,
                    &mut highlighter,
                ));
            }
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total_hits,
            hits,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            warnings,
            topic: topic.map(|t| t.name),
            rank: RankMode::Bm25,
        })
    }
}
