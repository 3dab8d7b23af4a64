//! Mapping the key names news exports use onto [`Article`] fields.
//!
//! Crawlers, CMS exports and datasets name the same thing differently (`title`, `headline`;
//! `body`, `text`, `content` ...). The first key present with a non-empty value wins, in the
//! order listed here: the one place to add a spelling.

use serde_json::Value;

use super::date::parse_date;
use crate::error::Error;
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

/// The article fields a user can map keys onto with `--map FIELD=KEY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Date,
    Author,
    Source,
    Url,
    Standfirst,
    Id,
}

impl Field {
    const ALL: [(&'static str, Field); 8] = [
        ("title", Field::Title),
        ("body", Field::Body),
        ("date", Field::Date),
        ("author", Field::Author),
        ("source", Field::Source),
        ("url", Field::Url),
        ("standfirst", Field::Standfirst),
        ("id", Field::Id),
    ];

    /// The built-in key names of the field, in order of preference.
    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Field::Title => TITLE_KEYS,
            Field::Body => BODY_KEYS,
            Field::Date => DATE_KEYS,
            Field::Author => AUTHOR_KEYS,
            Field::Source => SOURCE_KEYS,
            Field::Url => URL_KEYS,
            Field::Standfirst => STANDFIRST_KEYS,
            Field::Id => ID_KEYS,
        }
    }
}

/// A user's mapping of JSON keys or CSV columns onto fields (`--map title=headline,body=story`).
///
/// A mapped key is tried before the built-in names of its field, so an export whose `title`
/// column holds the page title with the site name appended can say `title=headline`; records
/// without the mapped key still fall back to the built-in names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    keys: Vec<(Field, String)>,
}

impl FieldMap {
    /// Parse `FIELD=KEY` pairs; each item may itself hold several pairs separated by commas.
    /// Naming the same field twice tries both keys, in the order given.
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<FieldMap, Error> {
        let mut keys = Vec::new();
        for pair in items
            .iter()
            .flat_map(|item| item.as_ref().split(','))
            .map(str::trim)
            .filter(|pair| !pair.is_empty())
        {
            let Some((name, key)) = pair.split_once('=') else {
                return Err(Error::Usage(format!(
                    "--map '{pair}': write FIELD=KEY, e.g. title=headline"
                )));
            };
            let (name, key) = (name.trim(), key.trim());
            let field = Field::ALL
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))
                .map(|(_, field)| *field)
                .ok_or_else(|| {
                    let names: Vec<&str> = Field::ALL.iter().map(|(known, _)| *known).collect();
                    Error::Usage(format!(
                        "--map '{pair}': unknown field '{name}' (fields: {})",
                        names.join(", ")
                    ))
                })?;
            if key.is_empty() {
                return Err(Error::Usage(format!(
                    "--map '{pair}': the key name is empty"
                )));
            }
            keys.push((field, key.to_string()));
        }
        Ok(FieldMap { keys })
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys to try for `field`: the user's first, then the built-in ones.
    fn keys_for(&self, field: Field) -> impl Iterator<Item = &str> {
        self.keys
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, key)| key.as_str())
            .chain(field.default_keys().iter().copied())
    }
}

/// Build an article from one JSON object with the built-in key names. Returns `None` when the
/// value is not an object or has neither a title nor a body.
pub fn article_from_json(value: &Value) -> Option<Article> {
    article_from_json_with(value, &FieldMap::default())
}

/// Build an article from one JSON object (or one CSV row turned into one), trying the user's
/// mapped keys first. Keys match exactly, then in any case (`Headline`, `URL`), because CSV
/// headers are often capitalised.
pub fn article_from_json_with(value: &Value, map: &FieldMap) -> Option<Article> {
    let object = value.as_object()?;
    let lookup = |key: &str| -> Option<&Value> {
        object.get(key).or_else(|| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    };
    let get = |field: Field| -> Option<String> {
        map.keys_for(field).filter_map(lookup).find_map(text_of)
    };
    let title = get(Field::Title).unwrap_or_default();
    let mut body = get(Field::Body).unwrap_or_default();
    // A record whose only text is its description still has a body; but do not repeat the
    // standfirst as the body when both exist under different keys.
    let standfirst = get(Field::Standfirst).filter(|s| *s != body);
    if body.is_empty() {
        body = standfirst.clone().unwrap_or_default();
    }
    if title.trim().is_empty() && body.trim().is_empty() {
        return None;
    }
    Some(Article {
        id: get(Field::Id).unwrap_or_default(),
        title: one_line(&title),
        standfirst,
        author: get(Field::Author).map(|a| strip_by(&a)),
        date: get(Field::Date).and_then(|d| parse_date(&d)),
        source: get(Field::Source),
        url: get(Field::Url),
        body,
        ..Article::default()
    })
}

/// The text of a JSON value as a field: strings as they are (trimmed), numbers written out,
/// arrays joined with `, ` (several authors), objects by their `name` (a `source` object).
pub(crate) fn text_of(value: &Value) -> Option<String> {
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

    #[test]
    fn a_user_mapping_wins_over_the_built_in_names_and_falls_back_to_them() {
        let map = FieldMap::parse(&["title=hed, body=story", "date=Filed"]).expect("parses");
        let record = json!({"title": "Page title | Site", "hed": "Real headline", "story": "The story.", "text": "teaser", "FILED": "2020-01-03"});
        let article = article_from_json_with(&record, &map).expect("an article");
        assert_eq!(article.title, "Real headline");
        assert_eq!(article.body, "The story.");
        assert!(article.date.is_some(), "keys match in any case");
        let without = json!({"title": "Only title", "text": "Body."});
        let article = article_from_json_with(&without, &map).expect("an article");
        assert_eq!(article.title, "Only title");
        assert_eq!(article.body, "Body.");
    }

    #[test]
    fn bad_mappings_are_usage_errors() {
        for bad in ["title", "headline=title", "title="] {
            let err = FieldMap::parse(&[bad]).expect_err(bad);
            assert!(err.to_string().contains("--map"), "{err}");
        }
        assert!(FieldMap::parse::<&str>(&[]).expect("empty").is_empty());
    }
}
