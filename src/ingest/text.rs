//! Plain text and Markdown articles.
//!
//! Three layouts are recognised, tried in this order:
//!
//! 1. **Front matter** (Markdown and text): a block between `---` lines of `key: value` pairs
//!    (`title`, `date`, `source`, `author`, `url`, `standfirst`, with the same spellings as
//!    JSON keys), then the body.
//! 2. **Header lines**: the file starts with `Title: ...`, `Date: ...`, `Source: ...` lines
//!    up to a blank line.
//! 3. **A pasted news page**: a title line, optionally a standfirst line, a `By NAME` byline,
//!    optionally a date line and a `Source:` line, then the body. The standfirst is only taken
//!    when a byline or date line follows it, so that a plain first paragraph is never
//!    mistaken for one.
//!
//! A file with none of these has its first short line as title, or its file name when the
//! first line is a whole paragraph.

use super::date::parse_date;
use super::fields::{
    AUTHOR_KEYS, DATE_KEYS, SOURCE_KEYS, STANDFIRST_KEYS, TITLE_KEYS, URL_KEYS, one_line, strip_by,
};
use crate::model::Article;

/// A title line longer than this is a paragraph, not a title.
const MAX_TITLE_BYTES: usize = 250;
/// Header lines (byline, dateline) are short.
const MAX_HEADER_LINE_BYTES: usize = 160;

/// Parse a plain text or Markdown article. `file_stem` names the article when nothing in the
/// text does. Returns `None` for a text with no words.
pub fn parse_text(text: &str, file_stem: &str) -> Option<Article> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    if text.trim().is_empty() {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut article = Article::default();
    let body_start = front_matter(&lines, &mut article)
        .or_else(|| header_lines(&lines, &mut article))
        .unwrap_or_else(|| pasted_page(&lines, &mut article));
    let body_lines = lines.get(body_start..).unwrap_or_default();
    if article.title.is_empty() {
        article.title =
            markdown_heading(&body_lines.join("\n")).unwrap_or_else(|| file_stem.to_string());
    }
    // Markdown heading markers are layout, not words: a passage shows `Kata'ib Hezbollah`,
    // not `## Kata'ib Hezbollah`.
    article.body = body_lines
        .iter()
        .map(|line| strip_heading_marker(line))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string();
    Some(article)
}

/// `---` front matter; returns the index of the first body line.
fn front_matter(lines: &[&str], article: &mut Article) -> Option<usize> {
    if lines.first()?.trim() != "---" {
        return None;
    }
    let end = lines.iter().skip(1).position(|l| l.trim() == "---")? + 1;
    for line in &lines[1..end] {
        if let Some((key, value)) = line.split_once(':') {
            set_field(article, key.trim(), unquote(value.trim()));
        }
    }
    Some(end + 1)
}

/// `Title: ...` header lines up to the first blank line; returns the first body line.
fn header_lines(lines: &[&str], article: &mut Article) -> Option<usize> {
    let mut recognised = 0;
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        if line.trim().is_empty() {
            break;
        }
        let (key, value) = line.split_once(':')?;
        if !set_field(article, key.trim(), value.trim()) {
            return if recognised > 0 { Some(index) } else { None };
        }
        recognised += 1;
        index += 1;
    }
    (recognised > 0).then_some(index)
}

/// Title, standfirst, byline and dateline of a pasted page; returns the first body line.
fn pasted_page(lines: &[&str], article: &mut Article) -> usize {
    let non_empty: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let Some(&title_line) = non_empty.first() else {
        return lines.len();
    };
    let title = lines[title_line].trim().trim_start_matches('#').trim();
    if title.len() > MAX_TITLE_BYTES || non_empty.len() < 2 {
        return title_line; // the whole text is body
    }
    article.title = one_line(title);
    // The few lines after the title may be: [standfirst] byline|dateline|source ...
    let candidates: Vec<usize> = non_empty.iter().skip(1).take(5).copied().collect();
    let header = |n: usize, article: &mut Article| -> bool {
        let line = lines[candidates[n]].trim();
        line.len() <= MAX_HEADER_LINE_BYTES
            && (read_byline(line, article)
                || read_dateline(line, article)
                || read_source(line, article))
    };
    let first_header = if header(0, article) {
        0
    } else if candidates.len() > 1 && header(1, article) {
        article.standfirst = Some(one_line(lines[candidates[0]]));
        1
    } else {
        return title_line + 1;
    };
    let mut last_header = first_header;
    for n in first_header + 1..candidates.len() {
        if !header(n, article) {
            break;
        }
        last_header = n;
    }
    candidates[last_header] + 1
}

/// `By NAME`, `By NAME, OUTLET` or `By NAME | date`.
fn read_byline(line: &str, article: &mut Article) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    if !rest.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let mut parts = rest.split(['|', '·', '—']);
    let name = parts.next().unwrap_or_default().trim();
    for part in parts {
        read_dateline(part.trim(), article);
    }
    match name.split_once(", ") {
        Some((person, outlet)) if parse_date(outlet).is_none() => {
            article.author = Some(person.trim().to_string());
            article
                .source
                .get_or_insert_with(|| outlet.trim().to_string());
        }
        _ => article.author = Some(name.to_string()),
    }
    true
}

fn read_dateline(line: &str, article: &mut Article) -> bool {
    match parse_date(line) {
        Some(date) => {
            article.date = Some(date);
            true
        }
        None => false,
    }
}

fn read_source(line: &str, article: &mut Article) -> bool {
    match line.split_once(':') {
        Some((key, value))
            if SOURCE_KEYS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(key.trim())) =>
        {
            article.source = Some(value.trim().to_string());
            true
        }
        _ => false,
    }
}

/// Set the field `key` names; false when `key` is not an article field.
fn set_field(article: &mut Article, key: &str, value: &str) -> bool {
    let is = |keys: &[&str]| keys.iter().any(|k| k.eq_ignore_ascii_case(key));
    let value = value.to_string();
    if is(TITLE_KEYS) {
        article.title = one_line(&value);
    } else if is(DATE_KEYS) {
        article.date = parse_date(&value);
    } else if is(SOURCE_KEYS) {
        article.source = Some(value).filter(|v| !v.is_empty());
    } else if is(AUTHOR_KEYS) {
        article.author = Some(strip_by(&value)).filter(|v| !v.is_empty());
    } else if is(URL_KEYS) {
        article.url = Some(value).filter(|v| !v.is_empty());
    } else if is(STANDFIRST_KEYS) {
        article.standfirst = Some(one_line(&value)).filter(|v| !v.is_empty());
    } else if key.eq_ignore_ascii_case("id") {
        article.id = value;
    } else {
        return false;
    }
    true
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s)
}

/// `## Heading` → `Heading`; other lines unchanged (`#hashtag` keeps its mark).
fn strip_heading_marker(line: &str) -> &str {
    let hashes = line.len() - line.trim_start_matches('#').len();
    match line.get(hashes..) {
        Some(rest) if (1..=6).contains(&hashes) && rest.starts_with(' ') => rest.trim_start(),
        _ => line,
    }
}

/// The text of a leading `# Heading` line.
fn markdown_heading(body: &str) -> Option<String> {
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let heading = first
        .trim()
        .strip_prefix('#')?
        .trim_start_matches('#')
        .trim();
    (!heading.is_empty()).then(|| heading.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASTED: &str = "US strikes militia sites in Iraq and Syria\n\
        Washington says the raids answer a deadly rocket attack near Kirkuk\n\
        By Layla Haddad\n\
        December 29, 2019\n\
        \n\
        The first paragraph.It runs on.\n\
        \n\
        The second paragraph.\n";

    #[test]
    fn pasted_page_with_standfirst_byline_and_date() {
        let a = parse_text(PASTED, "f").expect("article");
        assert_eq!(a.title, "US strikes militia sites in Iraq and Syria");
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Washington says the raids answer a deadly rocket attack near Kirkuk")
        );
        assert_eq!(a.author.as_deref(), Some("Layla Haddad"));
        assert_eq!(
            a.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2019-12-29")
        );
        assert!(a.body.starts_with("The first paragraph.It runs on."));
        assert!(a.body.ends_with("The second paragraph."));
    }

    #[test]
    fn pasted_page_without_standfirst() {
        let a = parse_text(
            "A title\nBy Sam Ortiz, Harbour Ledger\n\nBody text here.",
            "f",
        )
        .expect("article");
        assert_eq!(a.title, "A title");
        assert_eq!(a.standfirst, None);
        assert_eq!(a.author.as_deref(), Some("Sam Ortiz"));
        assert_eq!(a.source.as_deref(), Some("Harbour Ledger"));
        assert_eq!(a.body, "Body text here.");
    }

    #[test]
    fn a_first_paragraph_is_not_a_standfirst() {
        let a = parse_text("Title\n\nFirst paragraph.\n\nSecond paragraph.", "f").expect("article");
        assert_eq!(a.title, "Title");
        assert_eq!(a.standfirst, None);
        assert_eq!(a.body, "First paragraph.\n\nSecond paragraph.");
    }

    #[test]
    fn header_lines() {
        let a = parse_text(
            "Title: Rockets hit Camp Taji\nDate: 2020-03-11\nSource: Levant Wire\nAuthor: By Omar Said\n\nBody.",
            "f",
        )
        .expect("article");
        assert_eq!(a.title, "Rockets hit Camp Taji");
        assert_eq!(a.source.as_deref(), Some("Levant Wire"));
        assert_eq!(a.author.as_deref(), Some("Omar Said"));
        assert_eq!(a.body, "Body.");
    }

    #[test]
    fn a_title_with_a_colon_is_not_a_header() {
        let a = parse_text("Iraq: parliament votes on troops\n\nBody.", "f").expect("article");
        assert_eq!(a.title, "Iraq: parliament votes on troops");
        assert_eq!(a.body, "Body.");
    }

    #[test]
    fn markdown_front_matter() {
        let a = parse_text(
            "---\ntitle: \"Tanker attacked off Fujairah\"\ndate: 2019-05-12\nsource: Gulf Desk\n---\n# Heading\n\nBody.",
            "f",
        )
        .expect("article");
        assert_eq!(a.title, "Tanker attacked off Fujairah");
        assert_eq!(a.source.as_deref(), Some("Gulf Desk"));
        assert!(a.body.ends_with("Body."));
    }

    #[test]
    fn markdown_heading_marks_are_not_body_text() {
        let a = parse_text(
            "---\ntitle: Militias explained\n---\n## Kata'ib Hezbollah\n\nFounded in 2007. #news",
            "f",
        )
        .expect("article");
        assert_eq!(a.body, "Kata'ib Hezbollah\n\nFounded in 2007. #news");
        let b = parse_text("# Only a heading title\n\nBody.", "f").expect("article");
        assert_eq!(b.title, "Only a heading title");
        assert_eq!(b.body, "Body.");
    }

    #[test]
    fn a_single_paragraph_takes_the_file_name_as_title() {
        let long = "word ".repeat(80);
        let a = parse_text(&long, "notes-2019").expect("article");
        assert_eq!(a.title, "notes-2019");
        assert_eq!(a.body, long.trim());
        assert!(parse_text(" \n\n ", "empty").is_none());
    }
}
