//! Analyses beyond the document (issue 12): how much the result depends on the choices the
//! document leaves open, and on the weights it fixes; and what a park would need to move up.
//!
//! - [`readings`](readings::readings): the dataset evaluated under every reading of the
//!   document's ambiguous sentences — each comparative (排序法) method × each bonus rule, 8
//!   readings — with each park's rank, total and award under each, the parks whose rank or
//!   award changes, and a Chinese sentence summing it up.
//! - [`stability`](stability::stability): rank stability under the weights, by Monte Carlo
//!   over the full marks of the comparative indicators (each × U[1 − s, 1 + s], rescaled to
//!   the same total), as the MCDA literature defines it: rank acceptability b(r), the
//!   probability of an award place, the median rank and the 5–95 % band, the pairwise index
//!   P(A ranked above B) of neighbours, and a sentence per park.
//! - [`moves`](moves::moves): what moved between two evaluations of the same round (a
//!   setting changed): each park's rank and award before and after, and one bounded sentence.
//! - [`compare`](compare::compare): year over year — last year's result next to this
//!   year's, parks matched by official name: rank movement (↑3 / ↓1 / 新参评 / 未参评),
//!   total and group subtotal changes, each raw value's change and growth (undefined, with
//!   its reason, when last year's value is 0 or missing), vetoed parks named; ranks lead,
//!   since 排序法 scores are relative. It takes both evaluations, made by the caller.
//! - [`move_up`]: what it takes to move up — every park's gap to the park above on the rounded
//!   totals ([`gaps`](move_up::gaps), `距第 1 名 红山园区 差 0.38 分`); for one park, on each
//!   comparative indicator, the next better value among the other parks (reaching it ties with
//!   them) and the points, total and rank it gives, found by re-scoring a copy of the data
//!   ([`targets`](move_up::targets)); and the one-at-a-time sensitivity of its rank to each
//!   comparative indicator's full marks, rescaled as the Monte Carlo rescales them
//!   ([`tornado`](move_up::tornado)).
//! - [`what_if`](what_if::what_if): a park's values changed on a copy of the data (the data
//!   untouched), everything re-scored, the park's new scores, total and rank, and the parks
//!   whose rank moved.
//!
//! All are pure and deterministic (the Monte Carlo's generator is [`stability::SplitMix64`],
//! seeded by the caller), structured data first; their sentences and tables are rendered from
//! that data. They call [`evaluate`](crate::evaluate) (`moves` compares two of its results)
//! and never score a cell themselves, except the Monte Carlo's samples and the tornado's ends,
//! which scale the engine's exact unit scores ([`stability::WeightModel`]).

pub mod compare;
pub mod move_up;
pub mod moves;
pub mod readings;
pub mod stability;
pub mod what_if;

use rust_decimal::Decimal;

/// A figure as the analyses print it: as given, without trailing zeros (`38.6`, `300`), the
/// way every explanation prints one.
pub(crate) use crate::scoring::num;

/// A change as printed, from the printed number `text` of `d`: `+` before a positive one
/// (`+5.06`), a negative or zero one as it is (`-1.20`, `0.00`).
pub(crate) fn signed(text: String, d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}

/// A share of `count` in `total` as a percentage with one decimal, `97.3`, computed in
/// integers (half away from zero), so that the sentence is the same on every platform. A share
/// that is neither none nor all never prints as `0.0` or `100.0`: `<0.1`, `>99.9`.
pub fn percent_text(count: u64, total: u64) -> String {
    if total == 0 {
        return "0.0".to_owned();
    }
    let tenths = (u128::from(count) * 2000 + u128::from(total)) / (2 * u128::from(total));
    if tenths == 0 && count > 0 {
        return "<0.1".to_owned();
    }
    if tenths == 1000 && count < total {
        return ">99.9".to_owned();
    }
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::percent_text;

    #[test]
    fn percentages() {
        assert_eq!(percent_text(9730, 10_000), "97.3");
        assert_eq!(percent_text(9735, 10_000), "97.4");
        assert_eq!(percent_text(10_000, 10_000), "100.0");
        assert_eq!(percent_text(9_996, 10_000), ">99.9");
        assert_eq!(percent_text(0, 10_000), "0.0");
        assert_eq!(percent_text(4, 10_000), "<0.1");
        assert_eq!(percent_text(1, 3), "33.3");
        assert_eq!(percent_text(2, 3), "66.7");
    }
}
