//! [`Score`]: a number of points, always an exact decimal; [`ScoreColumn`]: a column of them,
//! stored in 4 bytes a score where the score allows it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A number of points (an indicator score, a group subtotal, a bonus or a total).
///
/// Exact decimal arithmetic; rounded only by [`Score::round`], half away from zero (四舍五入).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Score(pub Decimal);

impl Score {
    /// Zero points.
    pub const ZERO: Score = Score(Decimal::ZERO);

    /// The points as a decimal.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Rounded half away from zero (四舍五入) to `places` decimal places.
    pub fn round(self, places: u32) -> Score {
        if self.0.scale() <= places {
            // Already within `places` decimals: rounding changes nothing.
            return self;
        }
        Score(
            self.0
                .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// `self + other`, or `None` when the sum is beyond what a [`Decimal`] holds. The engine
    /// adds with this; the `+` operator (kept for callers adding known-small scores) panics
    /// on overflow like [`Decimal`]'s.
    pub fn checked_add(self, other: Score) -> Option<Score> {
        self.0.checked_add(other.0).map(Score)
    }

    /// The sum of `scores`, or `None` on overflow.
    pub fn checked_sum(scores: impl IntoIterator<Item = Score>) -> Option<Score> {
        scores
            .into_iter()
            .try_fold(Score::ZERO, |acc, s| acc.checked_add(s))
    }

    /// Formatted with exactly `places` decimals (`5.1` with 2 places is `"5.10"`).
    pub fn fixed(self, places: u32) -> String {
        let mut d = self.round(places).0;
        d.rescale(places);
        d.to_string()
    }
}

impl fmt::Display for Score {
    /// Two decimals, the way the results are published.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fixed(2))
    }
}

impl From<Decimal> for Score {
    fn from(d: Decimal) -> Score {
        Score(d)
    }
}

/// A column of scores (an indicator's, or a group's subtotals), one per ranked park.
///
/// A rounded score is small: its digits fit in 26 bits (up to 67,108,863 units of its last
/// decimal place, 671,088.63 at two places). Such a score is kept in 4 bytes instead of a
/// [`Decimal`]'s 16: the digits, the sign and the scale exactly as the decimal has them, so that
/// what comes back is the very decimal that went in (`4` stays `4`, not `4.00`; −0 keeps its
/// sign). A column holding any score that does not fit (a scheme of huge full points, scores
/// kept to many places) keeps every score as a [`Score`]: the storage changes, never a value.
/// At 100,000 parks × 23 indicators and 7 groups that is 48 MB of scores in 12 MB.
///
/// Compared, serialised and iterated as the list of scores it holds.
#[derive(Clone, Default)]
pub struct ScoreColumn {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    /// Every score packed ([`pack`]).
    Packed(Vec<u32>),
    /// Some score did not pack: all of them as they are.
    Wide(Vec<Score>),
}

impl Default for Repr {
    fn default() -> Repr {
        Repr::Packed(Vec::new())
    }
}

/// The digits of a decimal, in units of its last place, that [`pack`] takes.
const PACKED_DIGITS: u32 = 1 << 26;

/// `score` in 4 bytes: bits 6.. the digits, bit 5 the sign, bits 0–4 the scale (0–28); `None`
/// when the digits do not fit, or when the decimal would not come back bit for bit.
fn pack(score: Score) -> Option<u32> {
    let d = score.0;
    let digits = u32::try_from(d.mantissa().unsigned_abs())
        .ok()
        .filter(|&m| m < PACKED_DIGITS)?;
    let packed = digits << 6 | u32::from(d.is_sign_negative()) << 5 | d.scale();
    (unpack(packed).0.serialize() == d.serialize()).then_some(packed)
}

/// The score [`pack`] packed. Built from the decimal's own 16 bytes (flags: the scale in bits
/// 16–23, the sign in bit 31; then the digits), as `from_parts` would drop the sign of −0.
fn unpack(packed: u32) -> Score {
    let flags = (packed & 31) << 16 | (packed & 1 << 5) << 26;
    let mut bytes = [0; 16];
    bytes[..4].copy_from_slice(&flags.to_le_bytes());
    bytes[4..8].copy_from_slice(&(packed >> 6).to_le_bytes());
    Score(Decimal::deserialize(bytes))
}

impl ScoreColumn {
    /// An empty column with room for `n` scores.
    pub fn with_capacity(n: usize) -> ScoreColumn {
        ScoreColumn {
            repr: Repr::Packed(Vec::with_capacity(n)),
        }
    }

    /// How many scores it holds.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Packed(v) => v.len(),
            Repr::Wide(v) => v.len(),
        }
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The score of row `row`.
    pub fn get(&self, row: usize) -> Option<Score> {
        match &self.repr {
            Repr::Packed(v) => v.get(row).copied().map(unpack),
            Repr::Wide(v) => v.get(row).copied(),
        }
    }

    /// Adds `score` at the end.
    pub fn push(&mut self, score: Score) {
        match &mut self.repr {
            Repr::Packed(v) => match pack(score) {
                Some(p) => v.push(p),
                None => {
                    let mut wide = Vec::with_capacity(v.capacity().max(v.len() + 1));
                    wide.extend(v.iter().copied().map(unpack));
                    wide.push(score);
                    self.repr = Repr::Wide(wide);
                }
            },
            Repr::Wide(v) => v.push(score),
        }
    }

    /// Swaps rows `a` and `b` (both must be in the column).
    pub fn swap(&mut self, a: usize, b: usize) {
        match &mut self.repr {
            Repr::Packed(v) => v.swap(a, b),
            Repr::Wide(v) => v.swap(a, b),
        }
    }

    /// The scores in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Score> + ExactSizeIterator + '_ {
        (0..self.len()).map(|row| self.get(row).unwrap_or_default())
    }

    /// Rows `range` as a list (empty where the range is not in the column).
    pub fn to_vec(&self, range: std::ops::Range<usize>) -> Vec<Score> {
        if range.end > self.len() || range.start > range.end {
            return Vec::new();
        }
        range.filter_map(|row| self.get(row)).collect()
    }

    /// Whether every score is kept in 4 bytes (see the type).
    pub fn is_packed(&self) -> bool {
        matches!(self.repr, Repr::Packed(_))
    }
}

impl Extend<Score> for ScoreColumn {
    fn extend<I: IntoIterator<Item = Score>>(&mut self, scores: I) {
        let scores = scores.into_iter();
        let more = scores.size_hint().0;
        match &mut self.repr {
            Repr::Packed(v) => v.reserve(more),
            Repr::Wide(v) => v.reserve(more),
        }
        for s in scores {
            self.push(s);
        }
    }
}

impl FromIterator<Score> for ScoreColumn {
    fn from_iter<I: IntoIterator<Item = Score>>(scores: I) -> ScoreColumn {
        let scores = scores.into_iter();
        let mut column = ScoreColumn::with_capacity(scores.size_hint().0);
        column.extend(scores);
        column
    }
}

impl From<Vec<Score>> for ScoreColumn {
    fn from(scores: Vec<Score>) -> ScoreColumn {
        scores.into_iter().collect()
    }
}

impl PartialEq for ScoreColumn {
    fn eq(&self, other: &ScoreColumn) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for ScoreColumn {}

impl<const N: usize> PartialEq<[Score; N]> for ScoreColumn {
    fn eq(&self, other: &[Score; N]) -> bool {
        self.len() == N && self.iter().eq(other.iter().copied())
    }
}

impl PartialEq<Vec<Score>> for ScoreColumn {
    fn eq(&self, other: &Vec<Score>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().copied())
    }
}

impl fmt::Debug for ScoreColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for ScoreColumn {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for ScoreColumn {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ScoreColumn, D::Error> {
        struct Seq;
        impl<'de> serde::de::Visitor<'de> for Seq {
            type Value = ScoreColumn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of scores")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ScoreColumn, A::Error> {
                // The hint is the input's claim: trusted only up to a bound.
                let mut column = ScoreColumn::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(score) = seq.next_element::<Score>()? {
                    column.push(score);
                }
                Ok(column)
            }
        }
        deserializer.deserialize_seq(Seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn s(x: &str) -> Score {
        Score(Decimal::from_str(x).unwrap())
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(s("5.075").round(2), s("5.08"));
        assert_eq!(s("5.085").round(2), s("5.09"));
        assert_eq!(s("-1.005").round(2), s("-1.01"));
        assert_eq!(s("5.0749").round(2), s("5.07"));
    }

    #[test]
    fn checked_sums_refuse_overflow() {
        assert_eq!(Score::checked_sum([s("1.5"), s("2.25")]), Some(s("3.75")));
        assert_eq!(Score::checked_sum([Score(Decimal::MAX), s("1")]), None);
        assert_eq!(Score(Decimal::MIN).checked_add(s("-1")), None);
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(s("5.1").to_string(), "5.10");
        assert_eq!(s("6").to_string(), "6.00");
        assert_eq!(s("5.0769230769").to_string(), "5.08");
    }

    fn column(xs: &[&str]) -> ScoreColumn {
        xs.iter().map(|x| s(x)).collect()
    }

    /// Bit for bit: the same digits, scale and sign as went in.
    fn same_bits(a: Score, b: Score) -> bool {
        a.0.serialize() == b.0.serialize()
    }

    #[test]
    fn a_column_of_rounded_scores_is_packed_and_gives_back_the_very_decimals() {
        let xs = [
            "0",
            "4",
            "4.00",
            "5.08",
            "-1.01",
            "10",
            "671088.63",
            "0.0000001",
            "-0.07",
        ];
        let c = column(&xs);
        assert!(c.is_packed());
        assert_eq!(c.len(), xs.len());
        for (row, x) in xs.iter().enumerate() {
            let got = c.get(row).unwrap();
            assert!(same_bits(got, s(x)), "{x}: {:?}", got.0);
        }
        // Scale kept: 4 and 4.00 print as written.
        assert_eq!(c.get(1).unwrap().0.to_string(), "4");
        assert_eq!(c.get(2).unwrap().0.to_string(), "4.00");
        assert_eq!(c.get(xs.len()), None);
        // −0 (a negative score rounded to nothing) keeps its sign.
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        assert!(negative_zero.is_sign_negative());
        let mut c = column(&["1"]);
        c.push(Score(negative_zero));
        assert!(c.is_packed());
        assert!(same_bits(c.get(1).unwrap(), Score(negative_zero)));
        assert!(c.get(1).unwrap().0.is_sign_negative());
    }

    #[test]
    fn a_score_that_does_not_fit_keeps_the_whole_column_as_decimals() {
        // 67,108,864 units of the last place: one more than 26 bits hold.
        for big in ["671088.64", "67108864", "0.1234567890123", "-99999999"] {
            let mut c = column(&["1.5", "-2", "0.00"]);
            assert!(c.is_packed());
            c.push(s(big));
            c.push(s("3.25"));
            assert!(!c.is_packed(), "{big}");
            let want = ["1.5", "-2", "0.00", big, "3.25"];
            assert_eq!(c.len(), want.len());
            for (row, x) in want.iter().enumerate() {
                assert!(same_bits(c.get(row).unwrap(), s(x)), "{big}: row {row}");
            }
        }
        let huge = column(&[&Decimal::MAX.to_string(), "1"]);
        assert!(!huge.is_packed());
        assert_eq!(huge.get(0), Some(Score(Decimal::MAX)));
    }

    #[test]
    fn columns_compare_swap_slice_and_serialise_as_lists() {
        let packed = column(&["1", "2.50", "3"]);
        let mut wide = column(&["1", "2.5", "3", "1e20"]);
        assert!(!wide.is_packed());
        wide = wide.iter().take(3).collect::<Vec<_>>().into();
        // Equal numbers compare equal, packed or not (2.50 = 2.5).
        assert_eq!(packed, wide);
        assert_eq!(packed, [s("1"), s("2.5"), s("3")]);
        assert_ne!(packed, column(&["1", "2.5"]));
        let mut swapped = packed.clone();
        swapped.swap(0, 2);
        assert_eq!(swapped, column(&["3", "2.5", "1"]));
        assert_eq!(packed.to_vec(1..3), vec![s("2.5"), s("3")]);
        assert_eq!(packed.to_vec(2..4), Vec::<Score>::new());
        let json = serde_json::to_string(&packed).unwrap();
        assert_eq!(
            json,
            serde_json::to_string(&vec![s("1"), s("2.50"), s("3")]).unwrap()
        );
        let back: ScoreColumn = serde_json::from_str(&json).unwrap();
        assert!(back.is_packed());
        assert!(same_bits(back.get(1).unwrap(), s("2.50")));
        assert_eq!(
            format!("{packed:?}"),
            format!("{:?}", vec![s("1"), s("2.50"), s("3")])
        );
    }

    proptest::proptest! {
        /// Any decimal at all comes back bit for bit, whether it packs or not.
        #[test]
        fn any_decimal_comes_back_bit_for_bit(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28, small: bool,
        ) {
            let d = if small {
                Decimal::from_parts(lo % PACKED_DIGITS, 0, 0, negative, scale)
            } else {
                Decimal::from_parts(lo, mid, hi, negative, scale)
            };
            let mut c = ScoreColumn::default();
            c.push(Score(d));
            c.push(s("1.25"));
            proptest::prop_assert!(same_bits(c.get(0).unwrap(), Score(d)));
            proptest::prop_assert!(same_bits(c.get(1).unwrap(), s("1.25")));
            if small {
                proptest::prop_assert!(c.is_packed());
            }
        }
    }
}
