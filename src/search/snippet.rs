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

use crate::analyze::tokenizer::{news_stemmer, news_unstemmed_analyzer};

/// The words a query looks for in the `news`-analysed fields, ready to highlight passages.
///
/// A passage is analysed as the index analyses it, except that only the words whose first
/// letter begins some query term are stemmed: English stemming only ever changes the end of
/// a word, so any other word cannot become a query term, and stemming every word was most of
/// the time spent highlighting.
pub struct Highlighter {
    terms: HashSet<String>,
    /// Phrases as analysed terms with their relative positions.
    phrases: Vec<Vec<(usize, String)>>,
    analyzer: TextAnalyzer,
    stemmer: frostem::Stemmer,
    /// First bytes of the terms and phrase terms.
    firsts: [bool; 256],
}

/// The first bytes of `terms`.
fn first_bytes<'a>(terms: impl IntoIterator<Item = &'a str>) -> [bool; 256] {
    let mut firsts = [false; 256];
    for term in terms {
        if let Some(&b) = term.as_bytes().first() {
            firsts[usize::from(b)] = true;
        }
    }
    firsts
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
        Highlighter::from_parts(terms, Vec::new())
    }

    /// A highlighter for analysed `terms` and `phrases` (terms with relative positions).
    pub fn from_parts(
        terms: impl IntoIterator<Item = String>,
        phrases: Vec<Vec<(usize, String)>>,
    ) -> Highlighter {
        let terms: HashSet<String> = terms.into_iter().collect();
        let phrases: Vec<Vec<(usize, String)>> =
            phrases.into_iter().filter(|p| p.len() > 1).collect();
        let firsts = first_bytes(
            terms
                .iter()
                .map(String::as_str)
                .chain(phrases.iter().flatten().map(|(_, t)| t.as_str())),
        );
        Highlighter {
            terms,
            phrases,
            analyzer: news_unstemmed_analyzer(),
            stemmer: news_stemmer(),
            firsts,
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
            // A word that cannot match keeps its unstemmed form: it equals no query term.
            let candidate = token
                .text
                .as_bytes()
                .first()
                .is_some_and(|&b| self.firsts[usize::from(b)]);
            let term = if candidate {
                self.stemmer.stem(&token.text).into_owned()
            } else {
                token.text.clone()
            };
            tokens.push((token.position, term, token.offset_from..token.offset_to));
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
    fn stemming_keeps_the_first_letter_of_a_word() {
        // What the highlighter's shortcut relies on, including the stemmer's exceptions.
        let stemmer = news_stemmer();
        for word in [
            "dying", "lying", "tying", "skies", "skis", "news", "early", "only", "gently", "ugly",
            "idly", "singly", "atlas", "cosmos", "bias", "andes", "strikes", "struck", "yelled",
            "youths", "eyes", "ies", "y", "aed", "ying",
        ] {
            let stem = stemmer.stem(word);
            assert_eq!(
                stem.as_bytes().first(),
                word.as_bytes().first(),
                "{word} -> {stem}"
            );
        }
    }

    #[test]
    fn highlights_equal_those_of_the_full_analyzer() {
        let text = "Striking tankers: the strikes struck Hormuz, and dying skies over Kata’ib \
                    Hezbollah's bases in the Strait of Hormuz.";
        let terms: Vec<String> =
            crate::analyze::tokenizer::news_terms("strike tanker sky die hezbollah base");
        let mut h =
            Highlighter::from_parts(terms.clone(), vec![positioned_terms("Strait of Hormuz")]);
        // The same ranges the full analyzer's terms give, found word by word.
        let mut full = crate::analyze::tokenizer::news_analyzer();
        let mut expected = Vec::new();
        let mut stream = full.token_stream(text);
        while let Some(token) = stream.next() {
            if terms.contains(&token.text) {
                expected.push(text[token.offset_from..token.offset_to].to_string());
            }
        }
        let marked = marked(&mut h, text);
        for word in &expected {
            assert!(
                marked.iter().any(|m| m.contains(word.as_str())),
                "{word} in {marked:?}"
            );
        }
        assert!(marked.iter().any(|m| m == "Strait of Hormuz"), "{marked:?}");
        assert!(marked.iter().any(|m| m == "Striking tankers"), "{marked:?}");
    }

    #[test]
    fn offsets_are_on_char_boundaries_in_accented_text() {
        let mut h = Highlighter::from_parts(["soleimani".to_string()], Vec::new());
        let text = "Qāsem Soleimani’s convoy";
        assert_eq!(marked(&mut h, text), ["Soleimani’s"]);
    }
}
