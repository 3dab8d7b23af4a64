//! Turning a file's bytes into text when they are not (all) UTF-8.
//!
//! News archives mix decades of encodings: old pages in windows-1252 or ISO-8859-x that say so
//! in a `<meta charset>`, feeds that declare `encoding="..."`, exports saved by spreadsheet
//! programs in the platform's code page, and UTF-8 files with a few damaged bytes. The order:
//!
//! 1. A byte-order mark decides (UTF-8, UTF-16LE/BE).
//! 2. Valid UTF-8 is UTF-8, whatever the page declares: a page saved as UTF-8 but still
//!    declaring its old charset is far more common than windows-1252 text that happens to be
//!    valid UTF-8 (which needs unusual byte pairs).
//! 3. A declared charset (HTML meta, XML prolog, HTTP header) is used as declared.
//! 4. Otherwise: text that is mostly valid UTF-8 with some damaged bytes keeps its UTF-8 and
//!    gets U+FFFD for the damage; text with no valid multi-byte UTF-8 at all is read as
//!    windows-1252 (a superset of Latin-1 for printable text), so `caf\xe9` reads `café`.
//!
//! Cases 4 add a warning, since the reading is a guess.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into a file to look for a declared charset: browsers look at the first 1024 bytes;
/// a little more copes with long `<head>` preambles.
const SNIFF_BYTES: usize = 4096;

/// Whether `bytes` start with a UTF-16 byte-order mark (such text is full of NUL bytes and
/// must not be taken for binary).
pub fn is_utf16(bytes: &[u8]) -> bool {
    matches!(Encoding::for_bom(bytes), Some((enc, _)) if enc == UTF_16LE || enc == UTF_16BE)
}

/// The encoding a label names (`ISO-8859-1`, `latin1`, `windows-1256`, `utf8`), by the WHATWG
/// rules browsers use.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(
        label
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .as_bytes(),
    )
}

/// The charset declared near the start of an HTML or XML document: `<meta charset="...">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">` or
/// `<?xml ... encoding="..."?>`.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    for marker in ["charset=", "encoding="] {
        let mut from = 0;
        while let Some(found) = head.get(from..).and_then(|rest| rest.find(marker)) {
            let start = from + found + marker.len();
            let value: String = head[start..]
                .trim_start_matches(['"', '\'', ' '])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = encoding_for_label(&value) {
                return Some(encoding);
            }
            from = start;
        }
    }
    None
}

/// Decode `bytes` to text (see the module documentation for the order of choices), adding a
/// warning when the reading is a guess.
pub fn decode(
    bytes: Vec<u8>,
    declared: Option<&'static Encoding>,
    warnings: &mut Vec<String>,
) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "not valid {}: invalid bytes replaced with U+FFFD",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return text,
        Err(err) => err.into_bytes(),
    };
    if let Some(encoding) = declared.filter(|enc| *enc != UTF_8) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        if had_errors {
            warnings.push(format!(
                "not valid {} as declared: invalid bytes replaced with U+FFFD",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    let lossy = String::from_utf8_lossy(&bytes);
    let damaged = lossy.chars().filter(|c| *c == '\u{fffd}').count();
    let multibyte = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != '\u{fffd}')
        .count();
    if declared == Some(UTF_8) || multibyte >= damaged {
        warnings.push("not valid UTF-8: invalid bytes replaced with U+FFFD".to_string());
        lossy.into_owned()
    } else {
        warnings.push(
            "not valid UTF-8 and no charset declared: read as windows-1252 (Latin-1)".to_string(),
        );
        WINDOWS_1252
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decoded(bytes: &[u8], declared: Option<&'static Encoding>) -> (String, Vec<String>) {
        let mut warnings = Vec::new();
        let text = decode(bytes.to_vec(), declared, &mut warnings);
        (text, warnings)
    }

    #[test]
    fn latin1_without_a_declaration_reads_as_windows_1252_with_a_warning() {
        let (text, warnings) = decoded(b"Caf\xe9 near Kirkuk \x96 Friday", None);
        assert_eq!(text, "Café near Kirkuk – Friday");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("windows-1252"), "{warnings:?}");
    }

    #[test]
    fn mostly_utf8_with_a_damaged_byte_keeps_its_utf8() {
        let (text, warnings) = decoded(
            "Kata’ib ‘Hezbollah’ \u{e9}"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xff])
                .collect::<Vec<_>>()
                .as_slice(),
            None,
        );
        assert!(text.starts_with("Kata’ib ‘Hezbollah’ é"), "{text}");
        assert!(text.ends_with('\u{fffd}'));
        assert!(warnings[0].contains("U+FFFD"));
    }

    #[test]
    fn a_declared_charset_is_used_silently_and_valid_utf8_wins() {
        let arabic = b"\xc8\xca U"; // windows-1256: two Arabic letters, then ASCII
        let (text, warnings) = decoded(arabic, encoding_for_label("windows-1256"));
        assert!(text.starts_with('\u{628}'), "{text}");
        assert!(warnings.is_empty());
        let (text, warnings) = decoded("café".as_bytes(), encoding_for_label("iso-8859-1"));
        assert_eq!(text, "café");
        assert!(warnings.is_empty());
    }

    #[test]
    fn utf16_with_a_bom_decodes() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Iraq".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert!(is_utf16(&bytes));
        assert_eq!(decoded(&bytes, None).0, "Iraq");
    }

    #[test]
    fn charsets_are_found_in_meta_tags_and_xml_prologs() {
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#;
        assert_eq!(declared_charset(page), Some(WINDOWS_1252));
        let meta = br#"<meta charset="utf-8">"#;
        assert_eq!(declared_charset(meta), Some(UTF_8));
        let xml = br#"<?xml version="1.0" encoding="windows-1256"?><rss>"#;
        assert_eq!(
            declared_charset(xml).map(|e| e.name()),
            Some("windows-1256")
        );
        assert_eq!(declared_charset(b"<p>charset=nonsense</p>"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300), label in "[a-z0-9-]{0,12}") {
            let mut warnings = Vec::new();
            let _ = decode(bytes.clone(), encoding_for_label(&label), &mut warnings);
            let _ = declared_charset(&bytes);
        }
    }
}
