//! Accuracy of the mention extractor on a hand-annotated gold set (`tests/gold/`, format in
//! its README): precision, recall and F1 by type, so that changes to the gazetteer or the
//! name rules are measured rather than guessed.
//!
//! A gold set is a folder with `texts/ID.txt` and `annotations/ID.tsv`. Each annotation line
//! is `type<TAB>surface<TAB>name`, in the order the mentions occur; the surface is found in
//! the text from the end of the previous mention on, as a whole word. Annotating by surface
//! rather than by byte offsets keeps the files readable and easy to correct; the offsets are
//! derived here, and a surface that cannot be found is an error, never silently skipped.
//!
//! Scoring is strict: a predicted mention counts only when its byte span and its type equal
//! a gold mention's. The `org+group` row also accepts an organisation typed as an armed group
//! and the other way round (the bar in the README is on that row). Name accuracy is the share
//! of matched spans whose canonical name equals the gold name (compared after
//! [`super::gazetteer::normalize`]).

use super::entities::Extractor;
use super::gazetteer::normalize;
use crate::model::MentionKind;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Why a gold set could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("reading '{path}': {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {reason}")]
    Annotation {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("'{0}' holds no annotated text (expected texts/ID.txt and annotations/ID.tsv)")]
    Empty(PathBuf),
}

/// One annotated mention, with the byte span derived from its surface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldMention {
    pub kind: MentionKind,
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// One text of the gold set with its mentions.
#[derive(Debug, Clone)]
pub struct GoldText {
    pub id: String,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

/// Load every `texts/ID.txt` that has an `annotations/ID.tsv`, sorted by id.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldText>, GoldError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GoldError::Io { path, source }
    };
    let texts_dir = dir.join("texts");
    let mut ids: Vec<String> = std::fs::read_dir(&texts_dir)
        .map_err(io(&texts_dir))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    ids.sort();
    let mut out = Vec::new();
    for id in ids {
        let ann_path = dir.join("annotations").join(format!("{id}.tsv"));
        if !ann_path.exists() {
            continue;
        }
        let text_path = texts_dir.join(format!("{id}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(io(&text_path))?;
        let annotations = std::fs::read_to_string(&ann_path).map_err(io(&ann_path))?;
        let mentions = parse_annotations(&text, &annotations).map_err(|(line, reason)| {
            GoldError::Annotation {
                path: ann_path.clone(),
                line,
                reason,
            }
        })?;
        out.push(GoldText { id, text, mentions });
    }
    if out.is_empty() {
        return Err(GoldError::Empty(dir.to_path_buf()));
    }
    Ok(out)
}

/// Resolve annotation lines to spans of `text` (see the module documentation).
pub fn parse_annotations(
    text: &str,
    annotations: &str,
) -> Result<Vec<GoldMention>, (usize, String)> {
    let mut mentions = Vec::new();
    let mut from = 0;
    for (i, line) in annotations.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, surface, name] = fields[..] else {
            return Err((line_no, "expected type<TAB>surface<TAB>name".into()));
        };
        let kind = match kind {
            "person" => MentionKind::Person,
            "org" => MentionKind::Org,
            "group" => MentionKind::Group,
            "place" => MentionKind::Place,
            other => {
                return Err((
                    line_no,
                    format!("unknown type `{other}` (person, org, group or place)"),
                ));
            }
        };
        let start = find_word(text, surface, from).ok_or_else(|| {
            (
                line_no,
                format!("`{surface}` not found after byte {from} of the text"),
            )
        })?;
        let end = start + surface.len();
        mentions.push(GoldMention {
            kind,
            name: name.to_string(),
            start,
            end,
        });
        from = end;
    }
    Ok(mentions)
}

/// The first occurrence of `needle` in `text` at or after `from` that starts and ends on
/// word boundaries.
fn find_word(text: &str, needle: &str, from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(needle) {
        let start = at + found;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(start);
        }
        at = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Counts and scores of one row of the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// `person`, `org`, `group`, `org+group`, `place` or `all`.
    pub label: String,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn new(label: &str, gold: usize, predicted: usize, correct: usize) -> Score {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            label: label.to_string(),
            gold,
            predicted,
            correct,
            precision,
            recall,
            f1,
        }
    }
}

/// One miss or false alarm, for reading what went wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Error {
    pub text_id: String,
    /// `missed` (gold, not predicted) or `spurious` (predicted, not gold).
    pub what: &'static str,
    pub kind: MentionKind,
    pub surface: String,
    pub start: usize,
}

/// The evaluation of an extractor on a gold set.
#[derive(Debug, Clone, Serialize)]
pub struct NerReport {
    pub texts: usize,
    pub scores: Vec<Score>,
    /// Among spans found with the right type, the share with the gold canonical name.
    pub name_accuracy: f64,
    pub errors: Vec<Error>,
}

impl NerReport {
    /// The row with this label.
    pub fn score(&self, label: &str) -> Option<&Score> {
        self.scores.iter().find(|s| s.label == label)
    }

    /// A Markdown table of the scores.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| type | gold | predicted | correct | precision | recall | F1 |\n\
             |---|---:|---:|---:|---:|---:|---:|\n",
        );
        for s in &self.scores {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
                s.label, s.gold, s.predicted, s.correct, s.precision, s.recall, s.f1
            ));
        }
        out.push_str(&format!(
            "\n{} texts; canonical name right on {:.1}% of the matched spans.\n",
            self.texts,
            self.name_accuracy * 100.0
        ));
        out
    }
}

/// Run `extractor` over every gold text and score it.
pub fn evaluate(extractor: &Extractor, gold: &[GoldText]) -> NerReport {
    use MentionKind::{Group, Org, Person, Place};
    let groups: [(&str, &[MentionKind]); 6] = [
        ("person", &[Person]),
        ("org", &[Org]),
        ("group", &[Group]),
        ("org+group", &[Org, Group]),
        ("place", &[Place]),
        ("all", &[Person, Org, Group, Place]),
    ];
    let mut counts = vec![(0usize, 0usize, 0usize); groups.len()];
    let mut names_right = 0;
    let mut names_total = 0;
    let mut errors = Vec::new();
    for text in gold {
        let predicted = extractor.extract(&text.text);
        for (g, (_, kinds)) in groups.iter().enumerate() {
            // org+group is scored with the two kinds merged.
            let merge = |k: MentionKind| {
                if kinds.len() == 2 && kinds.contains(&k) {
                    Org
                } else {
                    k
                }
            };
            let gold_set: Vec<(usize, usize, MentionKind)> = text
                .mentions
                .iter()
                .filter(|m| kinds.contains(&m.kind))
                .map(|m| (m.start, m.end, merge(m.kind)))
                .collect();
            let pred_set: Vec<(usize, usize, MentionKind)> = predicted
                .iter()
                .filter(|m| kinds.contains(&m.kind))
                .map(|m| (m.start, m.end, merge(m.kind)))
                .collect();
            let correct = pred_set.iter().filter(|p| gold_set.contains(p)).count();
            counts[g].0 += gold_set.len();
            counts[g].1 += pred_set.len();
            counts[g].2 += correct;
        }
        for m in &text.mentions {
            match predicted
                .iter()
                .find(|p| p.start == m.start && p.end == m.end && p.kind == m.kind)
            {
                Some(p) => {
                    names_total += 1;
                    if normalize(&p.name) == normalize(&m.name) {
                        names_right += 1;
                    }
                }
                None => errors.push(Error {
                    text_id: text.id.clone(),
                    what: "missed",
                    kind: m.kind,
                    surface: text.text[m.start..m.end].to_string(),
                    start: m.start,
                }),
            }
        }
        for p in &predicted {
            let known = text
                .mentions
                .iter()
                .any(|m| p.start == m.start && p.end == m.end && p.kind == m.kind);
            if !known {
                errors.push(Error {
                    text_id: text.id.clone(),
                    what: "spurious",
                    kind: p.kind,
                    surface: text
                        .text
                        .get(p.start..p.end)
                        .unwrap_or_default()
                        .to_string(),
                    start: p.start,
                });
            }
        }
    }
    let scores = groups
        .iter()
        .zip(counts)
        .map(|((label, _), (gold, predicted, correct))| Score::new(label, gold, predicted, correct))
        .collect();
    NerReport {
        texts: gold.len(),
        scores,
        name_accuracy: if names_total == 0 {
            0.0
        } else {
            names_right as f64 / names_total as f64
        },
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_resolve_in_order_on_word_boundaries() {
        let text = "Iran and Iranian forces; Iran again.";
        let ann = "place\tIran\tIran\nplace\tIranian\tIran\nplace\tIran\tIran\n";
        let spans: Vec<(usize, usize)> = parse_annotations(text, ann)
            .expect("resolves")
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        assert_eq!(spans, vec![(0, 4), (9, 16), (25, 29)]);
        let err = parse_annotations(text, "place\tIraq\tIraq\n").err();
        assert_eq!(err.map(|e| e.0), Some(1));
        let err = parse_annotations(text, "# c\nthing\tIran\tIran\n").err();
        assert_eq!(err.map(|e| e.0), Some(2));
    }

    #[test]
    fn scores_are_strict_on_span_and_type() {
        let text = "Mark Esper visited Baghdad.";
        let ann = "person\tMark Esper\tMark Esper\norg\tvisited\tX\nplace\tBaghdad\tBaghdad\n";
        let gold = vec![GoldText {
            id: "t".into(),
            text: text.into(),
            mentions: parse_annotations(text, ann).expect("resolves"),
        }];
        let report = evaluate(Extractor::builtin(), &gold);
        let place = report.score("place").expect("row");
        assert_eq!((place.gold, place.correct), (1, 1));
        let org = report.score("org").expect("row");
        assert_eq!((org.gold, org.correct, org.recall), (1, 0, 0.0));
        assert!(report.errors.iter().any(|e| e.surface == "visited"));
    }
}
