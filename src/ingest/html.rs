//! HTML news pages: the article's metadata from what the page declares about itself, and its
//! main text without the page around it.
//!
//! **Metadata**, each field from the first source that has it, most deliberate first:
//!
//! - title: JSON-LD `headline` → `og:title` → `twitter:title` → `<title>` (less a trailing
//!   `| Site Name`) → the first `<h1>`;
//! - date: `article:published_time` → JSON-LD `datePublished` → other publication-date
//!   metas → `<time datetime>` (never the modification date, never the crawl date);
//! - author: JSON-LD `author` → `<meta name="author">` → `article:author` (when a name, not
//!   a profile URL) → `[itemprop=author]`, `[rel=author]`, `.byline`;
//! - source: `og:site_name` → JSON-LD `publisher.name` → `application-name`;
//! - url: `<link rel="canonical">` → `og:url` → JSON-LD `url` (absolute http(s) only);
//! - standfirst: JSON-LD `description` → `og:description` → `<meta name="description">`.
//!
//! **Main text**, readability-style: the `[itemprop=articleBody]` element when there is one,
//! else the `<article>` with the most text, else the element whose direct `<p>` children hold
//! the most text. Inside it, navigation, headers and footers, asides, scripts, forms,
//! figures (captions and photo credits are not the story's prose), hidden elements and anything whose class or id names an ad, promotion, cookie banner,
//! newsletter box, share bar or related-stories list is dropped; block elements become
//! paragraphs separated by blank lines. JSON-LD `articleBody` is the fallback for pages whose
//! text is rendered by scripts.
//!
//! The tree is walked iteratively: a page nested a hundred thousand elements deep must not
//! overflow the stack.

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::date::parse_date;
use super::fields::{one_line, strip_by, text_of};
use crate::model::Article;

/// Tags whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "canvas",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "video",
    "audio",
    "head",
    "title",
    "menu",
    "dialog",
    "figure",
    "figcaption",
];

/// Tags that start and end a paragraph of the extracted text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
];

/// Words in a class or id (split on `-`, `_` and spaces) that mark page furniture.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "dfp",
    "gpt",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "promoted",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recirculation",
    "outbrain",
    "taboola",
    "comment",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "popup",
    "modal",
    "toolbar",
    "byline",
    "author",
    "tags",
    "newsletters",
];

/// ARIA roles of page furniture.
const BOILERPLATE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
];

/// Whole paragraphs that are page furniture even inside the article (compared lowercased,
/// without trailing punctuation).
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "skip advertisement",
    "story continues below advertisement",
    "article continues below",
    "continue reading",
    "read more",
    "share this article",
    "share",
    "sign up for our newsletter",
];

/// JSON-LD `@type`s of a news article.
const ARTICLE_TYPES: &[&str] = &["BlogPosting", "LiveBlogPosting", "Report"];

fn selector(css: &str) -> Selector {
    // The selectors are constants of this file; a typo is caught by the unit tests.
    Selector::parse(css).unwrap_or_else(|err| panic!("bad built-in selector {css}: {err}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| selector("script[type]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel][href]"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static AUTHOR: LazyLock<Selector> = LazyLock::new(|| {
    selector("[itemprop=author], [rel=author], .byline, .author, .article-author")
});
static ARTICLE_BODY: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop=articleBody]"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| selector("main, [role=main]"));

/// Parse an HTML news page. Returns `None` when the page has neither a title nor any text.
pub fn parse_html(html: &str) -> Option<Article> {
    let doc = Html::parse_document(html);
    let metas = collect_metas(&doc);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|name| {
            metas
                .iter()
                .find(|(key, value)| key == name && !value.trim().is_empty())
                .map(|(_, value)| value.trim().to_string())
        })
    };
    let ld = json_ld_article(&doc);
    let ld_field = |keys: &[&str]| -> Option<String> {
        let ld = ld.as_ref()?;
        keys.iter().filter_map(|key| ld.get(*key)).find_map(text_of)
    };

    let source = meta(&["og:site_name"])
        .or_else(|| {
            ld.as_ref()
                .and_then(|ld| ld.get("publisher"))
                .and_then(text_of)
        })
        .or_else(|| meta(&["application-name"]));
    let title = ld_field(&["headline"])
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| first_text(&doc, &TITLE).map(|t| strip_site_name(&t, source.as_deref())))
        .or_else(|| first_text(&doc, &H1))
        .map(|t| one_line(&t))
        .unwrap_or_default();
    let date = meta(&["article:published_time"])
        .and_then(|d| parse_date(&d))
        .or_else(|| ld_field(&["datePublished"]).and_then(|d| parse_date(&d)))
        .or_else(|| {
            meta(&[
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "parsely-pub-date",
                "sailthru.date",
            ])
            .and_then(|d| parse_date(&d))
        })
        .or_else(|| {
            doc.select(&TIME)
                .filter_map(|time| time.attr("datetime"))
                .find_map(parse_date)
        });
    let author = ld_field(&["author", "creator"])
        .or_else(|| meta(&["author", "byl", "dc.creator"]))
        .or_else(|| meta(&["article:author"]).filter(|a| !a.starts_with("http")))
        .or_else(|| {
            doc.select(&AUTHOR)
                .map(|el| one_line(&el.text().collect::<String>()))
                .find(|a| !a.is_empty() && a.len() < 120)
        })
        .map(|a| strip_by(&one_line(&a)));
    let url = doc
        .select(&CANONICAL)
        .filter(|link| {
            link.attr("rel").is_some_and(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .filter_map(|link| link.attr("href"))
        .map(str::trim)
        .find(|href| is_absolute_url(href))
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]).filter(|u| is_absolute_url(u)))
        .or_else(|| {
            let ld = ld.as_ref()?;
            ["url", "mainEntityOfPage"]
                .iter()
                .filter_map(|key| ld.get(*key))
                .filter_map(|v| v.get("@id").or(Some(v)).and_then(Value::as_str))
                .find(|u| is_absolute_url(u))
                .map(str::to_string)
        });

    let mut paragraphs = main_text(&doc);
    paragraphs.retain(|p| *p != title && !is_boilerplate_line(p));
    let mut body = paragraphs.join("\n\n");
    if body.trim().is_empty() {
        body = ld_field(&["articleBody"]).unwrap_or_default();
    }
    let standfirst = ld_field(&["description"])
        .or_else(|| meta(&["og:description", "description", "twitter:description"]))
        .map(|s| one_line(&s))
        .filter(|s| !s.is_empty() && !body.starts_with(s.as_str()));
    if body.trim().is_empty() {
        body = standfirst.clone().unwrap_or_default();
    }
    if title.is_empty() && body.trim().is_empty() {
        return None;
    }
    Some(Article {
        title,
        standfirst,
        author: author.filter(|a| !a.is_empty()),
        date,
        source,
        url,
        body,
        ..Article::default()
    })
}

/// The text of an HTML fragment (a feed item's content or summary), paragraphs separated by
/// blank lines, with the same furniture dropped as from a page.
pub fn fragment_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut paragraphs = extract(fragment.root_element());
    paragraphs.retain(|p| !is_boilerplate_line(p));
    paragraphs.join("\n\n")
}

/// Every `<meta>` as (lowercased name/property/itemprop, content).
fn collect_metas(doc: &Html) -> Vec<(String, String)> {
    doc.select(&META)
        .filter_map(|meta| {
            let key = meta
                .attr("property")
                .or_else(|| meta.attr("name"))
                .or_else(|| meta.attr("itemprop"))?;
            let content = meta.attr("content")?;
            Some((key.trim().to_ascii_lowercase(), content.to_string()))
        })
        .collect()
}

/// The first JSON-LD object on the page whose `@type` is a kind of article, searching arrays
/// and `@graph`s.
fn json_ld_article(doc: &Html) -> Option<Value> {
    doc.select(&JSON_LD)
        .filter(|script| {
            script
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| find_article(&value, 0).cloned())
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|item| find_article(item, depth + 1)),
        Value::Object(object) => {
            let is_article = match object.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(types)) => {
                    types.iter().filter_map(Value::as_str).any(is_article_type)
                }
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                object
                    .get("@graph")
                    .and_then(|graph| find_article(graph, depth + 1))
            }
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || ARTICLE_TYPES.contains(&t)
}

fn first_text(doc: &Html, selector: &Selector) -> Option<String> {
    doc.select(selector)
        .map(|el| one_line(&el.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// `Strikes hit depots | Tigris Bulletin` → `Strikes hit depots` when the site is known.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = one_line(title);
    if let Some(site) = site {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some(rest) = title.strip_suffix(&format!("{separator}{site}")) {
                return rest.trim().to_string();
            }
        }
    }
    title
}

fn is_absolute_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.contains(char::is_whitespace)
}

fn is_boilerplate_line(paragraph: &str) -> bool {
    let bare = paragraph
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…')
        .to_lowercase();
    BOILERPLATE_LINES.contains(&bare.as_str())
}

/// The paragraphs of the page's main text (see the module documentation).
fn main_text(doc: &Html) -> Vec<String> {
    let text_len = |paragraphs: &[String]| paragraphs.iter().map(String::len).sum::<usize>();
    if let Some(body) = doc
        .select(&ARTICLE_BODY)
        .map(extract)
        .find(|paragraphs| !paragraphs.is_empty())
    {
        return body;
    }
    let best_article = doc
        .select(&ARTICLE)
        .filter(|article| !inside_boilerplate(*article))
        .map(extract)
        .max_by_key(|paragraphs| text_len(paragraphs));
    if let Some(paragraphs) = best_article.filter(|p| text_len(p) >= 200) {
        return paragraphs;
    }
    if let Some(element) = densest_block(doc) {
        let paragraphs = extract(element);
        if !paragraphs.is_empty() {
            return paragraphs;
        }
    }
    if let Some(paragraphs) = doc.select(&MAIN).map(extract).find(|p| !p.is_empty()) {
        return paragraphs;
    }
    extract(doc.root_element())
}

/// The element whose direct `<p>` children hold the most text, outside page furniture.
fn densest_block(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scored: Vec<(usize, ElementRef<'_>)> = doc
        .root_element()
        .descendent_elements()
        .filter_map(|element| {
            let score: usize = element
                .child_elements()
                .filter(|child| child.value().name() == "p" && !is_boilerplate(child.value()))
                .map(|p| p.text().map(|t| t.trim().len()).sum::<usize>())
                .sum();
            (score > 0).then_some((score, element))
        })
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored
        .into_iter()
        .map(|(_, element)| element)
        .find(|element| !inside_boilerplate(*element))
}

/// Whether the element or one of its ancestors is page furniture.
fn inside_boilerplate(element: ElementRef<'_>) -> bool {
    is_boilerplate(element.value())
        || element.ancestors().any(|node| {
            node.value()
                .as_element()
                .is_some_and(|el| is_boilerplate(el) && el.name() != "html")
        })
}

/// Whether an element is page furniture: by tag, role, hidden state or class/id words.
fn is_boilerplate(element: &Element) -> bool {
    let name = element.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || element.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            style.to_ascii_lowercase().contains("display:none")
        })
    {
        return true;
    }
    if element.attr("role").is_some_and(|role| {
        role.split_whitespace()
            .any(|r| BOILERPLATE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    }) {
        return true;
    }
    // The article's own wrapper may carry words such as `article-share-enabled`; only
    // containers below the body are judged by their names.
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let words = element
        .attr("class")
        .into_iter()
        .chain(element.attr("id"))
        .flat_map(|value| value.split(|c: char| c.is_whitespace() || c == '-' || c == '_'));
    for word in words {
        let word = word.to_ascii_lowercase();
        if BOILERPLATE_WORDS.contains(&word.as_str()) {
            return true;
        }
    }
    false
}

/// The paragraphs of text under `root`, page furniture dropped.
fn extract(root: ElementRef<'_>) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => current.push_str(text),
                    Node::Element(element) => {
                        if node.id() != root.id() && is_boilerplate(element) {
                            skipping = Some(node.id());
                        } else if BLOCK_TAGS.contains(&element.name()) {
                            flush(&mut current, &mut paragraphs);
                        } else if element.name() == "br" {
                            current.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|el| BLOCK_TAGS.contains(&el.name()))
                {
                    flush(&mut current, &mut paragraphs);
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let paragraph = one_line(current);
    current.clear();
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Depots hit near Al-Qaim | Tigris Bulletin</title>
<meta property="og:site_name" content="Tigris Bulletin">
<meta property="og:title" content="Air strikes hit militia depots near Al-Qaim">
<meta property="article:published_time" content="2019-12-29T18:10:00+03:00">
<meta name="author" content="By Samir Aziz">
<meta name="description" content="Five sites were struck on Sunday evening.">
<link rel="canonical" href="https://example.org/iraq/depots">
<script>window.dataLayer = [{"page": "article"}];</script>
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article class="story">
  <header><h1>Air strikes hit militia depots near Al-Qaim</h1><p class="byline">By Samir Aziz</p></header>
  <p>American aircraft struck <a href="/t/kh">Kata'ib Hezbollah</a> depots near Al-Qaim on Sunday.</p>
  <div class="ad-slot"><p>Advertisement: buy a phone</p></div>
  <p>Officials said the strikes answered a rocket attack on the K1 base.</p>
  <aside class="related-stories"><h2>Related</h2><ul><li>Old story one</li></ul></aside>
  <p>Advertisement</p>
  <div class="share-bar"><a>Share on social media</a></div>
</article>
<footer><p>© Tigris Bulletin. All rights reserved.</p></footer>
</body></html>"#;

    #[test]
    fn metadata_and_main_text_of_a_news_page() {
        let article = parse_html(PAGE).expect("an article");
        assert_eq!(article.title, "Air strikes hit militia depots near Al-Qaim");
        assert_eq!(article.source.as_deref(), Some("Tigris Bulletin"));
        assert_eq!(article.author.as_deref(), Some("Samir Aziz"));
        assert_eq!(
            article.url.as_deref(),
            Some("https://example.org/iraq/depots")
        );
        assert_eq!(
            article.date.map(|d| d.to_rfc3339()),
            Some("2019-12-29T15:10:00+00:00".into())
        );
        assert_eq!(
            article.standfirst.as_deref(),
            Some("Five sites were struck on Sunday evening.")
        );
        assert_eq!(
            article.body,
            "American aircraft struck Kata'ib Hezbollah depots near Al-Qaim on Sunday.\n\n\
             Officials said the strikes answered a rocket attack on the K1 base."
        );
    }

    #[test]
    fn json_ld_fills_in_and_title_tag_loses_its_site_name() {
        let page = r#"<html><head><title>Embassy stormed - Levant Wire</title>
<meta property="og:site_name" content="Levant Wire">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":["NewsArticle"],"datePublished":"December 31, 2019","author":[{"@type":"Person","name":"Nadia Karam"},{"name":"Omar Said"}],
 "publisher":{"@type":"Organization","name":"Levant Wire Ltd"},"url":"https://example.org/embassy"}]}</script>
</head><body><div id="content"><p>Crowds broke through the outer gate of the compound in Baghdad on Tuesday morning.</p><p>Guards fired tear gas.</p></div>
<div class="sidebar"><p>Most read: something else entirely that is long enough to matter here, really quite long indeed.</p></div></body></html>"#;
        let article = parse_html(page).expect("an article");
        assert_eq!(article.title, "Embassy stormed");
        assert_eq!(article.author.as_deref(), Some("Nadia Karam, Omar Said"));
        assert_eq!(article.source.as_deref(), Some("Levant Wire"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/embassy"));
        assert_eq!(
            article.date.map(|d| d.format("%Y-%m-%d").to_string()),
            Some("2019-12-31".into())
        );
        assert_eq!(
            article.body,
            "Crowds broke through the outer gate of the compound in Baghdad on Tuesday morning.\n\nGuards fired tear gas."
        );
    }

    #[test]
    fn time_elements_date_a_page_and_missing_dates_stay_empty() {
        let page = "<html><body><h1>Rain floods Dubai</h1><time datetime=\"2020-01-12T08:00:00Z\">Sunday</time><p>Roads closed.</p></body></html>";
        let article = parse_html(page).expect("an article");
        assert_eq!(article.title, "Rain floods Dubai");
        assert!(article.date.is_some());
        assert!(article.body.contains("Roads closed."));
        let undated = "<html><body><h1>Rain</h1><time datetime=\"soon\">soon</time><p>Roads closed.</p></body></html>";
        assert_eq!(parse_html(undated).expect("an article").date, None);
    }

    #[test]
    fn script_rendered_pages_fall_back_to_json_ld_article_body() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"The body from JSON-LD."}</script></head><body><div id="app"></div><script>render()</script></body></html>"#;
        let article = parse_html(page).expect("an article");
        assert_eq!(article.title, "H");
        assert_eq!(article.body, "The body from JSON-LD.");
    }

    #[test]
    fn pages_without_words_are_not_articles_and_fragments_become_text() {
        assert!(parse_html("<html><body><script>x()</script></body></html>").is_none());
        assert!(parse_html("").is_none());
        assert_eq!(
            fragment_to_text("<p>One &amp; two.</p><p>Three<br>four.</p><script>no()</script>"),
            "One & two.\n\nThree four."
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 50_000;
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let article = parse_html(&page).expect("an article");
        assert!(article.body.contains("deep text"));
    }

    fn html_fragment() -> impl Strategy<Value = String> {
        let tag = prop::sample::select(vec![
            "p", "div", "article", "nav", "script", "h1", "time", "meta", "title", "a", "br",
            "aside", "section", "main", "span", "table", "td", "li",
        ]);
        let attr = prop::sample::select(vec![
            "",
            " class=\"ad\"",
            " itemprop=\"articleBody\"",
            " hidden",
            " role=\"navigation\"",
            " datetime=\"2019-12-29\"",
            " property=\"og:title\" content=\"T\"",
            " type=\"application/ld+json\"",
            " class=\"",
        ]);
        let piece = prop_oneof![
            (tag.clone(), attr).prop_map(|(t, a)| format!("<{t}{a}>")),
            tag.prop_map(|t| format!("</{t}>")),
            "[a-zA-Z .,&;{}\"<>]{0,20}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_text_never_panics(input in ".{0,300}") {
            let _ = parse_html(&input);
            let _ = fragment_to_text(&input);
        }

        #[test]
        fn tag_soup_never_panics(input in html_fragment()) {
            if let Some(article) = parse_html(&input) {
                prop_assert!(!article.title.is_empty() || !article.body.trim().is_empty());
            }
            let _ = fragment_to_text(&input);
        }
    }
}
