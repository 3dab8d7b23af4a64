//! The text analyzers newsdex registers with tantivy.
//!
//! `news` is used for every free-text field (passage text, title, standfirst, entity and place
//! names). It is, in order:
//!
//! 1. [`NewsTokenizer`]: splits on anything that is not a letter or digit, so hyphenated
//!    names (`Iran-backed`, `Al-Qaim`) become two words and run-together sentences
//!    (`dozens.The`) become `dozens` + `The`; an apostrophe *between* two letters or digits
//!    (straight `'`, curly `’`/`‘`, modifier `ʼ`, backtick) is dropped and the word continues, so
//!    `Kata'ib`, `Kata’ib` and `Kataib` are the same token and `Iran's` becomes `Irans`.
//! 2. drop tokens longer than 40 bytes (base64 blobs, URLs glued together);
//! 3. lowercase; 4. fold accents to ASCII (`Qāsem` → `qasem`);
//! 5. remove Lucene's 33 English stop words (`the`, `of`, `in` ...), so that questions do not
//!    rank on their glue words; positions keep their gaps, so phrases still work;
//! 6. stem English (`strikes`, `striking` → `strike`; `irans` → `iran`).
//!
//! `keyword` keeps a value whole but lowercased and accent-folded: sources and other exact
//! filters, so `--source "gulf desk"` matches `Gulf Desk`.
//!
//! Tokenizers are not stored in the index (only their names are), so [`register`] must run
//! every time an index is opened or created.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    StopWordFilter, TextAnalyzer, TextAnalyzerBuilder, Token, TokenStream, Tokenizer,
};

/// Name of the analyzer for free text.
pub const NEWS: &str = "news";
/// Name of the analyzer for whole-value keyword fields.
pub const KEYWORD: &str = "keyword";

/// Tokens longer than this many bytes are dropped.
const MAX_TOKEN_BYTES: usize = 40;

/// Register the `news` and `keyword` analyzers on `index`.
pub fn register(index: &Index) {
    index.tokenizers().register(NEWS, news_analyzer());
    index.tokenizers().register(KEYWORD, keyword_analyzer());
}

/// The analyzer for free text, as described in the module documentation.
pub fn news_analyzer() -> TextAnalyzer {
    news_until_stemming()
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The `news` analyzer without its last step, English stemming: for the highlighter, which
/// stems only the words that can match (stemming was most of its time). Stem a token of
/// this analyzer with [`news_stemmer`] to get the `news` term.
pub fn news_unstemmed_analyzer() -> TextAnalyzer {
    news_until_stemming().build()
}

/// Every step of the `news` analyzer before stemming, shared by the two analyzers above.
fn news_until_stemming() -> TextAnalyzerBuilder<impl Tokenizer> {
    let stop_words = StopWordFilter::new(Language::English)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(NewsTokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop_words)
}

/// The stemmer of the `news` analyzer (the one tantivy's `Stemmer` filter runs for English).
pub fn news_stemmer() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

/// The analyzer for keyword fields: the whole value, lowercased and accent-folded.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The terms `text` produces under the `news` analyzer, in order. Used by tests and by
/// highlighting code that must agree with the index.
pub fn news_terms(text: &str) -> Vec<String> {
    let mut analyzer = news_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// True for the characters newsdex treats as an apostrophe inside a word.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// Letters and digits, except the apostrophe-like modifier letters.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_apostrophe(c)
}

/// Splits text into words of letters and digits, joining across in-word apostrophes.
#[derive(Clone, Copy, Debug, Default)]
pub struct NewsTokenizer;

/// The token stream of [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    token: Token,
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        NewsTokenStream {
            text,
            cursor: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.cursor..];
        // Skip to the first letter or digit.
        let Some((skip, _)) = rest.char_indices().find(|&(_, c)| is_word_char(c)) else {
            self.cursor = self.text.len();
            return false;
        };
        let start = self.cursor + skip;
        self.token.text.clear();
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_apostrophe(c) {
                // An apostrophe between two word characters: drop it, keep the word going.
                // (Checked first: the modifier letter `ʼ` counts as alphanumeric.)
                if chars.peek().is_some_and(|&(_, next)| is_word_char(next)) {
                    continue;
                }
                break;
            } else if c.is_alphanumeric() {
                self.token.text.push(c);
                end = start + i + c.len_utf8();
            } else {
                break;
            }
        }
        self.cursor = end;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_straight_curly_and_none_are_the_same_word() {
        let straight = news_terms("Kata'ib Hezbollah");
        assert_eq!(straight, vec!["kataib", "hezbollah"]);
        assert_eq!(news_terms("Kata’ib Hezbollah"), straight);
        assert_eq!(news_terms("Kataib Hezbollah"), straight);
        assert_eq!(news_terms("KATAʼIB HEZBOLLAH"), straight);
    }

    #[test]
    fn possessive_stems_to_the_noun() {
        assert_eq!(news_terms("Iran's"), news_terms("Iran"));
        assert_eq!(news_terms("Iran’s navy"), vec!["iran", "navi"]);
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(news_terms("Iran-backed"), vec!["iran", "back"]);
        assert_eq!(news_terms("Al-Qaim"), vec!["al", "qaim"]);
        assert_eq!(news_terms("Lt.-Gen."), vec!["lt", "gen"]);
    }

    #[test]
    fn accents_fold_and_case_lowers() {
        assert_eq!(news_terms("Qāsem Soleimānī"), news_terms("QASEM SOLEIMANI"));
        assert_eq!(news_terms("Qāsem Soleimānī"), vec!["qasem", "soleimani"]);
    }

    #[test]
    fn run_together_sentences_split() {
        assert_eq!(
            news_terms("killing dozens.The Pentagon"),
            vec!["kill", "dozen", "pentagon"]
        );
    }

    #[test]
    fn stop_words_go_and_stems_apply() {
        assert_eq!(
            news_terms("the strikes on the militias"),
            vec!["strike", "militia"]
        );
    }

    #[test]
    fn a_dangling_apostrophe_is_not_part_of_a_word() {
        assert_eq!(
            news_terms("the militias' leaders 'said'"),
            vec!["militia", "leader", "said"]
        );
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        let text = "Al-Qa’im, near Kirkuk";
        let mut tokenizer = NewsTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(token) = stream.next() {
            spans.push(&text[token.offset_from..token.offset_to]);
        }
        assert_eq!(spans, vec!["Al", "Qa’im", "near", "Kirkuk"]);
    }
}
