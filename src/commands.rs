//! Running each subcommand: turn validated flags into library calls and print the outcome.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::{
    Cli, Color, Command, EvalArgs, EvalRank, IndexArgs, Rank, SearchArgs, TopicsArgs,
};
use newsdex::eval;
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, index_folder};
use newsdex::ingest::Limits;
use newsdex::ingest::fields::FieldMap;
use newsdex::output::{human, json};
use newsdex::search::{self, Filters, RankMode, SearchRequest, TopicSet, query::parse_date_bound};

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
        Command::Topics(args) => topics(args),
        Command::Eval(args) => evaluate(args),
        Command::Bench(args) => bench(args),
    }
}

fn index(args: IndexArgs) -> Result<Outcome> {
    let options = IndexOptions {
        limits: Limits {
            max_file_bytes: args.max_file_size * 1024 * 1024,
            fields: FieldMap::parse(&args.map)?,
        },
        memory_budget: (args.memory * 1024 * 1024) as usize,
        progress: !args.quiet && !args.json,
        rebuild: args.rebuild,
        batch_bytes: args.batch_size * 1024 * 1024,
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
    if args.strict && !report.skipped.is_empty() {
        anyhow::bail!(
            "{} files skipped and --strict is set (the other files were indexed)",
            report.skipped.len()
        );
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
    request.topic = args.topic;
    request.topics = topic_set(&args.topics)?;
    request.per_article = args.per_article as usize;
    request.explain = args.explain;
    request.strict = args.strict;
    request.keep_duplicates = args.keep_duplicates;
    request.prefer_date = args
        .prefer_date
        .as_deref()
        .map(|d| parse_date_bound(d, false))
        .transpose()?;
    request.rank = match args.rank {
        Rank::Full => RankMode::Full,
        Rank::Bm25 => RankMode::Bm25,
    };
    let index = NewsIndex::open(&args.location.index)?;
    let results = search::search(&index, &request)?;
    for warning in &results.warnings {
        writeln!(anstream::stderr(), "warning: {warning}")?;
    }
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

/// The built-in topics plus those of the user's files.
fn topic_set(files: &[std::path::PathBuf]) -> Result<TopicSet> {
    let mut set = TopicSet::builtin().clone();
    for file in files {
        set.add_file(file)?;
    }
    Ok(set)
}

fn topics(args: TopicsArgs) -> Result<Outcome> {
    let set = topic_set(&args.topics)?;
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", json::topics_json(set.topics()))?;
    } else {
        human::print_topics(&mut out, set.topics())?;
    }
    Ok(Outcome::Found)
}

fn evaluate(args: EvalArgs) -> Result<Outcome> {
    let read = |path: &std::path::Path| {
        std::fs::read_to_string(path).with_context(|| format!("reading '{}'", path.display()))
    };
    let queries = eval::parse_queries(&read(&args.queries)?)
        .with_context(|| format!("in '{}'", args.queries.display()))?;
    let qrels = eval::parse_qrels(&read(&args.qrels)?)
        .with_context(|| format!("in '{}'", args.qrels.display()))?;
    let index = NewsIndex::open(&args.location.index)?;
    let mut template = SearchRequest::new("");
    template.topics = topic_set(&args.topics)?;
    let modes: &[RankMode] = match args.rank {
        EvalRank::Full => &[RankMode::Full],
        EvalRank::Bm25 => &[RankMode::Bm25],
        EvalRank::Both => &[RankMode::Bm25, RankMode::Full],
    };
    let reports = modes
        .iter()
        .map(|&mode| eval::evaluate(&index, &queries, &qrels, mode, &template))
        .collect::<newsdex::error::Result<Vec<_>>>()?;
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        write!(out, "{}", eval::table(&reports))?;
    }
    Ok(Outcome::Found)
}

/// A closed pipe (`newsdex search ... | head`) is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn bench(args: crate::cli::BenchArgs) -> Result<Outcome> {
    use newsdex::bench::{self, QueryBenchOptions, report};
    let index_options = IndexOptions {
        memory_budget: (args.memory * 1024 * 1024) as usize,
        ..IndexOptions::default()
    };
    let query_options = QueryBenchOptions {
        warmup: args.warmup as usize,
        repetitions: args.repetitions as usize,
        limit: args.limit as usize,
        threads: args
            .threads
            .map_or_else(bench::system::available_threads, |n| n as usize),
        executable: std::env::current_exe().ok(),
        process_runs: args.process_runs as usize,
    };
    let text = if let Some(dir) = &args.index_only {
        let r = bench::indexing::run_index_only(dir, None, &index_options)
            .with_context(|| format!("indexing '{}'", dir.display()))?;
        if args.json {
            report::json("indexing", &r)
        } else {
            report::indexing_markdown(&r)
        }
    } else if let Some(corpus) = &args.corpus {
        let sizes: Vec<usize> = args.scale.iter().map(|&n| n as usize).collect();
        let temp;
        let work_dir = match &args.work_dir {
            Some(dir) => dir.as_path(),
            None => {
                temp = bench::system::TempDir::new("newsdex-bench-scale")?;
                temp.path()
            }
        };
        let r = bench::scale::run_scale(
            corpus,
            &sizes,
            work_dir,
            args.keep,
            &index_options,
            &query_options,
        )?;
        if args.json {
            report::json("scale", &r)
        } else {
            report::scale_markdown(&r)
        }
    } else {
        let queries = match &args.queries {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading '{}'", path.display()))?;
                bench::queries::parse_file(&text)
                    .with_context(|| format!("in '{}'", path.display()))?
            }
            None => bench::queries::builtin(),
        };
        let r = bench::run_queries(&args.location.index, &queries, &query_options)?;
        if args.json {
            report::json("queries", &r)
        } else {
            report::queries_markdown(&r)
        }
    };
    let mut out = anstream::stdout();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(Outcome::Found)
}
