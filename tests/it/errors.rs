//! Bad queries and bad usage: a clear message and exit code 2, never a panic.

use crate::common::{newsdex, sample_index};
use predicates::prelude::*;

fn search_fails(query: &str, message: &str) {
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .arg(query)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn malformed_queries_are_an_error_under_strict() {
    for query in ["\"unclosed phrase", "title:", "nosuchfield:iran"] {
        newsdex()
            .args(["search", "--strict", "--index"])
            .arg(sample_index())
            .arg(query)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot parse query"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn malformed_queries_fall_back_to_their_words_with_a_warning() {
    // Words left: searched, found.
    for query in ["\"unclosed kirkuk", "nosuchfield:iran", "(kirkuk rockets"] {
        newsdex()
            .args(["search", "--index"])
            .arg(sample_index())
            .arg(query)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("warning: cannot parse query"))
            .stderr(predicate::str::contains("searching for its words"));
    }
    // No words left: nothing found, still not an error.
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .arg("title:")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning: cannot parse query"));
}

#[test]
fn oversized_and_deeply_nested_queries_are_refused() {
    search_fails(&"strike ".repeat(400), "query too long");
    search_fails(
        &format!("{}iran{}", "(".repeat(100), ")".repeat(100)),
        "parentheses deep",
    );
}

#[test]
fn long_but_reasonable_queries_are_answered() {
    let question = "which passages describe US strikes on Iran-backed militias in Iraq and Syria and where did they happen and who was killed ".repeat(3);
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .arg(question)
        .assert()
        .code(0);
    let nested = format!("{}iran OR iraq{}", "(".repeat(20), ")".repeat(20));
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .arg(nested)
        .assert()
        .code(0);
}

#[test]
fn bad_dates_are_usage_errors() {
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .args(["--since", "29/12/2019", "iran"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn a_missing_index_says_how_to_build_one() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    newsdex()
        .current_dir(dir.path())
        .args(["search", "iran"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("newsdex index DIR"));
}

#[test]
fn zero_limit_is_refused_by_the_parser() {
    newsdex()
        .args(["search", "-n", "0", "--index"])
        .arg(sample_index())
        .arg("iran")
        .assert()
        .code(2);
}

#[test]
fn help_documents_exit_codes_and_the_index_location() {
    newsdex()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes"))
        .stdout(predicate::str::contains("NEWSDEX_INDEX"));
    newsdex()
        .args(["search", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--place").and(predicate::str::contains("--since")));
}

#[test]
fn a_search_for_nothing_is_refused_but_star_lists_everything() {
    newsdex()
        .args(["search", "--index"])
        .arg(sample_index())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to search for"));
    newsdex()
        .args(["search", "-n", "1", "--index"])
        .arg(sample_index())
        .arg("*")
        .assert()
        .code(0);
}
