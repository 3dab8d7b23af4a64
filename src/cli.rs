//! The command line: clap definitions. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Exit codes:
  0  success (search: at least one passage found)
  1  search: nothing found
  2  error (bad arguments, bad query, missing or unreadable index)

The index lives in .newsdex in the current directory unless --index or NEWSDEX_INDEX says otherwise.";

/// Search engine for news archives: index a folder of articles, then search ranked passages
/// with their entities and places.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: auto (only on a terminal, and not when NO_COLOR is set), always
    /// or never.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a folder of news articles (.txt .md .json .jsonl .ndjson .html .csv .tsv .rss
    /// .atom .xml feeds .warc, and the same .gz).
    ///
    /// Walks DIR recursively (hidden files and paths in .newsdexignore files are left out),
    /// splits each article into passages, extracts people, organisations, armed groups and
    /// places, and writes the index. A later run on the same index re-reads only the files
    /// that are new or changed and removes those that are gone (--rebuild starts afresh), or
    /// every file when the index was made by a newsdex with other built-in places, names or
    /// rules. Work is committed in batches: a run that is killed leaves the index as of its last
    /// commit, and the next run completes it.
    Index(IndexArgs),
    /// Search the index and print ranked passages.
    ///
    /// QUERY uses tantivy's query syntax: words (any may match), "exact phrases",
    /// +required and -excluded words, AND/OR/NOT, field:value (title, text, author, source),
    /// date:[2019-12-01T00:00:00Z TO 2020-01-31T00:00:00Z], topic:NAME. Plain questions work
    /// too ("why did the us strike kataib hezbollah"). Apostrophes inside words are
    /// ignored: Kata'ib, Kata’ib and Kataib are the same word. A query that cannot be parsed
    /// is searched as its words, with a warning (--strict: an error). Results are grouped by
    /// article; near-duplicate stories appear once.
    Search(SearchArgs),
    /// List the topics --topic can name (built-in, and those of --topics files).
    ///
    /// Each with its title, how many terms, phrases, entities and places it weighs, and its
    /// focus: the entities and places its story is about, outside which a passage gets a
    /// fifth of the topic's score. The file format is in data/topics/README.md.
    Topics(TopicsArgs),
    /// Measure the ranking on judged queries: nDCG@10, MRR and P@5 per query, per class and
    /// in all, as a Markdown table (see data/eval/sample/README.md for the file formats).
    Eval(EvalArgs),
    /// Measure speed: query latency on an index (default), indexing (--index-only DIR), or
    /// both on archives of growing size built from a collection (--scale N,N --corpus FILE).
    ///
    /// Queries run after a warm-up pass, each --repetitions times; latency is reported per
    /// query class (p50, p95, p99, max, with and without snippets), with queries per second
    /// on one thread and on all, and the time of a one-off `newsdex search` process.
    Bench(BenchArgs),
    /// Show what indexing makes of a file (or - for standard input, read as plain text): its
    /// parsed fields, its passages and every person, organisation, armed group and place
    /// mentioned, with canonical name, facet and byte offsets into the passage text. Uses the
    /// same code as `index`.
    Extract(ExtractArgs),
    /// Measure entity and place extraction on a hand-annotated gold set: precision, recall
    /// and F1 by type (format: tests/gold/README.md).
    EvalNer(EvalNerArgs),
    /// Which people, organisations, groups and places are most characteristic of the
    /// passages matching QUERY, compared with the whole archive (significant-terms score).
    WhoWhere(WhoWhereArgs),
}

/// Where the index is.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder (created by `index` if it does not exist).
    #[arg(
        long,
        value_name = "PATH",
        env = "NEWSDEX_INDEX",
        default_value = ".newsdex"
    )]
    pub index: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of articles to index.
    pub dir: PathBuf,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Print the summary as one JSON document (see docs/json.md).
    #[arg(long)]
    pub json: bool,

    /// Start from an empty index instead of re-reading only the files that changed.
    #[arg(long)]
    pub rebuild: bool,

    /// Exit with code 2 when any file was skipped (the others are still indexed).
    #[arg(long)]
    pub strict: bool,

    /// Commit after about this many MiB of files: the most work a killed run can lose.
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub batch_size: u64,

    /// Skip files larger than this many MiB, compressed or once decompressed.
    #[arg(long, value_name = "MIB", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub max_file_size: u64,

    /// Read a field from another JSON key or CSV column: FIELD=KEY, comma-separated or
    /// repeated (--map title=hed,body=story). Fields: title, body, date, author, source, url,
    /// standfirst, id. The named key is tried before the built-in names (title, headline ...).
    #[arg(long, value_name = "FIELD=KEY")]
    pub map: Vec<String>,

    /// Memory for the index writer in MiB (at least 15 per indexing thread).
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(32..=16384))]
    pub memory: u64,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several words may be given without quotes. Empty or `*` with filters lists
    /// the matching passages.
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Number of articles to show (each with up to --per-article passages).
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub limit: u64,

    /// Print results as one JSON document (see docs/json.md).
    #[arg(long)]
    pub json: bool,

    /// Only passages that name this place or a place inside it (`Iraq` includes Al-Qaim),
    /// and the passages of articles that name it in at least one passage in 16; repeat for
    /// any of several.
    #[arg(long, value_name = "PLACE")]
    pub place: Vec<String>,

    /// Only passages that name this person, organisation or group (any alias: KH, PMF), and
    /// the passages of articles that name it in at least one passage in 16; repeat for any
    /// of several.
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,

    /// Only articles from this source (whole name, any case); repeat for any of several.
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,

    /// Only articles published on or after this date (YYYY-MM-DD, UTC, or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles published on or before this date (YYYY-MM-DD includes the whole day).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Rank by a topic too (see `newsdex topics`); with no QUERY, list the topic's passages.
    #[arg(long, value_name = "NAME")]
    pub topic: Option<String>,

    /// Add the topics of a TOML file (format: data/topics/README.md); repeatable.
    #[arg(long, value_name = "FILE")]
    pub topics: Vec<PathBuf>,

    /// Passages shown per article, best first.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub per_article: u64,

    /// Show, for each hit, what made its score.
    #[arg(long)]
    pub explain: bool,

    /// Show near-duplicate stories (syndicated copies) as hits of their own instead of once.
    #[arg(long)]
    pub keep_duplicates: bool,

    /// Fail (exit 2) on a query tantivy cannot parse instead of searching for its words.
    #[arg(long)]
    pub strict: bool,

    /// Prefer articles published near this date (YYYY-MM-DD or RFC 3339); a preference, not
    /// a filter.
    #[arg(long, value_name = "DATE")]
    pub prefer_date: Option<String>,

    /// Ranking: full (passages, phrases, proximity, entities, topics) or bm25 (plain BM25
    /// over whole articles, the baseline).
    #[arg(long, value_enum, default_value_t = Rank::Full)]
    pub rank: Rank,

    /// Also count the top places, entities and sources among all matching passages.
    #[arg(long)]
    pub facets: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Rank {
    Full,
    Bm25,
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Add the topics of a TOML file; repeatable.
    #[arg(long, value_name = "FILE")]
    pub topics: Vec<PathBuf>,

    /// Print the topics as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Judged queries: id<TAB>class<TAB>query lines.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,

    /// Judgements, TREC style: query-id [iteration] doc-id grade.
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Which rankings to measure; both puts them side by side.
    #[arg(long, value_enum, default_value_t = EvalRank::Both)]
    pub rank: EvalRank,

    /// Add the topics of a TOML file; repeatable.
    #[arg(long, value_name = "FILE")]
    pub topics: Vec<PathBuf>,

    /// Print the reports as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalRank {
    Full,
    Bm25,
    Both,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub location: IndexLocation,

    /// Queries to run, one a line, optionally `CLASS<TAB>QUERY` (keyword, phrase, boolean,
    /// filtered, topic, question); default: the built-in set, three or four of each class.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,

    /// Timed passes over the query set.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub repetitions: u64,

    /// Untimed passes over the query set first (at least one always runs).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    pub warmup: u64,

    /// Articles asked for per query.
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub limit: u64,

    /// Threads for the all-threads throughput pass (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1_024))]
    pub threads: Option<u64>,

    /// One-off `newsdex search` processes to time (0: skip).
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=1_000))]
    pub process_runs: u64,

    /// Measure indexing of this folder instead (into a temporary index).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["queries", "scale"])]
    pub index_only: Option<PathBuf>,

    /// Build archives of these sizes (articles, comma-separated) from --corpus, index each and
    /// run the built-in queries on it.
    #[arg(long, value_name = "N,N", value_delimiter = ',', requires = "corpus", value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub scale: Vec<u64>,

    /// The JSON Lines collection (.jsonl or .jsonl.gz) --scale builds its archives from.
    #[arg(long, value_name = "FILE", requires = "scale")]
    pub corpus: Option<PathBuf>,

    /// Folder for the --scale archives and indexes (default: a temporary folder).
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<PathBuf>,

    /// Keep the --scale archives and indexes (needs --work-dir).
    #[arg(long, requires = "work_dir")]
    pub keep: bool,

    /// Memory for the index writer in MiB, as for `index`.
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u64).range(32..=16384))]
    pub memory: u64,

    /// Print the figures as one JSON document (see docs/json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article file (any format `index` reads), or - for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The archive folder FILE would be indexed from: its path and article ids are then
    /// those `newsdex index DIR` gives it (ids hash the path relative to the folder). By
    /// default the path is the file's name alone, as if its own folder were indexed.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Print one JSON document (see docs/json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// Gold set folder: texts/ID.txt and annotations/ID.tsv.
    #[arg(long, value_name = "DIR", default_value = "tests/gold")]
    pub gold: PathBuf,

    /// Also list every missed and spurious mention.
    #[arg(long)]
    pub errors: bool,

    /// Instead, measure what extraction adds to indexing: index DIR without it, with it but
    /// no facets written, and with both (--rounds times each, in one process, each round
    /// starting with the next mode, after one warm-up run that is not counted) into temporary
    /// folders and compare the medians of wall-clock and CPU time.
    #[arg(long, value_name = "DIR")]
    pub speed: Option<PathBuf>,

    /// Rounds of runs (without extraction, with it but no facets, with both) for --speed.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub rounds: usize,

    /// Print the report as JSON (with --speed too: every run, the medians per mode and the
    /// percentages; see docs/json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct WhoWhereArgs {
    /// The query (as for `search`); several words may be given without quotes.
    #[arg(value_name = "QUERY", num_args = 1..)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub location: IndexLocation,

    /// Names to show per list.
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub limit: u64,

    /// Only passages that name this place (or a place inside it), and those of articles that
    /// name it in at least one passage in 16; repeatable.
    #[arg(long, value_name = "PLACE")]
    pub place: Vec<String>,

    /// Only passages that name this entity (any alias), and those of articles that name it in
    /// at least one passage in 16; repeatable.
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,

    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
}
