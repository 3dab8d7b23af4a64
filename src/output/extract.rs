//! Rendering of `newsdex extract`: what the analysis stage makes of an article (its parsed
//! fields, its passages and every entity and place mention), for people and as JSON
//! (`docs/json.md`). The articles come from [`crate::analyze::analyze`], the function indexing
//! uses, so what is shown is what the index holds.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::model::AnalyzedArticle;

/// One JSON document: `{"articles": [...]}` with, per article, its fields and passages, and
/// per passage its mentions with kind, canonical name, facet, byte offsets into the passage
/// text and the text as written.
pub fn extract_json(articles: &[AnalyzedArticle]) -> String {
    let articles: Vec<Value> = articles
        .iter()
        .map(|analyzed| {
            let a = &analyzed.article;
            let passages: Vec<Value> = analyzed
                .passages
                .iter()
                .map(|p| {
                    let mentions: Vec<Value> = p
                        .mentions
                        .iter()
                        .map(|m| {
                            json!({
                                "kind": m.kind.as_str(),
                                "name": m.name,
                                "facet": m.facet,
                                "start": m.start,
                                "end": m.end,
                                "text": p.passage.text.get(m.start..m.end).unwrap_or_default(),
                            })
                        })
                        .collect();
                    json!({
                        "position": p.passage.position,
                        "text": p.passage.text,
                        "mentions": mentions,
                    })
                })
                .collect();
            json!({
                "id": a.id,
                "path": a.path,
                "record": a.record,
                "title": a.title,
                "standfirst": a.standfirst,
                "author": a.author,
                "date": a.date.map(|d| d.to_rfc3339()),
                "source": a.source,
                "url": a.url,
                "passages": passages,
            })
        })
        .collect();
    json!({ "articles": articles }).to_string()
}

/// The same for a terminal: each passage, then one line per mention.
pub fn print_extract(out: &mut impl Write, articles: &[AnalyzedArticle]) -> io::Result<()> {
    for analyzed in articles {
        let a = &analyzed.article;
        writeln!(out, "# {}", a.title)?;
        let date = a.date.map(|d| d.format("%Y-%m-%d").to_string());
        let meta: Vec<&str> = [a.source.as_deref(), a.author.as_deref(), date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !meta.is_empty() {
            writeln!(out, "{}", meta.join(" | "))?;
        }
        for p in &analyzed.passages {
            writeln!(out, "\n[{}] {}", p.passage.position, p.passage.text)?;
            for m in &p.mentions {
                let written = p.passage.text.get(m.start..m.end).unwrap_or_default();
                writeln!(
                    out,
                    "    {:<6} {:<28} {}..{}  {}",
                    m.kind.as_str(),
                    written,
                    m.start,
                    m.end,
                    m.facet
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
