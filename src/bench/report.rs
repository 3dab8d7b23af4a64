//! Benchmark reports as Markdown tables (what `newsdex bench` prints, ready for a README) and
//! as JSON documents (`--json`, described in docs/json.md).

use std::fmt::Write;

use serde::Serialize;

use super::indexing::IndexBenchReport;
use super::scale::ScaleReport;
use super::{Latency, QueryBenchReport};

/// Version of the `bench --json` documents; bumped only by a breaking change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a, T: Serialize> {
    version: u32,
    kind: &'a str,
    #[serde(flatten)]
    report: &'a T,
}

/// One JSON document: `{"version": 1, "kind": KIND, ...report}`.
pub fn json<T: Serialize>(kind: &str, report: &T) -> String {
    serde_json::to_string_pretty(&Document {
        version: JSON_VERSION,
        kind,
        report,
    })
    .unwrap_or_else(|err| format!("{{\"version\":{JSON_VERSION},\"error\":\"{err}\"}}"))
}

fn mib(bytes: Option<u64>) -> String {
    bytes.map_or_else(
        || "n/a".to_string(),
        |b| format!("{:.0} MiB", b as f64 / 1048576.0),
    )
}

fn latency_cells(l: &Latency) -> String {
    format!(
        "{:.3} | {:.3} | {:.3} | {:.3}",
        l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms
    )
}

/// The query benchmark as text: a summary line and a table per class.
pub fn queries_markdown(r: &QueryBenchReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "index: {} articles, {} passages, {:.1} MB on disk; {} queries × {} repetitions, top {}",
        r.articles.map_or_else(|| "?".into(), |n| n.to_string()),
        r.passages.map_or_else(|| "?".into(), |n| n.to_string()),
        r.index_bytes as f64 / 1e6,
        r.queries,
        r.repetitions,
        r.limit
    );
    let _ = writeln!(
        out,
        "\n| class | queries | p50 ms | p95 ms | p99 ms | max ms | p50 ms without snippets | snippets % |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for c in &r.classes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.3} | {:.1} |",
            c.class,
            c.queries,
            latency_cells(&c.with_snippets),
            c.without_snippets.p50_ms,
            c.snippet_share_percent
        );
    }
    let _ = writeln!(
        out,
        "\nthroughput: {:.0} queries/s on 1 thread, {:.0} queries/s on {} threads",
        r.one_thread.queries_per_second, r.all_threads.queries_per_second, r.all_threads.threads
    );
    if let Some(p) = &r.process {
        let _ = writeln!(
            out,
            "one-off `newsdex search {}`: median {:.1} ms, max {:.1} ms over {} processes",
            p.query, p.median_ms, p.max_ms, p.runs
        );
    }
    if !r.empty_queries.is_empty() {
        let _ = writeln!(out, "found nothing: {}", r.empty_queries.join(" · "));
    }
    out
}

/// The indexing benchmark as text.
pub fn indexing_markdown(r: &IndexBenchReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} files, {} articles, {} passages, {:.1} MB of text ({:.1} MB of files)",
        r.files,
        r.articles,
        r.passages,
        r.text_bytes as f64 / 1e6,
        r.input_bytes as f64 / 1e6
    );
    let _ = writeln!(out, "\n| measure | value |\n|---|---:|");
    let rows = [
        ("time", format!("{:.2} s", r.seconds)),
        ("text MB/s", format!("{:.1}", r.text_mb_per_second)),
        ("file MB/s", format!("{:.1}", r.input_mb_per_second)),
        ("articles/s", format!("{:.0}", r.articles_per_second)),
        ("peak memory", mib(r.peak_memory_bytes)),
        (
            "index size",
            format!(
                "{:.1} MB ({:.2}× the text)",
                r.index_bytes as f64 / 1e6,
                r.index_to_text_ratio
            ),
        ),
        ("threads", r.threads.to_string()),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "| {name} | {value} |");
    }
    let s = &r.stages;
    let _ = writeln!(
        out,
        "\n| stage (separate run) | wall s | cpu s | share of {} time |\n|---|---:|---:|---:|",
        if s.cpu_time { "CPU" } else { "wall" }
    );
    for (name, stage) in [
        ("parse", &s.parse),
        ("analyze", &s.analyze),
        ("tantivy writer", &s.writer),
    ] {
        let _ = writeln!(
            out,
            "| {name} | {:.2} | {} | {:.0}% |",
            stage.wall_seconds,
            stage
                .cpu_seconds
                .map_or_else(|| "n/a".into(), |c| format!("{c:.2}")),
            stage.share_percent
        );
    }
    out
}

/// The scale benchmark as text: one row per archive size, then latency per class and size.
pub fn scale_markdown(r: &ScaleReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "archives built from {} ({} articles)\n\n| articles | passages | text MB | index s | text MB/s | peak memory | index MB | index/text |\n|---:|---:|---:|---:|---:|---:|---:|---:|",
        r.corpus, r.corpus_articles
    );
    for p in &r.points {
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.1} | {:.1} | {} | {:.1} | {:.2} |",
            p.articles,
            p.passages,
            p.text_bytes as f64 / 1e6,
            p.index_seconds,
            p.text_mb_per_second,
            mib(p.peak_memory_bytes),
            p.index_bytes as f64 / 1e6,
            p.index_to_text_ratio
        );
    }
    let _ = writeln!(
        out,
        "\n| articles | class | p50 ms | p95 ms | p99 ms | max ms |\n|---:|---|---:|---:|---:|---:|"
    );
    for p in &r.points {
        for c in &p.queries.classes {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                p.articles,
                c.class,
                latency_cells(&c.with_snippets)
            );
        }
    }
    out
}
