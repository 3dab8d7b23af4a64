//! Rendering of facet counts (`newsdex search --facets`) and of `newsdex who-where` for a
//! terminal; their JSON is the serialisation of the library types (`docs/json.md`).

use std::io::{self, Write};

use crate::search::facets::{Characteristic, FacetCount, FacetCounts, WhoWhere};

/// The facet counts under the results: one block each for places, entities and sources.
pub fn print_facets(out: &mut impl Write, counts: &FacetCounts) -> io::Result<()> {
    writeln!(
        out,
        "\nFacets over {} matching passages in {} articles",
        counts.passages, counts.articles
    )?;
    let block = |out: &mut dyn Write, title: &str, rows: &[FacetCount]| -> io::Result<()> {
        writeln!(out, "  {title}:")?;
        if rows.is_empty() {
            writeln!(out, "    (none)")?;
        }
        for row in rows {
            let shown = if row.facet.is_empty() {
                row.name.as_str()
            } else {
                row.facet.as_str()
            };
            writeln!(out, "    {:>6}  {shown}", row.count)?;
        }
        Ok(())
    };
    block(out, "places", &counts.places)?;
    block(out, "entities", &counts.entities)?;
    block(out, "sources", &counts.sources)
}

/// The characteristic people, organisations/groups and places of a query.
pub fn print_who_where(out: &mut impl Write, answer: &WhoWhere) -> io::Result<()> {
    writeln!(
        out,
        "{} of {} passages match '{}'",
        answer.passages, answer.total, answer.query
    )?;
    let block = |out: &mut dyn Write, title: &str, rows: &[Characteristic]| -> io::Result<()> {
        writeln!(out, "\n{title}  (score, matching passages / all passages)")?;
        if rows.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for row in rows {
            writeln!(
                out,
                "  {:>8.3}  {:>5} / {:<6} {}",
                row.score, row.foreground, row.background, row.facet
            )?;
        }
        Ok(())
    };
    block(out, "Who (people)", &answer.people)?;
    block(out, "Who (organisations and groups)", &answer.groups)?;
    block(out, "Where", &answer.places)
}
