//! Facet counts over the passages a query matches (`newsdex search --facets`) and the
//! entities and places most characteristic of them compared with the whole archive
//! (`newsdex who-where`).
//!
//! Both read the `places` and `entities` facets of every matching passage through a custom
//! collector: tantivy's `FacetCollector` counts one level under a given facet, while here the
//! top places must come from any level (`/Iraq` and `/Iraq/Anbar/Al-Qaim` alike), so each
//! passage's facets are counted with their ancestors, once per passage.
//!
//! Characteristic terms use the JLH score of Elasticsearch's `significant_terms`: with `fg`
//! the share of matching passages holding a facet and `bg` its share in the whole index,
//! `(fg - bg) * fg / bg`. It favours names that are both frequent in the matching passages and
//! much more frequent there than elsewhere; a name must occur in two matching passages at
//! least, so that one stray mention never tops the list.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{AllQuery, Query};
use tantivy::schema::Facet;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::query::{self, Filters};
use crate::error::{Error, Result};
use crate::index::NewsIndex;

/// The most articles whose stored source is read for the source counts.
const SOURCE_SAMPLE: usize = 20_000;

/// How often one facet value occurs among the matching passages.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    /// Last segment of the facet: `Al-Qaim`, `Kata'ib Hezbollah`; the outlet for sources.
    pub name: String,
    /// The full facet (`/Iraq/Anbar/Al-Qaim`, `/group/Kata'ib Hezbollah`); empty for sources.
    pub facet: String,
    /// `place`, `person`, `org`, `group` or `source`.
    pub kind: String,
    /// Matching passages holding it (for sources: matching articles).
    pub count: u64,
}

/// Counts of the top places, entities and sources among the passages a query matches.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// Matching passages.
    pub passages: u64,
    /// Distinct articles among them.
    pub articles: u64,
    pub places: Vec<FacetCount>,
    pub entities: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
}

/// One entity or place and how characteristic it is of the matching passages.
#[derive(Debug, Clone, Serialize)]
pub struct Characteristic {
    pub name: String,
    pub facet: String,
    pub kind: String,
    /// Matching passages holding it.
    pub foreground: u64,
    /// Passages of the whole index holding it.
    pub background: u64,
    /// JLH score (see the module documentation).
    pub score: f64,
}

/// The answer of `newsdex who-where`: the names most characteristic of the matching passages.
#[derive(Debug, Clone, Serialize)]
pub struct WhoWhere {
    pub query: String,
    /// Matching passages.
    pub passages: u64,
    /// Passages in the whole index.
    pub total: u64,
    pub people: Vec<Characteristic>,
    /// Organisations and armed groups.
    pub groups: Vec<Characteristic>,
    pub places: Vec<Characteristic>,
    pub warnings: Vec<String>,
}

/// The query matching the passages of `text` (over passage text, standfirst and title, as
/// `search` matches them) under `filters`; an empty query (or `*`) with filters matches all
/// passages they let through. Returns the query and any warnings about how it was read.
pub fn matching_query(
    index: &NewsIndex,
    text: &str,
    filters: &Filters,
) -> Result<(Box<dyn Query>, Vec<String>)> {
    let fields = &index.fields;
    let trimmed = text.trim();
    let mut warnings = Vec::new();
    let user: Option<Box<dyn Query>> = if trimmed.is_empty() || trimmed == "*" {
        None
    } else {
        let mut plan = query::plan_query(text)?;
        let parsed = query::parse_passage_or_title(&index.index, fields, &mut plan, text, false)?;
        warnings.append(&mut plan.warnings);
        parsed
    };
    let filter = query::filter_query(fields, filters)?;
    let query = match (user, filter) {
        (Some(user), filter) => query::with_filter(user, filter),
        (None, Some(filter)) => filter,
        (None, None) => Box::new(AllQuery),
    };
    Ok((query, warnings))
}

/// Facet counts among the passages `query` matches: the `top` places (any level), entities
/// and sources.
pub fn facet_counts(index: &NewsIndex, query: &dyn Query, top: usize) -> Result<FacetCounts> {
    let searcher = index.reader()?.searcher();
    let tally = searcher
        .search(query, &TallyCollector)
        .map_err(Error::from)?;
    let mut sources: HashMap<String, u64> = HashMap::new();
    for address in tally.article_docs.iter().take(SOURCE_SAMPLE) {
        let article = super::stored_article(
            &searcher,
            &index.fields,
            address.segment_ord,
            address.doc_id,
        )?;
        if let Some(source) = article.source {
            *sources.entry(source).or_default() += 1;
        }
    }
    let places = top_counts(&tally.places, top, |_| "place".to_string());
    let entities = top_counts(&tally.entities, top, entity_kind);
    let mut sources: Vec<FacetCount> = sources
        .into_iter()
        .map(|(name, count)| FacetCount {
            name,
            facet: String::new(),
            kind: "source".into(),
            count,
        })
        .collect();
    sources.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    sources.truncate(top);
    Ok(FacetCounts {
        passages: tally.passages,
        articles: tally.article_docs.len() as u64,
        places,
        entities,
        sources,
    })
}

/// The `top` people, organisations/groups and places most characteristic of the passages
/// `query` matches, compared with the whole index.
pub fn who_where(
    index: &NewsIndex,
    query_text: &str,
    query: &dyn Query,
    top: usize,
) -> Result<WhoWhere> {
    let searcher = index.reader()?.searcher();
    let tally = searcher
        .search(query, &TallyCollector)
        .map_err(Error::from)?;
    let total = searcher.num_docs();
    let score = |counts: &HashMap<String, u64>,
                 field: tantivy::schema::Field,
                 keep: &dyn Fn(&str) -> bool|
     -> Result<Vec<Characteristic>> {
        let mut out = Vec::new();
        for (facet, &fg) in counts {
            if fg < 2 || !keep(facet) {
                continue;
            }
            let term = Term::from_facet(field, &Facet::from(facet.as_str()));
            let bg = searcher.doc_freq(&term).map_err(Error::from)?.max(fg);
            let fg_share = fg as f64 / tally.passages.max(1) as f64;
            let bg_share = bg as f64 / total.max(1) as f64;
            let jlh = (fg_share - bg_share) * fg_share / bg_share;
            if jlh <= 0.0 {
                continue;
            }
            out.push(Characteristic {
                name: last_segment(facet).to_string(),
                facet: facet.clone(),
                kind: if field == index.fields.places {
                    "place".into()
                } else {
                    entity_kind(facet)
                },
                foreground: fg,
                background: bg,
                score: jlh,
            });
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.facet.cmp(&b.facet))
        });
        out.truncate(top);
        Ok(out)
    };
    let fields = &index.fields;
    Ok(WhoWhere {
        query: query_text.to_string(),
        passages: tally.passages,
        total,
        people: score(&tally.entities, fields.entities, &|f| {
            f.starts_with("/person/")
        })?,
        groups: score(&tally.entities, fields.entities, &|f| {
            f.starts_with("/org/") || f.starts_with("/group/")
        })?,
        places: score(&tally.places, fields.places, &|_| true)?,
        warnings: Vec::new(),
    })
}

fn last_segment(facet: &str) -> &str {
    facet.rsplit('/').next().unwrap_or(facet)
}

/// `person`, `org` or `group`, from an entity facet's first segment.
fn entity_kind(facet: &str) -> String {
    facet
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn top_counts(
    counts: &HashMap<String, u64>,
    top: usize,
    kind: impl Fn(&str) -> String,
) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .iter()
        .map(|(facet, &count)| FacetCount {
            name: last_segment(facet).to_string(),
            facet: facet.clone(),
            kind: kind(facet),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.facet.cmp(&b.facet)));
    out.truncate(top);
    out
}

/// What the collector gathers: passages holding each place facet (with its ancestors) and
/// each entity facet, and one passage per article (for the source counts).
#[derive(Debug, Default)]
struct Tally {
    passages: u64,
    places: HashMap<String, u64>,
    entities: HashMap<String, u64>,
    /// The first passage of each article with a matching passage.
    article_docs: Vec<DocAddress>,
}

struct TallyCollector;

struct SegmentTally {
    segment: SegmentOrdinal,
    passages: u64,
    place_reader: Option<tantivy::fastfield::FacetReader>,
    entity_reader: Option<tantivy::fastfield::FacetReader>,
    positions: Option<tantivy::columnar::Column<u64>>,
    /// The sorted place ordinals of a passage → passages with exactly those places: lets
    /// the harvest count each ancestor once per passage (`/Iraq` for Al-Qaim and Baghdad).
    place_sets: HashMap<Vec<u64>, u64>,
    entity_ords: HashMap<u64, u64>,
    /// First passages of the articles seen (an article's passages are consecutive).
    article_firsts: std::collections::HashSet<DocId>,
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        Ok(SegmentTally {
            segment,
            passages: 0,
            place_reader: reader.facet_reader("places").ok(),
            entity_reader: reader.facet_reader("entities").ok(),
            positions: reader.fast_fields().u64("position").ok(),
            place_sets: HashMap::new(),
            entity_ords: HashMap::new(),
            article_firsts: std::collections::HashSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for fruit in fruits {
            all.passages += fruit.passages;
            for (k, v) in fruit.places {
                *all.places.entry(k).or_default() += v;
            }
            for (k, v) in fruit.entities {
                *all.entities.entry(k).or_default() += v;
            }
            all.article_docs.extend(fruit.article_docs);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.passages += 1;
        if let Some(reader) = &self.place_reader {
            let mut ords: Vec<u64> = reader.facet_ords(doc).collect();
            if !ords.is_empty() {
                ords.sort_unstable();
                *self.place_sets.entry(ords).or_default() += 1;
            }
        }
        if let Some(reader) = &self.entity_reader {
            for ord in reader.facet_ords(doc) {
                *self.entity_ords.entry(ord).or_default() += 1;
            }
        }
        if let Some(column) = &self.positions {
            let position = column.first(doc).unwrap_or_default();
            self.article_firsts
                .insert(crate::index::schema::first_passage(doc, position));
        }
    }

    fn harvest(self) -> Tally {
        let mut tally = Tally {
            passages: self.passages,
            ..Tally::default()
        };
        let mut facet = Facet::root();
        if let Some(reader) = &self.place_reader {
            let mut paths: HashMap<u64, String> = HashMap::new();
            let mut seen: Vec<&str> = Vec::new();
            for ords in self.place_sets.keys() {
                for &ord in ords {
                    if !paths.contains_key(&ord) && reader.facet_from_ord(ord, &mut facet).is_ok() {
                        paths.insert(ord, facet.to_path_string());
                    }
                }
            }
            for (ords, &count) in &self.place_sets {
                seen.clear();
                for path in ords.iter().filter_map(|ord| paths.get(ord)) {
                    for ancestor in ancestors(path) {
                        if !seen.contains(&ancestor) {
                            seen.push(ancestor);
                        }
                    }
                }
                for ancestor in &seen {
                    *tally.places.entry((*ancestor).to_string()).or_default() += count;
                }
            }
        }
        if let Some(reader) = &self.entity_reader {
            for (&ord, &count) in &self.entity_ords {
                if reader.facet_from_ord(ord, &mut facet).is_ok() {
                    *tally.entities.entry(facet.to_path_string()).or_default() += count;
                }
            }
        }
        let mut firsts: Vec<DocId> = self.article_firsts.into_iter().collect();
        firsts.sort_unstable();
        tally.article_docs = firsts
            .into_iter()
            .map(|doc| DocAddress::new(self.segment, doc))
            .collect();
        tally
    }
}

/// A facet path and its ancestors, root excluded: `/Iraq/Anbar/Al-Qaim` → itself,
/// `/Iraq/Anbar`, `/Iraq`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut end = Some(path.len());
    std::iter::from_fn(move || {
        let e = end?;
        let current = &path[..e];
        end = current.rfind('/').filter(|&i| i > 0);
        (!current.is_empty()).then_some(current)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_of_a_place_facet() {
        let all: Vec<&str> = ancestors("/Iraq/Anbar/Al-Qaim").collect();
        assert_eq!(all, ["/Iraq/Anbar/Al-Qaim", "/Iraq/Anbar", "/Iraq"]);
        let one: Vec<&str> = ancestors("/Persian Gulf").collect();
        assert_eq!(one, ["/Persian Gulf"]);
    }

    #[test]
    fn kinds_and_names_from_facets() {
        assert_eq!(entity_kind("/group/Kata'ib Hezbollah"), "group");
        assert_eq!(last_segment("/Iraq/Anbar/Al-Qaim"), "Al-Qaim");
    }
}
