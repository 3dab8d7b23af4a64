//! WARC files (`.warc`, `.warc.gz`), the format web crawls and news archives are distributed
//! in: each HTML page captured in a `response` (or `resource`) record is an article, with the
//! record's `WARC-Target-URI` as its url and, when the page itself gives no publication date,
//! the record's `WARC-Date` (the capture time: a real date attached to that copy of the page).
//!
//! Request, metadata, warcinfo and revisit records, non-HTML payloads (images, scripts, JSON)
//! and responses that are not a success (redirects, 404 pages) are not articles and are passed
//! over silently. A broken record (bad header, a `Content-Length` that runs past the end of the
//! file) is reported as a warning, and reading resumes at the next `WARC/` header, so one bad
//! record does not lose the rest of a crawl.
//!
//! This is a small parser of its own rather than the `warc` crate: the file is already in
//! memory, decompressed (`.warc.gz` is a series of gzip members, which the shared reader
//! decompresses under the size limit), so records are slices found by their
//! `Content-Length`. The crate (0.4) instead re-reads lines through its own gzip layer, needs
//! CRLF line ends, cannot resume after a broken record, and adds 4 to an untrusted
//! `Content-Length` without a check, which overflows on a hostile length.

use std::io::Read;

use super::date::parse_date;
use super::decode::{declared_charset, decode, encoding_for_label};
use super::html::parse_html;
use crate::model::Article;

/// Warnings reported one by one before they are summed up in a single line.
const MAX_RECORD_WARNINGS: usize = 5;

/// One record's named header fields (names lowercased) and its content block.
struct Record<'a> {
    headers: Vec<(String, String)>,
    block: &'a [u8],
}

impl Record<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// Whether a file starts like a WARC file.
pub fn looks_like_warc(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"WARC/")
}

/// Parse the records of a WARC file into articles. `max_payload_bytes` bounds each payload
/// once decompressed (pages sent with `Content-Encoding: gzip`). `Err` when the file is not a
/// WARC file at all.
pub fn parse_warc(
    bytes: &[u8],
    max_payload_bytes: u64,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>, String> {
    if !looks_like_warc(bytes) {
        return Err("not a WARC file (it does not start with a WARC/1.x header)".into());
    }
    let mut articles = Vec::new();
    let mut problems = 0usize;
    let mut warn = |warnings: &mut Vec<String>, message: String| {
        problems += 1;
        if problems <= MAX_RECORD_WARNINGS {
            warnings.push(message);
        }
    };
    let mut pos = 0;
    let mut number = 0;
    while pos < bytes.len() {
        pos += bytes[pos..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len() - pos);
        if pos >= bytes.len() {
            break;
        }
        number += 1;
        let rest = &bytes[pos..];
        if !rest.starts_with(b"WARC/") {
            warn(
                warnings,
                format!(
                    "record {number}: no WARC header where one should start, skipped to the next record"
                ),
            );
            match find(rest, b"\nWARC/") {
                Some(i) => {
                    pos += i + 1;
                    continue;
                }
                None => break,
            }
        }
        let Some((header_len, block_start)) = blank_line(rest) else {
            warn(
                warnings,
                format!("record {number}: its header never ends (the file is cut short)"),
            );
            break;
        };
        let headers = parse_headers(&rest[..header_len]);
        let length =
            header(&headers, "content-length").and_then(|l| l.trim().parse::<usize>().ok());
        let Some(length) = length else {
            warn(
                warnings,
                format!("record {number}: missing or invalid Content-Length, skipped"),
            );
            match find(&rest[block_start..], b"\nWARC/") {
                Some(i) => {
                    pos += block_start + i + 1;
                    continue;
                }
                None => break,
            }
        };
        let Some(block) = block_start
            .checked_add(length)
            .and_then(|end| rest.get(block_start..end))
        else {
            warn(
                warnings,
                format!(
                    "record {number}: Content-Length {length} runs past the end of the file (cut short), skipped"
                ),
            );
            break;
        };
        pos += block_start + length;
        let record = Record { headers, block };
        match article_of(&record, max_payload_bytes) {
            Ok(Some((article, record_warnings))) => {
                let label = record.header("warc-target-uri").unwrap_or("?").to_string();
                for warning in record_warnings {
                    warn(warnings, format!("record {number} ({label}): {warning}"));
                }
                articles.push(article);
            }
            Ok(None) => {}
            Err(why) => warn(warnings, format!("record {number}: {why}, skipped")),
        }
    }
    if problems > MAX_RECORD_WARNINGS {
        warnings.push(format!(
            "{} more record warnings",
            problems - MAX_RECORD_WARNINGS
        ));
    }
    Ok(articles)
}

/// The article of one record, with warnings about decoding it; `None` for records that are
/// not HTML pages.
fn article_of(
    record: &Record<'_>,
    max_payload_bytes: u64,
) -> Result<Option<(Article, Vec<String>)>, String> {
    let kind = record
        .header("warc-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let block_type = record
        .header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (payload, content_type) = match kind.as_str() {
        "response" if block_type.starts_with("application/http") => {
            let Some(response) = http_response(record.block) else {
                return Err("its HTTP response cannot be read".into());
            };
            if !(200..300).contains(&response.status) {
                return Ok(None);
            }
            let payload = decode_transfer(&response, max_payload_bytes)?;
            (payload, response.header("content-type").map(str::to_string))
        }
        "resource" => (record.block.to_vec(), Some(block_type.clone())),
        _ => return Ok(None),
    };
    let is_html = match &content_type {
        Some(t) => {
            let t = t.to_ascii_lowercase();
            t.contains("text/html") || t.contains("application/xhtml")
        }
        None => sniff_html(&payload),
    };
    if !is_html || payload.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let declared = content_type
        .as_deref()
        .and_then(|t| {
            t.split(';')
                .filter_map(|param| param.trim().split_once('='))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
                .and_then(|(_, value)| encoding_for_label(value))
        })
        .or_else(|| declared_charset(&payload));
    let mut warnings = Vec::new();
    let text = decode(payload, declared, &mut warnings);
    let Some(mut article) = parse_html(&text) else {
        return Ok(None);
    };
    if let Some(uri) = record.header("warc-target-uri") {
        let uri = uri.trim().trim_start_matches('<').trim_end_matches('>');
        if !uri.is_empty() {
            article.url = Some(uri.to_string());
        }
    }
    if article.date.is_none() {
        article.date = record.header("warc-date").and_then(parse_date);
    }
    Ok(Some((article, warnings)))
}

/// An HTTP response as recorded: status, headers (names lowercased), the raw body.
struct HttpResponse<'a> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl HttpResponse<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn http_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_len, body_start) = blank_line(block)?;
    let head = String::from_utf8_lossy(&block[..head_len]);
    let status_line = head.lines().next()?;
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    Some(HttpResponse {
        status,
        headers: parse_headers(&block[..head_len]),
        body: &block[body_start..],
    })
}

/// Undo `Transfer-Encoding: chunked` and `Content-Encoding: gzip`/`deflate`, the latter within
/// the size limit (a recorded page can be a compression bomb too).
fn decode_transfer(response: &HttpResponse<'_>, max_bytes: u64) -> Result<Vec<u8>, String> {
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let body = if chunked {
        dechunk(response.body)
    } else {
        response.body.to_vec()
    };
    let encoding = response
        .header("content-encoding")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let reader: Box<dyn Read + '_> = match encoding.as_str() {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(body.as_slice())),
        "deflate" => Box::new(flate2::read::ZlibDecoder::new(body.as_slice())),
        other => {
            return Err(format!(
                "page compressed as '{other}', which newsdex does not read"
            ));
        }
    };
    let mut out = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| format!("compressed page cannot be read ({err})"))?;
    if out.len() as u64 > max_bytes {
        return Err(format!(
            "page larger than the {} MiB limit once decompressed",
            max_bytes / (1024 * 1024)
        ));
    }
    Ok(out)
}

/// The body of a chunked transfer; a broken chunk ends it with what was read so far.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    while let Some(line_end) = find(body, b"\n") {
        let line = String::from_utf8_lossy(&body[..line_end]);
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = line_end + 1;
        let Some(chunk) = start.checked_add(size).and_then(|end| body.get(start..end)) else {
            out.extend_from_slice(body.get(start..).unwrap_or_default());
            break;
        };
        out.extend_from_slice(chunk);
        let mut next = start + size;
        for expected in [b'\r', b'\n'] {
            if body.get(next) == Some(&expected) {
                next += 1;
            }
        }
        body = &body[next..];
    }
    out
}

fn sniff_html(payload: &[u8]) -> bool {
    let head = &payload[..payload.len().min(1024)];
    let head = String::from_utf8_lossy(head)
        .trim_start()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// `Name: value` lines after the first line (the version or status line), names lowercased.
/// Continuation lines (starting with a space) extend the previous value.
fn parse_headers(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.lines().skip(1) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    headers
}

/// The end of a header block: (length of the header, start of what follows the blank line),
/// for CRLF or bare LF line ends.
fn blank_line(bytes: &[u8]) -> Option<(usize, usize)> {
    let crlf = find(bytes, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = find(bytes, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A WARC record with a correct Content-Length.
    pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-04T06:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &str = "<html><head><title>Rockets hit Green Zone</title></head><body><p>Three rockets landed near the embassy on Sunday night.</p></body></html>";

    #[test]
    fn html_responses_become_articles_and_other_records_do_not() {
        let mut warc = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        warc.extend(record(
            "request",
            "https://example.org/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://example.org/a",
            "application/http; msgtype=response",
            &response(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                PAGE.as_bytes(),
            ),
        ));
        warc.extend(record(
            "response",
            "https://example.org/logo.png",
            "application/http; msgtype=response",
            &response(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
        ));
        warc.extend(record(
            "response",
            "https://example.org/old",
            "application/http; msgtype=response",
            &response(
                "301 Moved Permanently",
                "Location: /a\r\nContent-Type: text/html\r\n",
                b"<html><body><p>Moved</p></body></html>",
            ),
        ));
        let mut warnings = Vec::new();
        let articles = parse_warc(&warc, 1 << 20, &mut warnings).expect("a WARC file");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title, "Rockets hit Green Zone");
        assert_eq!(articles[0].url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            articles[0].date.map(|d| d.to_rfc3339()),
            Some("2020-01-04T06:00:00+00:00".into()),
            "the capture date stands in for a page without one"
        );
    }

    #[test]
    fn chunked_gzipped_latin1_pages_are_read() {
        use std::io::Write;
        let page = b"<html><body><h1>Caf\xe9 closed</h1><p>The caf\xe9 near the port shut on Monday.</p></body></html>";
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(page).expect("gzip");
        let gz = encoder.finish().expect("gzip");
        let (first, second) = gz.split_at(gz.len() / 2);
        let mut chunked = format!("{:x}\r\n", first.len()).into_bytes();
        chunked.extend_from_slice(first);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", second.len()).as_bytes());
        chunked.extend_from_slice(second);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let body = response(
            "200 OK",
            "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let warc = record(
            "response",
            "https://example.org/cafe",
            "application/http;msgtype=response",
            &body,
        );
        let mut warnings = Vec::new();
        let articles = parse_warc(&warc, 1 << 20, &mut warnings).expect("a WARC file");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles[0].title, "Café closed");
        assert!(articles[0].body.contains("The café near the port"));
    }

    #[test]
    fn a_broken_record_is_reported_and_reading_resumes() {
        let good = record(
            "response",
            "https://example.org/a",
            "application/http",
            &response("200 OK", "Content-Type: text/html\r\n", PAGE.as_bytes()),
        );
        let mut warc =
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\ngarbage\r\n\r\n"
                .to_vec();
        warc.extend(&good);
        warc.extend(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nshort",
        );
        let mut warnings = Vec::new();
        let articles = parse_warc(&warc, 1 << 20, &mut warnings).expect("a WARC file");
        assert_eq!(articles.len(), 1);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("Content-Length"), "{warnings:?}");
        assert!(warnings[1].contains("record 3"), "{warnings:?}");
        let mut warnings = Vec::new();
        assert!(parse_warc(b"<html></html>", 1 << 20, &mut warnings).is_err());
    }

    #[test]
    fn a_compressed_page_past_the_limit_is_refused() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![b' '; 4 << 20]).expect("gzip");
        let bomb = encoder.finish().expect("gzip");
        let body = response(
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &bomb,
        );
        let warc = record(
            "response",
            "https://example.org/bomb",
            "application/http",
            &body,
        );
        let mut warnings = Vec::new();
        let articles = parse_warc(&warc, 1 << 20, &mut warnings).expect("a WARC file");
        assert!(articles.is_empty());
        assert!(warnings[0].contains("limit"), "{warnings:?}");
    }

    fn warc_soup() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "WARC/1.0\r\n",
                "WARC-Type: response\r\n",
                "WARC-Type: resource\r\n",
                "Content-Type: application/http\r\n",
                "Content-Type: text/html\r\n",
                "Content-Length: 0\r\n",
                "Content-Length: 12\r\n",
                "Content-Length: 999\r\n",
                "\r\n",
                "\n",
                "HTTP/1.1 200 OK\r\n",
                "Transfer-Encoding: chunked\r\n",
                "Content-Encoding: gzip\r\n",
                "5\r\nhello\r\n0\r\n",
                "<html><p>x</p></html>",
                "WARC-Date: 2020-01-01T00:00:00Z\r\n",
            ])
            .prop_map(|s| s.as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 0..8),
        ];
        prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let mut warnings = Vec::new();
            let _ = parse_warc(&bytes, 1 << 16, &mut warnings);
            let _ = dechunk(&bytes);
        }

        #[test]
        fn warc_shaped_soup_never_panics(bytes in warc_soup()) {
            let mut warnings = Vec::new();
            let _ = parse_warc(&bytes, 1 << 16, &mut warnings);
        }
    }
}
