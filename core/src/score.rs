//! [`Score`]: a number of points, always an exact decimal.

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
}
