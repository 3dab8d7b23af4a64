//! Highlighting: which words of a passage the query matched.
//!
//! Passages are short (a few sentences), so newsdex shows the whole passage rather than a
//! fragment of it, and marks every word whose analysed form is one of the query's terms.
//! Running the same `news` analyzer as the index means `strikes` highlights `struck`'s
//! siblings `strike`/`striking`, and `Kataib` highlights `Kata’ib`.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::Term;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::analyze::tokenizer::news_analyzer;

/// The words a query looks for in the `news`-analysed fields, ready to highlight passages.
pub struct Highlighter {
    terms: HashSet<String>,
    analyzer: TextAnalyzer,
}

impl Highlighter {
    /// Collect the terms of `query` that belong to any of `fields` (all analysed with `news`).
    pub fn new(query: &dyn Query, fields: &[Field]) -> Highlighter {
        let mut terms = HashSet::new();
        query.query_terms(&mut |term: &Term, _| {
            if fields.contains(&term.field())
                && let Some(text) = term.value().as_str()
            {
                terms.insert(text.to_string());
            }
        });
        Highlighter {
            terms,
            analyzer: news_analyzer(),
        }
    }

    /// True when the query has no words to highlight (`*`, filters only).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Byte ranges of `text` to highlight, in order. Neighbouring matches separated only by
    /// spaces or hyphens are joined (`Kata'ib Hezbollah` is one highlight).
    pub fn highlights(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        if self.terms.is_empty() {
            return ranges;
        }
        let mut stream = self.analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if !self.terms.contains(&token.text) {
                continue;
            }
            let range = token.offset_from..token.offset_to;
            match ranges.last_mut() {
                Some(last)
                    if text
                        .get(last.end..range.start)
                        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-')) =>
                {
                    last.end = range.end;
                }
                _ => ranges.push(range),
            }
        }
        ranges
    }
}
