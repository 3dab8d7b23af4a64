//! Running each subcommand: turn validated flags into library calls and print the outcome.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::{Cli, Color, Command, IndexArgs, SearchArgs};
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, index_folder};
use newsdex::ingest::Limits;
use newsdex::output::{human, json};
use newsdex::search::{self, Filters, SearchRequest, query::parse_date_bound};

/// How a command ended, for the exit code.
pub enum Outcome {
    Found,
    NothingFound,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let choice = match cli.color {
        Color::Auto => anstream::ColorChoice::Auto,
        Color::Always => anstream::ColorChoice::Always,
        Color::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    match cli.command {
        Command::Index(args) => index(args),
        Command::Search(args) => search(args),
    }
}

fn index(args: IndexArgs) -> Result<Outcome> {
    let options = IndexOptions {
        limits: Limits {
            max_file_bytes: args.max_file_size * 1024 * 1024,
        },
        memory_budget: (args.memory * 1024 * 1024) as usize,
        progress: !args.quiet && !args.json,
    };
    let index_path = &args.location.index;
    let report = index_folder(&args.dir, index_path, &options)
        .with_context(|| format!("indexing '{}'", args.dir.display()))?;
    let shown = index_path.display().to_string();
    if args.json {
        let mut out = anstream::stdout();
        writeln!(out, "{}", json::index_json(&report, &shown))?;
    } else if !args.quiet {
        let mut out = anstream::stderr();
        human::print_index_report(&mut out, &report, &shown)?;
    }
    Ok(Outcome::Found)
}

fn search(args: SearchArgs) -> Result<Outcome> {
    let filters = Filters {
        places: args.place,
        entities: args.entity,
        sources: args.source,
        since: args
            .since
            .as_deref()
            .map(|d| parse_date_bound(d, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|d| parse_date_bound(d, true))
            .transpose()?,
    };
    let mut request = SearchRequest::new(args.query.join(" "));
    request.limit = args.limit as usize;
    request.filters = filters;
    let index = NewsIndex::open(&args.location.index)?;
    let results = search::search(&index, &request)?;
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", json::search_json(&results))?;
    } else if results.hits.is_empty() {
        writeln!(anstream::stderr(), "no passage matches '{}'", results.query)?;
    } else {
        human::print_results(&mut out, &results)?;
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// A closed pipe (`newsdex search ... | head`) is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
