//! The built-in gazetteer: places, people, organisations and armed groups, parsed once from
//! `data/places.tsv` and `data/entities.tsv`, which are embedded in the binary (see
//! `data/README.md` for the file formats).
//!
//! Names are looked up, and matched in text by [`super::entities`], after [`normalize`]:
//! lower case, accents folded, apostrophes dropped, hyphens and whitespace collapsed. One entry
//! `Kata'ib Hezbollah` therefore also covers `Kata’ib Hezbollah`, `Kataib-Hezbollah` and
//! `KATAIB HEZBOLLAH`.
//!
//! Case is not thrown away entirely. Each alias gets a `CaseRule` from the way it is written:
//! an acronym in capitals (`US`, `KH`, `IS`, `U.S.`, or a short mixed one such as `DoD`) only
//! matches the same capitals, so the pronoun `us` and the verb `is` never do; any other alias
//! with a capital letter needs at least one capital in the matched text, so lower-case
//! `polish` or `turkey` are not countries. Lookups through [`Gazetteer::place`] and
//! [`Gazetteer::entity`] ignore case altogether: they serve names typed by people.

use crate::model::MentionKind;
use deunicode::deunicode_char;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

pub(crate) const PLACES_TSV: &str = include_str!("../../data/places.tsv");
pub(crate) const ENTITIES_TSV: &str = include_str!("../../data/entities.tsv");

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    /// A first-level division (Anbar, Deir Ezzor, Khuzestan) or a region spanning countries
    /// (Middle East).
    Region,
    City,
    /// A military base.
    Base,
    /// A sea, gulf, strait or river.
    Water,
    /// Any other named spot: an airport, oil facility, nuclear site, embassy, camp.
    Site,
}

impl PlaceKind {
    /// The lowercase name used in `places.tsv` and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Base => "base",
            PlaceKind::Water => "water",
            PlaceKind::Site => "site",
        }
    }

    /// Parse the names produced by [`PlaceKind::as_str`].
    pub fn parse(s: &str) -> Option<PlaceKind> {
        match s {
            "country" => Some(PlaceKind::Country),
            "region" => Some(PlaceKind::Region),
            "city" => Some(PlaceKind::City),
            "base" => Some(PlaceKind::Base),
            "water" => Some(PlaceKind::Water),
            "site" => Some(PlaceKind::Site),
            _ => None,
        }
    }

    /// Which place a name shared by several places means: the lowest value wins. A city beats
    /// the region it shares its name with (`Kirkuk`), because the city's facet lies under the
    /// region's and so a filter on the region still finds it.
    fn precedence(self) -> u8 {
        match self {
            PlaceKind::Country => 0,
            PlaceKind::City => 1,
            PlaceKind::Base => 2,
            PlaceKind::Site => 3,
            PlaceKind::Water => 4,
            PlaceKind::Region => 5,
        }
    }
}

/// One row of `places.tsv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Canonical name, the last segment of the facet.
    pub name: String,
    pub kind: PlaceKind,
    /// Canonical name of the country the place lies in (for a country, itself); `None` for
    /// seas, straits, rivers and regions spanning several countries.
    pub country: Option<String>,
    /// Canonical name of the first-level region, when listed.
    pub region: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Alternate names, spellings and (for countries) adjectives and demonyms.
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code, for countries.
    pub iso: Option<String>,
    /// Population, for cities taken from GeoNames.
    pub population: Option<u64>,
    /// Matched in text only right after a locative word (`in`, `near`, `outside`...): set by
    /// the build for small towns far from the archive's focus, whose names are so often
    /// ordinary words or surnames.
    pub needs_cue: bool,
}

impl Place {
    /// The hierarchical facet path: `/Iran` for a country, `/Iraq/Anbar` for a region,
    /// `/Iraq/Anbar/Al-Qaim` for a city, `/Iraq/Kirkuk/K1 Air Base` for a base and
    /// `/Persian Gulf` for water belonging to no country.
    pub fn facet(&self) -> String {
        let mut facet = String::with_capacity(self.name.len() + 32);
        if self.kind != PlaceKind::Country {
            for part in [&self.country, &self.region].into_iter().flatten() {
                facet.push('/');
                facet.push_str(part);
            }
        }
        facet.push('/');
        facet.push_str(&self.name);
        facet
    }
}

/// One row of `entities.tsv`: a person, organisation or armed group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Canonical name, the last segment of the facet.
    pub name: String,
    /// [`MentionKind::Person`], [`MentionKind::Org`] or [`MentionKind::Group`].
    pub kind: MentionKind,
    pub aliases: Vec<String>,
}

impl Entity {
    /// The facet path: `/group/Kata'ib Hezbollah`, `/person/Qasem Soleimani`, `/org/Pentagon`.
    pub fn facet(&self) -> String {
        format!("/{}/{}", self.kind.as_str(), self.name)
    }
}

/// Why a gazetteer file could not be read. Line numbers count from 1.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("places.tsv, line {line}: {reason}")]
    Places { line: usize, reason: String },
    #[error("entities.tsv, line {line}: {reason}")]
    Entities { line: usize, reason: String },
}

/// What a name in the gazetteer refers to: an index into [`Gazetteer::places`] or
/// [`Gazetteer::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    Place(usize),
    Entity(usize),
}

/// How the case of the text must agree with the way an alias is written for a match to count.
/// The order is the order in which candidates are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum CaseRule {
    /// An acronym (`US`, `U.S.`, `KH`, `DoD`): the letters and digits of the text must equal
    /// the alias's, case included.
    Exact,
    /// The alias contains a capital letter: the matched text must contain one too.
    Capital,
    /// The alias is written in lower case only: any case matches.
    Any,
}

impl CaseRule {
    /// The rule for an alias, from the way it is written.
    fn of(alias: &str) -> CaseRule {
        let upper = alias.chars().filter(|c| c.is_uppercase()).count();
        let lower = alias.chars().filter(|c| c.is_lowercase()).count();
        if upper == 0 {
            return CaseRule::Any;
        }
        if lower == 0 {
            return CaseRule::Exact;
        }
        // A short mixed-case acronym written as one word: `DoD`.
        let one_word = !alias.chars().any(|c| c.is_whitespace() || c == '-');
        if one_word && upper + lower <= 5 && alias.chars().skip(1).any(char::is_uppercase) {
            return CaseRule::Exact;
        }
        CaseRule::Capital
    }

    /// Whether `matched` (the original text of a match) satisfies the rule; `letters` holds
    /// the alias's letters and digits for [`CaseRule::Exact`].
    pub(crate) fn accepts(self, matched: &str, letters: &str) -> bool {
        match self {
            CaseRule::Exact => matched
                .chars()
                .filter(|c| c.is_alphanumeric())
                .eq(letters.chars()),
            CaseRule::Capital => matched.chars().any(char::is_uppercase),
            CaseRule::Any => true,
        }
    }
}

/// One way a normalised key can be read.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) target: Target,
    pub(crate) rule: CaseRule,
    /// The alias's letters and digits, for [`CaseRule::Exact`]; empty otherwise.
    pub(crate) letters: Box<str>,
    /// The alias ends in a possessive `'s` that is part of the name (`Moody's`), which the
    /// normalisation drops: the text must have it too, or a surname `Moody` would match.
    pub(crate) possessive: bool,
    /// The alias holds a possessive before another word (`Russia's military`, `People's
    /// Liberation Army`): only such an alias matches a text with one there. `IRGC Quds
    /// Force` does not match `the IRGC's Quds Force`, which names the IRGC and its force.
    pub(crate) inner_possessive: bool,
}

/// A normalised name and the entries it can refer to, best first.
#[derive(Debug, Clone)]
pub(crate) struct MatchKey {
    pub(crate) key: String,
    pub(crate) candidates: Vec<Candidate>,
}

/// The built-in lists of places and entities, with lookup tables.
///
/// The places are read in two steps. Building the gazetteer reads only what a lookup needs
/// of each row: its name, kind and aliases. A row is parsed in full when it is looked up
/// ([`Gazetteer::place`]), and every row when all are asked for ([`Gazetteer::places`], which
/// the extractor needs). A search looks up a few names typed in a query: parsing the
/// 33,000 rows for them was most of a search's time.
#[derive(Debug)]
pub struct Gazetteer {
    /// The text of the places file: each row is read from it again when needed.
    places_tsv: Cow<'static, str>,
    /// Each place's row: the byte range of its line in `places_tsv`.
    place_rows: Vec<(usize, usize)>,
    /// Every place in full, with its facet, parsed on first use.
    places: OnceLock<ParsedPlaces>,
    entities: Vec<Entity>,
    entity_facets: Vec<String>,
    /// Normalised name or alias → index into the places, case ignored.
    place_lookup: HashMap<Box<str>, usize>,
    /// Normalised name or alias → index into `entities`, case ignored.
    entity_lookup: HashMap<String, usize>,
    /// Every normalised name and alias with its candidates: what the extractor matches.
    /// Built on first use: search needs only the lookups, and building the keys was a fifth
    /// of a one-off search's time.
    keys: OnceLock<Vec<MatchKey>>,
}

/// Every place of a [`Gazetteer`] and its facet, in file order.
#[derive(Debug)]
struct ParsedPlaces {
    places: Vec<Place>,
    facets: Vec<String>,
}

impl ParsedPlaces {
    fn new(places: Vec<Place>) -> ParsedPlaces {
        let facets = places.iter().map(Place::facet).collect();
        ParsedPlaces { places, facets }
    }
}

impl Gazetteer {
    /// The gazetteer built from the embedded `data/places.tsv` and `data/entities.tsv`,
    /// read once per process.
    ///
    /// The embedded files are checked in full by the tests ([`Gazetteer::parse`] accepts
    /// them), so here the places' rows are trusted and parsed only when needed.
    pub fn builtin() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| {
            Gazetteer::index(Cow::Borrowed(PLACES_TSV), ENTITIES_TSV)
                .expect("the embedded data/places.tsv and data/entities.tsv parse (tested)")
        })
    }

    /// Parse the two files (see `data/README.md` for their format) and check them: known
    /// kinds, numeric coordinates, no duplicate entries, every referenced country and region
    /// present as a row of its own.
    pub fn parse(places_tsv: &str, entities_tsv: &str) -> Result<Gazetteer, GazetteerError> {
        let places = parse_places(places_tsv)?;
        let gazetteer = Gazetteer::index(Cow::Owned(places_tsv.to_string()), entities_tsv)?;
        // The same rows, in the same order (`data_lines`), so the indexes agree.
        debug_assert_eq!(places.len(), gazetteer.place_rows.len());
        let _ = gazetteer.places.set(ParsedPlaces::new(places));
        Ok(gazetteer)
    }

    /// The gazetteer over `places_tsv`, whose rows are only read for their name, kind and
    /// aliases (and must be valid: see [`Gazetteer::parse`]), and the entities, parsed and
    /// checked in full (there are few).
    fn index(
        places_tsv: Cow<'static, str>,
        entities_tsv: &str,
    ) -> Result<Gazetteer, GazetteerError> {
        let entities = parse_entities(entities_tsv)?;
        let entity_facets = entities.iter().map(Entity::facet).collect();
        let mut place_rows = Vec::new();
        // Each place's kind, for the precedence among places of the same name.
        let mut place_kinds = Vec::new();
        // Sized up front (growing this table was a tenth of a one-off search's time): a key
        // per line, one per `|` between two aliases, and an eighth more for the first alias
        // of a row that has any and the countries' plurals (3,300 of the eighth's 5,500 in the
        // built-in file). Too small a guess only costs a resize.
        let bytes = places_tsv.as_bytes();
        let spellings = memchr::memchr_iter(b'\n', bytes).count()
            + memchr::memchr_iter(b'|', bytes).count()
            + 1;
        let mut place_lookup: HashMap<Box<str>, usize> =
            HashMap::with_capacity_and_hasher(spellings + spellings / 8, Default::default());
        let mut key = String::new();
        for (number, offset, line) in data_lines(&places_tsv) {
            let error = |reason: String| GazetteerError::Places {
                line: number,
                reason,
            };
            let mut fields = tab_fields(line);
            let name = fields.next().unwrap_or_default();
            let kind = fields.next().unwrap_or_default();
            let kind =
                PlaceKind::parse(kind).ok_or_else(|| error(format!("unknown kind `{kind}`")))?;
            let aliases = fields.nth(4).unwrap_or_default();
            let i = place_rows.len();
            place_rows.push((offset, offset + line.len()));
            place_kinds.push(kind);
            let aliases = aliases.split('|').map(str::trim).filter(|a| !a.is_empty());
            place_keys(name, kind, aliases, &mut key, |key, _| {
                match place_lookup.get_mut(key) {
                    None => {
                        place_lookup.insert(key.into(), i);
                    }
                    Some(held) => {
                        if kind.precedence() < place_kinds[*held].precedence() {
                            *held = i;
                        }
                    }
                }
            });
        }
        let mut entity_lookup: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(3 * entities.len(), Default::default());
        for (i, entity) in entities.iter().enumerate() {
            for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
                entity_lookup.entry(normalize(alias)).or_insert(i);
            }
        }
        Ok(Gazetteer {
            places_tsv,
            place_rows,
            places: OnceLock::new(),
            entities,
            entity_facets,
            place_lookup,
            entity_lookup,
            keys: OnceLock::new(),
        })
    }

    /// Every place in full, parsed on first use.
    fn parsed(&self) -> &ParsedPlaces {
        self.places.get_or_init(|| {
            let places = (0..self.place_rows.len())
                .map(|i| {
                    self.parse_row(i)
                        .expect("the places' rows parse (checked by Gazetteer::parse)")
                })
                .collect();
            ParsedPlaces::new(places)
        })
    }

    /// Place `i` in full, read from its row.
    fn parse_row(&self, i: usize) -> Option<Place> {
        let &(start, end) = self.place_rows.get(i)?;
        let line = self.places_tsv.get(start..end)?;
        let fields: Vec<&str> = tab_fields(line).collect();
        parse_place(&fields).ok()
    }

    /// All places, in file order.
    pub fn places(&self) -> &[Place] {
        &self.parsed().places
    }

    /// All people, organisations and armed groups, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The place called `name` (canonical name or any alias, compared after [`normalize`]
    /// and ignoring case): `al qaim`, `Al-Qa'im` → Al-Qaim; `Iraqi` → Iraq. A name shared by
    /// a city and its region (`Kirkuk`) gives the city.
    pub fn place(&self, name: &str) -> Option<Place> {
        let &i = self.place_lookup.get(normalize(name).as_str())?;
        match self.places.get() {
            Some(parsed) => parsed.places.get(i).cloned(),
            None => self.parse_row(i),
        }
    }

    /// The entity called `name` (canonical name or any alias, compared after [`normalize`]
    /// and ignoring case): `KH`, `Hezbollah Brigades` → Kata'ib Hezbollah.
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entity_lookup
            .get(&normalize(name))
            .and_then(|&i| self.entities.get(i))
    }

    /// Every normalised name and alias with what it can refer to.
    pub(crate) fn match_keys(&self) -> &[MatchKey] {
        self.keys
            .get_or_init(|| match_keys(self.places(), &self.entities))
    }

    /// The kind, canonical name and facet of a target.
    pub(crate) fn describe(&self, target: Target) -> Option<(MentionKind, &str, &str)> {
        match target {
            Target::Place(i) => {
                let parsed = self.parsed();
                Some((
                    MentionKind::Place,
                    parsed.places.get(i)?.name.as_str(),
                    parsed.facets.get(i)?.as_str(),
                ))
            }
            Target::Entity(i) => {
                let entity = self.entities.get(i)?;
                Some((
                    entity.kind,
                    entity.name.as_str(),
                    self.entity_facets.get(i)?.as_str(),
                ))
            }
        }
    }
}

/// The normalised keys of a place's name and aliases, each passed to `found` with the
/// spelling it comes from; plural demonyms ("Iraqis", "Americans", "Saudis", "Afghans") are
/// added for countries. `key` is the buffer the keys are written to.
fn place_keys<'a>(
    name: &'a str,
    kind: PlaceKind,
    aliases: impl Iterator<Item = &'a str>,
    key: &mut String,
    mut found: impl FnMut(&str, &'a str),
) {
    for (n, alias) in std::iter::once(name).chain(aliases).enumerate() {
        normalize_into(alias, key);
        found(key, alias);
        if kind == PlaceKind::Country
            && n > 0
            && (key.ends_with('n') || key.ends_with('i'))
            && CaseRule::of(alias) != CaseRule::Exact
        {
            key.push('s');
            found(key, alias);
        }
    }
}

/// Every normalised name and alias of `places` and `entities`, with its candidates best
/// first: stricter case rules, then places before entities, then the place kind's
/// precedence, then file order.
fn match_keys(places: &[Place], entities: &[Entity]) -> Vec<MatchKey> {
    let names = 3 * (places.len() + entities.len());
    let mut keys: Vec<MatchKey> = Vec::with_capacity(names);
    let mut key_index: HashMap<String, usize> =
        HashMap::with_capacity_and_hasher(names, Default::default());
    let mut add = |key: String, target: Target, rule: CaseRule, alias: &str| {
        let letters: Box<str> = if rule == CaseRule::Exact {
            alias.chars().filter(|c| c.is_alphanumeric()).collect()
        } else {
            Box::default()
        };
        let possessive = ["'s", "’s"].iter().any(|s| alias.ends_with(s));
        let inner_possessive = has_inner_possessive(alias);
        let candidate = Candidate {
            target,
            rule,
            letters,
            possessive,
            inner_possessive,
        };
        match key_index.entry(key) {
            Entry::Occupied(slot) => {
                let entry = &mut keys[*slot.get()];
                let known = entry.candidates.iter().any(|c| {
                    c.target == candidate.target
                        && c.rule == candidate.rule
                        && c.letters == candidate.letters
                        && c.possessive == candidate.possessive
                        && c.inner_possessive == candidate.inner_possessive
                });
                if !known {
                    entry.candidates.push(candidate);
                }
            }
            Entry::Vacant(slot) => {
                keys.push(MatchKey {
                    key: slot.key().clone(),
                    candidates: vec![candidate],
                });
                slot.insert(keys.len() - 1);
            }
        }
    };
    let mut buffer = String::new();
    for (i, place) in places.iter().enumerate() {
        let aliases = place.aliases.iter().map(String::as_str);
        place_keys(
            &place.name,
            place.kind,
            aliases,
            &mut buffer,
            |key, alias| {
                add(
                    key.to_string(),
                    Target::Place(i),
                    CaseRule::of(alias),
                    alias,
                )
            },
        );
    }
    for (i, entity) in entities.iter().enumerate() {
        for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
            add(
                normalize(alias),
                Target::Entity(i),
                CaseRule::of(alias),
                alias,
            );
        }
    }
    let rank = |c: &Candidate| match c.target {
        Target::Place(i) => (c.rule, 0, places[i].kind.precedence(), i),
        Target::Entity(i) => (c.rule, 1, 0, i),
    };
    for entry in &mut keys {
        entry.candidates.sort_by_key(rank);
    }
    keys
}

/// The lines of a TSV file that hold data: (1-based line number, byte offset, line without
/// its line break).
fn data_lines(tsv: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    tsv.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            return None;
        }
        // `lines` yields slices of `tsv`: the offset is where the slice starts.
        let offset = line.as_ptr() as usize - tsv.as_ptr() as usize;
        Some((i + 1, offset, line))
    })
}

/// The rows of a TSV file that hold data: (1-based line number, trimmed fields).
fn data_rows(tsv: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    data_lines(tsv).map(|(number, _, line)| (number, tab_fields(line).collect()))
}

/// The tab-separated fields of `line`, trimmed: `line.split('\t').map(str::trim)`, with
/// the tabs found by `memchr` (splitting on a `char` was a third of reading the places).
fn tab_fields(line: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\t', line.as_bytes()).chain([line.len()]);
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let field = line.get(start..end)?;
        start = end + 1;
        Some(field.trim())
    })
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

/// Check a name or alias: it must have a letter or digit (so that it can be matched), and
/// canonical names must not contain `/` (they become facet segments).
fn check_name(name: &str, what: &str, is_facet_segment: bool) -> Result<(), String> {
    if !normalize(name).chars().any(char::is_alphanumeric) {
        return Err(format!("{what} `{name}` has no letter or digit"));
    }
    if is_facet_segment && name.contains('/') {
        return Err(format!("{what} `{name}` contains `/`"));
    }
    Ok(())
}

fn parse_aliases(field: Option<&&str>) -> Result<Vec<String>, String> {
    let mut aliases = Vec::new();
    for alias in field.map_or("", |f| *f).split('|').map(str::trim) {
        if alias.is_empty() {
            continue;
        }
        check_name(alias, "alias", false)?;
        aliases.push(alias.to_string());
    }
    Ok(aliases)
}

fn parse_coordinate(field: &str, what: &str, limit: f64) -> Result<f64, String> {
    match field.parse::<f64>() {
        Ok(value) if value.is_finite() && value.abs() <= limit => Ok(value),
        _ => Err(format!(
            "{what} `{field}` is not a number between -{limit} and {limit}"
        )),
    }
}

fn parse_place(fields: &[&str]) -> Result<Place, String> {
    if !(6..=10).contains(&fields.len()) {
        return Err(format!(
            "expected 6 to 10 tab-separated fields (name, kind, country, region, lat, lon, \
             aliases, iso, population, flags), found {}",
            fields.len()
        ));
    }
    let name = fields[0].to_string();
    check_name(&name, "name", true)?;
    let kind = PlaceKind::parse(fields[1]).ok_or_else(|| {
        format!(
            "unknown kind `{}` (expected country, region, city, base, water or site)",
            fields[1]
        )
    })?;
    let mut country = optional(fields[2]);
    let region = optional(fields[3]);
    if kind == PlaceKind::Country {
        match &country {
            None => country = Some(name.clone()),
            Some(c) if *c == name => {}
            Some(c) => return Err(format!("country `{name}` lists another country `{c}`")),
        }
    }
    if region.is_some() && matches!(kind, PlaceKind::Country | PlaceKind::Region) {
        return Err(format!("{} `{name}` cannot lie in a region", kind.as_str()));
    }
    if region.is_some() && country.is_none() {
        return Err(format!("`{name}` has a region but no country"));
    }
    for part in [&country, &region].into_iter().flatten() {
        check_name(part, "country or region", true)?;
    }
    let lat = parse_coordinate(fields[4], "latitude", 90.0)?;
    let lon = parse_coordinate(fields[5], "longitude", 180.0)?;
    let aliases = parse_aliases(fields.get(6))?;
    let iso = fields.get(7).and_then(|f| optional(f));
    if let Some(code) = &iso
        && (kind != PlaceKind::Country
            || code.len() != 2
            || !code.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(format!(
            "iso `{code}`: only countries have one, two capital letters"
        ));
    }
    let population = match fields.get(8).copied().unwrap_or_default() {
        "" => None,
        field => Some(
            field
                .parse::<u64>()
                .map_err(|_| format!("population `{field}` is not a whole number"))?,
        ),
    };
    let needs_cue = match fields.get(9).copied().unwrap_or_default() {
        "" => false,
        "cue" => true,
        other => return Err(format!("unknown flag `{other}` (expected cue)")),
    };
    Ok(Place {
        name,
        kind,
        country,
        region,
        lat,
        lon,
        aliases,
        iso,
        population,
        needs_cue,
    })
}

fn parse_places(tsv: &str) -> Result<Vec<Place>, GazetteerError> {
    let error = |line: usize, reason: String| GazetteerError::Places { line, reason };
    let mut places = Vec::new();
    let mut lines = Vec::new();
    let mut seen: HashMap<(PlaceKind, String), usize> = HashMap::default();
    let mut facets: HashMap<String, usize> = HashMap::default();
    for (line, fields) in data_rows(tsv) {
        let place = parse_place(&fields).map_err(|reason| error(line, reason))?;
        if let Some(first) = seen.insert((place.kind, place.name.clone()), line) {
            return Err(error(
                line,
                format!(
                    "duplicate {} `{}` (first on line {first})",
                    place.kind.as_str(),
                    place.name
                ),
            ));
        }
        if let Some(first) = facets.insert(place.facet(), line) {
            return Err(error(
                line,
                format!("facet `{}` already used on line {first}", place.facet()),
            ));
        }
        places.push(place);
        lines.push(line);
    }
    // References: every country and region named must have a row of its own.
    let regions: FxHashSet<(&str, Option<&str>)> = places
        .iter()
        .filter(|p| p.kind == PlaceKind::Region)
        .map(|p| (p.name.as_str(), p.country.as_deref()))
        .collect();
    for (place, &line) in places.iter().zip(&lines) {
        if let Some(country) = &place.country
            && !seen.contains_key(&(PlaceKind::Country, country.clone()))
        {
            return Err(error(
                line,
                format!(
                    "country `{country}` of `{}` is not a country row",
                    place.name
                ),
            ));
        }
        if let Some(region) = &place.region {
            let found = regions.contains(&(region.as_str(), place.country.as_deref()));
            if !found {
                return Err(error(
                    line,
                    format!(
                        "region `{region}` of `{}` is not a region row of `{}`",
                        place.name,
                        place.country.as_deref().unwrap_or_default()
                    ),
                ));
            }
        }
    }
    Ok(places)
}

fn parse_entity(fields: &[&str]) -> Result<Entity, String> {
    if !(2..=3).contains(&fields.len()) {
        return Err(format!(
            "expected 2 or 3 tab-separated fields (name, kind, aliases), found {}",
            fields.len()
        ));
    }
    let name = fields[0].to_string();
    check_name(&name, "name", true)?;
    let kind = match fields[1] {
        "person" => MentionKind::Person,
        "org" => MentionKind::Org,
        "group" => MentionKind::Group,
        other => {
            return Err(format!(
                "unknown kind `{other}` (expected person, org or group)"
            ));
        }
    };
    let aliases = parse_aliases(fields.get(2))?;
    Ok(Entity {
        name,
        kind,
        aliases,
    })
}

fn parse_entities(tsv: &str) -> Result<Vec<Entity>, GazetteerError> {
    let error = |line: usize, reason: String| GazetteerError::Entities { line, reason };
    let mut entities = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::default();
    for (line, fields) in data_rows(tsv) {
        let entity = parse_entity(&fields).map_err(|reason| error(line, reason))?;
        if let Some(first) = seen.insert(entity.name.clone(), line) {
            return Err(error(
                line,
                format!("duplicate name `{}` (first on line {first})", entity.name),
            ));
        }
        entities.push(entity);
    }
    Ok(entities)
}

/// The normalisation used for matching: lowercase, accents folded (deunicode per char),
/// apostrophes (' ’ ‘ ʼ `) removed, hyphens and runs of whitespace → one space, trimmed.
/// `"Al-Qa’im"` → `"al qaim"`.
///
/// Two further details: a possessive `'s` at the end of a word is dropped with its
/// apostrophe (`Iran's` → `iran`, so that `Iran's` is a mention of Iran), and punctuation
/// outside ASCII (quotes, bullets, symbols) becomes a space, while ASCII punctuation is kept
/// (`U.S.` → `u.s.`).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into `out`, which is cleared first.
pub(crate) fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    normalize_impl::<true>(s, out, |_, _, _| {});
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
}

/// [`normalize`] into `out` (cleared first, not trimmed), recording in `map`, for every byte
/// of `out`, the byte offset in `text` of the character it came from.
pub(crate) fn normalize_mapped(text: &str, out: &mut String, map: &mut Vec<usize>) {
    out.clear();
    map.clear();
    // Mostly one byte out for one byte in: growing once up front spares a check per byte.
    out.reserve(text.len());
    map.reserve(text.len());
    normalize_impl::<true>(text, out, |offset, bytes, one_for_one| {
        if bytes == 1 {
            map.push(offset);
        } else if one_for_one {
            map.extend(offset..offset + bytes);
        } else {
            map.extend(std::iter::repeat_n(offset, bytes));
        }
    });
}

/// Whether `written` holds a possessive `'s` (or `’s`) followed by more of the name.
pub(crate) fn has_inner_possessive(written: &str) -> bool {
    // Most names hold no apostrophe at all: one pass over the bytes tells (`’` starts with
    // 0xE2), before any search.
    let bytes = written.as_bytes();
    if !bytes.iter().any(|&b| b == b'\'' || b == 0xE2) {
        return false;
    }
    let written = written.trim_end();
    ["'s ", "’s ", "'S ", "’S "]
        .iter()
        .any(|p| written.contains(p))
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{2018}' // ‘
            | '\u{2019}' // ’
            | '\u{02BC}' // ʼ modifier letter apostrophe
            | '\u{02BB}' // ʻ
            | '\u{02BE}' // ʾ transliterated hamza
            | '\u{02BF}' // ʿ transliterated ayn
            | '\u{00B4}' // ´
            | '\u{2032}' // ′
    )
}

/// Hyphens and dashes: they separate words like a space.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Characters dropped without trace: combining accents, soft hyphens, zero-width characters.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// The ASCII bytes the normaliser copies one for one, lower-casing letters: all but
/// apostrophes, hyphens and white space other than the space (a space is copied one for one
/// after anything but a space).
const ONE_FOR_ONE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !matches!(b as u8, b'\'' | b'`' | b'-' | 0x09..=0x0D);
        b += 1;
    }
    table
};

/// The normaliser. `mark(offset, n, false)` is called after `n` bytes were pushed for the
/// character at byte `offset` of `text`, and `mark(offset, n, true)` after the `n` bytes
/// from byte `offset` were pushed one for one. `RUNS` turns on the path for runs of ASCII:
/// off, what is left is the reference the tests compare it with.
fn normalize_impl<const RUNS: bool>(
    text: &str,
    out: &mut String,
    mut mark: impl FnMut(usize, usize, bool),
) {
    let space = |out: &mut String, offset: usize, mark: &mut dyn FnMut(usize, usize, bool)| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
            mark(offset, 1, false);
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most of a news text is ASCII that maps one byte for one: letters (lower-cased),
        // digits, punctuation, and a space after anything but a space. Such a run is copied
        // and lower-cased whole, which is several times faster than a byte at a time.
        let from = i;
        let mut after_space = out.is_empty() || out.ends_with(' ');
        while let Some(&b) = bytes.get(i).filter(|_| RUNS) {
            // Without a branch on the space itself, which would be mispredicted word by word.
            let space = b == b' ';
            if !ONE_FOR_ONE[usize::from(b)] | (space & after_space) {
                break;
            }
            after_space = space;
            i += 1;
        }
        if i > from {
            // A run of ASCII bytes ends on a character boundary.
            let start = out.len();
            out.push_str(&text[from..i]);
            out[start..].make_ascii_lowercase();
            mark(from, i - from, true);
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            mark(i, 1, false);
            i += 1;
            continue;
        }
        if b == b' ' {
            // The commonest separator, ahead of the general case below.
            space(out, i, &mut mark);
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if is_apostrophe(c) {
            // A possessive 's at the end of a word goes with its apostrophe: Iran's → iran.
            let after = i + len;
            let word_before = out.chars().next_back().is_some_and(char::is_alphanumeric);
            let s_follows = matches!(bytes.get(after), Some(b's' | b'S'));
            let word_ends = text
                .get(after + 1..)
                .and_then(|rest| rest.chars().next())
                .is_none_or(|next| !next.is_alphanumeric());
            i = if word_before && s_follows && word_ends {
                after + 1
            } else {
                after
            };
            continue;
        }
        if c.is_whitespace() || is_dash(c) {
            space(out, i, &mut mark);
        } else if c.is_ascii() {
            out.push(c);
            mark(i, 1, false);
        } else if is_ignorable(c) {
            // dropped
        } else if c.is_alphanumeric() {
            match deunicode_char(c) {
                Some(ascii) => {
                    let mut pushed = 0;
                    for b in ascii.bytes().filter(u8::is_ascii_alphanumeric) {
                        out.push(char::from(b.to_ascii_lowercase()));
                        pushed += 1;
                    }
                    if pushed > 0 {
                        mark(i, pushed, false);
                    }
                }
                None => {
                    out.push(c);
                    mark(i, len, false);
                }
            }
        } else {
            space(out, i, &mut mark);
        }
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn gaz() -> &'static Gazetteer {
        Gazetteer::builtin()
    }

    #[test]
    fn normalize_folds_case_accents_apostrophes_and_hyphens() {
        assert_eq!(normalize("Al-Qa’im"), "al qaim");
        assert_eq!(normalize("Al-Qa'im"), "al qaim");
        assert_eq!(normalize("  KATA'IB   Hezbollah \t"), "kataib hezbollah");
        assert_eq!(normalize("Qāsem Soleimānī"), "qasem soleimani");
        assert_eq!(normalize("Erdoğan"), "erdogan");
        assert_eq!(normalize("U.S.-led"), "u.s. led");
        assert_eq!(normalize("Iran–US"), "iran us");
        assert_eq!(normalize("Iran's"), "iran");
        assert_eq!(normalize("Iran’s navy"), "iran navy");
        assert_eq!(normalize("Kataʾib"), "kataib");
        assert_eq!(normalize("Hez\u{00AD}bollah"), "hezbollah");
        assert_eq!(normalize("Qa\u{0301}sem"), "qasem");
        assert_eq!(normalize("“Hamas”"), "hamas");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("'s"), "s");
    }

    proptest::proptest! {
        /// The path for runs of ASCII gives what the normaliser gives a character at a time.
        #[test]
        fn ascii_runs_normalise_as_characters_do(
            text in "([a-zA-Z0-9]{1,8}|[ ]{1,3}|[\\n\\t\\r]|['`’-]|[.,;:()\"/&]|s|é|Qā|ß|\u{00AD}|\u{0301}|—|“|\u{4e2d})*",
        ) {
            let (mut fast, mut fast_map) = (String::new(), Vec::new());
            normalize_mapped(&text, &mut fast, &mut fast_map);
            let (mut slow, mut slow_map) = (String::new(), Vec::new());
            normalize_impl::<false>(&text, &mut slow, |offset, bytes, one_for_one| {
                for k in 0..bytes {
                    slow_map.push(if one_for_one { offset + k } else { offset });
                }
            });
            proptest::prop_assert_eq!(&fast, &slow);
            proptest::prop_assert_eq!(fast_map, slow_map);
        }

        /// A row's fields, found with `memchr`, are those of splitting on the tab.
        #[test]
        fn tab_fields_split_as_str_split_does(line in "([a-zA-Z]{1,5}|[\\t]{1,2}|[ ]{1,2}|é|’|\u{4e2d})*") {
            let fast: Vec<&str> = tab_fields(&line).collect();
            let slow: Vec<&str> = line.split('\t').map(str::trim).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn normalize_mapped_points_every_byte_back_to_its_character() {
        let text = "Qāsem’s Al-Qa’im";
        let mut out = String::new();
        let mut map = Vec::new();
        normalize_mapped(text, &mut out, &mut map);
        assert_eq!(out, "qasem al qaim");
        assert_eq!(map.len(), out.len());
        for (i, &offset) in map.iter().enumerate() {
            assert!(
                text.is_char_boundary(offset),
                "byte {i} maps inside a character"
            );
        }
        // The "a" of "qasem" comes from "ā" at byte 1, the "s" after it from byte 3, and the
        // "a" of "al" from the "A" at byte 11 (the possessive ’s left nothing).
        assert_eq!(&map[..3], &[0, 1, 3]);
        assert_eq!(map[6], 11);
        assert_eq!(&text[map[6]..map[6] + 1], "A");
    }

    #[test]
    fn embedded_files_parse_with_expected_sizes() {
        let g = gaz();
        let countries = g
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Country)
            .count();
        assert!(countries >= 195, "only {countries} countries");
        assert!(g.places().len() >= 500, "only {} places", g.places().len());
        assert!(
            g.entities().len() >= 150,
            "only {} entities",
            g.entities().len()
        );
        for kind in [MentionKind::Person, MentionKind::Org, MentionKind::Group] {
            assert!(g.entities().iter().filter(|e| e.kind == kind).count() >= 30);
        }
    }

    #[test]
    fn a_country_has_one_row_and_its_cities_hang_under_it() {
        let g = gaz();
        let mut codes = HashSet::new();
        for p in g.places().iter().filter(|p| p.kind == PlaceKind::Country) {
            assert!(
                !p.name.starts_with("The "),
                "{} (curated without the article?)",
                p.name
            );
            if let Some(iso) = &p.iso {
                assert!(
                    codes.insert(iso.as_str()),
                    "two countries with ISO code {iso}"
                );
            }
        }
        let facet = |name: &str| g.place(name).map(|p| p.facet()).unwrap_or_default();
        // GeoNames' own country names ("Palestinian Territory", "The Netherlands") used to
        // give these a second country.
        assert!(
            facet("Jabalia").starts_with("/Palestine/Gaza Strip/"),
            "{}",
            facet("Jabalia")
        );
        assert!(facet("Deir el-Balah").starts_with("/Palestine/Gaza Strip/"));
        assert!(facet("Qalqilya").starts_with("/Palestine/West Bank/"));
        assert!(
            facet("Rotterdam").starts_with("/Netherlands/"),
            "{}",
            facet("Rotterdam")
        );
        assert!(
            g.place("Old City").is_none(),
            "an ordinary phrase, not a town"
        );
    }

    #[test]
    fn no_duplicate_names_or_facets() {
        let g = gaz();
        let mut place_names = HashSet::new();
        let mut facets = HashSet::new();
        for p in g.places() {
            assert!(
                place_names.insert((p.kind, p.name.as_str())),
                "duplicate {:?} {}",
                p.kind,
                p.name
            );
            assert!(facets.insert(p.facet()), "duplicate facet {}", p.facet());
        }
        let mut entity_names = HashSet::new();
        for e in g.entities() {
            assert!(entity_names.insert(e.name.as_str()), "duplicate {}", e.name);
            assert!(facets.insert(e.facet()), "duplicate facet {}", e.facet());
        }
        // A place name is shared across kinds only by a city and the region it lies in.
        let mut by_name: HashMap<&str, Vec<&Place>> = HashMap::default();
        for p in g.places() {
            by_name.entry(p.name.as_str()).or_default().push(p);
        }
        for p in g.places() {
            for q in &by_name[p.name.as_str()] {
                if p.kind == PlaceKind::City && q.kind != PlaceKind::City {
                    assert_eq!(q.kind, PlaceKind::Region, "{} shared", p.name);
                    assert_eq!(p.region.as_deref(), Some(q.name.as_str()));
                    assert_eq!(p.country, q.country);
                }
            }
        }
    }

    #[test]
    fn every_country_and_region_referenced_exists() {
        let g = gaz();
        let countries: HashSet<&str> = g
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| p.name.as_str())
            .collect();
        let regions: HashSet<(&str, Option<&str>)> = g
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Region)
            .map(|p| (p.name.as_str(), p.country.as_deref()))
            .collect();
        for p in g.places() {
            if let Some(c) = &p.country {
                assert!(countries.contains(c.as_str()), "{}: no country {c}", p.name);
            } else {
                assert!(
                    matches!(p.kind, PlaceKind::Water | PlaceKind::Region),
                    "{} has no country",
                    p.name
                );
            }
            if let Some(r) = &p.region {
                assert!(
                    regions.contains(&(r.as_str(), p.country.as_deref())),
                    "{}: no region {r}",
                    p.name
                );
            }
            for segment in p.facet().split('/').skip(1) {
                assert!(!segment.is_empty(), "empty segment in {}", p.facet());
            }
        }
    }

    #[test]
    fn names_in_text_are_unambiguous() {
        // A normalised name may be shared by different entries only when they are a city and
        // the region it lies in (the bare name means the city), or when the case rules tell
        // them apart.
        let g = gaz();
        for key in g.match_keys() {
            let mut by_rule: HashMap<CaseRule, Vec<Target>> = HashMap::default();
            for c in &key.candidates {
                let targets = by_rule.entry(c.rule).or_default();
                if !targets.contains(&c.target) {
                    targets.push(c.target);
                }
            }
            for targets in by_rule.values().filter(|t| t.len() > 1) {
                let places: Vec<&Place> = targets
                    .iter()
                    .filter_map(|t| match t {
                        Target::Place(i) => g.places().get(*i),
                        Target::Entity(_) => None,
                    })
                    .collect();
                assert_eq!(places.len(), targets.len(), "`{}` is ambiguous", key.key);
                let city = places.iter().find(|p| p.kind == PlaceKind::City);
                for p in &places {
                    let ok = p.kind == PlaceKind::City
                        || city.is_some_and(|c| {
                            p.kind == PlaceKind::Region
                                && c.region.as_deref() == Some(p.name.as_str())
                                && c.country == p.country
                        });
                    assert!(ok, "`{}` is ambiguous ({:?} {})", key.key, p.kind, p.name);
                }
                assert_eq!(
                    places.iter().filter(|p| p.kind == PlaceKind::City).count(),
                    1,
                    "`{}`",
                    key.key
                );
            }
        }
    }

    #[test]
    fn facets_form_a_hierarchy() {
        let g = gaz();
        let facet = |name: &str| g.place(name).map(|p| p.facet());
        assert_eq!(facet("Iran").as_deref(), Some("/Iran"));
        assert_eq!(facet("Anbar").as_deref(), Some("/Iraq/Anbar"));
        assert_eq!(facet("Al-Qaim").as_deref(), Some("/Iraq/Anbar/Al-Qaim"));
        assert_eq!(facet("K1").as_deref(), Some("/Iraq/Kirkuk/K1 Air Base"));
        assert_eq!(facet("Persian Gulf").as_deref(), Some("/Persian Gulf"));
        assert_eq!(facet("Kirkuk").as_deref(), Some("/Iraq/Kirkuk/Kirkuk"));
        assert_eq!(facet("Kirkuk province").as_deref(), Some("/Iraq/Kirkuk"));
        assert_eq!(
            facet("Deir al-Zour province").as_deref(),
            Some("/Syria/Deir Ezzor")
        );
        let kh = g.entity("Kata'ib Hezbollah").map(Entity::facet);
        assert_eq!(kh.as_deref(), Some("/group/Kata'ib Hezbollah"));
        let pentagon = g.entity("Pentagon").map(Entity::facet);
        assert_eq!(pentagon.as_deref(), Some("/org/Pentagon"));
        let soleimani = g.entity("Soleimani").map(Entity::facet);
        assert_eq!(soleimani.as_deref(), Some("/person/Qasem Soleimani"));
    }

    /// The gazetteer `builtin` makes reads a place's row only when the place is looked up:
    /// its answers must be those of the gazetteer parsed and checked in full, for every name
    /// and alias, with the precedence among places of one name (`Kirkuk` the city, not the
    /// region) worked out from the rows as from the parsed places.
    #[test]
    fn a_gazetteer_read_row_by_row_answers_as_one_parsed_in_full() {
        let full = Gazetteer::parse(PLACES_TSV, ENTITIES_TSV).expect("parses");
        let lazy = Gazetteer::index(Cow::Borrowed(PLACES_TSV), ENTITIES_TSV).expect("reads");
        // What the lookup should give, worked out from the parsed places: of the places with
        // a spelling of that key, the first of the highest precedence.
        let mut expected: HashMap<String, usize> = HashMap::default();
        let mut buffer = String::new();
        for (i, place) in full.places().iter().enumerate() {
            let aliases = place.aliases.iter().map(String::as_str);
            place_keys(&place.name, place.kind, aliases, &mut buffer, |key, _| {
                let best = expected.entry(key.to_string()).or_insert(i);
                if place.kind.precedence() < full.places()[*best].kind.precedence() {
                    *best = i;
                }
            });
        }
        let mut names = 0;
        for place in full.places() {
            for name in std::iter::once(&place.name).chain(&place.aliases) {
                let want = expected.get(&normalize(name)).map(|&i| &full.places()[i]);
                assert_eq!(lazy.place(name).as_ref(), want, "{name}");
                assert_eq!(full.place(name).as_ref(), want, "{name}");
                names += 1;
            }
        }
        assert!(names > 40_000, "only {names} names");
        assert_eq!(
            lazy.place("Iraqis").map(|p| p.name).as_deref(),
            Some("Iraq")
        );
        assert!(
            lazy.places.get().is_none(),
            "a lookup parsed every row rather than the one it needs"
        );
        assert_eq!(lazy.places(), full.places());
        let target = Target::Place(full.places().len() - 1);
        assert_eq!(lazy.describe(target), full.describe(target));
    }

    #[test]
    fn lookups_by_alias_spelling_and_adjective() {
        let g = gaz();
        let place = |name: &str| g.place(name).map(|p| p.name);
        assert_eq!(place("al qaim").as_deref(), Some("Al-Qaim"));
        assert_eq!(place("Al-Qa'im").as_deref(), Some("Al-Qaim"));
        assert_eq!(place("Al Qa’im").as_deref(), Some("Al-Qaim"));
        assert_eq!(place("Iraqi").as_deref(), Some("Iraq"));
        assert_eq!(place("Iraqis").as_deref(), Some("Iraq"));
        assert_eq!(place("Emirati").as_deref(), Some("United Arab Emirates"));
        assert_eq!(place("Saudi").as_deref(), Some("Saudi Arabia"));
        assert_eq!(place("U.S.").as_deref(), Some("United States"));
        assert_eq!(
            place("United States of America").as_deref(),
            Some("United States")
        );
        assert_eq!(place("Albu Kamal").as_deref(), Some("Al-Bukamal"));
        assert_eq!(place("Deir ez-Zor").as_deref(), Some("Deir Ezzor"));
        assert_eq!(
            place("Ain al-Assad").as_deref(),
            Some("Ain al-Asad Air Base")
        );
        assert_eq!(place("At Tanf").as_deref(), Some("Al-Tanf"));
        assert_eq!(place("Arabian Gulf").as_deref(), Some("Persian Gulf"));
        assert_eq!(place("the Gulf"), None);
        assert_eq!(place("Atlantis of the Deep"), None);
        let entity = |name: &str| g.entity(name).map(|e| e.name.as_str());
        assert_eq!(entity("KH"), Some("Kata'ib Hezbollah"));
        assert_eq!(entity("Hezbollah Brigades"), Some("Kata'ib Hezbollah"));
        assert_eq!(entity("Kata’ib Hizballah"), Some("Kata'ib Hezbollah"));
        assert_eq!(
            entity("Hashd al-Shaabi"),
            Some("Popular Mobilization Forces")
        );
        assert_eq!(
            entity("Revolutionary Guards"),
            Some("Islamic Revolutionary Guard Corps")
        );
        assert_eq!(entity("Qassim Suleimani"), Some("Qasem Soleimani"));
        assert_eq!(entity("Qāsem Soleimānī"), Some("Qasem Soleimani"));
        assert_eq!(entity("DoD"), Some("Pentagon"));
        assert_eq!(entity("Daesh"), Some("Islamic State"));
        assert_eq!(entity("Hezbollah"), Some("Hezbollah"));
        assert_eq!(g.entity("Houthi").map(|e| e.kind), Some(MentionKind::Group));
    }

    #[test]
    fn case_rules_follow_the_way_aliases_are_written() {
        assert_eq!(CaseRule::of("US"), CaseRule::Exact);
        assert_eq!(CaseRule::of("U.S."), CaseRule::Exact);
        assert_eq!(CaseRule::of("K-1"), CaseRule::Exact);
        assert_eq!(CaseRule::of("DoD"), CaseRule::Exact);
        assert_eq!(CaseRule::of("Iran"), CaseRule::Capital);
        assert_eq!(CaseRule::of("McKenzie"), CaseRule::Capital);
        assert_eq!(CaseRule::of("al-Qaeda"), CaseRule::Capital);
        assert_eq!(CaseRule::of("spokesman"), CaseRule::Any);
        assert!(CaseRule::Exact.accepts("U.S.", "US"));
        assert!(!CaseRule::Exact.accepts("us", "US"));
        assert!(!CaseRule::Exact.accepts("Us", "US"));
        assert!(CaseRule::Capital.accepts("al Qaim", ""));
        assert!(!CaseRule::Capital.accepts("turkey", ""));
    }

    #[test]
    fn parse_reports_line_and_reason() {
        let header = "# name\tkind\tcountry\tregion\tlat\tlon\taliases\n";
        let iraq = "Iraq\tcountry\tIraq\t\t33.2\t43.7\tIraqi\n";
        let entities = "Hamas\tgroup\t\n";
        let err = |places: &str, entities: &str| {
            Gazetteer::parse(places, entities)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(Gazetteer::parse(&format!("{header}{iraq}"), entities).is_ok());

        let bad_kind = format!("{header}{iraq}Mosul\ttown\tIraq\t\t36.3\t43.1\t\n");
        assert_eq!(
            err(&bad_kind, entities),
            "places.tsv, line 3: unknown kind `town` (expected country, region, city, base, \
             water or site)"
        );
        let bad_lat = format!("{header}{iraq}Mosul\tcity\tIraq\t\tnorth\t43.1\t\n");
        assert!(err(&bad_lat, entities).starts_with("places.tsv, line 3: latitude `north`"));
        let no_country = format!("{header}Mosul\tcity\tIraq\t\t36.3\t43.1\t\n");
        assert!(err(&no_country, entities).contains("country `Iraq` of `Mosul` is not"));
        let no_region = format!("{header}{iraq}Mosul\tcity\tIraq\tNineveh\t36.3\t43.1\t\n");
        assert!(err(&no_region, entities).contains("region `Nineveh`"));
        let duplicate = format!("{header}{iraq}{iraq}");
        assert_eq!(
            err(&duplicate, entities),
            "places.tsv, line 3: duplicate country `Iraq` (first on line 2)"
        );
        let slash = format!("{header}{iraq}A/B\tcity\tIraq\t\t1\t1\t\n");
        assert!(err(&slash, entities).contains("contains `/`"));
        let short = format!("{header}{iraq}Mosul\tcity\n");
        assert!(err(&short, entities).contains("line 3: expected 6 to 10"));

        let iraq_only = format!("{header}{iraq}");
        assert_eq!(
            err(&iraq_only, "# comment\n\nHamas\tmilitia\t\n"),
            "entities.tsv, line 3: unknown kind `militia` (expected person, org or group)"
        );
        assert!(err(&iraq_only, "Hamas\tgroup\nHamas\tgroup\n").contains("line 2: duplicate"));
        assert!(err(&iraq_only, "Hamas\tgroup\t'|-\n").contains("no letter or digit"));
    }

    #[test]
    fn parse_handles_windows_line_ends_and_missing_alias_column() {
        let places = "Iraq\tcountry\t\t\t33.2\t43.7\r\nAnbar\tregion\tIraq\t\t33\t42\tAl Anbar\r\n";
        let g = Gazetteer::parse(places, "").expect("parses");
        assert_eq!(g.places().len(), 2);
        assert_eq!(g.places()[0].country.as_deref(), Some("Iraq"));
        assert_eq!(
            g.place("al anbar").map(|p| p.facet()).as_deref(),
            Some("/Iraq/Anbar")
        );
    }
}
