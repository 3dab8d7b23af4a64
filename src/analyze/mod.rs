//! Analysis: turn an [`Article`] into passages with entity and place mentions, and define the
//! text analyzer tantivy uses for every text field.
//!
//! - [`sentences`]: a sentence splitter that survives abbreviations (`U.S.`, `Lt.-Gen.`) and
//!   splits run-together sentences (`dozens.The`).
//! - [`passages`]: groups sentences into passages, the unit of retrieval.
//! - [`gazetteer`]: the built-in lists of places and entities, embedded from `data/`.
//! - [`fingerprint`]: exact and near-duplicate fingerprints of a body.
//! - [`entities`]: finds mentions of places, people, organisations and armed groups.
//! - [`tokenizer`]: the `news` analyzer (apostrophes, accents, stemming).

pub mod entities;
pub mod evaluation;
pub mod fingerprint;
pub mod gazetteer;
pub mod passages;
pub mod sentences;
pub mod tokenizer;

use crate::model::{AnalyzedArticle, AnalyzedPassage, Article};

/// Whether [`analyze`] extracts mentions. Always on, except while `newsdex eval-ner --speed`
/// measures what extraction adds to indexing by indexing the same folder without it.
static EXTRACTION: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Switch mention extraction off (or back on) for this process; for measurement only.
pub fn set_extraction(on: bool) {
    EXTRACTION.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The revision of the analysis code: raise it with any change to splitting or extraction
/// that changes what an index holds, so that indexes made before it are analysed again even
/// when newsdex's version and the data files are the same. 2: people, acronyms and companies'
/// short names carried from passage to passage of an article, a place before an
/// organisation's name read as part of it, states' armies as organisations, and no place name
/// read inside a longer word. 3: `First` opening a company's name (`First Boston Corp`), and
/// places in a row before an organisation's name, and descriptive words before them
/// (`Upper Colorado River Commission`), all read as part of it; an American body of the
/// entity list after another country's name is that country's (`Australian Treasury`); an
/// organisation's word before `for` opens a name (`Bank for International Settlements`), and
/// a place after an organisation's word and `of` closes one (`University of California`);
/// `Member` and `Nominee` are titles. 4: a name written with its possessive covers the `'s`
/// (`Moody's`); a place other than a country and one organisation's word name the
/// organisation (`Suez Canal Authority`); a known organisation after a possessive is its own
/// name (`Le Pen's National Rally`); an organisation's last word after `the` stands for it
/// (`the Assembly`); an alias matches across a possessive only when written with one (`the
/// IRGC's Quds Force` is the IRGC and the Quds Force); `Georgia` is the US state where the
/// text says so. 5: a word right before a name, or a description right after it, can say it
/// names an organisation or an armed group (`lender UBS`, `the rebel group M23`, `Vontobel,
/// the Swiss lender,`), as can `shares of`, `a stake in`, `the chief executive of`, and that
/// name met again is the organisation; a last name with its particle (`Le Pen`) is the person
/// named in full before.
const ANALYSIS_REVISION: u32 = 5;

/// What an index's analysis was made with: newsdex's version, the analysis code's revision and
/// a hash of the data files embedded for analysis (places, entities, name rules, names that are
/// none, abbreviations). An index built with
/// another one holds passages and mentions this newsdex would not make (a town under a region
/// it did not have, a name typed otherwise), so the next `index` run re-analyses every file
/// rather than only the changed ones (see `index::writer`).
pub fn analysis_version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        let data = [
            gazetteer::PLACES_TSV,
            gazetteer::ENTITIES_TSV,
            entities::NAME_RULES,
            entities::NOT_NAMES,
            sentences::ABBREVIATIONS_SRC,
        ];
        let hash = data.iter().fold(0u64, |seed, text| {
            xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), seed)
        });
        format!(
            "newsdex {} analysis {ANALYSIS_REVISION} data {hash:016x}",
            env!("CARGO_PKG_VERSION")
        )
    })
}

/// Start building the entity extractor (gazetteer and automaton: about a tenth of a second)
/// on a thread of its own, so that it is ready by the time the first article has been read
/// and parsed instead of holding up the first analysis. Does nothing when extraction is off
/// or the extractor is already built.
pub fn prepare_extractor() {
    if EXTRACTION.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::spawn(|| {
            entities::Extractor::builtin();
        });
    }
}

/// Analyse one article: split it into passages and extract the mentions of each.
///
/// This is the one code path used by indexing (and, later, by `extract`), so what a user
/// sees analysed is what the index holds.
pub fn analyze(article: Article) -> AnalyzedArticle {
    let fingerprint = fingerprint::Fingerprint::of(&article.body);
    analyze_fingerprinted(article, fingerprint)
}

/// [`analyze`] for an article whose fingerprint the caller already computed (the index
/// writer needs it first, to tell a copy from a new story).
pub fn analyze_fingerprinted(
    article: Article,
    fingerprint: fingerprint::Fingerprint,
) -> AnalyzedArticle {
    let extract = EXTRACTION.load(std::sync::atomic::Ordering::Relaxed);
    let extractor = extract.then(entities::Extractor::builtin);
    // One memory for the article: a surname alone in a later passage is still the person
    // named in full before.
    let mut memory = entities::Memory::default();
    let passages = passages::split_passages(&article.body, &passages::PassageConfig::default())
        .into_iter()
        .map(|passage| {
            let mentions = extractor.map_or_else(Vec::new, |e| {
                e.extract_remembering(&passage.text, &mut memory)
            });
            AnalyzedPassage { passage, mentions }
        })
        .collect();
    AnalyzedArticle {
        article,
        passages,
        fingerprint,
    }
}
