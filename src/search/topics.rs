//! Topics: the stories a reader follows, as weighted vocabularies.
//!
//! A topic is a readable TOML file (`data/topics/*.toml`, compiled in; the format is described
//! in `data/topics/README.md`) holding weighted words, phrases, entities and places. Searching
//! with a topic adds, for each passage, the weighted evidence that it belongs to the story:
//! BM25 of the words and phrases, and a constant for each gazetteer entity or place the
//! passage names. Entities and places are resolved through the gazetteer when the topic is
//! loaded, so an unknown name is an error there and not a silent no-op at search time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analyze::gazetteer::Gazetteer;
use crate::analyze::tokenizer::news_terms;
use crate::error::{Error, Result};

/// The built-in topic files, in the order `newsdex topics` lists them.
const BUILTIN: &[(&str, &str)] = &[
    (
        "militia-strikes.toml",
        include_str!("../../data/topics/militia-strikes.toml"),
    ),
    (
        "iran-us-tensions.toml",
        include_str!("../../data/topics/iran-us-tensions.toml"),
    ),
    (
        "gulf-shipping.toml",
        include_str!("../../data/topics/gulf-shipping.toml"),
    ),
    (
        "israel-strikes.toml",
        include_str!("../../data/topics/israel-strikes.toml"),
    ),
];

/// One topic as written in its file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Name used on the command line (`--topic militia-strikes`, `topic:militia-strikes`).
    pub name: String,
    /// One line saying what the topic covers.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Words and their weights; analysed like the index (stemmed, folded).
    #[serde(default)]
    pub terms: BTreeMap<String, f32>,
    /// Phrases (words in order) and their weights.
    #[serde(default)]
    pub phrases: BTreeMap<String, f32>,
    /// Gazetteer entities (canonical name or alias) and their weights.
    #[serde(default)]
    pub entities: BTreeMap<String, f32>,
    /// Gazetteer places (canonical name or alias) and their weights.
    #[serde(default)]
    pub places: BTreeMap<String, f32>,
    /// Who and where the story is about: gazetteer entities or places of which a passage, or
    /// its article, must name one for the topic's full score. Words alone do not make a
    /// story: `retaliation`, `sanctions` and `uranium` are as much the vocabulary of a trade
    /// dispute or of South Africa as of Iran and the United States. Empty: no such condition.
    #[serde(default)]
    pub focus: Vec<String>,
}

/// A file holding several topics as `[[topic]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicList {
    topic: Vec<Topic>,
}

/// A topic ready to become a query: analysed terms and resolved facets.
#[derive(Debug, Clone, Default)]
pub struct ResolvedTopic {
    pub name: String,
    /// (analysed term, weight)
    pub terms: Vec<(String, f32)>,
    /// (analysed terms of the phrase with their positions, weight)
    pub phrases: Vec<(Vec<(usize, String)>, f32)>,
    /// (entity facet such as `/group/Kata'ib Hezbollah`, weight)
    pub entity_facets: Vec<(String, f32)>,
    /// (place facet such as `/Iraq/Anbar/Al-Qaim`, weight)
    pub place_facets: Vec<(String, f32)>,
    /// Entity facets of the topic's focus (see [`Topic::focus`]).
    pub focus_entities: Vec<String>,
    /// Place facets of the topic's focus; a place covers the places inside it.
    pub focus_places: Vec<String>,
    /// Every word of the topic as plain text (terms, phrases, entity and place names): what
    /// the plain BM25 baseline searches for when asked for a topic.
    pub plain_words: String,
}

/// The topics a search can use: the built-in ones and any the user added.
#[derive(Debug, Clone)]
pub struct TopicSet {
    topics: Vec<Topic>,
}

impl Default for TopicSet {
    fn default() -> Self {
        TopicSet::builtin().clone()
    }
}

impl TopicSet {
    /// The built-in topics, parsed and checked once per process.
    pub fn builtin() -> &'static TopicSet {
        static SET: std::sync::OnceLock<TopicSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| {
            let mut set = TopicSet { topics: Vec::new() };
            for (file, text) in BUILTIN {
                set.add_text(text, file)
                    .expect("the built-in topics in data/topics parse and resolve (tested)");
            }
            set
        })
    }

    /// All topics, built-in first, in file order.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The topic called `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&Topic> {
        self.topics
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Add the topics of a user's file. A topic with the name of an existing one replaces it,
    /// so a user can tune a built-in topic by copying its file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_text(&text, &path.display().to_string())
    }

    /// Add the topics of one file's text: either one topic at the top level (`name = ...`)
    /// or several `[[topic]]` tables.
    pub fn add_text(&mut self, text: &str, origin: &str) -> Result<()> {
        let value: toml::Table = toml::from_str(text)
            .map_err(|err| Error::Usage(format!("topic file {origin}: {err}")))?;
        let topics = if value.contains_key("topic") {
            toml::from_str::<TopicList>(text)
                .map_err(|err| Error::Usage(format!("topic file {origin}: {err}")))?
                .topic
        } else {
            vec![
                toml::from_str::<Topic>(text)
                    .map_err(|err| Error::Usage(format!("topic file {origin}: {err}")))?,
            ]
        };
        for topic in topics {
            resolve(&topic).map_err(|err| Error::Usage(format!("topic file {origin}: {err}")))?;
            self.topics
                .retain(|t| !t.name.eq_ignore_ascii_case(&topic.name));
            self.topics.push(topic);
        }
        Ok(())
    }

    /// The topic `name`, resolved; the error lists the known names.
    pub fn resolve(&self, name: &str) -> Result<ResolvedTopic> {
        let topic = self.get(name).ok_or_else(|| {
            let names: Vec<&str> = self.topics.iter().map(|t| t.name.as_str()).collect();
            Error::Usage(format!(
                "unknown topic '{name}': known topics are {} (see `newsdex topics`; add your own with --topics FILE)",
                names.join(", ")
            ))
        })?;
        resolve(topic).map_err(Error::Usage)
    }
}

/// Check a topic and turn it into analysed terms and facets.
fn resolve(topic: &Topic) -> std::result::Result<ResolvedTopic, String> {
    let name = &topic.name;
    if name.trim().is_empty() || name.contains(char::is_whitespace) {
        return Err(format!(
            "topic name '{name}' must be one word (letters, digits, hyphens)"
        ));
    }
    let weight = |what: &str, w: f32| {
        if w.is_finite() && w > 0.0 && w <= 100.0 {
            Ok(w)
        } else {
            Err(format!(
                "topic {name}: weight of '{what}' must be a number above 0 and at most 100, not {w}"
            ))
        }
    };
    let gazetteer = Gazetteer::builtin();
    let mut resolved = ResolvedTopic {
        name: name.clone(),
        ..ResolvedTopic::default()
    };
    let mut plain = Vec::new();
    for (word, &w) in &topic.terms {
        let w = weight(word, w)?;
        let terms = news_terms(word);
        if terms.is_empty() {
            return Err(format!(
                "topic {name}: term '{word}' is a stop word or empty; remove it"
            ));
        }
        for term in terms {
            resolved.terms.push((term, w));
        }
        plain.push(word.clone());
    }
    for (phrase, &w) in &topic.phrases {
        let w = weight(phrase, w)?;
        let terms = positioned_terms(phrase);
        match terms.len() {
            0 => return Err(format!("topic {name}: phrase '{phrase}' has no words")),
            1 => resolved
                .terms
                .extend(terms.into_iter().map(|(_, term)| (term, w))),
            _ => resolved.phrases.push((terms, w)),
        }
        plain.push(phrase.clone());
    }
    for (entity, &w) in &topic.entities {
        let w = weight(entity, w)?;
        let found = gazetteer.entity(entity).ok_or_else(|| {
            format!("topic {name}: entity '{entity}' is not in the gazetteer (data/entities.tsv)")
        })?;
        resolved.entity_facets.push((found.facet(), w));
        plain.push(found.name.clone());
    }
    for (place, &w) in &topic.places {
        let w = weight(place, w)?;
        let found = gazetteer.place(place).ok_or_else(|| {
            format!("topic {name}: place '{place}' is not in the gazetteer (data/places.tsv)")
        })?;
        resolved.place_facets.push((found.facet(), w));
        plain.push(found.name.clone());
    }
    for name_or_alias in &topic.focus {
        // An entity first: a group named after its country's word (`Hezbollah`) is the group.
        if let Some(found) = gazetteer.entity(name_or_alias) {
            resolved.focus_entities.push(found.facet());
        } else if let Some(found) = gazetteer.place(name_or_alias) {
            resolved.focus_places.push(found.facet());
        } else {
            return Err(format!(
                "topic {name}: focus '{name_or_alias}' is neither an entity nor a place of the gazetteer (data/entities.tsv, data/places.tsv)"
            ));
        }
    }
    if resolved.terms.is_empty()
        && resolved.phrases.is_empty()
        && resolved.entity_facets.is_empty()
        && resolved.place_facets.is_empty()
    {
        return Err(format!(
            "topic {name} has no terms, phrases, entities or places"
        ));
    }
    resolved.plain_words = plain.join(" ");
    Ok(resolved)
}

/// The `news` terms of `text` with their positions relative to the first one (stop words
/// leave gaps, as they do in the index).
pub fn positioned_terms(text: &str) -> Vec<(usize, String)> {
    use tantivy::tokenizer::TokenStream;
    let mut analyzer = crate::analyze::tokenizer::news_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out: Vec<(usize, String)> = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    if let Some(first) = out.first().map(|(p, _)| *p) {
        for (p, _) in &mut out {
            *p -= first;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_topics_parse_and_resolve() {
        let set = TopicSet::builtin();
        for name in [
            "militia-strikes",
            "iran-us-tensions",
            "gulf-shipping",
            "israel-strikes",
        ] {
            let topic = set.resolve(name).expect(name);
            assert!(!topic.terms.is_empty() && !topic.place_facets.is_empty());
            assert!(!topic.focus_places.is_empty(), "{name} has no focus place");
        }
        // A focus name is an entity if the gazetteer has one by that name, else a place.
        let iran = set.resolve("iran-us-tensions").expect("resolves");
        assert!(iran.focus_places.contains(&"/Iran".to_string()));
        assert!(
            iran.focus_entities
                .iter()
                .any(|f| f.ends_with("/Quds Force"))
        );
        assert!(set.resolve("no-such-topic").is_err());
    }

    #[test]
    fn user_topics_are_checked() {
        let mut set = TopicSet::builtin().clone();
        let ok = "name = \"fed\"\n[terms]\nrate = 1.0\n[phrases]\n\"interest rates\" = 2.0\n";
        set.add_text(ok, "test").expect("valid topic");
        assert!(set.resolve("FED").is_ok());
        let list = "[[topic]]\nname = \"a\"\nterms = { oil = 1.0 }\n[[topic]]\nname = \"b\"\nplaces = { Iraq = 1.0 }\n";
        set.add_text(list, "test").expect("two topics");
        assert!(set.get("a").is_some() && set.get("b").is_some());
        for bad in [
            "name = \"x\"\n[entities]\n\"Nobody Atall\" = 1.0\n",
            "name = \"x\"\n[terms]\noil = -1.0\n",
            "name = \"x\"\n[terms]\nthe = 1.0\n",
            "name = \"x\"\n",
            "name = \"x\"\nunknown_key = 1\n",
            "name = \"x\"\nfocus = [\"Nowhere Atall\"]\n[terms]\noil = 1.0\n",
            "name = [",
        ] {
            assert!(set.add_text(bad, "test").is_err(), "accepted: {bad}");
        }
    }

    #[test]
    fn phrases_keep_stop_word_gaps() {
        let terms = positioned_terms("Strait of Hormuz");
        assert_eq!(
            terms,
            vec![(0, "strait".to_string()), (2, "hormuz".to_string())]
        );
    }
}
