//! Output for people at a terminal. Styles are written as ANSI codes; the caller's stream
//! (an `anstream` stream) strips them when the output is not a terminal or `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::index::writer::IndexReport;
use crate::model::MentionKind;
use crate::search::{Hit, SearchResults, Topic};

const RANK: Style = AnsiColor::Green.on_default().bold();
const TITLE: Style = Style::new().bold();
const META: Style = AnsiColor::Cyan.on_default();
const MATCH: Style = AnsiColor::Red.on_default().bold();
const LABEL: Style = Style::new().dimmed();

/// Print ranked passages.
pub fn print_results(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        print_hit(out, hit)?;
        writeln!(out)?;
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{LABEL}{shown} of {} matching passages ({:.1} ms){LABEL:#}",
        results.total_hits, results.took_ms
    )
}

fn print_hit(out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
    let article = &hit.article;
    writeln!(
        out,
        "{RANK}{:>2}.{RANK:#} {LABEL}[{:.2}]{LABEL:#} {TITLE}{}{TITLE:#}",
        hit.rank, hit.score, article.title
    )?;
    let mut meta = Vec::new();
    if let Some(date) = article.date {
        meta.push(date.format("%Y-%m-%d").to_string());
    }
    if let Some(source) = &article.source {
        meta.push(source.clone());
    }
    if let Some(author) = &article.author {
        meta.push(format!("by {author}"));
    }
    meta.push(format!("{} ¶{}", article.path, hit.passage.position + 1));
    writeln!(out, "    {META}{}{META:#}", meta.join(" · "))?;
    // The passage, with its highlights.
    let text = &hit.passage.text;
    let mut rendered = String::with_capacity(text.len() + 16 * hit.passage.highlights.len());
    let mut at = 0;
    for h in &hit.passage.highlights {
        if let (Some(before), Some(word)) = (text.get(at..h.start), text.get(h.start..h.end)) {
            rendered.push_str(before);
            rendered.push_str(&format!("{MATCH}{word}{MATCH:#}"));
            at = h.end;
        }
    }
    rendered.push_str(text.get(at..).unwrap_or_default());
    for line in rendered.lines() {
        writeln!(out, "    {line}")?;
    }
    let mut named = Vec::new();
    if !hit.places.is_empty() {
        let places: Vec<&str> = hit.places.iter().map(|p| p.name.as_str()).collect();
        named.push(format!("{LABEL}places:{LABEL:#} {}", places.join(", ")));
    }
    for (kind, label) in [
        (MentionKind::Group, "groups"),
        (MentionKind::Org, "orgs"),
        (MentionKind::Person, "people"),
    ] {
        let names: Vec<&str> = hit
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.as_str())
            .collect();
        if !names.is_empty() {
            named.push(format!("{LABEL}{label}:{LABEL:#} {}", names.join(", ")));
        }
    }
    if !named.is_empty() {
        writeln!(out, "    {}", named.join("  "))?;
    }
    if !hit.duplicates.is_empty() {
        writeln!(
            out,
            "    {LABEL}same story also in {} other article(s){LABEL:#}",
            hit.duplicates.len()
        )?;
    }
    if let Some(parts) = &hit.explain {
        let mut sum = Vec::new();
        let mut factor = String::new();
        for part in parts {
            if part.component == "date" {
                factor = format!(" × date {:.2}", part.value);
            } else if part.component == "article" {
                factor.push_str(&format!(" + article {:.2}", part.value));
            } else {
                sum.push(format!("{} {:.2}", part.component, part.value));
            }
        }
        writeln!(
            out,
            "    {LABEL}score {:.2} = {}{factor}{LABEL:#}",
            hit.score,
            if sum.is_empty() {
                "0".to_string()
            } else {
                sum.join(" + ")
            }
        )?;
    }
    Ok(())
}

/// Print the topics: name, title, how many words, phrases, entities and places each has, and
/// its focus.
pub fn print_topics(out: &mut dyn Write, topics: &[Topic]) -> io::Result<()> {
    for topic in topics {
        writeln!(out, "{TITLE}{}{TITLE:#}  {}", topic.name, topic.title)?;
        writeln!(
            out,
            "    {LABEL}{} terms, {} phrases, {} entities, {} places{LABEL:#}",
            topic.terms.len(),
            topic.phrases.len(),
            topic.entities.len(),
            topic.places.len()
        )?;
        if !topic.focus.is_empty() {
            writeln!(out, "    {LABEL}focus:{LABEL:#} {}", topic.focus.join(", "))?;
        }
    }
    Ok(())
}

/// Print the summary of an `index` run: one screen at most.
pub fn print_index_report(
    out: &mut dyn Write,
    report: &IndexReport,
    index: &str,
) -> io::Result<()> {
    const MAX_LISTED: usize = 20;
    for skipped in report.skipped.iter().take(MAX_LISTED) {
        writeln!(out, "skipped {}: {}", skipped.path, skipped.reason)?;
    }
    if report.skipped.len() > MAX_LISTED {
        writeln!(
            out,
            "... and {} more skipped files (see --json)",
            report.skipped.len() - MAX_LISTED
        )?;
    }
    for warning in report.warnings.iter().take(MAX_LISTED) {
        writeln!(out, "warning {}: {}", warning.path, warning.message)?;
    }
    if report.warnings.len() > MAX_LISTED {
        writeln!(
            out,
            "... and {} more warnings (see --json)",
            report.warnings.len() - MAX_LISTED
        )?;
    }
    writeln!(
        out,
        "{TITLE}indexed{TITLE:#} {} articles, {} passages from {} files into {index} (the index holds {} articles, {} passages)",
        report.articles_indexed,
        report.passages_indexed,
        report.files_indexed,
        report.articles,
        report.passages
    )?;
    if report.reanalysed {
        writeln!(
            out,
            "every file was analysed again: the index was built by a newsdex with other built-in data or rules"
        )?;
    }
    writeln!(
        out,
        "files: {} seen, {} added, {} updated, {} removed, {} unchanged",
        report.files_seen, report.added, report.updated, report.removed, report.unchanged
    )?;
    if report.duplicates > 0 {
        writeln!(
            out,
            "{} articles were word-for-word copies of a story already indexed: their text is indexed once",
            report.duplicates
        )?;
    }
    let counts = report.skip_counts();
    if !counts.is_empty() {
        let parts: Vec<String> = counts
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        writeln!(
            out,
            "skipped {} files: {}",
            report.skipped.len(),
            parts.join(", ")
        )?;
    }
    writeln!(
        out,
        "read {:.1} MB in {:.2} s ({:.1} MB/s)",
        report.bytes as f64 / 1e6,
        report.seconds,
        report.mb_per_second()
    )
}
