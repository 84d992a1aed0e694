//! A memory-compact Unigram (SentencePiece) subword model that segments exactly as the
//! `tokenizers` crate's `Unigram`.
//!
//! That model finds the pieces starting at each position with a byte trie that keeps a hash
//! map in every node: for XLM-R's 250,002 pieces about 280 MB, more than half of what a frner
//! process holds before it reads a record. Here a candidate piece grows byte by byte with an
//! incremental 64-bit hash; the hash of a complete piece finds its id (and the piece's text is
//! compared, so a collision can never produce a wrong id), and a set holding the hash of every
//! piece prefix stops the growth as soon as no longer piece can match, as the trie walk does.
//! About 35 MB for the same vocabulary.
//!
//! The best segmentation is the same Viterbi search: pieces scored by their log
//! probabilities, a character no piece covers becomes `<unk>` scored `min - 10`, ties keep the
//! path found first (the start nearest the beginning, then the shortest piece), consecutive
//! `<unk>` characters fuse into one token, and `byte_fallback` models spell an unknown string
//! as `<0xNN>` byte pieces.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use tokenizers::models::unigram::Unigram;
use tokenizers::tokenizer::{AddedToken, Model, Token, Trainer};

/// `<unk>` scores this far below the lowest piece, as in SentencePiece.
const UNK_PENALTY: f64 = 10.0;

/// FNV-1a over bytes: incremental, so each grown candidate costs one step.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_step(h: u64, byte: u8) -> u64 {
    (h ^ byte as u64).wrapping_mul(FNV_PRIME)
}

/// Keys are already hashes; this only spreads FNV's weak low bits over the table's buckets
/// (the splitmix64 finalizer).
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_step(self.0, b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }
}

type Mix = BuildHasherDefault<MixHasher>;

fn hash_of(s: &str) -> u64 {
    s.bytes().fold(FNV_OFFSET, fnv_step)
}

/// A Unigram model's pieces, scores and lookup tables.
pub struct CompactUnigram {
    pieces: Vec<Box<str>>,
    scores: Vec<f64>,
    /// Hash of a whole piece → its id.
    ids: HashMap<u64, u32, Mix>,
    /// Hashes of every proper prefix (ending on a char boundary) of every piece.
    prefixes: HashSet<u64, Mix>,
    unk_id: Option<u32>,
    byte_fallback: bool,
    min_score: f64,
    /// This model's key in the per-thread word caches ([`WordCache`]).
    uid: u64,
}

/// Source of [`CompactUnigram::uid`]: one number per model built in this process.
static NEXT_UID: AtomicU64 = AtomicU64::new(1);

/// Words longer than this (bytes) are not cached: URLs, numbers, noise, rarely repeated.
const CACHE_MAX_WORD: usize = 48;
/// A thread's cache is emptied when it holds this many words (about 4 MB), so that it
/// follows the corpus and stays small. Simulated on WikiNEuRal train (574,325 words, one
/// thread), the share of words found in the cache: 0.78 with 8,192, 0.84 with 16,384, 0.89
/// with 32,768.
const CACHE_WORDS: usize = 16_384;

/// Words this thread has already segmented, with their tokens. News repeats its words, and
/// the Viterbi search and piece lookups were about 45 % of tokenization (`perf` of the
/// `stages/tokenize` bench), which bounds the GPU pipeline. Per thread, so no lock; keyed by
/// the model's `uid` so that two models in one process never share entries. Segmentation is
/// a pure function of the word, so a hit returns exactly what the search would.
struct WordCache {
    uid: u64,
    /// Hash of the word → the word and its tokens.
    words: HashMap<u64, CachedWord, Mix>,
}

type CachedWord = (Box<str>, Box<[Token]>);

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(WordCache {
        uid: 0,
        words: HashMap::default(),
    });
}

impl std::fmt::Debug for CompactUnigram {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("CompactUnigram")
            .field("pieces", &self.pieces.len())
            .field("unk_id", &self.unk_id)
            .field("byte_fallback", &self.byte_fallback)
            .finish()
    }
}

/// The cell of the Viterbi table for one byte position: the best path that ends there.
#[derive(Clone, Copy)]
struct Best {
    score: f64,
    start: usize,
    id: u32,
    reached: bool,
}

impl CompactUnigram {
    /// Builds the model from `(piece, log probability)` pairs in id order.
    pub fn new(
        vocab: Vec<(String, f64)>,
        unk_id: Option<usize>,
        byte_fallback: bool,
    ) -> Result<CompactUnigram, String> {
        if vocab.is_empty() {
            return Err("the Unigram vocabulary is empty".into());
        }
        if vocab.len() > u32::MAX as usize {
            return Err(format!("{} pieces do not fit u32 ids", vocab.len()));
        }
        if let Some(unk) = unk_id {
            if unk >= vocab.len() {
                return Err(format!(
                    "unk_id {unk} is outside the vocabulary ({} pieces)",
                    vocab.len()
                ));
            }
        }
        let mut ids: HashMap<u64, u32, Mix> = HashMap::default();
        ids.reserve(vocab.len());
        let mut prefixes: HashSet<u64, Mix> = HashSet::default();
        let mut pieces: Vec<Box<str>> = Vec::with_capacity(vocab.len());
        let mut scores = Vec::with_capacity(vocab.len());
        let mut min_score = f64::INFINITY;
        for (id, (piece, score)) in vocab.into_iter().enumerate() {
            let mut h = FNV_OFFSET;
            for (i, &b) in piece.as_bytes().iter().enumerate() {
                if i > 0 && piece.is_char_boundary(i) {
                    prefixes.insert(h);
                }
                h = fnv_step(h, b);
            }
            if let Some(&other) = ids.get(&h) {
                let other: &str = &pieces[other as usize];
                // A duplicated piece keeps its last id, as the reference model's map does;
                // two different pieces with one 64-bit hash cannot be told apart here.
                if other != piece {
                    return Err(format!(
                        "pieces {other:?} and {piece:?} share a hash; use the reference model"
                    ));
                }
            }
            ids.insert(h, id as u32);
            min_score = min_score.min(score);
            pieces.push(piece.into_boxed_str());
            scores.push(score);
        }
        ids.shrink_to_fit();
        prefixes.shrink_to_fit();
        Ok(CompactUnigram {
            pieces,
            scores,
            ids,
            prefixes,
            unk_id: unk_id.map(|u| u as u32),
            byte_fallback,
            min_score,
            uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
        })
    }

    fn id_of(&self, piece: &str) -> Option<u32> {
        let id = *self.ids.get(&hash_of(piece))?;
        (*self.pieces[id as usize] == *piece).then_some(id)
    }

    /// The best segmentation of `sentence`: `(id, start, end)` byte spans, `<unk>` runs fused.
    fn segment(&self, sentence: &str) -> tokenizers::Result<Vec<(u32, usize, usize)>> {
        let bytes = sentence.as_bytes();
        let n = bytes.len();
        let unreached = Best {
            score: 0.0,
            start: 0,
            id: 0,
            reached: false,
        };
        let mut best = vec![unreached; n + 1];
        let unk_score = self.min_score - UNK_PENALTY;
        let relax = |best: &mut [Best], end: usize, start: usize, id: u32, score: f64| {
            let cell = &mut best[end];
            if !cell.reached || score > cell.score {
                *cell = Best {
                    score,
                    start,
                    id,
                    reached: true,
                };
            }
        };
        let mut start = 0;
        while start < n {
            let char_len = sentence[start..].chars().next().map_or(1, char::len_utf8);
            // An unreached start scores 0, as in the reference model (only possible without
            // an `<unk>` piece, where the sentence then fails below).
            let here = best[start].score;
            let mut single = false;
            let mut h = FNV_OFFSET;
            for (last, &byte) in bytes.iter().enumerate().skip(start) {
                h = fnv_step(h, byte);
                let end = last + 1;
                if !sentence.is_char_boundary(end) {
                    continue;
                }
                if let Some(&id) = self.ids.get(&h) {
                    if *self.pieces[id as usize] == sentence[start..end] {
                        relax(&mut best, end, start, id, here + self.scores[id as usize]);
                        single |= end - start == char_len;
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
            if !single {
                if let Some(unk) = self.unk_id {
                    relax(&mut best, start + char_len, start, unk, here + unk_score);
                }
            }
            start += char_len;
        }
        let mut out: Vec<(u32, usize, usize)> = vec![];
        let mut end = n;
        while end > 0 {
            let cell = best[end];
            if !cell.reached {
                return Err(format!(
                    "no piece covers {:?} and the model has no unk_id",
                    &sentence[..end]
                )
                .into());
            }
            let is_unk = Some(cell.id) == self.unk_id;
            match out.last_mut() {
                // Consecutive unknown characters are one `<unk>` token.
                Some(last) if is_unk && Some(last.0) == self.unk_id => last.1 = cell.start,
                _ => out.push((cell.id, cell.start, end)),
            }
            end = cell.start;
        }
        out.reverse();
        Ok(out)
    }
}

impl CompactUnigram {
    /// [`Model::tokenize`] without the word cache: the Viterbi search and the pieces' ids.
    fn tokenize_uncached(&self, sequence: &str) -> tokenizers::Result<Vec<Token>> {
        let mut tokens = vec![];
        for (id, start, end) in self.segment(sequence)? {
            let piece = &sequence[start..end];
            let id = if Some(id) != self.unk_id {
                id
            } else if let Some(known) = self.id_of(piece) {
                // A fused `<unk>` run that happens to spell a piece is that piece.
                known
            } else {
                if self.byte_fallback {
                    let bytes: Option<Vec<Token>> = piece
                        .bytes()
                        .map(|b| {
                            let name = format!("<0x{b:02X}>");
                            self.id_of(&name)
                                .map(|id| Token::new(id, name, (start, end)))
                        })
                        .collect();
                    if let Some(bytes) = bytes {
                        tokens.extend(bytes);
                        continue;
                    }
                }
                self.unk_id
                    .ok_or("an unknown piece and the model has no unk_id")?
            };
            tokens.push(Token::new(id, piece.to_string(), (start, end)));
        }
        Ok(tokens)
    }
}

impl Model for CompactUnigram {
    type Trainer = NoTraining;

    fn tokenize(&self, sequence: &str) -> tokenizers::Result<Vec<Token>> {
        if sequence.is_empty() {
            return Ok(vec![]);
        }
        if sequence.len() > CACHE_MAX_WORD {
            return self.tokenize_uncached(sequence);
        }
        let key = hash_of(sequence);
        let hit = WORD_CACHE.with(|cache| {
            let cache = cache.borrow();
            match cache.words.get(&key) {
                Some((word, tokens)) if cache.uid == self.uid && **word == *sequence => {
                    Some(tokens.to_vec())
                }
                _ => None,
            }
        });
        if let Some(tokens) = hit {
            return Ok(tokens);
        }
        let tokens = self.tokenize_uncached(sequence)?;
        WORD_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.uid != self.uid || cache.words.len() >= CACHE_WORDS {
                cache.words.clear();
                cache.uid = self.uid;
            }
            cache
                .words
                .insert(key, (sequence.into(), tokens.clone().into_boxed_slice()));
        });
        Ok(tokens)
    }

    fn token_to_id(&self, token: &str) -> Option<u32> {
        self.id_of(token)
    }

    fn id_to_token(&self, id: u32) -> Option<String> {
        self.pieces.get(id as usize).map(|p| p.to_string())
    }

    fn get_vocab(&self) -> HashMap<String, u32> {
        self.pieces
            .iter()
            .enumerate()
            .map(|(id, p)| (p.to_string(), id as u32))
            .collect()
    }

    fn get_vocab_size(&self) -> usize {
        self.pieces.len()
    }

    /// Saves the model as the reference `Unigram` would (`unigram.json`).
    fn save(&self, folder: &Path, prefix: Option<&str>) -> tokenizers::Result<Vec<PathBuf>> {
        let vocab: Vec<(String, f64)> = self
            .pieces
            .iter()
            .zip(&self.scores)
            .map(|(p, &s)| (p.to_string(), s))
            .collect();
        let reference = Unigram::from(vocab, self.unk_id.map(|u| u as usize), self.byte_fallback)?;
        reference.save(folder, prefix)
    }

    fn get_trainer(&self) -> NoTraining {
        NoTraining
    }
}

/// frner only runs pretrained tokenizers; training one is the `tokenizers` library's job.
pub struct NoTraining;

impl Trainer for NoTraining {
    type Model = CompactUnigram;

    fn should_show_progress(&self) -> bool {
        false
    }

    fn train(&self, _model: &mut CompactUnigram) -> tokenizers::Result<Vec<AddedToken>> {
        Err("frner does not train tokenizers; use the tokenizers library".into())
    }

    fn feed<I, S, F>(&mut self, _iterator: I, _process: F) -> tokenizers::Result<()>
    where
        I: Iterator<Item = S> + Send,
        S: AsRef<str> + Send,
        F: Fn(&str) -> tokenizers::Result<Vec<String>> + Sync,
    {
        Err("frner does not train tokenizers; use the tokenizers library".into())
    }
}

impl<'de> Deserialize<'de> for CompactUnigram {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UnigramFields)
    }
}

/// Reads the `"model"` object of a `tokenizer.json` whose type is `Unigram`.
struct UnigramFields;

impl<'de> Visitor<'de> for UnigramFields {
    type Value = CompactUnigram;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Unigram model object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CompactUnigram, A::Error> {
        let mut vocab: Option<Vec<(String, f64)>> = None;
        let mut unk_id: Option<usize> = None;
        let mut byte_fallback = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => {
                    let kind: String = map.next_value()?;
                    if kind != "Unigram" {
                        return Err(de::Error::custom(format!(
                            "model type {kind:?} is not Unigram"
                        )));
                    }
                }
                "vocab" => vocab = Some(map.next_value()?),
                "unk_id" => unk_id = map.next_value()?,
                "byte_fallback" => byte_fallback = map.next_value()?,
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        let vocab = vocab.ok_or_else(|| de::Error::missing_field("vocab"))?;
        CompactUnigram::new(vocab, unk_id, byte_fallback).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(pairs: &[(&str, f64)]) -> Vec<(String, f64)> {
        pairs.iter().map(|&(p, s)| (p.to_string(), s)).collect()
    }

    fn both(pairs: &[(&str, f64)], byte_fallback: bool) -> (CompactUnigram, Unigram) {
        let compact = CompactUnigram::new(vocab(pairs), Some(0), byte_fallback).unwrap();
        let reference = Unigram::from(vocab(pairs), Some(0), byte_fallback).unwrap();
        (compact, reference)
    }

    fn same(compact: &CompactUnigram, reference: &Unigram, text: &str) {
        let a = compact.tokenize(text).unwrap();
        let b = reference.tokenize(text).unwrap();
        assert_eq!(a, b, "{text:?}");
    }

    #[test]
    fn segments_as_the_reference_model() {
        let pieces = [
            ("<unk>", 0.0),
            ("a", -1.0),
            ("b", -1.0),
            ("c", -1.0),
            ("d", -1.5),
            ("cd", -1.0),
            ("ab", -1.2),
            ("abc", -0.5),
            ("abcd", -0.1),
            ("é", -2.0),
            ("éa", -2.5),
            ("▁", -0.2),
            ("▁a", -0.9),
        ];
        let (compact, reference) = both(&pieces, false);
        for text in [
            "abcdacdxx",
            "ab",
            "▁abcd▁a",
            "xyz",
            "éaé",
            "aéxxéyé",
            "zz▁ab",
            "",
            "日本abc",
            "c",
        ] {
            same(&compact, &reference, text);
        }
        let tokens = compact.tokenize("abcdacdxx").unwrap();
        let values: Vec<&str> = tokens.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, ["abcd", "a", "cd", "xx"]);
        assert_eq!(tokens[3].id, 0, "unknown run fused into one <unk>");
    }

    #[test]
    fn ties_keep_the_first_path() {
        // "ab" + "c" and "a" + "bc" score the same: the reference keeps the path found first.
        let pieces = [
            ("<unk>", 0.0),
            ("a", -1.0),
            ("b", -1.0),
            ("c", -1.0),
            ("ab", -2.0),
            ("bc", -2.0),
        ];
        let (compact, reference) = both(&pieces, false);
        same(&compact, &reference, "abc");
        same(&compact, &reference, "abcabc");
    }

    #[test]
    fn byte_fallback_spells_unknown_strings() {
        let mut pieces: Vec<(String, f64)> = vec![("<unk>".into(), 0.0), ("a".into(), -1.0)];
        pieces.extend((0..=255u8).map(|b| (format!("<0x{b:02X}>"), -5.0)));
        let refs: Vec<(&str, f64)> = pieces.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        let (compact, reference) = both(&refs, true);
        same(&compact, &reference, "aéa");
        let tokens = compact.tokenize("é").unwrap();
        assert_eq!(tokens.len(), 2, "two bytes, two pieces: {tokens:?}");
    }

    /// The second time a word comes (from the thread's cache) it gets the same tokens as the
    /// first time and as the reference; two models alternating in one thread never see each
    /// other's entries; long words and a full cache still segment right.
    #[test]
    fn cached_words_segment_as_the_reference_model() {
        let pieces = [
            ("<unk>", 0.0),
            ("▁", -0.2),
            ("▁a", -0.9),
            ("a", -1.0),
            ("b", -1.0),
            ("ab", -1.2),
        ];
        let (one, reference_one) = both(&pieces, false);
        // Same pieces, other scores: "ab" now loses to "a" + "b".
        let other = [
            ("<unk>", 0.0),
            ("▁", -0.2),
            ("▁a", -0.9),
            ("a", -1.0),
            ("b", -1.0),
            ("ab", -5.0),
        ];
        let (two, reference_two) = both(&other, false);
        let long = "ab".repeat(CACHE_MAX_WORD);
        for _ in 0..3 {
            for text in ["▁ab", "ab", "▁abx", "xab", long.as_str()] {
                same(&one, &reference_one, text);
                same(&two, &reference_two, text);
            }
        }
        assert_ne!(one.tokenize("ab").unwrap(), two.tokenize("ab").unwrap());
        // Past CACHE_WORDS distinct words the cache is emptied and refilled.
        for i in 0..CACHE_WORDS + 10 {
            let word = format!("▁ab{i}");
            same(&one, &reference_one, &word);
        }
        same(&one, &reference_one, "▁ab0");
        WORD_CACHE.with(|c| assert!(c.borrow().words.len() <= CACHE_WORDS));
    }

    #[test]
    fn rejects_a_bad_unk_id() {
        let err = CompactUnigram::new(vocab(&[("a", 0.0)]), Some(3), false).unwrap_err();
        assert!(err.contains("unk_id 3"), "{err}");
    }
}
