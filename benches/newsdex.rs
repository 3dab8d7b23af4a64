//! Criterion benchmarks of the sample corpus: indexing throughput, and query latency for a
//! keyword query, a phrase, a filtered query and a natural-language question, snippets
//! included. Run with `cargo bench --bench newsdex`; the figures depend on the machine, so
//! compare them only within one run.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, index_folder};
use newsdex::search::{SearchRequest, search};

/// The allocator of the `newsdex` binary, so that the figures are those of what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sample_corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus"))
}

fn corpus_bytes() -> u64 {
    newsdex::ingest::discover(sample_corpus())
        .files
        .iter()
        .map(|f| f.size)
        .sum()
}

fn indexing(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus_bytes()));
    group.bench_function("sample-corpus", |b| {
        b.iter_with_setup(
            || tempfile::TempDir::new().expect("temp dir"),
            |dir| {
                index_folder(sample_corpus(), dir.path(), &IndexOptions::default()).expect("index")
            },
        )
    });
    group.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::TempDir::new().expect("temp dir");
    index_folder(sample_corpus(), dir.path(), &IndexOptions::default()).expect("index");
    let index = NewsIndex::open(dir.path()).expect("open");
    let mut group = c.benchmark_group("search");
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("keyword", "Kirkuk rockets", None),
        ("phrase", "\"Strait of Hormuz\"", None),
        ("filtered", "strikes", Some("Iraq")),
        (
            "question",
            "why did the us strike kata'ib hezbollah in iraq and syria",
            None,
        ),
    ];
    for (name, query, place) in cases {
        let mut request = SearchRequest::new(*query);
        if let Some(place) = place {
            request.filters.places.push(place.to_string());
        }
        group.bench_function(*name, |b| {
            b.iter(|| search(&index, &request).expect("search"))
        });
    }
    group.finish();
}

criterion_group!(benches, indexing, queries);
criterion_main!(benches);
