//! Evaluation: run judged queries and measure the ranking with nDCG@10, MRR and P@5.
//!
//! - Queries: `id<TAB>class<TAB>query` lines (`#` comments and blank lines ignored). The
//!   class groups queries in the report (`entity`, `keyword`, `topic` ...).
//! - Judgements (qrels), TREC style: `query-id [iteration] doc-id grade` separated by
//!   whitespace; the iteration column of TREC files is accepted and ignored. A doc-id is an
//!   article id (`article.id` in `--json`) or `ARTICLE#N` for passage N of it alone.
//! - A hit's grade is its passage's judgement if there is one, else its article's. Each
//!   judged doc counts once (a second passage of the same article earns nothing), so the
//!   figures measure articles found, which both rankings can be compared on.
//! - nDCG@10 uses gain 2^grade − 1 and log2(rank + 1) discount, normalised by the ideal
//!   ordering of all judged docs of the query. MRR and P@5 count a hit relevant when its
//!   grade is at least [`RELEVANT_GRADE`].
//! - nDCG@10 over stories ([`Stories`]) counts near-duplicate copies of a story once: the
//!   full ranking folds them into one hit while the BM25 baseline lists each, so per
//!   article, a baseline showing the same wire story twice earns its grade twice. Over
//!   stories, a copy of a story already listed is passed over (the next story moves up), a
//!   story earns the best grade judged for any of its copies, and the ideal ranking holds
//!   each judged story once.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use tantivy::{DocAddress, TantivyDocument};

use crate::analyze::fingerprint::Fingerprint;
use crate::error::{Error, Result};
use crate::index::NewsIndex;
use crate::index::schema::StoredArticle;
use crate::search::baseline::ArticleIndex;
use crate::search::{Hit, RankMode, SearchRequest, SearchResults, search};

/// Lowest grade that counts as relevant for MRR and P@5.
pub const RELEVANT_GRADE: u32 = 1;
/// Depth of nDCG.
pub const NDCG_DEPTH: usize = 10;
/// Depth of precision.
pub const PRECISION_DEPTH: usize = 5;
/// Hits asked of each ranking: enough that ten distinct stories remain once the baseline's
/// copies of a story are passed over.
const STORY_POOL: usize = 3 * NDCG_DEPTH;

/// One judged query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvalQuery {
    pub id: String,
    pub class: String,
    pub text: String,
}

/// Judgements: query id → doc id → grade.
#[derive(Debug, Clone, Default)]
pub struct Qrels {
    judged: HashMap<String, HashMap<String, u32>>,
}

impl Qrels {
    /// The judgements of one query.
    pub fn of(&self, query: &str) -> Option<&HashMap<String, u32>> {
        self.judged.get(query)
    }
}

/// Parse a queries file.
pub fn parse_queries(text: &str) -> Result<Vec<EvalQuery>> {
    let mut queries = Vec::new();
    let mut seen = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let (Some(id), Some(class), Some(query)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(Error::Usage(format!(
                "queries line {}: expected id<TAB>class<TAB>query",
                n + 1
            )));
        };
        if !seen.insert(id.trim().to_string()) {
            return Err(Error::Usage(format!(
                "queries line {}: query id '{id}' appears twice",
                n + 1
            )));
        }
        queries.push(EvalQuery {
            id: id.trim().to_string(),
            class: class.trim().to_string(),
            text: query.trim().to_string(),
        });
    }
    Ok(queries)
}

/// Parse a qrels file (3 or 4 whitespace-separated columns).
pub fn parse_qrels(text: &str) -> Result<Qrels> {
    let mut qrels = Qrels::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (query, doc, grade) = match cols.as_slice() {
            [q, d, g] | [q, _, d, g] => (*q, *d, *g),
            _ => {
                return Err(Error::Usage(format!(
                    "qrels line {}: expected 'query-id [iteration] doc-id grade'",
                    n + 1
                )));
            }
        };
        let grade: u32 = grade.parse().map_err(|_| {
            Error::Usage(format!(
                "qrels line {}: grade '{grade}' is not a whole number",
                n + 1
            ))
        })?;
        qrels
            .judged
            .entry(query.to_string())
            .or_default()
            .insert(doc.to_string(), grade);
    }
    Ok(qrels)
}

/// The figures of one query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryScore {
    pub id: String,
    pub class: String,
    pub query: String,
    pub ndcg10: f64,
    /// nDCG@10 over distinct stories (see the module comment).
    pub story_ndcg10: f64,
    pub mrr: f64,
    pub p5: f64,
    /// Hits in the top 10 with no line in the qrels (see [`unjudged`]).
    pub unjudged10: usize,
    /// Stories in the top 10 distinct stories none of whose copies has a line in the qrels:
    /// a ranking's copies passed over bring up hits from below its top 10, which a pooled
    /// set may never have judged.
    pub unjudged_stories10: usize,
}

/// Mean figures over a set of queries.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Means {
    pub queries: usize,
    pub ndcg10: f64,
    pub story_ndcg10: f64,
    pub mrr: f64,
    pub p5: f64,
}

/// The evaluation of one ranking.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub rank: RankMode,
    pub per_query: Vec<QueryScore>,
    /// Means per query class, by class name.
    pub per_class: BTreeMap<String, Means>,
    pub all: Means,
    /// Hits in the top 10 with no line in the qrels, over all queries.
    pub unjudged10: usize,
    /// Stories in the top 10 stories with no line in the qrels, over all queries.
    pub unjudged_stories10: usize,
}

/// Run every query with each ranking of `modes` (the rest of `template` — weights, topics —
/// applies to each) and score the results against `qrels`: one report per ranking, in the
/// order of `modes`. Queries without judgements are an error: they would score 0 and say
/// nothing. The index's stories are read once for all rankings.
pub fn evaluate(
    index: &NewsIndex,
    queries: &[EvalQuery],
    qrels: &Qrels,
    modes: &[RankMode],
    template: &SearchRequest,
) -> Result<Vec<EvalReport>> {
    let stories = Stories::of(index)?;
    modes
        .iter()
        .map(|&mode| evaluate_ranking(index, &stories, queries, qrels, mode, template))
        .collect()
}

/// [`evaluate`] for one ranking.
fn evaluate_ranking(
    index: &NewsIndex,
    stories: &Stories,
    queries: &[EvalQuery],
    qrels: &Qrels,
    mode: RankMode,
    template: &SearchRequest,
) -> Result<EvalReport> {
    let baseline = match mode {
        RankMode::Bm25 => Some(ArticleIndex::build(index)?),
        RankMode::Full => None,
    };
    let mut per_query = Vec::new();
    for query in queries {
        let judged = qrels.of(&query.id).ok_or_else(|| {
            Error::Usage(format!(
                "query {} has no judgements in the qrels file",
                query.id
            ))
        })?;
        let mut request = template.clone();
        request.query = query.text.clone();
        // Both rankings order hits the same whatever the limit, so the first ten of a
        // deeper list are the top ten.
        request.limit = STORY_POOL;
        request.per_article = 1;
        request.rank = mode;
        let results: SearchResults = match &baseline {
            Some(articles) => articles.search(&request)?,
            None => search(index, &request)?,
        };
        let top = &results.hits[..results.hits.len().min(NDCG_DEPTH)];
        let grades = grades(top, judged);
        let story_grades = stories.grades(&results.hits, judged, NDCG_DEPTH);
        per_query.push(QueryScore {
            id: query.id.clone(),
            class: query.class.clone(),
            query: query.text.clone(),
            ndcg10: ndcg(&grades, judged.values().copied(), NDCG_DEPTH),
            story_ndcg10: ndcg(
                &story_grades
                    .iter()
                    .map(|g| g.unwrap_or(0))
                    .collect::<Vec<_>>(),
                stories.ideal(judged),
                NDCG_DEPTH,
            ),
            unjudged_stories10: story_grades.iter().filter(|g| g.is_none()).count(),
            mrr: reciprocal_rank(&grades),
            p5: precision(&grades, PRECISION_DEPTH),
            unjudged10: unjudged(top, judged, NDCG_DEPTH),
        });
    }
    let mut per_class: BTreeMap<String, Vec<&QueryScore>> = BTreeMap::new();
    for score in &per_query {
        per_class
            .entry(score.class.clone())
            .or_default()
            .push(score);
    }
    let per_class = per_class
        .into_iter()
        .map(|(class, scores)| (class, means(&scores)))
        .collect();
    let all = means(&per_query.iter().collect::<Vec<_>>());
    let unjudged10 = per_query.iter().map(|q| q.unjudged10).sum();
    let unjudged_stories10 = per_query.iter().map(|q| q.unjudged_stories10).sum();
    Ok(EvalReport {
        rank: mode,
        per_query,
        per_class,
        all,
        unjudged10,
        unjudged_stories10,
    })
}

/// How many of the first `depth` hits have no line in the qrels, neither for their article
/// nor for their passage. In a set judged by pooling, whose qrels write grade 0 out, these
/// were never judged and count as not relevant only by default: after the ranking changes,
/// judge them before comparing figures. In a set judged in full that lists only relevant
/// articles, they are simply the articles judged not relevant.
pub fn unjudged(hits: &[Hit], judged: &HashMap<String, u32>, depth: usize) -> usize {
    hits.iter()
        .take(depth)
        .filter(|hit| judgement_key(hit, judged).is_none())
        .count()
}

/// The qrels line a hit is judged by: its passage's (`ID#N`) when there is one, else its
/// article's; `None` when neither has a line.
fn judgement_key(hit: &Hit, judged: &HashMap<String, u32>) -> Option<String> {
    let passage = format!("{}#{}", hit.article.id, hit.passage.position);
    if judged.contains_key(&passage) {
        Some(passage)
    } else {
        judged
            .contains_key(&hit.article.id)
            .then(|| hit.article.id.clone())
    }
}

/// The grade of each hit, in rank order; a judged doc earns its grade once.
pub fn grades(hits: &[Hit], judged: &HashMap<String, u32>) -> Vec<u32> {
    let mut credited: HashSet<String> = HashSet::new();
    hits.iter()
        .map(|hit| match judgement_key(hit, judged) {
            Some(key) => {
                let grade = judged.get(&key).copied().unwrap_or(0);
                if credited.insert(key) { grade } else { 0 }
            }
            None => 0,
        })
        .collect()
}

/// Which articles of an index tell the same story: the fingerprints of every article
/// (its first passage's `body_hash` and `simhash`), by article id. Two articles are the same
/// story when [`Fingerprint::same_story`] says so, as search decides when it folds copies.
#[derive(Debug, Default)]
pub struct Stories {
    fingerprints: HashMap<String, Fingerprint>,
}

impl Stories {
    /// Read the fingerprints of every article of `index`.
    pub fn of(index: &NewsIndex) -> Result<Stories> {
        let searcher = index.reader()?.searcher();
        let mut fingerprints = HashMap::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let fast = reader.fast_fields();
            let positions = fast.u64("position")?;
            let exact = fast.u64("body_hash")?;
            let simhash = fast.u64("simhash")?;
            for doc_id in reader.doc_ids_alive() {
                if positions.first(doc_id) != Some(0) {
                    continue;
                }
                let (Some(exact), Some(simhash)) = (exact.first(doc_id), simhash.first(doc_id))
                else {
                    continue;
                };
                let doc: TantivyDocument = searcher.doc(DocAddress::new(segment as u32, doc_id))?;
                if let Some(article) = StoredArticle::from_doc(&doc, &index.fields) {
                    fingerprints.insert(article.id, Fingerprint { exact, simhash });
                }
            }
        }
        Ok(Stories { fingerprints })
    }

    /// Whether the articles `a` and `b` tell the same story; an article the index does not
    /// hold is a story of its own.
    pub fn same(&self, a: &str, b: &str) -> bool {
        a == b
            || match (self.fingerprints.get(a), self.fingerprints.get(b)) {
                (Some(x), Some(y)) => x.same_story(*y),
                _ => false,
            }
    }

    /// The grades of the first `depth` distinct stories among `hits`, in rank order: a hit
    /// of a story already listed is passed over, and a story earns the best grade judged for
    /// any of its copies (its hit's own judgement as [`grades`] reads it, or an article
    /// line of another copy).
    /// `None` stands for a story none of whose copies is judged (see [`unjudged`]).
    pub fn grades(
        &self,
        hits: &[Hit],
        judged: &HashMap<String, u32>,
        depth: usize,
    ) -> Vec<Option<u32>> {
        let mut listed: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for hit in hits {
            if out.len() == depth {
                break;
            }
            let id = hit.article.id.as_str();
            if listed.iter().any(|earlier| self.same(earlier, id)) {
                continue;
            }
            listed.push(id);
            let own = judgement_key(hit, judged).and_then(|key| judged.get(&key).copied());
            let copies = judged
                .iter()
                .filter(|(key, _)| !key.contains('#') && key.as_str() != id && self.same(key, id))
                .map(|(_, &grade)| grade)
                .max();
            out.push(own.max(copies));
        }
        out
    }

    /// The judged grades, one per story (its best): what an ideal ranking of distinct
    /// stories lists.
    pub fn ideal(&self, judged: &HashMap<String, u32>) -> Vec<u32> {
        let mut docs: Vec<(&str, u32)> = judged
            .iter()
            .map(|(key, &grade)| (key.split('#').next().unwrap_or(key), grade))
            .collect();
        docs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut kept: Vec<&str> = Vec::new();
        let mut grades = Vec::new();
        for (id, grade) in docs {
            if kept.iter().any(|k| self.same(k, id)) {
                continue;
            }
            kept.push(id);
            grades.push(grade);
        }
        grades
    }
}

/// nDCG at `depth` of ranked `grades` against all judged grades of the query.
pub fn ndcg(grades: &[u32], judged: impl IntoIterator<Item = u32>, depth: usize) -> f64 {
    let dcg = |grades: &[u32]| -> f64 {
        grades
            .iter()
            .take(depth)
            .enumerate()
            .map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / ((i + 2) as f64).log2())
            .sum()
    };
    let mut ideal: Vec<u32> = judged.into_iter().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&ideal);
    if best == 0.0 { 0.0 } else { dcg(grades) / best }
}

/// 1 / rank of the first relevant hit, 0 when none.
pub fn reciprocal_rank(grades: &[u32]) -> f64 {
    grades
        .iter()
        .position(|&g| g >= RELEVANT_GRADE)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// Share of the first `depth` ranks holding a relevant hit (missing ranks count as misses).
pub fn precision(grades: &[u32], depth: usize) -> f64 {
    grades
        .iter()
        .take(depth)
        .filter(|&&g| g >= RELEVANT_GRADE)
        .count() as f64
        / depth as f64
}

fn means(scores: &[&QueryScore]) -> Means {
    let n = scores.len();
    if n == 0 {
        return Means::default();
    }
    let mean = |f: fn(&QueryScore) -> f64| scores.iter().map(|s| f(s)).sum::<f64>() / n as f64;
    Means {
        queries: n,
        ndcg10: mean(|s| s.ndcg10),
        story_ndcg10: mean(|s| s.story_ndcg10),
        mrr: mean(|s| s.mrr),
        p5: mean(|s| s.p5),
    }
}

/// A Markdown table comparing reports (one per ranking) per query, per class and in all.
pub fn table(reports: &[EvalReport]) -> String {
    let mut out = String::new();
    let names: Vec<String> = reports
        .iter()
        .map(|r| match r.rank {
            RankMode::Full => "full".to_string(),
            RankMode::Bm25 => "bm25".to_string(),
        })
        .collect();
    let mut header = "| query | class |".to_string();
    let mut rule = "|---|---|".to_string();
    for metric in ["nDCG@10", "nDCG@10 stories", "MRR", "P@5"] {
        for name in &names {
            header.push_str(&format!(" {metric} {name} |"));
            rule.push_str("---:|");
        }
    }
    out.push_str(&header);
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    let Some(first) = reports.first() else {
        return out;
    };
    let row = |label: &str, class: &str, values: Vec<[f64; 4]>| -> String {
        let mut line = format!("| {label} | {class} |");
        for metric in 0..4 {
            for v in &values {
                line.push_str(&format!(" {:.3} |", v[metric]));
            }
        }
        line.push('\n');
        line
    };
    for (i, q) in first.per_query.iter().enumerate() {
        let values = reports
            .iter()
            .filter_map(|r| r.per_query.get(i))
            .map(|s| [s.ndcg10, s.story_ndcg10, s.mrr, s.p5])
            .collect();
        out.push_str(&row(&q.id, &q.class, values));
    }
    for class in first.per_class.keys() {
        let values = reports
            .iter()
            .map(|r| {
                let m = r.per_class.get(class).copied().unwrap_or_default();
                [m.ndcg10, m.story_ndcg10, m.mrr, m.p5]
            })
            .collect();
        let n = first.per_class.get(class).map_or(0, |m| m.queries);
        out.push_str(&row(&format!("**{class}** ({n})"), "", values));
    }
    let values = reports
        .iter()
        .map(|r| [r.all.ndcg10, r.all.story_ndcg10, r.all.mrr, r.all.p5])
        .collect();
    out.push_str(&row(
        &format!("**all** ({})", first.all.queries),
        "",
        values,
    ));
    let unjudged = |count: fn(&EvalReport) -> usize| -> String {
        reports
            .iter()
            .zip(&names)
            .map(|(r, name)| format!("{name} {}", count(r)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!(
        "\nHits in the top 10 with no line in the qrels: {}; stories in the top 10 stories: \
         {}. Where the qrels write grade 0 out (a pooled set), these were never judged: judge \
         them before comparing figures.\n",
        unjudged(|r| r.unjudged10),
        unjudged(|r| r.unjudged_stories10),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_of_perfect_and_reversed_rankings() {
        assert!((ndcg(&[3, 2, 1], [1, 2, 3], 10) - 1.0).abs() < 1e-9);
        let reversed = ndcg(&[1, 2, 3], [1, 2, 3], 10);
        assert!(reversed < 1.0 && reversed > 0.5, "{reversed}");
        assert_eq!(ndcg(&[0, 0], [2], 10), 0.0);
        // A relevant doc below the depth does not count.
        assert_eq!(ndcg(&[0, 3], [3], 1), 0.0);
    }

    #[test]
    fn mrr_and_precision() {
        assert_eq!(reciprocal_rank(&[0, 0, 2]), 1.0 / 3.0);
        assert_eq!(reciprocal_rank(&[0, 0]), 0.0);
        assert_eq!(precision(&[1, 0, 3], 5), 0.4);
    }

    #[test]
    fn unjudged_hits_are_those_without_any_line() {
        let qrels = parse_qrels("q1 0 a 3\nq1 0 b 0\nq1 0 c#1 2\n").expect("qrels");
        let judged = qrels.of("q1").expect("q1");
        // `a` judged relevant, `b` judged not relevant (grade 0 written out), passage 1 of
        // `c` judged: only `d` and passage 0 of `c` have no line.
        let hits = [
            hit("a", 0),
            hit("b", 0),
            hit("c", 1),
            hit("c", 0),
            hit("d", 2),
        ];
        assert_eq!(unjudged(&hits, judged, 10), 2);
        assert_eq!(unjudged(&hits, judged, 3), 0);
    }

    /// `a1` and `a2` are copies of one story (SimHashes 3 bits apart), `b`, `c` and `d` three
    /// other stories.
    fn stories() -> Stories {
        let print = |exact: u64, simhash: u64| Fingerprint { exact, simhash };
        Stories {
            fingerprints: [
                ("a1", print(1, 0b1111_0000)),
                ("a2", print(2, 0b1111_0111)),
                ("b", print(3, u64::MAX)),
                ("c", print(4, 0x0F0F_0F0F_0F0F_0F0F)),
                ("d", print(5, 0)),
            ]
            .into_iter()
            .map(|(id, print)| (id.to_string(), print))
            .collect(),
        }
    }

    #[test]
    fn a_story_counts_once_with_the_best_grade_of_its_copies() {
        let stories = stories();
        assert!(stories.same("a1", "a2"));
        assert!(!stories.same("a1", "b"));
        assert!(!stories.same("d", "unknown"));
        let qrels = parse_qrels("q1 0 a1 1\nq1 0 a2 3\nq1 0 b 2\nq1 0 c#0 1\n").expect("qrels");
        let judged = qrels.of("q1").expect("q1");
        // The copy `a2` is passed over; `a1` earns its copy's 3; `d` is judged nowhere.
        let hits = [
            hit("a1", 0),
            hit("a2", 0),
            hit("d", 0),
            hit("b", 0),
            hit("c", 0),
        ];
        assert_eq!(
            stories.grades(&hits, judged, 10),
            vec![Some(3), None, Some(2), Some(1)]
        );
        assert_eq!(stories.grades(&hits, judged, 2), vec![Some(3), None]);
        // The ideal holds the story once, with its best grade.
        assert_eq!(stories.ideal(judged), vec![3, 2, 1]);
        // Per article, listing both copies scores above the ideal of distinct stories.
        let per_article = grades(&hits, judged);
        assert_eq!(per_article, vec![1, 3, 0, 2, 1]);
        let story: Vec<u32> = stories
            .grades(&hits, judged, 10)
            .into_iter()
            .map(|g| g.unwrap_or(0))
            .collect();
        let perfect = ndcg(&[3, 2, 1], stories.ideal(judged), 10);
        assert!((perfect - 1.0).abs() < 1e-12);
        assert!(ndcg(&story, stories.ideal(judged), 10) < perfect);
    }

    fn hit(id: &str, position: u64) -> Hit {
        Hit {
            rank: 0,
            score: 0.0,
            article: crate::search::ArticleInfo {
                id: id.to_string(),
                title: String::new(),
                standfirst: None,
                author: None,
                date: None,
                source: None,
                url: None,
                path: String::new(),
                record: None,
            },
            passage: crate::search::PassageInfo {
                position,
                text: String::new(),
                highlights: Vec::new(),
            },
            entities: Vec::new(),
            places: Vec::new(),
            duplicates: Vec::new(),
            explain: None,
        }
    }

    #[test]
    fn files_parse_and_bad_lines_are_reported() {
        let queries =
            parse_queries("# c\nq1\tentity\tKata'ib Hezbollah\n\nq2\tkeyword\tlimpet mines\n")
                .expect("queries");
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].text, "Kata'ib Hezbollah");
        assert!(parse_queries("q1 entity no tabs").is_err());
        assert!(parse_queries("q1\ta\tx\nq1\tb\ty").is_err());
        let qrels = parse_qrels("q1 0 doc-a 3\nq1 doc-b#2 1\n").expect("qrels");
        let judged = qrels.of("q1").expect("q1");
        assert_eq!(judged.get("doc-a"), Some(&3));
        assert_eq!(judged.get("doc-b#2"), Some(&1));
        assert!(parse_qrels("q1 0 doc x").is_err());
        assert!(parse_qrels("q1").is_err());
    }
}
