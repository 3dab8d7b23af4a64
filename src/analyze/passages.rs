//! Passage splitting: the article body cut into the units that are indexed and returned.
//!
//! The passage is the unit of retrieval. A search hit is a passage, so it must be big enough
//! to carry the context that makes it answer a question (who struck where, and why), yet
//! small enough that the hit points the reader at the paragraph they want rather than at the
//! whole article, and that term statistics (BM25 length normalisation) compare like with like.
//!
//! Writers already cut their text into such units: paragraphs. So passages follow paragraphs:
//!
//! 1. The body is cut into paragraphs at blank lines (a line of only whitespace). A body with
//!    no blank line at all but several lines, as pasted from web pages, has one paragraph per
//!    non-empty line. Inside a paragraph a single newline is just a space. (Hard-wrapped plain
//!    text without blank lines therefore gets one "paragraph" per line; the merging of short
//!    paragraphs below regroups most of those lines into passages of a useful size.)
//! 2. Each paragraph is split into sentences with [`split_sentences`]; whitespace inside a
//!    sentence collapses to one space.
//! 3. A paragraph that fits the limits ([`PassageConfig::max_bytes`],
//!    [`PassageConfig::max_sentences`]) is one passage, whole.
//! 4. Consecutive short paragraphs (under 40% of [`PassageConfig::target_bytes`]: one-liners,
//!    datelines, quotes) are merged into one passage while the total stays within
//!    `target_bytes` and `max_sentences`, because a one-liner on its own is too thin to rank
//!    and to read as a result. A short paragraph next to a long one stays on its own.
//! 5. A paragraph over the limits is cut at sentence boundaries into pieces of at most
//!    `max_sentences` sentences and at most `max_bytes` bytes; among the ways to cut, the one
//!    whose pieces are closest to `target_bytes` (least sum of squared differences) wins.
//!    That balances the pieces and never leaves a tiny last piece of one short sentence when
//!    it could join the previous one within the limits.
//! 6. A sentence longer than `max_bytes` becomes a passage of its own; it is never cut inside a
//!    word. Only a run-on "sentence" longer than twice `max_bytes` (a pasted table, a list with
//!    no periods) is cut, at `; ` if it can be, else at `, `, else between words, into pieces
//!    of at most `max_bytes` (a single word longer than that stays whole).
//!
//! Passage text is its sentences joined by single spaces (which also repairs run-together
//! sentences: `dozens.The` becomes `dozens. The`) and its paragraphs joined by `\n`. No text
//! is lost or repeated: the non-whitespace characters of the passages, in order, are those of
//! the body.

use super::sentences::split_sentences;
use crate::model::Passage;

/// Limits that shape passages. All sizes are in bytes of passage text (UTF-8).
///
/// The defaults are tuned for English news: a news paragraph is one to three sentences of
/// 20–30 words, about 150–450 bytes, so
/// - `target_bytes: 500` (≈ 80 words, three or four sentences) is one generous paragraph, the
///   size a long paragraph is cut towards and up to which one-liners are merged;
/// - `max_bytes: 900` (≈ 150 words) lets almost every real paragraph stay whole while keeping
///   a hit short enough to read at a glance in a result list;
/// - `max_sentences: 5` stops lists of short sentences (quotes, bullet-like facts) from
///   piling up into a passage that no longer has one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageConfig {
    /// The size passages aim for: long paragraphs are cut into pieces of about this size, and
    /// short paragraphs are merged up to it. Clamped to `1..=max_bytes`.
    pub target_bytes: usize,
    /// No passage of several sentences is longer than this; only a single over-long sentence
    /// may be. Values below 1 are treated as 1.
    pub max_bytes: usize,
    /// No passage has more sentences than this. Values below 1 are treated as 1.
    pub max_sentences: usize,
}

impl Default for PassageConfig {
    /// 500 / 900 / 5: see the type's documentation for why.
    fn default() -> Self {
        PassageConfig {
            target_bytes: 500,
            max_bytes: 900,
            max_sentences: 5,
        }
    }
}

/// The configuration with degenerate values clamped, so that the algorithm needs no checks.
#[derive(Debug, Clone, Copy)]
struct Limits {
    target: usize,
    max: usize,
    max_sentences: usize,
    /// Paragraphs shorter than this are "short" and may be merged: 40% of `target`.
    short: usize,
}

impl Limits {
    fn new(config: &PassageConfig) -> Limits {
        let max = config.max_bytes.max(1);
        let target = config.target_bytes.clamp(1, max);
        Limits {
            target,
            max,
            max_sentences: config.max_sentences.max(1),
            short: target.saturating_mul(2) / 5,
        }
    }
}

/// A paragraph as a list of units (sentences, or pieces of an over-long sentence), each
/// whitespace-collapsed.
struct Paragraph {
    units: Vec<String>,
    /// Length of the units joined by single spaces.
    len: usize,
}

impl Paragraph {
    fn new(units: Vec<String>) -> Paragraph {
        let len = joined_len(units.iter().map(String::len));
        Paragraph { units, len }
    }

    fn fits(&self, limits: &Limits) -> bool {
        self.len <= limits.max && self.units.len() <= limits.max_sentences
    }

    fn is_short(&self, limits: &Limits) -> bool {
        self.len < limits.short && self.fits(limits)
    }

    fn text(&self) -> String {
        self.units.join(" ")
    }
}

/// Length of items of the given lengths joined by a one-byte separator.
fn joined_len(lens: impl Iterator<Item = usize>) -> usize {
    let (count, sum) = lens.fold((0usize, 0usize), |(n, s), l| (n + 1, s.saturating_add(l)));
    sum.saturating_add(count.saturating_sub(1))
}

/// Split an article body into passages, numbered from 0 in reading order.
///
/// An empty or whitespace-only body has no passages. See the [module documentation](self)
/// for how paragraphs and sentences become passages, and [`PassageConfig`] for the limits.
pub fn split_passages(body: &str, config: &PassageConfig) -> Vec<Passage> {
    let limits = Limits::new(config);
    let paragraphs: Vec<Paragraph> = paragraphs(body)
        .iter()
        .map(|p| Paragraph::new(units(p, &limits)))
        .filter(|p| !p.units.is_empty())
        .collect();

    let mut texts = Vec::new();
    let mut i = 0;
    while let Some(first) = paragraphs.get(i) {
        if first.is_short(&limits) {
            // Merge the following short paragraphs while the group stays within the target.
            let (mut len, mut sentences, mut end) = (first.len, first.units.len(), i + 1);
            while let Some(next) = paragraphs.get(end) {
                let merged = len.saturating_add(1).saturating_add(next.len);
                if !next.is_short(&limits)
                    || merged > limits.target
                    || sentences + next.units.len() > limits.max_sentences
                {
                    break;
                }
                (len, sentences, end) = (merged, sentences + next.units.len(), end + 1);
            }
            let group: Vec<String> = paragraphs[i..end].iter().map(Paragraph::text).collect();
            texts.push(group.join("\n"));
            i = end;
        } else if first.fits(&limits) {
            texts.push(first.text());
            i += 1;
        } else {
            texts.extend(balanced_split(&first.units, &limits));
            i += 1;
        }
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(position, text)| Passage { position, text })
        .collect()
}

/// The paragraphs of `body`, each with its lines joined by `\n`.
fn paragraphs(body: &str) -> Vec<String> {
    let body = body.trim();
    let lines: Vec<&str> = body.lines().collect();
    if !lines.iter().any(|l| l.trim().is_empty()) {
        // No blank line: one paragraph per line (a single line is the single paragraph).
        return lines.iter().map(|l| l.to_string()).collect();
    }
    lines
        .split(|l| l.trim().is_empty())
        .filter(|group| !group.is_empty())
        .map(|group| group.join("\n"))
        .collect()
}

/// The units of one paragraph: its sentences with whitespace collapsed, with sentences over
/// twice `max_bytes` cut into clause-sized pieces.
fn units(paragraph: &str, limits: &Limits) -> Vec<String> {
    let mut units = Vec::new();
    for range in split_sentences(paragraph) {
        let Some(raw) = paragraph.get(range) else {
            continue;
        };
        let sentence = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if sentence.len() > limits.max.saturating_mul(2) {
            let words: Vec<&str> = sentence.split(' ').collect();
            cut_run_on(&words, 0, limits.max, &mut units);
        } else if !sentence.is_empty() {
            units.push(sentence);
        }
    }
    units
}

/// Where a run-on sentence may be cut, from the most to the least natural: after a word
/// ending in `;`, after a word ending in `,`, after any word.
const CUT_AFTER: [fn(&str) -> bool; 3] = [|w| w.ends_with(';'), |w| w.ends_with(','), |_| true];

/// Cut the words of an over-long sentence into pieces of at most `max` bytes, at the places
/// `CUT_AFTER[level]` allows; clauses still too long are cut at the next level. Pieces are
/// pushed to `out`; joined with single spaces they give back the sentence.
fn cut_run_on(words: &[&str], level: usize, max: usize, out: &mut Vec<String>) {
    let Some(cut_after) = CUT_AFTER.get(level) else {
        // A single word longer than `max`: kept whole.
        out.push(words.join(" "));
        return;
    };
    let mut piece: Vec<&str> = Vec::new();
    let mut piece_len = 0;
    fn flush(piece: &mut Vec<&str>, piece_len: &mut usize, out: &mut Vec<String>) {
        if !piece.is_empty() {
            out.push(piece.join(" "));
            piece.clear();
            *piece_len = 0;
        }
    }
    for clause in words.split_inclusive(|w| cut_after(w)) {
        let clause_len = joined_len(clause.iter().map(|w| w.len()));
        if clause_len > max {
            flush(&mut piece, &mut piece_len, out);
            if clause.len() == 1 {
                out.push(clause.join(" "));
            } else {
                cut_run_on(clause, level + 1, max, out);
            }
            continue;
        }
        if !piece.is_empty() && piece_len + 1 + clause_len > max {
            flush(&mut piece, &mut piece_len, out);
        }
        piece_len = if piece.is_empty() {
            clause_len
        } else {
            piece_len + 1 + clause_len
        };
        piece.extend_from_slice(clause);
    }
    flush(&mut piece, &mut piece_len, out);
}

/// Cut the units of a paragraph that does not fit into consecutive passages, each of at most
/// `max_sentences` units and `max` bytes (a single unit may be longer), choosing among all
/// such cuts the one whose passages are closest to `target` (least sum of squared
/// differences). Dynamic programming over the cut points: O(units × max_sentences).
fn balanced_split(units: &[String], limits: &Limits) -> Vec<String> {
    let n = units.len();
    // best[e]: least cost of cutting units[..e], and where its last passage starts.
    let mut best: Vec<(u128, usize)> = vec![(u128::MAX, 0); n + 1];
    best[0] = (0, 0);
    for end in 1..=n {
        let mut len = 0usize;
        for start in (end.saturating_sub(limits.max_sentences)..end).rev() {
            let unit_len = units.get(start).map_or(0, String::len);
            len = if start + 1 == end {
                unit_len
            } else {
                len.saturating_add(1).saturating_add(unit_len)
            };
            if start + 1 < end && len > limits.max {
                break; // Starting earlier only makes the passage longer.
            }
            let diff = len.abs_diff(limits.target) as u128;
            let cost = best[start].0.saturating_add(diff.saturating_mul(diff));
            if cost < best[end].0 {
                best[end] = (cost, start);
            }
        }
    }
    let mut passages = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = best[end].1.min(end - 1);
        passages.push(units[start..end].join(" "));
        end = start;
    }
    passages.reverse();
    passages
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(body: &str, config: &PassageConfig) -> Vec<String> {
        split_passages(body, config)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn config(target_bytes: usize, max_bytes: usize, max_sentences: usize) -> PassageConfig {
        PassageConfig {
            target_bytes,
            max_bytes,
            max_sentences,
        }
    }

    /// A realistic wire-style sentence of roughly 100 bytes, varied by `i`.
    fn sentence(i: usize) -> String {
        format!(
            "Iraqi officials said rocket number {i} struck near the Ain al-Asad air base in Anbar province overnight."
        )
    }

    fn non_whitespace(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn default_values() {
        assert_eq!(PassageConfig::default(), config(500, 900, 5));
    }

    #[test]
    fn empty_body_has_no_passages() {
        assert!(split_passages("", &PassageConfig::default()).is_empty());
        assert!(split_passages(" \n\n \t\n", &PassageConfig::default()).is_empty());
    }

    #[test]
    fn paragraphs_that_fit_stay_whole() {
        let p1 = format!("{} {} {}", sentence(1), sentence(2), sentence(3));
        let p2 = format!("{} {}", sentence(4), sentence(5));
        let body = format!("{p1}\n\n{p2}\n");
        let passages = split_passages(&body, &PassageConfig::default());
        assert_eq!(passages.len(), 2);
        assert_eq!(
            passages[0],
            Passage {
                position: 0,
                text: p1
            }
        );
        assert_eq!(
            passages[1],
            Passage {
                position: 1,
                text: p2
            }
        );
    }

    #[test]
    fn blank_line_with_spaces_separates_paragraphs_and_single_newlines_are_spaces() {
        let body = format!(
            "{}\nThe Pentagon\nsaid it would respond.\n   \t\n{}",
            sentence(1),
            sentence(2)
        );
        let got = texts(&body, &config(100, 400, 5));
        assert_eq!(
            got,
            vec![
                format!("{} The Pentagon said it would respond.", sentence(1)),
                sentence(2),
            ]
        );
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let body = format!("{}\n{}\n\n", sentence(1), sentence(2));
        // Trailing blank lines do not count as paragraph separators.
        let got = texts(&body, &config(150, 300, 5));
        assert_eq!(got, vec![sentence(1), sentence(2)]);
    }

    #[test]
    fn run_together_sentences_are_repaired() {
        let got = texts(
            "Missiles struck the base, killing dozens.The Pentagon said it would respond.",
            &PassageConfig::default(),
        );
        assert_eq!(
            got,
            vec!["Missiles struck the base, killing dozens. The Pentagon said it would respond."]
        );
    }

    #[test]
    fn whitespace_is_collapsed() {
        let got = texts(
            "  Lt.-Gen.   Qasem Soleimani\twas   killed\u{a0} on Jan. 3.  ",
            &PassageConfig::default(),
        );
        assert_eq!(got, vec!["Lt.-Gen. Qasem Soleimani was killed on Jan. 3."]);
    }

    #[test]
    fn short_paragraphs_are_merged() {
        let body = "BAGHDAD (AP) —\n\nRockets hit the Green Zone on Sunday.\n\nNo one was hurt.\n\n\
                    The U.S. Embassy condemned the attack.";
        let got = texts(body, &PassageConfig::default());
        assert_eq!(
            got,
            vec![
                "BAGHDAD (AP) —\nRockets hit the Green Zone on Sunday.\nNo one was hurt.\nThe U.S. Embassy condemned the attack."
            ]
        );
    }

    #[test]
    fn short_paragraph_merging_stops_at_target_and_sentence_limits() {
        // Six 41-byte one-liners, target 250: five per passage (the sentence limit).
        let lines: Vec<String> = (0..6)
            .map(|i| format!("Protesters gathered in square number {i}."))
            .collect();
        let body = lines.join("\n\n");
        let got = texts(&body, &config(250, 400, 5));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], lines[..5].join("\n"));
        assert_eq!(got[1], lines[5]);

        // Target 110 (short below 44 bytes): two per passage, as a third would make 125 bytes.
        let got = texts(&body, &config(110, 400, 5));
        assert_eq!(
            got,
            vec![
                lines[..2].join("\n"),
                lines[2..4].join("\n"),
                lines[4..].join("\n")
            ]
        );
    }

    #[test]
    fn short_paragraphs_do_not_merge_with_long_ones() {
        let long = format!("{} {} {}", sentence(1), sentence(2), sentence(3));
        let body = format!("WASHINGTON —\n\n{long}\n\nRead more.");
        let got = texts(&body, &PassageConfig::default());
        assert_eq!(
            got,
            vec!["WASHINGTON —".to_string(), long, "Read more.".to_string()]
        );
    }

    #[test]
    fn long_paragraph_is_split_within_limits_and_balanced() {
        // Eleven sentences of ~105 bytes: too many for one passage of 5 sentences.
        let all: Vec<String> = (10..21).map(sentence).collect();
        let body = all.join(" ");
        let got = texts(&body, &PassageConfig::default());
        // 11 sentences, at most 5 each: three passages, balanced 4 + 4 + 3 (not 5 + 5 + 1).
        assert_eq!(
            got,
            vec![all[..4].join(" "), all[4..8].join(" "), all[8..].join(" ")]
        );
        for p in &got {
            assert!(p.len() <= 900);
        }
    }

    #[test]
    fn long_paragraph_split_by_bytes() {
        // Ten sentences of ~105 bytes with a high sentence limit: cut by size towards 500.
        let all: Vec<String> = (10..20).map(sentence).collect();
        let body = all.join(" ");
        let got = texts(&body, &config(500, 900, 20));
        assert_eq!(got, vec![all[..5].join(" "), all[5..].join(" ")]);
    }

    #[test]
    fn no_tiny_last_passage() {
        // Four long sentences and a short one: the short one joins the last passage.
        let s: Vec<String> = (10..14).map(sentence).collect();
        let body = format!(
            "{} {} {} {} It was the third attack this week.",
            s[0], s[1], s[2], s[3]
        );
        let got = texts(&body, &config(200, 300, 5));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].ends_with("It was the third attack this week."));
        assert!(got[1].starts_with(&s[2]), "{got:?}");
        assert!(got.iter().all(|p| p.len() <= 300));
    }

    #[test]
    fn over_long_sentence_is_its_own_passage() {
        let long = "The statement, which was read on state television by a spokesman for the armed \
                    forces and repeated by officials in Tehran, Baghdad and Beirut over the following \
                    days, promised a response in kind to any further attack on Iranian soil."
            .to_string();
        assert!(long.len() > 200 && long.len() <= 400);
        let body = format!("{} {long} {}", sentence(1), sentence(2));
        let got = texts(&body, &config(150, 200, 5));
        assert_eq!(got, vec![sentence(1), long, sentence(2)]);
    }

    #[test]
    fn run_on_sentence_is_cut_at_clauses() {
        let clauses: Vec<String> = (0..30)
            .map(|i| format!("militia position {i} near Al-Qaim was struck by aircraft"))
            .collect();
        let run_on = format!("{}.", clauses.join("; "));
        let got = texts(&run_on, &config(200, 300, 5));
        assert!(got.len() > 1);
        for p in &got {
            assert!(p.len() <= 300, "{} bytes: {p}", p.len());
            assert!(
                p.ends_with(';') || p.ends_with('.'),
                "not cut at a clause: {p}"
            );
        }
        assert_eq!(got.join(" "), run_on);
    }

    #[test]
    fn run_on_without_punctuation_is_cut_between_words_and_giant_words_stay_whole() {
        let words = "strike ".repeat(200);
        let got = texts(words.trim(), &config(50, 100, 5));
        assert!(
            got.iter()
                .all(|p| p.len() <= 100 && p.starts_with("strike"))
        );
        assert_eq!(got.join(" "), words.trim());

        let giant = "x".repeat(500);
        let got = texts(&format!("{giant} short words"), &config(50, 100, 5));
        assert_eq!(got, vec![giant, "short words".to_string()]);
    }

    #[test]
    fn positions_are_in_order() {
        let all: Vec<String> = (10..30).map(sentence).collect();
        let body = format!(
            "{}\n\nShort.\n\n{}",
            all[..12].join(" "),
            all[12..].join(" ")
        );
        let passages = split_passages(&body, &PassageConfig::default());
        assert!(passages.len() > 3);
        for (i, p) in passages.iter().enumerate() {
            assert_eq!(p.position, i);
        }
    }

    #[test]
    fn degenerate_config_does_not_panic() {
        let body = format!("{} {}\n\n{}", sentence(1), sentence(2), sentence(3));
        for c in [
            config(0, 0, 0),
            config(1000, 10, 1),
            config(usize::MAX, usize::MAX, usize::MAX),
        ] {
            let got = split_passages(&body, &c);
            assert!(!got.is_empty());
            assert_eq!(
                non_whitespace(&got.iter().map(|p| p.text.as_str()).collect::<String>()),
                non_whitespace(&body)
            );
        }
    }

    #[test]
    fn large_inputs_stay_fast() {
        // A 600 KB run-on sentence cut into 200 KB pieces, and 100 000 tiny sentences.
        let words = "strike ".repeat(100_000);
        let got = texts(&words, &config(100_000, 200_000, 5));
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|p| p.len() <= 200_000));
        let got = texts(&"Go. ".repeat(100_000), &PassageConfig::default());
        assert_eq!(got.len(), 20_000);
    }

    /// Check the invariants of `split_passages` on `body`.
    fn check_invariants(body: &str, config: &PassageConfig) -> Result<(), TestCaseError> {
        let passages = split_passages(body, config);
        let limits = Limits::new(config);
        for (i, p) in passages.iter().enumerate() {
            prop_assert_eq!(p.position, i);
            prop_assert!(!p.text.trim().is_empty());
            prop_assert_eq!(p.text.as_str(), p.text.trim());
            prop_assert!(!p.text.contains("  ") && !p.text.contains('\t'));
            if p.text.len() > limits.max {
                // Only a single over-long sentence (up to twice the limit), or a single word.
                prop_assert!(
                    !p.text.contains('\n'),
                    "merged passage over max: {:?}",
                    p.text
                );
                prop_assert!(
                    p.text.len() <= 2 * limits.max || !p.text.contains(' '),
                    "{} bytes: {:?}",
                    p.text.len(),
                    p.text
                );
            }
        }
        // No text lost or duplicated.
        let joined: String = passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        prop_assert_eq!(non_whitespace(&joined), non_whitespace(body));
        Ok(())
    }

    /// News-like bodies: words, sentence punctuation, abbreviations, newlines, blank lines.
    fn newsy_body() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "The ",
            "strike ",
            "killed ",
            "dozens.",
            "dozens.The ",
            "U.S. ",
            "Lt.-Gen. ",
            "Soleimani ",
            "said ",
            "Iran ",
            "3.5 ",
            "Jan. 3 ",
            ". ",
            "! ",
            "? ",
            "... ",
            "; ",
            ", ",
            "\n",
            "\n\n",
            " \n \n",
            "\"",
            "“",
            "”",
            "é",
            "🚀",
            "averyveryveryverylongwordwithoutspaces ",
        ]);
        prop::collection::vec(pieces, 0..300).prop_map(|v| v.concat())
    }

    fn any_config() -> impl Strategy<Value = PassageConfig> {
        (0usize..300, 0usize..400, 0usize..8).prop_map(|(t, m, s)| config(t, m, s))
    }

    proptest! {
        #[test]
        fn invariants_on_arbitrary_text(body in any::<String>(), config in any_config()) {
            check_invariants(&body, &config)?;
        }

        #[test]
        fn invariants_on_newsy_text(body in newsy_body(), config in any_config()) {
            check_invariants(&body, &config)?;
        }

        #[test]
        fn invariants_with_default_config(body in newsy_body()) {
            check_invariants(&body, &PassageConfig::default())?;
        }

        #[test]
        fn words_are_kept_in_order(words in prop::collection::vec("[A-Za-z]{1,12}[,;]?", 0..200),
                                   breaks in prop::collection::vec(0usize..12, 0..200),
                                   config in any_config()) {
            // Plain words, sentence ends and paragraph breaks, no run-together sentences:
            // the passages' words are exactly the body's words.
            let mut body = String::new();
            for (i, w) in words.iter().enumerate() {
                body.push_str(w);
                body.push_str(match breaks.get(i).copied().unwrap_or(0) {
                    0 => ". ",
                    1 => ".\n\n",
                    2 => "\n",
                    _ => " ",
                });
            }
            let passages = split_passages(&body, &config);
            let got: Vec<&str> = passages.iter().flat_map(|p| p.text.split_whitespace()).collect();
            let want: Vec<&str> = body.split_whitespace().collect();
            prop_assert_eq!(got, want);
        }
    }
}
