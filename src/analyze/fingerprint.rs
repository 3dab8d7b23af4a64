//! Fingerprints that tell when two articles are the same story.
//!
//! - **Exact**: xxh3 of the body's words, lowercased, accents folded, punctuation and spacing
//!   ignored. Two copies of a wire story that differ only in layout, case or quotes share it.
//! - **Near**: a 64-bit SimHash of the body's word 3-shingles. Each shingle's hash votes on
//!   every bit; the sign of the total sets the bit. Small edits (a changed sentence, a local
//!   intro, a different byline) flip few bits, a different story about half of them.
//!
//! Two articles are near-duplicates when the Hamming distance of their SimHashes is at most
//! [`NEAR_DUPLICATE_BITS`]. Unrelated texts differ in about 32 of 64 bits (σ ≈ 4), so 18 is
//! 3.5σ below chance. The tests below check it on a 160-word story: each of its ten
//! sentences rewritten in turn gave distances 7–16 (up to 17 with a dateline added), which
//! must match; a different story on the same subject gave 34, and the story with half its
//! sentences replaced 28, which must not. Bodies shorter than [`MIN_SHINGLES`] shingles get
//! no SimHash (`0`): too few votes make it unstable, and only
//! exact matching applies to them.

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// Largest Hamming distance between two SimHashes of the same story.
pub const NEAR_DUPLICATE_BITS: u32 = 18;
/// Fewest word 3-shingles for a SimHash.
pub const MIN_SHINGLES: usize = 40;

/// The fingerprints of one article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Hash of the normalised words; equal for exact duplicates.
    pub exact: u64,
    /// SimHash of word 3-shingles; `0` when the body is too short to have a stable one.
    pub simhash: u64,
}

impl Fingerprint {
    /// Fingerprint an article body. One pass over the text, no allocation per word: each
    /// word is hashed as it ends, the exact hash is fed word by word, and a shingle's hash
    /// mixes its three word hashes.
    pub fn of(body: &str) -> Fingerprint {
        let mut exact = Xxh3::new();
        let mut word_hashes: Vec<u64> = Vec::with_capacity(body.len() / 6);
        let mut word = String::with_capacity(32);
        let mut end_word = |word: &mut String| {
            if word.is_empty() {
                return;
            }
            if !word_hashes.is_empty() {
                exact.update(b" ");
            }
            exact.update(word.as_bytes());
            word_hashes.push(xxh3_64(word.as_bytes()));
            word.clear();
        };
        for c in body.chars() {
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    for folded in deunicode::deunicode_char(c).unwrap_or("").chars() {
                        word.push(folded.to_ascii_lowercase());
                    }
                }
            } else if crate::analyze::tokenizer::is_apostrophe(c) {
                // Kata'ib = Kataib
            } else {
                end_word(&mut word);
            }
        }
        end_word(&mut word);
        let exact = exact.digest();
        let shingles: Vec<u64> = word_hashes
            .windows(3)
            .map(|w| {
                let mut bytes = [0u8; 24];
                bytes[..8].copy_from_slice(&w[0].to_le_bytes());
                bytes[8..16].copy_from_slice(&w[1].to_le_bytes());
                bytes[16..].copy_from_slice(&w[2].to_le_bytes());
                xxh3_64(&bytes)
            })
            .collect();
        let simhash = if shingles.len() < MIN_SHINGLES {
            0
        } else {
            simhash(&shingles)
        };
        Fingerprint { exact, simhash }
    }

    /// Whether two fingerprints are of the same story: equal words, or SimHashes within
    /// [`NEAR_DUPLICATE_BITS`] of each other.
    pub fn same_story(self, other: Fingerprint) -> bool {
        self.exact == other.exact
            || (self.simhash != 0
                && other.simhash != 0
                && (self.simhash ^ other.simhash).count_ones() <= NEAR_DUPLICATE_BITS)
    }
}

fn simhash(hashes: &[u64]) -> u64 {
    let mut votes = [0i32; 64];
    for hash in hashes {
        for (bit, vote) in votes.iter_mut().enumerate() {
            if hash >> bit & 1 == 1 {
                *vote += 1;
            } else {
                *vote -= 1;
            }
        }
    }
    votes
        .iter()
        .enumerate()
        .filter(|(_, vote)| **vote > 0)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten sentences of a story, written for this test.
    const STORY: [&str; 10] = [
        "American aircraft struck five sites used by an Iran-backed militia in Iraq and Syria on Sunday.",
        "Three of the targets lay near the border town of Al-Qaim in Anbar province.",
        "The other two were across the frontier close to Al-Bukamal in Deir Ezzor.",
        "Officials said the raids answered a rocket attack that killed a civilian contractor near Kirkuk.",
        "The militia said at least twenty five of its fighters were killed and dozens wounded.",
        "Iraq's caretaker prime minister called the strikes a violation of the country's sovereignty.",
        "The group vowed to retaliate and supporters gathered for funerals in Baghdad on Monday.",
        "Pentagon officials described the targets as weapons depots and command posts.",
        "Washington has blamed the group for a string of rocket attacks on bases hosting its troops.",
        "Analysts warned that the exchange could draw both countries into a wider confrontation.",
    ];

    /// A different story on the same subject.
    const OTHER: [&str; 10] = [
        "Rockets landed inside a base north of Baghdad late on Wednesday, killing two soldiers.",
        "Coalition officials said more than a dozen projectiles had been fired from a truck.",
        "The attack came on the birthday of a commander killed in a drone strike in January.",
        "No group claimed responsibility, but suspicion fell on an Iran-backed militia.",
        "Iraqi forces later found the launcher abandoned in a farm field near the base.",
        "Washington promised a response and officials met at the Pentagon overnight.",
        "The coalition has been reducing its presence at several smaller bases this year.",
        "Parliament had voted in January to ask foreign troops to leave the country.",
        "Lawmakers aligned with the armed factions welcomed the vote at the time.",
        "Diplomats said the latest attack could complicate talks on the troop presence.",
    ];

    fn distance(a: &str, b: &str) -> u32 {
        (Fingerprint::of(a).simhash ^ Fingerprint::of(b).simhash).count_ones()
    }

    #[test]
    fn layout_case_and_quotes_do_not_change_the_exact_hash() {
        let body = STORY.join(" ");
        let reformatted = STORY.join("\n\n").to_uppercase().replace('\'', "’");
        assert_eq!(
            Fingerprint::of(&body).exact,
            Fingerprint::of(&reformatted).exact
        );
        assert!(Fingerprint::of(&body).same_story(Fingerprint::of(&reformatted)));
    }

    #[test]
    fn a_lightly_edited_copy_is_the_same_story() {
        let body = STORY.join(" ");
        let mut edited = STORY;
        edited[4] =
            "The militia reported that twenty five fighters had died and many more were hurt.";
        let edited = format!("BAGHDAD (Harbour Ledger) - {}", edited.join(" "));
        let d = distance(&body, &edited);
        assert!(d <= NEAR_DUPLICATE_BITS, "distance {d}");
        assert_ne!(Fingerprint::of(&body).exact, Fingerprint::of(&edited).exact);
        assert!(Fingerprint::of(&body).same_story(Fingerprint::of(&edited)));
    }

    #[test]
    fn a_shortened_copy_is_the_same_story() {
        let body = STORY.join(" ");
        let cut = STORY[..9].join(" ");
        assert!(
            Fingerprint::of(&body).same_story(Fingerprint::of(&cut)),
            "distance {}",
            distance(&body, &cut)
        );
    }

    #[test]
    fn a_different_story_on_the_same_subject_is_not() {
        let d = distance(&STORY.join(" "), &OTHER.join(" "));
        assert!(d > NEAR_DUPLICATE_BITS + 6, "distance {d}");
        let half = [&STORY[..5], &OTHER[5..]].concat().join(" ");
        let d = distance(&STORY.join(" "), &half);
        assert!(d > NEAR_DUPLICATE_BITS, "half replaced: distance {d}");
        assert!(!Fingerprint::of(&STORY.join(" ")).same_story(Fingerprint::of(&OTHER.join(" "))));
    }

    #[test]
    fn short_bodies_only_match_exactly() {
        let a = Fingerprint::of("Rockets hit the base.");
        let b = Fingerprint::of("Rockets hit the base again.");
        assert_eq!(a.simhash, 0);
        assert!(!a.same_story(b));
        assert!(a.same_story(Fingerprint::of("rockets HIT the base")));
    }
}
