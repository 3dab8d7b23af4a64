//! The web and export formats (HTML, CSV/TSV, RSS/Atom, WARC, each also gzipped), the field
//! mapping and the bad-input cases around them, through the CLI and the library.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{gzip, index_json, newsdex, temp_archive};
use newsdex::ingest::{self, Format, Limits, SkipReason, SourceFile};
use serde_json::Value;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn read_fixture(name: &str) -> Vec<u8> {
    fs::read(fixture(name)).expect("fixture")
}

/// One WARC record with the right `Content-Length`.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{len}>\r\nWARC-Date: 2020-03-12T04:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\r\n",
        len = block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

/// A small crawl: the fixture page and an undated page as HTML responses, plus the request
/// for the first, an image response and a metadata record, which are not articles.
fn crawl() -> Vec<u8> {
    let page = read_fixture("news-page.html");
    let undated = b"<html><head><title>Port of Basra reopens</title></head><body><div class=\"text\"><p>Cargo handling resumed at Umm Qasr on Thursday after a three-day closure caused by protests at the gates.</p></div></body></html>";
    let mut warc = warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test-crawler/1.0\r\nformat: WARC File Format 1.1\r\n",
    );
    warc.extend(warc_record(
        "request",
        "https://example.org/iraq/2020/03/11/camp-taji-rockets",
        "application/http; msgtype=request",
        b"GET /iraq/2020/03/11/camp-taji-rockets HTTP/1.1\r\nHost: example.org\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://example.org/iraq/2020/03/11/camp-taji-rockets",
        "application/http; msgtype=response",
        &http_response("Content-Type: text/html; charset=utf-8\r\n", &page),
    ));
    warc.extend(warc_record(
        "response",
        "https://example.org/img/taji.jpg",
        "application/http; msgtype=response",
        &http_response(
            "Content-Type: image/jpeg\r\n",
            &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10],
        ),
    ));
    warc.extend(warc_record(
        "metadata",
        "https://example.org/iraq/2020/03/11/camp-taji-rockets",
        "application/warc-fields",
        b"outlink: https://example.org/iraq\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://example.org/business/basra-port",
        "application/http; msgtype=response",
        &http_response("Content-Type: text/html\r\n", undated),
    ));
    warc
}

/// The articles of all hits of a search, by title.
fn articles(index: &Path, query: &str) -> Vec<Value> {
    let output = newsdex()
        .args([
            "search",
            "--json",
            "-n",
            "100",
            "--keep-duplicates",
            "--index",
        ])
        .arg(index)
        .arg(query)
        .output()
        .expect("runs");
    let doc: Value = serde_json::from_slice(&output.stdout).expect("search JSON");
    let mut seen = Vec::new();
    for hit in doc["hits"].as_array().expect("hits") {
        let article = hit["article"].clone();
        if !seen.iter().any(|a: &Value| a["id"] == article["id"]) {
            seen.push(article);
        }
    }
    seen
}

fn article_titled<'a>(all: &'a [Value], title: &str) -> &'a Value {
    all.iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no article titled {title:?} in {all:#?}"))
}

fn skipped_kinds(summary: &Value) -> Vec<(String, String)> {
    summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap_or_default().to_string(),
                s["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_web_and_export_format_is_indexed_plain_and_gzipped() {
    let dir = TempDir::new().expect("temp");
    let root = dir.path().join("archive");
    fs::create_dir_all(root.join("gz")).expect("mkdir");
    for name in [
        "news-page.html",
        "gulf-desk.rss",
        "levant-wire.atom",
        "desk-export.csv",
        "meridian-export.tsv",
    ] {
        fs::copy(fixture(name), root.join(name)).expect("copy");
        fs::write(
            root.join("gz").join(format!("{name}.gz")),
            gzip(&read_fixture(name)),
        )
        .expect("write");
    }
    fs::write(root.join("crawl.warc"), crawl()).expect("write");
    fs::write(root.join("gz/crawl.warc.gz"), gzip(&crawl())).expect("write");
    // A feed saved as .xml is read as a feed; a sitemap is not a feed.
    fs::copy(fixture("gulf-desk.rss"), root.join("gz/feed-copy.xml")).expect("copy");
    fs::write(
        root.join("sitemap.xml"),
        "<?xml version=\"1.0\"?><urlset><url><loc>https://example.org/</loc></url></urlset>",
    )
    .expect("write");

    let index = dir.path().join("index");
    let (code, summary) = index_json(&root, &index, &[]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(
        skipped_kinds(&summary),
        vec![("sitemap.xml".to_string(), "unsupported format".to_string())]
    );
    assert!(
        summary["warnings"].as_array().is_some_and(Vec::is_empty),
        "{summary}"
    );
    // page 1, RSS 3, Atom 2, CSV 3, TSV 2, WARC 2: 13, twice, plus the .xml feed's 3.
    assert_eq!(summary["articles"], 29, "{summary}");

    let taji = articles(&index, "Katyusha rockets Camp Taji");
    let page = taji
        .iter()
        .find(|a| a["path"] == "news-page.html")
        .expect("the HTML page");
    assert_eq!(
        page["title"],
        "Rockets strike Camp Taji, killing three coalition personnel"
    );
    assert_eq!(page["author"], "Huda Rashed");
    assert_eq!(page["source"], "Tigris Bulletin");
    assert_eq!(page["date"], "2020-03-11T19:40:00Z");
    assert_eq!(
        page["url"],
        "https://example.org/iraq/2020/03/11/camp-taji-rockets"
    );
    let warc_copy = taji
        .iter()
        .find(|a| a["path"] == "crawl.warc")
        .expect("the page inside the WARC file");
    assert_eq!(
        warc_copy["date"], "2020-03-11T19:40:00Z",
        "the page's own date wins"
    );
    assert_eq!(warc_copy["record"], 0);

    let basra = articles(&index, "Umm Qasr cargo");
    let basra = article_titled(&basra, "Port of Basra reopens");
    assert_eq!(basra["url"], "https://example.org/business/basra-port");
    assert_eq!(
        basra["date"], "2020-03-12T04:00:00Z",
        "an undated page in a WARC file takes the capture date"
    );

    let drone = articles(&index, "Global Hawk drone");
    let drone = article_titled(
        &drone,
        "US surveillance drone shot down over the Strait of Hormuz",
    );
    assert_eq!(drone["source"], "Gulf Desk");
    assert_eq!(drone["author"], "Karim Haddad");
    assert_eq!(drone["date"], "2019-06-20T04:15:00Z");
    assert_eq!(drone["url"], "https://example.org/2019/06/20/drone-hormuz");
    let note = articles(&index, "reporters Muscat Doha");
    assert_eq!(
        article_titled(&note, "Editor's note on our Gulf coverage")["date"],
        Value::Null,
        "an undated item stays undated: the feed's build date is not its date"
    );

    let vote = articles(&index, "parliament resolution foreign troops");
    let vote = article_titled(
        &vote,
        "Iraqi parliament votes to end foreign troop presence",
    );
    assert_eq!(vote["source"], "Levant Wire");
    assert_eq!(vote["date"], "2020-01-05T14:20:00Z");
    assert_eq!(
        vote["standfirst"],
        "Lawmakers backed a non-binding resolution two days after the Baghdad airport strike."
    );
    let funerals = articles(&index, "Ahvaz Mashhad");
    assert_eq!(
        article_titled(&funerals, "Funeral crowds fill Ahvaz and Mashhad")["date"],
        "2020-01-06T12:00:00Z"
    );

    let tanker = articles(&index, "Stena Impero Bandar Abbas");
    let tanker = article_titled(&tanker, "Iran seizes British-flagged tanker, Stena Impero");
    assert_eq!(tanker["id"], "desk-101");
    assert_eq!(tanker["author"], "Omar Said");
    assert_eq!(tanker["date"], "2019-07-19T00:00:00Z");
    let oil = articles(&index, "Brent crude");
    assert_eq!(
        article_titled(&oil, "Oil prices jump by the most in decades")["date"],
        "2019-09-14T22:10:00Z"
    );

    let najaf = articles(&index, "Najaf mourners");
    let najaf = article_titled(&najaf, "Militia leader buried in Najaf");
    assert_eq!(najaf["source"], "Meridian News");
    assert_eq!(najaf["date"], "2020-01-07T07:00:00Z");
    assert_eq!(najaf["author"], Value::Null);
}

#[test]
fn page_furniture_is_not_indexed() {
    let (dir, root) = temp_archive();
    fs::copy(fixture("news-page.html"), root.join("page.html")).expect("copy");
    fs::copy(fixture("gulf-desk.rss"), root.join("feed.rss")).expect("copy");
    let index = dir.path().join("index");
    assert_eq!(index_json(&root, &index, &[]).0, 0);
    assert_eq!(
        articles(&index, "Katyusha").len(),
        1,
        "the story itself is indexed"
    );
    // Words that appear only in the navigation, ads, cookie banner, related links,
    // newsletter box, footer and scripts of the page, and in an ad inside a feed item.
    for furniture in [
        "Horoscopes",
        "Zephyrcorp",
        "cookies",
        "Marmalade",
        "Subscribe",
        "Copyright",
        "analyticsQueue",
        "Ferrowind",
        "Facebook",
    ] {
        let found = articles(&index, furniture);
        assert!(found.is_empty(), "{furniture} was indexed: {found:#?}");
    }
}

#[test]
fn the_map_flag_reads_renamed_columns_and_keys() {
    let (dir, root) = temp_archive();
    fs::write(
        root.join("cms.csv"),
        "slug;hed;copytext;filed_at;desk\nkh-strikes;Jets strike five militia sites;Warplanes hit weapons depots near Al-Qaim on Sunday.;2019-12-29 21:00;Foreign\n",
    )
    .expect("write");
    fs::write(
        root.join("cms.jsonl"),
        "{\"hed\": \"Embassy gate set alight\", \"copytext\": \"Protesters burned a reception area at the embassy gate.\", \"filed_at\": \"2019-12-31\"}\n",
    )
    .expect("write");

    let index = dir.path().join("index");
    let (code, summary) = index_json(
        &root,
        &index,
        &[
            "--map",
            "title=hed,body=copytext",
            "--map",
            "date=filed_at,id=slug",
        ],
    );
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["articles"], 2, "{summary}");
    let strikes = articles(&index, "weapons depots Al-Qaim");
    let strikes = article_titled(&strikes, "Jets strike five militia sites");
    assert_eq!(strikes["id"], "kh-strikes");
    assert_eq!(strikes["date"], "2019-12-29T21:00:00Z");
    let gate = articles(&index, "reception embassy gate");
    assert_eq!(
        article_titled(&gate, "Embassy gate set alight")["date"],
        "2019-12-31T00:00:00Z"
    );

    // Without the mapping these exports have no title or body column newsdex knows.
    let plain = dir.path().join("plain");
    let (_, summary) = index_json(&root, &plain, &[]);
    assert_eq!(summary["articles"], 0, "{summary}");

    newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(dir.path().join("bad"))
        .args(["--map", "headline=title"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown field 'headline'"));
}

#[test]
fn bad_web_and_export_files_are_skipped_or_warned_and_never_stop_the_run() {
    let (dir, root) = temp_archive();
    fs::copy(fixture("desk-export.csv"), root.join("good.csv")).expect("copy");
    // Latin-1 page that declares its charset: read as declared, silently.
    fs::write(
        root.join("declared-latin1.html"),
        b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 society in Beirut</title></head><body><p>The caf\xe9s of Hamra Street stayed open through the protests.</p></body></html>",
    )
    .expect("write");
    // Latin-1 export with no declaration: read as windows-1252, with a warning.
    fs::write(
        root.join("latin1.csv"),
        b"title,body\nR\xe9sum\xe9 of the week,Th\xe9 talks in Gen\xe8ve resumed.\n",
    )
    .expect("write");
    // A CSV with a row broken by an unquoted delimiter keeps its good rows.
    fs::write(
        root.join("broken-row.csv"),
        "title,body,date\nFirst good row,Body one.,2020-01-01\nBroken, row, has, too many, fields\nSecond good row,Body two.,2020-01-02\n",
    )
    .expect("write");
    fs::write(
        root.join("broken.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut off",
    )
    .expect("write");
    fs::write(
        root.join("binary.html"),
        [0x3cu8, 0x68, 0, 0, 0xff, 0xfe, 0x01],
    )
    .expect("write");
    fs::write(root.join("empty.csv"), "").expect("write");
    fs::write(
        root.join("scripts-only.html"),
        "<html><body><script>render()</script></body></html>",
    )
    .expect("write");
    fs::write(root.join("not-a-warc.warc"), "this is not a web archive").expect("write");
    let warc = crawl();
    let cut = warc.len() - 200;
    fs::write(root.join("cut-short.warc"), &warc[..cut]).expect("write");
    let gz = gzip(&read_fixture("levant-wire.atom"));
    fs::write(root.join("truncated.atom.gz"), &gz[..gz.len() / 2]).expect("write");

    let index = dir.path().join("index");
    let (code, summary) = index_json(&root, &index, &[]);
    assert_eq!(code, 0, "{summary}");
    let kinds = skipped_kinds(&summary);
    for (path, kind) in [
        ("binary.html", "binary"),
        ("broken.rss", "malformed"),
        ("empty.csv", "empty"),
        ("scripts-only.html", "no articles"),
        ("not-a-warc.warc", "malformed"),
        ("truncated.atom.gz", "truncated gzip"),
    ] {
        assert!(
            kinds.contains(&(path.to_string(), kind.to_string())),
            "{path} not skipped as {kind}: {kinds:?}"
        );
    }
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    // good.csv 3, declared-latin1 1, latin1.csv 1, broken-row.csv 2, cut-short.warc 1 (the
    // first page; the last record runs past the end of the file).
    assert_eq!(summary["articles"], 8, "{summary}");
    let warnings = summary["warnings"].to_string();
    assert!(
        warnings.contains("latin1.csv") && warnings.contains("windows-1252"),
        "{warnings}"
    );
    assert!(!warnings.contains("declared-latin1.html"), "{warnings}");
    assert!(
        warnings.contains("broken-row.csv") && warnings.contains("row 3"),
        "{warnings}"
    );
    assert!(
        warnings.contains("cut-short.warc") && warnings.contains("past the end"),
        "{warnings}"
    );
    let cafe = articles(&index, "Hamra");
    assert_eq!(
        article_titled(&cafe, "Café society in Beirut")["path"],
        "declared-latin1.html"
    );
    let talks = articles(&index, "Genève");
    assert_eq!(
        article_titled(&talks, "Résumé of the week")["path"],
        "latin1.csv"
    );
}

#[test]
fn a_gzip_bomb_is_cut_off_at_the_size_limit() {
    let (dir, root) = temp_archive();
    // 3 MiB of one repeated line compresses to a few kilobytes.
    let line = "{\"title\": \"t\", \"body\": \"padding padding padding padding\"}\n";
    let expanded = line.repeat(3 * 1024 * 1024 / line.len() + 1);
    let bomb = gzip(expanded.as_bytes());
    assert!(bomb.len() < 64 * 1024, "{} bytes compressed", bomb.len());
    fs::write(root.join("bomb.jsonl.gz"), &bomb).expect("write");
    fs::write(
        root.join("bomb.html.gz"),
        gzip(&vec![b' '; 3 * 1024 * 1024]),
    )
    .expect("write");
    fs::write(
        root.join("small.jsonl.gz"),
        gzip(b"{\"title\": \"Small file\", \"body\": \"Fits easily.\"}\n"),
    )
    .expect("write");
    let index = dir.path().join("index");
    let (code, summary) = index_json(&root, &index, &["--max-file-size", "1"]);
    assert_eq!(code, 0, "{summary}");
    let kinds = skipped_kinds(&summary);
    assert!(
        kinds.contains(&("bomb.jsonl.gz".into(), "too large".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("bomb.html.gz".into(), "too large".into())),
        "{kinds:?}"
    );
    assert_eq!(summary["articles"], 1);

    // The library stops reading at the limit rather than after decompressing everything.
    let file = source_file(&root.join("bomb.jsonl.gz"), &root);
    let limits = Limits {
        max_file_bytes: 1024 * 1024,
        ..Limits::default()
    };
    assert_eq!(
        ingest::parse_file(&file, &limits).map(|p| p.articles.len()),
        Err(SkipReason::TooLarge { limit: 1024 * 1024 })
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_get_one_line_each() {
    let dir = TempDir::new().expect("temp");
    let root = dir.path().join("archive");
    fs::create_dir_all(root.join("sub")).expect("mkdir");
    fs::copy(fixture("news-page.html"), root.join("page.html")).expect("copy");
    std::os::unix::fs::symlink("..", root.join("sub/back-to-top")).expect("symlink");
    let locked = root.join("locked.csv");
    fs::copy(fixture("desk-export.csv"), &locked).expect("copy");
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads any file whatever its mode: only then is the file expected to be read.
    let can_read_anyway = fs::File::open(&locked).is_ok();

    let index = dir.path().join("index");
    let output = newsdex()
        .arg("index")
        .arg(&root)
        .arg("--index")
        .arg(&index)
        .output()
        .expect("runs");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).expect("chmod back");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let loop_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("back-to-top"))
        .collect();
    assert_eq!(loop_lines.len(), 1, "{stderr}");
    assert!(loop_lines[0].contains("loop"), "{stderr}");
    if can_read_anyway {
        println!("running as root: a mode-000 file is still readable, its skip is not checked");
    } else {
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("locked.csv"))
            .collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].contains("cannot be read"), "{stderr}");
        assert!(stderr.contains("2 unreadable"), "{stderr}");
    }
}

fn source_file(path: &Path, root: &Path) -> SourceFile {
    let (format, gzip) = Format::detect(path).expect("a known format");
    let meta = fs::metadata(path).expect("metadata");
    SourceFile {
        path: path.to_path_buf(),
        rel: path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned(),
        format,
        gzip,
        size: meta.len(),
        modified: meta.modified().ok(),
    }
}

#[test]
fn the_library_parses_each_fixture() {
    let root = fixture("");
    let expected = [
        ("news-page.html", Format::Html, 1),
        ("gulf-desk.rss", Format::Feed, 3),
        ("levant-wire.atom", Format::Feed, 2),
        ("desk-export.csv", Format::Csv, 3),
        ("meridian-export.tsv", Format::Tsv, 2),
    ];
    for (name, format, count) in expected {
        let file = source_file(&fixture(name), &root);
        assert_eq!(file.format, format, "{name}");
        let parsed = ingest::parse_file(&file, &Limits::default())
            .unwrap_or_else(|reason| panic!("{name}: {reason}"));
        assert_eq!(parsed.articles.len(), count, "{name}");
        assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
        for article in &parsed.articles {
            assert!(
                !article.title.is_empty() && !article.body.is_empty(),
                "{name}: {article:?}"
            );
            assert_eq!(article.path, name);
        }
    }
    let page = ingest::parse_file(
        &source_file(&fixture("news-page.html"), &root),
        &Limits::default(),
    )
    .expect("parses");
    let body = &page.articles[0].body;
    assert!(
        body.starts_with("At least eighteen Katyusha rockets"),
        "{body}"
    );
    assert!(
        body.ends_with("options were being prepared for the president."),
        "{body}"
    );
    assert_eq!(body.matches("\n\n").count(), 4, "{body}");
    for detected in ["a.htm", "a.xhtml.gz", "a.xml", "a.warc.gz", "a.TSV"] {
        assert!(Format::detect(Path::new(detected)).is_some(), "{detected}");
    }
}
