//! Sentence splitting for English news text.
//!
//! Sentences are the bricks passages are built from (see [`super::passages`]): a passage never
//! ends in the middle of a sentence, so a bad split shows up directly in search results as a
//! hit that starts with `Soleimani was killed` instead of `Lt.-Gen. Qasem Soleimani was
//! killed`. The splitter is a hand-written scanner rather than a trained model because news
//! text is regular enough, the rules can be read and tested, and it costs nothing at start-up.
//!
//! # Rules
//!
//! A sentence ends after a run of terminal punctuation (`.`, `!`, `?`, `…`; `...`, `?!` and
//! the like count as one boundary) together with the closing quotes and brackets right after
//! it (`."`, `.”`, `?)`), when
//!
//! 1. the text ends there, or
//! 2. whitespace follows and then an uppercase letter, a digit or an opening quote/bracket, or
//! 3. the sentences were run together by a careless copy from a web page, as in
//!    `killing dozens.The Pentagon said`: the punctuation sits between a lowercase letter,
//!    digit or closing quote and an uppercase letter followed by a lowercase one. Web
//!    addresses and e-mail addresses (`/`, `@`, `=`, `www.`, a further `.` inside the next
//!    word) are excluded, and so are abbreviations (`St.Louis`); `whitehouse.gov`, `U.S.` and
//!    `3.5` never match the shape in the first place.
//!
//! A single period (not `!`, `?` or an ellipsis) is then examined further, because periods
//! also end abbreviations:
//!
//! - A period followed by a hyphen is never a boundary (`Lt.-Gen. Qasem Soleimani`); the rule
//!   falls out of 2. and 3., which need whitespace or a letter after the period.
//! - The word before the period is looked up in `data/abbreviations.txt`, whole (`lt.-gen`)
//!   and after its last hyphen (`gen` in `Lt.-Gen.`). Titles, ranks and months (`Mr.`,
//!   `Gen.`, `Jan. 3`) are never a boundary. Abbreviations tagged `end` in the file (`Inc.`,
//!   `etc.`, `Jr.`, `St.`, `No.`) do end sentences in real text, so after them the period is
//!   a boundary only when the next word is a common sentence opener (see below).
//! - Single letters are initials (`John F. Kennedy`, `J. Smith`): not a boundary, again unless
//!   a sentence opener follows (`...known as Plan B. The idea`).
//! - Dotted acronyms (`U.S.`, `U.N.`, `D.C.`, `a.m.`) usually continue the sentence (`U.S.
//!   officials`, `the U.S. Army`), but just as often end it (`...was blamed on the U.S. The
//!   strikes began`). Capitalisation cannot tell these apart, so the splitter looks at the next
//!   word: a boundary when it is a word that typically starts a sentence and rarely follows
//!   the acronym inside a name — articles, pronouns, conjunctions, `There`, `Officials`, `In`,
//!   `After`, `However` (the full list is `SENTENCE_OPENERS` in this file). Capitalised names
//!   and nouns (`Army`, `Embassy`, `President`) keep the sentence going. This misses `...by
//!   the U.S. Iran responded` and is the price of not splitting `U.S. Central Command`.
//!
//! A straight `"` glued to the next sentence (`he said."Iran will pay."`) is a closing quote
//! when the sentence so far has an odd number of them, and otherwise opens the next sentence.
//!
//! The splitter never panics and returns ranges on `char` boundaries for any input. It runs
//! in linear time: the words around a candidate boundary are read at most 64 characters deep.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// How a period after a known abbreviation is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationKind {
    /// Titles, ranks, months: the abbreviation always leads into more of the same sentence.
    Inner,
    /// Tagged `end` in the data file: may end a sentence, which it does when a sentence opener
    /// follows.
    MayEnd,
}

/// The abbreviation list, embedded at compile time so the binary needs no data files.
pub(crate) const ABBREVIATIONS_SRC: &str = include_str!("../../data/abbreviations.txt");

/// Whether `word` (without its final period) is a listed abbreviation (`Gen`, `Lt.-Gen`,
/// `Sen`): a period after it need not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains_key(&word.to_lowercase())
}

/// Parsed once per process, on first use.
static ABBREVIATIONS: LazyLock<HashMap<String, AbbreviationKind>> =
    LazyLock::new(|| parse_abbreviations(ABBREVIATIONS_SRC));

/// Parse the format of `data/abbreviations.txt`: one lowercase abbreviation per line without
/// its final period, optionally followed by the tag `end`; `#` starts a comment.
fn parse_abbreviations(src: &str) -> HashMap<String, AbbreviationKind> {
    let mut map = HashMap::new();
    for line in src.lines() {
        let content = match line.split_once('#') {
            Some((before, _)) => before,
            None => line,
        };
        let mut fields = content.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let kind = match fields.next() {
            Some("end") => AbbreviationKind::MayEnd,
            _ => AbbreviationKind::Inner,
        };
        let word = word.trim_end_matches('.').to_lowercase();
        if !word.is_empty() {
            map.insert(word, kind);
        }
    }
    map
}

/// Words that start sentences far more often than they continue a name after `U.S.`, `Inc.`,
/// `St.` or an initial. Used only to decide whether such a period ends a sentence; compared
/// case-sensitively, so `THE` in a shouted headline does not count.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Afterwards",
    "Again",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "Asked",
    "At",
    "Authorities",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Critics",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Every",
    "Few",
    "For",
    "From",
    "Further",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "Much",
    "My",
    "Neither",
    "Nevertheless",
    "Next",
    "Nor",
    "Now",
    "Officials",
    "On",
    "Once",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Over",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yet",
    "You",
];

/// Split `text` into sentences, returned as byte ranges into `text`.
///
/// The ranges are in order, do not overlap, are never empty, start and end on `char`
/// boundaries and are trimmed of surrounding whitespace; everything between them is
/// whitespace, so no text is lost. Ranges rather than strings let callers map a sentence back
/// to the original text (offsets of mentions, highlighting) and cost no allocation per
/// sentence. See the [module documentation](self) for the rules.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    // quotes_before[i]: number of straight double quotes in chars[..i], to tell an opening
    // `"` from a closing one in `he said."Iran will pay."`.
    let mut quotes_before = Vec::with_capacity(chars.len() + 1);
    let mut quotes = 0usize;
    quotes_before.push(0);
    for &(_, c) in &chars {
        quotes += usize::from(c == '"');
        quotes_before.push(quotes);
    }
    let mut sentences = Vec::new();
    let mut start = 0; // byte offset of the current sentence
    let mut start_char = 0; // and its char index
    let mut i = 0;
    while i < chars.len() {
        if !is_terminator(chars[i].1) {
            i += 1;
            continue;
        }
        let run_end = scan(&chars, i, is_terminator);
        let close_end = scan(&chars, run_end, is_closer);
        let quotes_open = quotes_before
            .get(i)
            .zip(quotes_before.get(start_char))
            .is_some_and(|(q, s)| q.saturating_sub(*s) % 2 == 1);
        let candidate = Candidate {
            run_start: i,
            run_end,
            close_end,
            quotes_open,
        };
        if let Some(end_char) = boundary(&chars, &candidate) {
            let end = byte_at(end_char);
            push_trimmed(text, start..end, &mut sentences);
            start = end;
            start_char = end_char;
        }
        i = close_end;
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

/// A run of terminal punctuation that may end a sentence.
struct Candidate {
    /// Char index of the first punctuation mark.
    run_start: usize,
    /// Char index after the last punctuation mark.
    run_end: usize,
    /// Char index after the closing quotes and brackets that follow the run.
    close_end: usize,
    /// Whether an odd number of straight double quotes precede the run in its sentence, so
    /// that a `"` after the run closes a quotation rather than opening one.
    quotes_open: bool,
}

/// Sentence-ending punctuation.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that belong to the sentence they follow (`."`, `?)`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›')
}

/// Opening quotes and brackets that may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹')
}

/// Index of the first char at or after `from` that does not satisfy `pred`.
fn scan(chars: &[(usize, char)], from: usize, pred: impl Fn(char) -> bool) -> usize {
    let mut i = from;
    while chars.get(i).is_some_and(|&(_, c)| pred(c)) {
        i += 1;
    }
    i
}

/// Push `range` of `text`, trimmed of whitespace, unless nothing is left.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let len = slice.trim().len();
    if len > 0 {
        let start = range.start + lead;
        out.push(start..start + len);
    }
}

/// Where the sentence ends if `candidate` is a sentence boundary (a char index), else `None`.
fn boundary(chars: &[(usize, char)], candidate: &Candidate) -> Option<usize> {
    let &Candidate {
        run_start,
        run_end,
        close_end,
        quotes_open,
    } = candidate;
    // A lone `.` may end an abbreviation; `!`, `?`, `…` and runs such as `...` or `?!` may not.
    let single_period =
        run_end == run_start + 1 && chars.get(run_start).is_some_and(|&(_, c)| c == '.');
    let Some(&(_, next)) = chars.get(close_end) else {
        return Some(close_end); // end of text
    };
    if next.is_whitespace() {
        let word = scan(chars, close_end, char::is_whitespace);
        let Some(&(_, first)) = chars.get(word) else {
            return Some(close_end); // only whitespace left
        };
        if !(first.is_uppercase() || first.is_numeric() || is_opener(first)) {
            return None;
        }
        let word = scan(chars, word, is_opener);
        let ends = !single_period || period_ends_sentence(chars, run_start, word);
        return ends.then_some(close_end);
    }
    // Run-together sentences: `dozens.The Pentagon`, `he said."Iran will pay."`.
    let run_together = next.is_uppercase()
        && chars
            .get(close_end + 1)
            .is_some_and(|&(_, c)| c.is_lowercase())
        && run_start
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|&(_, c)| c.is_lowercase() || c.is_numeric() || is_closer(c));
    if !run_together || looks_like_address(chars, run_start, close_end) {
        return None;
    }
    if single_period && !period_ends_sentence(chars, run_start, close_end) {
        return None;
    }
    // With no quotation open, a straight `"` glued to the next sentence opens that sentence.
    let opens_next = close_end > run_end
        && !quotes_open
        && chars.get(close_end - 1).is_some_and(|&(_, c)| c == '"');
    Some(if opens_next { close_end - 1 } else { close_end })
}

/// How far the splitter looks around a candidate boundary for the words before and after it.
/// Abbreviations and addresses are short; the bound keeps the scan linear on pathological
/// input such as a megabyte without a space.
const MAX_TOKEN_CHARS: usize = 64;

/// Char index where the non-whitespace token ending at `end` starts, looking back at most
/// [`MAX_TOKEN_CHARS`].
fn token_start(chars: &[(usize, char)], end: usize) -> usize {
    let limit = end.saturating_sub(MAX_TOKEN_CHARS);
    let mut start = end;
    while start > limit
        && chars
            .get(start - 1)
            .is_some_and(|&(_, c)| !c.is_whitespace())
    {
        start -= 1;
    }
    start
}

/// Characters that show a run of text is a web or e-mail address, a file name or a query.
fn is_address_char(c: char) -> bool {
    matches!(c, '/' | '\\' | '@' | '=' | '&' | '_' | '#' | '%')
}

/// Whether the words around a run-together candidate at `dot..after` look like an address
/// (`www.NewsSite.com`, `example.com/World.Html`) rather than two sentences.
fn looks_like_address(chars: &[(usize, char)], dot: usize, after: usize) -> bool {
    let before_start = token_start(chars, dot);
    let before = chars.get(before_start..dot).unwrap_or(&[]);
    if before.iter().any(|&(_, c)| is_address_char(c)) {
        return true;
    }
    let www: String = before
        .iter()
        .take(3)
        .map(|&(_, c)| c.to_ascii_lowercase())
        .collect();
    if www == "www" {
        return true;
    }
    let after_end = chars
        .get(after..)
        .unwrap_or(&[])
        .iter()
        .take(MAX_TOKEN_CHARS)
        .take_while(|&&(_, c)| !c.is_whitespace())
        .count();
    let after_word = chars.get(after..after + after_end).unwrap_or(&[]);
    after_word.iter().enumerate().any(|(k, &(_, c))| {
        is_address_char(c)
            || (c == '.'
                && after_word
                    .get(k + 1)
                    .is_some_and(|&(_, d)| d.is_alphanumeric()))
    })
}

/// Decide whether the single period at `chars[dot]` ends a sentence, given that the next word
/// starts at `next_word`; the caller has already checked the shape of what follows.
fn period_ends_sentence(chars: &[(usize, char)], dot: usize, next_word: usize) -> bool {
    // The token before the period: back to the previous whitespace, without leading
    // punctuation such as `(` or `"`.
    let start = token_start(chars, dot);
    let token: String = chars
        .get(start..dot)
        .unwrap_or(&[])
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| !c.is_alphanumeric())
        .collect();
    if !token.chars().next_back().is_some_and(char::is_alphanumeric) {
        return true; // `(AP).`, `"no".`, a lone `.`
    }
    // The part after the last hyphen, slash or dash: `Gen` in `Lt.-Gen`.
    let tail =
        match token.rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’')) {
            Some(p) => token
                .get(p..)
                .map_or("", |t| t.trim_start_matches(|c: char| !c.is_alphanumeric())),
            None => token.as_str(),
        };
    let kind = ABBREVIATIONS
        .get(&token.to_lowercase())
        .or_else(|| ABBREVIATIONS.get(&tail.to_lowercase()));
    match kind {
        Some(AbbreviationKind::Inner) => false,
        Some(AbbreviationKind::MayEnd) => next_is_sentence_opener(chars, next_word),
        None if is_initial(tail) || is_dotted_acronym(tail) => {
            next_is_sentence_opener(chars, next_word)
        }
        None => true,
    }
}

/// A single letter: an initial as in `John F. Kennedy`.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Letters separated by periods, at most two letters between periods: `U.S`, `D.C`, `a.m`,
/// `Ph.D` (the final period is not part of the token).
fn is_dotted_acronym(token: &str) -> bool {
    let mut parts = 0;
    for part in token.split('.') {
        let len = part.chars().count();
        if !(1..=2).contains(&len) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Whether the word starting at `chars[at]` is one of [`SENTENCE_OPENERS`].
fn next_is_sentence_opener(chars: &[(usize, char)], at: usize) -> bool {
    let end = scan(chars, at, char::is_alphabetic);
    let word: String = chars
        .get(at..end)
        .unwrap_or(&[])
        .iter()
        .map(|&(_, c)| c)
        .collect();
    match chars.get(end).map(|&(_, c)| c) {
        // Part of a longer word or name: `In-Soo`, `A380`.
        Some(c) if c.is_alphanumeric() || c == '-' => return false,
        // Another initial: `U.S. A. J. Smith`.
        Some('.') if word.chars().count() == 1 => return false,
        _ => {}
    }
    SENTENCE_OPENERS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The sentences of `text` as strings.
    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviation_file_parses_and_has_the_titles() {
        let map = parse_abbreviations(ABBREVIATIONS_SRC);
        for word in [
            "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
            "gov", "sen", "rep", "pres", "prof", "rev", "st", "jr", "sr", "brig", "maj.-gen",
            "lt.-gen", "lt.-col", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov",
            "dec", "no", "vs", "etc", "inc", "corp", "co", "ltd", "mt", "ft",
        ] {
            assert!(map.contains_key(word), "missing abbreviation {word}");
        }
        assert_eq!(map.get("gen"), Some(&AbbreviationKind::Inner));
        assert_eq!(map.get("inc"), Some(&AbbreviationKind::MayEnd));
        // Every line is a bare lowercase abbreviation, optionally tagged `end`.
        for line in ABBREVIATIONS_SRC.lines() {
            let content = line.split('#').next().unwrap_or("");
            let fields: Vec<&str> = content.split_whitespace().collect();
            assert!(fields.len() <= 2, "bad line {line:?}");
            if let Some(word) = fields.first() {
                assert_eq!(*word, word.to_lowercase(), "not lowercase: {line:?}");
                assert!(!word.ends_with('.'), "final period in {line:?}");
            }
            if let Some(tag) = fields.get(1) {
                assert_eq!(*tag, "end", "unknown tag in {line:?}");
            }
        }
    }

    #[test]
    fn parse_ignores_comments_and_blank_lines() {
        let map =
            parse_abbreviations("# header\n\nmr\ninc   end # company\n  # indented comment\n");
        assert_eq!(map.len(), 2);
        assert_eq!(map.get("mr"), Some(&AbbreviationKind::Inner));
        assert_eq!(map.get("inc"), Some(&AbbreviationKind::MayEnd));
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            sentences(
                "Rockets hit the base on Tuesday. No one was hurt! Who fired them? Nobody knows."
            ),
            vec![
                "Rockets hit the base on Tuesday.",
                "No one was hurt!",
                "Who fired them?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("   \n\t ").is_empty());
        assert_eq!(sentences("  Hello  "), vec!["Hello"]);
    }

    #[test]
    fn lt_gen_stays_in_one_sentence() {
        let text = "Lt.-Gen. Qasem Soleimani was killed in a drone strike. Iran vowed revenge.";
        assert_eq!(
            sentences(text),
            vec![
                "Lt.-Gen. Qasem Soleimani was killed in a drone strike.",
                "Iran vowed revenge."
            ]
        );
        assert_eq!(
            sentences(
                "The strike was ordered by Maj.-Gen. Alexus Grynkewich. He declined to comment."
            ),
            vec![
                "The strike was ordered by Maj.-Gen. Alexus Grynkewich.",
                "He declined to comment."
            ]
        );
    }

    #[test]
    fn titles_and_ranks() {
        assert_eq!(
            sentences(
                "Gen. Kenneth McKenzie told Sen. Jim Inhofe that Dr. Smith and Mrs. Jones had left. They had."
            ),
            vec![
                "Gen. Kenneth McKenzie told Sen. Jim Inhofe that Dr. Smith and Mrs. Jones had left.",
                "They had."
            ]
        );
        // A title is never a boundary, even before a name that is also an opener word.
        assert_eq!(
            sentences("China's Gen. He Weidong spoke."),
            vec!["China's Gen. He Weidong spoke."]
        );
        assert_eq!(
            sentences("(Lt. Col. Smith said so.)"),
            vec!["(Lt. Col. Smith said so.)"]
        );
    }

    #[test]
    fn months_and_numbers() {
        assert_eq!(
            sentences(
                "The drone strike on Jan. 3 killed him. On Sept. 14, 2019, drones hit Abqaiq."
            ),
            vec![
                "The drone strike on Jan. 3 killed him.",
                "On Sept. 14, 2019, drones hit Abqaiq."
            ]
        );
        assert_eq!(
            sentences("He met the prime minister at No. 10 Downing Street. It went well."),
            vec![
                "He met the prime minister at No. 10 Downing Street.",
                "It went well."
            ]
        );
        // `no` as a plain word ends a sentence.
        assert_eq!(
            sentences("She said no. The vote failed."),
            vec!["She said no.", "The vote failed."]
        );
    }

    #[test]
    fn company_abbreviations_may_end_a_sentence() {
        assert_eq!(
            sentences("The drones were made by Acme Inc. The company declined to comment."),
            vec![
                "The drones were made by Acme Inc.",
                "The company declined to comment."
            ]
        );
        assert_eq!(
            sentences(
                "Saudi Arabian Oil Co. Chief Executive Amin Nasser said output would recover."
            ),
            vec!["Saudi Arabian Oil Co. Chief Executive Amin Nasser said output would recover."]
        );
        assert_eq!(
            sentences("They carried rifles, grenades, etc. But no one was hurt."),
            vec![
                "They carried rifles, grenades, etc.",
                "But no one was hurt."
            ]
        );
        assert_eq!(
            sentences(
                "The protest moved to St. Peter's Square and then to Main St. There police waited."
            ),
            vec![
                "The protest moved to St. Peter's Square and then to Main St.",
                "There police waited."
            ]
        );
        assert_eq!(
            sentences("Martin Luther King Jr. Day was quiet. Bush vs. Gore was cited."),
            vec![
                "Martin Luther King Jr. Day was quiet.",
                "Bush vs. Gore was cited."
            ]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sentences("John F. Kennedy was killed in 1963. J. Edgar Hoover led the FBI."),
            vec![
                "John F. Kennedy was killed in 1963.",
                "J. Edgar Hoover led the FBI."
            ]
        );
        assert_eq!(
            sentences("They called it Plan B. The plan failed."),
            vec!["They called it Plan B.", "The plan failed."]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(
            sentences("U.S. officials said the U.N. Security Council would meet. The U.K. agreed."),
            vec![
                "U.S. officials said the U.N. Security Council would meet.",
                "The U.K. agreed."
            ]
        );
        assert_eq!(
            sentences("The attack was blamed on the U.S. The strikes began at dawn."),
            vec![
                "The attack was blamed on the U.S.",
                "The strikes began at dawn."
            ]
        );
        assert_eq!(
            sentences(
                "The U.S.-led coalition struck at 5 a.m. Friday. It was over by 6 a.m. Officials said so."
            ),
            vec![
                "The U.S.-led coalition struck at 5 a.m. Friday.",
                "It was over by 6 a.m.",
                "Officials said so."
            ]
        );
        assert_eq!(
            sentences("He flew to Washington, D.C. There he met U.S. Central Command officers."),
            vec![
                "He flew to Washington, D.C.",
                "There he met U.S. Central Command officers."
            ]
        );
        assert_eq!(
            sentences(
                "Troops left the U.S. In Iraq, they were told to stay. The U.S. Army denied it."
            ),
            vec![
                "Troops left the U.S.",
                "In Iraq, they were told to stay.",
                "The U.S. Army denied it."
            ]
        );
    }

    #[test]
    fn run_together_sentences() {
        assert_eq!(
            sentences(
                "Missiles struck the base, killing dozens.The Pentagon said it would respond."
            ),
            vec![
                "Missiles struck the base, killing dozens.",
                "The Pentagon said it would respond."
            ]
        );
        assert_eq!(
            sentences("Oil rose 15 percent in 2019.Traders were nervous."),
            vec!["Oil rose 15 percent in 2019.", "Traders were nervous."]
        );
        assert_eq!(
            sentences("\"We will respond,\" he said.\"Iran will pay.\""),
            vec!["\"We will respond,\" he said.", "\"Iran will pay.\""]
        );
        assert_eq!(
            sentences("He said \"enough\".Then he left."),
            vec!["He said \"enough\".", "Then he left."]
        );
        assert_eq!(
            sentences("Was it over?Nobody knew."),
            vec!["Was it over?", "Nobody knew."]
        );
    }

    #[test]
    fn no_split_inside_tokens() {
        for text in [
            "Oil rose 3.5 percent after the U.S. strike.",
            "Read the statement at whitehouse.gov for details.",
            "The rally in St.Louis drew thousands.",
            "Weapons, e.g. drones and rockets, were used.",
            "Visit www.NewsSite.com for more.",
            "See https://example.com/World.Html today.",
            "Mail press@Pentagon.mil for comment.",
            "He holds a Ph.D. from Tehran University.",
        ] {
            assert_eq!(sentences(text), vec![text], "split inside {text:?}");
        }
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            sentences("\"This was a war crime.\" The ministry denied it."),
            vec!["\"This was a war crime.\"", "The ministry denied it."]
        );
        assert_eq!(
            sentences("He said: “We will not back down.” “Never,” she added."),
            vec!["He said: “We will not back down.”", "“Never,” she added."]
        );
        assert_eq!(
            sentences(
                "The base was hit (again.) Nobody was hurt. (Casualty figures vary.) Later, more."
            ),
            vec![
                "The base was hit (again.)",
                "Nobody was hurt.",
                "(Casualty figures vary.)",
                "Later, more."
            ]
        );
        // A quoted exclamation followed by lowercase does not end the sentence.
        assert_eq!(
            sentences("\"Death to America!\" the crowd chanted."),
            vec!["\"Death to America!\" the crowd chanted."]
        );
    }

    #[test]
    fn ellipses_and_multiple_punctuation() {
        assert_eq!(
            sentences("He paused... Then he spoke. Really?! Yes… It was true."),
            vec![
                "He paused...",
                "Then he spoke.",
                "Really?!",
                "Yes…",
                "It was true."
            ]
        );
        assert_eq!(sentences("What?!?"), vec!["What?!?"]);
    }

    #[test]
    fn digit_and_newline_starts() {
        assert_eq!(
            sentences("Rockets hit the base.\n2020 began badly.\nno capital here."),
            vec![
                "Rockets hit the base.",
                "2020 began badly.\nno capital here."
            ]
        );
    }

    #[test]
    fn non_ascii_and_odd_input() {
        assert_eq!(
            sentences("Ça va. Über alles! 🚀 launched. ωmega. Ωmega."),
            vec!["Ça va.", "Über alles! 🚀 launched. ωmega.", "Ωmega."]
        );
        assert_eq!(sentences("."), vec!["."]);
        assert_eq!(sentences("?!"), vec!["?!"]);
        assert_eq!(sentences(". . ."), vec![". . ."]);
        assert_eq!(sentences("…\u{a0}É"), vec!["…", "É"]);
        assert_eq!(sentences("a.É"), vec!["a.É"]);
    }

    #[test]
    fn pathological_input_stays_linear() {
        // Quadratic scanning would make this test run for minutes.
        for text in [
            "a.Bc".repeat(50_000),
            format!("{}.", "x".repeat(200_000)),
            "Gen. ".repeat(40_000),
            "U.S. The ".repeat(20_000),
            "\"no\".Then ".repeat(20_000),
        ] {
            let ranges = split_sentences(&text);
            assert!(!ranges.is_empty());
            assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
        }
        assert_eq!(split_sentences(&"U.S. The ".repeat(1000)).len(), 1001);
    }

    /// Check every documented invariant of `split_sentences` on `text`.
    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let ranges = split_sentences(text);
        let mut previous_end = 0;
        for r in &ranges {
            prop_assert!(r.start < r.end, "empty range {r:?}");
            prop_assert!(
                r.start >= previous_end,
                "out of order or overlapping: {ranges:?}"
            );
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s, s.trim());
            // Only whitespace between sentences: no text lost.
            prop_assert!(text[previous_end..r.start].trim().is_empty());
            previous_end = r.end;
        }
        prop_assert!(text[previous_end..].trim().is_empty());
        Ok(())
    }

    /// Text made of the pieces the splitter reacts to, so the interesting paths are exercised.
    fn newsy_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "U.S.",
            "Lt.-Gen.",
            "Gen.",
            "Jan.",
            "3.5",
            "dozens.The",
            "e.g.",
            "F.",
            "Inc.",
            "etc.",
            "The",
            "It",
            "He",
            "said",
            "killed",
            ".",
            "!",
            "?",
            "?!",
            "...",
            "…",
            "\"",
            "“",
            "”",
            "'",
            "(",
            ")",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "é",
            "Ω",
            "🚀",
            "a",
            "Z",
            "9",
            "-",
            "www.",
            "/",
            "@",
            "St.Louis",
            "\u{a0}",
            "\u{2028}",
            ".\"",
            ".)",
            "No.",
            "A",
            "a.m.",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn invariants_on_arbitrary_text(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_newsy_text(text in newsy_text()) {
            check_invariants(&text)?;
        }
    }
}
