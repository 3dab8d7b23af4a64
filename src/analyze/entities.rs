//! Entity and place extraction: finds mentions of places, people, organisations and armed
//! groups in a passage.
//!
//! Two passes, both linear in the length of the text:
//!
//! 1. **Gazetteer.** The text is normalised the way the gazetteer's names are (see
//!    [`normalize`](super::gazetteer::normalize): case, accents, apostrophes, hyphens), while a
//!    map records, for every normalised byte, where its character sits in the original text.
//!    At each word start, a hash lookup of the word finds the one-word names and aliases, and
//!    one Aho-Corasick automaton over the longer ones, run anchored there when a bit set of
//!    their first two words says one may start there, finds the rest
//!    (longest first, so `Kata'ib Hezbollah` wins over `Hezbollah` and `Gulf of Oman` over
//!    `Oman`); a match counts when it falls on word boundaries and its original text agrees
//!    with the alias's `CaseRule` (so `us` and `is` never match `US` and `IS`). When the
//!    longest match at a position is refused, shorter ones starting there are tried.
//! 2. **Names not in the gazetteer.** The text outside gazetteer matches is cut into words, and
//!    sequences of capitalised words (with `al-`, `bin`, `abu`, `de`, `van`, `von` inside names
//!    and `of`, `for`, `and`, `the` inside organisation names) are typed by rules whose word
//!    lists live in `data/name_rules.txt`:
//!    - an **armed group** when the last word is `Brigades`, `Battalions`, `Militia`,
//!      `Movement`, `Front` or `Army` (after a country adjective or `National`, `Royal`...,
//!      `Army` names a state's army: an organisation);
//!    - an **organisation** when the last word is `Corps`, `Forces`, `Ministry`, `Council`,
//!      `Agency`, `Party`, `Command`, `Guard`... or the sequence opens with `Ministry of`,
//!      `Department of`, `University of`;
//!    - an **organisation** (or an armed group) when a lower-case word right before it says
//!      so (`[org_cue]`: `lender UBS`, `chipmaker Micron`, `the news agency APS`; `the rebel
//!      group M23`), or a description after it ending in such a word (`Vontobel, the Swiss
//!      lender,`), or `shares of`, `a stake in`, `the chief executive of` (`[org_cue_of]`),
//!      even one word long; such a name met again without them is the organisation too;
//!    - a **person** after a title (`President`, `Minister`, `Secretary`, `Gen.`, `Lt.-Gen.`,
//!      `Sheikh`, `Ayatollah`, `King`..., or a lower-case `spokesman`, `commander`... right
//!      before), where one word is enough (`President Trump`), or when it is two or three
//!      name-like words, none of them in the stop list (`The`, days, months, sentence starters
//!      such as `Officials`) or the list of common capitalised non-name words (`Air`, `Base`,
//!      `National`, `Sunni`);
//!    - within one text, or one article read passage by passage
//!      ([`Extractor::extract_remembering`]), a later single word equal to the last name of a
//!      person found earlier (`Esper` after `Defense Secretary Mark Esper`) is that person;
//!    - likewise an acronym defined in parentheses right after an organisation's, group's or
//!      place's name (`Federal Emergency Management Agency (FEMA)`) stands for it from there
//!      on (`acronym_after`), and so does a company's name without the legal form it was
//!      introduced with (`Caesars World` after `Caesars World Inc`), though not inside a
//!      longer name, and an organisation's last word after `the` (`the Assembly` after the
//!      `National Assembly`, `the Guards` after the `Revolutionary Guards`).
//!
//!    The shape rule for people is switched off on lines written in title case like a headline
//!    (`Rockets Hit Base Housing Troops, No Casualties Reported`) and after a word naming a
//!    thing (`the tanker Stena Impero`); a run joining two organisations with `and` gives two.
//!
//! Gazetteer mentions carry canonical names (`Kata'ib Hezbollah` for `KH`); rule-based ones
//! carry the text as written, whitespace normalised. Mentions never overlap and come in order.
//! A possessive or adjective names the place (`Iran's`, `Iranian`, `Iran-backed` → Iran). A
//! place that opens an organisation's name the rules found is part of that name (`Tokyo Stock
//! Exchange`, `Ohio State University`), and then no place mention of its own.
//!
//! Known limits: `Washington` is always the city although it often means the US government
//! (likewise `Tehran`, `Moscow`); a bare `Georgia` is the country unless the text says it is
//! the US state (`us_state`), so a trip to Georgia with no such cue stays the country; a
//! place within an organisation's name is not a place facet of the passage (`--place Ohio`
//! does not find `Ohio State University`, as `--place Saudi Arabia` does not find `Saudi
//! Aramco`).
//!
//! Speed: the automaton is built once ([`Extractor::builtin`]); per call, the normalised text,
//! its offset map and the word list live in per-thread buffers reused from call to call. The
//! loops that read every byte (the normaliser's runs of ASCII, the word starts of the
//! gazetteer scan, the tokenizer's runs of letters) use tables and avoid branches that would
//! be mispredicted word by word: those, more than the work itself, were their cost.

use super::gazetteer::{
    CaseRule, Gazetteer, PlaceKind, Target, has_inner_possessive, normalize_mapped,
};
use crate::model::{Mention, MentionKind};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

pub(crate) const NAME_RULES: &str = include_str!("../../data/name_rules.txt");
pub(crate) const NOT_NAMES: &str = include_str!("../../data/not_names.txt");

/// A gazetteer entry, as mentions of it need it.
struct Known {
    kind: MentionKind,
    name: Arc<str>,
    facet: Arc<str>,
    /// A small town far from the archive's focus: only after a locative word (`in Dearborn`)
    /// or before `, <country or state>` (`Dearborn, Michigan`).
    needs_cue: bool,
    /// A city or a country: the second word of a personal name when a first name or a title
    /// comes right before (`Lloyd Austin`, `Michael Jordan`, `President Jackson`).
    guarded: bool,
    /// A city: a capitalised organisation suffix after it makes it part of the organisation's
    /// name (`Khorasan Army`).
    city: bool,
    /// A country or first-level region: confirms a small town before it (`Dearborn, Michigan`).
    confirms: bool,
}

/// One reading of an automaton pattern.
struct Candidate {
    known: usize,
    rule: CaseRule,
    letters: Box<str>,
    /// See `gazetteer::Candidate::possessive`.
    possessive: bool,
    /// See `gazetteer::Candidate::inner_possessive`.
    inner_possessive: bool,
}

/// The names that start with one word.
struct FirstWord {
    /// The one-word name equal to the word, as (word, its number in
    /// [`Extractor::candidates`]): the word is kept to tell it from another with the same key.
    single: Option<(Box<[u8]>, usize)>,
    /// Whether a name of more words starts with it (the automaton is walked).
    longer: bool,
    /// Whether such a name has no second word ([`two_words`]: `ltd.`), so that the walk
    /// cannot be ruled out by [`Extractor::two_word_bits`].
    one_word_longer: bool,
}

/// Finds mentions of places, people, organisations and armed groups in text.
pub struct Extractor {
    /// The names and aliases of more than one word, normalised; walked anchored at word
    /// starts ([`Extractor::walk`]). Their numbers are the first of [`Extractor::candidates`].
    automaton: NFA,
    /// For each name (pattern), its readings, best first: the automaton's patterns, then the
    /// one-word names.
    candidates: Vec<Vec<Candidate>>,
    /// The first word of every name ([`first_word`]), by its [`word_key`]: a name accepted
    /// at a word start begins with that whole word, so a word not here needs no more work.
    /// Two thirds of the names are one word: they are found here, by a lookup rather than a
    /// walk, and left out of the automaton, which then takes a third of the time to build.
    first_words: FxHashMap<u64, FirstWord>,
    /// The same keys as a bit set of [`FIRST_WORD_BITS`] bits, read before the set: most
    /// words start no name, and one bit in a table that stays in the cache tells most of
    /// them so.
    first_word_bits: Vec<u64>,
    /// The [`word_key`]s of the first two words ([`two_words`]) of the names of more words,
    /// as a bit set of [`FIRST_WORD_BITS`] bits. Most first words of such names are also
    /// common words (`the`, `in`, `new`, `bank`), and the words after them in a text start
    /// no name: one bit tells so without a walk of the automaton.
    two_word_bits: Vec<u64>,
    known: Vec<Known>,
    /// The canonical names of the entity list's American bodies (those with an alias
    /// `US ...` or `U.S. ...`: `Treasury Department`, `National Security Council`): after
    /// another country's name they are that country's body (see [`Extractor::foreign_body`]).
    american: rustc_hash::FxHashSet<Box<str>>,
    /// The facets of the countries (`/Australia`).
    countries: rustc_hash::FxHashSet<Box<str>>,
    /// US states named like a country (`Georgia (US state)`), see [`Extractor::us_state`].
    us_states: Vec<UsState>,
    /// Phrases of `data/not_names.txt`: no name the rules find is one of them (a handful,
    /// compared without regard to case and without allocating).
    not_names: Vec<Box<str>>,
    rules: NameRules,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("patterns", &self.candidates.len())
            .field("entries", &self.known.len())
            .finish_non_exhaustive()
    }
}

impl Extractor {
    /// The extractor over [`Gazetteer::builtin`], built once per process.
    pub fn builtin() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(Gazetteer::builtin()))
    }

    /// An extractor over `gazetteer` (its names are copied; the gazetteer need not outlive it).
    pub fn new(gazetteer: &Gazetteer) -> Extractor {
        let mut known = Vec::new();
        let mut known_index: HashMap<Target, usize> = HashMap::new();
        // Names of more than one word (the automaton's patterns) and of one word.
        let mut longer = Vec::new();
        let mut single = Vec::new();
        for key in gazetteer.match_keys() {
            let mut readings = Vec::new();
            for candidate in &key.candidates {
                let index = match known_index.get(&candidate.target) {
                    Some(&index) => index,
                    None => {
                        let Some((kind, name, facet)) = gazetteer.describe(candidate.target) else {
                            continue;
                        };
                        let place = match candidate.target {
                            Target::Place(i) => gazetteer.places().get(i),
                            Target::Entity(_) => None,
                        };
                        known.push(Known {
                            kind,
                            name: name.into(),
                            facet: facet.into(),
                            needs_cue: place.is_some_and(|p| p.needs_cue),
                            // A region whose one-word name needs a cue is as often a
                            // first name or a surname as a town is (`Karen`, `Herrera`).
                            guarded: place.is_some_and(|p| {
                                matches!(p.kind, PlaceKind::City | PlaceKind::Country)
                                    || (p.kind == PlaceKind::Region && p.needs_cue)
                            }),
                            city: place.is_some_and(|p| p.kind == PlaceKind::City),
                            confirms: place.is_some_and(|p| {
                                matches!(p.kind, PlaceKind::Country | PlaceKind::Region)
                            }),
                        });
                        known_index.insert(candidate.target, known.len() - 1);
                        known.len() - 1
                    }
                };
                readings.push(Candidate {
                    known: index,
                    rule: candidate.rule,
                    letters: candidate.letters.clone(),
                    possessive: candidate.possessive,
                    inner_possessive: candidate.inner_possessive,
                });
            }
            if !readings.is_empty() && !key.key.is_empty() {
                let one_word = key.key.bytes().all(word_byte);
                let names = if one_word { &mut single } else { &mut longer };
                names.push((key.key.as_str(), readings));
            }
        }
        // The automaton's patterns first, so that its pattern numbers index `candidates`.
        let longer_count = longer.len();
        let (patterns, candidates): (Vec<&str>, Vec<Vec<Candidate>>) =
            longer.into_iter().chain(single).unzip();
        let mut first_words: FxHashMap<u64, FirstWord> = FxHashMap::default();
        let mut two_word_bits = vec![0u64; FIRST_WORD_BITS / 64];
        for (number, pattern) in patterns.iter().enumerate() {
            let word = first_word(pattern.as_bytes());
            let entry = first_words.entry(word_key(word)).or_insert(FirstWord {
                single: None,
                longer: false,
                one_word_longer: false,
            });
            if number < longer_count {
                entry.longer = true;
                match two_words(pattern.as_bytes()) {
                    Some(words) => set_bit(&mut two_word_bits, word_key(words)),
                    None => entry.one_word_longer = true,
                }
            } else {
                entry.single = Some((word.into(), number));
            }
        }
        let mut first_word_bits = vec![0u64; FIRST_WORD_BITS / 64];
        for &key in first_words.keys() {
            set_bit(&mut first_word_bits, key);
        }
        // A contiguous NFA rather than a DFA: over the built-in gazetteer's 45,000 names a DFA
        // took 57 MB against 3 MB, and an anchored search at a word start goes only a few
        // states deep, so the DFA's table lookups miss the cache and are no faster (measured
        // on the shared corpora), while building it costs a tenth of a second per process.
        let automaton = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns[..longer_count])
            .expect("the gazetteer's names fit in an Aho-Corasick automaton");
        let american = gazetteer
            .entities()
            .iter()
            .filter(|e| {
                e.kind == MentionKind::Org
                    && e.aliases
                        .iter()
                        .any(|a| a.starts_with("US ") || a.starts_with("U.S. "))
            })
            .map(|e| e.name.as_str().into())
            .collect();
        let countries = gazetteer
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Country)
            .map(|p| p.facet().into_boxed_str())
            .collect();
        let us_states = gazetteer
            .places()
            .iter()
            .filter_map(|state| {
                let country = state.name.strip_suffix(" (US state)")?;
                let country = gazetteer
                    .places()
                    .iter()
                    .find(|p| p.kind == PlaceKind::Country && p.name == country)?;
                Some(UsState {
                    written: country.name.as_str().into(),
                    country: country.facet().into(),
                    name: state.name.as_str().into(),
                    facet: state.facet().into(),
                })
            })
            .collect();
        let not_names = NOT_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(Box::from)
            .collect();
        Extractor {
            automaton,
            candidates,
            first_words,
            first_word_bits,
            two_word_bits,
            known,
            american,
            countries,
            us_states,
            not_names,
            rules: NameRules::builtin(),
        }
    }

    /// All mentions in `text`, in order of their start offset, not overlapping. Offsets are
    /// byte offsets into `text`, on character boundaries.
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        self.extract_remembering(text, &mut Memory::default())
    }

    /// [`Extractor::extract`] for one passage of an article, with what the article's earlier
    /// passages taught (`memory`, updated): a surname alone (`Esper`) is the person named in
    /// full in any passage before.
    pub fn extract_remembering(&self, text: &str, memory: &mut Memory) -> Vec<Mention> {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.extract_with(text, &mut scratch, memory),
            Err(_) => self.extract_with(text, &mut Scratch::default(), memory),
        })
    }

    fn extract_with(&self, text: &str, scratch: &mut Scratch, memory: &mut Memory) -> Vec<Mention> {
        let Scratch {
            norm,
            map,
            found,
            tokens,
            key,
        } = scratch;
        let persons = &mut memory.persons;
        normalize_mapped(text, norm, map);
        let mut gazetteer = Vec::new();
        self.match_gazetteer(text, norm, map, found, &mut gazetteer);

        tokenize(text, &gazetteer, &self.rules, tokens);
        let mut ctx = Ctx {
            text,
            tokens,
            gazetteer: &gazetteer,
            next_gazetteer: 0,
            persons,
            key,
            out: Vec::new(),
            cued: Vec::new(),
        };
        self.find_names(&mut ctx);
        let mut named = ctx.out;
        // Names a cue typed (`lender UBS`), and the people the rules found: such a name met
        // again is the organisation, even where the rules read a person (see `short_forms`).
        // The people are listed only when a name a cue typed is about.
        let cue_forms =
            !ctx.cued.is_empty() || memory.short_forms.iter().any(|f| f.form == Form::Cued);
        let people = if cue_forms {
            named
                .iter()
                .filter(|m| m.kind == MentionKind::Person)
                .map(|m| (m.start, m.end))
                .collect()
        } else {
            Vec::new()
        };
        let cued = Cued {
            names: ctx.cued,
            people,
        };
        // Their spans stay out of every later pass too: `the Union` of `State of the Union`
        // is no short form of the `European Union`.
        let mut not_names = Vec::new();
        named.retain(|m| {
            let none = self
                .not_names
                .iter()
                .any(|n| n.len() == m.name.len() && n.eq_ignore_ascii_case(&m.name));
            if none {
                not_names.push((m.start, m.end));
            }
            !none
        });

        if norm.capacity() > SCRATCH_LIMIT {
            *scratch = Scratch::default();
        }
        let mut mentions = gazetteer;
        first_opens_name(text, &mut mentions, &mut named);
        self.foreign_body(text, &mut mentions);
        place_closes_name(text, &mut mentions, &mut named, &self.rules);
        self.place_then_org_word(text, &mut mentions, &named);
        if !named.is_empty() {
            place_opens_name(text, &mut mentions, &mut named, &self.rules);
            mentions.extend(named);
            mentions.sort_unstable_by_key(|m| m.start);
        }
        self.short_forms(text, &mut mentions, &mut memory.short_forms, &cued);
        if !self.us_states.is_empty() {
            self.us_state(text, &mut mentions, memory);
        }
        if !not_names.is_empty() {
            mentions.retain(|m| !not_names.iter().any(|&(s, e)| m.start < e && m.end > s));
        }
        mentions
    }

    /// A country's name that is also a US state's (`Georgia`) names the state where the text
    /// says so: the article has named a place inside the state (`Atlanta`, `the State of
    /// Georgia`), a US state or town stands beside it in a list or a place line (`Columbus,
    /// Georgia`, `Florida, Georgia, Texas`, `South Carolina and Georgia`), a state's body or
    /// party follows it (`Georgia Gov.`, `Georgia Senate`, `the Georgia Democrat`), a court
    /// district, governor or senator comes before it (`Northern District of Georgia`,
    /// `senator from Georgia`), it is a nominee's home (`Christopher A. Coes, of Georgia`) or
    /// a county's state (`Fulton County, Georgia`), or the article has named two other US
    /// states. Otherwise it stays the country: `Finland, France, Georgia, Germany`.
    fn us_state(&self, text: &str, mentions: &mut [Mention], memory: &mut Memory) {
        // The other US states the article names (by name): two of them make it American news,
        // where `Georgia` is the state (`in Georgia, in Wisconsin, in Nevada`).
        for m in mentions.iter() {
            let Some(rest) = m.facet.strip_prefix(IN_US) else {
                continue;
            };
            let state = rest.split('/').next().unwrap_or_default();
            if !memory.other_us_states.iter().any(|s| **s == *state)
                && !self
                    .us_states
                    .iter()
                    .any(|s| s.facet.strip_prefix(IN_US) == Some(state))
            {
                memory.other_us_states.push(state.into());
            }
        }
        let american = memory.other_us_states.len() >= 2;
        let seen = &mut memory.us_states;
        for (i, state) in self.us_states.iter().enumerate() {
            let inside = |m: &Mention| {
                m.facet.starts_with(&*state.facet)
                    && matches!(m.facet.as_bytes().get(state.facet.len()), None | Some(b'/'))
            };
            if !seen.contains(&i) && mentions.iter().any(inside) {
                seen.push(i);
            }
        }
        for at in 0..mentions.len() {
            let mention = &mentions[at];
            let Some(state) = self
                .us_states
                .iter()
                .position(|s| *s.country == *mention.facet)
            else {
                continue;
            };
            if text.get(mention.start..mention.end) != Some(&*self.us_states[state].written) {
                continue;
            }
            // A US state or town beside it in a list or a place line: `Atlanta, Georgia`,
            // `Florida, Georgia, Texas`, `South Carolina and Georgia`.
            let in_us = |m: &Mention| m.kind == MentionKind::Place && m.facet.starts_with(IN_US);
            let listed = |a: &Mention, b: &Mention| {
                matches!(
                    text.get(a.end..b.start),
                    Some(", " | " and " | " or " | ", and " | ", or ")
                )
            };
            let us_beside = at
                .checked_sub(1)
                .is_some_and(|b| in_us(&mentions[b]) && listed(&mentions[b], mention))
                || mentions
                    .get(at + 1)
                    .is_some_and(|a| in_us(a) && listed(mention, a));
            let body_after = word_after(text, mention.end).is_some_and(|(w, _)| {
                matches!(
                    w,
                    "Gov"
                        | "Governor"
                        | "Senate"
                        | "Legislature"
                        | "Republicans"
                        | "Democrats"
                        | "Republican"
                        | "Democrat"
                )
            });
            let post_before = word_before(text, mention.start).is_some_and(|(w, _)| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                let before = word_before(text, start).map(|(b, _)| b);
                (w == "of" && matches!(before, Some("District" | "Governor" | "governor")))
                    || (w == "from" && matches!(before, Some("senator" | "Senator" | "Sen")))
            });
            // A nominee's home state in a list of nominations: `Christopher A. Coes, of
            // Georgia, to be ...`.
            let nominee = at.checked_sub(1).is_some_and(|b| {
                mentions[b].kind == MentionKind::Person
                    && text.get(mentions[b].end..mention.start) == Some(", of ")
            });
            // `Fulton County, Georgia`: counties are American.
            let county_before = text[..mention.start].ends_with("County, ");
            if american
                || seen.contains(&state)
                || us_beside
                || body_after
                || post_before
                || nominee
                || county_before
            {
                let state = &self.us_states[state];
                let mention = &mut mentions[at];
                mention.name = state.name.clone();
                mention.facet = state.facet.clone();
            }
        }
    }

    /// An American body of the entity list right after another country's name or adjective
    /// is that country's body, named as written: `the Australian Treasury`, `the Mongolian
    /// National Security Council`, `Canadian Department of Agriculture` (not the US Treasury
    /// and Australia). Only a space between them: `Australia's Treasury` stays as it is.
    fn foreign_body(&self, text: &str, gazetteer: &mut Vec<Mention>) {
        let mut merged = Vec::new();
        for at in 1..gazetteer.len() {
            let (place, body) = (&gazetteer[at - 1], &gazetteer[at]);
            if place.kind != MentionKind::Place
                || &*place.facet == "/United States"
                || !self.countries.contains(&*place.facet)
                || body.kind != MentionKind::Org
                || place.end + 1 != body.start
                || text.get(place.end..body.start) != Some(" ")
                || !self.american.contains(&*body.name)
            {
                continue;
            }
            let Some(written) = text.get(place.start..body.end) else {
                continue;
            };
            let name = as_one_line(written);
            let start = place.start;
            let body = &mut gazetteer[at];
            rename(body, name);
            body.start = start;
            merged.push(at - 1);
        }
        drop_merged(gazetteer, &merged);
    }

    /// A place's name other than a country's followed by one organisation's word alone is that
    /// organisation: `Suez Canal Authority`, `Mosul University`, `Gaza City Council`, `Tigris
    /// Bulletin`, `Atlantic Council`, with the descriptive words before it (`Western Michigan
    /// University`). The rules read no name of one word, so the word went unread and the place
    /// stood alone. Only across one plain space, and not:
    /// - after a country (`Iranian Navy`, `Iraq Command`), which more often names the country's
    ///   own body than one of that name;
    /// - with a company's legal form (`Monfort of Colorado Inc`: the place closes a longer name
    ///   there), nor after `of` (`Barnett Banks of Florida`);
    /// - in capitals (`WISCONSIN DEPARTMENT OF HEALTH SERVICES`: a list in capitals, where the
    ///   shape of a name means nothing);
    /// - when the name goes on with `of`, `on`, `for` or `to` and a capitalised word (`Colorado
    ///   Commission on Higher Education`): a name read half is no better than the place;
    /// - before a title (`the first Asian Council Member`), where the word is the post's.
    fn place_then_org_word(&self, text: &str, gazetteer: &mut [Mention], named: &[Mention]) {
        let rules = &self.rules;
        let free = |start: usize, end: usize, mentions: &[Mention]| {
            !mentions.iter().any(|m| m.start < end && m.end > start)
        };
        // The names' spans, for the descriptive words: made once, when first needed.
        let mut spans: Option<Vec<(usize, usize)>> = None;
        for at in 0..gazetteer.len() {
            let place = &gazetteer[at];
            // Most places are followed by anything but a space and a capital: that is read
            // first, as bytes.
            let capital_next = text
                .as_bytes()
                .get(place.end..place.end + 2)
                .is_some_and(|b| b[0] == b' ' && (b[1].is_ascii_uppercase() || !b[1].is_ascii()));
            if !capital_next
                || place.kind != MentionKind::Place
                || self.countries.contains(&*place.facet)
            {
                continue;
            }
            let Some((word, 1)) = word_after(text, place.end) else {
                continue;
            };
            let start = place.end + 1;
            let end = start + word.len();
            if text.get(place.end..start) != Some(" ")
                || !word.starts_with(|c: char| c.is_uppercase())
                || !word.chars().any(char::is_lowercase)
                || !text[place.start..].starts_with(|c: char| c.is_uppercase())
                || rules.flags(word) & (ORG_SUFFIX | LEGAL_FORM) != ORG_SUFFIX
                || word_before(text, place.start).is_some_and(|(w, _)| w == "of")
                || name_goes_on(text, end)
                || word_after(text, end).is_some_and(|(w, _)| rules.flags(w) & TITLE != 0)
                || !free(start, end, gazetteer)
                || !free(start, end, named)
            {
                continue;
            }
            let Some(written) = text.get(place.start..end) else {
                continue;
            };
            let mut org = place.clone();
            org.kind = MentionKind::Org;
            rename(&mut org, as_one_line(written));
            org.end = end;
            let spans =
                spans.get_or_insert_with(|| named.iter().map(|m| (m.start, m.end)).collect());
            descriptive_words_open(text, &mut org, gazetteer, spans, rules);
            gazetteer[at] = org;
        }
    }

    /// Pass 1: gazetteer names, on the normalised text `norm` whose bytes map back to `text`
    /// through `map`. `found` is scratch space.
    fn match_gazetteer(
        &self,
        text: &str,
        norm: &str,
        map: &[usize],
        found: &mut Vec<(usize, usize)>,
        out: &mut Vec<Mention>,
    ) {
        // Names are whole words, so the automaton is walked anchored at each word start only:
        // no time is spent on matches inside words.
        let hay = norm.as_bytes();
        let mut pos = 0;
        while pos < hay.len() {
            // The next word start at or after `pos`: past the rest of a word `pos` is inside
            // (after a name that ends inside a legal form's word), then past the bytes
            // between words. (A word byte after a byte that is none starts a word: in valid
            // UTF-8 a continuation byte follows another byte of its character.)
            if pos > 0 && word_byte(hay[pos - 1]) {
                while hay.get(pos).is_some_and(|&b| word_byte(b)) {
                    pos += 1;
                }
            }
            while hay.get(pos).is_some_and(|&b| !word_byte(b)) {
                pos += 1;
            }
            if pos >= hay.len() {
                break;
            }
            let start = pos;
            // A name is accepted only on a word end, so it holds the word it starts with
            // whole: most words start no name, and a set lookup tells without a walk. No word
            // starts inside this one, so the scan resumes at its end.
            let word = first_word(&hay[start..]);
            let word_end = start + word.len().max(1);
            let key = word_key(word);
            let first = if has_bit(&self.first_word_bits, key) {
                self.first_words.get(&key)
            } else {
                None
            };
            let Some(first) = first else {
                pos = word_end;
                continue;
            };
            // Every name starting here, tried longest first: when the longest is refused
            // (case, word end, context), a shorter one may still stand. One walk finds them
            // all, rather than one search per length.
            found.clear();
            let longer = first.longer
                && (first.one_word_longer
                    || two_words(&hay[start..])
                        .is_some_and(|w| has_bit(&self.two_word_bits, word_key(w))));
            self.names_at(first, longer, word, hay, start, |end, pattern| {
                found.push((end, pattern))
            });
            let accepted = found
                .iter()
                .rev()
                .find_map(|&(end, pattern)| {
                    self.accept(text, norm, map, start, end, pattern)
                        .map(|mention| (mention, end))
                })
                // "Long-Term Credit Bank of Japan", "Royal Bank of Canada": a known
                // organisation's name after a capitalised word is the end of a longer name,
                // which the rules of pass 2 read whole.
                .filter(|(mention, _)| {
                    mention.kind != MentionKind::Org
                        || !self.org_name_before(text, mention.start, mention.end)
                });
            match accepted {
                Some((mut mention, end)) => {
                    pos = end;
                    if mention.kind == MentionKind::Org {
                        let legal_end = self.legal_form_end(text, mention.end);
                        if legal_end > mention.end {
                            // An acronym with a legal form after it is a company's own name
                            // (`CTS Corp` is no Counter Terrorism Service): left to the
                            // rules, which type it by its legal form.
                            let surface = &text[mention.start..mention.end];
                            if is_acronym_of_another(surface, &mention.name) {
                                pos = word_end;
                                continue;
                            }
                            mention.end = legal_end;
                            // Resume the scan after the legal form, so that no name starts
                            // inside it (`SA` is also South Africa).
                            pos = pos.max(map.partition_point(|&at| at < legal_end));
                        }
                    }
                    out.push(mention);
                }
                None => pos = word_end,
            }
        }
    }

    /// Calls `found(end, pattern)` for every name that starts with `word`, the first word
    /// at byte `start` of `hay`, shortest first: the one-word name, then, when `longer` (the
    /// caller may know no longer name can be accepted there), the longer ones. A name that
    /// ends inside a word is never accepted, so a one-word name is the whole word.
    fn names_at(
        &self,
        first: &FirstWord,
        longer: bool,
        word: &[u8],
        hay: &[u8],
        start: usize,
        mut found: impl FnMut(usize, usize),
    ) {
        if let Some((single, pattern)) = &first.single
            && **single == *word
        {
            found(start + word.len(), *pattern);
        }
        if longer {
            self.walk(hay, start, found);
        }
    }

    /// Walk the automaton from byte `start` of `hay`, calling `found(end, pattern)` for every
    /// name of more than one word that starts there, shortest first (the leftmost-longest automaton keeps one name
    /// per state, so each end comes once).
    fn walk(&self, hay: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let automaton = &self.automaton;
        let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
            return;
        };
        for (at, &byte) in hay.iter().enumerate().skip(start) {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if !automaton.is_special(state) {
                continue;
            }
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                let pattern = automaton.match_pattern(state, 0);
                let end = at + 1;
                // A state can also carry the match of a shorter name ending at the same place
                // (it serves unanchored searches too); that name starts later, not here.
                if end - automaton.pattern_len(pattern) == start {
                    found(end, pattern.as_usize());
                }
            }
        }
    }

    /// The longest name starting at byte `start` of `hay`, as (end, pattern).
    fn longest_at(&self, hay: &[u8], start: usize) -> Option<(usize, usize)> {
        let word = first_word(hay.get(start..)?);
        let key = word_key(word);
        // Most words start no name: the bit set says so before the table.
        if !has_bit(&self.first_word_bits, key) {
            return None;
        }
        let first = self.first_words.get(&key)?;
        let mut longest = None;
        self.names_at(first, first.longer, word, hay, start, |end, pattern| {
            longest = Some((end, pattern))
        });
        longest
    }

    /// The mention for the match `start..end` of `pattern` in `norm`, if it falls on a word
    /// end and one of the pattern's readings accepts the original text's case.
    fn accept(
        &self,
        text: &str,
        norm: &str,
        map: &[usize],
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<Mention> {
        let next = norm.get(end..)?.chars().next();
        if next.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let original_start = *map.get(start)?;
        let last = *map.get(end.checked_sub(1)?)?;
        let original_end = last + text.get(last..)?.chars().next()?.len_utf8();
        let matched = text.get(original_start..original_end)?;
        let reading = self.candidates.get(pattern)?.iter().find(|c| {
            c.rule.accepts(matched, &c.letters)
                && (!c.possessive || possessive_at(text, original_end))
                && (c.inner_possessive || !has_inner_possessive(matched))
        })?;
        let known = self.known.get(reading.known)?;
        // A place's name does not run on past a possessive (`Mexico's state-level courts`);
        // the entity list writes such names on purpose (`Russia's military`).
        if known.kind == MentionKind::Place && possessive_then_lower(matched) {
            return None;
        }
        // A known person's last name alone after another first name is a relative's (`Jill
        // Biden`, `Hunter Biden`): left to the rules, which read the whole name.
        // Not on a line in title case (`Sanctions That Bolster Putin's War`), where any word
        // is capitalised: there the word after the name is capitalised too.
        let title_case_after = || {
            let after = text.get(original_end..).unwrap_or_default();
            let after = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("\u{2019}s"))
                .unwrap_or(after);
            capital_word_after(text, text.len() - after.len())
        };
        if known.kind == MentionKind::Person
            && !matched.contains(char::is_whitespace)
            && self.name_word_before(text, original_start) == Some(NameWord::Name)
            && !title_case_after()
            && word_before(text, original_start).is_some_and(|(word, _)| {
                // Not the end of a post (`Chairman of the Joint Chiefs of Staff Milley`), nor a
                // verb opening a sentence (`Addressing Putin's price hike`).
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                if word_before(text, start).is_some_and(|(w, _)| w == "of")
                    || (word.len() > 4 && word.ends_with("ing"))
                {
                    return false;
                }
                // Not a form of the person's own first name (`Joseph` for `Joe`, `Sergey` for
                // `Sergei`): those share its first two letters.
                let head = |w: &str| {
                    w.chars()
                        .take(2)
                        .flat_map(char::to_lowercase)
                        .collect::<String>()
                };
                known
                    .name
                    .split_whitespace()
                    .next()
                    .is_none_or(|first| head(first) != head(word))
            })
        {
            return None;
        }
        // An acronym (`US`, `U.S.`, `UAE`: an alias written in capitals) is never part of a
        // personal name; a surname in a speaker's label (`MR. LANDER:`) still can be.
        let guarded = known.guarded && reading.rule != CaseRule::Exact;
        if (guarded && self.name_before(text, original_start))
            || (known.city && self.org_word_after(text, original_end))
            || (guarded && self.name_after(text, original_end))
        {
            return None;
        }
        let region_kind_after = known.confirms && kind_after(text, original_end);
        if known.needs_cue
            && !cue_before(text, original_start)
            && !region_kind_after
            && !self.confirmed_after(text, norm, original_end, end)
        {
            return None;
        }
        let (start, end) = if known.kind == MentionKind::Place {
            self.trim_generic(text, original_start, original_end, reading.known)
        } else if reading.possessive {
            // The `'s` is part of the name (`Moody's`): the mention covers it, as a reader
            // marks it. `possessive_at` above checked it is there.
            let apostrophe = text.get(original_end..)?.chars().next()?.len_utf8();
            (original_start, original_end + apostrophe + 1)
        } else {
            (original_start, original_end)
        };
        Some(Mention {
            kind: known.kind,
            name: known.name.clone(),
            facet: known.facet.clone(),
            start,
            end,
        })
    }

    /// The span of a place without the lower-case words around its name when the name alone
    /// already means the same place: `Anbar province` → `Anbar`, `the Netherlands` →
    /// `Netherlands`, `K1 base` → `K1`; but `Baghdad airport` stays whole, because `Baghdad`
    /// alone is the city. A mention then covers the proper name, as a reader marks it.
    fn trim_generic(&self, text: &str, start: usize, end: usize, known: usize) -> (usize, usize) {
        let Some(matched) = text.get(start..end) else {
            return (start, end);
        };
        let is_lower_word =
            |w: &str| w.chars().all(|c| c.is_lowercase()) && w.chars().next().is_some();
        let words: Vec<(usize, &str)> = matched
            .split(' ')
            .scan(0, |at, w| {
                let item = (*at, w);
                *at += w.len() + 1;
                Some(item)
            })
            .collect();
        let first = words.iter().position(|(_, w)| !is_lower_word(w));
        let last = words.iter().rposition(|(_, w)| !is_lower_word(w));
        let (Some(first), Some(last)) = (first, last) else {
            return (start, end);
        };
        if first == 0 && last + 1 == words.len() {
            return (start, end);
        }
        let new_start = start + words[first].0;
        let new_end = start + words[last].0 + words[last].1.len();
        let Some(core) = text.get(new_start..new_end) else {
            return (start, end);
        };
        if self.same_place(core, known) {
            (new_start, new_end)
        } else {
            (start, end)
        }
    }

    /// Whether `name` alone means the place `known`, or a city lying in that region (`Homs`
    /// for `Homs province`).
    fn same_place(&self, name: &str, known: usize) -> bool {
        let Some(target) = self.known.get(known) else {
            return false;
        };
        self.readings_of(name).iter().any(|r| {
            r.known == known
                || self.known.get(r.known).is_some_and(|k| {
                    k.facet.starts_with(&*target.facet)
                        && k.facet.as_bytes().get(target.facet.len()) == Some(&b'/')
                })
        })
    }

    /// Whether a capitalised word that looks like a surname follows right after `at`: not
    /// ordinary (stop, non-name and title lists), not a gazetteer name (`Jordan Peterson`,
    /// `Layla Haddad`; but `Iraq Kurdistan`, `Mosul Dam` keep their place).
    fn name_after(&self, text: &str, at: usize) -> bool {
        let Some((word, gap)) = word_after(text, at) else {
            return false;
        };
        if gap > 2 {
            return false;
        }
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && chars.clone().any(char::is_lowercase)
            && chars.all(char::is_alphabetic);
        if !capitalised || word.chars().count() < 3 {
            return false;
        }
        let flags = self.rules.flags(word);
        flags & (STOP | NONNAME | TITLE | FUNCTION | GROUP_SUFFIX | ORG_SUFFIX | ARMY) == 0
            && !self.is_known(word)
    }

    /// Whether the word right before `at` (spaces only between) makes the match the end of
    /// a personal name: a title (`President`, `Gen.`) or a capitalised word that is neither
    /// ordinary (stop and non-name lists) nor itself a gazetteer name, as in `Lloyd Austin`.
    fn name_before(&self, text: &str, at: usize) -> bool {
        // A middle initial ("George W. Bush", "Lisa O. Monaco"): the word before it tells.
        if let Some((word, true)) = word_before(text, at) {
            let mut letters = word.chars();
            if letters.next().is_some_and(char::is_uppercase) && letters.next().is_none() {
                let start = word.as_ptr() as usize - text.as_ptr() as usize;
                return self.name_word_before(text, start).is_some();
            }
        }
        self.name_word_before(text, at).is_some()
    }

    /// Whether a capitalised word that could begin a longer organisation's name comes right
    /// before `at`: [`Extractor::name_before`] without its titles (`Deputy Fed Chairman`).
    /// A possessive before the name ending at `end` is its owner, not the start of its name
    /// (`Le Pen's National Rally`, `Netanyahu's Likud`), unless a capitalised word follows:
    /// `Reuters Holdings PLC's Reuters Information Services Inc` is the subsidiary's name.
    fn org_name_before(&self, text: &str, at: usize, end: usize) -> bool {
        let possessive = word_before(text, at).is_some_and(|(word, _)| {
            word.strip_suffix(['s', 'S'])
                .is_some_and(|head| head.len() > 1 && head.ends_with(['\'', '\u{2019}']))
        });
        (!possessive || capital_word_after(text, end))
            && self.name_word_before(text, at) == Some(NameWord::Name)
    }

    /// What the word right before `at` (spaces only between) is to a name that follows it:
    /// a title, a capitalised name word (neither ordinary nor a gazetteer name), or nothing.
    fn name_word_before(&self, text: &str, at: usize) -> Option<NameWord> {
        let (word, dotted) = word_before(text, at)?;
        let flags = self.rules.flags(word);
        if flags & TITLE != 0 {
            return Some(NameWord::Title);
        }
        let mut chars = word.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && chars.clone().any(char::is_lowercase)
            && chars.all(|c| c.is_alphabetic() || is_joiner(c));
        if dotted || !capitalised || flags & (STOP | NONNAME | FUNCTION) != 0 {
            return None;
        }
        // A gazetteer name before ("Iraqi Kirkuk", "Saudi Riyadh") is no first name.
        (!self.is_known(word)).then_some(NameWord::Name)
    }

    /// Whether `text[start..end]` is, as a whole, the name of a known place: a town left
    /// unmatched for want of a cue (`Fort Myers`, `Palm Coast`) is still no person's name.
    fn place_name(&self, text: &str, start: usize, end: usize) -> bool {
        text.get(start..end).is_some_and(|written| {
            self.readings_of(written).iter().any(|r| {
                self.known
                    .get(r.known)
                    .is_some_and(|k| k.kind == MentionKind::Place)
            })
        })
    }

    /// Whether `word` is, as a whole, a gazetteer name.
    fn is_known(&self, word: &str) -> bool {
        !self.readings_of(word).is_empty()
    }

    /// The readings of `name` when it is, as a whole, a gazetteer name or alias (compared
    /// after normalisation); none otherwise.
    fn readings_of(&self, name: &str) -> &[Candidate] {
        // Asked of many capitalised words around each name: normalised into a buffer kept
        // for the thread rather than a new string.
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        KEY.with(|key| {
            let mut key = key.borrow_mut();
            super::gazetteer::normalize_into(name, &mut key);
            let hay = key.as_bytes();
            match self.longest_at(hay, 0) {
                Some((end, pattern)) if end == hay.len() => self.candidates.get(pattern),
                _ => None,
            }
        })
        .map_or(&[], Vec::as_slice)
    }

    /// Whether a capitalised organisation or group suffix follows right after `at`
    /// (`Khorasan Army`, `Basra Operations Command` is left to the name rules whole).
    fn org_word_after(&self, text: &str, at: usize) -> bool {
        let Some((word, _)) = word_after(text, at) else {
            return false;
        };
        word.chars().next().is_some_and(char::is_uppercase)
            && (self.rules.flags(word) & (GROUP_SUFFIX | ORG_SUFFIX | ARMY) != 0
                // `Bergen County`, `Erie County`: a US county, named after no town of the
                // gazetteer's (the most populous town of the name is elsewhere).
                || word == "County")
    }

    /// The end of the legal forms that follow a company's name at `end` (`Apple Computer Inc`,
    /// `British Petroleum Co Plc`, `Saudi Aramco SA`): they belong to the name, and alone
    /// they would read as a name of their own.
    fn legal_form_end(&self, text: &str, mut end: usize) -> usize {
        while let Some((word, gap)) = word_after(text, end) {
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised || self.rules.flags(word) & LEGAL_FORM == 0 {
                break;
            }
            end += gap + word.len();
        }
        end
    }

    /// Whether `, <country or region>` follows the match that ends at `original_end` in
    /// `text` and at `end` in `norm`: `Dearborn, Michigan`.
    fn confirmed_after(&self, text: &str, norm: &str, original_end: usize, end: usize) -> bool {
        let Some(rest) = text.get(original_end..) else {
            return false;
        };
        let Some(after_comma) = rest.strip_prefix(',') else {
            return false;
        };
        if !after_comma.starts_with(' ') {
            return false;
        }
        // The normalised text keeps the comma: skip to the next word.
        let Some(from) = norm
            .get(end..)
            .and_then(|tail| tail.find(|c: char| c.is_alphanumeric()))
            .map(|skip| end + skip)
        else {
            return false;
        };
        self.longest_at(norm.as_bytes(), from)
            .and_then(|(_, pattern)| self.candidates.get(pattern))
            .is_some_and(|c| {
                c.iter()
                    .any(|r| self.known.get(r.known).is_some_and(|k| k.confirms))
            })
    }

    /// Pass 2: names not in the gazetteer, from runs of capitalised words.
    fn find_names(&self, ctx: &mut Ctx) {
        let tokens = ctx.tokens;
        let mut i = 0;
        while i < tokens.len() {
            if !can_start(&tokens[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < tokens.len()
                && connected(ctx.text, &tokens[j - 1], &tokens[j])
                && can_continue(&tokens[j])
            {
                j += 1;
            }
            // Particles end no name: "Ministry of" alone is not "Ministry of ...".
            let mut k = j;
            while k > i + 1 && tokens[k - 1].shape == Shape::Lower {
                k -= 1;
            }
            ctx.register_gazetteer_people(tokens[i].start, &self.rules);
            self.classify_run(ctx, i, k);
            i = j;
        }
    }

    /// Type the run of tokens `i..k`.
    fn classify_run(&self, ctx: &mut Ctx, i: usize, k: usize) {
        let tokens = ctx.tokens;
        if let Some(kind) = org_or_group(ctx, i, k) {
            // "Gene Kimmelman of the Consumer Federation": a personal name before `of` is a
            // person of the organisation, not the start of its name (which `Bank of
            // England`, `Ministry of Defence` are: their first part is no personal name).
            // Not in a headline, where any words are capitalised.
            let of = (i + 2..k).find(|&t| is_org_particle(&tokens[t]) && tokens[t].flags & OF != 0);
            if let Some(of) = of
                && tokens[i].flags & HEADLINE == 0
                && person_words(tokens, i, of, 2, 4)
            {
                ctx.emit_new(MentionKind::Person, i, of, &self.rules);
                self.classify_after_of(ctx, of, k);
                return;
            }
            // "Chairman of Acme Holdings", "CEO of Sun Pharmaceuticals", "Nominee for Member
            // of the Surface Transportation Board": titles before `of` (or `for`) are a post
            // at the organisation after it, not part of its name.
            let of = (i + 1..k)
                .find(|&t| is_org_particle(&tokens[t]) && tokens[t].flags & (OF | FOR) != 0);
            if let Some(of) = of
                && tokens[i].flags & HEADLINE == 0
                && (i..of).all(|t| tokens[t].flags & TITLE != 0)
            {
                self.classify_after_of(ctx, of, k);
                return;
            }
            self.emit_org_or_group(ctx, kind, i, k);
            return;
        }
        // A title: what follows it is a person ("Defense Secretary Mark Esper"); what precedes
        // it may be an organisation ("Foreign Ministry spokesman").
        let is_title = |t: usize| {
            tokens[t].flags & TITLE != 0 && matches!(tokens[t].shape, Shape::Cap | Shape::Upper)
        };
        let title = (i..k).rev().find(|&t| is_title(t));
        if let Some(t) = title {
            let mut head_end = t;
            while head_end > i && tokens[head_end - 1].shape == Shape::Lower {
                head_end -= 1;
            }
            // "President Tom Smith and Minister Nabih Berri": a title in the head starts a
            // name of its own.
            if (i..head_end).any(is_title) {
                self.classify_run(ctx, i, head_end);
            } else {
                self.classify_plain(ctx, i, head_end, true);
            }
            let mut n = t + 1;
            // "Secretary of State Mike Pompeo", "Minister of Foreign Affairs Javad Zarif".
            // Without a portfolio after `of`, what follows is where the post is held
            // ("CEO of Intel"), not the person who holds it.
            let mut of_place = false;
            if n < k && tokens[n].flags & OF != 0 {
                n += 1;
                let after_of = n;
                while n < k && tokens[n].flags & PORTFOLIO != 0 {
                    n += 1;
                }
                of_place = n == after_of;
            }
            if n < k && of_place {
                self.classify_plain(ctx, n, k, true);
            } else if n < k {
                let min = if tokens[t].flags & TITLE_WEAK != 0 {
                    2
                } else {
                    1
                };
                if person_words(tokens, n, k, min, 4) {
                    ctx.emit_new(MentionKind::Person, n, k, &self.rules);
                } else {
                    self.classify_plain(ctx, n, k, true);
                }
            }
            return;
        }
        // A lower-case title right before: "spokesman Jonathan Hoffman".
        if i > 0 {
            let before = &tokens[i - 1];
            if before.shape == Shape::Lower
                && before.flags & TITLE_LOWER != 0
                && connected(ctx.text, before, &tokens[i])
                && person_words(tokens, i, k, 1, 4)
            {
                ctx.emit_new(MentionKind::Person, i, k, &self.rules);
                return;
            }
        }
        self.classify_plain(ctx, i, k, true);
    }

    /// Type the organisation's name after the `of` at token `of` of the run ending at `k`:
    /// the rest of the run without the lower-case words that open it (`of the Consumer
    /// Federation`).
    fn classify_after_of(&self, ctx: &mut Ctx, of: usize, k: usize) {
        let mut rest = of + 1;
        while rest < k && ctx.tokens[rest].shape == Shape::Lower {
            rest += 1;
        }
        if rest < k {
            self.classify_run(ctx, rest, k);
        }
    }

    /// Emit `i..k`, typed `kind` by [`org_or_group`], as one name, or as two when it joins
    /// two with `and` ("the Central Bank and the National Development Fund").
    fn emit_org_or_group(&self, ctx: &mut Ctx, kind: MentionKind, i: usize, k: usize) {
        let tokens = ctx.tokens;
        if let Some(and) = (i + 1..k).find(|&t| tokens[t].flags & AND != 0) {
            let mut right = and + 1;
            while right < k && tokens[right].shape == Shape::Lower {
                right += 1;
            }
            // A name opened by `Organization for` goes on over `and` (`Organization for
            // Security and Co-operation in Europe`), unless its left part ends as a name does
            // or another name begins after `and` (`the Bank for International Settlements`).
            let opens_name = |t: usize| {
                tokens[t].flags & ORG_START != 0
                    && tokens.get(t + 1).is_some_and(|n| n.flags & (OF | FOR) != 0)
            };
            let open = tokens[i + 1].flags & FOR != 0
                && tokens[and - 1].flags & (ORG_SUFFIX | GROUP_SUFFIX | ARMY) == 0
                && right == and + 1
                && !opens_name(right);
            if !open
                && let (Some(left_kind), Some(right_kind)) =
                    (org_or_group(ctx, i, and), org_or_group(ctx, right, k))
            {
                ctx.emit_new(left_kind, i, and, &self.rules);
                ctx.emit_new(right_kind, right, k, &self.rules);
                return;
            }
        }
        ctx.emit_new(kind, i, k, &self.rules);
    }

    /// Type `i..k` without titles: organisation or group by its words, person by its shape,
    /// or a known person's last name; runs holding `of`, `and`... are otherwise cut there.
    fn classify_plain(&self, ctx: &mut Ctx, mut i: usize, k: usize, split: bool) {
        let tokens = ctx.tokens;
        while i < k && tokens[i].shape == Shape::Lower {
            i += 1;
        }
        if i >= k {
            return;
        }
        // An organisation's cue counts only right before the name (`the bank Pierson`, not
        // `the bank, Samuel Yonnone`).
        let thing_before = i > 0
            && tokens[i - 1].shape == Shape::Lower
            && (tokens[i - 1].flags & THING_CUE != 0
                || (tokens[i - 1].flags & ORG_CUE != 0
                    && connected(ctx.text, &tokens[i - 1], &tokens[i])));
        // Capitalised words right after a known organisation ("DHS Strategic Framework",
        // "the White House Situation Room") name something of it, not a person; unless the
        // organisation ends a title ("Secretary of the Treasury Janet Yellen", "Ambassador
        // to the United Nations Linda Thomas-Greenfield").
        let after_org = i > 0
            && tokens[i - 1]
                .gazetteer
                .and_then(|g| ctx.gazetteer.get(g))
                .is_some_and(|m| {
                    matches!(m.kind, MentionKind::Org | MentionKind::Group)
                        && !ends_title(ctx.text, m.start)
                })
            && connected(ctx.text, &tokens[i - 1], &tokens[i]);
        if let Some(kind) = org_or_group(ctx, i, k) {
            self.emit_org_or_group(ctx, kind, i, k);
        } else if let Some(kind) = self.cued(ctx, i, k) {
            ctx.emit_new(kind, i, k, &self.rules);
            ctx.cued.push((tokens[i].start, tokens[k - 1].word_end));
        } else if tokens[i].flags & HEADLINE == 0
            && !thing_before
            && !after_org
            && person_words(tokens, i, k, 2, 3)
            && !self.place_name(ctx.text, tokens[i].start, tokens[k - 1].word_end)
        {
            ctx.emit_new(MentionKind::Person, i, k, &self.rules);
        } else if split && (i..k).any(|t| is_org_particle(&tokens[t])) {
            let mut piece = i;
            let cuts = (i..k).filter(|&t| is_org_particle(&tokens[t]));
            for cut in cuts.chain(std::iter::once(k)) {
                self.classify_plain(ctx, piece, cut, false);
                piece = cut + 1;
            }
        } else if k - i == 1 {
            ctx.emit_known_person(i, &self.rules);
        }
    }
}

impl Extractor {
    /// The kind of the capitalised words `i..k` when the word right before them says what
    /// they name (`lender UBS`, `chipmaker Nvidia`, `the newspaper Kayhan`, `the rebel group
    /// M23`), or a description right after them does (`Vontobel, the Swiss lender,`): an
    /// organisation for a word of `[org_cue]`, an armed group when that word is `group`,
    /// `alliance`... after a word of `[group_cue]` (`rebel`, `militant`). At most four
    /// words, none a stop word or a title (`the company Chairman John Smith`), not on a
    /// headline, not a name that goes on, and not a person's last name the article gave
    /// before.
    fn cued(&self, ctx: &Ctx, i: usize, k: usize) -> Option<MentionKind> {
        let tokens = ctx.tokens;
        if k - i > 4 {
            return None;
        }
        let (kind, after) = match self.cue_before(ctx, i) {
            Some(kind) => (kind, false),
            None => (self.cue_after(ctx, k)?, true),
        };
        // Not after a thing's word (`the aircraft carrier USS Enterprise, a carrier strike
        // group`), nor the end of a longer name (`the Aspen Institute for Humanistic Studies,
        // a private group`).
        if let Some(t) = i.checked_sub(1).map(|t| &tokens[t])
            && t.shape == Shape::Lower
            && connected(ctx.text, t, &tokens[i])
        {
            let joins = ctx
                .text
                .get(t.start..t.word_end)
                .is_some_and(|w| matches!(w, "of" | "for" | "and"));
            // (`Shares of Piedmont` opens a sentence: `Shares` is the cue, not a name.)
            let name_before = i >= 2
                && tokens[i - 2].shape != Shape::Lower
                && tokens[i - 2].flags & ORG_CUE_OF == 0;
            if (after && t.flags & THING_CUE != 0) || (joins && name_before) {
                return None;
            }
        }
        let plain = tokens[i..k].iter().all(|t| {
            matches!(t.shape, Shape::Cap | Shape::Upper | Shape::Prefixed)
                && t.flags & (STOP | TITLE | HEADLINE) == 0
        });
        if !plain || tokens[i..k].iter().all(|t| t.flags & LEGAL_FORM != 0) {
            return None;
        }
        // Only a name read whole: not one that goes on with a capitalised word (`the group
        // Marked By COVID`), or with `and`, `of`, `their` or another small word and a
        // capitalised one (`the law firm Townley and Updike`, `the group Protect their
        // Future`; `the rebel group Twirwaneho took Minembwe` ends at the verb), or with a
        // comma or `&` and a capitalised word (`the law firm Cowdery, Ecker & Murphy`).
        let last = &tokens[k - 1];
        let goes_on = match tokens.get(k) {
            Some(next) if connected(ctx.text, last, next) => {
                let small = || {
                    next.flags & (FUNCTION | ORG_PARTICLE | PARTICLE) != 0
                        || ctx.text.get(next.start..next.word_end).is_some_and(|w| {
                            matches!(w, "their" | "our" | "your" | "his" | "her" | "its" | "my")
                        })
                };
                next.shape != Shape::Lower
                    || (small()
                        && tokens.get(k + 1).is_some_and(|after| {
                            after.shape != Shape::Lower && connected(ctx.text, next, after)
                        }))
            }
            _ => {
                !after
                    && ctx.text.get(last.end..).is_some_and(|rest| {
                        [", ", " & "].iter().any(|gap| {
                            rest.strip_prefix(gap)
                                .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
                        })
                    })
            }
        };
        if goes_on {
            return None;
        }
        let first = ctx.text.get(tokens[i].start..tokens[i].word_end)?;
        // Not a plural of capitals (`agency IGs`, `oil company CEOs`), nor `I'm`.
        let plural = first.len() >= 3
            && first.ends_with('s')
            && first[..first.len() - 1]
                .chars()
                .all(|c| c.is_ascii_uppercase());
        if (k - i == 1 && plural) || first.starts_with("I'") || first.starts_with("I\u{2019}") {
            return None;
        }
        // One word of the rules' lists is a common word (`the head of Army procurement`,
        // `employees of Federal agencies`), and would be met again everywhere; one a person
        // of the article was named by is that person.
        if k - i == 1
            && (tokens[i].flags != 0
                || remembered(ctx.persons, &mut String::new(), first, &self.rules).is_some())
        {
            return None;
        }
        Some(kind)
    }

    /// The kind a cue right before token `i` gives (`lender UBS`), see [`Extractor::cued`].
    fn cue_before(&self, ctx: &Ctx, i: usize) -> Option<MentionKind> {
        let tokens = ctx.tokens;
        let cue = tokens.get(i.checked_sub(1)?)?;
        if cue.shape != Shape::Lower || !connected(ctx.text, cue, &tokens[i]) {
            return None;
        }
        // `shares of`, `a stake in`: the word before `of` or `in` says it.
        if cue.flags & ORG_CUE == 0 {
            let word = ctx.text.get(cue.start..cue.word_end)?;
            let (before, _) = word_before(ctx.text, cue.start)?;
            // `in` after a stake or shares only: `a subsidiary in Marion County` is a place.
            let cue = match word {
                "of" => true,
                "in" => ["stake", "stakes", "shares"]
                    .iter()
                    .any(|w| before.eq_ignore_ascii_case(w)),
                _ => false,
            };
            return (cue && self.rules.flags(before) & ORG_CUE_OF != 0).then_some(MentionKind::Org);
        }
        let cue_word = ctx.text.get(cue.start..cue.word_end)?;
        let before = word_before(ctx.text, cue.start).map_or("", |(w, _)| w);
        self.cue_kind(cue_word, before)
    }

    /// The kind a description after tokens `..k` gives, between commas or before the end of
    /// the sentence: `the`, `a` or a possessive, up to four plain words, and a cue last
    /// (`Vontobel, the Swiss lender,`, `Wagner, Russia's mercenary group.`). Not when a word
    /// of it is a title or a small word (`Smith, a member of the party,` is no party).
    fn cue_after(&self, ctx: &Ctx, k: usize) -> Option<MentionKind> {
        let last = &ctx.tokens[k - 1];
        if last.possessive {
            return None;
        }
        let rest = ctx.text.get(last.end..)?.strip_prefix(", ")?;
        let mut words = rest.split(' ');
        let opening = words.next()?;
        if !matches!(opening, "the" | "a" | "an")
            && !["'s", "\u{2019}s"].iter().any(|p| opening.ends_with(p))
        {
            return None;
        }
        let mut before = opening;
        // Where the word after the opening starts in the text.
        let mut at = last.end + 2 + opening.len() + 1;
        for word in words.take(5) {
            let bare = word.trim_end_matches([',', '.', ';', ')']);
            if bare.is_empty() || !bare.chars().all(|c| c.is_alphanumeric() || c == '-') {
                return None;
            }
            // A description is in lower case but for places (`the Swiss lender`); capitals
            // make another name (`Food Security Program, the African Development Bank,` is
            // a list).
            let place = || {
                ctx.gazetteer
                    .iter()
                    .any(|m| m.kind == MentionKind::Place && m.start <= at && at < m.end)
            };
            if bare.starts_with(|c: char| !c.is_lowercase()) && !place() {
                return None;
            }
            if bare.len() < word.len() {
                return self.cue_kind(bare, before);
            }
            at += word.len() + 1;
            if self.rules.flags(bare) & (TITLE | TITLE_LOWER | FUNCTION | ORG_PARTICLE) != 0 {
                return None;
            }
            before = bare;
        }
        None
    }

    /// The kind the cue `word` gives after the word `before` it: an armed group for `group`,
    /// `alliance`... after a word of `[group_cue]` (`rebel group`), else an organisation;
    /// `agency` only after `news`, `press` or `wire`.
    fn cue_kind(&self, word: &str, before: &str) -> Option<MentionKind> {
        if self.rules.flags(word) & ORG_CUE == 0
            || (word.starts_with("agenc") && !matches!(before, "news" | "press" | "wire"))
        {
            return None;
        }
        let armed = self.rules.flags(before) & GROUP_CUE != 0;
        let grouping = matches!(
            word,
            "group" | "groups" | "alliance" | "coalition" | "faction"
        );
        Some(if armed && grouping {
            MentionKind::Group
        } else {
            MentionKind::Org
        })
    }
}

/// Scratch buffers reused between calls on one thread, so that extraction allocates little
/// more than the mentions it returns.
#[derive(Default)]
struct Scratch {
    norm: String,
    map: Vec<usize>,
    /// The names starting at one word start, as (end, pattern).
    found: Vec<(usize, usize)>,
    tokens: Vec<Token>,
    /// See `Ctx::key`.
    key: String,
}

/// What extraction carries from one passage of an article to the next
/// ([`Extractor::extract_remembering`]): the people named so far, by the key of their last
/// name (see [`Person`] for a name two of them share).
#[derive(Default)]
pub struct Memory {
    persons: FxHashMap<String, Person>,
    /// Shorter forms of names the article introduced, with the mention they stand for: its
    /// acronyms (`Federal Emergency Management Agency (FEMA)`), companies' names without
    /// their legal form (`Caesars World` for `Caesars World Inc`) and organisations' last
    /// words after `the` (`the Assembly` for the `National Assembly`).
    short_forms: Vec<ShortForm>,
    /// The US states named like a country (by their place in [`Extractor::us_states`]) of
    /// which the article has named a place.
    us_states: Vec<usize>,
    /// The other US states the article has named, see [`Extractor::us_state`].
    other_us_states: Vec<Box<str>>,
}

/// The start of the facet of every place in the United States.
const IN_US: &str = "/United States/";

/// A US state named like a country, see [`Extractor::us_state`].
struct UsState {
    /// The name both are written with: `Georgia`.
    written: Arc<str>,
    /// The country's facet: `/Georgia`.
    country: Arc<str>,
    name: Arc<str>,
    facet: Arc<str>,
}

/// A shorter form of a name, see [`Memory`].
struct ShortForm {
    written: Box<str>,
    /// A searcher for `written`, built once: the article's later passages are searched for it.
    /// None for a [`Form::Head`], which is looked for only after `the`, in one pass for all.
    finder: Option<memchr::memmem::Finder<'static>>,
    stands_for: Mention,
    form: Form,
}

/// The kinds of [`ShortForm`], which differ in where they count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// An acronym defined in parentheses: anywhere, even before a capitalised word (`FEMA
    /// Administrator`).
    Acronym,
    /// A company's name without its legal form: not when a capitalised word follows
    /// (`Caesars World` is not the company in `Caesars World Casino`).
    Base,
    /// The last word of an organisation's or group's name (`Assembly`, `Guards`, `Commission`):
    /// only right after `the`, and not when a capitalised word follows or the name goes on
    /// with `of` (`the Council of Europe` is another body).
    Head,
    /// A name a cue typed (`lender UBS`, `the firm Merrill Lynch`), met again without it:
    /// as [`Form::Base`], and it also takes the place of a person the rules read from the
    /// shape of the same words alone (`Merrill Lynch said`).
    Cued,
}

/// What [`Extractor::short_forms`] needs to know of the names the rules found in a passage.
struct Cued {
    /// The spans of the names a cue typed.
    names: Vec<(usize, usize)>,
    /// The spans of the people the rules found (not the gazetteer's), when a cue form is
    /// about; else empty.
    people: Vec<(usize, usize)>,
}

/// A place written right before an organisation's or group's name that the rules found is
/// part of that name (`Tokyo Stock Exchange`, `Saudi National Bank`, `Ohio State
/// University`): the place's mention goes, and the name's takes it in. Not after a
/// possessive (`Israel's Defence Ministry`: the place and a space must be all that comes
/// before), and not before a name from the entity list (`US State Department` stays the
/// United States and the State Department).
///
/// Capitalised descriptive words before the place open the name too (`Central Michigan
/// University`, `North Atlantic Alliance`): the rules stop at the place, which is no word of
/// theirs.
fn place_opens_name(
    text: &str,
    gazetteer: &mut Vec<Mention>,
    named: &mut [Mention],
    rules: &NameRules,
) {
    let mut merged = Vec::new();
    // The names' spans, kept up to date: a name does not grow over another one.
    let mut spans: Vec<(usize, usize)> = named.iter().map(|m| (m.start, m.end)).collect();
    for (i, name) in named.iter_mut().enumerate() {
        if !matches!(name.kind, MentionKind::Org | MentionKind::Group) {
            continue;
        }
        let first = merged.len();
        // Places in a row all open it: `Asian Pacific Bar Association`.
        while let Some(p) = gazetteer.iter().position(|g| {
            g.kind == MentionKind::Place
                && g.end + 1 == name.start
                && text.get(g.end..name.start) == Some(" ")
        }) {
            let place = &gazetteer[p];
            let Some(written) = text.get(place.start..name.end) else {
                break;
            };
            if !written.starts_with(char::is_uppercase) {
                break;
            }
            let whole = as_one_line(written);
            rename(name, whole);
            name.start = place.start;
            merged.push(p);
        }
        if merged.len() == first {
            continue;
        }
        descriptive_words_open(text, name, gazetteer, &spans, rules);
        spans[i] = (name.start, name.end);
    }
    drop_merged(gazetteer, &merged);
}

/// Capitalised descriptive words right before `name`, each across one plain space, open it
/// (`Central Michigan University`, `Upper Colorado River Commission`): the name began at a
/// place, which the rules do not step back over. Not a title, nor a word inside another
/// mention of `others` or another name's span of `spans`.
fn descriptive_words_open(
    text: &str,
    name: &mut Mention,
    others: &[Mention],
    spans: &[(usize, usize)],
    rules: &NameRules,
) {
    while let Some((word, false)) = word_before(text, name.start)
        && text[..name.start].ends_with(' ')
        && !text[..name.start - 1].ends_with(' ')
        && word.starts_with(|c: char| c.is_uppercase())
        && rules.flags(word) & (NONNAME | STOP | TITLE) == NONNAME
    {
        // The word and one space, nothing else (`word_before` also steps over tabs).
        let Some(start) = (name.start - 1).checked_sub(word.len()) else {
            break;
        };
        if text.get(start..name.start - 1) != Some(word) {
            break;
        }
        if others.iter().any(|g| g.start < name.start && g.end > start)
            || spans.iter().any(|&(s, e)| s < name.start && e > start)
        {
            break;
        }
        let whole = format!("{word} {}", name.name);
        rename(name, whole);
        name.start = start;
    }
}

/// Whether the word after byte `at` of `text` (spaces between, see [`word_after`]) starts
/// with a capital: a name may go on there.
fn capital_word_after(text: &str, at: usize) -> bool {
    word_after(text, at).is_some_and(|(word, _)| word.starts_with(char::is_uppercase))
}

/// Whether a name ending at byte `end` of `text` goes on: `of`, `on`, `for` or `to`, then
/// (after `the`) a capitalised word.
fn name_goes_on(text: &str, end: usize) -> bool {
    let Some((link, gap)) = word_after(text, end) else {
        return false;
    };
    if !matches!(link, "of" | "on" | "for" | "to") {
        return false;
    }
    let mut at = end + gap + link.len();
    let mut next = word_after(text, at);
    if let Some(("the", gap)) = next {
        at += gap + 3;
        next = word_after(text, at);
    }
    next.is_some_and(|(w, _)| w.starts_with(char::is_uppercase))
}

/// A place after an organisation's word and `of` closes the organisation's name: `University
/// of California`, `First National Bank of Chicago`, `Supreme Court of Ohio`, and so does a
/// place after `of` and a name the rules found without an `of` of its own (`Office for the
/// Eastern District of Missouri`). The rules stop
/// before the place, which is no word of theirs, so `University` alone used to name nothing
/// and `First National Bank` went without its city. The place's mention goes; the
/// organisation's is made or lengthened. Not after a name from the entity list, which keeps
/// its own name.
fn place_closes_name(
    text: &str,
    gazetteer: &mut Vec<Mention>,
    named: &mut Vec<Mention>,
    rules: &NameRules,
) {
    let mut merged = Vec::new();
    for (p, place) in gazetteer.iter().enumerate() {
        if place.kind != MentionKind::Place {
            continue;
        }
        // `Bureau of Indian Affairs`: a capitalised word after the place goes on with a name
        // that the rules could not read.
        let capital_follows = text[place.end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        let before = &text[..place.start];
        let Some(head) = before
            .strip_suffix(" of the ")
            .or_else(|| before.strip_suffix(" of "))
        else {
            // `University of Southern California`, `University of South Florida`: a name
            // the rules cut at a descriptive word goes on with the place after it.
            let Some(head) = before.strip_suffix(' ') else {
                continue;
            };
            let cut = named.iter().position(|n| {
                n.end == head.len()
                    && n.kind == MentionKind::Org
                    && n.name.contains(" of ")
                    && n.name.rsplit(' ').next().is_some_and(|last| {
                        last.starts_with(char::is_uppercase) && rules.flags(last) & DIRECTION != 0
                    })
            });
            if let Some(at) = cut
                && !capital_follows
                && text[place.start..place.end] == *place.name
                && let Some(whole) = text.get(named[at].start..place.end)
            {
                let whole = as_one_line(whole);
                let name = &mut named[at];
                rename(name, whole);
                name.end = place.end;
                merged.push(p);
            }
            continue;
        };
        let word_start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric())
            .last()
            .map_or(head.len(), |(i, _)| i);
        let word = &head[word_start..];
        // `Bureau of European and Eurasian Affairs`: an adjective ends no such name.
        let surface = &text[place.start..place.end];
        let adjective = surface != &*place.name
            && ["an", "ese", "ish", "i", "ic"]
                .iter()
                .any(|end| surface.ends_with(end));
        let ending = named.iter().position(|n| {
            n.end == head.len() && matches!(n.kind, MentionKind::Org | MentionKind::Group)
        });
        // `Office for the District of Hawaii`: a name the rules found closes with the place
        // too, unless it has its own `of` (`Ministry of Defence of Iraq`) or ends with a
        // legal form, where the place says where the company is (`Technical Data Corp of
        // Boston`).
        let opened = ending.is_some_and(|at| {
            let name = &named[at].name;
            // `Commission for the Preservation of America's Heritage Abroad`.
            !possessive_at(text, place.end)
                && !name.contains(" of ")
                && name
                    .rsplit(' ')
                    .next()
                    .is_none_or(|last| rules.flags(last) & LEGAL_FORM == 0)
        });
        let org_word = word.starts_with(char::is_uppercase) && rules.flags(word) & ORG_START != 0;
        if capital_follows
            || adjective
            || !(org_word || opened)
            || gazetteer
                .iter()
                .any(|g| g.end > word_start && g.start < head.len())
        {
            continue;
        }
        let Some(written) = text.get(word_start..place.end) else {
            continue;
        };
        match ending {
            Some(at) => {
                let name = &mut named[at];
                let Some(whole) = text.get(name.start..place.end) else {
                    continue;
                };
                let whole = as_one_line(whole);
                rename(name, whole);
                name.end = place.end;
            }
            None if named
                .iter()
                .any(|n| n.end > word_start && n.start < place.end) =>
            {
                continue;
            }
            None => {
                let name = as_one_line(written);
                named.push(Mention {
                    kind: MentionKind::Org,
                    facet: format!("/org/{name}").into(),
                    name: name.into(),
                    start: word_start,
                    end: place.end,
                });
            }
        }
        merged.push(p);
    }
    if !merged.is_empty() {
        drop_merged(gazetteer, &merged);
        named.sort_unstable_by_key(|m| m.start);
    }
}

/// A capitalised `First` right before a name is the first word of a company's name, as in
/// the banks and firms of business news: `First Boston Corp`, `First National Bank of
/// Chicago`, `First Union`, `First Republic Bank`. `First` is a stop word of the rules (an
/// ordinal, the opening of a sentence), so they used to read `Boston Corp`, and a town after
/// it (`First Boston`, `First Chicago's Johnson`) was the town.
///
/// - An organisation or group the rules found (`named`) takes `First` in.
/// - A town or region from the gazetteer becomes an organisation named with `First`. Not a
///   country (`the First U.S. National Nature Assessment`), and not at the start of a
///   sentence before a comma (`First Basra, then Baghdad`).
///
/// Names from the entity list keep their own name (`First G7 meeting`); titles are no
/// names here (`First Lady Jill Biden` is a person from `Jill`).
fn first_opens_name(text: &str, gazetteer: &mut [Mention], named: &mut [Mention]) {
    const FIRST: &str = "First ";
    let opened = |start: usize| -> Option<usize> {
        let at = start.checked_sub(FIRST.len())?;
        (text.get(at..start) == Some(FIRST)
            && !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '\''))
        .then_some(at)
    };
    for name in named.iter_mut() {
        if !matches!(name.kind, MentionKind::Org | MentionKind::Group) {
            continue;
        }
        let Some(at) = opened(name.start) else {
            continue;
        };
        let whole = format!("First {}", name.name);
        rename(name, whole);
        name.start = at;
    }
    let mut previous_end = 0;
    for place in gazetteer.iter_mut() {
        let end_before = previous_end;
        previous_end = place.end;
        // A country's facet has one level, a region's two, a town's three.
        if place.kind != MentionKind::Place || place.facet.matches('/').count() < 2 {
            continue;
        }
        let Some(at) = opened(place.start) else {
            continue;
        };
        if at < end_before {
            continue;
        }
        let sentence_start = text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '\u{201C}'));
        if sentence_start && text[place.end..].starts_with(',') {
            continue;
        }
        let Some(written) = text.get(place.start..place.end) else {
            continue;
        };
        let name = format!("First {}", as_one_line(written));
        place.kind = MentionKind::Org;
        rename(place, name);
        place.start = at;
    }
}

/// A name as written, its runs of whitespace (line breaks included) one space each.
fn as_one_line(written: &str) -> String {
    // Most names are ASCII words with one space between them: copied as they are, without
    // splitting and joining them again.
    let bytes = written.as_bytes();
    let space = |b: &u8| char::from(*b).is_whitespace();
    let plain = written.is_ascii()
        && !bytes.first().is_some_and(space)
        && !bytes.last().is_some_and(space)
        && bytes
            .windows(2)
            .all(|pair| !space(&pair[1]) || (pair[1] == b' ' && !space(&pair[0])));
    if plain {
        return written.to_owned();
    }
    written.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Give `mention` the name `name`, and the facet of that name under its kind.
fn rename(mention: &mut Mention, name: String) {
    mention.facet = format!("/{}/{name}", mention.kind.as_str()).into();
    mention.name = name.into();
}

/// Remove the mentions at the positions `merged` (into a longer name) from `mentions`.
fn drop_merged(mentions: &mut Vec<Mention>, merged: &[usize]) {
    if merged.is_empty() {
        return;
    }
    let mut i = 0;
    mentions.retain(|_| {
        i += 1;
        !merged.contains(&(i - 1))
    });
}

/// The acronym a writer defines in parentheses right after a name (`Federal Emergency
/// Management Agency (FEMA)`, `Ministry of Defence (MoD)`), as its byte range in `text`:
/// two to ten letters, digits, `&` or `-`, starting with a capital, holding at least two
/// capitals, of which at least half are initials of the name's words (`USDA` for
/// `Department of Agriculture`: D and A).
fn acronym_after(text: &str, name: &Mention) -> Option<(usize, usize)> {
    let rest = text.get(name.end..)?;
    let inner = rest
        .strip_prefix(" (")
        .map(|r| (r, 2))
        .or_else(|| rest.strip_prefix('(').map(|r| (r, 1)));
    let (inner, skip) = inner?;
    let close = inner.find(')')?;
    let acronym = &inner[..close];
    let capitals: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
    let well_formed = (2..=10).contains(&acronym.len())
        && acronym.starts_with(|c: char| c.is_ascii_uppercase())
        && acronym
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '&' || c == '-')
        && capitals.len() >= 2;
    if !well_formed {
        return None;
    }
    let written = text.get(name.start..name.end)?;
    let initials: Vec<char> = written
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let matching = capitals.iter().filter(|c| initials.contains(c)).count();
    if 2 * matching < capitals.len() {
        return None;
    }
    let start = name.end + skip;
    Some((start, start + acronym.len()))
}

impl Extractor {
    /// Shorter forms of names ([`Memory::short_forms`]): an acronym defined in `text` right
    /// after an organisation's, group's or place's name, and a company's name without the
    /// legal form it was introduced with (`Caesars World Inc`), become mentions of that name
    /// and are remembered; each remembered form met as whole words outside other mentions,
    /// here or in a later passage, is a mention too.
    fn short_forms(
        &self,
        text: &str,
        mentions: &mut Vec<Mention>,
        memory: &mut Vec<ShortForm>,
        cued: &Cued,
    ) {
        let mut added = Vec::new();
        fn learn(memory: &mut Vec<ShortForm>, written: &str, stands_for: Mention, form: Form) {
            if written.is_empty() {
                return;
            }
            // A written form is remembered once, standing for the name it was met with last.
            if let Some(known) = memory.iter().position(|f| *f.written == *written) {
                let same = &memory[known];
                // Met again (`Supreme Court` in passage after passage): nothing new to learn.
                if same.form == form && same.stands_for.facet == stands_for.facet {
                    return;
                }
                memory.remove(known);
            }
            memory.push(ShortForm {
                finder: (form != Form::Head)
                    .then(|| memchr::memmem::Finder::new(written).into_owned()),
                written: written.into(),
                stands_for,
                form,
            });
        }
        for (i, name) in mentions.iter().enumerate() {
            if name.kind == MentionKind::Org
                && let Some(base) = self.company_base(text, name)
            {
                learn(memory, base, name.clone(), Form::Base);
            }
            if cued.names.contains(&(name.start, name.end))
                && let Some(written) = text.get(name.start..name.end)
                && !memory.iter().any(|f| *f.written == *written)
            {
                learn(memory, written, name.clone(), Form::Cued);
            }
            // An organisation met again in the article, written the same (most are), has
            // taught its last word already: looked up before the word is read.
            let last = text
                .get(name.start..name.end)
                .and_then(|w| w.rsplit_once(' '))
                .map(|(_, last)| last);
            if matches!(name.kind, MentionKind::Org | MentionKind::Group)
                && last.is_some_and(|last| {
                    !memory.iter().any(|f| {
                        f.form == Form::Head
                            && *f.written == *last
                            && f.stands_for.facet == name.facet
                    })
                })
                && let Some(head) = self.head_word(text, name)
            {
                learn(memory, head, name.clone(), Form::Head);
            }
            if name.kind == MentionKind::Person {
                continue;
            }
            let Some((start, end)) = acronym_after(text, name) else {
                continue;
            };
            // Already a mention (a known alias): nothing to learn.
            if mentions.get(i + 1).is_some_and(|next| next.start < end) {
                continue;
            }
            let mention = Mention {
                start,
                end,
                ..name.clone()
            };
            learn(
                memory,
                text.get(start..end).unwrap_or_default(),
                mention.clone(),
                Form::Acronym,
            );
            added.push(mention);
        }
        // A name a cue typed that the article gave as a shorter form of another (`DARPA` after
        // the `Defense Advanced Research Projects Agency (DARPA)`) stands for that one.
        for mention in mentions.iter_mut() {
            if cued.names.contains(&(mention.start, mention.end))
                && let Some(form) = memory.iter().find(|f| {
                    f.form != Form::Cued
                        && text.get(mention.start..mention.end) == Some(&*f.written)
                })
            {
                *mention = Mention {
                    start: mention.start,
                    end: mention.end,
                    ..form.stands_for.clone()
                };
            }
        }
        for form in memory.iter() {
            let Some(finder) = &form.finder else {
                continue;
            };
            for start in finder.find_iter(text.as_bytes()) {
                let end = start + form.written.len();
                // A match of valid UTF-8 in valid UTF-8 lies on character boundaries.
                let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
                    continue;
                };
                // A word of its own (`USDA/Farm Service` still counts), not part of an
                // address (`FEMA-NEWS@FEMA.DHS.GOV`, `www.whitehouse.gov/PCAST`).
                let before = head.chars().next_back();
                let mut after = tail.chars();
                let joined = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_');
                let token_start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                let token_end = tail
                    .find(char::is_whitespace)
                    .map_or(text.len(), |i| end + i);
                let token = text.get(token_start..token_end).unwrap_or_default();
                let address =
                    token.contains('@') || token.contains("://") || token.contains("www.");
                let whole = !address
                    && !before.is_some_and(|c| joined(c) || c == '.')
                    && !after.next().is_some_and(|c| {
                        joined(c) || (c == '.' && after.next().is_some_and(char::is_alphanumeric))
                    });
                let longer =
                    matches!(form.form, Form::Base | Form::Cued) && capital_word_after(text, end);
                if !whole || longer {
                    continue;
                }
                let free = |m: &Mention| m.end <= start || m.start >= end;
                let mention = Mention {
                    start,
                    end,
                    ..form.stands_for.clone()
                };
                if mentions.iter().all(free) && added.iter().all(free) {
                    added.push(mention);
                } else if form.form == Form::Cued
                    && cued.people.contains(&(start, end))
                    && let Some(person) = mentions
                        .iter_mut()
                        .find(|m| m.start == start && m.end == end)
                {
                    *person = mention;
                }
            }
        }
        if memory.iter().any(|f| f.form == Form::Head) {
            self.head_forms(text, mentions, &mut added, memory);
        }
        if !added.is_empty() {
            mentions.extend(added);
            mentions.sort_unstable_by_key(|m| m.start);
        }
    }

    /// The [`Form::Head`] short forms of `memory` in `text`: each `the` or `The` followed by a
    /// remembered last word, not before a capitalised word or another body's `of`, and
    /// outside the mentions already there. One pass over the text for all of them.
    fn head_forms(
        &self,
        text: &str,
        mentions: &[Mention],
        added: &mut Vec<Mention>,
        memory: &[ShortForm],
    ) {
        // Built once: building a searcher costs more than most passages' search.
        static THE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("he "));
        let bytes = text.as_bytes();
        for at in THE.find_iter(bytes) {
            let Some(article) = at.checked_sub(1) else {
                continue;
            };
            if !matches!(bytes[article], b't' | b'T')
                || article
                    .checked_sub(1)
                    .is_some_and(|b| bytes[b].is_ascii_alphanumeric())
            {
                continue;
            }
            let start = at + 3;
            let Some(rest) = text.get(start..) else {
                continue;
            };
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |i| start + i);
            let word = &text[start..end];
            if word.is_empty() || text[end..].starts_with(['-', '_']) {
                continue;
            }
            let Some(form) = memory
                .iter()
                .find(|f| f.form == Form::Head && *f.written == *word)
            else {
                continue;
            };
            let free = |m: &Mention| m.end <= start || m.start >= end;
            if !capital_word_after(text, end)
                && !name_goes_on(text, end)
                && mentions.iter().all(free)
                && added.iter().all(free)
            {
                added.push(Mention {
                    start,
                    end,
                    ..form.stands_for.clone()
                });
            }
        }
    }

    /// The last word of an organisation's or group's name of two words or more, when it is an
    /// organisation's or group's word that a later `the` can stand for it by: `Assembly` for
    /// `National Assembly`, `Guards` for `Revolutionary Guards`. Not in capitals, and not in
    /// a name holding a function word (`State of the Union`, `Bank of Japan`), whose last
    /// word is not its head.
    fn head_word<'t>(&self, text: &'t str, mention: &Mention) -> Option<&'t str> {
        let written = text.get(mention.start..mention.end)?;
        let (head, last) = written.rsplit_once(' ')?;
        if head.is_empty()
            || !last.starts_with(|c: char| c.is_uppercase())
            || !last.chars().skip(1).all(char::is_lowercase)
        {
            return None;
        }
        let singular = last.strip_suffix('s').unwrap_or(last);
        let flags = self.rules.flags(last) | self.rules.flags(singular);
        (flags & (ORG_SUFFIX | GROUP_SUFFIX) != 0
            && !head
                .split_whitespace()
                .any(|w| self.rules.flags(w) & FUNCTION != 0))
        .then_some(last)
    }

    /// The name of the company `mention` without its legal form (`Caesars World` for
    /// `Caesars World Inc`, `Dome Petroleum` for `Dome Petroleum Ltd.`), when that is still a
    /// name: capitalised words, and one word only when it is no common word (`National`,
    /// `First`).
    fn company_base<'t>(&self, text: &'t str, mention: &Mention) -> Option<&'t str> {
        let written = text.get(mention.start..mention.end)?;
        let mut base = written;
        while let Some((head, last)) = base.trim_end().rsplit_once(char::is_whitespace) {
            let word = last.trim_end_matches(['.', ',']);
            if self.rules.flags(word) & LEGAL_FORM == 0 {
                break;
            }
            base = head.trim_end().trim_end_matches(',');
        }
        if base.len() == written.len() {
            return None;
        }
        let words: Vec<&str> = base.split_whitespace().collect();
        let capitalised = words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        let common = |w: &str| self.rules.flags(w) & (STOP | NONNAME | FUNCTION | TITLE) != 0;
        let name = match words.as_slice() {
            [] => false,
            [one] => one.chars().count() >= 3 && !common(one),
            _ => true,
        };
        (capitalised && name).then_some(base)
    }
}

/// Buffers grown past this (bytes of normalised text) are dropped after the call.
const SCRATCH_LIMIT: usize = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The word right before `at`, separated from it by spaces only (no line break), and whether
/// a period ends it (`Gen. `); `None` when punctuation or a line break comes between.
fn word_before(text: &str, at: usize) -> Option<(&str, bool)> {
    let head = text.get(..at)?;
    let trimmed = head.trim_end_matches([' ', '\t', '\u{a0}']);
    if trimmed.len() == head.len() {
        return None;
    }
    let (trimmed, dotted) = match trimmed.strip_suffix('.') {
        Some(t) => (t, true),
        None => (trimmed, false),
    };
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || is_joiner(c))
        .last()
        .map(|(i, _)| i)?;
    Some((&trimmed[start..], dotted))
}

/// The word right after byte `at` of `text` when spaces (at least one) separate it from
/// `at`, with the bytes of those spaces: the twin of [`word_before`]. The word may be empty
/// (punctuation follows the spaces).
fn word_after(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}']);
    if trimmed.len() == rest.len() {
        return None;
    }
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || is_joiner(c)))
        .map_or(trimmed.len(), |(i, _)| i);
    Some((&trimmed[..end], rest.len() - trimmed.len()))
}

/// A word right before a name, as [`Extractor::name_word_before`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameWord {
    Title,
    Name,
}

/// Whether `surface` is an acronym (two to five capitals, digits or dots) standing for a
/// longer canonical `name` (`CTS` for Counter Terrorism Service, not `BP` for BP).
fn is_acronym_of_another(surface: &str, name: &str) -> bool {
    let letters = surface.chars().filter(|c| !matches!(c, '.' | '&')).count();
    (2..=5).contains(&letters)
        && surface
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&'))
        && surface != name
}

/// Whether the name at `at` is the object of a title: `of` or `to`, with or without `the`,
/// right before it ("Secretary of the Treasury", "Ambassador to the United Nations").
fn ends_title(text: &str, at: usize) -> bool {
    let mut at = at;
    for _ in 0..2 {
        let Some((word, false)) = word_before(text, at) else {
            return false;
        };
        if word.eq_ignore_ascii_case("of") || word.eq_ignore_ascii_case("to") {
            return true;
        }
        if !word.eq_ignore_ascii_case("the") {
            return false;
        }
        at = text[..at].trim_end_matches([' ', '\t', '\u{a0}']).len() - word.len();
    }
    false
}

/// Locative words after which a small town's name is taken (`in Dearborn`, `near Tikrit`).
fn cue_before(text: &str, at: usize) -> bool {
    let Some((word, false)) = word_before(text, at) else {
        return false;
    };
    const CUES: [&str; 16] = [
        "in", "near", "outside", "from", "at", "to", "around", "across", "toward", "towards",
        "into", "via", "through", "reach", "reached", "visited",
    ];
    CUES.iter().any(|cue| word.eq_ignore_ascii_case(cue))
}

/// Whether `matched` runs on past a possessive into a lower-case word: `Mexico's state-level
/// courts` is no mention of `México State` (normalisation drops the `'s`), where `Martha's
/// Vineyard` is a name.
fn possessive_then_lower(matched: &str) -> bool {
    matched
        .match_indices(['\'', '\u{2019}'])
        .any(|(at, apostrophe)| {
            matched
                .get(at + apostrophe.len()..)
                .and_then(|rest| rest.strip_prefix('s'))
                .and_then(|rest| rest.strip_prefix(' '))
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_lowercase)
        })
}

/// Whether the word after a region's name says what kind of place it is (`Sichuan province`,
/// `Iwate Prefecture`, `Guangdong and Fujian provinces`): as good a cue as `in` before it.
/// Not for towns: `Bergen County` and `Erie County` are counties, not the towns.
fn kind_after(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at..).and_then(|rest| rest.strip_prefix(' ')) else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    const KINDS: [&str; 14] = [
        "province",
        "provinces",
        "region",
        "regions",
        "state",
        "states",
        "prefecture",
        "governorate",
        "county",
        "department",
        "oblast",
        "territory",
        "canton",
        "district",
    ];
    KINDS.iter().any(|kind| word.eq_ignore_ascii_case(kind))
}

/// Whether `b` is part of a word of the normalised text: it holds ASCII, and non-ASCII bytes
/// only inside letters or digits deunicode could not fold, so bytes tell word characters apart.
fn word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`word_byte`] as a table: one load instead of three comparisons, in the loops that read
/// every byte of a text.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    table
};

/// Whether a possessive `'s` (or `’s`) starts at byte `at` of `text`.
fn possessive_at(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    ["'s", "'S", "’s", "’S"].iter().any(|s| rest.starts_with(s))
}

/// Bits of [`Extractor::first_word_bits`]: 32 KB, for about 40,000 first words.
const FIRST_WORD_BITS: usize = 1 << 18;

/// The bit of a word key in a bit set of [`FIRST_WORD_BITS`] bits: its top bits, which
/// FxHash's final multiplication mixes best.
fn first_word_bit(key: u64) -> usize {
    (key >> (64 - FIRST_WORD_BITS.trailing_zeros())) as usize
}

fn set_bit(bits: &mut [u64], key: u64) {
    let bit = first_word_bit(key);
    bits[bit / 64] |= 1 << (bit % 64);
}

fn has_bit(bits: &[u64], key: u64) -> bool {
    let bit = first_word_bit(key);
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

/// The first two words of `bytes` (normalised text or name, from a word start) and what
/// stands between them: `the hague` of `the hague said`, `st. louis` of `st. louis mo`. None
/// when no word follows the first.
///
/// A name of more words that starts at a word start of a text holds the same first two words
/// as the text there, when it has a second word: the bytes between are no word bytes, and a
/// name is accepted only where it ends on a word end, so its second word is the text's whole
/// second word.
fn two_words(bytes: &[u8]) -> Option<&[u8]> {
    let first = first_word(bytes).len();
    let second = first + bytes[first..].iter().position(|&b| word_byte(b))?;
    Some(&bytes[..second + first_word(&bytes[second..]).len()])
}

/// A 64-bit hash of a word, for [`Extractor::first_words`].
fn word_key(word: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(word);
    hasher.finish()
}

/// The leading run of word bytes of `bytes` (normalised text).
fn first_word(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .position(|&b| !word_byte(b))
        .unwrap_or(bytes.len());
    &bytes[..end]
}

// ------------------------------------------------------------------------------- word lists

// Flags of a word, from the sections of `data/name_rules.txt` it appears in.
const STOP: u32 = 1;
const NONNAME: u32 = 1 << 1;
const TITLE: u32 = 1 << 2;
const TITLE_LOWER: u32 = 1 << 3;
const TITLE_WEAK: u32 = 1 << 4;
const PORTFOLIO: u32 = 1 << 5;
const PARTICLE: u32 = 1 << 6;
const ORG_PARTICLE: u32 = 1 << 7;
const PREFIX: u32 = 1 << 8;
const CAP_PARTICLE: u32 = 1 << 9;
const ORG_SUFFIX: u32 = 1 << 10;
const ORG_START: u32 = 1 << 11;
const GROUP_SUFFIX: u32 = 1 << 12;
const STATE_ARMY: u32 = 1 << 13;
const THING_CUE: u32 = 1 << 14;
const NAME_SUFFIX: u32 = 1 << 15;
const FUNCTION: u32 = 1 << 16;
// Set on the words themselves rather than by a section.
const OF: u32 = 1 << 17;
const AND: u32 = 1 << 18;
const ARMY: u32 = 1 << 19;
// Set on every word of a line written in title case, like a headline.
const HEADLINE: u32 = 1 << 20;
const LEGAL_FORM: u32 = 1 << 21;
/// A common word news sentences start with ("Shares of Polaroid Corp"): no name starts with
/// it, though one may go on over it ("Mitsubishi Motor Sales"). Also a non-name word.
const STARTER: u32 = 1 << 22;
const FOR: u32 = 1 << 23;
const DIRECTION: u32 = 1 << 24;
const ORG_CUE: u32 = 1 << 25;
const GROUP_CUE: u32 = 1 << 26;
const ORG_CUE_OF: u32 = 1 << 27;
// A lower-case word whose flags were not looked up (see `resolve_lower_flags`): no test of a
// list's flag succeeds on it.
const UNRESOLVED: u32 = 1 << 31;

const SECTIONS: [(&str, u32); 23] = [
    ("stop", STOP),
    ("starter", STARTER | NONNAME),
    ("nonname", NONNAME),
    ("title", TITLE),
    ("title_lower", TITLE_LOWER),
    ("title_weak", TITLE_WEAK),
    ("portfolio", PORTFOLIO),
    ("particle", PARTICLE),
    ("org_particle", ORG_PARTICLE),
    ("prefix", PREFIX),
    ("cap_particle", CAP_PARTICLE),
    ("org_suffix", ORG_SUFFIX),
    ("org_start", ORG_START),
    ("group_suffix", GROUP_SUFFIX),
    ("state_army", STATE_ARMY),
    ("thing_cue", THING_CUE),
    ("name_suffix", NAME_SUFFIX),
    ("function", FUNCTION),
    ("legal_form", LEGAL_FORM),
    ("direction", DIRECTION),
    ("org_cue", ORG_CUE),
    ("group_cue", GROUP_CUE),
    ("org_cue_of", ORG_CUE_OF),
];

/// The word lists of `data/name_rules.txt`, as one map from lower-case word to flags.
///
/// Every word of every passage is looked up, so the map hashes with FxHash (SipHash is slow
/// on short keys, and the keys are fixed word lists: there is nothing to defend against),
/// and words longer than any listed are not looked up at all.
struct NameRules {
    /// Keyed by bytes, so that a word lowered in a buffer needs no UTF-8 check.
    words: FxHashMap<&'static [u8], u32>,
    /// The length in bytes of the longest word listed.
    longest: usize,
}

impl NameRules {
    fn builtin() -> NameRules {
        NameRules::parse(NAME_RULES).expect("the embedded data/name_rules.txt parses (tested)")
    }

    fn parse(text: &'static str) -> Result<NameRules, String> {
        let mut words: FxHashMap<&'static [u8], u32> = FxHashMap::default();
        let mut seen = 0;
        let mut section = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let flag = SECTIONS
                    .iter()
                    .find(|(s, _)| *s == name)
                    .map(|&(_, flag)| flag)
                    .ok_or_else(|| format!("line {}: unknown section [{name}]", i + 1))?;
                seen |= flag;
                section = Some(flag);
                continue;
            }
            let flag = section.ok_or_else(|| format!("line {}: words before a section", i + 1))?;
            for word in line.split_whitespace() {
                if word.chars().any(char::is_uppercase) {
                    return Err(format!("line {}: `{word}` is not in lower case", i + 1));
                }
                *words.entry(word.as_bytes()).or_default() |= flag;
            }
        }
        for (name, flag) in SECTIONS {
            if seen & flag != flag {
                return Err(format!("section [{name}] is missing"));
            }
        }
        for (word, flag) in [("of", OF), ("for", FOR), ("and", AND), ("army", ARMY)] {
            *words.entry(word.as_bytes()).or_default() |= flag;
        }
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Ok(NameRules { words, longest })
    }

    /// The flags of a word, compared in lower case.
    fn flags(&self, word: &str) -> u32 {
        let mut buf = [0u8; 32];
        if word.is_ascii() {
            if word.len() > self.longest {
                return 0;
            }
            if let Some(lower) = buf.get_mut(..word.len()) {
                for (l, b) in lower.iter_mut().zip(word.as_bytes()) {
                    *l = b.to_ascii_lowercase();
                }
                return self.lookup(lower);
            }
        }
        let lower: String = word
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect();
        self.lookup(lower.as_bytes())
    }

    fn lookup(&self, lower: &[u8]) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }
}

// ------------------------------------------------------------------------------- words

/// What a word looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Starts with a capital and has lower-case letters: `Esper`, `McKenzie`, `Al-Askari`.
    Cap,
    /// Two or more letters, all capitals: `NBC`.
    Upper,
    /// One capital followed by a period: the `W` of `George W. Bush`.
    Initial,
    /// An Arabic article or particle hyphenated to a capitalised name: `al-Askari`.
    Prefixed,
    /// Starts with a lower-case letter.
    Lower,
    /// Numbers, words with digits, lone letters, caseless scripts, and words overlapping a
    /// gazetteer mention: never part of a name.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    /// End of the word without a possessive `'s`.
    word_end: usize,
    /// End of the token, possessive included.
    end: usize,
    shape: Shape,
    flags: u32,
    possessive: bool,
    /// Followed by a period (`Gen.`, `W.`).
    dot: bool,
    /// The gazetteer mention the token overlaps.
    gazetteer: Option<usize>,
}

/// Apostrophes and hyphens join letters into one word: `Kata'ib`, `al-Askari`, `O’Brien`.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '-' | '\u{2010}' | '\u{2011}'
    )
}

/// The character at byte `at` of `text` (a character boundary), decoded without a UTF-8
/// iterator when it is ASCII, as most characters of news text are.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text.get(at..)?.chars().next()
    }
}

/// Cut `text` into words (runs of letters and digits, joined by inner apostrophes and
/// hyphens), noting which overlap the gazetteer `mentions`.
fn tokenize(text: &str, mentions: &[Mention], rules: &NameRules, out: &mut Vec<Token>) {
    out.clear();
    let mut next_mention = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&first) = bytes.get(at) {
        let start = at;
        // Whether the word is plain: ASCII letters, lower-case first, no digit or hyphen.
        // Most words are, and their shape needs no second look.
        let mut plain = first.is_ascii_lowercase();
        if first.is_ascii() {
            at += 1;
            if !first.is_ascii_alphanumeric() {
                continue;
            }
        } else {
            let Some(c) = char_at(text, at) else {
                break;
            };
            at += c.len_utf8();
            if !c.is_alphanumeric() {
                continue;
            }
        }
        // Whether an apostrophe or a hyphen joins letters in the word: only then can it end
        // in a possessive.
        let mut joined = false;
        loop {
            // Most of a word is a run of ASCII letters, read in a loop of its own.
            while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
                at += 1;
            }
            let Some(&next) = bytes.get(at) else {
                break;
            };
            if next.is_ascii_digit() {
                plain = false;
                at += 1;
            } else if next.is_ascii() {
                if !matches!(next, b'\'' | b'-')
                    || !char_at(text, at + 1).is_some_and(char::is_alphanumeric)
                {
                    break;
                }
                plain &= next == b'\'';
                joined = true;
                at += 1;
            } else {
                let Some(d) = char_at(text, at) else {
                    break;
                };
                let len = d.len_utf8();
                if d.is_alphanumeric() {
                    plain = false;
                    at += len;
                } else if is_joiner(d) && char_at(text, at + len).is_some_and(char::is_alphanumeric)
                {
                    plain = false;
                    joined = true;
                    at += len;
                } else {
                    break;
                }
            }
        }
        let end = at;
        let word = &text[start..end];
        // A possessive: "Esper's", "Hoffman’s".
        let mut word_end = end;
        let mut possessive = false;
        if joined
            && let Some(head) = word.strip_suffix(['s', 'S'])
            && let Some(apostrophe) = head.chars().next_back()
            && is_joiner(apostrophe)
            && apostrophe != '-'
            && head.len() > apostrophe.len_utf8()
        {
            word_end = start + head.len() - apostrophe.len_utf8();
            possessive = true;
        }
        let word = &text[start..word_end];
        let dot = !possessive && text.as_bytes().get(end) == Some(&b'.');

        while next_mention < mentions.len() && mentions[next_mention].end <= start {
            next_mention += 1;
        }
        let gazetteer = mentions
            .get(next_mention)
            .filter(|m| m.start < end)
            .map(|_| next_mention);

        let (shape, flags) = if gazetteer.is_some() {
            (Shape::Other, 0)
        } else {
            let shape = if plain {
                Shape::Lower
            } else {
                shape_of(word, dot, rules)
            };
            let flags = match shape {
                Shape::Other | Shape::Initial => 0,
                Shape::Lower => UNRESOLVED,
                _ => rules.flags(word),
            };
            (shape, flags)
        };
        out.push(Token {
            start,
            word_end,
            end,
            shape,
            flags,
            possessive,
            dot,
            gazetteer,
        });
    }
    resolve_lower_flags(text, out, rules);
    mark_headlines(text, out, rules);
}

/// The flags of a lower-case word, looked up now if they were left unresolved.
fn resolve(text: &str, token: &mut Token, rules: &NameRules) -> u32 {
    if token.flags == UNRESOLVED {
        token.flags = text
            .get(token.start..token.word_end)
            .map_or(0, |word| rules.flags(word));
    }
    token.flags
}

/// Look up the flags of the lower-case words that pass 2 can read: those inside a run of
/// capitalised words that [`Extractor::find_names`] would build (particles: `bin`, `of the`)
/// and those right before a capitalised word (`spokesman`, a thing cue). The others, most
/// words of a text, are never read, except by [`mark_headlines`], which looks them up itself
/// on the rare line that could be a headline. Looking up every word was up to 8% of extraction.
fn resolve_lower_flags(text: &str, tokens: &mut [Token], rules: &NameRules) {
    let mut in_run = false;
    for t in 0..tokens.len() {
        // Whether token `t` joins the run before it (its own flags do not matter here).
        let continues = in_run && connected(text, &tokens[t - 1], &tokens[t]);
        if tokens[t].flags == UNRESOLVED {
            let before_capital = tokens.get(t + 1).is_some_and(|next| {
                matches!(
                    next.shape,
                    Shape::Cap | Shape::Upper | Shape::Initial | Shape::Prefixed
                )
            });
            if before_capital || continues {
                resolve(text, &mut tokens[t], rules);
            }
        }
        // As `find_names` builds runs: one starts at a token that can start a name and goes
        // on over connected tokens that can continue it.
        in_run = can_start(&tokens[t]) || (continues && can_continue(&tokens[t]));
    }
}

/// Flag the words of lines written in title case ("Rockets Hit Iraqi Base Housing U.S.
/// Troops"): four capitalised words or more, no lower-case word but the short function words
/// headlines keep in lower case, and at least two ordinary words (from the stop or non-name
/// lists) capitalised after the first word. The shape of a name means nothing there. The last
/// condition spares bylines such as "Reporting by Ahmed Rasheed; Editing by Peter Graff".
fn mark_headlines(text: &str, tokens: &mut [Token], rules: &NameRules) {
    let mut line_start = 0;
    let mut capitalised = 0;
    let mut lower = 0;
    let mut ordinary = 0;
    for t in 0..=tokens.len() {
        let new_line = match (t.checked_sub(1).map(|p| &tokens[p]), tokens.get(t)) {
            (Some(previous), Some(token)) => text
                .as_bytes()
                .get(previous.end..token.start)
                .is_some_and(|gap| gap.contains(&b'\n')),
            _ => true,
        };
        if new_line && t > line_start {
            // Only on a line that could be a headline are the unresolved lower-case words
            // looked up, up to the first that is no function word.
            let headline = capitalised >= 4
                && lower == 0
                && ordinary >= 2
                && !tokens[line_start..t].iter_mut().any(|token| {
                    token.shape == Shape::Lower
                        && token.flags == UNRESOLVED
                        && resolve(text, token, rules) & FUNCTION == 0
                });
            if headline {
                for token in &mut tokens[line_start..t] {
                    resolve(text, token, rules);
                    token.flags |= HEADLINE;
                }
            }
            line_start = t;
            capitalised = 0;
            lower = 0;
            ordinary = 0;
        }
        if let Some(token) = tokens.get(t) {
            match token.shape {
                Shape::Cap | Shape::Upper => {
                    capitalised += 1;
                    if t > line_start && token.flags & (STOP | NONNAME) != 0 {
                        ordinary += 1;
                    }
                }
                // Counted, if need be, when the line ends.
                Shape::Lower if token.flags == UNRESOLVED => {}
                Shape::Lower if token.flags & FUNCTION == 0 => lower += 1,
                _ => {}
            }
        }
    }
}

fn shape_of(word: &str, dot: bool, rules: &NameRules) -> Shape {
    let Some(first) = word.chars().next() else {
        return Shape::Other;
    };
    if word.chars().any(char::is_numeric) {
        return Shape::Other;
    }
    if first.is_uppercase() {
        if word.chars().filter(|c| c.is_alphabetic()).count() == 1 {
            return if dot { Shape::Initial } else { Shape::Other };
        }
        if word.chars().any(char::is_lowercase) {
            Shape::Cap
        } else {
            Shape::Upper
        }
    } else if first.is_lowercase() {
        if let Some((head, tail)) = word.split_once(['-', '\u{2010}', '\u{2011}'])
            && tail.chars().next().is_some_and(char::is_uppercase)
            && rules.flags(head) & PREFIX != 0
        {
            Shape::Prefixed
        } else {
            Shape::Lower
        }
    } else {
        Shape::Other
    }
}

fn can_start(token: &Token) -> bool {
    name_shaped(token) && token.flags & STARTER == 0
}

fn can_continue(token: &Token) -> bool {
    name_shaped(token)
        || (token.shape == Shape::Lower && token.flags & (PARTICLE | ORG_PARTICLE) != 0)
}

/// A capitalised word, an acronym, an initial or a prefixed name, and no stop word.
fn name_shaped(token: &Token) -> bool {
    matches!(
        token.shape,
        Shape::Cap | Shape::Upper | Shape::Initial | Shape::Prefixed
    ) && token.flags & STOP == 0
}

fn is_org_particle(token: &Token) -> bool {
    token.shape == Shape::Lower && token.flags & ORG_PARTICLE != 0
}

/// Whether `b` continues a name begun by `a`: only spaces between them (no line break), or
/// the period of an initial or abbreviated title (`W. Bush`, `Gen. McKenzie`, `Lt.-Gen.`).
fn connected(text: &str, a: &Token, b: &Token) -> bool {
    if a.possessive {
        return false;
    }
    let Some(mut gap) = text.get(a.end..b.start) else {
        return false;
    };
    // A period after an initial or an abbreviated title (`Gen.`) stays inside the name; after
    // a title written in full it ends the sentence (`the President. Therefore`).
    let abbreviated = |a: &Token| {
        text.get(a.start..a.word_end)
            .is_some_and(super::sentences::is_abbreviation)
    };
    if a.dot && (a.shape == Shape::Initial || (a.flags & TITLE != 0 && abbreviated(a))) {
        gap = gap.get(1..).unwrap_or_default();
        if matches!(gap, "-" | "\u{2010}" | "\u{2011}") {
            return true;
        }
    }
    !gap.is_empty()
        && gap
            .chars()
            .all(|c| c.is_whitespace() && c != '\n' && c != '\r')
}

/// Whether tokens `i..k` look like a personal name of `min..=max` name words: capitalised
/// words outside the stop, non-name and title lists, initials, and particles (`bin`, `Abu`)
/// that do not count as name words.
fn person_words(tokens: &[Token], i: usize, k: usize, min: usize, max: usize) -> bool {
    if i >= k || tokens[i].shape == Shape::Lower {
        return false;
    }
    // A name ends in a surname, not in an initial: "Joseph R." before a known "Biden" is the
    // start of that name, which the gazetteer has.
    if tokens[k - 1].shape == Shape::Initial {
        return false;
    }
    let mut words = 0;
    for (n, token) in tokens[i..k].iter().enumerate() {
        // "Myles B. Caggins III", "Kenneth McKenzie Jr."
        if token.flags & NAME_SUFFIX != 0 && n + 1 == k - i && n > 0 {
            continue;
        }
        match token.shape {
            Shape::Cap | Shape::Prefixed => {
                if token.flags & (STOP | NONNAME | TITLE) != 0 {
                    return false;
                }
                if token.flags & CAP_PARTICLE == 0 {
                    words += 1;
                }
            }
            Shape::Initial => {}
            Shape::Lower if token.flags & PARTICLE != 0 => {}
            _ => return false,
        }
    }
    (min..=max).contains(&words)
}

/// An organisation or armed group named by the words `i..k` (two at least).
fn org_or_group(ctx: &Ctx, i: usize, k: usize) -> Option<MentionKind> {
    let tokens = ctx.tokens;
    if k < i + 2 {
        return None;
    }
    let last = &tokens[k - 1];
    if last.flags & ARMY != 0 {
        // "Mahdi Army" is a militia; "Syrian Army", "National Army" are states' armies:
        // organisations, as the gold sets' `Sudanese Armed Forces`.
        let after_place = i > 0
            && tokens[i - 1]
                .gazetteer
                .and_then(|g| ctx.gazetteer.get(g))
                .is_some_and(|m| m.kind == MentionKind::Place)
            && connected(ctx.text, &tokens[i - 1], &tokens[i]);
        let state = after_place || tokens[i].flags & STATE_ARMY != 0;
        return Some(if state {
            MentionKind::Org
        } else {
            MentionKind::Group
        });
    }
    if last.flags & GROUP_SUFFIX != 0 && last.shape != Shape::Lower {
        return Some(MentionKind::Group);
    }
    if last.flags & ORG_SUFFIX != 0 && last.shape != Shape::Lower {
        return Some(MentionKind::Org);
    }
    // `Ministry of Defence`, `Board for International Food and Agricultural Development`.
    if tokens[i].flags & ORG_START != 0 && tokens[i + 1].flags & (OF | FOR) != 0 && k >= i + 3 {
        return Some(MentionKind::Org);
    }
    None
}

// ------------------------------------------------------------------------------- context

/// A person found earlier in the article (see [`Memory`]).
struct Person {
    name: Arc<str>,
    facet: Arc<str>,
    /// Two people of the article share this last name (`Ron DeSantis`, `Casey DeSantis`):
    /// the last name alone is then left as written rather than given to either.
    ambiguous: bool,
}

/// Remember `name` under its last-name `key` (see [`Person`]): a full name takes the place of
/// a last name alone, and a second full name makes the key ambiguous.
fn remember_person(
    persons: &mut FxHashMap<String, Person>,
    key: String,
    name: &Arc<str>,
    facet: &Arc<str>,
) {
    let full = name.contains(' ');
    match persons.get_mut(&key) {
        Some(known) if known.name == *name => {}
        Some(known) if !known.name.contains(' ') => {
            known.name = name.clone();
            known.facet = facet.clone();
        }
        Some(known) => known.ambiguous |= full,
        None => {
            persons.insert(
                key,
                Person {
                    name: name.clone(),
                    facet: facet.clone(),
                    ambiguous: false,
                },
            );
        }
    }
}

/// The last-name key of a person's name: its last word in lower case, without an Arabic
/// article (`al-Muhandis` → `muhandis`) or a generational suffix (`Caggins III` → `caggins`).
/// `None` for keys too short to trust.
fn surname_key(name: &str, rules: &NameRules) -> Option<String> {
    let mut key = String::new();
    surname_key_into(name, rules, &mut key).then_some(key)
}

/// [`surname_key`] written into `key` (cleared first), for a lookup that allocates nothing:
/// `false` when there is none.
fn surname_key_into(name: &str, rules: &NameRules, key: &mut String) -> bool {
    key.clear();
    let Some(last) = name
        .split_whitespace()
        .rev()
        .find(|word| rules.flags(word.trim_end_matches('.')) & NAME_SUFFIX == 0)
    else {
        return false;
    };
    let last = match last.split_once(['-', '\u{2010}', '\u{2011}']) {
        Some((head, tail)) if rules.flags(head) & PREFIX != 0 => tail,
        _ => last,
    };
    key.extend(last.chars().flat_map(char::to_lowercase));
    key.chars().count() >= 3
}

/// The person among `persons` (see [`Memory`]) whose last name `word` is, if any; `key` is
/// scratch space.
fn remembered<'p>(
    persons: &'p FxHashMap<String, Person>,
    key: &mut String,
    word: &str,
    rules: &NameRules,
) -> Option<&'p Person> {
    if persons.is_empty() || !surname_key_into(word, rules, key) {
        return None;
    }
    persons.get(key.as_str())
}

/// The state of pass 2 over one text.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    gazetteer: &'a [Mention],
    /// Gazetteer mentions before this one have had their people registered.
    next_gazetteer: usize,
    persons: &'a mut FxHashMap<String, Person>,
    /// Scratch space for a last-name key.
    key: &'a mut String,
    out: Vec<Mention>,
    /// The spans of the names in `out` that a cue typed ([`Extractor::cued`]).
    cued: Vec<(usize, usize)>,
}

impl Ctx<'_> {
    /// Register the people among the gazetteer mentions that start before `before`.
    fn register_gazetteer_people(&mut self, before: usize, rules: &NameRules) {
        while let Some(m) = self.gazetteer.get(self.next_gazetteer) {
            if m.start >= before {
                break;
            }
            self.next_gazetteer += 1;
            if m.kind == MentionKind::Person
                && let Some(key) = surname_key(&m.name, rules)
            {
                remember_person(self.persons, key, &m.name, &m.facet);
            }
        }
    }

    /// Emit tokens `i..k` as a new name of `kind`, written as in the text.
    fn emit_new(&mut self, kind: MentionKind, i: usize, k: usize, rules: &NameRules) {
        if i >= k {
            return;
        }
        let start = self.tokens[i].start;
        let end = self.tokens[k - 1].word_end;
        let Some(written) = self.text.get(start..end) else {
            return;
        };
        let name = as_one_line(written);
        // A last name alone after a title (`Administrator Criswell`) is the person named in
        // full before (`Deanne Criswell`), not a person of its own; so is a last name with
        // its particle (`Le Pen` after `Marine Le Pen`, `Von der Leyen`).
        let with_particle = name
            .split_once(' ')
            .map(|(first, _)| rules.flags(first) & PARTICLE != 0);
        if kind == MentionKind::Person
            && with_particle != Some(false)
            && let Some(person) = remembered(self.persons, self.key, &name, rules)
            && !person.ambiguous
            // The particle too must be the person's (`Le Pen` is no `John Pen`).
            && (with_particle.is_none() || {
                let full = person.name.to_lowercase();
                full.ends_with(&name.to_lowercase())
            })
        {
            self.out.push(Mention {
                kind,
                name: person.name.clone(),
                facet: person.facet.clone(),
                start,
                end,
            });
            return;
        }
        let facet: Arc<str> = format!("/{}/{name}", kind.as_str()).into();
        let name: Arc<str> = name.into();
        if kind == MentionKind::Person
            && let Some(key) = surname_key(&name, rules)
        {
            remember_person(self.persons, key, &name, &facet);
        }
        self.out.push(Mention {
            kind,
            name,
            facet,
            start,
            end,
        });
    }

    /// Emit the single word `i` as the person found earlier whose last name it is, if any.
    fn emit_known_person(&mut self, i: usize, rules: &NameRules) {
        let token = &self.tokens[i];
        if token.flags & (STOP | NONNAME | TITLE) != 0
            || !matches!(token.shape, Shape::Cap | Shape::Prefixed)
        {
            return;
        }
        let Some(word) = self.text.get(token.start..token.word_end) else {
            return;
        };
        if let Some(person) = remembered(self.persons, self.key, word, rules) {
            // A last name two people of the article share is a person, but which one the
            // text does not say: it stays as written.
            let (name, facet) = if person.ambiguous {
                (Arc::from(word), Arc::from(format!("/person/{word}")))
            } else {
                (person.name.clone(), person.facet.clone())
            };
            self.out.push(Mention {
                kind: MentionKind::Person,
                name,
                facet,
                start: token.start,
                end: token.word_end,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn extract(text: &str) -> Vec<Mention> {
        Extractor::builtin().extract(text)
    }

    /// (kind, name, text as written) of every mention.
    fn found(text: &str) -> Vec<(MentionKind, String, String)> {
        extract(text)
            .into_iter()
            .map(|m| (m.kind, m.name.to_string(), text[m.start..m.end].to_string()))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        extract(text)
            .into_iter()
            .map(|m| m.name.to_string())
            .collect()
    }

    fn has(text: &str, kind: MentionKind, name: &str) -> bool {
        extract(text)
            .iter()
            .any(|m| m.kind == kind && &*m.name == name)
    }

    fn facet_of(text: &str, name: &str) -> Option<String> {
        extract(text)
            .into_iter()
            .find(|m| &*m.name == name)
            .map(|m| m.facet.to_string())
    }

    use MentionKind::{Group, Org, Person, Place};

    #[test]
    fn strike_report_yields_places_group_and_org() {
        let text = "U.S. aircraft struck five Kata'ib Hezbollah facilities in Iraq and Syria on \
                    Sunday, including sites near Al-Qaim in Anbar province and Al-Bukamal in \
                    Deir Ezzor, the Pentagon said.";
        let got = found(text);
        let expected = [
            (Place, "United States", "U.S."),
            (Group, "Kata'ib Hezbollah", "Kata'ib Hezbollah"),
            (Place, "Iraq", "Iraq"),
            (Place, "Syria", "Syria"),
            (Place, "Al-Qaim", "Al-Qaim"),
            (Place, "Anbar", "Anbar"),
            (Place, "Al-Bukamal", "Al-Bukamal"),
            (Place, "Deir Ezzor", "Deir Ezzor"),
            (Org, "Pentagon", "Pentagon"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(k, n, t)| (*k, n.to_string(), t.to_string()))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(
            facet_of(text, "Al-Qaim").as_deref(),
            Some("/Iraq/Anbar/Al-Qaim")
        );
        assert_eq!(facet_of(text, "Anbar").as_deref(), Some("/Iraq/Anbar"));
        assert_eq!(
            facet_of(text, "Kata'ib Hezbollah").as_deref(),
            Some("/group/Kata'ib Hezbollah")
        );
        assert_eq!(facet_of(text, "Pentagon").as_deref(), Some("/org/Pentagon"));
    }

    #[test]
    fn rocket_attack_on_k1() {
        let text = "A rocket attack on the K1 base near Kirkuk killed a US contractor.";
        let got = found(text);
        assert_eq!(
            got,
            vec![
                (Place, "K1 Air Base".into(), "K1".into()),
                (Place, "Kirkuk".into(), "Kirkuk".into()),
                (Place, "United States".into(), "US".into()),
            ]
        );
        let facet = facet_of(text, "K1 Air Base").unwrap_or_default();
        assert!(facet.starts_with("/Iraq/Kirkuk/"), "{facet}");
    }

    #[test]
    fn possessives_adjectives_and_compounds_name_the_country() {
        assert_eq!(
            found("Iran's foreign minister spoke."),
            vec![(Place, "Iran".into(), "Iran".into())]
        );
        assert_eq!(
            found("Iran’s navy"),
            vec![(Place, "Iran".into(), "Iran".into())]
        );
        assert_eq!(
            found("the Iranian navy"),
            vec![(Place, "Iran".into(), "Iranian".into())]
        );
        assert_eq!(
            found("Iran-backed militias fired rockets"),
            vec![(Place, "Iran".into(), "Iran".into())]
        );
        assert_eq!(
            names("Saudi and Emirati officials"),
            ["Saudi Arabia", "United Arab Emirates"]
        );
        assert_eq!(
            names("Two Iraqis and three Americans"),
            ["Iraq", "United States"]
        );
        assert_eq!(names("Iran–US tensions"), ["Iran", "United States"]);
        // A country's adjective before a lower-case word is the country alone: the words
        // describe, they do not name (`the Russian military`, `Turkey's central bank`).
        assert_eq!(names("the U.S.-led coalition"), ["United States"]);
        assert_eq!(names("the Russian military said"), ["Russia"]);
        assert_eq!(names("Turkey's central bank"), ["Turkey"]);
    }

    #[test]
    fn capitals_only_acronyms_never_match_ordinary_words() {
        assert!(names("Please let us know what is going on.").is_empty());
        assert!(names("Is this the end? Us, never.").is_empty());
        assert_eq!(names("IS fighters attacked"), ["Islamic State"]);
        assert_eq!(names("a KH statement"), ["Kata'ib Hezbollah"]);
        assert_eq!(names("the UN said"), ["United Nations"]);
        assert_eq!(names("polish the turkey"), Vec::<String>::new());
        assert_eq!(names("Polish and Turkish troops"), ["Poland", "Turkey"]);
        assert_eq!(names("said a DoD official"), ["Pentagon"]);
        assert!(names("dod").is_empty());
    }

    #[test]
    fn spelling_variants_fold_to_the_canonical_name() {
        for text in [
            "Kata'ib Hezbollah",
            "Kata’ib Hezbollah",
            "Kataib Hezbollah",
            "KATAIB HEZBOLLAH",
            "Kataib-Hezbollah",
            "Hezbollah Brigades",
        ] {
            assert_eq!(names(text), ["Kata'ib Hezbollah"], "{text}");
        }
        for text in ["Al-Qaim", "al Qaim", "Al Qa'im", "Al-Qa’im"] {
            assert_eq!(names(text), ["Al-Qaim"], "{text}");
        }
        assert_eq!(names("Qāsem Soleimānī was killed"), ["Qasem Soleimani"]);
        assert_eq!(names("Gen. Qassem Suleimani"), ["Qasem Soleimani"]);
        assert_eq!(names("Ain al-Assad airbase"), ["Ain al-Asad Air Base"]);
    }

    #[test]
    fn longest_name_wins() {
        assert_eq!(names("in the Gulf of Oman"), ["Gulf of Oman"]);
        assert_eq!(names("Lebanon's Hezbollah"), ["Lebanon", "Hezbollah"]);
        assert_eq!(names("Saudi Aramco shares"), ["Saudi Aramco"]);
        assert_eq!(names("South Sudan and Sudan"), ["South Sudan", "Sudan"]);
        assert_eq!(names("in Latin America"), ["Latin America"]);
        assert_eq!(names("near the Strait of Hormuz"), ["Strait of Hormuz"]);
        // "the Gulf" in news is the Persian Gulf; "Gulf of Oman" and "Gulf states" are longer.
        assert_eq!(names("tankers in the Gulf"), ["Persian Gulf"]);
        // The African Union's agency, not Africa and the US agency.
        assert_eq!(
            names("The Africa CDC and the CDC said."),
            ["Africa CDC", "Centers for Disease Control and Prevention"]
        );
    }

    #[test]
    fn programme_names_and_companies_are_no_people() {
        // Title-cased programme and policy names of government releases.
        for text in [
            "The President signed an Executive Order on Climate Change today.",
            "Families will get the Child Tax Credit, and the Strategic Petroleum Reserve opens.",
            "Crews reached Somerset County after Hurricane Ida passed.",
            "Aides on Capitol Hill said Small Business owners welcome the Buy American rules.",
        ] {
            let people: Vec<_> = found(text)
                .into_iter()
                .filter(|(kind, _, _)| *kind == Person)
                .collect();
            assert!(people.is_empty(), "{text}: {people:?}");
        }
        // A person of an organisation is two names, not one organisation.
        let text =
            "said Allan Leslie of Discount Corp, and Gene Kimmelman of the Consumer Federation.";
        assert!(has(text, Person, "Allan Leslie"));
        assert!(has(text, Org, "Discount Corp"));
        assert!(has(text, Person, "Gene Kimmelman"));
        assert!(has(text, Org, "Consumer Federation"));
        assert!(has("the Bank of England said", Org, "Bank of England"));
        assert!(has(
            "data from the Census Bureau showed",
            Org,
            "Census Bureau"
        ));
        // A capitalised name ending in a legal form is a company.
        assert!(has(
            "Phillips Petroleum Co cut prices.",
            Org,
            "Phillips Petroleum Co"
        ));
        assert!(has(
            "Acme Widget Co said sales rose.",
            Org,
            "Acme Widget Co"
        ));
        // A known company takes its legal form: Ford Motor Co is Ford Motor.
        let text = "Ford Motor Co said sales rose.";
        assert_eq!(
            found(text),
            vec![(Org, "Ford Motor".into(), "Ford Motor Co".into())]
        );
    }

    #[test]
    fn titles_make_people() {
        let text = "Lt.-Gen. Qasem Soleimani, the commander of the Quds Force, was killed.";
        assert!(has(text, Person, "Qasem Soleimani"));
        assert!(has(text, Group, "Quds Force"));

        let text = "Iraqi Prime Minister Adel Abdul Mahdi condemned the strike.";
        assert_eq!(
            found(text),
            vec![
                (Place, "Iraq".into(), "Iraqi".into()),
                (Person, "Adel Abdul Mahdi".into(), "Adel Abdul Mahdi".into()),
            ]
        );
        // Unknown names after titles.
        assert_eq!(
            found("Iraqi Prime Minister Hamid Saleh spoke."),
            vec![
                (Place, "Iraq".into(), "Iraqi".into()),
                (Person, "Hamid Saleh".into(), "Hamid Saleh".into()),
            ]
        );
        assert_eq!(
            found("Brig.-Gen. Yahya Rasool said"),
            vec![(Person, "Yahya Rasool".into(), "Yahya Rasool".into())]
        );
        assert_eq!(
            found("President Macklin spoke."),
            vec![(Person, "Macklin".into(), "Macklin".into())]
        );
        assert_eq!(
            found("Congressman Richard Gephardt and Speaker Nabih Berri spoke."),
            vec![
                (Person, "Richard Gephardt".into(), "Richard Gephardt".into()),
                (Person, "Nabih Berri".into(), "Nabih Berri".into()),
            ]
        );
        assert!(has(
            "Senators Joe Manchin and Patty Murray",
            Person,
            "Joe Manchin"
        ));
        // A middle initial: the place after it is a surname, and no name ends in one.
        let text = "George W. Bush met Lisa O. Monaco. President Joseph R. Biden Jr. signed.";
        assert!(has(text, Person, "George W. Bush"));
        assert!(has(text, Person, "Lisa O. Monaco"));
        assert!(!found(text).iter().any(|(kind, _, _)| *kind == Place));
        assert!(
            !found(text)
                .iter()
                .any(|(_, _, surface)| surface == "Joseph R")
        );
        // Market commentators' roles open a sentence or follow a place: "U.K. Economist".
        assert_eq!(
            found("Analyst Tom Moody said prices fell."),
            vec![(Person, "Tom Moody".into(), "Tom Moody".into())]
        );
        assert!(has(
            "said Bill Martin, chief U.K. Economist at Phillips.",
            Place,
            "United Kingdom"
        ));
        assert_eq!(
            found("Secretary of State Jane Holloway arrived."),
            vec![(Person, "Jane Holloway".into(), "Jane Holloway".into())]
        );
        assert_eq!(
            found("the militia spokesman Abu Ali al-Askari wrote"),
            vec![(
                Person,
                "Abu Ali al-Askari".into(),
                "Abu Ali al-Askari".into()
            )]
        );
        assert_eq!(names("President Trump tweeted"), ["Donald Trump"]);
        assert_eq!(
            names("CENTCOM commander Gen. McKenzie"),
            ["CENTCOM", "Kenneth McKenzie"]
        );
    }

    #[test]
    fn a_later_last_name_is_the_same_person() {
        let text = "Defense Secretary Mark Esper said the strikes were defensive. Esper added \
                    that more could follow.";
        let people: Vec<_> = extract(text)
            .into_iter()
            .filter(|m| m.kind == Person)
            .map(|m| (m.name.to_string(), m.facet.to_string()))
            .collect();
        let esper = ("Mark Esper".to_string(), "/person/Mark Esper".to_string());
        assert_eq!(people, vec![esper.clone(), esper]);

        let text = "Defence Minister Tom Hardwick said on Monday the base was hit. Hardwick's \
                    office later said two soldiers were hurt. Hardwick declined to comment.";
        let got = found(text);
        let hardwick: Vec<_> = got.iter().filter(|m| m.1 == "Tom Hardwick").collect();
        assert_eq!(hardwick.len(), 3, "{got:?}");
        assert_eq!(hardwick[1].2, "Hardwick");
        // Not before the full name.
        assert!(names("Hardwick spoke. Then Tom Hardwick left.").len() == 1);
        // After a title too.
        let text = "Administrator Deanne Criswell arrived. Administrator Criswell said more help \
                    would come.";
        assert_eq!(names(text), ["Deanne Criswell", "Deanne Criswell"]);
        // A known person's last name after another first name is a relative, read whole; a
        // form of the person's own first name is the person.
        assert_eq!(
            names("First Lady Jill Biden and Hunter Biden came; Joseph Biden spoke."),
            ["Jill Biden", "Hunter Biden", "Joe Biden"]
        );
        assert_eq!(
            names("Chairman of the Joint Chiefs of Staff Milley spoke."),
            ["Joint Chiefs of Staff", "Mark Milley"]
        );
        // A town's name read without its cue is no person either.
        assert!(!has("Fort Myers was hit hard.", Person, "Fort Myers"));
        // A title written in full that ends a sentence does not make the next word a person.
        assert!(names("He met the President. Therefore we left.").is_empty());
        assert_eq!(
            names("Gen. Raymond Hardcastle spoke."),
            ["Raymond Hardcastle"]
        );
    }

    #[test]
    fn a_company_is_named_without_its_legal_form_after_it_was_introduced_with_it() {
        let text = "Caesars World Inc rejected the bid. Caesars World said it was too low, and \
                    the Caesars World Casino stayed open. Outboard Marine Corp rose.";
        let got = found(text);
        let caesars: Vec<&str> = got
            .iter()
            .filter(|m| m.1 == "Caesars World Inc")
            .map(|m| m.2.as_str())
            .collect();
        // Not inside a longer name.
        assert_eq!(caesars, ["Caesars World Inc", "Caesars World"], "{got:?}");
        assert!(got.iter().all(|m| m.0 == Org));
        // In a later passage of the article too, but not in another article.
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        extractor.extract_remembering(text, &mut memory);
        let later = "Outboard Marine said sales grew.";
        let found = extractor.extract_remembering(later, &mut memory);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name.as_ref(), "Outboard Marine Corp");
        assert_eq!(&later[found[0].start..found[0].end], "Outboard Marine");
        assert!(extractor.extract(later).is_empty());
        // A legal form after a common word teaches nothing.
        assert_eq!(
            names("National Inc rose. National parks shut."),
            ["National Inc"]
        );
    }

    #[test]
    fn an_american_body_after_another_country_is_that_countrys_own() {
        assert_eq!(
            found(
                "Italian Treasury Minister Giovanni Goria met the Canadian Department of Agriculture."
            ),
            [
                (Org, "Italian Treasury".into(), "Italian Treasury".into()),
                (Person, "Giovanni Goria".into(), "Giovanni Goria".into()),
                (
                    Org,
                    "Canadian Department of Agriculture".into(),
                    "Canadian Department of Agriculture".into()
                ),
            ]
        );
        // Not the United States, not after a possessive, not after an ocean.
        assert_eq!(
            names("The US Treasury, Australia's Treasury and the Atlantic Treasury."),
            [
                "Treasury Department",
                "Australia",
                "Treasury Department",
                "Atlantic Ocean",
                "Treasury Department"
            ]
        );
    }

    #[test]
    fn an_organisation_word_then_for_begins_a_name() {
        assert_eq!(
            names("The Office for Civil Rights and the Bank for International Settlements met."),
            [
                "Office for Civil Rights",
                "Bank for International Settlements"
            ]
        );
        assert_eq!(
            names(
                "A member of the Board for International Food and Agricultural Development spoke."
            ),
            ["Board for International Food and Agricultural Development"]
        );
    }

    #[test]
    fn a_place_after_an_organisation_word_and_of_closes_its_name() {
        assert_eq!(
            found(
                "She taught at the University of California. First National Bank of Chicago rose."
            ),
            [
                (
                    Org,
                    "University of California".into(),
                    "University of California".into()
                ),
                (
                    Org,
                    "First National Bank of Chicago".into(),
                    "First National Bank of Chicago".into()
                ),
            ]
        );
        // Not when the name goes on, not an adjective, not after a name from the list.
        assert_eq!(
            names(
                "He worked at the Bureau of Indian Affairs. She led the Office of European and Eurasian Affairs."
            ),
            ["India", "Europe"]
        );
        assert_eq!(
            names("The Ministry of Defence of Iraq said."),
            ["Ministry of Defence", "Iraq"]
        );
        // A name cut at a descriptive word goes on with the place after it.
        assert_eq!(
            names("She studied at the University of Southern California."),
            ["University of Southern California"]
        );
        // A name the rules found closes with it too, but not a company's after its legal form.
        assert_eq!(
            names("He joined the Office for the Eastern District of Virginia."),
            ["Office for the Eastern District of Virginia"]
        );
        assert_eq!(
            names("Technical Data Corp of Boston said."),
            ["Technical Data Corp", "Boston"]
        );
    }

    #[test]
    fn first_opens_a_company_name() {
        // The rules' own names take it in; a town or region after it is a company.
        assert_eq!(
            found("Lead manager First Boston Corp said. First Chicago's Johnson agreed."),
            [
                (Org, "First Boston Corp".into(), "First Boston Corp".into()),
                (Org, "First Chicago".into(), "First Chicago".into()),
            ]
        );
        assert_eq!(
            names("It sold First National Bank to First Toronto, an investment bank."),
            ["First National Bank", "First Toronto"]
        );
        // Not a country, not a sentence's opening before a comma, not a title or a name
        // from the entity list.
        assert_eq!(
            names("First Basra, then Baghdad. The First U.S. report. First Lady Jill Biden."),
            ["Basra", "Baghdad", "United States", "Jill Biden"]
        );
        assert_eq!(names("Their First G7 summit."), ["G7"]);
        // A lower-case ordinal is no name.
        assert_eq!(names("the first Boston Corp office"), ["Boston Corp"]);
    }

    #[test]
    fn a_place_right_before_an_organisation_found_by_the_rules_is_part_of_its_name() {
        assert_eq!(
            found("The Tokyo Stock Exchange and Ohio State University said."),
            [
                (
                    Org,
                    "Tokyo Stock Exchange".into(),
                    "Tokyo Stock Exchange".into()
                ),
                (
                    Org,
                    "Ohio State University".into(),
                    "Ohio State University".into()
                ),
            ]
        );
        assert_eq!(
            names("The Saudi National Bank said."),
            ["Saudi National Bank"]
        );
        assert_eq!(
            names("The Asian Pacific Bar Association said."),
            ["Asian Pacific Bar Association"]
        );
        // Descriptive words before the place open it too, titles do not.
        assert_eq!(
            names("He studied at Central Connecticut State University."),
            ["Central Connecticut State University"]
        );
        assert_eq!(
            names("The Upper Colorado River Commission met."),
            ["Upper Colorado River Commission"]
        );
        assert_eq!(
            names("Its President Michigan Education Association said."),
            ["Michigan Education Association"]
        );
        // Not after a possessive, nor before a known organisation.
        assert_eq!(
            names("Israel's Defence Ministry said."),
            ["Israel", "Defence Ministry"]
        );
        assert_eq!(
            names("The US State Department said."),
            ["United States", "State Department"]
        );
    }

    #[test]
    fn georgia_is_the_us_state_where_the_text_says_so() {
        let facet = |text: &str| -> Vec<String> {
            extract(text)
                .into_iter()
                .filter(|m| text[m.start..m.end].starts_with("Georgia"))
                .map(|m| m.facet.to_string())
                .collect()
        };
        const STATE: &str = "/United States/Georgia (US state)";
        assert_eq!(facet("She grew up in Atlanta, Georgia."), [STATE]);
        assert_eq!(facet("Georgia Gov. Brian Kemp said."), [STATE]);
        assert_eq!(facet("the Northern District of Georgia ruled"), [STATE]);
        assert_eq!(facet("teams went to Florida and Georgia"), [STATE]);
        assert_eq!(facet("Jane Roe, of Georgia, to be a judge"), [STATE]);
        assert_eq!(facet("in Fulton County, Georgia, on Monday"), [STATE]);
        assert_eq!(
            facet("He won in Texas, then in Ohio. Georgia is next."),
            [STATE]
        );
        // The country otherwise, and among countries.
        assert_eq!(facet("Russia invaded Georgia in 2008."), ["/Georgia"]);
        assert_eq!(facet("Finland, France, Georgia, Germany"), ["/Georgia"]);
        assert_eq!(facet("Tbilisi, Georgia."), ["/Georgia"]);
        // In a later passage of an article that named a town of the state.
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        extractor.extract_remembering("The plant is near Savannah.", &mut memory);
        let later = extractor.extract_remembering("Georgia gave it a grant.", &mut memory);
        assert_eq!(later[0].facet.as_ref(), STATE);
    }

    #[test]
    fn a_last_name_with_its_particle_is_the_person_named_before() {
        let text = "Marine Le Pen said so. Le Pen spoke. Ursula von der Leyen agreed. Von der \
                    Leyen said. John Pen came. Le Pen left.";
        let people: Vec<_> = found(text)
            .into_iter()
            .filter(|m| m.0 == Person)
            .map(|m| m.1)
            .collect();
        assert_eq!(
            people,
            [
                "Marine Le Pen",
                "Marine Le Pen",
                "Ursula von der Leyen",
                "Ursula von der Leyen",
                "John Pen",
                // Two people of the article share the last name: it stays as written.
                "Le Pen",
            ]
        );
    }

    #[test]
    fn a_word_before_a_name_can_say_it_is_an_organisation() {
        for (text, kind, name) in [
            ("Shares of Swiss lender Vontobel fell.", Org, "Vontobel"),
            ("The chipmaker Micron said so.", Org, "Micron"),
            ("the official news agency APS said.", Org, "APS"),
            (
                "the rebel group Twirwaneho took Minembwe.",
                Group,
                "Twirwaneho",
            ),
            // No cue right before the name: a person after a comma.
            (
                "Another former official of the bank, Samuel Yonnone, pled guilty.",
                Person,
                "Samuel Yonnone",
            ),
            // Words as often before a person are no cues.
            (
                "noted film maker Steven Spielberg will advise.",
                Person,
                "Steven Spielberg",
            ),
        ] {
            assert!(has(text, kind, name), "{text}: {:?}", found(text));
        }
        // `agency` without `news`.
        assert!(names("He met agency Inspectors General on Monday.").is_empty());
        // A name that goes on is not read in part.
        for (text, name) in [
            (
                "an associate at the law firm Townley and Updike until 1987",
                "Townley",
            ),
            (
                "a partner at the law firm Cowdery, Ecker & Murphy until 2006",
                "Cowdery",
            ),
            (
                "a partner at the law firm Crowell & Moring LLP since 2010",
                "Crowell",
            ),
            (
                "The group Protect their Future urged the agency to act.",
                "Protect",
            ),
            ("Q The group Marked By COVID asked to meet.", "Marked"),
        ] {
            let at = text.find(name).unwrap_or_default();
            assert!(
                !extract(text).iter().any(|m| m.start == at),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn shares_of_a_name_and_a_stake_in_it_say_it_is_a_company() {
        assert!(has("Shares of Piedmont rose 2 dlrs.", Org, "Piedmont"));
        assert!(has("It owns a stake in Vontobel.", Org, "Vontobel"));
        assert!(has(
            "the chief executive of Novo Astro said",
            Org,
            "Novo Astro"
        ));
        // `in` after other words is a place's; one word of the rules' lists is a common word.
        assert!(!has("a subsidiary in Marion County", Org, "Marion County"));
        assert!(!has("As the head of Army procurement, she", Org, "Army"));
        assert!(!has("employees of Federal agencies", Org, "Federal"));
    }

    #[test]
    fn a_description_after_a_name_can_say_it_is_an_organisation() {
        assert!(has("Vontobel, the Swiss lender, said so.", Org, "Vontobel"));
        assert!(has(
            "He saw Twirwaneho, Congo's largest rebel group.",
            Group,
            "Twirwaneho"
        ));
        // The name is a bank's alone when its words are a description's: a capitalised
        // word other than a place's makes them another name, as in a list.
        assert!(!has(
            "It paid Harvest Relief Program, the African Development Bank, and two funds.",
            Org,
            "Harvest Relief Program"
        ));
        for (text, name) in [
            ("Jane Doe, the company's chairman, said.", "Jane Doe"),
            ("John Smith, a member of the party, spoke.", "John Smith"),
        ] {
            assert!(has(text, Person, name), "{text}: {:?}", found(text));
        }
        // Not after a thing's word, nor the end of a longer name.
        assert!(!has(
            "the aircraft carrier USS ENTERPRISE, a carrier strike group, sailed",
            Org,
            "USS ENTERPRISE"
        ));
        assert!(!has(
            "The Aspen Institute for Humanistic Studies, a private group, called for it.",
            Org,
            "Humanistic Studies"
        ));
        // A shorter form the article defined keeps its name.
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        extractor.extract_remembering(
            "She led the Defense Advanced Research Projects Agency (DARPA) until 2017.",
            &mut memory,
        );
        let later = extractor.extract_remembering(
            "DARPA, the military research group, funded it.",
            &mut memory,
        );
        assert_eq!(
            later.first().map(|m| m.name.to_string()),
            Some("Defense Advanced Research Projects Agency".to_string())
        );
    }

    #[test]
    fn a_name_a_cue_typed_is_the_organisation_when_met_again() {
        let text = "The investment bank Merrill Lynch led the sale. Merrill Lynch said it \
                    had sold all of it.";
        let orgs: Vec<_> = found(text)
            .into_iter()
            .filter(|m| m.0 == Org)
            .map(|m| m.2)
            .collect();
        assert_eq!(orgs, ["Merrill Lynch", "Merrill Lynch"]);
        // Passage by passage too, over a bare one-word name.
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        extractor.extract_remembering("the carmaker VinFast plans a plant.", &mut memory);
        let later = extractor.extract_remembering("VinFast said it would hire.", &mut memory);
        assert!(later.iter().any(|m| m.kind == Org && &*m.name == "VinFast"));
    }

    #[test]
    fn phrases_that_name_nothing_are_no_names() {
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        extractor.extract_remembering("The European Union agreed.", &mut memory);
        let text = "He spoke in the Oval Office before the State of the Union.";
        assert!(extractor.extract_remembering(text, &mut memory).is_empty());
        assert_eq!(
            names("The Deputy Chief of Mission, Jane Roe, attended."),
            ["Jane Roe"]
        );
    }

    #[test]
    fn countries_that_no_longer_exist_are_places() {
        let text =
            "Soviet troops left; the USSR and West Germany signed, and the Supreme Soviet met.";
        assert_eq!(
            found(text),
            [
                (Place, "Soviet Union".into(), "Soviet".into()),
                (Place, "Soviet Union".into(), "USSR".into()),
                (Place, "Germany".into(), "West Germany".into()),
                (Org, "Supreme Soviet".into(), "Supreme Soviet".into()),
            ]
        );
    }

    #[test]
    fn an_alias_matches_across_a_possessive_only_when_written_with_one() {
        assert_eq!(
            names("He led the IRGC's Quds Force."),
            ["Islamic Revolutionary Guard Corps", "Quds Force"]
        );
        assert_eq!(names("He led the IRGC Quds Force."), ["Quds Force"]);
        assert_eq!(
            names("China's People's Liberation Army said."),
            ["People's Liberation Army"]
        );
        // A state's own department is not the State Department.
        assert_eq!(
            names("the state’s Department of Health said"),
            ["Department of Health"]
        );
    }

    #[test]
    fn a_known_organisation_after_a_possessive_is_its_own_name() {
        assert_eq!(
            names("It came after Le Pen's National Rally won."),
            ["Le Pen", "National Rally"]
        );
        assert_eq!(
            names("It came after Le Pen’s National Rally won."),
            ["Le Pen", "National Rally"]
        );
        // Unless a capitalised word goes on with a longer name: the subsidiary's.
        assert_eq!(
            names("Reuters Holdings PLC's Reuters Information Services Inc subsidiary said"),
            ["Reuters", "Reuters Information Services Inc"]
        );
    }

    #[test]
    fn a_name_opened_by_a_place_does_not_grow_over_another_name() {
        // Found by the property test reading an article passage by passage: `Syrian` opened
        // `University of University`, whose descriptive words then ran back over `First
        // National Assembly`.
        let text = "First First National Assembly Syrian University of University";
        let mentions = extract(text);
        for pair in mentions.windows(2) {
            assert!(pair[0].end <= pair[1].start, "{mentions:?}");
        }
    }

    #[test]
    fn a_place_and_one_organisations_word_name_the_organisation() {
        assert_eq!(
            found("Ships paid the Suez Canal Authority in Egypt."),
            [
                (
                    Org,
                    "Suez Canal Authority".into(),
                    "Suez Canal Authority".into()
                ),
                (Place, "Egypt".into(), "Egypt".into())
            ]
        );
        assert_eq!(names("Mosul University reopened."), ["Mosul University"]);
        // A river or an ocean is no country.
        assert_eq!(
            names("The Tigris Bulletin and the Atlantic Council said."),
            ["Tigris Bulletin", "Atlantic Council"]
        );
        // With the descriptive words before the place.
        assert_eq!(
            names("She taught at Western Michigan University."),
            ["Western Michigan University"]
        );
        // Not after a country, not with a legal form or after `of`, not in capitals, and not
        // when the name goes on with `of` and a capitalised word.
        assert_eq!(names("The Iranian Navy said."), ["Iran"]);
        assert_eq!(names("the first Asian Council Member"), ["Asia"]);
        assert_eq!(names("Monfort of Colorado Inc rose."), ["Colorado"]);
        assert_eq!(names("shares of Florida Bank rose"), ["Florida"]);
        let listed = names("AUTHORITY OLYMPIA WA $27,480,888 WISCONSIN DEPARTMENT OF HEALTH");
        assert!(listed.iter().any(|n| n == "Wisconsin"), "{listed:?}");
        assert!(
            !listed.iter().any(|n| n.contains("DEPARTMENT")),
            "{listed:?}"
        );
        assert_eq!(
            names("a member of the Colorado Commission on Higher Education"),
            ["Colorado"]
        );
    }

    #[test]
    fn an_acronym_defined_after_a_name_stands_for_it_from_then_on() {
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        let first = "The Coastal Water Resources Agency (CWRA) sent teams. CWRA said more \
                     would come.";
        let cwra = |mentions: &[Mention], text: &str| -> Vec<String> {
            mentions
                .iter()
                .filter(|m| m.name.as_ref() == "Coastal Water Resources Agency")
                .map(|m| text[m.start..m.end].to_string())
                .collect()
        };
        let found = extractor.extract_remembering(first, &mut memory);
        assert_eq!(
            cwra(&found, first),
            ["Coastal Water Resources Agency", "CWRA", "CWRA"]
        );
        assert!(found.iter().all(|m| m.kind == Org || m.kind == Place));
        // In a later passage of the same article, but not in an address or inside a word.
        let later = "Write to news@CWRA.gov, www.cwra.gov/CWRA or CWRA-DESK. CWRAS is no word. \
                     CWRA's and USDA/CWRA teams left.";
        let found = extractor.extract_remembering(later, &mut memory);
        assert_eq!(cwra(&found, later), ["CWRA", "CWRA"]);
        assert_eq!(found[0].start, later.find("CWRA's").unwrap_or_default());
        // Not in another article, and not after a person or letters that are no initials.
        assert!(extractor.extract("CWRA said so.").is_empty());
        assert_eq!(
            names("Defence Minister Tom Hardwick (TH) spoke."),
            ["Tom Hardwick"]
        );
        let text = "The Coastal Water Resources Agency (XYZ) spoke.";
        assert_eq!(names(text), ["Coastal Water Resources Agency"]);
    }

    #[test]
    fn the_last_word_of_an_organisation_after_the_stands_for_it() {
        let extractor = Extractor::builtin();
        let mut memory = Memory::default();
        let first = "Macron dissolved the National Assembly in June.";
        extractor.extract_remembering(first, &mut memory);
        let later = "The Assembly then voted, and the Assembly Speaker and the Assembly of \
                     Europe spoke. No Assembly met.";
        let found = extractor.extract_remembering(later, &mut memory);
        let assembly: Vec<(usize, &str)> = found
            .iter()
            .filter(|m| m.name.as_ref() == "National Assembly")
            .map(|m| (m.start, &later[m.start..m.end]))
            .collect();
        // After `the` only, and not before a capitalised word or another body's `of`.
        assert_eq!(assembly, [(4, "Assembly")]);
        let text = "Iran's Revolutionary Guards seized it. The Guards said so.";
        let guards: Vec<&str> = extractor
            .extract(text)
            .iter()
            .filter(|m| m.name.as_ref() == "Islamic Revolutionary Guard Corps")
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(guards, ["Revolutionary Guards", "Guards"]);
        // Not the last word of a name that holds a function word, nor in another article.
        assert_eq!(
            names("The Court of Justice of the European Union ruled. The Union wept."),
            ["European Court of Justice"]
        );
        assert!(extractor.extract("The Assembly voted.").is_empty());
    }

    #[test]
    fn a_last_name_in_a_later_passage_is_the_person_named_before() {
        let extractor = Extractor::builtin();
        let first = "Defence Minister Tom Hardwick said the strikes were defensive.";
        let later = "Hardwick added that more could follow.";
        let people = |mentions: Vec<Mention>| -> Vec<String> {
            mentions
                .into_iter()
                .filter(|m| m.kind == Person)
                .map(|m| m.name.to_string())
                .collect()
        };
        // On its own, the later passage names nobody.
        assert!(people(extractor.extract(later)).is_empty());
        let mut memory = Memory::default();
        assert_eq!(
            people(extractor.extract_remembering(first, &mut memory)),
            ["Tom Hardwick"]
        );
        assert_eq!(
            people(extractor.extract_remembering(later, &mut memory)),
            ["Tom Hardwick"]
        );
        // A last name two people share is left as written, after a title too.
        extractor.extract_remembering("Ambassador Lisa Hardwick spoke next.", &mut memory);
        assert_eq!(
            people(extractor.extract_remembering(later, &mut memory)),
            ["Hardwick"]
        );
        assert_eq!(
            people(extractor.extract_remembering("Minister Hardwick left.", &mut memory)),
            ["Hardwick"]
        );
        // A full name takes the place of a last name alone met first.
        let mut memory = Memory::default();
        extractor.extract_remembering("Minister Hardwick spoke.", &mut memory);
        extractor.extract_remembering(first, &mut memory);
        assert_eq!(
            people(extractor.extract_remembering(later, &mut memory)),
            ["Tom Hardwick"]
        );
    }

    #[test]
    fn known_organisations_take_legal_forms_and_yield_to_longer_names() {
        let text = "Apple Computer Inc and British Petroleum Co Plc reported; the Long-Term \
            Credit Bank of Japan and the Royal Bank of Canada lent.";
        let found = found(text);
        let of = |name: &str| {
            found
                .iter()
                .find(|(_, n, _)| n == name)
                .map(|(kind, _, surface)| (*kind, surface.as_str()))
        };
        assert_eq!(of("Apple"), Some((MentionKind::Org, "Apple Computer Inc")));
        assert_eq!(
            of("BP"),
            Some((MentionKind::Org, "British Petroleum Co Plc"))
        );
        // No leftover "Co Plc" read as a person.
        assert!(
            !found
                .iter()
                .any(|(kind, _, _)| *kind == MentionKind::Person)
        );
        // The known Bank of Japan and Bank of Canada stand aside for the longer names, which
        // the rules read whole.
        assert!(has(
            text,
            MentionKind::Org,
            "Long-Term Credit Bank of Japan"
        ));
        assert!(has(text, MentionKind::Org, "Royal Bank of Canada"));
        assert!(!has(text, MentionKind::Org, "Bank of Japan"));
        assert!(!has(text, MentionKind::Org, "Bank of Canada"));
        // An acronym followed by a legal form is the company's own name.
        let text = "CTS Corp shares rose after the CTS raid.";
        assert!(has(text, MentionKind::Org, "CTS Corp"));
        let cts = extract(text)
            .into_iter()
            .filter(|m| &*m.name == "Counter Terrorism Service")
            .count();
        assert_eq!(cts, 1);
    }

    #[test]
    fn words_after_a_known_organisation_are_no_person_unless_it_ends_a_title() {
        let text = "He served in the White House Situation Room under the DHS Strategic \
            Framework. Secretary of the Treasury Janet Yellen and White House Counsel Dana \
            Remus spoke.";
        let people: Vec<String> = extract(text)
            .into_iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| m.name.to_string())
            .collect();
        assert_eq!(people, ["Janet Yellen", "Dana Remus"]);
    }

    #[test]
    fn company_words_and_posts_at_an_organisation() {
        for (text, org) in [
            (
                "He bought stock in Nomura Securities on Monday.",
                "Nomura Securities",
            ),
            (
                "She flew with Southwest Airlines twice.",
                "Southwest Airlines",
            ),
            ("The CEO of Acme Holdings spoke.", "Acme Holdings"),
            (
                "Nominee for Member of the Surface Transportation Board",
                "Surface Transportation Board",
            ),
            (
                "the Chairman of the Judiciary Committee said",
                "Judiciary Committee",
            ),
        ] {
            assert!(has(text, Org, org), "{text}: {:?}", found(text));
            assert!(
                !found(text).iter().any(|(kind, _, _)| *kind == Person),
                "{text}: {:?}",
                found(text)
            );
        }
        // A post "of" a place or company is no person; with a portfolio it names one.
        let text = "Last week the CEO of Intel, Pat Gelsinger, came to the White House.";
        assert!(!has(text, Person, "Intel"), "{:?}", found(text));
        assert!(has(text, Person, "Pat Gelsinger"), "{:?}", found(text));
        assert!(has(
            "Secretary of State Antony Blinken flew in.",
            Person,
            "Antony Blinken"
        ));
        assert!(has("CEO Tim Cook said so.", Person, "Tim Cook"));
        // A sentence's first word from the starter list begins no name, but a name goes on
        // over one.
        let text = "Shares of Polaroid Corp rose.";
        assert_eq!(
            found(text),
            vec![(Org, "Polaroid Corp".into(), "Polaroid Corp".into())]
        );
        let text = "He met the Agricultural Prices Commission on Monday.";
        assert!(
            has(text, Org, "Agricultural Prices Commission"),
            "{:?}",
            found(text)
        );
        // An acronym of a country is no first name: `U.S. Maritime Commission` is the
        // commission of the United States, not a person `S. Maritime Commission`.
        let text = "the U.S. Maritime Commission said.";
        assert_eq!(
            found(text),
            [(
                Org,
                "U.S. Maritime Commission".into(),
                "U.S. Maritime Commission".into()
            )]
        );
        // A name whose own last word is possessive needs the `'s` in the text.
        assert!(has("Moody's cut the rating.", Org, "Moody's"));
        // ... and covers it, as a reader marks the name.
        let text = "Moody's cut it; then Moody’s agreed.";
        let spans: Vec<&str> = Extractor::builtin()
            .extract(text)
            .iter()
            .filter_map(|m| text.get(m.start..m.end))
            .collect();
        assert_eq!(spans, ["Moody's", "Moody’s"]);
        assert!(has("Then Moody’s agreed.", Org, "Moody's"));
        let text = "Counties such as Lake and Moody voted.";
        assert!(!has(text, Org, "Moody's"), "{:?}", found(text));
    }

    #[test]
    fn organisations_and_groups_by_their_last_word() {
        // Laboratories and chambers: not people.
        assert_eq!(
            found("The Humanitarian Research Lab said."),
            [(
                Org,
                "Humanitarian Research Lab".into(),
                "Humanitarian Research Lab".into()
            )]
        );
        assert_eq!(
            names("The court's Pre-Trial Chamber said."),
            ["Pre-Trial Chamber"]
        );
        // A post before `of` is no part of the name.
        assert_eq!(
            names("Judges of the Appeals Chamber ruled."),
            ["Appeals Chamber"]
        );
        assert_eq!(
            found("The Foreign Ministry summoned the envoy."),
            vec![(Org, "Foreign Ministry".into(), "Foreign Ministry".into())]
        );
        assert_eq!(
            found("a statement from the Ministry of Defence on Sunday"),
            vec![(
                Org,
                "Ministry of Defence".into(),
                "Ministry of Defence".into()
            )]
        );
        assert_eq!(
            found("fighters of the Sayyid Nasr Brigades"),
            vec![(
                Group,
                "Sayyid Nasr Brigades".into(),
                "Sayyid Nasr Brigades".into()
            )]
        );
        assert_eq!(
            found("the Khorasan Army claimed it"),
            vec![(Group, "Khorasan Army".into(), "Khorasan Army".into())]
        );
        assert_eq!(
            found("units of the Syrian Army advanced"),
            vec![(Place, "Syria".into(), "Syrian".into())]
        );
        // A state's army is an organisation, as the gold sets' `Sudanese Armed Forces`; the
        // country before it is part of its name.
        assert_eq!(names("the National Army advanced"), ["National Army"]);
        assert_eq!(
            found("the Somali National Army advanced"),
            vec![(
                Org,
                "Somali National Army".into(),
                "Somali National Army".into()
            )]
        );
        assert_eq!(
            names("Foreign Ministry Spokesman Abbas Mousavi said"),
            ["Foreign Ministry", "Abbas Mousavi"]
        );
        assert_eq!(
            names("the Joint Operations Command said"),
            ["Joint Operations Command"]
        );
    }

    #[test]
    fn ordinary_capitalised_words_are_not_names() {
        assert!(found("The rockets hit at dawn.").is_empty());
        assert!(found("Officials said. Rockets Hit. On Sunday Morning.").is_empty());
        assert!(found("The Air Base was hit on Monday December 30.").is_empty());
        assert!(found("Sunni Arab and Shiite Muslim leaders met.").is_empty());
        assert_eq!(
            found("On Sunday John Tanner said"),
            vec![(Person, "John Tanner".into(), "John Tanner".into())]
        );
        assert_eq!(
            found("Reporting by Ahmed Rasheed; Editing by Peter Graff"),
            vec![
                (Person, "Ahmed Rasheed".into(), "Ahmed Rasheed".into()),
                (Person, "Peter Graff".into(), "Peter Graff".into()),
            ]
        );
    }

    #[test]
    fn headlines_ships_suffixes_and_pairs() {
        let headline = "Rockets Hit Base Housing Troops, No Casualties Reported\nThe base \
                        was hit. Ahmed Rasheed reported.";
        assert_eq!(
            found(headline),
            vec![(Person, "Ahmed Rasheed".into(), "Ahmed Rasheed".into())]
        );
        assert!(found("The tanker Stena Impero was seized.").is_empty());
        let caggins = "Lt. Col. Myles B. Caggins III, spokesman for the coalition, said. \
                       Caggins added";
        let people: Vec<_> = found(caggins).into_iter().map(|m| (m.1, m.2)).collect();
        let name = "Myles B. Caggins III".to_string();
        assert_eq!(
            people,
            [(name.clone(), name.clone()), (name, "Caggins".to_string())]
        );
        assert_eq!(
            names("sanctions on the Central Bank and the National Development Fund"),
            ["Central Bank", "National Development Fund"]
        );
        assert_eq!(
            names("the Organization for Security and Co-operation Council"),
            ["Organization for Security and Co-operation Council"]
        );
    }

    #[test]
    fn washington_is_the_capital_and_washington_state_the_state() {
        // "Washington" for the US government is the capital, the seat of that government;
        // the state is named as such.
        assert_eq!(
            facet_of("Washington and Tehran", "Washington").as_deref(),
            Some("/United States/District of Columbia/Washington")
        );
        assert_eq!(
            facet_of("a senator of Washington State said", "Washington State").as_deref(),
            Some("/United States/Washington State")
        );
    }

    #[test]
    fn organisation_words_end_a_name_and_office_of_begins_one() {
        assert!(has(
            "the Chicago Mercantile Exchange said",
            Org,
            "Chicago Mercantile Exchange"
        ));
        assert!(has("Royal Trust said it would", Org, "Royal Trust"));
        assert!(!has("Royal Trust said it would", Person, "Royal Trust"));
        assert!(has(
            "the Canadian Import Tribunal ruled",
            Org,
            "Canadian Import Tribunal"
        ));
        assert!(has(
            "the Office of Management and Budget said",
            Org,
            "Office of Management and Budget"
        ));
        assert!(has(
            "a member of the Organisation of Petroleum Exporting Countries",
            Org,
            "Organisation of Petroleum Exporting Countries"
        ));
        // Newspapers and broadcasters, not the city of their name.
        assert!(has("a Los Angeles Times poll", Org, "Los Angeles Times"));
        assert!(!has("a Los Angeles Times poll", Place, "Los Angeles"));
        assert!(has("Let's go to Erin at NBC News.", Org, "NBC News"));
    }

    #[test]
    fn first_level_regions_of_the_world_with_their_towns_under_them() {
        // Multi-word names stand alone; their towns hang under them.
        assert_eq!(
            facet_of("Fighting spread across North Kivu.", "Nord-Kivu").as_deref(),
            Some("/Democratic Republic of the Congo/Nord-Kivu")
        );
        assert_eq!(
            facet_of("Rebels entered Goma on Monday.", "Goma").as_deref(),
            Some("/Democratic Republic of the Congo/Nord-Kivu/Goma")
        );
        // A region named like its capital is written with its type, as the news does.
        assert!(has("Clashes in Kano State.", Place, "Kano State"));
        assert!(has("Clashes in Kano.", Place, "Kano"));
        // One word needs a cue before it or its type after it...
        assert!(has("Drought in Sichuan province.", Place, "Sichuan"));
        assert!(has("Unrest in Sonora.", Place, "Sonora"));
        assert!(!has("Sonora said", Place, "Sonora"));
        // A name that is mostly a surname is only taken typed (data/places_ambiguous.txt).
        assert!(has("Unrest in Guerrero State.", Place, "Guerrero State"));
        assert!(!has("Unrest in Guerrero.", Place, "Guerrero State"));
        // The rows whose official name has several words need none for their short form.
        assert!(has("Xinjiang said", Place, "Xinjiang"));
        // ... and is no place next to a first name or a surname, even after a cue.
        assert!(!has("I'll go to Sonora Smith.", Place, "Sonora"));
        assert!(!has("Thanks to Maria Sonora.", Place, "Sonora"));
        // `Karen` (an English name of Kayin State) and `Herrera` (a Panamanian province) are
        // listed as ambiguous.
        assert!(!has("I'll go to Karen Nagasaki.", Place, "Kayin"));
        assert!(!has("Maria Herrera, director", Place, "Herrera Province"));
        // A possessive does not join a name to the lower-case word after it.
        assert!(!has("in Mexico's state courts", Place, "México State"));
        assert!(has("in Mexico's state courts", Place, "Mexico"));
        // A county named after a town elsewhere is no mention of that town.
        assert!(!has("in Bergen County, New Jersey", Place, "Bergen"));
    }

    #[test]
    fn small_towns_need_a_cue_and_first_names_make_people() {
        // Dearborn (under 150,000 people, far from the focus) only after a locative word or
        // before ", <state>".
        assert!(has("Protests in Dearborn.", MentionKind::Place, "Dearborn"));
        assert!(has("Dearborn, Michigan", MentionKind::Place, "Dearborn"));
        assert!(!has("Dearborn said it.", MentionKind::Place, "Dearborn"));
        // The state must be a whole word: `Hawaiian` is no `Hawaii`.
        assert!(!has(
            "towns of Compton, South El Monte, Hawaiian Gardens",
            MentionKind::Place,
            "South El Monte"
        ));
        assert!(has(
            "towns of Compton, South El Monte, California",
            MentionKind::Place,
            "South El Monte"
        ));
        // A city's name after a first name or a title is a surname.
        assert!(has(
            "Lloyd Austin said",
            MentionKind::Person,
            "Lloyd Austin"
        ));
        assert!(!has("Lloyd Austin said", MentionKind::Place, "Houston"));
        assert!(has("flights to Houston", MentionKind::Place, "Houston"));
        assert!(has(
            "Michael Jordan played",
            MentionKind::Person,
            "Michael Jordan"
        ));
        // Short names need a cue even in Iraq: "Rockets Hit" is no town.
        assert!(!has("Rockets Hit Base", MentionKind::Place, "Hīt"));
    }

    #[test]
    fn offsets_are_original_byte_offsets() {
        let text = "« Qāsem Soleimānī » visited Al-Qa’im; then Baghdad.";
        for m in extract(text) {
            let written = &text[m.start..m.end];
            match &*m.name {
                "Qasem Soleimani" => assert_eq!(written, "Qāsem Soleimānī"),
                "Al-Qaim" => assert_eq!(written, "Al-Qa’im"),
                "Baghdad" => assert_eq!(written, "Baghdad"),
                other => panic!("unexpected {other}"),
            }
        }
        assert_eq!(extract(text).len(), 3);
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert!(extract("").is_empty());
        assert!(extract("   \n\t").is_empty());
        assert!(extract("'s ’s - – . U.").is_empty());
        assert_eq!(names("IRAN"), ["Iran"]);
        assert_eq!(names("Iraq"), ["Iraq"]);
        assert_eq!(names("Iraqi-"), ["Iraq"]);
    }

    #[test]
    fn name_rules_parse_and_reject_mistakes() {
        let rules = NameRules::parse(NAME_RULES).expect("data/name_rules.txt parses");
        assert_ne!(rules.flags("The") & STOP, 0);
        assert_ne!(rules.flags("BRIGADES") & GROUP_SUFFIX, 0);
        assert_ne!(rules.flags("gen") & TITLE, 0);
        assert_eq!(rules.flags("Esper"), 0);
        assert!(NameRules::parse("[stop]\nthe\n").is_err_and(|e| e.contains("missing")));
        assert!(NameRules::parse("the\n").is_err_and(|e| e.contains("before a section")));
        assert!(NameRules::parse("[nope]\n").is_err_and(|e| e.contains("unknown section")));
        assert!(NameRules::parse("[stop]\nThe\n").is_err_and(|e| e.contains("lower case")));
    }

    #[test]
    fn an_extractor_over_another_gazetteer() {
        let places = "Iraq\tcountry\t\t\t33\t44\tIraqi\nAnbar\tregion\tIraq\t\t33\t42\t\n";
        let entities = "Kata'ib Hezbollah\tgroup\tKH\n";
        let gazetteer = Gazetteer::parse(places, entities).expect("parses");
        let extractor = Extractor::new(&gazetteer);
        let got: Vec<_> = extractor
            .extract("KH fighters in Anbar, Iraqi officials said; Syria was quiet.")
            .into_iter()
            .map(|m| m.name.to_string())
            .collect();
        assert_eq!(got, ["Kata'ib Hezbollah", "Anbar", "Iraq"]);
    }

    /// Words and pieces of words that exercise the special cases.
    const NEWS_WORDS: &[&str] = &[
        // The words the passes around a name look for: `First`, `of`, `for`, places,
        // organisation words, direction words, an American body, a non-breaking space.
        "First",
        "of",
        "of the",
        "for",
        "University",
        "Office",
        "Southern",
        "California",
        "Australian",
        "Treasury",
        "Corp",
        "Nominee",
        "Member",
        "Bank",
        "\u{a0}",
        // ... and those of the passes for possessives, a place with one organisation's word,
        // `the Assembly`, Georgia and the phrases that name nothing.
        "Moody's",
        "Le Pen's",
        "IRGC's",
        "Quds Force",
        "National Rally",
        "Suez Canal",
        "Authority",
        "Lab",
        "Chamber",
        "Judges",
        "The",
        "National Assembly",
        "Assembly",
        "Georgia",
        "Atlanta,",
        "County,",
        ", of",
        "Gov.",
        "Soviet",
        "State of the Union",
        // ... and those of the cue words and the particles of last names.
        "lender",
        "the rebel group",
        ", the Swiss lender,",
        ", a",
        "group.",
        "shares of",
        "a stake in",
        "Shares",
        "Micron",
        "Merrill Lynch",
        "DARPA",
        "(DARPA)",
        "&",
        "their",
        "Le Pen",
        "Von der",
        "Iran's",
        "U.S.",
        "US",
        "us",
        "Kata’ib",
        "Hezbollah",
        "Al-Qa'im",
        "Gen.",
        "Lt.-Gen.",
        "President",
        "Mark",
        "Esper",
        "Esper's",
        "al-",
        "-",
        "’s",
        ".",
        ",",
        "\n",
        "Qāsem",
        "Ministry",
        "of",
        "Brigades",
        "Army",
        "Syrian",
        "spokesman",
        "W.",
        "É",
        "ß",
        "\u{0301}",
        "İstanbul",
        "🇺🇸",
        "K1",
        "base",
        "the",
        "Abu",
        "bin",
        "'",
        "’",
        "Deir",
        "Ezzor",
    ];

    fn news_word() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(NEWS_WORDS).prop_map(String::from),
            "[A-Za-z'’.-]{1,8}",
        ]
    }

    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let mentions = extract(text);
        let mut previous_end = 0;
        for m in &mentions {
            prop_assert!(m.start < m.end, "empty mention {m:?}");
            prop_assert!(m.start >= previous_end, "overlap or disorder at {m:?}");
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.end <= text.len());
            prop_assert!(!m.name.is_empty());
            prop_assert!(m.facet.starts_with('/'));
            prop_assert!(
                !m.facet.split('/').skip(1).any(str::is_empty),
                "{}",
                m.facet
            );
            previous_end = m.end;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            check_invariants(&text)?;
        }

        #[test]
        fn never_panics_on_any_chars(text in any::<String>()) {
            check_invariants(&text)?;
        }

        /// The copy of a name already on one line is what splitting and joining it gives.
        #[test]
        fn as_one_line_joins_runs_of_whitespace(
            words in prop::collection::vec("[a-zA-Z.'-]{1,8}", 0..5),
            spaces in prop::collection::vec(
                prop::sample::select(
                    &[" ", " ", "  ", "  ", "", "\t", "\n", " \r\n", "\u{0B}", "\u{A0}"][..],
                ),
                4,
            ),
            ends in prop::collection::vec(prop::sample::select(&["", "", "", "", " ", "\n"][..]), 2),
        ) {
            // Mostly ASCII words and single spaces: the case copied as it is.
            let mut text = String::from(ends[0]);
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    text.push_str(spaces[i - 1]);
                }
                text.push_str(word);
            }
            text.push_str(ends[1]);
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(as_one_line(&text), joined);
        }

        #[test]
        fn never_panics_on_news_like_text(
            words in prop::collection::vec(news_word(), 0..40),
            separators in prop::collection::vec(
                prop::sample::select(&[" ", "", "  ", "\t", "-", ". "][..]), 40),
        ) {
            let mut text = String::new();
            for (word, sep) in words.iter().zip(separators.iter().cycle()) {
                text.push_str(word);
                text.push_str(sep);
            }
            check_invariants(&text)?;
        }

        #[test]
        fn never_panics_reading_an_article_passage_by_passage(
            words in prop::collection::vec(news_word(), 0..60),
            cuts in prop::collection::vec(0usize..60, 0..4),
        ) {
            let text = words.join(" ");
            let mut bounds: Vec<usize> = cuts
                .iter()
                .map(|&c| words.iter().take(c).map(|w| w.len() + 1).sum::<usize>().min(text.len()))
                .collect();
            bounds.push(0);
            bounds.push(text.len());
            bounds.sort_unstable();
            let extractor = Extractor::builtin();
            let mut memory = Memory::default();
            for pair in bounds.windows(2) {
                let passage = &text[pair[0]..pair[1]];
                let mentions = extractor.extract_remembering(passage, &mut memory);
                let mut previous_end = 0;
                for m in &mentions {
                    prop_assert!(m.start < m.end && m.start >= previous_end, "{m:?}");
                    prop_assert!(passage.is_char_boundary(m.start) && passage.is_char_boundary(m.end));
                    previous_end = m.end;
                }
            }
        }
    }

    /// Throughput on news-like text; run with
    /// `cargo test --release --lib analyze::entities -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let paragraph = "U.S. aircraft struck five Kata'ib Hezbollah facilities in Iraq and \
            Syria on Sunday, including sites near Al-Qaim in Anbar province and Al-Bukamal in \
            Deir Ezzor, the Pentagon said. Defense Secretary Mark Esper said the strikes were \
            a response to a rocket attack on the K1 base near Kirkuk that killed a US \
            contractor. Iraqi Prime Minister Adel Abdul Mahdi called the strikes a violation \
            of Iraq's sovereignty, and the Popular Mobilization Forces vowed revenge. Militia \
            supporters later stormed the perimeter of the US Embassy in Baghdad, chanting \
            slogans against America and Israel, while Iran's foreign ministry spokesman Abbas \
            Mousavi condemned what he called American terrorism. Oil prices rose as traders \
            weighed the risk to tankers in the Strait of Hormuz and the Gulf of Oman. ";
        let text = paragraph.repeat(5000);
        let extractor = Extractor::builtin();
        let _ = extractor.extract(paragraph);
        let started = std::time::Instant::now();
        let mut count = 0;
        for chunk in text.as_bytes().chunks(paragraph.len()) {
            let chunk = std::str::from_utf8(chunk).unwrap_or_default();
            count += extractor.extract(chunk).len();
        }
        let seconds = started.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!("{count} mentions, {:.1} MB/s", mb / seconds);
    }
}
