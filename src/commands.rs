//! Running each subcommand: turn validated flags into library calls and print the outcome.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::{
    Cli, Color, Command, EvalArgs, EvalNerArgs, EvalRank, ExtractArgs, IndexArgs, Rank, SearchArgs,
    TopicsArgs, WhoWhereArgs,
};
use newsdex::eval;
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, index_folder};
use newsdex::ingest::Limits;
use newsdex::ingest::fields::FieldMap;
use newsdex::output::{extract as output_extract, facets as output_facets};
use newsdex::output::{human, json};
use newsdex::search::facets;
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
        Command::Extract(args) => extract(args),
        Command::EvalNer(args) => eval_ner(args),
        Command::WhoWhere(args) => who_where(args),
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
    let query = args.query.join(" ");
    if query.trim().is_empty() && args.topic.is_none() && filters.is_empty() {
        anyhow::bail!(
            "nothing to search for: give a QUERY, a --topic, or a filter such as --place (use '*' to list every passage)"
        );
    }
    let mut request = SearchRequest::new(query);
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
    let facets = if args.facets {
        let (query, _) = facets::matching_query(&index, &request.query, &request.filters)?;
        Some(facets::facet_counts(&index, &*query, 10)?)
    } else {
        None
    };
    let mut out = anstream::stdout();
    if args.json {
        let mut doc: serde_json::Value = serde_json::from_str(&json::search_json(&results))?;
        if let (Some(counts), Some(object)) = (&facets, doc.as_object_mut()) {
            object.insert("facets".into(), serde_json::to_value(counts)?);
        }
        writeln!(out, "{doc}")?;
    } else if results.hits.is_empty() {
        writeln!(anstream::stderr(), "no passage matches '{}'", results.query)?;
    } else {
        human::print_results(&mut out, &results)?;
        if let Some(counts) = &facets {
            output_facets::print_facets(&mut out, counts)?;
        }
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
    let reports = eval::evaluate(&index, &queries, &qrels, modes, &template)?;
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        write!(out, "{}", eval::table(&reports))?;
    }
    Ok(Outcome::Found)
}

fn extract(args: ExtractArgs) -> Result<Outcome> {
    use newsdex::ingest::{Format, Limits, SourceFile, parse_file, text::parse_text};
    let articles = if args.file.as_os_str() == "-" {
        let mut input = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut input)
            .context("reading standard input")?;
        parse_text(&input, "stdin").into_iter().collect::<Vec<_>>()
    } else {
        let path = &args.file;
        let (format, gzip) = Format::detect(path).with_context(|| {
            format!(
                "'{}': unknown extension (use .txt .md .json .jsonl .html .csv .tsv .rss .atom .xml .warc, optionally .gz, or - for standard input)",
                path.display()
            )
        })?;
        let meta =
            std::fs::metadata(path).with_context(|| format!("reading '{}'", path.display()))?;
        let rel = match &args.root {
            Some(root) => newsdex::ingest::path_under(root, path).with_context(|| {
                format!(
                    "'{}' is not inside --root '{}'",
                    path.display(),
                    root.display()
                )
            })?,
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let file = SourceFile {
            path: path.clone(),
            rel,
            format,
            gzip,
            size: meta.len(),
            modified: meta.modified().ok(),
        };
        let parsed = parse_file(&file, &Limits::default())
            .map_err(|reason| anyhow::anyhow!("'{}' not read: {reason:?}", path.display()))?;
        for warning in &parsed.warnings {
            writeln!(anstream::stderr(), "warning: {warning}")?;
        }
        parsed.articles
    };
    if articles.is_empty() {
        anyhow::bail!("no article found in '{}'", args.file.display());
    }
    let analyzed: Vec<_> = articles
        .into_iter()
        .map(newsdex::analyze::analyze)
        .collect();
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", output_extract::extract_json(&analyzed))?;
    } else {
        output_extract::print_extract(&mut out, &analyzed)?;
    }
    Ok(Outcome::Found)
}

fn eval_ner(args: EvalNerArgs) -> Result<Outcome> {
    use newsdex::analyze::evaluation::{evaluate, load_gold};
    if let Some(dir) = &args.speed {
        return extraction_speed(dir, args.rounds, args.json);
    }
    let gold = load_gold(&args.gold)?;
    let report = evaluate(newsdex::analyze::entities::Extractor::builtin(), &gold);
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write!(out, "{}", report.table())?;
        if args.errors {
            for e in &report.errors {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    e.text_id,
                    e.what,
                    e.kind.as_str(),
                    e.start,
                    e.surface
                )?;
            }
        }
    }
    Ok(Outcome::Found)
}

/// What `eval-ner --speed` measured: the JSON form of its report (`--json`).
#[derive(serde::Serialize)]
struct SpeedReport {
    places: usize,
    entities: usize,
    /// Seconds to parse the gazetteer and to build the extractor, before the runs (they
    /// are not part of any run's time).
    gazetteer_s: f64,
    automaton_s: f64,
    articles: u64,
    passages: u64,
    rounds: usize,
    /// Every run, in the order made.
    runs: Vec<SpeedRun>,
    /// Medians per mode, in the order `off`, `no_facets`, `on`.
    medians: Vec<SpeedRun>,
    /// What extraction adds (`on` against `off`), in percent.
    adds_wall_pct: f64,
    adds_cpu_pct: f64,
    /// What finding the mentions alone adds (`no_facets` against `off`); writing them as
    /// facets is the rest.
    finding_adds_wall_pct: f64,
    finding_adds_cpu_pct: f64,
}

#[derive(serde::Serialize, Clone, Copy)]
struct SpeedRun {
    /// `off` (no extraction), `no_facets` (extraction, no facets written) or `on` (both).
    mode: &'static str,
    wall_s: f64,
    /// None where the platform does not report the process's CPU time.
    cpu_s: Option<f64>,
}

/// Index `dir` in three modes, `rounds` times each: without extraction, with it but no facets
/// written, and with both (what `index` does). Compare the medians of wall-clock time and of
/// the process's CPU time, which a machine shared with other work disturbs less.
///
/// A first run, not counted, pays for what only the first run of a process would (the
/// allocator's fresh pages, the first reads of the folder); and each round starts with
/// another mode (`off`, `no facets`, `on`, then `no facets`, `on`, `off` ...), so that no mode
/// always runs after the same one.
fn extraction_speed(dir: &std::path::Path, rounds: usize, as_json: bool) -> Result<Outcome> {
    use std::time::Instant;
    let started = Instant::now();
    let gazetteer = newsdex::analyze::gazetteer::Gazetteer::builtin();
    let gazetteer_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    newsdex::analyze::entities::Extractor::builtin();
    let automaton_s = started.elapsed().as_secs_f64();
    let mut out = anstream::stdout();
    if !as_json {
        writeln!(
            out,
            "gazetteer: {} places, {} entities, parsed in {:.3} s; automaton built in {:.3} s",
            gazetteer.places().len(),
            gazetteer.entities().len(),
            gazetteer_s,
            automaton_s
        )?;
    }
    let options = IndexOptions {
        progress: false,
        ..IndexOptions::default()
    };
    // Label in text, name in JSON, extraction on, facets written.
    const MODES: [(&str, &str, bool, bool); 3] = [
        ("off", "off", false, false),
        ("no facets", "no_facets", true, false),
        ("on", "on", true, true),
    ];
    let rounds = rounds.max(1);
    let mut runs = Vec::new();
    let mut sizes = (0, 0);
    // The warm-up (in the mode `index` runs in), then each round's modes, rotated by one.
    let warm_up = std::iter::once(None);
    let order = (0..rounds)
        .flat_map(|round| (0..MODES.len()).map(move |m| Some(MODES[(round + m) % MODES.len()])));
    for (number, counted) in warm_up.chain(order).enumerate() {
        let (label, mode, extract, facets) = counted.unwrap_or(MODES[2]);
        newsdex::analyze::set_extraction(extract);
        newsdex::index::writer::set_facets(facets);
        let target =
            std::env::temp_dir().join(format!("newsdex-speed-{}-{number}", std::process::id()));
        let cpu = newsdex::bench::system::process_cpu_seconds();
        let started = Instant::now();
        let report = index_folder(dir, &target, &options);
        let seconds = started.elapsed().as_secs_f64();
        let cpu = cpu
            .zip(newsdex::bench::system::process_cpu_seconds())
            .map(|(before, after)| after - before);
        let _ = std::fs::remove_dir_all(&target);
        let report = report.with_context(|| format!("indexing '{}'", dir.display()))?;
        sizes = (report.articles, report.passages);
        let cpu_text = cpu.unwrap_or(f64::NAN);
        if counted.is_none() {
            if !as_json {
                writeln!(
                    out,
                    "warm-up run, not counted: {seconds:.2} s wall {cpu_text:.2} s CPU"
                )?;
            }
            continue;
        }
        if !as_json {
            writeln!(
                out,
                "run {number}: extraction {label:<9} {seconds:>8.2} s wall {cpu_text:>8.2} s CPU"
            )?;
        }
        runs.push(SpeedRun {
            mode,
            wall_s: seconds,
            cpu_s: cpu,
        });
    }
    newsdex::analyze::set_extraction(true);
    newsdex::index::writer::set_facets(true);
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let medians: Vec<SpeedRun> = MODES
        .iter()
        .map(|&(_, mode, _, _)| {
            let of_mode = || runs.iter().filter(move |r| r.mode == mode);
            let cpus: Option<Vec<f64>> = of_mode().map(|r| r.cpu_s).collect();
            SpeedRun {
                mode,
                wall_s: median(of_mode().map(|r| r.wall_s).collect()),
                cpu_s: cpus.map(median),
            }
        })
        .collect();
    let adds = |of: fn(&SpeedRun) -> f64, mode: usize| {
        (of(&medians[mode]) / of(&medians[0]) - 1.0) * 100.0
    };
    let wall = |r: &SpeedRun| r.wall_s;
    let cpu = |r: &SpeedRun| r.cpu_s.unwrap_or(f64::NAN);
    let report = SpeedReport {
        places: gazetteer.places().len(),
        entities: gazetteer.entities().len(),
        gazetteer_s,
        automaton_s,
        articles: sizes.0,
        passages: sizes.1,
        rounds,
        adds_wall_pct: adds(wall, 2),
        adds_cpu_pct: adds(cpu, 2),
        finding_adds_wall_pct: adds(wall, 1),
        finding_adds_cpu_pct: adds(cpu, 1),
        medians,
        runs,
    };
    if as_json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        return Ok(Outcome::Found);
    }
    let [off, finding, on] = [0, 1, 2].map(|mode| &report.medians[mode]);
    writeln!(
        out,
        "{} articles, {} passages; medians of {} runs each: without extraction {:.2} s wall, {:.2} s CPU; with {:.2} s wall, {:.2} s CPU: extraction adds {:.1}% wall time, {:.1}% CPU time",
        report.articles,
        report.passages,
        rounds,
        off.wall_s,
        cpu(off),
        on.wall_s,
        cpu(on),
        report.adds_wall_pct,
        report.adds_cpu_pct
    )?;
    writeln!(
        out,
        "of which finding the mentions (extraction without facets: {:.2} s wall, {:.2} s CPU) adds {:.1}% wall time, {:.1}% CPU time, and writing them as facets the rest",
        finding.wall_s,
        cpu(finding),
        report.finding_adds_wall_pct,
        report.finding_adds_cpu_pct
    )?;
    Ok(Outcome::Found)
}

fn who_where(args: WhoWhereArgs) -> Result<Outcome> {
    let filters = Filters {
        places: args.place,
        entities: args.entity,
        ..Filters::default()
    };
    let text = args.query.join(" ");
    let index = NewsIndex::open(&args.location.index)?;
    let (query, warnings) = facets::matching_query(&index, &text, &filters)?;
    for warning in &warnings {
        writeln!(anstream::stderr(), "warning: {warning}")?;
    }
    let mut answer = facets::who_where(&index, &text, &*query, args.limit as usize)?;
    answer.warnings = warnings;
    let mut out = anstream::stdout();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&answer)?)?;
    } else {
        output_facets::print_who_where(&mut out, &answer)?;
    }
    Ok(if answer.passages == 0 {
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
