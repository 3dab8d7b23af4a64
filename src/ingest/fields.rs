//! Mapping the key names news exports use onto [`Article`] fields.
//!
//! Crawlers, CMS exports and datasets name the same thing differently (`title`, `headline`;
//! `body`, `text`, `content` ...). The first key present with a non-empty value wins, in the
//! order listed here: the one place to add a spelling.

use serde_json::Value;

use super::date::parse_date;
use crate::model::Article;

/// Keys read as the title, in order of preference.
pub const TITLE_KEYS: &[&str] = &["title", "headline", "name", "heading"];
/// Keys read as the body.
pub const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "story",
    "articleBody",
    "full_text",
    "description",
    "summary",
];
/// Keys read as the publication date.
pub const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubDate",
    "published_at",
    "publishedAt",
    "datePublished",
    "publish_date",
    "pub_date",
    "created_at",
    "timestamp",
    "time",
];
/// Keys read as the author.
pub const AUTHOR_KEYS: &[&str] = &["author", "byline", "authors", "creator", "writer"];
/// Keys read as the source (outlet).
pub const SOURCE_KEYS: &[&str] = &[
    "source",
    "publication",
    "publisher",
    "outlet",
    "site",
    "site_name",
    "source_name",
    "domain",
];
/// Keys read as the url.
pub const URL_KEYS: &[&str] = &["url", "link", "href", "canonical_url", "permalink"];
/// Keys read as the standfirst.
pub const STANDFIRST_KEYS: &[&str] = &["standfirst", "subtitle", "subheadline", "dek", "lede"];
/// Keys read as the record's own identifier.
pub const ID_KEYS: &[&str] = &["id", "guid", "uuid", "_id", "doc_id", "article_id"];

/// Build an article from one JSON object. Returns `None` when the value is not an object or
/// has neither a title nor a body.
pub fn article_from_json(value: &Value) -> Option<Article> {
    let object = value.as_object()?;
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .filter_map(|key| object.get(*key))
            .find_map(text_of)
    };
    let title = get(TITLE_KEYS).unwrap_or_default();
    let mut body = get(BODY_KEYS).unwrap_or_default();
    // A record whose only text is its description still has a body; but do not repeat the
    // standfirst as the body when both exist under different keys.
    let standfirst = get(STANDFIRST_KEYS).filter(|s| *s != body);
    if body.is_empty() {
        body = standfirst.clone().unwrap_or_default();
    }
    if title.trim().is_empty() && body.trim().is_empty() {
        return None;
    }
    Some(Article {
        id: get(ID_KEYS).unwrap_or_default(),
        title: one_line(&title),
        standfirst,
        author: get(AUTHOR_KEYS).map(|a| strip_by(&a)),
        date: get(DATE_KEYS).and_then(|d| parse_date(&d)),
        source: get(SOURCE_KEYS),
        url: get(URL_KEYS),
        body,
        ..Article::default()
    })
}

/// The text of a JSON value as a field: strings as they are (trimmed), numbers written out,
/// arrays joined with `, ` (several authors), objects by their `name` (a `source` object).
fn text_of(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(text_of)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(object) => ["name", "title", "value", "@value"]
            .iter()
            .filter_map(|key| object.get(*key))
            .find_map(text_of)?,
        Value::Bool(_) | Value::Null => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Collapse whitespace (titles sometimes carry newlines).
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `By Layla Haddad` → `Layla Haddad`.
pub fn strip_by(s: &str) -> String {
    let t = s.trim();
    match t.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("by ") => t[3..].trim().to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn alternative_key_names_map() {
        let article = article_from_json(&json!({
            "headline": "Strikes near Al-Qaim",
            "text": "Body here.",
            "published": "2020-01-03T01:00:00Z",
            "byline": "By Layla Haddad",
            "publication": {"name": "Gulf Desk"},
            "link": "https://example.org/a",
            "guid": 42
        }))
        .expect("an article");
        assert_eq!(article.title, "Strikes near Al-Qaim");
        assert_eq!(article.body, "Body here.");
        assert_eq!(article.author.as_deref(), Some("Layla Haddad"));
        assert_eq!(article.source.as_deref(), Some("Gulf Desk"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(article.id, "42");
        assert_eq!(
            article.date.map(|d| d.to_rfc3339()),
            Some("2020-01-03T01:00:00+00:00".to_string())
        );
    }

    #[test]
    fn several_authors_join_and_empty_records_are_rejected() {
        let article =
            article_from_json(&json!({"title": "T", "content": "B", "authors": ["A", "B"]}))
                .expect("an article");
        assert_eq!(article.author.as_deref(), Some("A, B"));
        assert!(article_from_json(&json!({"title": " ", "body": ""})).is_none());
        assert!(article_from_json(&json!([1, 2])).is_none());
    }
}
