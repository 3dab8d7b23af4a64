//! RSS and Atom feeds (`.rss`, `.atom`, and `.xml` files that are feeds): each item or entry
//! is an article.
//!
//! Parsing is feed-rs's (RSS 0.9x, 1.0 and 2.0, Atom), given the raw bytes so that it can
//! honour the `encoding` of the XML prolog. Dates go through [`parse_date`], the same reader
//! as every other format, so a feed's `pubDate` and a JSON export's `date` agree.
//!
//! For each entry: title; body from the full content (`content:encoded`, Atom `content`), else
//! the summary/description, HTML turned into text by [`fragment_to_text`]; the summary as
//! standfirst when both exist; the first author names; the entry's link; the date published,
//! else the entry's `updated` time (an Atom entry's own date; the feed's build date is never
//! used); the feed's title as the source.

use feed_rs::model::{Entry, Text};

use super::date::parse_date;
use super::fields::one_line;
use super::html::fragment_to_text;
use crate::model::Article;

/// How far into an `.xml` file to look for its root element.
const SNIFF_BYTES: usize = 64 * 1024;

/// Whether an XML document's root element is a feed's (`rss`, `feed`, `rdf:RDF`), so that an
/// `.xml` file that is a sitemap or a configuration file is reported as such, not as a broken
/// feed.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    let mut rest = head.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            let Some(end) = after.find("?>") else {
                return false;
            };
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else {
                return false;
            };
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            let Some(end) = after.find('>') else {
                return false;
            };
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let name: String = after
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
                .collect();
            let local = name.rsplit(':').next().unwrap_or(&name);
            return matches!(local, "rss" | "feed" | "RDF");
        } else {
            return false;
        }
    }
}

/// Parse a feed into articles; `Err` with feed-rs's reason when it is not a readable feed.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<Article>, String> {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(parse_date)
        .sanitize_content(false)
        .build();
    let feed = parser.parse(bytes).map_err(|err| err.to_string())?;
    let source = feed
        .title
        .as_ref()
        .map(|title| one_line(&text_of(title)))
        .filter(|title| !title.is_empty());
    Ok(feed
        .entries
        .iter()
        .filter_map(|entry| article_of(entry, source.clone()))
        .collect())
}

fn article_of(entry: &Entry, source: Option<String>) -> Option<Article> {
    let title = entry
        .title
        .as_ref()
        .map(|t| one_line(&text_of(t)))
        .unwrap_or_default();
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(fragment_to_text)
        .filter(|text| !text.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(text_of)
        .filter(|text| !text.trim().is_empty());
    let (body, standfirst) = match (content, summary) {
        (Some(content), Some(summary)) => {
            let standfirst = (!content.starts_with(&summary)).then(|| one_line(&summary));
            (content, standfirst)
        }
        (Some(content), None) => (content, None),
        (None, Some(summary)) => (summary, None),
        (None, None) => (String::new(), None),
    };
    if title.is_empty() && body.trim().is_empty() {
        return None;
    }
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    let url = entry
        .links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
        .or_else(|| entry.links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty());
    Some(Article {
        title,
        standfirst,
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        date: entry.published.or(entry.updated),
        source,
        url,
        body,
        ..Article::default()
    })
}

/// A feed text as plain text: HTML content (most feeds escape HTML into descriptions) turned
/// into paragraphs, plain text kept.
fn text_of(text: &Text) -> String {
    let content = text.content.trim();
    if text.content_type.subty() == "plain" && !content.contains('<') {
        content.to_string()
    } else {
        fragment_to_text(content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Gulf Desk</title><link>https://example.org/</link><lastBuildDate>Tue, 31 Dec 2019 23:00:00 +0000</lastBuildDate>
<item><title>Iraq summons US envoy over strikes</title><link>https://example.org/a</link>
<description>&lt;p&gt;Baghdad protested on Monday.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Baghdad protested on Monday.</p><p>The cabinet met in emergency session.</p><div class="ad">Buy now</div>]]></content:encoded>
<dc:creator>Rana Khalil</dc:creator><pubDate>Mon, 30 Dec 2019 18:45:00 +0300</pubDate></item>
<item><title>Undated brief</title><description>Only a line of text.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let articles = parse_feed(RSS.as_bytes()).expect("parses");
        assert_eq!(articles.len(), 2);
        let first = &articles[0];
        assert_eq!(first.title, "Iraq summons US envoy over strikes");
        assert_eq!(
            first.body,
            "Baghdad protested on Monday.\n\nThe cabinet met in emergency session."
        );
        assert_eq!(first.standfirst, None);
        assert_eq!(first.author.as_deref(), Some("Rana Khalil"));
        assert_eq!(first.source.as_deref(), Some("Gulf Desk"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            first.date.map(|d| d.to_rfc3339()),
            Some("2019-12-30T15:45:00+00:00".into())
        );
        // The feed's build date is not the item's date.
        assert_eq!(articles[1].date, None);
        assert_eq!(articles[1].body, "Only a line of text.");
    }

    #[test]
    fn atom_entries_become_articles() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Levant Wire</title><id>urn:x</id><updated>2020-01-09T00:00:00Z</updated>
<entry><title type="html">Missiles hit &lt;b&gt;Ain al-Asad&lt;/b&gt;</title><id>urn:1</id>
<link rel="alternate" href="https://example.org/b"/><link rel="enclosure" href="https://example.org/b.jpg"/>
<published>2020-01-08T01:30:00+03:00</published><updated>2020-01-08T09:00:00Z</updated>
<author><name>Omar Said</name></author>
<summary>Iran fired missiles at two bases.</summary>
<content type="html">&lt;p&gt;Iran fired ballistic missiles at bases housing US troops.&lt;/p&gt;</content></entry>
<entry><title>Only updated</title><id>urn:2</id><updated>2020-01-09T10:00:00Z</updated><content>Text.</content></entry>
</feed>"#;
        let articles = parse_feed(atom.as_bytes()).expect("parses");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].title, "Missiles hit Ain al-Asad");
        assert_eq!(
            articles[0].standfirst.as_deref(),
            Some("Iran fired missiles at two bases.")
        );
        assert_eq!(articles[0].url.as_deref(), Some("https://example.org/b"));
        assert_eq!(
            articles[0].date.map(|d| d.to_rfc3339()),
            Some("2020-01-07T22:30:00+00:00".into())
        );
        assert_eq!(
            articles[1].date.map(|d| d.to_rfc3339()),
            Some("2020-01-09T10:00:00+00:00".into())
        );
    }

    #[test]
    fn feeds_are_told_from_other_xml() {
        assert!(looks_like_feed(RSS.as_bytes()));
        assert!(looks_like_feed(b"\xef\xbb\xbf<!-- c --><feed xmlns='x'>"));
        assert!(looks_like_feed(b"<rdf:RDF xmlns:rdf='x'>"));
        assert!(!looks_like_feed(
            b"<?xml version='1.0'?><urlset><url/></urlset>"
        ));
        assert!(!looks_like_feed(b"not xml at all"));
        assert!(parse_feed(b"<html></html>").is_err());
    }

    fn feed_fragment() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "<rss version=\"2.0\">",
                "<channel>",
                "<item>",
                "</item>",
                "<title>",
                "</title>",
                "<description>",
                "</description>",
                "<pubDate>",
                "</pubDate>",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                "<entry>",
                "</entry>",
                "<content type=\"html\">",
                "</content>",
                "<![CDATA[",
                "]]>",
                "&lt;p&gt;",
                "&amp;",
                "&bogus;",
                "<link href=\"x\"/>",
                "</channel></rss>",
                "</feed>",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9 ,:+<>&;]{0,16}",
        ];
        prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = looks_like_feed(&bytes);
            let _ = parse_feed(&bytes);
        }

        #[test]
        fn feed_shaped_soup_never_panics(input in feed_fragment()) {
            let _ = looks_like_feed(input.as_bytes());
            if let Ok(articles) = parse_feed(input.as_bytes()) {
                for article in articles {
                    prop_assert!(!article.title.is_empty() || !article.body.trim().is_empty());
                }
            }
        }
    }
}
