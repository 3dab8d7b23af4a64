//! Highlighting: which words of a passage the query matched.
//!
//! Passages are short (a few whole sentences: the analyzer's passage splitter never cuts a
//! sentence), so newsdex shows the whole passage rather than a fragment of it, and marks
//! every word whose analysed form is one of the query's terms, and every occurrence of a
//! phrase as one span (`Strait of Hormuz`, stop word included).
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
    /// Phrases as analysed terms with their relative positions.
    phrases: Vec<Vec<(usize, String)>>,
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
            phrases: Vec::new(),
            analyzer: news_analyzer(),
        }
    }

    /// A highlighter for analysed `terms` and `phrases` (terms with relative positions).
    pub fn from_parts(
        terms: impl IntoIterator<Item = String>,
        phrases: Vec<Vec<(usize, String)>>,
    ) -> Highlighter {
        Highlighter {
            terms: terms.into_iter().collect(),
            phrases: phrases.into_iter().filter(|p| p.len() > 1).collect(),
            analyzer: news_analyzer(),
        }
    }

    /// True when the query has no words to highlight (`*`, filters only).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }

    /// Byte ranges of `text` to highlight, in order. Neighbouring matches separated only by
    /// spaces or hyphens are joined (`Kata'ib Hezbollah` is one highlight).
    pub fn highlights(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = Vec::new();
        if self.is_empty() {
            return ranges;
        }
        let mut tokens: Vec<(usize, String, Range<usize>)> = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            tokens.push((
                token.position,
                token.text.clone(),
                token.offset_from..token.offset_to,
            ));
        }
        for (_, term, range) in &tokens {
            if self.terms.contains(term) {
                ranges.push(range.clone());
            }
        }
        for phrase in &self.phrases {
            let Some((first_offset, first)) = phrase.first() else {
                continue;
            };
            for (pos, term, range) in &tokens {
                if term != first {
                    continue;
                }
                let mut end = range.end;
                let whole = phrase[1..].iter().all(|(offset, want)| {
                    let at = pos + offset - first_offset;
                    match tokens.iter().find(|(p, t, _)| *p == at && t == want) {
                        Some((_, _, r)) => {
                            end = end.max(r.end);
                            true
                        }
                        None => false,
                    }
                });
                // Offsets leave room for stop words only: no other word in between.
                let span = phrase.last().map_or(0, |(o, _)| o - first_offset);
                let inside = tokens
                    .iter()
                    .filter(|(p, _, _)| *p >= *pos && *p <= pos + span)
                    .count();
                if whole && inside == phrase.len() {
                    ranges.push(range.start..end);
                }
            }
        }
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                Some(last)
                    if text
                        .get(last.end..range.start)
                        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-')) =>
                {
                    last.end = range.end;
                }
                _ => merged.push(range),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::topics::positioned_terms;

    fn marked(h: &mut Highlighter, text: &str) -> Vec<String> {
        h.highlights(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn phrases_are_one_span_and_terms_are_marked_everywhere() {
        let mut h = Highlighter::from_parts(
            ["rocket".to_string()],
            vec![positioned_terms("Strait of Hormuz")],
        );
        assert_eq!(
            marked(
                &mut h,
                "Rockets fell. The Strait of Hormuz, not the strait near Hormuz Island."
            ),
            ["Rockets", "Strait of Hormuz"]
        );
    }

    #[test]
    fn offsets_are_on_char_boundaries_in_accented_text() {
        let mut h = Highlighter::from_parts(["soleimani".to_string()], Vec::new());
        let text = "Qāsem Soleimani’s convoy";
        assert_eq!(marked(&mut h, text), ["Soleimani’s"]);
    }
}
