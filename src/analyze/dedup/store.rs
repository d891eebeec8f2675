//! The duplicate store: every passage's exact hash, and the band keys and shingles of the most
//! recent ones, kept beside the shards so that later runs mark new articles against old ones
//! without re-reading the old corpus.

use super::near_window::NearWindow;
use super::record::DocRecord;
use crate::analyze::{Analysis, PassageKind, PassageRef};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A passage seen in at least this many articles…
pub const DEFAULT_BOILERPLATE_ARTICLES: usize = 5;
/// …from at least this many known sources (or with no source known at all) is boilerplate.
pub const DEFAULT_BOILERPLATE_SOURCES: usize = 2;
/// An article whose marked passages hold at least this share of its words, all from one other
/// article, joins that article's cluster.
pub const DEFAULT_CLUSTER_SHARE: f32 = 0.5;
/// End of a chain of passages with the same exact hash.
const NO_PASSAGE: u32 = u32::MAX;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocEntry {
    id: String,
    /// Index into the store's sources.
    source: Option<u32>,
    /// Doc ordinal of the cluster's first article (its id names the cluster).
    cluster: u32,
    live: bool,
    /// Doc ordinals any of this article's marks point to (boilerplate and template marks too:
    /// when one of them is removed, this article is marked again).
    refs: Vec<u32>,
    /// The previous article with the same whole-article hash, or [`NO_DOC`].
    same_whole: u32,
}

/// End of a chain of articles.
const NO_DOC: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct StoredPassage {
    doc: u32,
    idx: u32,
    /// [`super::record::numbers_hash`] of its text.
    numbers: u32,
    /// The previous passage with the same exact hash, or [`NO_PASSAGE`].
    same_hash: u32,
}

/// The oldest and the newest passage with one exact hash.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct HashChain {
    first: u32,
    newest: u32,
}

/// The key of an article id in `by_id`.
fn id_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Hash of the exact hashes of an article's passages (intra repeats left out).
fn whole_hash(a: &Analysis) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0);
    for p in a.passages.iter().filter(|p| p.kind != PassageKind::Intra) {
        h.update(&p.hash.to_le_bytes());
    }
    h.digest()
}

/// Exact and near-duplicate state of the whole index.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DupStore {
    docs: Vec<DocEntry>,
    /// xxh3 of an article id → its doc ordinal (ids are kept once, in `docs`)…
    by_id: HashMap<u64, u32>,
    /// …except for an id whose hash another live id already holds.
    by_id_overflow: HashMap<String, u32>,
    sources: Vec<String>,
    source_ids: HashMap<String, u32>,
    passages: Vec<StoredPassage>,
    /// Exact passage hash → its chain of passages (newest first through `same_hash`).
    exact: HashMap<u64, HashChain>,
    /// Near-duplicate candidates among the most recent passages.
    near: NearWindow,
    /// Hash of an article's passage hashes in order → the newest doc with it (exact copies of
    /// whole articles; older ones through `same_whole`).
    whole: HashMap<u64, u32>,
}

/// Numbers about the store.
#[derive(Debug, Clone, Serialize)]
pub struct StoreStats {
    /// Live articles.
    pub articles: usize,
    /// Passages stored (live and deleted).
    pub passages: usize,
    /// Recent passages held as near-duplicate candidates.
    pub near_window: usize,
    /// Distinct LSH bucket keys.
    pub buckets: usize,
}

impl DupStore {
    /// An empty store whose near-duplicate window holds about `passages` passages.
    pub fn with_near_window(passages: usize) -> Self {
        DupStore { near: NearWindow::new(passages), ..DupStore::default() }
    }

    /// Numbers about the store.
    pub fn stats(&self) -> StoreStats {
        StoreStats {
            articles: self.docs.iter().filter(|d| d.live).count(),
            passages: self.passages.len(),
            near_window: self.near.len(),
            buckets: self.near.buckets(),
        }
    }

    /// The passages repeated in the most live articles: (articles, first occurrence), most first.
    pub fn most_repeated(&self, n: usize) -> Vec<(usize, PassageRef)> {
        let mut out: Vec<(usize, PassageRef)> = self
            .exact
            .values()
            .filter_map(|chain| {
                let mut live: Vec<&StoredPassage> =
                    self.chain(chain).map(|p| &self.passages[p as usize]).filter(|p| self.is_live(p.doc)).collect();
                live.reverse();
                let mut docs: Vec<u32> = live.iter().map(|p| p.doc).collect();
                docs.dedup();
                let first = live.first()?;
                (docs.len() >= 2).then(|| {
                    (
                        docs.len(),
                        PassageRef { id: self.docs[first.doc as usize].id.clone(), passage: first.idx as usize },
                    )
                })
            })
            .collect();
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)).then(a.1.passage.cmp(&b.1.passage)));
        out.truncate(n);
        out
    }

    /// Ids of the live articles, in the order they were stored.
    pub fn live_ids(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().filter(|d| d.live).map(|d| d.id.as_str())
    }

    /// The cluster of a live article.
    pub fn cluster_of(&self, id: &str) -> Option<&str> {
        self.ord_of(id).map(|o| self.cluster_name(o))
    }

    /// The id naming the cluster of a stored article.
    fn cluster_name(&self, doc: u32) -> &str {
        &self.docs[self.docs[doc as usize].cluster as usize].id
    }

    /// Passages with one exact hash, newest first.
    fn chain(&self, chain: &HashChain) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(chain.newest), |&p| {
            Some(self.passages[p as usize].same_hash).filter(|&n| n != NO_PASSAGE)
        })
    }

    /// Removes an article; returns the ids of live articles whose marks pointed to it (to be re-marked).
    pub fn remove(&mut self, id: &str) -> Vec<String> {
        let Some(ord) = self.remove_for_remark(id) else { return vec![] };
        self.docs.iter().filter(|d| d.live && d.refs.contains(&ord)).map(|d| d.id.clone()).collect()
    }

    /// Removes an article that is about to be marked again unchanged (the articles pointing to it
    /// are not looked for: they follow it through [`DupStore::carry_refs`] once it is stored
    /// anew); returns its ordinal.
    pub fn remove_for_remark(&mut self, id: &str) -> Option<u32> {
        let ord = self.ord_of(id)?;
        if self.by_id_overflow.remove(id).is_none() {
            self.by_id.remove(&id_key(id));
        }
        self.docs[ord as usize].live = false;
        Some(ord)
    }

    /// Points the marks that pointed to articles marked again (`old` ordinals, by id) to their new
    /// entries, so that removing one of them later still finds the articles to mark again.
    pub fn carry_refs(&mut self, old: &[(String, u32)]) {
        let moved: HashMap<u32, u32> =
            old.iter().filter_map(|(id, o)| self.ord_of(id).map(|n| (*o, n))).filter(|(o, n)| o != n).collect();
        if moved.is_empty() {
            return;
        }
        for d in self.docs.iter_mut().filter(|d| d.live) {
            for r in d.refs.iter_mut() {
                if let Some(&n) = moved.get(r) {
                    *r = n;
                }
            }
        }
    }

    /// Exact hashes that are boilerplate once `batch` is added: seen in many articles from several
    /// sources, in many different settings. A paragraph that many outlets print inside the same
    /// story (a syndicated wire story) is that story, not boilerplate: holders are counted by the
    /// passages around it (new articles) or by their story cluster (stored ones), so that copies of
    /// one story count once.
    pub fn boilerplate(&self, batch: &[DocRecord]) -> HashSet<u64> {
        type Holders<'a> = (HashSet<&'a str>, HashSet<&'a str>, bool, HashSet<u64>);
        let mut seen: HashMap<u64, Holders> = HashMap::new();
        for r in batch {
            let passages: Vec<&crate::analyze::Passage> =
                r.analysis.passages.iter().filter(|p| p.kind != PassageKind::Intra).collect();
            for (i, p) in passages.iter().enumerate() {
                let e = seen.entry(p.hash).or_default();
                e.0.insert(&r.id);
                match &r.source {
                    Some(s) => {
                        e.1.insert(s);
                    }
                    None => e.2 = true,
                }
                let before = if i > 0 { passages[i - 1].hash } else { 0 };
                let after = passages.get(i + 1).map_or(0, |p| p.hash);
                e.3.insert(
                    xxhash_rust::xxh3::xxh3_64(&[before.to_le_bytes(), after.to_le_bytes()].concat()) & !(1 << 63),
                );
            }
        }
        let mut out = HashSet::new();
        for (hash, (mut ids, mut sources, mut unknown, mut settings)) in seen {
            for p in self.exact.get(&hash).into_iter().flat_map(|c| self.chain(c)) {
                let d = &self.docs[self.passages[p as usize].doc as usize];
                if d.live {
                    ids.insert(&d.id);
                    settings.insert(u64::from(d.cluster) | 1 << 63);
                    match d.source {
                        Some(s) => {
                            sources.insert(&self.sources[s as usize]);
                        }
                        None => unknown = true,
                    }
                }
                if settings.len() >= DEFAULT_BOILERPLATE_ARTICLES && sources.len() >= DEFAULT_BOILERPLATE_SOURCES {
                    break;
                }
            }
            let several = sources.len() >= DEFAULT_BOILERPLATE_SOURCES || (sources.is_empty() && unknown);
            if ids.len() >= DEFAULT_BOILERPLATE_ARTICLES && settings.len() >= DEFAULT_BOILERPLATE_ARTICLES && several {
                out.insert(hash);
            }
        }
        out
    }

    /// Marks one article against everything stored, stores it, and returns its analysis with
    /// cross, near and boilerplate marks and its cluster. Call in (date, id) order.
    pub fn mark(&mut self, mut rec: DocRecord, boilerplate: &HashSet<u64>) -> Analysis {
        let ord = self.docs.len() as u32;
        let mut analysis = rec.analysis;
        let mut refs: HashMap<u32, usize> = HashMap::new();
        let mut points_to: HashSet<u32> = HashSet::new();
        let mut total_words = 0;
        for (i, p) in analysis.passages.iter_mut().enumerate() {
            if p.kind == PassageKind::Intra {
                continue;
            }
            total_words += p.words;
            let exact = self.first_live(p.hash);
            let (kind, found) = if boilerplate.contains(&p.hash) {
                (PassageKind::Boilerplate, exact.map(|e| (e, 1.0)))
            } else if let Some(e) = exact {
                (PassageKind::Cross, Some((e, 1.0)))
            } else {
                let near = rec.bands[i].as_ref().and_then(|keys| {
                    self.near.best(keys, &rec.shingles[i], |p| self.is_live(self.passages[p as usize].doc))
                });
                match near {
                    Some(found) => (PassageKind::Near, Some(found)),
                    None => (PassageKind::Original, None),
                }
            };
            if let Some((pord, sim)) = found {
                let sp = &self.passages[pord as usize];
                p.kind = kind;
                p.of = Some(PassageRef { id: self.docs[sp.doc as usize].id.clone(), passage: sp.idx as usize });
                p.similarity = Some(sim);
                // A near copy stating other numbers (a weekly report's template) keeps its mark
                // but does not make the two articles one story.
                let template = kind == PassageKind::Near && sp.numbers != rec.numbers[i];
                points_to.insert(sp.doc);
                if kind != PassageKind::Boilerplate && !template {
                    *refs.entry(sp.doc).or_default() += p.words;
                }
            } else if kind == PassageKind::Boilerplate {
                p.kind = kind;
            }
            let pord = self.passages.len() as u32;
            let chain = self.exact.entry(p.hash).or_insert(HashChain { first: pord, newest: NO_PASSAGE });
            let same_hash = std::mem::replace(&mut chain.newest, pord);
            self.passages.push(StoredPassage { doc: ord, idx: i as u32, numbers: rec.numbers[i], same_hash });
            self.near.push(pord, rec.bands[i].as_ref(), std::mem::take(&mut rec.shingles[i]));
        }
        // An exact copy of a whole article joins its cluster; otherwise the cluster holding the most
        // of this article's words joins, when that is at least half of them.
        let whole = whole_hash(&analysis);
        let copy_of = self.whole.get(&whole).and_then(|&newest| {
            let chain = std::iter::successors(Some(newest), |&d| {
                Some(self.docs[d as usize].same_whole).filter(|&n| n != NO_DOC)
            });
            chain.filter(|&d| self.is_live(d)).last()
        });
        let mut by_cluster: HashMap<u32, usize> = HashMap::new();
        for (doc, words) in &refs {
            *by_cluster.entry(self.docs[*doc as usize].cluster).or_default() += words;
        }
        let name = |c: u32| self.docs[c as usize].id.as_str();
        let best = by_cluster.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| name(b.0).cmp(name(a.0))));
        let cluster = match (copy_of, best) {
            (Some(doc), _) => self.docs[doc as usize].cluster,
            (None, Some((cluster, words))) if words as f32 >= DEFAULT_CLUSTER_SHARE * total_words.max(1) as f32 => {
                cluster
            }
            _ => ord,
        };
        analysis.cluster_ord = Some(cluster);
        analysis.cluster = if cluster == ord { rec.id.clone() } else { name(cluster).to_string() };
        let same_whole = if total_words > 0 { self.whole.insert(whole, ord).unwrap_or(NO_DOC) } else { NO_DOC };
        let source = rec.source.map(|s| {
            let next = self.sources.len() as u32;
            let id = *self.source_ids.entry(s.clone()).or_insert(next);
            if id == next {
                self.sources.push(s);
            }
            id
        });
        self.docs.push(DocEntry {
            id: rec.id.clone(),
            source,
            cluster,
            live: true,
            refs: points_to.into_iter().collect(),
            same_whole,
        });
        self.insert_id(rec.id, ord);
        analysis
    }

    /// The doc ordinal of a live article id.
    fn ord_of(&self, id: &str) -> Option<u32> {
        let by_hash = self.by_id.get(&id_key(id)).copied();
        by_hash.filter(|&o| self.docs[o as usize].id == id).or_else(|| self.by_id_overflow.get(id).copied())
    }

    /// Records the ordinal of an article id.
    fn insert_id(&mut self, id: String, ord: u32) {
        let h = id_key(&id);
        match self.by_id.get(&h) {
            Some(&o) if self.docs[o as usize].id != id && self.docs[o as usize].live => {
                self.by_id_overflow.insert(id, ord);
            }
            _ => {
                self.by_id.insert(h, ord);
            }
        }
    }

    /// First stored occurrence of an exact hash in a live article.
    fn first_live(&self, hash: u64) -> Option<u32> {
        let chain = self.exact.get(&hash)?;
        if self.is_live(self.passages[chain.first as usize].doc) {
            return Some(chain.first);
        }
        self.chain(chain).filter(|&p| self.is_live(self.passages[p as usize].doc)).last()
    }

    /// True for a stored, live article (the article being marked is not stored yet: never itself).
    fn is_live(&self, doc: u32) -> bool {
        self.docs.get(doc as usize).is_some_and(|d| d.live)
    }
}
