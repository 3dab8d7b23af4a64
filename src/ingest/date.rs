//! Reading the dates news sources write, normalised to UTC.
//!
//! A date we cannot read stays `None`: newsdex never invents a date (a wrong date is worse than
//! none, because `--since`/`--until` would silently include or drop the article).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Date-and-time layouts tried after RFC 3339 and RFC 2822, all taken as UTC.
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
];

/// Date-only layouts, taken as midnight UTC.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%A, %B %d, %Y",
    "%a, %b %d, %Y",
    "%A %d %B %Y",
    "%Y%m%d",
];

/// Words that may surround a date in a dateline and carry no date information.
const DATELINE_NOISE: &[&str] = &["published", "updated", "posted", "on", "date", "last"];

/// Parse a date as written by news sources: RFC 3339 / ISO 8601, RFC 2822, `2019-12-29`,
/// `December 29, 2019`, `29 Dec 2019 14:05 GMT`, with an optional `Published:` style prefix.
/// Times without a zone are taken as UTC.
pub fn parse_date(input: &str) -> Option<DateTime<Utc>> {
    let s = clean(input);
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(&s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(&s) {
        return Some(dt.with_timezone(&Utc));
    }
    // A trailing zone name that means UTC.
    let s = ["GMT", "UTC", "Z"]
        .iter()
        .find_map(|zone| s.strip_suffix(zone))
        .map(|rest| rest.trim().to_string())
        .unwrap_or(s);
    for format in DATETIME_FORMATS {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&s, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(&s, format) {
            return date
                .and_hms_opt(0, 0, 0)
                .map(|naive| Utc.from_utc_datetime(&naive));
        }
    }
    None
}

/// Strip dateline noise (`Published:`, `Updated on`), ordinal suffixes (`29th`) and extra
/// whitespace.
fn clean(input: &str) -> String {
    let mut words: Vec<&str> = input.split_whitespace().collect();
    while let Some(first) = words.first() {
        let bare = first.trim_end_matches(':').to_ascii_lowercase();
        if DATELINE_NOISE.contains(&bare.as_str()) {
            words.remove(0);
        } else {
            break;
        }
    }
    let words: Vec<String> = words.iter().map(|w| strip_ordinal(w)).collect();
    words.join(" ")
}

/// `29th` → `29`, `1st,` → `1,`; other words unchanged.
fn strip_ordinal(word: &str) -> String {
    let (core, comma) = match word.strip_suffix(',') {
        Some(core) => (core, ","),
        None => (word, ""),
    };
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(number) = core.strip_suffix(suffix)
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
        {
            return format!("{number}{comma}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymdhm(s: &str) -> String {
        parse_date(s)
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "none".into())
    }

    #[test]
    fn the_forms_news_uses() {
        assert_eq!(ymdhm("2019-12-29"), "2019-12-29 00:00");
        assert_eq!(ymdhm("2019-12-29T14:05:00+03:00"), "2019-12-29 11:05");
        assert_eq!(ymdhm("2020-01-03T01:00:00Z"), "2020-01-03 01:00");
        assert_eq!(ymdhm("Sun, 29 Dec 2019 20:30:00 +0000"), "2019-12-29 20:30");
        assert_eq!(ymdhm("December 29, 2019"), "2019-12-29 00:00");
        assert_eq!(ymdhm("29 December 2019"), "2019-12-29 00:00");
        assert_eq!(ymdhm("29 Dec 2019 14:05 GMT"), "2019-12-29 14:05");
        assert_eq!(ymdhm("Published: December 29th, 2019"), "2019-12-29 00:00");
        assert_eq!(ymdhm("2019-12-29 14:05:00"), "2019-12-29 14:05");
    }

    #[test]
    fn unknown_dates_stay_empty() {
        assert_eq!(ymdhm("yesterday"), "none");
        assert_eq!(ymdhm(""), "none");
        assert_eq!(ymdhm("By Layla Haddad"), "none");
        assert_eq!(ymdhm("2019-13-45"), "none");
    }
}
