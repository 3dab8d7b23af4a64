//! CSV and TSV news exports with a header row: each row is an article.
//!
//! A row becomes a JSON object of header → value and goes through the same key mapping as
//! JSON ([`article_from_json_with`]), so `headline`, `Body`, `published_at` columns are read
//! as they would be in a JSON export, and `--map` applies to both.
//!
//! The delimiter is the tab for `.tsv`; for `.csv` it is whichever of `,` `;` `\t` is most
//! frequent in the header line (spreadsheet programs in much of Europe write `;`). A row with
//! more or fewer fields than the header is almost always a line broken by an unquoted newline
//! or delimiter: it is skipped with a warning, like a broken JSON Lines line, and the other rows
//! are kept.

use serde_json::{Map, Value};

use super::fields::{FieldMap, article_from_json_with};
use crate::model::Article;

/// Warnings reported one by one before they are summed up in a single line.
const MAX_ROW_WARNINGS: usize = 3;

/// The delimiter of a `.csv` file, guessed from its header line.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .filter(|d| header.as_bytes().contains(d))
        .unwrap_or(b',')
}

/// Parse a delimited export. `Err` when there is no header row to name the columns.
pub fn parse_delimited(
    text: &str,
    delimiter: u8,
    map: &FieldMap,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| format!("no readable header row ({err})"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the header row names no columns".into());
    }
    let mut articles = Vec::new();
    let mut broken = 0usize;
    let mut warn = |warnings: &mut Vec<String>, message: String| {
        broken += 1;
        if broken <= MAX_ROW_WARNINGS {
            warnings.push(message);
        }
    };
    for (n, record) in reader.records().enumerate() {
        // Row 1 is the header; the first record is on row 2 (rows, not lines: a quoted field
        // may span lines).
        let row = n + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                warn(warnings, format!("row {row}: {err}, row skipped"));
                continue;
            }
        };
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            warn(
                warnings,
                format!(
                    "row {row}: {} fields where the header has {}, row skipped",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let object: Map<String, Value> = headers
            .iter()
            .zip(record.iter())
            .filter(|(header, value)| !header.is_empty() && !value.trim().is_empty())
            .map(|(header, value)| (header.clone(), Value::String(value.to_string())))
            .collect();
        if let Some(article) = article_from_json_with(&Value::Object(object), map) {
            articles.push(article);
        }
    }
    if broken > MAX_ROW_WARNINGS {
        warnings.push(format!(
            "{} more broken rows skipped",
            broken - MAX_ROW_WARNINGS
        ));
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str, delimiter: u8) -> (Vec<Article>, Vec<String>) {
        let mut warnings = Vec::new();
        let articles =
            parse_delimited(text, delimiter, &FieldMap::default(), &mut warnings).expect("parses");
        (articles, warnings)
    }

    #[test]
    fn rows_map_like_json_with_quoted_multiline_fields() {
        let csv = "Headline,Body,Published,Byline,Outlet,URL\n\
                   \"Strikes hit depots, officials say\",\"First paragraph.\n\nSecond, with a comma.\",2019-12-29T20:00:00Z,By Ana Ruiz,Levant Wire,https://example.org/1\n\
                   Second headline,Second body.,\"December 30, 2019\",,,\n";
        let (articles, warnings) = parse(csv, sniff_delimiter(csv));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].title, "Strikes hit depots, officials say");
        assert_eq!(
            articles[0].body,
            "First paragraph.\n\nSecond, with a comma."
        );
        assert_eq!(articles[0].author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(articles[0].source.as_deref(), Some("Levant Wire"));
        assert_eq!(articles[0].url.as_deref(), Some("https://example.org/1"));
        assert!(articles[0].date.is_some());
        assert_eq!(
            articles[1].date.map(|d| d.format("%Y-%m-%d").to_string()),
            Some("2019-12-30".into())
        );
        assert_eq!(articles[1].author, None);
    }

    #[test]
    fn delimiters_are_sniffed_and_broken_rows_reported() {
        assert_eq!(sniff_delimiter("title;body;date\nx;y;z"), b';');
        assert_eq!(sniff_delimiter("title\tbody\n"), b'\t');
        assert_eq!(sniff_delimiter("title\n"), b',');
        let tsv = "title\tbody\tdate\nGood row\tText here.\t2020-01-03\nbroken row only\nAnother\tMore text.\t\n";
        let (articles, warnings) = parse(tsv, b'\t');
        assert_eq!(articles.len(), 2);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("row 3"), "{warnings:?}");
    }

    #[test]
    fn a_user_mapping_picks_columns() {
        let csv = "hed,story,teaser\nThe headline,The story.,A teaser\n";
        let map = FieldMap::parse(&["title=hed,body=story"]).expect("map");
        let mut warnings = Vec::new();
        let articles = parse_delimited(csv, b',', &map, &mut warnings).expect("parses");
        assert_eq!(articles[0].title, "The headline");
        assert_eq!(articles[0].body, "The story.");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,300}", delimiter in prop::sample::select(vec![b',', b';', b'\t'])) {
            let mut warnings = Vec::new();
            let _ = parse_delimited(&text, delimiter, &FieldMap::default(), &mut warnings);
            let _ = sniff_delimiter(&text);
        }

        #[test]
        fn csv_shaped_text_never_panics(rows in prop::collection::vec(prop::collection::vec("[a-z \",\n]{0,12}", 0..5), 0..8)) {
            let text = rows.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n");
            let text = format!("title,body,date\n{text}");
            let mut warnings = Vec::new();
            let articles = parse_delimited(&text, b',', &FieldMap::default(), &mut warnings);
            prop_assert!(articles.is_ok());
        }
    }
}
