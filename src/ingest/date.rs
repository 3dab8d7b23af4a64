//! Reading the dates news sources write, normalised to UTC.
//!
//! A date we cannot read stays `None`: newsdex never invents a date (a wrong date is worse than
//! none, because `--since`/`--until` would silently include or drop the article).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Date-and-time layouts tried after RFC 3339 and RFC 2822, in the zone given after them (or
/// UTC when none is).
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M:%S",
    "%d %b %Y %H:%M:%S",
    "%d %B %Y %I:%M %p",
    "%d %b %Y %I:%M %p",
    "%A, %B %d, %Y %I:%M %p",
    "%A, %d %B %Y %H:%M",
    "%a, %d %b %Y %H:%M",
    "%a, %d %b %Y %H:%M:%S",
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
    "%A, %d %B %Y",
    "%a, %d %b %Y",
    "%Y%m%d",
];

/// Words that may surround a date in a dateline and carry no date information.
const DATELINE_NOISE: &[&str] = &["published", "updated", "posted", "on", "date", "last"];

/// Zone names news pages write after a time, with their offset from UTC in hours. Only names
/// that mean one zone: `IST` or `AST` could be several, so a time followed by one of those
/// stays unread rather than being placed in the wrong zone.
const ZONE_NAMES: &[(&str, i32)] = &[
    ("GMT", 0),
    ("UTC", 0),
    ("Z", 0),
    ("EST", -5),
    ("EDT", -4),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
    ("CET", 1),
    ("CEST", 2),
    ("EET", 2),
    ("EEST", 3),
];

/// Parse a date as written by news sources: RFC 3339 / ISO 8601 (also with a `+0300` offset),
/// RFC 2822, `2019-12-29`, `December 29, 2019`, `Dec. 29, 2019, 2:05 p.m. EST`,
/// `29 Dec 2019 14:05 GMT`, with an optional `Published:` style prefix. A time with a zone
/// name or offset is converted to UTC; one without is taken as UTC.
pub fn parse_date(input: &str) -> Option<DateTime<Utc>> {
    let s = clean(input);
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(&s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(&s) {
        return Some(dt.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(&s, format) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    let (s, offset) = split_zone(&s)?;
    for format in DATETIME_FORMATS {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, format) {
            return offset
                .from_local_datetime(&naive)
                .single()
                .map(|dt| dt.with_timezone(&Utc));
        }
    }
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(s, format) {
            return date
                .and_hms_opt(0, 0, 0)
                .map(|naive| Utc.from_utc_datetime(&naive));
        }
    }
    None
}

/// Split a trailing zone (`GMT`, `EST`, `+03:00`, `+0300`) from a date; UTC when there is
/// none. `None` when the trailing word looks like a zone we cannot place (`IST`), because
/// reading the time as UTC would shift it by hours.
fn split_zone(s: &str) -> Option<(&str, FixedOffset)> {
    let utc = FixedOffset::east_opt(0)?;
    if let Some(rest) = s.strip_suffix('Z')
        && rest.ends_with(|c: char| c.is_ascii_digit())
    {
        return Some((rest, utc));
    }
    let Some((rest, last)) = s.rsplit_once(' ') else {
        return Some((s, utc));
    };
    if let Some((_, hours)) = ZONE_NAMES.iter().find(|(name, _)| *name == last) {
        return Some((
            rest.trim_end_matches(','),
            FixedOffset::east_opt(hours * 3600)?,
        ));
    }
    if let Some(offset) = numeric_offset(last) {
        return Some((rest.trim_end_matches(','), offset));
    }
    let looks_like_zone = (2..=5).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_uppercase())
        && !matches!(last, "AM" | "PM");
    // A year or a month name is not a zone; an all-capitals word after a time is.
    if looks_like_zone && rest.contains(':') {
        return None;
    }
    Some((s, utc))
}

/// `+03:00`, `+0300`, `-05`: an offset from UTC.
fn numeric_offset(word: &str) -> Option<FixedOffset> {
    let (sign, digits) = match word.as_bytes().first()? {
        b'+' => (1, &word[1..]),
        b'-' => (-1, &word[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), str::parse)
        .ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
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
    let words: Vec<String> = words
        .iter()
        .filter(|w| !w.eq_ignore_ascii_case("at"))
        .map(|w| normalise_word(&strip_ordinal(w)))
        .collect();
    words.join(" ")
}

/// `Dec.` → `Dec`, `Sept` → `Sep`, `p.m.` → `PM`, `2019,` → `2019` (a comma after the year
/// only separates it from the time).
fn normalise_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    match lower.trim_end_matches(',') {
        "a.m." | "am" => return "AM".into(),
        "p.m." | "pm" => return "PM".into(),
        "sept" | "sept." => return "Sep".into(),
        _ => {}
    }
    if let Some(core) = word.strip_suffix('.')
        && (3..=4).contains(&core.len())
        && core.chars().all(|c| c.is_ascii_alphabetic())
    {
        return core.to_string();
    }
    if let Some(core) = word.strip_suffix(',')
        && core.len() == 4
        && core.chars().all(|c| c.is_ascii_digit())
    {
        return core.to_string();
    }
    word.to_string()
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
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(input in ".{0,60}") {
            let _ = parse_date(&input);
        }

        #[test]
        fn dates_built_from_parts_read_back(y in 1990i32..2040, m in 1u32..=12, d in 1u32..=28, h in 0u32..24, min in 0u32..60) {
            let iso = format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00Z");
            let parsed = parse_date(&iso).map(|dt| dt.format("%Y-%m-%dT%H:%M:00Z").to_string());
            prop_assert_eq!(parsed, Some(iso));
        }
    }

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
    fn zones_and_newsroom_spellings_convert_to_utc() {
        assert_eq!(ymdhm("2019-12-29T14:05:00+0300"), "2019-12-29 11:05");
        assert_eq!(ymdhm("2019-12-29T14:05:00.000-05:00"), "2019-12-29 19:05");
        assert_eq!(ymdhm("2019-12-29T14:05Z"), "2019-12-29 14:05");
        assert_eq!(ymdhm("Dec. 29, 2019, 2:05 p.m. EST"), "2019-12-29 19:05");
        assert_eq!(ymdhm("December 29, 2019 at 9:15 AM"), "2019-12-29 09:15");
        assert_eq!(ymdhm("Sept. 15, 2019"), "2019-09-15 00:00");
        assert_eq!(ymdhm("29 Dec 2019 14:05 +03:00"), "2019-12-29 11:05");
        assert_eq!(
            ymdhm("Sunday, 29 December 2019 14:05 CET"),
            "2019-12-29 13:05"
        );
        assert_eq!(ymdhm("Sun, 29 Dec 2019 14:05"), "2019-12-29 14:05");
    }

    #[test]
    fn a_time_in_a_zone_we_cannot_place_stays_empty() {
        // IST is India, Israel or Ireland: a guess would move the time by hours.
        assert_eq!(ymdhm("29 Dec 2019 14:05 IST"), "none");
        assert_eq!(ymdhm("2019-12-29 25:00"), "none");
        assert_eq!(ymdhm(&"9".repeat(500)), "none");
    }

    #[test]
    fn unknown_dates_stay_empty() {
        assert_eq!(ymdhm("yesterday"), "none");
        assert_eq!(ymdhm(""), "none");
        assert_eq!(ymdhm("By Layla Haddad"), "none");
        assert_eq!(ymdhm("2019-13-45"), "none");
    }
}
