//! The gazetteer's names in a query: which entities and places the user asked about.
//!
//! People type names in lower case and in any spelling (`kataib hezbollah`, `Suleimani`,
//! `Al-Bukamal`), so the query is looked up word n-gram by word n-gram in the gazetteer's
//! alias tables, which ignore case, accents, apostrophes and hyphens. The only case rule
//! kept is for very short names: `us`, `is`, `kh` in lower case are ordinary words, `US`,
//! `IS`, `KH` are names.

use crate::analyze::gazetteer::{Gazetteer, PlaceKind, normalize};

use super::query::QUESTION_WORDS;

/// Longest name, in words, looked up.
const MAX_NAME_WORDS: usize = 6;

/// A gazetteer entity or place named in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryName {
    /// The facet of the entity or place: `/group/Kata'ib Hezbollah`, `/Iraq/Kirkuk/Kirkuk`.
    pub facet: String,
    pub is_place: bool,
    /// A country: named by most stories of a news archive, so weaker evidence.
    pub is_country: bool,
    /// Canonical name.
    pub name: String,
    /// The words as typed.
    pub typed: String,
    /// Other spellings worth searching the text for: the canonical name and the aliases,
    /// without the typed spelling and without two- and three-letter acronyms, which as
    /// lower-case text are common words (`US` → `us`). Empty for countries, whose aliases
    /// are adjectives (`American`, `Iranian`) that would turn a query about Iran into one
    /// about every story that mentions an Iranian.
    pub spellings: Vec<String>,
}

/// The names in each sequence of words (a sequence is the query's plain words, or one
/// phrase); longest match first, no overlaps, each name once.
pub fn names_in(sequences: &[Vec<String>]) -> Vec<QueryName> {
    let gazetteer = Gazetteer::builtin();
    let mut found: Vec<QueryName> = Vec::new();
    for words in sequences {
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            for len in (1..=MAX_NAME_WORDS.min(words.len() - i)).rev() {
                let span = words[i..i + len].join(" ");
                if let Some(name) = lookup(gazetteer, &span, len) {
                    if !found.iter().any(|f| f.facet == name.facet) {
                        found.push(name);
                    }
                    matched = len;
                    break;
                }
            }
            if matched == 0 {
                // `Iran-backed`, `Iraq-based`: the name before the hyphen.
                if let Some((head, _)) = words[i].split_once('-')
                    && let Some(name) = lookup(gazetteer, head, 1)
                    && !found.iter().any(|f| f.facet == name.facet)
                {
                    found.push(name);
                }
                matched = 1;
            }
            i += matched;
        }
    }
    found
}

fn lookup(gazetteer: &Gazetteer, span: &str, words: usize) -> Option<QueryName> {
    let letters: String = span.chars().filter(|c| c.is_alphanumeric()).collect();
    if words == 1 {
        let lower = span.to_lowercase();
        if QUESTION_WORDS.contains(&lower.as_str()) {
            return None;
        }
        let short = letters.chars().count() <= 3;
        if short
            && !(letters
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit()))
        {
            return None;
        }
    }
    let typed_key = normalize(span);
    let keep = |alias: &String| {
        let a: String = alias.chars().filter(|c| c.is_alphanumeric()).collect();
        let acronym = a.chars().count() <= 3;
        !acronym && normalize(alias) != typed_key
    };
    if let Some(entity) = gazetteer.entity(span) {
        let mut spellings: Vec<String> = std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .filter(|a| keep(a))
            .cloned()
            .collect();
        spellings.dedup();
        return Some(QueryName {
            facet: entity.facet(),
            is_place: false,
            is_country: false,
            name: entity.name.clone(),
            typed: span.to_string(),
            spellings,
        });
    }
    let place = gazetteer.place(span)?;
    let is_country = place.kind == PlaceKind::Country;
    let spellings = if is_country {
        Vec::new()
    } else {
        std::iter::once(&place.name)
            .chain(&place.aliases)
            .filter(|a| keep(a))
            .cloned()
            .collect()
    };
    Some(QueryName {
        facet: place.facet(),
        is_place: true,
        is_country,
        name: place.name.clone(),
        typed: span.to_string(),
        spellings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(query: &str) -> Vec<String> {
        let words: Vec<String> = query.split_whitespace().map(String::from).collect();
        names_in(&[words]).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn names_in_lower_case_and_other_spellings() {
        assert_eq!(
            names("why did the us strike kataib hezbollah"),
            ["Kata'ib Hezbollah"]
        );
        assert_eq!(
            names("the US strike on KH"),
            ["United States", "Kata'ib Hezbollah"]
        );
        assert_eq!(names("Al-Bukamal"), ["Al-Bukamal"]);
        assert_eq!(names("Albu Kamal depots"), ["Al-Bukamal"]);
        assert_eq!(names("Iran-backed militias"), ["Iran"]);
        assert!(names("is it over").is_empty());
    }

    #[test]
    fn spellings_leave_out_the_typed_one_and_acronyms() {
        let words = vec!["KH".to_string()];
        let found = names_in(&[words]);
        let kh = &found[0];
        assert!(kh.spellings.iter().any(|s| s == "Kata'ib Hezbollah"));
        assert!(kh.spellings.iter().all(|s| s != "KH"));
    }
}
